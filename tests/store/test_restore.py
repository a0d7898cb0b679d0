"""Restore with another desk writing, damaged current files, PostgreSQL refusing a file
restore, and desks starting together on a fresh database."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from accounts_fixture import STAFF_AUTH, STAFF_PASSWORD, staff_actor
from pakn_test_pg import PG_URL, reset_postgres

from pakn_desktop.cli import main as cli
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.store.backup import BackupError, restore
from pakn_desktop.store.db import open_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAKN_TEST_PASSWORD", STAFF_PASSWORD)


def form(title: str) -> IntakeForm:
    return IntakeForm(
        "citizen", "Hà Văn Sơn", "Xã Đắk Hà", "0912123123", "", title, "Nội dung", "phone"
    )


# A desk in another process: saves one case after another and prints each confirmed save.
WRITER = r"""
import sys, time
from pathlib import Path
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
url, stop = sys.argv[1], Path(sys.argv[2])
svc = Services.open(url, create=False)
from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.errors import PaknError as _E
try:
    svc.office.add_user("canbo", "Cán bộ thử nghiệm", frozenset(Role), actor=svc.office.actor())
except _E:
    pass  # made by an earlier run or another desk
actor = svc.office.actor("canbo")
n = 0
while not stop.exists():
    n += 1
    title = f"w-{n}"
    form = IntakeForm(
        "citizen", "Hà Văn Sơn", "Xã Đắk Hà", "0912123123", "", title, "Nội dung", "phone"
    )
    try:
        svc.cases.receive(form, actor)
    except PaknError as exc:
        print("REFUSED", title, exc.message, flush=True)
        continue
    print("SAVED", title, flush=True)
