"""The PostgreSQL test database for tests that run their own processes or revisions (not
imported from conftest: with several conftest.py files that name is ambiguous)."""

from __future__ import annotations

import os

from sqlalchemy import create_engine, text

PG_URL = os.environ.get("PAKN_TEST_DATABASE_URL", "").strip()
if PG_URL.startswith("postgresql://"):
    PG_URL = "postgresql+psycopg://" + PG_URL[len("postgresql://") :]


def reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
