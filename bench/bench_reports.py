"""Reports on the demo databases: the dashboard and the yearly report computed in SQL, beside
a baseline that streams the year's cases into Python and counts them there (answers checked
equal)."""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime
from datetime import time as dtime
from pathlib import Path

from sqlalchemy import select

from bench.bench_queue import _database
from pakn_desktop.domain.enums import CHANNEL_LABELS, Channel
from pakn_desktop.reports.excel import write_period_report
from pakn_desktop.reports.stats import period_stats
from pakn_desktop.services import Services
from pakn_desktop.store.models import Case


def run_size(n: int) -> None:
    path, _ = _database(n)
    services = Services.open(f"sqlite:///{path}")
    year = services.now().year - 1
    start, end = date(year, 1, 1), date(year, 12, 31)
    t0 = time.perf_counter()
    stats = period_stats(services, start, end)
    sql_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        write_period_report(stats, "Sở", Path(tmp) / "year.xlsx")
    xlsx_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    counts: Counter[str] = Counter()
    with services.db.read() as s:
        rows = s.execute(
            select(Case.channel).where(
                Case.received_at >= datetime.combine(start, dtime.min),
                Case.received_at <= datetime.combine(end, dtime.max),
            )
        )
        for (channel,) in rows:
            counts[CHANNEL_LABELS[Channel(channel)]] += 1
    py_s = time.perf_counter() - t0
    services.close()
    same = dict(counts) == stats.by_channel
    print(f"\n{n:,} cases, year {year}: {stats.received:,} received")
    print(f"{'dashboard (all figures, SQL)':44}{sql_s * 1000:>10.0f} ms")
    print(f"{'periodic report to Excel':44}{xlsx_s * 1000:>10.0f} ms")
    print(
        f"{'baseline: stream the year into Python':44}{py_s * 1000:>10.0f} ms"
        f"  (one breakdown only; same answer: {same})"
    )


def main(sizes: tuple[int, ...] = (100_000, 1_000_000)) -> None:
    for n in sizes:
        run_size(n)


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or (100_000, 1_000_000))
