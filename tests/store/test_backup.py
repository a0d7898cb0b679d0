"""Backups while the app writes, rotation, verified restore, damaged files refused."""

from __future__ import annotations

import os
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from builders import SON, a_form

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.services import Services
from pakn_desktop.store.backup import BackupError, daily_backup, restore, rotate, verify
from pakn_desktop.store.db import head_revision, open_database

FORM = a_form(**SON, title="Hỏi thủ tục", content="Nội dung")


def test_backup_while_another_connection_writes_then_restore(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    writer = Services.open(url)
    desk = writer.office.add_user(
        "tiepnhan", "Hoàng Thị Yến", Role.FRONT_DESK, actor=writer.office.actor()
    )
    actor = writer.office.actor(desk.username)
    stop = threading.Event()
    written: list[str] = []

    def keep_writing() -> None:
        while not stop.is_set() and len(written) < 300:
            written.append(writer.cases.receive(FORM, actor).code)

    thread = threading.Thread(target=keep_writing)
    thread.start()
    backups = []
    reader = Services.open(url)
    for i in range(3):
        deadline = time.monotonic() + 120
        while len(written) < (i + 1) * 20 and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(written) >= (i + 1) * 20, "the writer stopped early"
        backups.append(daily_backup(reader.db, tmp_path / "backups", date(2026, 11, 20 + i)))
    stop.set()
    thread.join()
    committed_at_end = writer.case_reads.count(CaseFilter(), staff_actor(writer))
    writer.close()
    reader.close()
    last = backups[-1]
    assert last is not None
    checked = verify(last, head_revision())
    assert 60 <= checked.cases <= committed_at_end
    # Restoring the last backup brings back exactly what it held; the current file is kept.
    db = open_database(url)
    try:
        done = restore(db, last)
    finally:
        db.dispose()
    kept = done.kept
    assert kept is not None and kept.exists()
    after = Services.open(url)
    assert after.case_reads.count(CaseFilter(), staff_actor(after)) == checked.cases
    codes = {r.code for r in after.case_reads.queue(CaseFilter(), staff_actor(after), limit=1000)}
    assert codes == set(written[: checked.cases])  # serials in order: nothing committed lost
    after.close()
    keep = Services.open(f"sqlite:///{kept}")
    assert keep.case_reads.count(CaseFilter(), staff_actor(keep)) == committed_at_end
    keep.close()


@pytest.mark.parametrize("damage", ["truncate", "random", "empty", "not-ours"])
def test_damaged_backups_are_refused_in_plain_words(tmp_path: Path, damage: str) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    svc = Services.open(url)
    desk = svc.office.add_user(
        "tiepnhan", "Hoàng Thị Yến", Role.FRONT_DESK, actor=svc.office.actor()
    )
    svc.cases.receive(FORM, svc.office.actor(desk.username))
    good = tmp_path / "good.db"
    svc.db.backup_to(good)
    head = svc.db.head_revision()
    svc.close()
    bad = tmp_path / "bad.db"
    data = good.read_bytes()
    if damage == "truncate":
        bad.write_bytes(data[: len(data) // 3])
    elif damage == "random":
        bad.write_bytes(data[:100] + os.urandom(len(data) - 100))
    elif damage == "empty":
        bad.write_bytes(b"")
    else:
        import sqlite3

        with sqlite3.connect(bad) as conn:
            conn.execute("CREATE TABLE other (x)")
    with pytest.raises(BackupError) as info:
        verify(bad, head)
    assert any(w in info.value.message for w in ("hỏng", "không phải", "không đọc"))
    db = open_database(url)
    with pytest.raises(BackupError):
        restore(db, bad)
    db.dispose()
    check = Services.open(url)  # the office database is untouched
    assert check.case_reads.count(CaseFilter(), staff_actor(check)) == 1
    check.close()


def test_damaged_database_is_reported_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    Services.open(f"sqlite:///{path}").close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    data[4096 : 4096 + 2000] = os.urandom(2000)
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(BackupError) as info:
        Services.open(f"sqlite:///{path}")
    assert "Khôi phục từ bản sao lưu" in info.value.message  # what to do, in the window's words
    assert path.read_bytes() == before


def test_rotation_keeps_14_daily_and_12_monthly(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    start = date(2025, 1, 1)
    for i in range(500):
        (folder / f"pakn-{start + timedelta(days=i):%Y-%m-%d}.db").write_bytes(b"x")
    (folder / "pakn-2026-05-01-120000.db").write_bytes(b"manual")  # manual copies stay
    rotate(folder)
    left = sorted(p.name for p in folder.glob("pakn-????-??-??.db"))
    newest = start + timedelta(days=499)
    daily = [f"pakn-{newest - timedelta(days=i):%Y-%m-%d}.db" for i in range(14)]
    assert set(daily) <= set(left)
    monthly = [n for n in left if n.endswith("-01.db")]
    assert len(monthly) == 12
    assert len(left) == len(set(daily) | set(monthly))
    assert (folder / "pakn-2026-05-01-120000.db").exists()