svc.close()
"""


def titles(path: Path) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return [r[0] for r in conn.execute("SELECT title FROM cases")]


def test_restore_while_another_process_writes_loses_no_confirmed_save(tmp_path: Path) -> None:
    db_file = tmp_path / "office.db"
    url = f"sqlite:///{db_file}"
    svc = Services.open(url)
    actor = staff_actor(svc)
    for i in range(40):
        svc.cases.receive(form(f"b-{i}"), actor)
    backup = tmp_path / "good.db"
    svc.db.backup_to(backup)
    svc.close()
    stop = tmp_path / "stop"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert writer.stdout is not None
    saved_before = 0
    early: list[str] = []  # the lines read while waiting count as confirmed saves too
    deadline = time.monotonic() + 60
    while saved_before < 30 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        early.append(line)
        saved_before += line.startswith("SAVED")
    assert saved_before >= 30, "the writer did not get going"
    db = open_database(url, migrate=False)
    done = restore(db, backup)
    db.dispose()
    time.sleep(1.0)  # the writer goes on after the restore
    stop.touch()
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert "Traceback" not in err
    lines = [ln.split() for ln in [*early, *out.splitlines()] if ln.strip()]
    confirmed = {parts[1] for parts in lines if parts[0] == "SAVED"}
    for parts in lines:
        assert parts[0] in ("SAVED", "REFUSED")
    assert len(confirmed) >= 30
    live, kept = set(titles(db_file)), set(titles(done.kept)) if done.kept else set()
    lost = confirmed - live - kept
    assert not lost, f"{len(lost)} confirmed saves are in neither file"
    # The live file holds the backup plus what the writer saved after the restore, and the
    # writer's connection really wrote into it (not into a replaced file).
    assert {f"b-{i}" for i in range(40)} <= live
    after = confirmed & live
    assert after, "nothing the writer saved after the restore reached the live file"
    assert done.kept is not None and len(titles(done.kept)) >= 40 + 30
    codes = sqlite3.connect(db_file).execute("SELECT count(*), count(DISTINCT code) FROM cases")
    total, distinct = codes.fetchone()
    assert total == distinct


def test_another_desk_sees_the_restored_content_at_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    desk = Services.open(url)
    actor = staff_actor(desk)
    desk.cases.receive(form("before"), actor)
    backup = tmp_path / "b.db"
    desk.db.backup_to(backup)
    for i in range(3):
        desk.cases.receive(form(f"later-{i}"), actor)
    assert desk.case_reads.count(CaseFilter(), staff_actor(desk)) == 4
    other = Services.open(url)
    done = other.backups.restore_details(backup, staff_actor(other))
    other.close()
    assert done.cases == 1
    # The open desk is not restarted: its next read and write see the restored file.
    assert desk.case_reads.count(CaseFilter(), staff_actor(desk)) == 1
    desk.cases.receive(form("after"), actor)
    assert desk.case_reads.count(CaseFilter(), staff_actor(desk)) == 2
    desk.close()
    assert done.kept is not None and len(titles(done.kept)) == 4


@pytest.mark.parametrize("damage", ["truncate", "header", "empty"])
def test_restore_over_a_damaged_file_moves_it_aside_unread(tmp_path: Path, damage: str) -> None:
    db_file = tmp_path / "office.db"
    url = f"sqlite:///{db_file}"
    svc = Services.open(url)
    for i in range(5):
        svc.cases.receive(form(f"x-{i}"), staff_actor(svc))
    good = tmp_path / "good.db"
    svc.db.backup_to(good)
    svc.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    data = db_file.read_bytes()
    if damage == "truncate":
        db_file.write_bytes(data[: len(data) // 2])
    elif damage == "header":
        db_file.write_bytes(b"\0" * 100 + data[100:])
    else:
        db_file.write_bytes(b"")
    damaged_bytes = db_file.read_bytes()
    code = cli(["--db", url, *STAFF_AUTH, "restore", str(good)])
    assert code == 0
    aside = list(tmp_path.glob("office.damaged-*.db"))
    if damage == "empty":  # an empty file holds nothing: it is simply replaced
        assert code == 0
    else:
        assert len(aside) == 1 and aside[0].read_bytes() == damaged_bytes
    assert not [p for p in tmp_path.iterdir() if p.stat().st_size == 0 and p.suffix == ".db"]
    assert not list(tmp_path.glob("*.restoring*"))
    after = Services.open(url, create=False)
    assert after.case_reads.count(CaseFilter(), staff_actor(after)) == 5
    after.close()


def test_restore_refuses_a_backup_from_a_damaged_source_and_changes_nothing(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    svc = Services.open(url)
    svc.cases.receive(form("keep"), staff_actor(svc))
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    with pytest.raises(BackupError):
        svc.backups.restore(bad, staff_actor(svc))
    assert svc.case_reads.count(CaseFilter(), staff_actor(svc)) == 1
    assert not list(tmp_path.glob("*.before-restore-*"))
    svc.close()


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL not configured")
def test_postgres_refuses_a_sqlite_restore_clearly(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    reset_postgres(PG_URL)
    lite = Services.open(f"sqlite:///{tmp_path / 'office.db'}")
    good = tmp_path / "good.db"
    lite.db.backup_to(good)
    lite.close()
    pg = Services.open(PG_URL)
    with pytest.raises(BackupError) as info:
        pg.backups.restore(good, staff_actor(pg))
    assert "pg_restore" in info.value.message
    pg.close()
    assert cli(["--db", PG_URL, *STAFF_AUTH, "restore", str(good)]) == 2
    err = capsys.readouterr().err
    assert "pg_restore" in err and "Traceback" not in err


def _start_one(url: str, at: float, results: Any) -> None:
    import traceback

    while time.time() < at:
        time.sleep(0.002)
    try:
        svc = Services.open(url)
        svc.office.needs_setup()
        svc.close()
        results.put(("OPEN", ""))
    except Exception:
        results.put(("FAILED", traceback.format_exc()))


def start_desks(url: str, n: int = 4) -> list[tuple[str, str]]:
    """``n`` desks (forked processes, so no import time) opening ``url`` at the same instant."""
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    at = time.time() + 0.5
    procs = [ctx.Process(target=_start_one, args=(url, at, results)) for _ in range(n)]
    for p in procs:
        p.start()
    got = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    return got


def _seeded_once(url: str) -> None:
    svc = Services.open(url)
    with svc.db.read() as s:
        from sqlalchemy import func, select

        from pakn_desktop.store.models import OfficeSettings, User, WorkDay

        assert s.scalar(select(func.count()).select_from(OfficeSettings)) == 1
        assert s.scalar(select(func.count()).select_from(User)) == 1
        days = s.scalar(select(func.count()).select_from(WorkDay))
        distinct = s.scalar(select(func.count(func.distinct(WorkDay.day))))
        assert days == distinct and days > 0
    assert not svc.db.needs_migration()
    svc.close()


def test_four_desks_start_together_on_a_fresh_database(db_url: str, tmp_path: Path) -> None:
    if db_url.startswith("sqlite"):
        db_url = f"sqlite:///{tmp_path / 'fresh.db'}"
    for status, err in start_desks(db_url):
        assert status == "OPEN", err
    _seeded_once(db_url)


def test_desks_start_together_when_work_days_need_extending(db_url: str) -> None:
    svc = Services.open(db_url)
    with svc.db.write() as s:
        from sqlalchemy import delete

        from pakn_desktop.store.models import WorkDay

        s.execute(delete(WorkDay).where(WorkDay.day >= svc.now().date().replace(year=2030)))
    svc.close()
    for status, err in start_desks(db_url):
        assert status == "OPEN", err
    _seeded_once(db_url)


def test_restore_result_is_reported_by_the_cli(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'office.db'}"
    svc = Services.open(url)
    svc.cases.receive(form("a"), staff_actor(svc))
    good = tmp_path / "good.db"
    svc.db.backup_to(good)
    svc.close()
    assert cli(["--db", url, *STAFF_AUTH, "restore", str(good)]) == 0
    out = capsys.readouterr().out
    assert "Đã khôi phục 1 hồ sơ" in out and "before-restore" in out


def test_two_restores_in_the_same_second_keep_two_copies(tmp_path: Path) -> None:
    from datetime import datetime

    url = f"sqlite:///{tmp_path / 'office.db'}"
    svc = Services.open(url)
    actor = staff_actor(svc)
    svc.cases.receive(form("first"), actor)
    backup = tmp_path / "b.db"
    svc.db.backup_to(backup)
    svc.cases.receive(form("only-in-the-first-kept-copy"), actor)
    svc.close()
    at = datetime(2026, 11, 29, 10, 0, 0)
    db = open_database(url, migrate=False)
    one = restore(db, backup, stamp=at)
    svc = Services.open(url)
    svc.cases.receive(form("only-in-the-second-kept-copy"), actor)
    svc.close()
    two = restore(db, backup, stamp=at)
    db.dispose()
    assert one.kept and two.kept and one.kept != two.kept
    assert "only-in-the-first-kept-copy" in titles(one.kept)
    assert "only-in-the-second-kept-copy" in titles(two.kept)


def test_backups_at_every_known_revision_are_accepted_and_unknown_refused(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    from pakn_desktop.store.backup import verify

    svc = Services.open(f"sqlite:///{tmp_path / 'office.db'}")
    good = tmp_path / "good.db"
    svc.db.backup_to(good)
    head = svc.db.head_revision()
    script = ScriptDirectory.from_config(svc.db._alembic_config())
    svc.close()
    # Revision ids are not ordered as strings once re-chained (0009 after 0014).
    for rev in [r.revision for r in script.walk_revisions()]:
        with sqlite3.connect(good) as conn:
            conn.execute("UPDATE alembic_version SET version_num = ?", (rev,))
        conn.close()
        assert verify(good, head).revision == rev
    with sqlite3.connect(good) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zz99'")
    conn.close()
    with pytest.raises(BackupError, match="mới hơn"):
        verify(good, head)
