"""Personal data in the window (issue 12): warned where people type it, moved to the private
note on request, and never shown by Tra cứu."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from builders import a_form
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.domain.workflow import Action
from pakn_desktop.services import Services
from pakn_desktop.ui.case_editor import CaseEditor, InputDialog
from pakn_desktop.ui.lookup import LookupView
from pakn_desktop.ui.person_data import PersonDataDialog
from pakn_desktop.ui.privacy_warning import PrivacyWarning

SECRET = "CCCD 062 190 001 234, ĐT 0987 654 321, email lan@example.vn, STK 0071000123456"
VALUES = ("062 190 001 234", "0987 654 321", "lan@example.vn", "0071000123456")
NOTE_LINES = [
    "Số CCCD: 062190001234",
    "Số điện thoại: 0987 654 321",
    "Email: lan@example.vn",
    "Số tài khoản: 0071000123456",
]

FORM = a_form(
    submitter_name="Trần Thị Lan",
    address="Số 7 Lê Lợi, phường Kon Tum",
    title="Chậm chi trả trợ cấp",
    content="Đề nghị Sở xem xét.",
)


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying each character, as a Vietnamese keyboard (IME) delivers them
    (QTest.keyClicks only knows ASCII keys)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def test_warning_on_a_text_box_highlights_and_moves(qtbot: QtBot) -> None:
    box = QPlainTextEdit()
    warning = PrivacyWarning(box)
    qtbot.addWidget(box)
    qtbot.addWidget(warning)
    assert warning.isHidden()
    type_text(box, f"Xin liên hệ {SECRET}.")
    assert not warning.isHidden()
    text = warning.label.text()
    for word in ("số CCCD", "số điện thoại", "email", "số tài khoản", "công khai"):
        assert word in text
    assert warning.move_button.text() == "Chuyển thông tin cá nhân sang ghi chú nội bộ"
    # The highlighter marks each finding in the block.
    layout = box.document().firstBlock().layout()
    assert len(layout.formats()) == 4
    qtbot.mouseClick(warning.move_button, Qt.MouseButton.LeftButton)
    assert box.toPlainText() == (
        "Xin liên hệ CCCD [số CCCD], ĐT [số điện thoại], email [email], STK [số tài khoản]."
    )
    assert warning.moved_note().splitlines() == NOTE_LINES
    assert warning.isHidden()
    # Twice: nothing more to move, nothing added.
    assert warning.move_to_private() == ""
    assert warning.moved_note().splitlines() == NOTE_LINES


def test_warning_on_a_line_marks_it_and_fills_the_form_note(qtbot: QtBot) -> None:
    line = QLineEdit()
    note = QPlainTextEdit()
    note.setPlainText("Gọi sau 17 giờ")
    warning = PrivacyWarning(line, note)
    for w in (line, note, warning):
        qtbot.addWidget(w)
    type_text(line, "Hỏi về Hộ chiếu C1234567")
    assert not warning.isHidden() and "ffe0e0" in line.styleSheet()
    assert line.toolTip() == "số hộ chiếu: C1234567"
    warning.move_to_private()
    assert line.text() == "Hỏi về Hộ chiếu [số hộ chiếu]"
    assert note.toPlainText() == "Gọi sau 17 giờ\nSố hộ chiếu: C1234567"
    assert warning.moved_note() == ""  # it went to the form's own note
    assert line.styleSheet() == "" and warning.isHidden()


def test_a_read_only_field_is_warned_about_but_not_changed(qtbot: QtBot) -> None:
    box = QPlainTextEdit()
    box.setPlainText(SECRET)
    box.setReadOnly(True)
    warning = PrivacyWarning(box)
    qtbot.addWidget(box)
    qtbot.addWidget(warning)
    warning.show()
    assert warning.isVisible() and not warning.move_button.isVisible()
    assert warning.move_to_private() == "" and box.toPlainText() == SECRET


def _answer(qtbot: QtBot, text: str, move: bool, seen: list[str]) -> None:
    """When the action's dialog opens: type ``text``, note the warning, move if asked, OK."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, InputDialog) and dialog.privacy is not None
        field = dialog.text if dialog.text is not None else dialog.combo.lineEdit()  # type: ignore[union-attr]
        if isinstance(field, QPlainTextEdit):
            field.clear()
            type_text(field, text)
        else:
            assert field is not None
            field.selectAll()
            type_text(field, text)
        seen.append(dialog.privacy.label.text() if not dialog.privacy.isHidden() else "")
        if move:
            qtbot.mouseClick(dialog.privacy.move_button, Qt.MouseButton.LeftButton)
        dialog.accept()

    QTimer.singleShot(0, act)


