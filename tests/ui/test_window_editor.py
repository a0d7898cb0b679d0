"""The case editor: a head corrects a receipt time with a reason; action dialogs keep a missing
reason inside the dialog."""

from __future__ import annotations

from datetime import date, datetime

from accounts_fixture import staff_actor
from builders import a_form
from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.enums import CaseState
from pakn_desktop.domain.workflow import Action
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor
from pakn_desktop.ui.case_editor import CaseEditor, InputDialog

FORM = a_form(title="Chậm cấp giấy xác nhận")


def editor_for(qtbot: QtBot, services: Services, who: Actor, code: str) -> CaseEditor:
    editor = CaseEditor(services, who, code)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_head_corrects_the_receipt_time_in_the_editor(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, front_desk, head
) -> None:
    case = services.cases.receive(FORM, front_desk)
    editor = editor_for(qtbot, services, head, case.code)
    assert editor.correct_received.isVisibleTo(editor)
    dialog = editor.ask_correct_received()
    dialog.when.setDateTime(QDateTime(2026, 4, 20, 8, 15, 0))
    dialog.accept()  # no reason: refused inside the dialog, which stays open
    assert dialog.isVisible() and "lý do" in dialog.error.text()
    assert services.case_reads.get(case.code, staff_actor(services)).received_at == case.received_at
    qtbot.keyClicks(dialog.reason, "Nhap cham")
    dialog.accept()
    assert not dialog.isVisible()
    fixed = services.case_reads.get(case.code, staff_actor(services))
    assert fixed.received_at == datetime(2026, 4, 20, 8, 15)
    assert fixed.clock_start == date(2026, 4, 20)
    assert editor.detail.version == fixed.version
    assert "20/04/2026" in editor.details_text.text()
    top = editor.history.topLevelItem(editor.history.topLevelItemCount() - 1)
    assert top is not None and "Nhap cham" in top.text(2)


def test_only_a_head_sees_the_receipt_time_correction(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor, official_actor
) -> None:
    case = services.cases.receive(FORM, actor)
    # The official handles the case (it is theirs) and still may not correct the receipt time.
    case = services.cases.accept(
        case.code, actor, official_id=official_actor.id, expected_version=case.version
    )
    editor = editor_for(qtbot, services, official_actor, case.code)
    assert editor.detail.official_id == official_actor.id
    assert not editor.correct_received.isVisibleTo(editor)


def test_reopen_with_an_empty_reason_keeps_the_dialog_open(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor
) -> None:
    case = services.cases.receive(FORM, actor)
    services.cases.reject(case.code, "Nội dung là khiếu nại.", actor, expected_version=case.version)
    editor = editor_for(qtbot, services, actor, case.code)
    assert editor.buttons[Action.REOPEN].isEnabled()
    steps: list[str] = []

    def drive() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, InputDialog):
            QTimer.singleShot(20, drive)
            return
        ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # empty reason
        steps.append(f"{dlg.isVisible()}|{dlg.error.text()}")
        assert dlg.text is not None
        qtbot.keyClicks(dlg.text, "Nguoi dan bo sung giay to")
        dlg.accept()

    QTimer.singleShot(0, drive)
    editor.prompt_action(Action.REOPEN)
    assert steps and steps[0].startswith("True|") and len(steps[0]) > 6
    reopened = services.case_reads.get(case.code, staff_actor(services))
    assert reopened.state is CaseState.RECEIVED
    assert "Nguoi dan bo sung giay to" in reopened.events[-1].summary


def test_editor_field_message_goes_once_the_field_is_right(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor
) -> None:
    case = services.cases.receive(FORM, actor)
    editor = editor_for(qtbot, services, actor, case.code)
    editor.fields.phone.clear()
    qtbot.mouseClick(editor.save_fields, Qt.MouseButton.LeftButton)
    phone_error = editor.fields.errors["phone"]
    # Said under the field itself, as at intake; the cursor is put there.
    assert phone_error.isVisibleTo(editor) and "số điện thoại" in phone_error.text()
    assert editor.focusWidget() is editor.fields.phone
    qtbot.keyClicks(editor.fields.phone, "09")
    assert phone_error.isVisibleTo(editor)  # still wrong, still said
    qtbot.keyClicks(editor.fields.phone, "12 345 678")
    assert not phone_error.isVisibleTo(editor)
    assert (
        services.case_reads.get(case.code, staff_actor(services)).phone == "0912 345 678"
    )  # nothing saved meanwhile
