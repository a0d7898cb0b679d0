"""Queue pages, re-sorts, searches and counts on 100,000 and 1,000,000 demo cases, each beside
raw sqlite3 running the very same SQL (the floor our layers add to).

Demo databases are cached as <tmp>/pakn-bench-<N>.db so the 1,000,000-case one is built once."""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.enums import DeadlineStatus
from pakn_desktop.domain.text import search_terms
from pakn_desktop.services import Services
from pakn_desktop.store.queries import CaseFilter, SortKey, count_statement, page_statement

RUNS = 5


def _median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    fn()  # warm the page cache once, as a user's second look would
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _raw(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _database(n: int) -> tuple[Path, float | None]:
    path = Path(tempfile.gettempdir()) / f"pakn-bench-{n}.db"
    if path.exists():
        with sqlite3.connect(path) as conn:
            try:
                have = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
            except sqlite3.Error:
                have = -1
        if have == n:
            return path, None
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    services = Services.open(f"sqlite:///{path}")
    t0 = time.perf_counter()
    generate_demo(services, n, seed=1)
    elapsed = time.perf_counter() - t0
    services.close()
    return path, elapsed


def run_size(n: int) -> None:
    path, generated = _database(n)
    if generated is not None:
        print(f"generated {n:,} demo cases in {generated:.1f} s ({n / generated:,.0f} cases/s)")
    services = Services.open(f"sqlite:///{path}")
    raw = sqlite3.connect(path)
    cases = services.cases
    bounds = cases.bounds()
    ops: list[tuple[str, CaseFilter, SortKey, bool]] = [
        (
            "queue: first page, open, by deadline",
            CaseFilter(open_only=True),
            SortKey.DEADLINE,
            False,
        ),
        ("queue: first page, all, by deadline", CaseFilter(), SortKey.DEADLINE, False),
        ("re-sort: received, newest first", CaseFilter(), SortKey.RECEIVED, True),
        ("re-sort: submitter name", CaseFilter(), SortKey.SUBMITTER, False),
        (
            "filter: overdue + channel",
            CaseFilter(
                statuses=frozenset({DeadlineStatus.OVERDUE}),
                channels=frozenset({"phone", "walk_in"}),
            ),
            SortKey.DEADLINE,
            False,
        ),
        ("search: 'nguyen van'", CaseFilter(search="nguyen van"), SortKey.DEADLINE, False),
        ("search: 'nghi quyet 68'", CaseFilter(search="nghi quyet 68"), SortKey.RECEIVED, True),
    ]
    print(f"\n{n:,} cases ({path})")
    print(f"{'operation':44}{'ours ms':>10}{'raw ms':>10}{'ratio':>8}{'rows':>8}")
    with services.db.read() as session:
        for label, f, sort, desc in ops:
            terms = search_terms(f.search) if f.search else None
            stmt = page_statement(session, f, bounds, terms, sort, desc, 0, 200)
            compiled = stmt.compile(
                dialect=services.db.engine.dialect, compile_kwargs={"render_postcompile": True}
            )
            params = [_raw(compiled.params[k]) for k in (compiled.positiontup or [])]
            sql = str(compiled)
            rows = len(cases.queue(f, sort=sort, descending=desc, limit=200))
            ours = _median_ms(
                lambda f=f, sort=sort, desc=desc: cases.queue(
                    f, sort=sort, descending=desc, limit=200
                )
            )
            base = _median_ms(lambda sql=sql, params=params: raw.execute(sql, params).fetchall())
            print(f"{label:44}{ours:>10.1f}{base:>10.1f}{ours / base:>8.2f}{rows:>8}")
            cstmt = count_statement(session, f, bounds, terms).compile(
                dialect=services.db.engine.dialect, compile_kwargs={"render_postcompile": True}
            )
            cparams = [_raw(cstmt.params[k]) for k in (cstmt.positiontup or [])]
            ours_c = _median_ms(lambda f=f: cases.count(f))
            base_c = _median_ms(lambda s=str(cstmt), p=cparams: raw.execute(s, p).fetchall())
            total = cases.count(f)
            ratio = ours_c / base_c
            print(
                f"{'  count of the same':44}{ours_c:>10.1f}{base_c:>10.1f}{ratio:>8.2f}{total:>8}"
            )
    raw.close()
    services.close()


def main(sizes: tuple[int, ...] = (100_000, 1_000_000)) -> None:
    for n in sizes:
        run_size(n)


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or (100_000, 1_000_000))
