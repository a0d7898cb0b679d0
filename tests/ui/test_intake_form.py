"""The intake form at the desk: recovered forms wait for a decision, the receipt time is
changed only on purpose, nothing moves under the pointer, errors go once fixed, Tab reaches
every control."""

from __future__ import annotations

import json
from datetime import datetime

from accounts_fixture import staff_actor
from PySide6.QtCore import QDateTime, QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.services import Services
from pakn_desktop.ui.intake import AUTOSAVE_DELAY_MS, IntakeForm_, recovered_forms


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def make_form(qtbot: QtBot, services: Services) -> IntakeForm_:
    form = IntakeForm_(services, staff_actor(services))
    qtbot.addWidget(form)
    form.resize(1200, 700)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=3000)
    return form


def fill(form: IntakeForm_, name: str = "Phạm Văn Đức") -> None:
    type_text(form.fields.submitter_name, name)
    type_text(form.fields.address, "Thôn 2, xã Đắk Tô, tỉnh Quảng Ngãi")
    type_text(form.fields.phone, "0905 111 222")
    type_text(form.fields.title, "Chậm chi trả trợ cấp thất nghiệp")
    type_text(form.fields.content, "Đã nộp hồ sơ hơn 20 ngày mà chưa nhận được tiền.")


def answer_next_box(qtbot: QtBot, button_text: str) -> list[str]:
    """Click ``button_text`` in the next message box; returns the box's text when it came."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        for b in box.findChildren(QAbstractButton):
            if b.text() == button_text:
                b.click()
                return
        # Never leave a modal box open (the test would hang): close it and let the test fail.
        seen.append(f"NO BUTTON {button_text!r} in {[b.text() for b in box.buttons()]}")
        box.reject()

    QTimer.singleShot(0, click)
    return seen


def test_an_untouched_new_form_writes_nothing_and_offers_nothing(
    qtbot: QtBot, services: Services
) -> None:
    form = make_form(qtbot, services)
    qtbot.wait(AUTOSAVE_DELAY_MS + 300)
    form.autosave()
    assert not form.autosave_file.exists()
    assert not form.restore_banner.isVisibleTo(form)


def test_recovered_form_waits_through_typing_and_restarts_until_restored(
    qtbot: QtBot, services: Services
) -> None:
    crashed = make_form(qtbot, services)
    fill(crashed)
    qtbot.waitUntil(crashed.autosave_file.exists, timeout=3000)  # within a second of typing
    crashed.hide()  # the process "dies": nothing is cleaned up, its slot is free
    crashed.release_autosave_slot()

    second = make_form(qtbot, services)
    assert second.restore_banner.isVisibleTo(second)
    assert "Phạm Văn Đức" in second.restore_text.text()
    # The next caller is typed in meanwhile; the recovered form is not touched.
    type_text(second.fields.submitter_name, "Lê Thị Hoa")
    qtbot.waitUntil(second.autosave_file.exists, timeout=3000)
    assert len(recovered_forms()) == 1
    kept = json.loads(recovered_forms()[0].read_text(encoding="utf-8"))
    assert kept["submitter_name"] == "Phạm Văn Đức"
    second.hide()
    second.release_autosave_slot()

    # Another restart without a decision: both unsaved forms wait, the newest offered first.
    third = make_form(qtbot, services)
    assert len(recovered_forms()) == 2
    assert "2" in third.restore_text.text()
    assert "Lê Thị Hoa" in third.restore_text.text()
    qtbot.mouseClick(third.discard_button, Qt.MouseButton.LeftButton)
    assert third.restore_banner.isVisibleTo(third)  # the older one is still offered
    qtbot.mouseClick(third.restore_button, Qt.MouseButton.LeftButton)
    assert third.fields.submitter_name.text() == "Phạm Văn Đức"
    assert third.fields.content.toPlainText() == "Đã nộp hồ sơ hơn 20 ngày mà chưa nhận được tiền."
    assert not third.restore_banner.isVisibleTo(third) and recovered_forms() == []
    assert third.autosave_file.exists()  # the restored form is this session's autosave now
    qtbot.keyClick(third.fields.content, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert third.message.text() == "Đã lưu."
    assert not third.autosave_file.exists()


def test_restore_over_typed_text_asks_first(qtbot: QtBot, services: Services) -> None:
    crashed = make_form(qtbot, services)
    fill(crashed)
    crashed.autosave()
    crashed.hide()
    crashed.release_autosave_slot()
    form = make_form(qtbot, services)
    type_text(form.fields.submitter_name, "Lê Thị Hoa")
    seen = answer_next_box(qtbot, "Tiếp tục nhập")
    qtbot.mouseClick(form.restore_button, Qt.MouseButton.LeftButton)
    assert seen and "NO BUTTON" not in seen[-1]
    assert form.fields.submitter_name.text() == "Lê Thị Hoa" and len(recovered_forms()) == 1


def test_untouched_receipt_time_is_the_time_of_saving(
    qtbot: QtBot, services: Services, clock
) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, services)
    clock.set(datetime(2026, 4, 24, 11, 47))  # the caller took a while
    fill(form)
    qtbot.keyClick(form.fields.content, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = services.case_reads.get(form.code_label.text(), staff_actor(services))
    assert saved.received_at == datetime(2026, 4, 24, 11, 47)


def test_receipt_time_far_back_asks_and_can_be_corrected(qtbot: QtBot, services: Services) -> None:
    form = make_form(qtbot, services)
    fill(form)
    form.received.setFocus()
    form.received.setDateTime(QDateTime(2026, 1, 29, 9, 0, 0))  # the accident of the issue
    seen = answer_next_box(qtbot, "Sửa lại thời điểm")
    qtbot.keyClick(form.fields.content, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert seen and "29/01/2026" in seen[0]
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 0
    qtbot.waitUntil(lambda: form.focusWidget() is form.received, timeout=2000)
    assert form.fields.submitter_name.text() == "Phạm Văn Đức"

    assert form.received_now.isVisibleTo(form)  # marked as changed, with a way back
    qtbot.mouseClick(form.received_now, Qt.MouseButton.LeftButton)
    assert not form.received_now.isVisibleTo(form)
    assert form.received_at() == datetime(2026, 4, 24, 9, 30)  # now again
    form.received.setDateTime(QDateTime(2026, 4, 20, 8, 0, 0))  # on purpose, confirmed
    answer_next_box(qtbot, "Lưu với thời điểm này")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    saved = services.case_reads.get(form.code_label.text(), staff_actor(services))
    assert saved.received_at == datetime(2026, 4, 20, 8, 0)


def test_receipt_time_within_a_working_day_saves_without_asking(
    qtbot: QtBot, services: Services
) -> None:
    form = make_form(qtbot, services)
    fill(form)
    form.received.setDateTime(QDateTime(2026, 4, 23, 16, 30, 0))
    qtbot.keyClick(form.fields.content, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.message.text() == "Đã lưu."
    assert services.case_reads.get(
        form.code_label.text(), staff_actor(services)
    ).received_at == datetime(2026, 4, 23, 16, 30)


def test_receipt_time_in_the_future_is_refused_in_the_field(
    qtbot: QtBot, services: Services
) -> None:
    form = make_form(qtbot, services)
    fill(form)
    form.received.setDateTime(QDateTime(2026, 4, 24, 15, 0, 0))
    answer_next_box(qtbot, "Lưu với thời điểm này")
    qtbot.keyClick(form.fields.content, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.fields.errors["received_at"].isVisibleTo(form)
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 0


def test_code_of_the_last_save_never_moves_the_form(qtbot: QtBot, services: Services) -> None:
    form = make_form(qtbot, services)
    before = {
        w: w.mapTo(form, QPoint(0, 0))
        for w in (form.fields.submitter_name, form.received, form.fields.kind)
    }
    fill(form)
    qtbot.keyClick(form.fields.content, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.result.isVisibleTo(form) and form.code_label.text().startswith("26-")
    QApplication.processEvents()
    after = {w: w.mapTo(form, QPoint(0, 0)) for w in before}
    assert after == before


def test_field_errors_go_as_soon_as_the_field_is_valid(qtbot: QtBot, services: Services) -> None:
    form = make_form(qtbot, services)
    qtbot.keyClick(form.fields.content, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.fields.errors["submitter_name"].isVisibleTo(form)
    assert form.fields.errors["phone"].isVisibleTo(form)
    type_text(form.fields.submitter_name, "Phạm Văn Đức")
    assert not form.fields.errors["submitter_name"].isVisibleTo(form)
    assert form.fields.errors["phone"].isVisibleTo(form)  # still wrong, still said
    type_text(form.fields.phone, "09")
    assert form.fields.errors["phone"].isVisibleTo(form)
    type_text(form.fields.phone, "05 111 222")
    assert not form.fields.errors["phone"].isVisibleTo(form)
    assert not form.fields.errors["email"].isVisibleTo(form)  # no new error while typing


def test_tab_reaches_the_personal_data_button_and_everything_after(
    qtbot: QtBot, services: Services
) -> None:
    form = make_form(qtbot, services)
    form.activateWindow()
    type_text(form.fields.content, "Gọi lại số 0905 111 222.")
    assert form.fields.content_privacy.move_button.isVisibleTo(form)
    order = [QApplication.focusWidget()]
    for _ in range(9):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order[:3] == [
        form.fields.content,
        form.fields.content_privacy.move_button,
        form.fields.private_note,
    ]
    assert form.save_button in order and form.add_file in order
    qtbot.keyClick(form.fields.content_privacy.move_button, Qt.Key.Key_Space)
    assert "0905 111 222" in form.fields.private_note.toPlainText()


def test_a_second_window_leaves_the_first_ones_form_alone(qtbot: QtBot, services: Services) -> None:
    first = make_form(qtbot, services)
    fill(first)
    first.autosave()
    second = make_form(qtbot, services)  # started again by accident while the first runs
    assert second.autosave_file != first.autosave_file
    assert not second.restore_banner.isVisibleTo(second) and recovered_forms() == []
    type_text(second.fields.submitter_name, "Lê Thị Hoa")
    second.autosave()
    kept = json.loads(first.autosave_file.read_text(encoding="utf-8"))
    assert kept["submitter_name"] == "Phạm Văn Đức"
    # When the first window's process ends, its form is offered at the next start.
    first.hide()
    first.release_autosave_slot()
    third = make_form(qtbot, services)
    assert third.restore_banner.isVisibleTo(third)
    assert "Phạm Văn Đức" in third.restore_text.text()
    assert "Lê Thị Hoa" not in third.restore_text.text()  # the second window is still open


def test_attached_files_come_back_with_the_recovered_form(
    qtbot: QtBot, services: Services, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    scan = tmp_path / "đơn.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    crashed = make_form(qtbot, services)
    fill(crashed)
    crashed.add_files([scan])
    crashed.autosave()
    crashed.hide()
    crashed.release_autosave_slot()
    form = make_form(qtbot, services)
    qtbot.mouseClick(form.restore_button, Qt.MouseButton.LeftButton)
    assert form._attachments == [("đơn.pdf", scan.read_bytes())]
    assert form.attachment_list.count() == 1
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    saved = services.case_reads.get(form.code_label.text(), staff_actor(services))
    assert [a.filename for a in saved.attachments] == ["đơn.pdf"]
    assert list(form.autosave_file.parent.glob("*.files")) == []  # nothing left behind


def test_a_recovered_form_is_offered_only_for_the_database_it_was_typed_for(
    qtbot: QtBot, services: Services, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """A form typed in one database (the training copy, say) and left by a crash is not
    offered when another database is opened on this PC: restored there, it would become a
    case of the wrong register. It waits, untouched, and comes back with its own database."""
    crashed = make_form(qtbot, services)
    fill(crashed)
    qtbot.waitUntil(crashed.autosave_file.exists, timeout=3000)
    crashed.hide()
    crashed.release_autosave_slot()

    other = Services.open(f"sqlite:///{tmp_path / 'training.db'}", now=services.now)
    try:
        elsewhere = IntakeForm_(other, staff_actor(other))
        qtbot.addWidget(elsewhere)
        elsewhere.show()
        assert not elsewhere.restore_banner.isVisibleTo(elsewhere)
        assert not elsewhere.recovered_waiting
        (waiting,) = recovered_forms()
        assert json.loads(waiting.read_text(encoding="utf-8"))["submitter_name"] == "Phạm Văn Đức"
        elsewhere.hide()
        elsewhere.release_autosave_slot()
    finally:
        other.close()

    again = make_form(qtbot, services)
    assert again.restore_banner.isVisibleTo(again)
    assert "Phạm Văn Đức" in again.restore_text.text()
    again.hide()
    again.release_autosave_slot()