@pytest.fixture
def editor_for(qtbot: QtBot, services: Services) -> Callable[[str], CaseEditor]:
    def make(code: str) -> CaseEditor:
        editor = CaseEditor(services, staff_actor(services), code)
        qtbot.addWidget(editor)
        editor.resize(1366, 768)
        editor.show()
        return editor

    return make


def test_every_public_action_dialog_warns_and_moves(
    qtbot: QtBot, services: Services, editor_for: Callable[[str], CaseEditor]
) -> None:
    actor = staff_actor(services)
    case = services.cases.receive(FORM, actor, private_note="Gọi sau 17 giờ")
    editor = editor_for(case.code)
    seen: list[str] = []
    steps = [
        (Action.ASK_CLARIFICATION, "Đề nghị bổ sung: "),
        (Action.SUPPLEMENT, "Đã nhận bổ sung: "),
        (Action.ACCEPT, None),
        (Action.POST_PROGRESS, "Đang xác minh: "),
        (Action.RECORD_RESULT, "Kết quả: "),
        (Action.PUBLISH_ANSWER, "Trả lời: "),
    ]
    for action, prefix in steps:
        if prefix is not None:
            _answer(qtbot, prefix + SECRET, move=True, seen=seen)
        editor.prompt_action(action)
        if action is Action.ACCEPT:
            # The head assigns the case to the person at this desk, who handles it from a
            # freshly opened editor (progress and results are the assigned official's).
            version = services.case_reads.get(case.code, staff_actor(services)).version
            services.cases.assign(case.code, actor.id or 0, actor, expected_version=version)
            editor = editor_for(case.code)
    assert len(seen) == 5 and all("có thông tin cá nhân" in s for s in seen)
    d = services.case_reads.get(case.code, staff_actor(services))
    assert d.state.value == "answered"
    stored = "\n".join(
        [d.missing_info, d.result_text, d.answer_text] + [e.summary for e in d.events]
    )
    for value in VALUES:
        assert value not in stored
    assert "Trả lời: CCCD [số CCCD], ĐT [số điện thoại]" in d.answer_text
    # What was moved is in the private note, once per value, after the office's own note.
    lines = d.private_note.splitlines()
    assert lines[0] == "Gọi sau 17 giờ" and set(NOTE_LINES) <= set(lines)
    assert editor.fields.private_note.toPlainText() == d.private_note
    assert sum(e.action == "private_note" for e in d.events) == 5


def test_rejection_and_transfer_dialogs_warn_too(
    qtbot: QtBot, services: Services, editor_for: Callable[[str], CaseEditor]
) -> None:
    actor = staff_actor(services)
    rejected = services.cases.receive(FORM, actor)
    seen: list[str] = []
    _answer(qtbot, "Trùng PAKN của người có CCCD 062190001234", move=True, seen=seen)
    editor_for(rejected.code).prompt_action(Action.REJECT)
    transferred = services.cases.receive(FORM, actor)
    _answer(qtbot, "UBND xã Ia Chim, ĐT 0987 654 321", move=False, seen=seen)
    editor_for(transferred.code).prompt_action(Action.TRANSFER)
    assert "số CCCD" in seen[0] and "số điện thoại" in seen[1]
    r = services.case_reads.get(rejected.code, staff_actor(services))
    assert r.state.value == "rejected" and r.private_note == "Số CCCD: 062190001234"
    stored = "\n".join([r.rejection_reason] + [e.summary for e in r.events])
    assert "062190001234" not in stored
    # Not moved: stored as typed (the officer chose), but public outputs still mask it.
    t = services.case_reads.get(transferred.code, staff_actor(services))
    assert t.transfer_agency == "UBND xã Ia Chim, ĐT 0987 654 321" and t.private_note == ""
    (found,) = services.case_reads.lookup(transferred.code, staff_actor(services))
    assert all("0987 654 321" not in line for _at, line in found.history)


