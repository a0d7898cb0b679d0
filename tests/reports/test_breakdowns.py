"""Statistics keyed by codes: every row of every breakdown lists exactly the cases it counts
(the "(chưa chọn)" topic and "(chưa phân công)" unit and official included), and the numbers
are written the Vietnamese way."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from accounts_fixture import staff_actor
from report_fixture import BASE, at, build

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.reports.stats import (
    PeriodStats,
    month_label,
    percentiles,
    quarter,
    vn_int,
    vn_percent,
)
from pakn_desktop.services import Services


def _extra(services: Services, clock) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Cases without a topic, with and without a unit, assigned or not, in two months."""
    admin = services.office.actor()
    actor = staff_actor(services)
    c = services.cases
    unit = services.office.add_unit("Phòng Lao động", admin)
    other = services.office.add_unit("Phòng Việc làm", admin)
    official = services.office.add_user(
        "ttha", "Trần Thị Hà", frozenset({Role.OFFICIAL}), unit_id=unit.id, actor=admin
    )
    codes = {}
    clock.set(at("2026-05-04"))
    codes["no_topic"] = c.receive(replace(BASE, topic=""), actor).code
    codes["no_topic_unit"] = c.receive(replace(BASE, topic=""), actor, unit_id=other.id).code
    codes["unit"] = c.receive(BASE, actor, unit_id=unit.id).code
    clock.set(at("2026-06-01"))
    forwarded = c.receive(replace(BASE, topic=""), actor)
    codes["forwarded"] = forwarded.code
    c.forward(forwarded.code, official.id, actor, expected_version=forwarded.version)
    asked = c.receive(BASE, actor)
    codes["asked"] = asked.code
    c.ask_clarification(asked.code, "Thiếu địa chỉ", actor, expected_version=asked.version)
    return codes


def check_every_row(services: Services, st: PeriodStats) -> int:
    """Every count shown equals the number of cases its filter lists; returns rows checked."""
    reader = staff_actor(services)

    def count(f: CaseFilter) -> int:
        return services.case_reads.count(f, reader)

    checked = 0
    assert count(st.received_filter) == st.received
    assert count(st.handled_filter()) == st.handled_total
    assert count(st.handled_filter(True)) == st.on_time
    assert count(st.handled_filter(False)) == st.late
    for bd in st.breakdowns:
        for row in bd.rows:
            assert count(row.filter) == row.count, (bd.name, row.key, row.label)
            checked += 1
    for h in st.handled:
        assert (count(h.filter()), count(h.filter(True)), count(h.filter(False))) == (
            h.total,
            h.on_time,
            h.late,
        ), h.kind
        checked += 1
    for u in st.handled_by_unit:
        assert (count(u.filter()), count(u.filter(True)), count(u.filter(False))) == (
            u.total,
            u.on_time,
            u.total - u.on_time,
        ), u.label
        checked += 1
    return checked


def test_every_row_of_every_breakdown_lists_its_count(services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    build(services, clock)
    codes = _extra(services, clock)
    clock.set(at("2026-07-02"))
    st = services.statistics.figures(*quarter(2026, 2))
    assert st.received == 11
    topics = {r.key: (r.label, r.count) for r in st.by_topic.rows}
    assert topics[""] == ("(chưa chọn)", 3)
    units = {r.label: r.count for r in st.by_unit.rows}
    assert units == {"(chưa phân công)": 8, "Phòng Lao động": 2, "Phòng Việc làm": 1}
    assert st.outcomes["Chưa phân loại"] == 3
    assert st.by_month.counts() == {"Tháng 4/2026": 6, "Tháng 5/2026": 3, "Tháng 6/2026": 2}
    assert all(bd.rows for bd in st.breakdowns)
    assert check_every_row(services, st) >= 20
    # Today's figures belong to the period that includes today, each listing its count.
    now = services.statistics.figures(*quarter(2026, 3))
    assert now.overdue_by_official.counts() == {"(chưa phân công)": 4, "Trần Thị Hà": 1}
    assert now.open_by_status.rows and now.overdue_by_official.rows
    check_every_row(services, now)
    # The lists name the right cases, not just the right number.
    no_topic = next(r for r in st.by_topic.rows if r.key == "")
    listed = {r.code for r in services.case_reads.queue(no_topic.filter, staff_actor(services))}
    assert listed == {codes["no_topic"], codes["no_topic_unit"], codes["forwarded"]}


def test_rows_are_keyed_by_codes_when_labels_collide(services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    """A topic written like the placeholder is still its own row, with its own list."""
    actor = staff_actor(services)
    services.cases.receive(replace(BASE, topic="(chưa chọn)"), actor)
    services.cases.receive(replace(BASE, topic=""), actor)
    services.cases.receive(replace(BASE, topic=""), actor)
    st = services.statistics.figures(date(2026, 4, 1), date(2026, 4, 30))
    assert sorted((r.key, r.count) for r in st.by_topic.rows) == [("", 2), ("(chưa chọn)", 1)]
    check_every_row(services, st)


def test_a_month_row_keeps_to_the_period(services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    build(services, clock)
    st = services.statistics.figures(date(2026, 4, 25), date(2026, 7, 31))
    assert st.by_month.by_key() == {"2026-07": 1}
    st = services.statistics.figures(date(2026, 4, 24), date(2026, 4, 24))
    (april,) = st.by_month.rows
    assert (april.filter.received_from, april.filter.received_to) == (
        date(2026, 4, 24),
        date(2026, 4, 24),
    )
    check_every_row(services, st)


def test_empty_period(services: Services) -> None:
    st = services.statistics.figures(date(2020, 1, 1), date(2020, 12, 31))
    assert st.received == 0 and st.handled_total == 0 and st.median_days is None
    assert all(not bd.rows for bd in st.breakdowns if bd.name not in ("status",))
    check_every_row(services, st)


def test_vietnamese_numbers() -> None:
    assert vn_int(9303) == "9.303" and vn_int(1_000_000) == "1.000.000" and vn_int(12) == "12"
    assert vn_int(None) == "-"
    assert vn_percent(0.6) == "60,0%" and vn_percent(1) == "100,0%" and vn_percent(None) == "-"
    assert vn_percent(0.12345, 2) == "12,35%"
    assert month_label("2026-01") == "Tháng 1/2026" and month_label("2025-12") == "Tháng 12/2025"


def test_percentiles_from_a_histogram() -> None:
    assert percentiles({}, (0.5,)) == [None]
    assert percentiles({15: 1, 16: 1}, (0.5, 0.9)) == [15, 16]
    assert percentiles({3: 5, 10: 4, 20: 1}, (0.5, 0.9, 1.0)) == [3, 10, 20]
