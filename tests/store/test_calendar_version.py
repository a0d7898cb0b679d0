"""One calendar, one version: a change at one desk reaches every other desk's deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from pakn_desktop.domain import deadlines as dl
from pakn_desktop.domain.enums import CaseState
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.services import Services

MONDAY = date(2026, 5, 11)
SATURDAY = date(2026, 5, 16)


def test_delete_then_add_reusing_the_id_reaches_the_other_desk(db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    a = Services.open(db_url, now=clock)
    b = Services.open(db_url, now=clock)
    admin = a.office.actor()
    a.calendar.add_day_off(
        MONDAY, "Nghỉ bù của cơ quan", admin, expected_version=a.calendar.version()
    )
    before = b.calendar.calendar()
    assert not before.is_working_day(MONDAY)
    v1 = b.calendar.version()
    # Desk A turns it back and adds a make-up Saturday: one row again, and on SQLite the
    # same id (the old signature, row count and highest id, could not tell).
    a.calendar.remove(MONDAY, admin, expected_version=a.calendar.version())
    a.calendar.add_working_day(SATURDAY, "Làm bù", admin, expected_version=a.calendar.version())
    assert b.calendar.version() > v1
    cal = b.calendar.calendar()
    assert cal.is_working_day(MONDAY)
    assert cal.is_working_day(SATURDAY)
    received = date(2026, 5, 8)  # Friday
    # Day 1 Mon 11, ..., day 5 Fri 15, Sat 16 works: the 5th working day is Fri 15 either way,
    # the 6th is the Saturday.
    assert cal.add_working_days(received, 6) == SATURDAY
    assert b.calendar.calendar().add_working_days(
        received, 6
    ) == a.calendar.calendar().add_working_days(received, 6)
    a.close()
    b.close()


def test_every_change_raises_the_version_in_its_transaction(db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    svc = Services.open(db_url, now=clock)
    admin = svc.office.actor()
    seen = [svc.calendar.version()]
    svc.calendar.add_day_off(MONDAY, "a", admin, expected_version=svc.calendar.version())
    seen.append(svc.calendar.version())
    svc.calendar.add_day_off(
        MONDAY, "b (same day, replaced)", admin, expected_version=svc.calendar.version()
    )
    seen.append(svc.calendar.version())
    svc.calendar.remove(MONDAY, admin, expected_version=svc.calendar.version())
    seen.append(svc.calendar.version())
    assert seen == sorted(set(seen)) and len(seen) == 4
    # A refused change leaves the version alone.
    with pytest.raises(PaknError, match="không có điều chỉnh"):
        svc.calendar.remove(MONDAY, admin, expected_version=svc.calendar.version())
    assert svc.calendar.version() == seen[-1]
    svc.close()


def test_clock_running_states_are_the_states_with_a_status_deadline() -> None:
    from pakn_desktop.domain.calendar import WorkingCalendar

    cal = WorkingCalendar()
    for state in CaseState:
        sd = dl.status_deadline(cal, dl.CaseClock(state, date(2026, 3, 2), date(2026, 3, 20)))
        assert (sd is not None) == (state in dl.CLOCK_RUNNING_STATES), state
    assert set(dl.CLOCK_RUNNING_VALUES) == {s.value for s in dl.CLOCK_RUNNING_STATES}
