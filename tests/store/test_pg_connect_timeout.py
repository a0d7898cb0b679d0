"""A PostgreSQL server that does not answer is given up after PG_CONNECT_TIMEOUT_S (libpq's
connect_timeout), not after the system's TCP timeout: here a local socket that takes the
connection and never says a word, as a hung server or a half-open link does."""

from __future__ import annotations

import socket
import time

import pytest
from sqlalchemy.exc import OperationalError

from pakn_desktop.store import db as db_module
from pakn_desktop.store.db import PG_CONNECT_TIMEOUT_S, Database, pg_connect_args


def test_the_timeout_is_set_unless_the_url_names_its_own() -> None:
    assert pg_connect_args("postgresql+psycopg://u@db.example/pakn") == {
        "connect_timeout": PG_CONNECT_TIMEOUT_S
    }
    assert pg_connect_args("postgresql+psycopg://u@db.example/pakn?connect_timeout=3") == {}


def test_a_server_that_never_answers_is_given_up_in_seconds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(db_module, "PG_CONNECT_TIMEOUT_S", 2)  # the default, made short
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # connections are taken by the kernel, never read
    port = silent.getsockname()[1]
    db = Database(f"postgresql+psycopg://postgres@127.0.0.1:{port}/pakn")
    try:
        started = time.monotonic()
        with pytest.raises(OperationalError) as failure, db.engine.connect():
            pass
        waited = time.monotonic() - started
    finally:
        db.engine.dispose()
        silent.close()
    assert "timeout" in str(failure.value).lower() or "timed out" in str(failure.value).lower()
    assert waited < 30  # not the minutes of the system's TCP timeout
