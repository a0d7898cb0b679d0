"""The suggestion panel at intake and in the case editor: computed off the GUI thread as the
person types, the decisive phrase highlighted, taken with F8, recorded with the case."""

from __future__ import annotations

from accounts_fixture import staff_actor
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.enums import LABOUR_TOPIC
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.ui.case_editor import CaseEditor, InputDialog
from pakn_desktop.ui.intake import IntakeForm_
from pakn_desktop.ui.suggestion_panel import HIGHLIGHT, highlighted


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Typed as key events (keyClicks stops at non-ASCII letters)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def make_form(qtbot: QtBot, services: Services) -> IntakeForm_:
    form = IntakeForm_(services, staff_actor(services))
    qtbot.addWidget(form)
    form.resize(1366, 768)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=3000)
    return form


def fill(form: IntakeForm_) -> None:
    type_text(form.fields.submitter_name, "Phạm Văn Đức")
    type_text(form.fields.address, "Thôn 2, xã Đắk Tô, tỉnh Quảng Ngãi")
    type_text(form.fields.phone, "0905 111 222")
    type_text(form.fields.title, "Chậm chi trả trợ cấp thất nghiệp")
    type_text(form.fields.content, "Đã nộp hồ sơ hơn 20 ngày mà chưa nhận được tiền.")


def test_intake_suggests_while_typing_and_f8_fills_topic_and_unit(
    qtbot: QtBot, services: Services
) -> None:
    form: IntakeForm_ = make_form(qtbot, services)
    panel = form.suggestion
    assert panel.suggestion is None and not panel.take_button.isEnabled()
    fill(form)
    qtbot.waitUntil(lambda: panel.suggestion is not None, timeout=5000)
    s = panel.suggestion
    assert s is not None and str(s.scope.scope) == "accept"
    assert s.topic == LABOUR_TOPIC
    assert "Phạm vi" in panel.scope_label.text()
    assert LABOUR_TOPIC in panel.lists.text()
    assert form.fields.topic.currentText() == ""
    qtbot.keyClick(form.fields.content, Qt.Key.Key_F8)
    assert form.fields.topic.currentText() == LABOUR_TOPIC
    assert form.unit.currentText() == "Phòng Lao động - Việc làm"
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.code_label.text().startswith("26-"), timeout=5000)
    rows = {r.kind: r for r in services.routing.agreement(staff_actor(services))}
    assert rows["scope"].suggested == 1 and rows["topic"].taken == 1


def test_a_complaint_is_shown_with_its_phrase_marked(qtbot: QtBot, services: Services) -> None:
    form = make_form(qtbot, services)
    type_text(form.fields.title, "Đơn gửi Sở")
    type_text(form.fields.content, "Tôi khiếu nại quyết định cắt trợ cấp người có công của mẹ tôi.")
    panel = form.suggestion
    qtbot.waitUntil(lambda: panel.suggestion is not None, timeout=5000)
    assert "Khiếu nại" in panel.scope_label.text()
    assert f"background:{HIGHLIGHT}" in panel.excerpt.text()
    assert ">khiếu nại</span>" in panel.excerpt.text()
    assert "Luật Khiếu nại" not in panel.scope_label.text()  # the reason, not the advice
    assert "khiếu nại" in panel.scope_label.text().lower()


def test_highlight_escapes_what_was_typed() -> None:
    out = highlighted("a <b>x</b> tố cáo y", (11, 17))
    assert "&lt;b&gt;" in out and f"{HIGHLIGHT};font-weight:bold'>tố cáo</span>" in out


def test_editor_f8_opens_the_rejection_with_the_ground_chosen(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor
) -> None:
    case = services.cases.receive(
        IntakeForm(
            submitter_kind="citizen",
            submitter_name="Lê Văn Tâm",
            address="Thôn 1, xã Bình Sơn, tỉnh Quảng Ngãi",
            phone="0935 222 444",
            title="Tố cáo cán bộ xã",
            content="Tôi tố cáo cán bộ chi trả ở xã giữ lại tiền trợ cấp của các cụ.",
            channel="walk_in",
        ),
        actor,
    )
    editor = CaseEditor(services, actor, case.code)
    qtbot.addWidget(editor)
    editor.resize(1366, 768)
    editor.show()
    panel = editor.suggestion
    qtbot.waitUntil(lambda: panel.suggestion is not None, timeout=5000)
    assert "Tố cáo" in panel.scope_label.text()
    seen: list[str] = []

    def drive() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, InputDialog) or dlg.combo is None:
            QTimer.singleShot(20, drive)
            return

        def answer() -> None:
            assert isinstance(dlg, InputDialog) and dlg.combo is not None
            seen.append(str(dlg.combo.currentData()))
            ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

        QTimer.singleShot(50, answer)

    QTimer.singleShot(0, drive)
    qtbot.keyClick(editor.fields.content, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == ["denunciation"]
    qtbot.waitUntil(lambda: str(editor.detail.state) == "rejected", timeout=5000)
    rows = {r.kind: r for r in services.routing.agreement(actor)}
    assert (rows["scope"].suggested, rows["scope"].decided, rows["scope"].taken) == (1, 1, 1)
