"""One form for the case fields (ui/case_fields.py): the intake page and the case editor use the
same widget and the same mapping to and from the domain's intake data; a case shown in the
fields comes back unchanged; the editor edits only while the state and the role allow, and
keeps what it does not show; an autosave of the earlier format is still restored."""

from __future__ import annotations

import ast
import json
from dataclasses import asdict, replace
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.letters import RejectionGround
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.domain.workflow import Action
from pakn_desktop.services import Services
from pakn_desktop.services.paths import data_dir
from pakn_desktop.services.views import Actor
from pakn_desktop.ui import case_fields
from pakn_desktop.ui.case_editor import CaseEditor
from pakn_desktop.ui.case_fields import INTAKE_FIELDS, CaseFields, intake_of
from pakn_desktop.ui.intake import IntakeForm_

UI = Path(case_fields.__file__).resolve().parent

# Every field set, none at its default; the portal case carries a portal code.
CASES = {
    "citizen by phone": IntakeForm(
        submitter_kind="citizen",
        submitter_name="Nguyễn Thị Bích",
        address="Số 12 Trần Hưng Đạo, phường Kon Tum, tỉnh Quảng Ngãi",
        phone="0912 345 678",
        email="bich.nguyen@example.vn",
        title="Chậm cấp giấy xác nhận",
        content="Hồ sơ nộp từ tháng 3.\nĐến nay chưa được giải quyết.",
        channel="phone",
        portal_code="",
        topic="Lao động, việc làm của người khuyết tật",  # not one of the listed topics
        salutation="Bà",
    ),
    "business from the national portal": IntakeForm(
        submitter_kind="business",
        submitter_name="Công ty TNHH Hoa Sen",
        address="Lô B2, khu công nghiệp Sa Đéc",
        phone="0260 3797 799",
        email="lienhe@hoasen.example.vn",
        title="Đề nghị hướng dẫn thủ tục",
        content="Kính đề nghị Sở hướng dẫn thủ tục cấp phép.",
        channel="national_portal",
        portal_code="PAKN.2026.00042",
        topic="Giao thông",
        salutation="",
    ),
    "state agency by letter": IntakeForm(
        submitter_kind="state_agency",
        submitter_name="UBND xã Ia Chim",
        address="Xã Ia Chim",
        phone="1900 1234",
        email="",
        title="Kiến nghị sửa đường",
        content="Đường liên xã hỏng nặng.",
        channel="letter",
        portal_code="",
        topic="",
        salutation="",
    ),
}


def make_editor(qtbot: QtBot, services: Services, who: Actor, code: str) -> CaseEditor:
    editor = CaseEditor(services, who, code)
    qtbot.addWidget(editor)
    editor.resize(1366, 768)
    editor.show()
    return editor


def make_intake(qtbot: QtBot, services: Services, who: Actor) -> IntakeForm_:
    form = IntakeForm_(services, who)
    qtbot.addWidget(form)
    form.resize(1366, 700)
    form.show()
    return form


def test_intake_and_editor_hold_the_same_form_class(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor
) -> None:
    case = services.cases.receive(CASES["citizen by phone"], actor)
    intake = make_intake(qtbot, services, actor)
    editor = make_editor(qtbot, services, actor, case.code)
    assert type(intake.fields) is CaseFields and type(editor.fields) is CaseFields
    # Neither page has a line, text box or choice of its own outside the shared form (the
    # intake's receipt time, unit and files are rows inserted into it).
    for page, fields in ((intake, intake.fields), (editor, editor.fields)):
        own = [
            w
            for kind in (QLineEdit, QPlainTextEdit, QComboBox)
            for w in page.findChildren(kind)
            if not fields.isAncestorOf(w)
        ]
        if page is editor:  # the editor's letter choice and action dialogs are not case fields
            own = [w for w in own if w is not editor.letter_kind]
        assert own == [], [type(w).__name__ for w in own]


def test_only_the_shared_form_maps_fields_to_intake_data() -> None:
    """The intake page and the editor never build the domain's intake data themselves."""
    for name in ("intake.py", "case_editor.py", "email_import.py"):
        tree = ast.parse((UI / name).read_text(encoding="utf-8"))
        built = [
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "IntakeForm"
        ]
        assert built == [], f"{name} builds IntakeForm at lines {built}"


