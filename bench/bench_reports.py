"""The dashboard of a year and of a quarter on 100,000 and 1,000,000 demo cases: read from the
daily summary rows (ours), counted straight from the cases (the scan), and beside them the
raw-SQL floor in plain sqlite3 (one pass over the period's cases aggregating counts and
on-time) and the summary's own SQL in plain sqlite3. Answers are checked equal.

Also: what keeping the summary costs a case action, and rebuilding it after a calendar edit.

The demo databases are the queue bench's (bench/_db.py: cached SQLite files, and with
PAKN_BENCH_PG_URL one PostgreSQL schema per size), so each size is built once for every
benchmark and both backends print the same rows. The calendar edit is taken back, so a
database ends as it began."""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench import _db
from pakn_desktop.reports.excel import write_period_report
from pakn_desktop.reports.stats import quarter
from pakn_desktop.services import Services
from pakn_desktop.store import summary
from pakn_desktop.store.models import Case, StatsDaily

RUNS = 5


def _median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    fn()  # warm the cache once, as a second look would
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _ms(value: float, digits: int) -> str:
    return "-" if value != value else f"{value:.{digits}f}"  # NaN: no raw floor here


RAW_PASS = """
SELECT c.channel, count(*),
       sum(CASE WHEN c.answered_on IS NOT NULL AND c.answered_on <= d.day THEN 1 ELSE 0 END)
FROM cases c
LEFT JOIN work_days ws ON ws.day = c.clock_start
LEFT JOIN work_days d ON d.seq = ws.seq + 15 AND d.working = 1
WHERE c.received_at >= ? AND c.received_at < ?
GROUP BY c.channel
"""

RAW_SUMMARY = """
SELECT measure, key, sum(n), sum(ok) FROM stats_daily
WHERE day >= ? AND day <= ? GROUP BY measure, key
"""


def _periods(services: Services) -> list[tuple[str, date, date]]:
    year = services.now().year - 1
    return [(f"year {year}", date(year, 1, 1), date(year, 12, 31))] + [
        (f"quarter {q}/{year}", *quarter(year, q)) for q in (2,)
    ]


def _upkeep_ms(services: Services) -> float:
    """The summary's share of a case action: its rows before and after, and the delta
    written (no change to the case, so the delta is empty; rolled back)."""
    with services.db.read() as s:
        top = int(s.execute(select(func.max(Case.id))).scalar_one())
    ids = [top - 7 * i for i in range(20)]

    def one() -> None:
        with services.db.read() as s:
            for cid in ids:
                before = summary.case_before(s, cid)
                summary.case_after(s, cid, before)
            s.rollback()

    return _median_ms(one, 3) / len(ids)


def _calendar_edit_ms(services: Services, day: date) -> tuple[float, float]:
    """An office day off entered and taken back, as the settings do it (deadlines of open
    cases recomputed, work_days rewritten, the summary moved); the database ends as it was."""
    actor = services.office.actor()
    t0 = time.perf_counter()
    services.calendar.add_day_off(
        day, "Thử đo thời gian", actor, expected_version=services.calendar.version()
    )
    added = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    services.calendar.remove(day, actor, expected_version=services.calendar.version())
    return added, (time.perf_counter() - t0) * 1000


def run(services: Services, label: str, raw: sqlite3.Connection | None) -> None:
    with services.db.read() as s:
        cases = int(s.execute(select(func.count(Case.id))).scalar_one())
        rows = int(s.execute(select(func.count()).select_from(StatsDaily)).scalar_one())
    print(f"\n{label}: {cases:,} cases, {rows:,} summary rows")
    print(f"{'what':46}{'ours ms':>10}{'scan ms':>10}{'floor ms':>10}{'sum. raw':>10}  same")
    for name, start, end in _periods(services):
        fast = services.statistics.figures(start, end)
        slow = services.statistics.figures(start, end, fast=False)
        ours = _median_ms(lambda start=start, end=end: services.statistics.figures(start, end))
        scan = _median_ms(
            lambda start=start, end=end: services.statistics.figures(start, end, fast=False), 1
        )
        floor = summ = float("nan")
        if raw is not None:
            lo = datetime.combine(start, datetime.min.time()).strftime("%Y-%m-%d %H:%M:%S.%f")
            hi = datetime.combine(end + timedelta(days=1), datetime.min.time()).strftime(
                "%Y-%m-%d %H:%M:%S.%f"
            )
            floor = _median_ms(lambda lo=lo, hi=hi: raw.execute(RAW_PASS, (lo, hi)).fetchall())
            summ = _median_ms(
                lambda start=start, end=end: raw.execute(
                    RAW_SUMMARY, (start.isoformat(), end.isoformat())
                ).fetchall()
            )
        print(
            f"{'dashboard, ' + name + f' ({fast.received:,} received)':46}"
            f"{ours:>10.1f}{scan:>10.0f}{_ms(floor, 0):>10}{_ms(summ, 1):>10}  {fast == slow}"
        )
    with services.db.read() as s:
        figures_ms = _median_ms(
            lambda: summary.read(s, *_periods(services)[0][1:]),
        )
    print(f"{'  of which the summary read (year)':46}{figures_ms:>10.1f}")
    name, start, end = _periods(services)[0]
    stats = services.statistics.figures(start, end)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        write_period_report(stats, "Sở", Path(tmp) / "year.xlsx")
        xlsx = (time.perf_counter() - t0) * 1000
    print(f"{'periodic report to Excel (' + name + ')':46}{xlsx:>10.0f}")
    print(f"{'summary upkeep per case action':46}{_upkeep_ms(services):>10.2f}")
    day = date(start.year, 7, 1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    with services.db.read() as s:
        kept = summary.read(s, start, end)
    added, removed = _calendar_edit_ms(services, day)
    with services.db.read() as s:
        same = summary.read(s, start, end) == kept
    print(f"{'calendar: add a day off (' + f'{day:%d/%m/%Y}' + ')':46}{added:>10.0f}")
    print(f"{'calendar: remove it again':46}{removed:>10.0f}  figures back as before: {same}")
    with services.db.read() as s:
        t0 = time.perf_counter()
        summary.rebuild(s)
        full = (time.perf_counter() - t0) * 1000
        s.rollback()
    print(f"{'summary: full rebuild (demo, migration)':46}{full:>10.0f}")


def run_size(n: int) -> None:
    url, path, generated = _db.sqlite_database(n)
    if generated is not None:
        print(f"generated {n:,} SQLite demo cases in {generated:.1f} s")
    services = Services.open(url)
    raw = sqlite3.connect(path)
    try:
        run(services, f"SQLite {path}", raw)
    finally:
        raw.close()
        services.close()
    pg = _db.postgres_database(n)
    if pg is None:
        return
    pg_url, pg_built = pg
    if pg_built is not None:
        print(f"generated {n:,} PostgreSQL demo cases in {pg_built:.1f} s")
    services = Services.open(pg_url)
    try:
        run(services, f"PostgreSQL ({n:,} cases)", None)
    finally:
        services.close()


def main(sizes: tuple[int, ...] = (100_000, 1_000_000)) -> None:
    for n in sizes:
        run_size(n)


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or (100_000, 1_000_000))
