"""Two desks on one SQLite file: the window's deferred start-up check must not drop the
process's SQLite locks (closing any plain file handle on the database file releases every POSIX
lock the process holds on it). Without those locks another desk that closes its connection
believes it is the last one, checkpoints and deletes the WAL the window is still writing to:
the window then reads stale rows and reports "database disk image is malformed"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pakn_desktop.services import Services
from pakn_desktop.store.backup import check_database, damage_of

OTHER_DESK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=5)
conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
conn.close()
"""


def _other_desk_opens_and_closes(path: Path) -> None:
    subprocess.run([sys.executable, "-c", OTHER_DESK, str(path)], check=True, timeout=60)


def test_start_up_check_keeps_the_wal_of_an_open_window(tmp_path: Path) -> None:
    path = tmp_path / "pakn.db"
    services = Services.open(f"sqlite:///{path}", defer_checks=True)
    try:
        with services.db.engine.connect() as conn:  # the window holds its pooled connections
            conn.exec_driver_sql("SELECT count(*) FROM cases").fetchone()
            wal = Path(f"{path}-wal")
            assert wal.exists()
            services.after_start()  # the deferred whole-file check, as the window runs it
            _other_desk_opens_and_closes(path)
            assert wal.exists(), "another desk deleted the WAL of the open window"
    finally:
        services.db.dispose()


def test_damage_of_still_names_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "pakn.db"
    path.write_bytes(b"not a database at all" * 10)
    problem = damage_of(path)
    assert problem is not None


def test_check_database_passes_a_healthy_open_file(tmp_path: Path) -> None:
    path = tmp_path / "pakn.db"
    services = Services.open(f"sqlite:///{path}")
    try:
        check_database(services.db)
    finally:
        services.db.dispose()