def test_a_failed_action_keeps_nothing_in_the_note(
    qtbot: QtBot, services: Services, editor_for: Callable[[str], CaseEditor]
) -> None:
    case = services.cases.receive(FORM, staff_actor(services))
    editor = editor_for(case.code)
    # Another desk acts first: the editor's version is stale, the action is refused.
    services.cases.accept(
        case.code,
        staff_actor(services),
        expected_version=services.case_reads.get(case.code, staff_actor(services)).version,
    )
    seen: list[str] = []
    _answer(qtbot, "Lý do: CCCD 062190001234", move=True, seen=seen)
    editor.prompt_action(Action.REJECT)
    d = services.case_reads.get(case.code, staff_actor(services))
    assert d.state.value == "in_progress" and d.private_note == ""
    assert not editor.banner.isHidden()


def test_editor_title_and_content_warn_and_move_to_the_private_note(
    qtbot: QtBot, services: Services, editor_for: Callable[[str], CaseEditor]
) -> None:
    case = services.cases.receive(FORM, staff_actor(services))
    editor = editor_for(case.code)
    title_warning, content_warning = editor.fields.privacy_warnings
    assert title_warning.isHidden() and content_warning.isHidden()
    editor.fields.content.moveCursor(QTextCursor.MoveOperation.End)
    type_text(editor.fields.content, " Số tài khoản 0071000123456")
    assert content_warning.isVisible()
    qtbot.mouseClick(content_warning.move_button, Qt.MouseButton.LeftButton)
    type_text(editor.fields.title, " MST 0100047516-001")
    assert title_warning.isVisible()
    title_warning.move_to_private()
    editor.save_edit()
    d = services.case_reads.get(case.code, staff_actor(services))
    assert d.content == "Đề nghị Sở xem xét. Số tài khoản [số tài khoản]"
    assert d.title == "Chậm chi trả trợ cấp MST [mã số thuế]"
    assert d.private_note == "Số tài khoản: 0071000123456\nMã số thuế: 0100047516-001"


def test_lookup_view_shows_no_personal_data(qtbot: QtBot, services: Services) -> None:
    actor = staff_actor(services)
    leaky = IntakeForm(**{**FORM.__dict__, "title": f"Chậm trả, {SECRET}"})
    case = services.cases.receive(leaky, actor)
    services.cases.accept(
        case.code,
        actor,
        official_id=actor.id,
        expected_version=services.case_reads.get(case.code, staff_actor(services)).version,
    )
    services.cases.post_progress(
        case.code,
        f"Đã gọi bà Trần Thị Lan, {SECRET}",
        actor,
        expected_version=services.case_reads.get(case.code, staff_actor(services)).version,
    )
    view = LookupView(services, staff_actor(services))
    qtbot.addWidget(view)
    view.show()
    type_text(view.query, case.code)
    with qtbot.waitSignal(view.shown, timeout=5000):
        qtbot.keyClick(view.query, Qt.Key.Key_Return)
    shown = view.result.toPlainText()
    assert case.code in shown and "Chậm trả, CCCD [số CCCD]" in shown
    assert "Đã gọi bà [họ tên], CCCD [số CCCD]" in shown
    for value in (*VALUES, "Trần Thị Lan"):
        assert value not in shown
    view.query.clear()
    type_text(view.query, "0912 345 678")
    with qtbot.waitSignal(view.shown, timeout=5000):
        qtbot.keyClick(view.query, Qt.Key.Key_Return)
    shown = view.result.toPlainText()
    assert case.code in shown and "Đang xử lý" in shown
    assert "Chậm trả" not in shown and "Đã gọi" not in shown
    assert "chỉ hiện mã, ngày và tình trạng" in shown


