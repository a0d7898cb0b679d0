"""A desk opening a fresh SQLite file while another desk holds its write lock (migrating it)
waits for the lock instead of failing: switching a file to WAL needs the file to itself, and
SQLite answers "database is locked" at once, without waiting, when waiting could deadlock."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from pakn_desktop.store.db import Database


def test_opening_a_fresh_file_waits_for_the_desk_holding_its_write_lock(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("PRAGMA journal_mode=DELETE")
    other.execute("BEGIN IMMEDIATE")  # another desk migrating the new file
    other.execute("CREATE TABLE first_desk (x)")
    released = threading.Event()

    def finish_later() -> None:
        time.sleep(0.5)
        other.execute("COMMIT")
        released.set()

    threading.Thread(target=finish_later, daemon=True).start()
    db = Database(f"sqlite:///{path}")
    try:
        with db.engine.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            tables = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            ).scalars()
            assert mode == "wal" and "first_desk" in list(tables)
        assert released.is_set()  # it waited for the other desk, not failed before
    finally:
        db.dispose()
        other.close()
