"""A database closed while a read still holds a connection (a worker's read when the window
closes, the start-up check when a log-in is abandoned, the old database of a restore): the
connection is closed when the read gives it back, not left open in a pool nobody uses until
the collector finds it (psycopg: "deleted while still open"). On SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import pytest

from pakn_desktop.services import Services
from pakn_desktop.store.db import Database


def is_closed(raw: Any) -> bool:
    closed = getattr(raw, "closed", None)  # psycopg
    if closed is not None:
        return bool(closed)
    try:  # sqlite3 cannot say, only refuse
        raw.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return True
    return False


@pytest.mark.parametrize("kind", ["read", "quick_read"])
def test_a_connection_given_back_after_the_close_is_closed(db_url: str, clock, kind: str) -> None:  # type: ignore[no-untyped-def]
    services = Services.open(db_url, now=clock)
    reading: Callable[[], AbstractContextManager[Any]] = getattr(services.db, kind)
    with reading() as held:
        conn = held.connection() if kind == "read" else held
        conn.exec_driver_sql("SELECT 1")
        raw = conn.connection.dbapi_connection
        services.close()  # the window closed meanwhile
        assert not is_closed(raw)  # the read goes on to its end
        conn.exec_driver_sql("SELECT 1")
    assert is_closed(raw)


def test_a_connection_given_back_after_a_restore_let_its_pool_go_is_closed(
    db_url: str,
    clock,  # type: ignore[no-untyped-def]
) -> None:
    """A restore lets the live engine's pool go (``engine.dispose``) and goes on with a new
    one: a read under way meanwhile gives its connection back closed, and the next read
    connects anew."""
    services = Services.open(db_url, now=clock)
    try:
        with services.db.read() as s:
            conn = s.connection()
            raw = conn.connection.dbapi_connection
            services.db.engine.dispose()  # what store.backup.restore does before and after
            conn.exec_driver_sql("SELECT 1")
        assert is_closed(raw)
        with services.db.read() as s:
            assert s.connection().exec_driver_sql("SELECT 1").scalar() == 1
    finally:
        services.close()


def test_a_database_refused_at_opening_leaves_no_connection_open(
    db_url: str,
    clock: Any,
) -> None:
    """``open_database`` reads the schema revision before it refuses a database migrated by
    a program it does not know: that connection went back into the pool of a Database
    nobody held any more, open until the collector found it."""
    from sqlalchemy import text

    from pakn_desktop.store.db import NewerDatabase, open_database

    Services.open(db_url, now=clock).close()
    stamp = Database(db_url)
    try:
        with stamp.write() as s:
            s.execute(text("UPDATE alembic_version SET version_num = 'zz_unknown'"))
    finally:
        stamp.dispose()
    with connections_opened() as opened, pytest.raises(NewerDatabase):
        open_database(db_url)
    assert opened
    assert all(is_closed(raw) for raw in opened)


@contextmanager
def connections_opened() -> Iterator[list[Any]]:
    """Every DB-API connection any engine makes meanwhile."""
    from sqlalchemy import Engine, event

    opened: list[Any] = []

    def connected(dbapi_connection: Any, _record: Any) -> None:
        opened.append(dbapi_connection)

    event.listen(Engine, "connect", connected)
    try:
        yield opened
    finally:
        event.remove(Engine, "connect", connected)


def test_a_demo_refused_for_its_log_in_closes_the_database(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``pakn demo`` on an office with an administrator asks for the administrator's log-in;
    a wrong password ended the command with the database still open."""
    from pakn_desktop.cli import main as cli
    from pakn_desktop.domain.enums import Role

    services = Services.open(db_url)
    try:
        services.office.add_user(
            "quantri",
            "Quản trị thử nghiệm",
            frozenset(Role),
            actor=services.office.actor(),
            password="mat-khau-dai-du",
        )
    finally:
        services.close()
    monkeypatch.setenv("PAKN_TEST_PASSWORD", "sai-mat-khau-roi")
    argv = ["--db", db_url, "--user", "quantri", "--password-env", "PAKN_TEST_PASSWORD"]
    with connections_opened() as opened:
        code = cli([*argv, "demo", "--cases", "1"])
    assert code == 2, capsys.readouterr()
    assert opened
    assert all(is_closed(raw) for raw in opened)
