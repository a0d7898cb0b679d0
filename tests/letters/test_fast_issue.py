"""Issuing through plain statements (``LetterService._issue_in``) gives what the case view and
the ORM gave: the letter composed from ``CaseDetail`` renders to the same bytes, the register
row, the history row and its audit link match, a second issue gives the first letter, and the
kept office details and templates follow their versions."""

from __future__ import annotations

from dataclasses import replace

import pytest
from accounts_fixture import staff_actor
from builders import a_form
from sqlalchemy import select

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.errors import PermissionDenied
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.letters.layout import render_letter
from pakn_desktop.letters.templates import DEFAULT_TEMPLATES, LetterKind
from pakn_desktop.services import Services
from pakn_desktop.services.accounts import AccountForm, actor_of
from pakn_desktop.store.db import next_serial
from pakn_desktop.store.models import CaseEvent, Counter, Letter, User

FORM = a_form(
    submitter_name="Lê Văn Bình",
    address="Số 12 Trần Phú, phường Quyết Thắng, Kon Tum",
    phone="0913 222 333",
    title="Chưa nhận được trợ cấp, nhà ở Số 12 Trần Phú",
    content="Tôi nộp hồ sơ đã lâu.",
    channel="walk_in",
)


def straightforward_pdf(services: Services, code: str, kind: LetterKind, actor, issued) -> bytes:  # type: ignore[no-untyped-def]
    """The letter as the public ``compose`` words it from the case view (``CaseDetail``)."""
    call = services.letters.check(code, kind, actor)
    with services.db.read() as s:
        event = s.get(CaseEvent, call.event_id)
        if event is not None:
            s.expunge(event)
    content = services.letters.compose(
        code, kind, actor, issued.number_text, issued.issued_at.date(), event=event
    )
    return render_letter(content)[0]


def test_fast_issue_gives_the_straightforward_letter(services: Services) -> None:
    actor = staff_actor(services)
    receipt_case = services.cases.receive(FORM, actor)
    rejected = services.cases.receive(FORM, actor)
    services.cases.reject(
        rejected.code,
        "Nội dung là khiếu nại về quyết định hành chính.",
        actor,
        expected_version=services.case_reads.get(rejected.code, actor).version,
    )
    issued = []
    for code, kind in (
        (receipt_case.code, LetterKind.RECEIPT),
        (rejected.code, LetterKind.RECEIPT),
        (rejected.code, LetterKind.REJECTION),
    ):
        letter = services.letters.issue(code, kind, actor)
        assert not letter.already_issued
        assert letter.pdf == straightforward_pdf(services, code, kind, actor, letter)
        again = services.letters.issue(code, kind, actor)
        assert again == replace(letter, already_issued=True)
        assert services.letters.letter(letter.id, actor) == letter
        issued.append(letter)
    assert [x.number for x in issued] == [1, 2, 1]  # receipts have their own series
    with services.db.read() as s:
        rows = s.scalars(select(Letter).order_by(Letter.id)).all()
        assert [r.slot.split(":")[-1] for r in rows] == ["0", "0", "0"]
        events = s.scalars(
            select(CaseEvent).where(CaseEvent.action == "letter_issued").order_by(CaseEvent.id)
        ).all()
    assert [e.changes["letter_id"] for e in events] == [x.id for x in issued]
    assert [e.summary for e in events] == [
        f"Ban hành {x.kind.label} số {x.number_text}." for x in issued
    ]
    assert all(e.changes["sha256"] == x.sha256 for e, x in zip(events, issued, strict=True))
    assert services.audit.verify().ok


def test_replacement_through_plain_statements(services: Services) -> None:
    actor = staff_actor(services)
    case = services.cases.receive(FORM, actor)
    first = services.letters.issue(case.code, LetterKind.RECEIPT, actor)
    new = services.letters.replace(first.id, "Sai tên người nhận", actor)
    assert new.replaces_id == first.id and new.number == first.number + 1
    assert services.letters.letter(first.id, actor).replaced_by_id == new.id
    assert services.letters.letter(new.id, actor) == new
    assert services.letters.standing(case.code, LetterKind.RECEIPT, actor) == new
    assert services.audit.verify().ok


