"""The calendar read from its SQL copy (``WorkingCalendar.from_table``) answers exactly as the
calendar built from the holidays package, and the skipped days worked out when first read equal
the ones worked out at once."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import date, timedelta

import pytest

from pakn_desktop.domain.calendar import (
    DEFAULT_FIRST_YEAR,
    DEFAULT_LAST_YEAR,
    SkippedDays,
    WorkingCalendar,
)

FIRST = date(DEFAULT_FIRST_YEAR, 1, 1)
LAST = date(DEFAULT_LAST_YEAR, 12, 31)
OFF = [(date(2026, 4, 27), "Ngày nghỉ của cơ quan"), (date(2025, 12, 31), "")]
WORKING = [(date(2026, 5, 9), "Làm bù"), (date(2030, 1, 5), "")]


def _pair(
    off: list[tuple[date, str]], working: list[tuple[date, str]]
) -> tuple[WorkingCalendar, WorkingCalendar]:
    full = WorkingCalendar(off, working)
    rows = WorkingCalendar(off, working).table(FIRST, LAST)
    return full, WorkingCalendar.from_table(rows, off, working)


@pytest.mark.parametrize(("off", "working"), [([], []), (OFF, WORKING)])
def test_from_table_answers_as_the_full_build(
    off: list[tuple[date, str]], working: list[tuple[date, str]]
) -> None:
    full, quick = _pair(off, working)
    assert quick.table(FIRST, LAST) == full.table(FIRST, LAST)
    d = FIRST
    while d <= LAST:
        assert quick.is_working_day(d) == full.is_working_day(d), d
        d += timedelta(days=1)
    rng = random.Random(14)
    for _ in range(3000):
        a = FIRST + timedelta(days=rng.randrange((LAST - FIRST).days))
        b = FIRST + timedelta(days=rng.randrange((LAST - FIRST).days))
        n = rng.choice((1, 2, 5, 10, 15, 45, 300))
        assert quick.add_working_days(a, n) == full.add_working_days(a, n)
        assert quick.working_days_between(a, b) == full.working_days_between(a, b)
    for year in (2015, 2025, 2026, 2040):
        assert quick.holidays_in_year(year) == full.holidays_in_year(year)
    d = date(2025, 1, 1)
    while d <= date(2026, 12, 31):
        assert quick.explain(d) == full.explain(d)
        d += timedelta(days=1)
    assert quick.skipped_days(date(2026, 4, 20), date(2026, 5, 12)) == full.skipped_days(
        date(2026, 4, 20), date(2026, 5, 12)
    )


def test_from_table_grows_past_its_span_like_the_full_build() -> None:
    full, quick = _pair(OFF, WORKING)
    for d, n in ((date(2040, 12, 20), 15), (date(2043, 3, 1), 5), (date(2010, 6, 1), 3)):
        assert quick.add_working_days(d, n) == full.add_working_days(d, n)
        assert quick.is_working_day(d) == full.is_working_day(d)
        assert quick.explain(d) == full.explain(d)
    assert quick.working_days_between(date(2012, 1, 1), date(2045, 1, 1)) == (
        full.working_days_between(date(2012, 1, 1), date(2045, 1, 1))
    )


def test_rows_that_are_not_the_table_are_ignored() -> None:
    full = WorkingCalendar(OFF, WORKING)
    rows = full.table(FIRST, LAST)
    gap = rows[:100] + rows[101:]
    wrong_count = [*rows[:50], (rows[50][0], rows[50][1], rows[50][2] + 1), *rows[51:]]
    flipped = [*rows[:60], (rows[60][0], not rows[60][1], rows[60][2]), *rows[61:]]
    for bad in ([], rows[:-1], gap, wrong_count, flipped):
        quick = WorkingCalendar.from_table(bad, OFF, WORKING)
        assert quick.table(FIRST, LAST) == rows


def test_counting_from_the_table_needs_no_holidays_package() -> None:
    """The holidays package (slow to import) is loaded only for the holidays' names."""
    code = """
import sys
from datetime import date
from pakn_desktop.domain.calendar import WorkingCalendar, DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR
rows = [
    (date.fromisoformat(d), w == "1", int(q))
    for d, w, q in (line.split() for line in sys.stdin.read().splitlines())
]
cal = WorkingCalendar.from_table(rows)
print(cal.add_working_days(date(2026, 4, 24), 15), cal.is_working_day(date(2026, 4, 30)))
print("holidays" in sys.modules)
cal.explain(date(2026, 4, 30))
print("holidays" in sys.modules)
"""
    rows = WorkingCalendar().table(FIRST, LAST)
    out = subprocess.run(
        [sys.executable, "-c", code],
        input="\n".join(f"{d.isoformat()} {int(w)} {q}" for d, w, q in rows),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    full = WorkingCalendar()
    assert out[0] == f"{full.add_working_days(date(2026, 4, 24), 15)} False"
    assert out[1:3] == ["False", "True"]


def test_skipped_days_worked_out_later_equal_the_list() -> None:
    cal = WorkingCalendar(OFF, WORKING)
    a, b = date(2026, 4, 20), date(2026, 5, 12)
    now = cal.skipped_days(a, b)
    later = cal.skipped_days_later(a, b)
    assert isinstance(later, SkippedDays)
    assert later == now and now == later and later == tuple(now)
    assert list(later) == now and len(later) == len(now) and later[0] == now[0]
    assert later[1:3] == now[1:3] and repr(later) == repr(now) and bool(later)
    assert later == cal.skipped_days_later(a, b)
    assert later != now[:-1]
    assert not cal.skipped_days_later(date(2026, 4, 21), date(2026, 4, 22))
