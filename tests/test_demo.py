"""Demo data: consistent with the workflow, the calendar and the services that read it."""

from __future__ import annotations

from datetime import date, datetime

from accounts_fixture import staff_actor
from sqlalchemy import func, select

from pakn_desktop.demo import generate_demo
from pakn_desktop.domain import deadlines as dl
from pakn_desktop.domain.codes import normalize_case_code
from pakn_desktop.domain.enums import CaseState
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.store.models import Case, CaseEvent

TODAY = date(2026, 4, 24)


def test_demo_cases_are_consistent(services: Services) -> None:
    lines = generate_demo(services, 600, seed=7, today=TODAY)
    assert lines
    cal = services.calendar.calendar()
    with services.db.read() as s:
        cases = s.scalars(select(Case)).all()
        assert len(cases) == 600
        states = {c.state for c in cases}
        assert states >= {
            CaseState.CLOSED.value,
            CaseState.ANSWERED.value,
            CaseState.REJECTED.value,
            CaseState.IN_PROGRESS.value,
            CaseState.TRANSFERRED.value,
        }
        codes = [c.code for c in cases]
        assert len(set(codes)) == 600
        assert all(normalize_case_code(c) == c for c in codes)
        for c in cases:
            sd = dl.status_deadline(
                cal, dl.CaseClock(CaseState(c.state), c.clock_start, c.result_on)
            )
            assert c.due_on == (sd.due if sd else None), c.code
            assert c.received_at.date() <= TODAY
            for day in (c.classified_on, c.result_on, c.answered_on, c.closed_on):
                assert day is None or c.received_at.date() <= day <= TODAY
        events = dict(
            s.execute(select(CaseEvent.case_id, func.count()).group_by(CaseEvent.case_id)).all()
        )
        assert all(events.get(c.id, 0) >= 1 for c in cases)
    some = codes[len(codes) // 2]
    (found,) = services.case_reads.lookup(some, staff_actor(services))
    assert found.code == some and found.history
    assert services.case_reads.count(CaseFilter(search="nguyen"), staff_actor(services)) > 0
    assert services.case_reads.count(CaseFilter(search="nghi quyet 68"), staff_actor(services)) > 0


def test_receipts_continue_after_demo_codes(services: Services, clock, front_desk) -> None:  # type: ignore[no-untyped-def]
    generate_demo(services, 50, seed=3, today=TODAY)
    with services.db.read() as s:
        top = s.scalar(
            select(func.max(Case.code)).where(Case.code.like(f"{TODAY.year % 100:02d}-%"))
        )
    clock.set(datetime(2026, 4, 24, 16, 0))
    new = services.cases.receive(
        IntakeForm(
            submitter_kind="citizen",
            submitter_name="Lê Văn Tám",
            address="Phường Kon Tum",
            phone="0935123456",
            title="Hỏi tiến độ",
            content="Nội dung",
            channel="phone",
        ),
        front_desk,
    )
    assert top is not None and int(new.code.split("-")[1]) == int(top.split("-")[1]) + 1


def test_demo_addresses_name_todays_units(services: Services) -> None:
    """Every demo address is street, commune and province of today (mostly the office's own
    province), with their codes on the case, so statistics by province list them."""
    from pakn_desktop.domain import places
    from pakn_desktop.store.models import Submitter

    generate_demo(services, 300, seed=3, today=TODAY)
    home = services.office.home_province_code()
    assert home == "51"  # the built-in office: Sở Nội vụ tỉnh Quảng Ngãi
    with services.db.read() as s:
        rows = s.execute(select(Case.province_code, Case.commune_code, Case.submitter_id)).all()
        addresses = {i: a for i, a in s.execute(select(Submitter.id, Submitter.address))}
    at_home = 0
    for province_code, commune_code, sid in rows:
        commune = places.commune(commune_code)
        assert commune is not None and commune.province_code == province_code
        located = places.locate(addresses[sid])
        assert (located.province_code, located.commune_code) == (province_code, commune_code)
        at_home += province_code == 51
    assert 0.6 < at_home / len(rows) < 0.8
    st = services.statistics.figures(date(2024, 4, 1), TODAY)
    assert st.by_province.by_key()["51"] == at_home
    assert "" not in st.by_province.by_key()


def test_demo_transfers_name_another_agency_of_the_offices_province(services: Services) -> None:
    """A transfer letter names where the PAKN went: "Sở Y tế tỉnh Quảng Ngãi", not "Sở Y tế
    tỉnh" (which province?), and never the demo office itself."""
    generate_demo(services, 300, seed=3, today=TODAY)
    office = services.office.details().agency_short
    with services.db.read() as s:
        agencies = set(s.scalars(select(Case.transfer_agency).where(Case.transfer_agency != "")))
    assert agencies
    for agency in agencies:
        assert not agency.endswith(" tỉnh"), agency
        assert "tỉnh Quảng Ngãi" in agency or agency.startswith("UBND xã"), agency
        assert agency != office


def test_demo_accounts_sign_with_a_persons_name(services: Services) -> None:
    """A demo receipt is signed by whoever received the PAKN: a person's name, not "Phan Văn
    Tâm (quản trị)"."""
    from pakn_desktop.demo import DEMO_ACCOUNTS

    generate_demo(services, 20, seed=3, today=TODAY)
    users = services.office.users()
    names = {u.username: u.full_name for u in users}
    for login, *_ in DEMO_ACCOUNTS:
        assert "(" not in names[login] and ")" not in names[login], names[login]
    # The front desk received them, not an administrator.
    desk = {u.full_name for u in users if u.role == "front_desk"}
    with services.db.read() as s:
        receivers = set(
            s.scalars(select(CaseEvent.actor_name).where(CaseEvent.action == "receive"))
        )
    assert receivers and receivers <= desk, receivers - desk


def test_demo_answers_fit_the_case_they_answer(services: Services) -> None:
    """A demo answer letter must read as the answer to its own case: it named a random
    procedure ("Hồ sơ cấp thẻ bảo hiểm y tế … của Ông/Bà") under a title about another matter,
    and called an association "Ông/Bà"."""
    from pakn_desktop.store.models import Submitter

    generate_demo(services, 300, seed=3, today=TODAY)
    with services.db.read() as s:
        rows = s.execute(
            select(Case.title, Case.content, Case.answer_text, Submitter.kind)
            .join(Submitter, Submitter.id == Case.submitter_id)
            .where(Case.answer_text != "")
        ).all()
    assert rows
    for title, content, answer, kind in rows:
        if kind != "citizen":
            assert "Ông/Bà" not in answer, (kind, answer)
        if answer.startswith("Hồ sơ "):  # a procedure named must be the case's own
            proc = answer.removeprefix("Hồ sơ ").split(" của ")[0]
            assert proc in title or proc in content, (title, answer)