def test_both_pages_save_through_the_shared_mapping(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[CaseFields] = []
    mapping = CaseFields.form

    def spy(self: CaseFields) -> IntakeForm:
        calls.append(self)
        return mapping(self)

    monkeypatch.setattr(CaseFields, "form", spy)
    intake = make_intake(qtbot, services, actor)
    intake.fields.set_form(CASES["citizen by phone"], "Ghi chú")
    calls.clear()
    intake.save()
    assert intake.message.text() == "Đã lưu." and intake.fields in calls
    code = intake.code_label.text()
    editor = make_editor(qtbot, services, actor, code)
    calls.clear()
    editor.save_edit()
    assert calls and all(c is editor.fields for c in calls)


@pytest.mark.parametrize("name", list(CASES))
def test_a_case_shown_in_the_fields_comes_back_unchanged(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor, name: str
) -> None:
    note = "Số CCCD 001234567890\nGọi lại sau 17 giờ."
    case = services.cases.receive(CASES[name], actor, private_note=note)
    detail = services.case_reads.get(case.code, staff_actor(services))
    expected = intake_of(detail)
    # Every intake field of the case, as stored, and not the empty default.
    for field in INTAKE_FIELDS:
        assert getattr(expected, field) == getattr(detail, field)
    editor = make_editor(qtbot, services, actor, case.code)
    assert editor.fields.form() == expected
    assert editor.fields.private_note_text() == detail.private_note != ""
    # The intake page's fields take the same data and give it back the same way.
    intake = make_intake(qtbot, services, actor)
    intake.fields.set_form(expected, detail.private_note)
    assert intake.fields.form() == expected
    assert intake.fields.private_note_text() == detail.private_note
    # Saving the editor untouched changes nothing (before, it dropped the salutation).
    editor.save_edit()
    after = services.case_reads.get(case.code, staff_actor(services))
    assert intake_of(after) == expected and after.private_note == detail.private_note
    assert "không có thay đổi" in after.events[-1].summary


def test_an_edit_keeps_the_salutation_and_saves_the_changed_field(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor
) -> None:
    case = services.cases.receive(CASES["citizen by phone"], actor)
    editor = make_editor(qtbot, services, actor, case.code)
    editor.fields.phone.selectAll()
    qtbot.keyClicks(editor.fields.phone, "0905 111 222")
    qtbot.mouseClick(editor.save_fields, Qt.MouseButton.LeftButton)
    saved = services.case_reads.get(case.code, staff_actor(services))
    assert saved.phone == "0905 111 222" and saved.salutation == "Bà"
    # The address names today's units: the case got their codes at intake (domain.places).
    assert (saved.province_code, saved.commune_code) == ("51", "23293")
    assert intake_of(saved) == replace(
        CASES["citizen by phone"], phone="0905 111 222", province_code="51", commune_code="23293"
    )
    # Twice: the second save finds nothing to change and says nothing is wrong.
    qtbot.mouseClick(editor.save_fields, Qt.MouseButton.LeftButton)
    again = services.case_reads.get(case.code, staff_actor(services))
    assert intake_of(again) == intake_of(saved)
    assert "không có thay đổi" in again.events[-1].summary
    assert not editor.fields_message.isVisibleTo(editor)
    assert editor.fields.shown_errors() == {}


def test_a_refused_edit_is_said_under_its_field_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor
) -> None:
    case = services.cases.receive(CASES["business from the national portal"], actor)
    editor = make_editor(qtbot, services, actor, case.code)
    editor.fields.portal_code.clear()
    editor.fields.email.setText("khong-phai-email")
    editor.save_edit()
    shown = editor.fields.shown_errors()
    assert set(shown) == {"portal_code", "email"}
    assert editor.focusWidget() is editor.fields.portal_code  # the first one, in form order
    assert services.case_reads.get(case.code, staff_actor(services)).version == case.version
    qtbot.keyClicks(editor.fields.portal_code, "PAKN.2026.00042")
    assert set(editor.fields.shown_errors()) == {"email"}


def test_a_rejected_case_is_shown_but_not_editable(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor
) -> None:
    case = services.cases.receive(CASES["citizen by phone"], actor, private_note="CCCD 0012")
    rejected = services.cases.reject_with(
        case.code,
        RejectionGround.OTHER,
        actor,
        other_reason="Đơn không ghi rõ nội dung",
        expected_version=case.version,
    )
    assert Action.EDIT not in rejected.allowed
    editor = make_editor(qtbot, services, actor, case.code)
    f = editor.fields
    assert f.form() == intake_of(rejected)
    assert all(w.isReadOnly() for w in (f.submitter_name, f.phone, f.title, f.content))
    assert f.private_note.isReadOnly()
    assert not any(w.isEnabled() for w in (f.channel, f.kind, f.salutation, f.topic))
    assert not editor.save_fields.isEnabled()
    # Personal data in the public content is still pointed out, but cannot be moved.
    f.content_privacy.refresh()
    assert not f.content_privacy.move_button.isVisibleTo(editor)


def test_a_person_without_the_right_to_edit_sees_the_fields_read_only(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor, make_actor
) -> None:
    official = make_actor("official")
    case = services.cases.receive(CASES["citizen by phone"], actor)
    assert not services.guard.may(official, Action.EDIT, None)
    editor = make_editor(qtbot, services, official, case.code)
    assert editor.fields.submitter_name.isReadOnly() and not editor.save_fields.isEnabled()
    assert editor.fields.form() == intake_of(case)


def test_another_desk_saved_first_my_typing_comes_back_whole(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor
) -> None:
    case = services.cases.receive(CASES["citizen by phone"], actor)
    editor = make_editor(qtbot, services, actor, case.code)
    services.cases.edit(
        case.code,
        replace(CASES["citizen by phone"], title="Sửa ở bàn khác", salutation="Ông"),
        actor,
        expected_version=case.version,
    )
    editor.fields.title.setText("Tiêu đề của tôi")
    editor.fields.salutation.setCurrentIndex(editor.fields.salutation.findData(""))
    typed = editor.fields.form()
    editor.save_edit()
    assert editor.reapply.isVisibleTo(editor)
    assert editor.fields.form().title == "Sửa ở bàn khác"
    editor.reapply.click()
    assert editor.fields.form() == typed
    editor.save_edit()
    assert intake_of(services.case_reads.get(case.code, staff_actor(services))) == typed


