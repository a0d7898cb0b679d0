"""Queue pages, deep pages, Ctrl+End, searches and counts on 100,000 and 1,000,000 demo cases,
each beside the raw driver (sqlite3 or psycopg) running the very same SQL, on SQLite and (with
PAKN_BENCH_PG_URL) PostgreSQL; then the start-up of the window on the same databases.

Demo databases are cached (bench/_db.py) so the 1,000,000-case ones are built once."""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bench import bench_startup
from bench._db import postgres_database, reader, sqlite_database
from pakn_desktop.domain.text import search_terms
from pakn_desktop.services import Services
from pakn_desktop.store.queries import (
    CaseFilter,
    PageKey,
    SortKey,
    count_statement,
    keyset_statements,
    page_rows,
    page_statement,
    rows_by_id,
    search_walk,
)
from pakn_desktop.ui.case_model import COUNT_CAP

RUNS = 5


def _median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    """The best of ``runs`` after one warm-up (the page cache warm, as a user's second look
    would find it). The best, not the median: on a machine shared with other work the
    median measures the queue for the processor more than the code; ours and the raw
    driver's figures are taken the same way."""
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return min(times)


def _database(n: int) -> tuple[Path, float | None]:
    """The cached n-case SQLite demo database (kept for the other benchmarks)."""
    _url, path, elapsed = sqlite_database(n)
    return path, elapsed


def _raw_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


class Raw:
    """The same SQL through the bare driver: the floor our layers add to."""

    def __init__(self, services: Services) -> None:
        self.dialect = services.db.engine.dialect
        self.sqlite = services.db.is_sqlite
        if self.sqlite:
            assert services.db.file is not None
            self.conn: Any = sqlite3.connect(services.db.file)
        else:
            import psycopg

            url = services.db.engine.url
            schema = str(url.query.get("options", "")).split("search_path=")[-1]
            self.conn = psycopg.connect(
                host=url.host, port=url.port, user=url.username, dbname=url.database
            )
            self.conn.execute(f"SET search_path TO {schema}")

    def prepare(self, stmt: Any) -> Callable[[], list[Any]]:
        if self.sqlite:
            c = stmt.compile(dialect=self.dialect, compile_kwargs={"render_postcompile": True})
            params = [_raw_value(c.params[k]) for k in (c.positiontup or [])]
            sql = str(c)
            return lambda: self.conn.execute(sql, params).fetchall()
        c = stmt.compile(dialect=self.dialect, compile_kwargs={"render_postcompile": True})
        sql, params = str(c), dict(c.params)
        return lambda: self.conn.execute(sql, params).fetchall()

    def close(self) -> None:
        self.conn.close()


def _line(label: str, ours: float, base: float | None, goal: str = "", rows: Any = "") -> None:
    base_s = f"{base:>10.1f}" if base is not None else f"{'':>10}"
    ratio = f"{ours / base:>8.2f}" if base else f"{'':>8}"
    print(f"{label:50}{ours:>10.1f}{base_s}{ratio}{rows!s:>9}  {goal}")


def _verdict(ms: float, goal_ms: float) -> str:
    return f"≤ {goal_ms:g} ms: " + ("met" if ms <= goal_ms else f"missed by {ms - goal_ms:.1f} ms")