def _click_in_message_box(qtbot: QtBot, yes: bool) -> None:
    def act() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        button = QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, act)


def test_person_data_dialog_finds_exports_and_anonymises(
    qtbot: QtBot,
    services: Services,
    clock,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    actor = staff_actor(services)
    case = services.cases.receive(
        IntakeForm(**{**FORM.__dict__, "content": f"Nội dung, {SECRET}"}), actor
    )
    services.cases.reject(
        case.code,
        "Trùng",
        actor,
        expected_version=services.case_reads.get(case.code, staff_actor(services)).version,
    )
    services.cases.close(
        case.code,
        actor,
        expected_version=services.case_reads.get(case.code, staff_actor(services)).version,
    )
    dialog = PersonDataDialog(services, actor)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    assert not dialog.export_pdf_button.isEnabled() and dialog.retention.value() == 5
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    assert "Vui lòng nhập" in dialog.message.text()
    type_text(dialog.query, "0912 345 678")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    shown = dialog.details.toPlainText()
    assert case.code in shown and "Trần Thị Lan" in shown and "0071000123456" in shown
    assert "24/04/2031" not in shown and "25/04/2031" in shown  # 5 years after closing
    assert dialog.export_json_button.isEnabled()
    # No reason: refused, nothing written.
    op = dialog.export("json", tmp_path / "x.json")
    assert op is not None
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    assert "lý do" in dialog.message.text() and not (tmp_path / "x.json").exists()
    type_text(dialog.reason, "Theo đơn ngày 20/04/2026")
    op = dialog.export("pdf", tmp_path / "lan.pdf")
    assert op is not None
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    assert (tmp_path / "lan.pdf").read_bytes().startswith(b"%PDF")
    assert "Đã xuất ra" in dialog.message.text()
    # Too early to anonymise: refused with the date, nothing changed.
    _click_in_message_box(qtbot, yes=True)
    assert not dialog.anonymise()
    assert "25/04/2031" not in dialog.message.text() and "24/04/2031" in dialog.message.text()
    # A shorter retention period, then a "No" changes nothing, a "Yes" anonymises.
    dialog.retention.setValue(1)
    qtbot.mouseClick(dialog.save_retention, Qt.MouseButton.LeftButton)
    assert services.personal_data.retention_years() == 1
    clock.set(datetime(2027, 5, 3, 9, 0))
    _click_in_message_box(qtbot, yes=False)
    assert not dialog.anonymise()
    assert (
        services.case_reads.get(case.code, staff_actor(services)).submitter_name == "Trần Thị Lan"
    )
    _click_in_message_box(qtbot, yes=True)
    assert dialog.anonymise()
    assert case.code in dialog.message.text() and not dialog.anonymise_button.isEnabled()
    assert (
        services.case_reads.get(case.code, staff_actor(services)).submitter_name == "[đã ẩn danh]"
    )
    dialog.search()
    assert "Không tìm thấy" in dialog.message.text()


def test_person_data_dialog_refuses_someone_not_an_administrator(
    qtbot: QtBot,
    services: Services,
    front_desk,  # type: ignore[no-untyped-def]
) -> None:
    services.cases.receive(FORM, staff_actor(services))
    dialog = PersonDataDialog(services, front_desk)
    qtbot.addWidget(dialog)
    type_text(dialog.query, "0912345678")
    dialog.search()
    refused = "không có quyền tra cứu, xuất, ẩn danh dữ liệu cá nhân"
    assert refused in dialog.message.text()
    assert dialog.details.toPlainText() == "" and not dialog.export_pdf_button.isEnabled()
    dialog.retention.setValue(9)
    dialog.set_retention()
    assert refused in dialog.message.text() and dialog.retention.value() == 5
    assert services.personal_data.retention_years() == 5