def test_reapplying_my_typing_keeps_what_the_other_desk_corrected(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor
) -> None:
    """The other desk corrected the address, I the title: re-applying brings back my title
    and leaves their address, instead of putting back the address I had read."""
    case = services.cases.receive(CASES["citizen by phone"], actor)
    editor = make_editor(qtbot, services, actor, case.code)
    services.cases.edit(
        case.code,
        replace(CASES["citizen by phone"], address="Số 7 Trần Phú"),
        actor,
        expected_version=case.version,
    )
    editor.fields.title.setText("Tiêu đề của tôi")
    editor.save_edit()
    assert editor.reapply.isVisibleTo(editor)
    editor.reapply.click()
    assert editor.fields.form().title == "Tiêu đề của tôi"
    assert editor.fields.form().address == "Số 7 Trần Phú"
    editor.save_edit()
    saved = services.case_reads.get(case.code, staff_actor(services))
    assert (saved.title, saved.address) == ("Tiêu đề của tôi", "Số 7 Trần Phú")


def test_an_autosave_of_the_earlier_format_is_restored(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor
) -> None:
    """Written before the shared form: the kind under "kind", no format number."""
    old = {
        "submitter_name": "Công ty TNHH Hoa Sen",
        "address": "Lô B2, khu công nghiệp Sa Đéc",
        "phone": "0260 3797 799",
        "email": "lienhe@hoasen.example.vn",
        "title": "Đề nghị hướng dẫn thủ tục",
        "portal_code": "PAKN.2026.00042",
        "kind": "business",
        "salutation": "",
        "channel": "national_portal",
        "content": "Kính đề nghị Sở hướng dẫn thủ tục cấp phép.",
        "private_note": "Người liên hệ: chị Lan",
        "topic": "Giao thông",
        "unit": None,
        "received": "",
        "saved_at": "2026-04-24T09:10:00",
        "attachments": [],
    }
    data_dir().mkdir(parents=True, exist_ok=True)
    path = data_dir() / "intake-recovered-20260424-091000-1-abcdef.json"
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    intake = make_intake(qtbot, services, actor)
    assert intake.restore_banner.isVisibleTo(intake)
    qtbot.mouseClick(intake.restore_button, Qt.MouseButton.LeftButton)
    assert intake.fields.form() == CASES["business from the national portal"]
    assert intake.fields.private_note_text() == "Người liên hệ: chị Lan"
    # Written again in the new format, which reads back the same.
    written = json.loads(intake.autosave_file.read_text(encoding="utf-8"))
    assert written["format"] == 2 and written["submitter_kind"] == "business"
    assert {k: written[k] for k in INTAKE_FIELDS} == asdict(
        CASES["business from the national portal"]
    )


def test_a_damaged_autosave_restores_what_it_can(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor
) -> None:
    data_dir().mkdir(parents=True, exist_ok=True)
    path = data_dir() / "intake-recovered-20260424-091000-1-bad000.json"
    damaged = {
        "submitter_name": 42,
        "channel": "carrier_pigeon",
        "kind": None,
        "attachments": ["x"],
    }
    path.write_text(json.dumps(damaged), encoding="utf-8")
    intake = make_intake(qtbot, services, actor)
    qtbot.mouseClick(intake.restore_button, Qt.MouseButton.LeftButton)
    assert intake.fields.submitter_name.text() == "42"
    assert intake.fields.form().channel == "walk_in"  # an unknown choice: the first one
    assert "x" in intake.fields.errors["attachments"].text()  # the file it named is gone


def test_a_long_topic_does_not_widen_the_editor_past_a_small_screen(
    qtbot: QtBot, services: Services
) -> None:
    """A topic naming a resolution and a project once made the editor's fields scroll
    sideways at 1366x768 and cut the publication notice."""
    from PySide6.QtWidgets import QScrollArea

    from pakn_desktop.ui.case_editor import CaseEditor

    actor = staff_actor(services)
    long_topic = "PAKN về cải cách TTHC, xây dựng CPĐT, Nghị quyết 68/NQ-CP và Đề án 468"
    case = services.cases.receive(
        IntakeForm(
            "citizen",
            "Nguyễn Văn Thứ",
            "Số 5 Lê Lợi",
            "0912345678",
            "",
            "Đề nghị sửa đường",
            "Đường hỏng.",
            "phone",
            "",
            long_topic,
        ),
        actor,
    )
    editor = CaseEditor(services, actor, case.code)
    qtbot.addWidget(editor)
    editor.resize(1190, 720)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.fields.topic.currentText() == long_topic
    for area in editor.findChildren(QScrollArea):
        assert not area.horizontalScrollBar().isVisible()
    assert editor.fields.topic.lineEdit().cursorPosition() == 0
