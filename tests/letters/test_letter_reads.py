"""Issue 10 for letters: every read of the letter service names an actor and is checked, the
front desk reads the receipts of the register only, and a template is saved or reset only
from the version it was read at (twice, stale, wrong role; SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from accounts_fixture import staff_actor
from builders import NGA, a_form

from pakn_desktop.domain.errors import PaknError, PermissionDenied
from pakn_desktop.letters.templates import DEFAULT_TEMPLATES, LetterKind
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor

FORM = a_form(**NGA, title="Hỏi chế độ", content="Nội dung")
KIND = LetterKind.PROGRESS


def rejected_with_letters(services: Services) -> tuple[str, int, int]:
    staff = staff_actor(services)
    code = services.cases.receive(FORM, staff).code
    services.cases.reject(
        code,
        "Không rõ nội dung.",
        staff,
        expected_version=services.case_reads.get(code, staff_actor(services)).version,
    )
    receipt = services.letters.issue(code, LetterKind.RECEIPT, staff)
    rejection = services.letters.issue(code, LetterKind.REJECTION, staff)
    return code, receipt.id, rejection.id


def test_reading_a_cases_letters_needs_the_right_to_read_the_case(
    services: Services, make_actor
) -> None:  # type: ignore[no-untyped-def]
    code, _r, _j = rejected_with_letters(services)
    letters = services.letters
    for roles in (("front_desk",), ("official",), ("head",)):
        who = make_actor(*roles)
        assert letters.called_for(code, who) == [LetterKind.RECEIPT, LetterKind.REJECTION]
        assert letters.check(code, LetterKind.REJECTION, who).kind is LetterKind.REJECTION
        standing = letters.standing(code, LetterKind.REJECTION, who)
        assert standing is not None and standing.number == 1
    admin = services.office.actor()  # administrators run the office, not its cases
    nobody = Actor(None, "Giám đốc Sở (giả)", "head", frozenset({"head"}))
    for who in (admin, nobody):
        for call in (
            lambda w=who: letters.called_for(code, w),
            lambda w=who: letters.check(code, LetterKind.REJECTION, w),
            lambda w=who: letters.standing(code, LetterKind.REJECTION, w),
            lambda w=who: letters.preview(code, LetterKind.REJECTION, w),
            lambda w=who: letters.compose(code, LetterKind.REJECTION, w),
        ):
            with pytest.raises(PermissionDenied):
                call()


def test_the_register_heads_read_everything_the_front_desk_its_receipts(
    services: Services, make_actor
) -> None:  # type: ignore[no-untyped-def]
    code, receipt_id, rejection_id = rejected_with_letters(services)
    letters = services.letters
    head, desk = make_actor("head"), make_actor("front_desk")
    assert {e.kind for e in letters.register_entries(head)} == {
        LetterKind.RECEIPT,
        LetterKind.REJECTION,
    }
    assert [e.id for e in letters.register_entries(desk)] == [receipt_id]
    assert [e.id for e in letters.register_entries(desk, kind=LetterKind.RECEIPT)] == [receipt_id]
    with pytest.raises(PermissionDenied, match="phiếu tiếp nhận"):
        letters.register_entries(desk, kind=LetterKind.REJECTION)
    assert [x.id for x in letters.register(desk, year=2026)] == [receipt_id]
    assert letters.register_years(desk) == [2026] == letters.register_years(head)
    assert letters.letter(receipt_id, desk).case_code == code
    assert letters.letter(rejection_id, head).case_code == code
    history = len(services.case_reads.get(code, staff_actor(services)).events)
    with pytest.raises(PermissionDenied, match="phiếu tiếp nhận"):
        letters.letter(rejection_id, desk)
    with pytest.raises(PermissionDenied, match="phiếu tiếp nhận"):
        letters.reprint(rejection_id, desk)
    assert (
        len(services.case_reads.get(code, staff_actor(services)).events) == history
    )  # a refused reprint notes nothing
    assert letters.reprint(receipt_id, desk).id == receipt_id
    # Officials and administrators issue nothing: the register is not theirs to read.
    for who in (make_actor("official"), services.office.actor()):
        for call in (
            lambda w=who: letters.register_entries(w),
            lambda w=who: letters.register(w),
            lambda w=who: letters.register_years(w),
            lambda w=who: letters.letter(receipt_id, w),
        ):
            with pytest.raises(PermissionDenied):
                call()


def test_a_template_is_saved_from_the_version_it_was_read_at(services: Services) -> None:
    admin = services.office.actor()
    letters = services.letters
    first = letters.template(KIND, admin)
    assert first.version == 0 and not first.custom and first.template == DEFAULT_TEMPLATES[KIND]
    mine = replace(DEFAULT_TEMPLATES[KIND], body="Kính gửi {nguoi_nhan}: đang xử lý.")
    v1 = letters.save_template(mine, admin, expected_version=first.version)
    assert v1 == 1 and letters.template(KIND, admin).custom
    # Twice from the same form: the first save made it stale.
    with pytest.raises(PaknError, match="vừa được người khác"):
        letters.save_template(mine, admin, expected_version=first.version)
    # Saving the same words again changes nothing and records nothing.
    audit = len(services.audit.records(admin))
    assert letters.save_template(mine, admin, expected_version=v1) == v1
    assert len(services.audit.records(admin)) == audit
    # A reset from a stale form is refused too; from the current one it works.
    with pytest.raises(PaknError, match="vừa được người khác"):
        letters.reset_template(KIND, admin, expected_version=first.version)
    v2 = letters.reset_template(KIND, admin, expected_version=v1)
    assert v2 == 2
    after = letters.template(KIND, admin)
    assert after.version == 2 and not after.custom and after.template == DEFAULT_TEMPLATES[KIND]
    # Reset twice: the second finds the default already and changes nothing.
    assert letters.reset_template(KIND, admin, expected_version=v2) == v2


def test_a_form_read_before_a_reset_and_a_new_save_is_still_stale(services: Services) -> None:
    """Versions never go back: after save (1), reset (2) and save (3), a form read at 1 is
    refused although a custom wording is there again."""
    admin = services.office.actor()
    letters = services.letters
    x = replace(DEFAULT_TEMPLATES[KIND], body="X {nguoi_nhan}.")
    y = replace(DEFAULT_TEMPLATES[KIND], body="Y {nguoi_nhan}.")
    v1 = letters.save_template(x, admin, expected_version=0)
    v2 = letters.reset_template(KIND, admin, expected_version=v1)
    v3 = letters.save_template(y, admin, expected_version=v2)
    assert (v1, v2, v3) == (1, 2, 3)
    with pytest.raises(PaknError, match="vừa được người khác"):
        letters.save_template(x, admin, expected_version=v1)
    assert letters.template(KIND, admin).template.body == "Y {nguoi_nhan}."


def test_templates_are_the_administrators(services: Services, make_actor) -> None:  # type: ignore[no-untyped-def]
    letters = services.letters
    mine = replace(DEFAULT_TEMPLATES[KIND], body="Kính gửi {nguoi_nhan}.")
    for roles in (("head",), ("front_desk",), ("official",)):
        who = make_actor(*roles)
        with pytest.raises(PermissionDenied, match="sửa mẫu văn bản"):
            letters.template(KIND, who)
        with pytest.raises(PermissionDenied, match="sửa mẫu văn bản"):
            letters.save_template(mine, who, expected_version=0)
        with pytest.raises(PermissionDenied, match="sửa mẫu văn bản"):
            letters.reset_template(KIND, who, expected_version=0)
    assert letters.template(KIND, services.office.actor()).version == 0  # nothing changed


def test_two_desks_saving_the_same_template_one_wins(migrated_db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    desks = [Services.open(migrated_db_url, now=clock) for _ in range(2)]
    try:
        admin = desks[0].office.actor()
        read = [d.letters.template(KIND, admin).version for d in desks]
        assert read == [0, 0]
        a = replace(DEFAULT_TEMPLATES[KIND], body="Bàn A {nguoi_nhan}.")
        b = replace(DEFAULT_TEMPLATES[KIND], body="Bàn B {nguoi_nhan}.")
        assert desks[0].letters.save_template(a, admin, expected_version=read[0]) == 1
        with pytest.raises(PaknError, match="tải lại"):
            desks[1].letters.save_template(b, admin, expected_version=read[1])
        assert desks[1].letters.template(KIND, admin).template.body == "Bàn A {nguoi_nhan}."
    finally:
        for d in desks:
            d.close()
