"""Demo databases for the benchmarks, built once and cached.

SQLite: ``<PAKN_BENCH_DIR or the temp folder>/pakn-bench-<N>.db``.
PostgreSQL (when ``PAKN_BENCH_PG_URL`` names a database): one schema per size,
``bench_<N>``, in that database, so the test suite's resets of ``public`` leave it alone."""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor
from pakn_desktop.store.db import Database


def bench_dir() -> Path:
    d = Path(os.environ.get("PAKN_BENCH_DIR") or tempfile.gettempdir())
    d.mkdir(parents=True, exist_ok=True)
    return d


def sqlite_database(n: int) -> tuple[str, Path, float | None]:
    """URL, file and build time (None when cached) of the n-case SQLite demo database."""
    path = bench_dir() / f"pakn-bench-{n}.db"
    url = f"sqlite:///{path}"
    if path.exists():
        with sqlite3.connect(path) as conn:
            try:
                have = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
            except sqlite3.Error:
                have = -1
        if have == n:
            _migrate(url)
            return url, path, None
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    return url, path, _build(url, n)


def postgres_url() -> str | None:
    url = os.environ.get("PAKN_BENCH_PG_URL", "").strip()
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url or None


def postgres_database(n: int) -> tuple[str, float | None] | None:
    """URL (schema bench_<n> first on the search path) and build time, or None without
    PAKN_BENCH_PG_URL."""
    base = postgres_url()
    if base is None:
        return None
    schema = f"bench_{n}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
        try:
            have = conn.execute(text(f"SELECT count(*) FROM {schema}.cases")).scalar()
        except Exception:
            have = -1
        if have not in (n, -1):
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options=-csearch_path%3D{schema}"
    if have == n:
        _migrate(url)
        return url, None
    return url, _build(url, n)


def _migrate(url: str) -> None:
    """Bring a cached database to the newest revision (no safety copy: it is a cache)."""
    db = Database(url)
    db.migrate(backup=False)
    db.dispose()


def _build(url: str, n: int) -> float:
    from pakn_desktop.demo import generate_demo

    services = Services.open(url)
    t0 = time.perf_counter()
    generate_demo(services, n, seed=1)
    elapsed = time.perf_counter() - t0
    with services.db.engine.connect() as conn:
        if services.db.is_sqlite:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        else:
            _vacuum(conn)
    services.close()
    return elapsed


def _vacuum(conn: Any) -> None:
    """PostgreSQL: VACUUM (ANALYZE) the schema's tables, as autovacuum would have left an
    office's server after the rows came in (the test server runs without it). Without the
    visibility map no index-only scan is possible: the count up to the cap read 2,300 pages of
    the table (7-9 ms, and the GUI thread waits for it) instead of the primary key's index."""
    conn = conn.execution_options(isolation_level="AUTOCOMMIT")  # VACUUM runs outside one
    tables = conn.exec_driver_sql(
        "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema()"
    ).scalars()
    for table in list(tables):
        conn.exec_driver_sql(f"VACUUM (ANALYZE) {table}")


def reader(services: Services) -> Actor:
    """An account holding every role (made once per database), so each benchmark calls the
    services as the window does: guarded, with an actor."""
    from pakn_desktop.domain.enums import Role

    login = "bench"
    if login not in {u.username for u in services.office.users(include_inactive=True)}:
        services.office.add_user(login, "Cán bộ đo", frozenset(Role), actor=services.office.actor())
    return services.office.actor(login)