def test_the_account_is_read_inside_the_issuing_transaction(services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    """The guard reads the account with a plain SELECT in the issuing transaction: a new name
    is the one written, a role taken away or a deactivation refuses the next letter at once
    (an ``Actor`` from before the change), and nothing is numbered."""
    actor = staff_actor(services)
    cases = [services.cases.receive(FORM, actor) for _ in range(3)]
    services.cases.reject(
        cases[1].code,
        "Nội dung là khiếu nại về quyết định hành chính.",
        actor,
        expected_version=services.case_reads.get(cases[1].code, actor).version,
    )
    account = services.accounts.get(admin, actor.id)
    account = services.accounts.edit(
        admin,
        actor.id,
        AccountForm(account.username, "Cán bộ đổi tên", frozenset({Role.FRONT_DESK})),
        expected_version=account.version,
    )
    first = services.letters.issue(cases[0].code, LetterKind.RECEIPT, actor)
    assert first.issued_by == "Cán bộ đổi tên"
    with pytest.raises(PermissionDenied):
        services.letters.issue(cases[1].code, LetterKind.REJECTION, actor)
    services.accounts.deactivate(admin, actor.id, expected_version=account.version)
    with pytest.raises(PermissionDenied, match="vô hiệu hóa"):
        services.letters.issue(cases[2].code, LetterKind.RECEIPT, actor)
    with services.db.read() as s:
        assert list(s.scalars(select(Letter.id))) == [first.id]
    assert services.audit.verify().ok


def test_the_guard_reads_what_the_session_holds(services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    """The plain read gives the actor the ORM object gives; an account already loaded (and
    changed, not yet flushed) in the session is taken from the session, as before."""
    actor = staff_actor(services)
    guard = services.cases.guard
    with services.db.read() as s:
        assert guard.verified(s, actor) == actor_of(guard.resolve(s, actor)) == actor
        assert guard.verified(s, admin) == admin
    with services.db.write() as s:
        user = s.get(User, actor.id)
        assert user is not None
        user.active = False
        with pytest.raises(PermissionDenied, match="vô hiệu hóa"):
            guard.require(actor, Permission.ISSUE_LETTERS, session=s)
        s.rollback()


def test_kept_template_and_office_details_follow_their_versions(services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    actor = staff_actor(services)
    codes = [services.cases.receive(FORM, actor).code for _ in range(4)]
    kind = LetterKind.RECEIPT
    services.letters.issue(codes[0], kind, actor)  # the default wording is kept now
    stored = services.letters.template(kind, admin)
    wording = replace(DEFAULT_TEMPLATES[kind], body=stored.template.body + "\nĐOẠN MỚI THÊM.")
    services.letters.save_template(wording, admin, expected_version=stored.version)
    second = services.letters.issue(codes[1], kind, actor)
    assert second.pdf == straightforward_pdf(services, codes[1], kind, actor, second)
    version = services.letters.template(kind, admin).version
    services.letters.reset_template(kind, admin, expected_version=version)
    third = services.letters.issue(codes[2], kind, actor)
    assert third.pdf == straightforward_pdf(services, codes[2], kind, actor, third)
    assert second.pdf != third.pdf
    details = replace(services.office.details(), place="Đắk Tô")
    services.office.save_details(
        details, admin, expected_version=services.office.settings_version()
    )
    fourth = services.letters.issue(codes[3], kind, actor)
    assert fourth.pdf == straightforward_pdf(services, codes[3], kind, actor, fourth)
    assert services.audit.verify().ok


def test_next_serial_tells_a_held_counter(services: Services) -> None:
    with services.db.write() as s:
        first = next_serial(s, "test:held")
        held = s.get(Counter, "test:held")
        assert held is not None and held.value == first
        assert next_serial(s, "test:held") == first + 1
        assert held.value == first + 1


def test_kept_office_details_and_template_are_not_used_after_a_restore(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A restore puts back older versions, and a save after it reaches the version this desk
    kept with other content: the letter must still word the stored details and template."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    desk = Services.open(url)
    try:
        actor = admin = staff_actor(desk)  # every role
        kind = LetterKind.RECEIPT
        codes = [desk.cases.receive(FORM, actor).code for _ in range(2)]
        backup = tmp_path / "b.db"
        desk.db.backup_to(backup)

        def edit(place: str, extra: str) -> None:
            desk.office.save_details(
                replace(desk.office.details(), place=place),
                admin,
                expected_version=desk.office.settings_version(),
            )
            stored = desk.letters.template(kind, admin)
            wording = replace(DEFAULT_TEMPLATES[kind], body=DEFAULT_TEMPLATES[kind].body + extra)
            desk.letters.save_template(wording, admin, expected_version=stored.version)

        edit("Đắk Tô", "\nĐOẠN CŨ.")
        desk.letters.issue(codes[0], kind, actor)  # keeps these details and this wording
        desk.backups.restore_details(backup, staff_actor(desk))
        edit("Ngọc Hồi", "\nĐOẠN MỚI.")  # the same versions as the kept ones, other content
        letter = desk.letters.issue(codes[1], kind, actor)
        assert letter.pdf == straightforward_pdf(desk, codes[1], kind, actor, letter)
    finally:
        desk.close()
