"""Working-day calendar: our precomputed tables against the holidays package's own
get_nth_working_day, on the same queries, answers checked equal."""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

import holidays

from pakn_desktop.domain.calendar import WorkingCalendar

QUERIES = 1_000_000
BASELINE_SAMPLE = QUERIES


def main(queries: int = QUERIES) -> None:
    rng = random.Random(2026)
    start = date(2020, 1, 1)
    span = (date(2030, 12, 31) - start).days
    qs = [(start + timedelta(days=rng.randrange(span)), rng.randint(1, 30)) for _ in range(queries)]

    t0 = time.perf_counter()
    cal = WorkingCalendar()
    build = time.perf_counter() - t0

    t0 = time.perf_counter()
    ours = [cal.add_working_days(d, n) for d, n in qs]
    ours_s = time.perf_counter() - t0

    vn = holidays.country_holidays("VN", years=range(2019, 2033))
    sample = qs if queries <= BASELINE_SAMPLE else qs[:BASELINE_SAMPLE]
    t0 = time.perf_counter()
    theirs = [vn.get_nth_working_day(d, n) for d, n in sample]
    theirs_s = time.perf_counter() - t0
    mismatches = [(q, a, b) for q, a, b in zip(sample, ours, theirs, strict=False) if a != b]
    scale = queries / len(sample)
    theirs_full = theirs_s * scale

    print(f"WorkingCalendar built in {build * 1000:.0f} ms (years 2015-2040)")
    print(f"{'':32}{'total':>12}{'per query':>14}")
    print(f"{'ours: add_working_days':32}{ours_s:>11.2f}s{ours_s / queries * 1e9:>11.0f} ns")
    label = "holidays: get_nth_working_day"
    note = "" if scale == 1 else f"  (measured on {len(sample):,}, scaled x{scale:.0f})"
    print(f"{label:32}{theirs_full:>11.2f}s{theirs_s / len(sample) * 1e9:>11.0f} ns{note}")
    print(f"ratio: ours is {theirs_full / ours_s:.0f}x faster; queries: {queries:,}")
    print(f"answers compared: {len(sample):,}; mismatches: {len(mismatches)}")
    for q, a, b in mismatches[:5]:
        print(f"  {q}: ours {a}, holidays {b}")


if __name__ == "__main__":
    main()
