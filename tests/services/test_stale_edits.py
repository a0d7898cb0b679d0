"""Stale edits of the office's calendar and settings: every change names the version it read;
one made from an older version (twice, or after another desk's change) is refused with a
Vietnamese message and changes nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from accounts_fixture import staff_actor
from builders import a_form

from pakn_desktop.domain.errors import PermissionDenied, StaleCase, StaleEdit
from pakn_desktop.services import Services

MONDAY = date(2026, 5, 4)  # a working day inside the first case's 5-day stage
FORM = a_form(
    submitter_name="Y Bliêng",
    address="Xã Đắk Hà",
    phone="0905 777 888",
    title="Hỏi chế độ trợ cấp",
    content="Đề nghị hướng dẫn.",
    channel="walk_in",
)


def _state(services: Services) -> tuple[int, list[tuple[date, bool, str]]]:
    adjustments = [(a.day, a.working, a.reason) for a in services.calendar.adjustments()]
    return services.calendar.version(), adjustments


def test_calendar_change_from_the_same_version_twice_is_refused(services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    seen = services.calendar.version()
    services.calendar.add_day_off(MONDAY, "Nghỉ theo quyết định", admin, expected_version=seen)
    before = _state(services)
    # The same form saved again (a double click, a second window): it read the old version.
    with pytest.raises(StaleEdit, match=r"Lịch làm việc .* người khác thay đổi"):
        services.calendar.add_day_off(MONDAY, "Nghỉ lần hai", admin, expected_version=seen)
    with pytest.raises(StaleEdit):
        services.calendar.remove(MONDAY, admin, expected_version=seen)
    with pytest.raises(StaleEdit):
        services.calendar.add_working_day(date(2026, 5, 9), "Làm bù", admin, expected_version=seen)
    assert _state(services) == before
    # Reloaded, it goes through.
    services.calendar.remove(MONDAY, admin, expected_version=before[0])
    assert services.calendar.adjustments() == []


def test_two_desks_change_the_calendar(migrated_db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    a = Services.open(migrated_db_url, now=clock)
    b = Services.open(migrated_db_url, now=clock)
    try:
        case = a.cases.receive(FORM, staff_actor(a))
        admin_a, admin_b = a.office.actor(), b.office.actor()
        seen_a, seen_b = a.calendar.version(), b.calendar.version()
        assert seen_a == seen_b
        moved = a.calendar.add_day_off(MONDAY, "Desk A", admin_a, expected_version=seen_a)
        assert moved == 1
        due = a.case_reads.get(case.code, staff_actor(a)).due_on
        # Desk B still shows the calendar before A's change: its removal is refused, and the
        # deadline A moved stays moved.
        with pytest.raises(StaleEdit):
            b.calendar.remove(MONDAY, admin_b, expected_version=seen_b)
        with pytest.raises(StaleEdit):
            b.calendar.add_working_day(date(2026, 5, 9), "Desk B", admin_b, expected_version=seen_b)
        assert [x.reason for x in b.calendar.adjustments()] == ["Desk A"]
        assert b.case_reads.get(case.code, staff_actor(b)).due_on == due
        # After reloading, B's change is made from what A left.
        b.calendar.remove(MONDAY, admin_b, expected_version=b.calendar.version())
        assert a.calendar.adjustments() == []
        assert a.case_reads.get(case.code, staff_actor(a)).due_on == case.due_on
    finally:
        a.close()
        b.close()


def test_calendar_needs_its_role_and_a_version(services: Services, front_desk, head, admin) -> None:  # type: ignore[no-untyped-def]
    version = services.calendar.version()
    for who in (front_desk, head):
        with pytest.raises(PermissionDenied, match="điều chỉnh lịch làm việc"):
            services.calendar.add_day_off(MONDAY, "Nghỉ", who, expected_version=version)
    with pytest.raises(TypeError):
        services.calendar.add_day_off(MONDAY, "Nghỉ", admin)  # type: ignore[call-arg]
    with pytest.raises(Exception, match="phiên bản"):
        services.calendar.add_day_off(MONDAY, "Nghỉ", admin, expected_version=None)  # type: ignore[arg-type]
    assert _state(services) == (version, [])


def test_office_settings_and_accounts_refuse_stale_versions(services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    """One stale-edit type for everything: the window catches StaleEdit and reloads."""
    office = services.office
    seen = office.settings_version()
    details = office.details()
    office.save_details(replace(details, place="Quảng Ngãi"), admin, expected_version=seen)
    with pytest.raises(StaleEdit, match="người khác cập nhật"):
        office.save_details(replace(details, place="Kon Tum"), admin, expected_version=seen)
    with pytest.raises(StaleEdit):
        office.set_idle_lock_minutes(5, admin, expected_version=seen)
    with pytest.raises(StaleEdit):
        office.finish_setup(details, actor=admin, expected_version=seen)
    assert office.details().place == "Quảng Ngãi"
    staff = staff_actor(services)
    view = services.accounts.get(admin, staff.id or 0)
    services.accounts.deactivate(admin, view.id, expected_version=view.version)
    with pytest.raises(StaleEdit, match="người khác cập nhật"):
        services.accounts.set_active(admin, view.id, True, expected_version=view.version)
    assert issubclass(StaleCase, StaleEdit)
