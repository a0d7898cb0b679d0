"""The working-day calendar around Vietnamese holidays, swaps and office adjustments."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pakn_desktop.domain.calendar import WorkingCalendar

CAL = WorkingCalendar()


def test_contract_example_received_friday_before_gio_to() -> None:
    received = date(2026, 4, 24)
    assert CAL.add_working_days(received, 2) == date(2026, 4, 29)
    assert CAL.add_working_days(received, 5) == date(2026, 5, 6)
    assert CAL.add_working_days(received, 15) == date(2026, 5, 20)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 2, 13), True),  # Friday before Tết
        (date(2026, 2, 16), False),  # Giao thừa
        (date(2026, 2, 17), False),  # Mùng một
        (date(2026, 2, 20), False),  # Mùng bốn
        (date(2026, 2, 23), True),  # back to work
        (date(2026, 4, 26), False),  # Giỗ Tổ on a Sunday ...
        (date(2026, 4, 27), False),  # ... observed on Monday
        (date(2026, 4, 30), False),
        (date(2026, 5, 1), False),
        (date(2025, 4, 26), True),  # Saturday worked in exchange for Fri 2/5/2025
        (date(2025, 5, 2), False),
        (date(2026, 8, 22), True),  # Saturday worked in exchange for Mon 31/8/2026
        (date(2026, 8, 31), False),
        (date(2026, 9, 1), False),
        (date(2026, 9, 2), False),
        (date(2026, 9, 3), True),
        (date(2026, 12, 31), True),
        (date(2027, 1, 1), False),
        (date(2026, 11, 28), False),  # an ordinary Saturday
    ],
)
def test_working_days(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


def test_tet_pushes_deadlines() -> None:
    # Received Thursday 12/02/2026: 13/02 is day 1, Tết (16-20/02) is skipped.
    assert CAL.add_working_days(date(2026, 2, 12), 2) == date(2026, 2, 23)
    assert CAL.add_working_days(date(2026, 2, 12), 5) == date(2026, 2, 26)


def test_make_up_saturday_counts() -> None:
    # Received Friday 21/08/2026: Saturday 22/08 is a working day (day 1).
    assert CAL.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)
    # 31/08, 01/09 and 02/09 are off.
    assert CAL.add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)


def test_received_on_weekend_or_holiday_first_working_day_is_day_one() -> None:
    assert CAL.add_working_days(date(2026, 11, 28), 1) == date(2026, 11, 30)  # Saturday
    assert CAL.add_working_days(date(2026, 11, 29), 1) == date(2026, 11, 30)  # Sunday
    assert CAL.add_working_days(date(2026, 4, 30), 1) == date(2026, 5, 4)  # holiday


def test_year_boundary() -> None:
    # Received 31/12/2026 (Thursday): 1/1/2027 is off, Monday 4/1 is day 1.
    assert CAL.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert CAL.working_days_between(date(2026, 12, 31), date(2027, 1, 4)) == 1


def test_office_adjustments_override_national_calendar() -> None:
    cal = WorkingCalendar(
        extra_days_off=[(date(2026, 5, 4), "Nghỉ theo quyết định của UBND tỉnh")],
        extra_working_days=[date(2026, 5, 2), (date(2026, 8, 22), "")],
    )
    assert not cal.is_working_day(date(2026, 5, 4))
    assert cal.is_working_day(date(2026, 5, 2))
    # An office day off also wins over a national make-up Saturday.
    off = WorkingCalendar(extra_days_off=[(date(2026, 8, 22), "Lũ lụt")])
    assert not off.is_working_day(date(2026, 8, 22))
    # The Saturday pulls the deadline in, the Monday off pushes it out.
    assert cal.add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 2)
    assert cal.add_working_days(date(2026, 5, 2), 1) == date(2026, 5, 5)
    assert "ngày nghỉ do cơ quan quy định" in cal.explain(date(2026, 5, 4))
    assert "UBND tỉnh" in cal.explain(date(2026, 5, 4))
    assert "ngày làm việc do cơ quan quy định" in cal.explain(date(2026, 5, 2))


def test_explain_wording() -> None:
    assert CAL.explain(date(2026, 4, 25)) == "Thứ Bảy, 25/04/2026: ngày nghỉ cuối tuần"
    assert CAL.explain(date(2026, 4, 28)) == "Thứ Ba, 28/04/2026: ngày làm việc"
    assert "nghỉ bù" in CAL.explain(date(2026, 4, 27))
    assert "Giỗ Tổ" in CAL.explain(date(2026, 4, 27))
    assert "làm bù" in CAL.explain(date(2026, 8, 22))
    assert "Tết" in CAL.explain(date(2026, 2, 17))
    skipped = CAL.skipped_days(date(2026, 4, 24), date(2026, 4, 29))
    assert [d for d, _ in skipped] == [date(2026, 4, 25), date(2026, 4, 26), date(2026, 4, 27)]


def test_holidays_in_year_lists_make_up_days() -> None:
    rows = CAL.holidays_in_year(2026)
    assert (date(2026, 8, 22), "Ngày làm bù", True) in rows
    assert any(d == date(2026, 9, 2) and not w for d, _, w in rows)


def test_dates_beyond_the_tables_extend_them() -> None:
    cal = WorkingCalendar(first_year=2025, last_year=2026)
    assert cal.add_working_days(date(2026, 12, 30), 30) > date(2027, 1, 1)
    assert cal.is_working_day(date(2050, 6, 1))
    assert not cal.is_working_day(date(2010, 1, 1))


def test_rejects_n_below_one() -> None:
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2026, 1, 5), 0)


def naive_add(cal: WorkingCalendar, d: date, n: int) -> date:
    while n:
        d += timedelta(days=1)
        if cal.is_working_day(d):
            n -= 1
    return d


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
    st.integers(min_value=1, max_value=60),
)
def test_add_matches_a_day_by_day_walk(d: date, n: int) -> None:
    due = CAL.add_working_days(d, n)
    assert due == naive_add(CAL, d, n)
    assert CAL.working_days_between(d, due) == n
    assert CAL.is_working_day(due)


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
    st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
)
def test_between_is_antisymmetric(a: date, b: date) -> None:
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)