def run_database(label: str, url: str) -> None:
    services = Services.open(url)
    raw = Raw(services)
    cases = services.case_reads
    actor = reader(services)
    b = cases.bounds()
    print(f"\n{label}")
    print(f"{'operation (best of 5)':50}{'ours ms':>10}{'raw ms':>10}{'ratio':>8}{'rows':>9}  goal")
    with services.db.read() as s:

        def page(title: str, f: CaseFilter, sort: SortKey, desc: bool) -> None:
            terms = search_terms(f.search) if f.search else None
            stmt = page_statement(s, f, b, terms, sort, desc, 0, 200)
            base = _median_ms(raw.prepare(stmt))
            ours = _median_ms(lambda: cases.queue(f, actor, sort=sort, descending=desc, limit=200))
            rows = len(cases.queue(f, actor, sort=sort, descending=desc, limit=200))
            if terms:
                _line(title, ours, base, _verdict(ours, 30), rows)
            else:
                # The page query itself (compiled once, plain rows) beside the same SQL in the
                # bare driver; then the whole service call, which also works out each row's
                # deadline and status and builds its CaseRow.
                with services.db.engine.connect() as conn:
                    thin = _median_ms(lambda: page_rows(conn, f, b, terms, sort, desc, 0, 200))
                verdict = "met" if thin <= 1.5 * base else "missed"
                _line(title + " (query)", thin, base, f"≤ 1.5× raw: {verdict}", rows)
                _line("  the service call (rows with deadlines)", ours, base)
            # What the list shows at once: the count up to COUNT_CAP ("more than 10.000"
            # beyond); the exact count follows in the background.
            shown = _median_ms(lambda: cases.count_upto(f, actor, COUNT_CAP))
            base_c = _median_ms(raw.prepare(count_statement(s, f, b, terms, COUNT_CAP)))
            n, exact = cases.count_upto(f, actor, COUNT_CAP)
            _line(
                f"  count shown at once (up to {COUNT_CAP:,})",
                shown,
                base_c,
                _verdict(shown, 30) if terms else "",
                n if exact else f">{n}",
            )
            if not exact:
                ours_c = _median_ms(lambda: cases.count(f, actor), runs=3)
                base_c = _median_ms(raw.prepare(count_statement(s, f, b, terms)), runs=3)
                _line(
                    "  exact count (then, in the background)",
                    ours_c,
                    base_c,
                    "",
                    cases.count(f, actor),
                )

        page(
            "queue: first page, open, by deadline",
            CaseFilter(open_only=True),
            SortKey.DEADLINE,
            False,
        )
        page("queue: first page, all, by deadline", CaseFilter(), SortKey.DEADLINE, False)
        page("re-sort: received, newest first", CaseFilter(), SortKey.RECEIVED, True)
        page(
            "search 'nghi quyet 68', newest first",
            CaseFilter(search="nghi quyet 68"),
            SortKey.RECEIVED,
            True,
        )
        page(
            "search 'nghi quyet 68', by deadline",
            CaseFilter(search="nghi quyet 68"),
            SortKey.DEADLINE,
            False,
        )
        page(
            "search 'nguyen van', newest first",
            CaseFilter(search="nguyen van"),
            SortKey.RECEIVED,
            True,
        )
        page("search a phone number", CaseFilter(search="0912 345 678"), SortKey.RECEIVED, True)

        # Deep pages: what scrolling costs half-way down the whole register.
        total = cases.count(CaseFilter(), actor)
        depth = total // 2
        for sort, desc, title in (
            (SortKey.DEADLINE, False, "by deadline"),
            (SortKey.RECEIVED, True, "newest first"),
            (SortKey.SUBMITTER, False, "by submitter"),
        ):
            f = CaseFilter()
            (anchor,) = cases.queue(f, actor, sort=sort, descending=desc, offset=depth - 1, limit=1)
            key = PageKey(anchor.sort_value, anchor.id)
            ours = _median_ms(
                lambda f=f, sort=sort, desc=desc, key=key: cases.queue(
                    f, actor, sort=sort, descending=desc, after=key, limit=200
                )
            )
            stmts = keyset_statements(s, f, b, None, sort, desc, key, 200)
            runs = [raw.prepare(st) for st in stmts]

            def raw_keyset(runs: Sequence[Callable[[], list[Any]]] = runs) -> None:
                got = 0
                for r in runs:
                    got += len(r())
                    if got >= 200:
                        break

            base = _median_ms(raw_keyset)
            _line(
                f"scroll: next page at row {depth:,}, {title}", ours, base, _verdict(ours, 10), 200
            )
            offset_ms = _median_ms(
                raw.prepare(page_statement(s, f, b, None, sort, desc, depth, 200)), runs=1
            )
            _line("  the same page by OFFSET (raw, before)", offset_ms, None)
        last = _median_ms(lambda: cases.queue(CaseFilter(), actor, backward=True, limit=200))
        _line("Ctrl+End: the last page, by deadline", last, None, _verdict(last, 10), 200)

        # The search page through its parts: index walk + full-text range, then the rows.
        f = CaseFilter(search="nghi quyet 68")
        terms = search_terms(f.search)
        walk = _median_ms(lambda: search_walk(s, f, b, terms, SortKey.RECEIVED, True, None, 200))
        ids = search_walk(s, f, b, terms, SortKey.RECEIVED, True, None, 200) or []
        fetch = _median_ms(lambda: rows_by_id(s, ids, SortKey.RECEIVED))
        _line("  of which: walk + full-text check", walk, None, "", len(ids))
        _line("  of which: reading the 200 rows", fetch, None)
    raw.close()
    services.close()
    bench_startup.run(label.split(" ")[0], url)


def main(sizes: tuple[int, ...] = (100_000, 1_000_000)) -> None:
    for n in sizes:
        url, path, built = sqlite_database(n)
        if built is not None:
            print(f"built {n:,} SQLite demo cases in {built:.0f} s")
        run_database(f"SQLite {n:,} cases ({path})", url)
        pg = postgres_database(n)
        if pg is None:
            print("\n(PostgreSQL: set PAKN_BENCH_PG_URL to a database to compare)")
            continue
        pg_url, pg_built = pg
        if pg_built is not None:
            print(f"built {n:,} PostgreSQL demo cases in {pg_built:.0f} s")
        run_database(f"PostgreSQL {n:,} cases", pg_url)


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or (100_000, 1_000_000))
