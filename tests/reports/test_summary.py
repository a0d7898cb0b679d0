"""Statistics that do not rescan: the daily summary kept by the case services and the
calendar equals the straightforward scan of the cases, on random demo data, after random work
on the cases and after calendar edits, on both backends."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from accounts_fixture import staff_actor
from report_fixture import BASE
from sqlalchemy import select

from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.reports.stats import quarter
from pakn_desktop.services import Services
from pakn_desktop.store.models import StatsDaily
from pakn_desktop.store.summary import rebuild

PERIODS = [
    (date(2025, 1, 1), date(2025, 12, 31)),
    (date(2026, 1, 1), date(2026, 12, 31)),
    *(quarter(2025, q) for q in (1, 2, 3, 4)),
    quarter(2026, 2),
    (date(2024, 5, 17), date(2025, 2, 3)),
    (date(2025, 6, 10), date(2025, 6, 10)),
]


def stored(services: Services) -> list[tuple[date, str, str, int, int]]:
    with services.db.read() as s:
        rows = s.execute(
            select(StatsDaily.day, StatsDaily.measure, StatsDaily.key, StatsDaily.n, StatsDaily.ok)
        ).all()
    return sorted((d, m, k, n, ok) for d, m, k, n, ok in rows)


def assert_in_step(services: Services) -> None:
    """The rows kept up to date equal a rebuild from scratch, and every period's fast
    figures equal the scan's."""
    kept = stored(services)
    with services.db.write() as s:
        rebuild(s)
    assert kept == stored(services)
    assert all(n > 0 for *_, n, _ok in kept)
    for start, end in PERIODS:
        fast = services.statistics.figures(start, end)
        slow = services.statistics.figures(start, end, fast=False)
        assert fast == slow, (start, end)


def work_on_cases(services: Services, clock, rng: random.Random, steps: int) -> int:  # type: ignore[no-untyped-def]
    """Random work through the services, as desks would do it; returns actions done."""
    actor = staff_actor(services)  # every role; results are recorded by the assigned official
    c = services.cases
    officials = [u.id for u in services.office.officials()]
    people = {u.full_name: services.office.actor(u.username) for u in services.office.officials()}
    units = [u.id for u in services.office.units()]
    done = 0
    for _ in range(steps):
        clock.set(clock() + timedelta(hours=rng.randint(1, 30)))
        if rng.random() < 0.25:
            c.receive(
                replace(BASE, topic=rng.choice(["", "Lao động, việc làm", "Bảo hiểm"])),
                actor,
                unit_id=rng.choice([None, *units]),
            )
            done += 1
            continue
        rows = services.case_reads.queue(
            CaseFilter(), actor, offset=rng.randrange(0, 250), limit=20
        )
        if not rows:
            continue
        row = rng.choice(rows)
        v = row.version
        try:
            if row.state == "received":
                pick = rng.randrange(5)
                if pick == 0:
                    c.accept(row.code, actor, expected_version=v)
                elif pick == 1:
                    c.reject(row.code, "Khiếu nại", actor, expected_version=v)
                elif pick == 2:
                    c.transfer(row.code, "Sở Y tế", actor, expected_version=v)
                elif pick == 3:
                    c.forward(row.code, rng.choice(officials), actor, expected_version=v)
                else:
                    c.ask_clarification(row.code, "Thiếu địa chỉ", actor, expected_version=v)
            elif row.state == "awaiting_clarification":
                c.record_supplement(row.code, "Đã bổ sung", actor, expected_version=v)
            elif row.state == "in_progress":
                if rng.random() < 0.3:
                    c.assign(row.code, rng.choice(officials), actor, expected_version=v)
                else:
                    c.record_result(
                        row.code,
                        "Đã xử lý",
                        people.get(row.official_name, actor),
                        expected_version=v,
                    )
            elif row.state == "result_recorded":
                c.publish_answer(row.code, "Trả lời", actor, expected_version=v)
            elif row.state in ("answered", "rejected", "transferred"):
                if rng.random() < 0.5:
                    c.reopen(row.code, "Xem xét lại", actor, expected_version=v)
                else:
                    c.close(row.code, actor, expected_version=v)
            else:
                continue
            done += 1
        except PaknError:
            continue
    return done


def test_summary_equals_the_scan_through_work_and_calendar_edits(  # type: ignore[no-untyped-def]
    services: Services, clock
) -> None:
    generate_demo(services, 300, seed=11)
    assert stored(services), "the demo fills the summary"
    assert_in_step(services)
    rng = random.Random(5)
    assert work_on_cases(services, clock, rng, 80) > 30
    assert_in_step(services)
    actor = services.office.actor()
    before = services.statistics.figures(date(2025, 1, 1), date(2025, 12, 31))
    # Office days off inside many cases' windows, a make-up Saturday, then one taken back.
    for day in (date(2025, 6, 10), date(2025, 3, 4), date(2026, 1, 20)):
        services.calendar.add_day_off(
            day, "Nghỉ theo quyết định", actor, expected_version=services.calendar.version()
        )
        assert_in_step(services)
    for _ in range(3):  # and some anywhere, many cases in flight across them
        day = date(2025, 1, 6) + timedelta(days=rng.randrange(0, 480))
        if day.weekday() < 5:
            services.calendar.add_day_off(
                day, "Nghỉ đột xuất", actor, expected_version=services.calendar.version()
            )
            assert_in_step(services)
    services.calendar.add_working_day(
        date(2025, 9, 13), "Làm bù", actor, expected_version=services.calendar.version()
    )
    assert_in_step(services)
    services.calendar.remove(date(2025, 3, 4), actor, expected_version=services.calendar.version())
    assert_in_step(services)
    after = services.statistics.figures(date(2025, 1, 1), date(2025, 12, 31))
    assert (before.on_time, before.median_days) != (after.on_time, after.median_days) or (
        before.handled == after.handled
    )


def test_editing_topic_and_unit_moves_the_counts(services: Services, clock, admin, actor) -> None:  # type: ignore[no-untyped-def]
    unit = services.office.add_unit("Phòng Lao động", admin)
    case = services.cases.receive(replace(BASE, topic=""), actor)
    st = services.statistics.figures(date(2026, 4, 1), date(2026, 4, 30))
    assert st.by_topic.by_key() == {"": 1} and st.by_unit.by_key() == {"": 1}
    services.cases.edit(
        case.code, BASE, actor, expected_version=case.version, topic="Bảo hiểm", unit_id=unit.id
    )
    st = services.statistics.figures(date(2026, 4, 1), date(2026, 4, 30))
    assert st.by_topic.by_key() == {"Bảo hiểm": 1}
    assert st.by_unit.by_key() == {str(unit.id): 1}
    assert_in_step(services)


def test_a_failed_change_leaves_the_summary_alone(services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    from pakn_desktop.services.cases import StaleCase

    actor = staff_actor(services)
    case = services.cases.receive(BASE, actor)
    services.cases.accept(case.code, actor, expected_version=case.version)
    kept = stored(services)
    # A desk working from the old version: refused, and nothing counted twice.
    with pytest.raises(StaleCase):
        services.cases.reject(case.code, "Khiếu nại", actor, expected_version=case.version)
    # A wrong action for the state: refused, nothing counted.
    with pytest.raises(PaknError):
        services.cases.publish_answer(
            case.code,
            "Trả lời",
            actor,
            expected_version=services.case_reads.get(case.code, staff_actor(services)).version,
        )
    # An account without the role: refused, nothing counted.
    with pytest.raises(PaknError, match="không có quyền"):
        services.cases.reject(
            case.code,
            "Khiếu nại",
            services.office.actor(),
            expected_version=services.case_reads.get(case.code, staff_actor(services)).version,
        )
    assert stored(services) == kept
    assert_in_step(services)


def test_the_migration_fills_the_summary_of_an_older_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    from pakn_desktop.store.db import Database

    url = f"sqlite:///{tmp_path / 'old.db'}"
    services = Services.open(url, now=lambda: datetime(2026, 4, 24, 9, 30))
    generate_demo(services, 120, seed=2)
    kept = stored(services)
    services.close()
    db = Database(url)
    cfg = db._alembic_config()
    command.downgrade(cfg, "0006")
    command.upgrade(cfg, "head")
    db.dispose()
    services = Services.open(url, now=lambda: datetime(2026, 4, 24, 9, 30))
    try:
        # The downgrade below 0022 dropped the address's codes: those cases now count under
        # "" (no province, no commune), day by day as many as before.
        places = ("province", "commune")
        after = stored(services)
        assert [r for r in after if r[1] not in places] == [
            r for r in kept if r[1] not in places
        ] and kept
        for measure in places:
            by_day: dict[date, int] = {}
            for d, m, _k, n, _ok in kept:
                if m == measure:
                    by_day[d] = by_day.get(d, 0) + n
            assert [(d, k, n) for d, m, k, n, _ok in after if m == measure] == [
                (d, "", n) for d, n in sorted(by_day.items())
            ]
        assert_in_step(services)
    finally:
        services.close()


def test_two_desks_keep_one_summary(services: Services, db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    from pakn_desktop.services.cases import StaleCase

    other = Services.open(db_url, now=clock)
    try:
        a = staff_actor(services)
        b = other.office.actor("canbo")  # the same person at a second desk
        first = services.cases.receive(BASE, a)
        second = other.cases.receive(replace(BASE, channel="email"), b)
        other.cases.accept(first.code, b, expected_version=first.version)
        with pytest.raises(StaleCase):
            services.cases.reject(first.code, "Khiếu nại", a, expected_version=first.version)
        services.cases.reject(second.code, "Khiếu nại", a, expected_version=second.version)
        st = other.statistics.figures(date(2026, 4, 1), date(2026, 4, 30))
        assert st.by_channel.by_key() == {"phone": 1, "email": 1}
        assert {h.kind: h.total for h in st.handled}["rejected"] == 1
        assert st.outcomes.by_key() == {"accepted": 1, "rejected": 1}
        assert_in_step(services)
    finally:
        other.close()


def test_calendar_edits_twice_or_wrong_leave_the_summary_right(  # type: ignore[no-untyped-def]
    services: Services, clock
) -> None:
    generate_demo(services, 120, seed=3)
    actor = services.office.actor()
    day = date(2025, 10, 7)
    services.calendar.add_day_off(
        day, "Nghỉ theo quyết định", actor, expected_version=services.calendar.version()
    )
    kept = stored(services)
    # The same day off entered again (a new reason): nothing flips, nothing moves.
    services.calendar.add_day_off(
        day, "Nghỉ theo quyết định số 2", actor, expected_version=services.calendar.version()
    )
    assert stored(services) == kept
    # Taking back a day that has no adjustment is refused and changes nothing.
    with pytest.raises(PaknError):
        services.calendar.remove(
            date(2025, 10, 8), actor, expected_version=services.calendar.version()
        )
    assert stored(services) == kept
    # A day off turned into a working day in place.
    services.calendar.add_working_day(
        day, "Đi làm bình thường", actor, expected_version=services.calendar.version()
    )
    assert_in_step(services)
