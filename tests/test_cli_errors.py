"""Every failure has its message: each case checks the Vietnamese message and the exit status
(2 bad input or a failure a person can act on, 1 not found), and that nothing was created or
left half-done."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from accounts_fixture import staff_actor
from builders import SON, a_form

from pakn_desktop.cli import main as cli
from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.errors import ValidationFailed
from pakn_desktop.services import Services
from pakn_desktop.store.db import NewerDatabase

ROOT = Path(__file__).resolve().parents[1]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
FORM = a_form(**SON, title="Hỏi thủ tục", content="Nội dung")


AUTH = ("--user", "canbo", "--password-env", "PAKN_TEST_PASSWORD")


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAKN_TEST_PASSWORD", "mat-khau-dai-du")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run ``pakn``; with ``--db`` the test account logs in (a command that needs none takes
    --user all the same)."""
    args = list(argv)
    if args[:1] == ["--db"]:
        args[2:2] = AUTH
    code = cli(args)
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Traceback" not in text
    return code, text


def without_root_override() -> list[str]:
    """Root ignores file permissions; a command prefix that takes that power away, so a
    read-only file is read-only for the test too."""
    if not IS_ROOT:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a file read-only")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner"]


def run_process(*argv: str, limit: int | None = None, as_user: bool = False) -> tuple[int, str]:
    """The CLI in its own process, optionally with a file-size limit (a disk that fills up:
    SQLite gets a short write, as on a full disk) or without root's power over permissions."""

    def limited() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    prefix = without_root_override() if as_user else []
    args = list(argv)
    if args[:1] == ["--db"]:
        args[2:2] = AUTH
    proc = subprocess.run(
        [*prefix, sys.executable, "-m", "pakn_desktop.cli", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        preexec_fn=limited,
        timeout=120,
        check=False,
    )
    text = proc.stdout + proc.stderr
    assert "Traceback" not in text
    return proc.returncode, text


@pytest.fixture
def office(tmp_path: Path, new_sqlite: Callable[[Path], str]) -> Path:
    path = tmp_path / "office.db"
    svc = Services.open(new_sqlite(path))
    svc.office.add_user(
        "canbo",
        "Cán bộ thử nghiệm",
        frozenset(Role),
        actor=svc.office.actor(),
        password="mat-khau-dai-du",
    )
    svc.cases.receive(FORM, svc.office.actor("canbo"))
    svc.close()
    return path


# --- a database from a newer version --------------------------------------------------
def test_newer_database_names_the_version_and_makes_no_copy(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(office) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.execute("UPDATE app_meta SET value = '9.9.0' WHERE key = 'app_version'")
    for _ in range(2):
        code, text = run(capsys, "--db", str(office), "lookup", "0912123123")
        assert code == 2
        assert "9.9.0" in text and "cài phiên bản 9.9.0 hoặc mới hơn" in text
    assert not list(office.parent.glob("*before-migration*"))
    with pytest.raises(NewerDatabase):
        Services.open(f"sqlite:///{office}")


def test_newer_database_without_a_recorded_version(office: Path) -> None:
    with sqlite3.connect(office) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zz99'")
        conn.execute("DROP TABLE app_meta")
    with pytest.raises(NewerDatabase) as info:
        Services.open(f"sqlite:///{office}")
    assert "mới hơn" in info.value.message and "zz99" in info.value.message


# --- --db into a missing folder or file -----------------------------------------------
@pytest.mark.parametrize(
    "command",
    [["lookup", "0912123123"], ["calendar", "list"], ["overdue", "-o", "x.pdf"], ["backup", "b"]],
)
def test_missing_folder_is_refused_and_nothing_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    target = tmp_path / "no-such-folder" / "pakn.db"
    code, text = run(capsys, "--db", f"sqlite:///{target}", *command)
    assert code == 1
    assert "không tồn tại" in text
    assert not target.parent.exists()


def test_missing_file_is_refused_and_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "pakn.db"
    code, text = run(capsys, "--db", str(target), "lookup", "0912123123")
    assert code == 1
    assert "Không tìm thấy cơ sở dữ liệu" in text and "init" in text
    assert not target.exists()


def test_init_and_demo_may_create(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = tmp_path / "new" / "a.db"
    code, text = run(capsys, "--db", str(first), "init")
    assert code == 0 and first.exists() and "sẵn sàng" in text
    code, _ = run(capsys, "--db", str(first), "init")  # twice: nothing happens
    assert code == 0
    second = tmp_path / "new2" / "b.db"
    code, _ = run(capsys, "--db", str(second), "demo", "--cases", "3")
    assert code == 0 and second.exists()


def test_missing_backup_file_is_not_found(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run(capsys, "--db", str(office), "restore", str(office.parent / "nope.db"))
    assert code == 1 and "Không tìm thấy tệp sao lưu" in text


def test_unreadable_backup_file_is_refused(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    code, text = run(capsys, "--db", str(office), "restore", str(folder))
    assert code == 1 and "Không tìm thấy" in text
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    code, text = run(capsys, "--db", str(office), "restore", str(junk))
    assert code == 2 and "không phải là cơ sở dữ liệu SQLite" in text


# --- out-of-range dates ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "expect"),
    [
        (["deadlines", "--received", "9999-12-31"], "sau thời điểm hiện tại"),
        (["deadlines", "--received", "0001-01-01"], "01/01/2000"),
        (["deadlines", "--received", "1999-12-31"], "01/01/2000"),
        (["calendar", "list", "--year", "99999"], "2000-2100"),
        (["calendar", "list", "--year", "1"], "2000-2100"),
        (["calendar", "add-day-off", "0001-01-01", "--reason", "x"], "2000-2100"),
        (["report", "--from", "0001-01-01", "--to", "9999-12-31", "-o", "r.xlsx"], "01/01/2000"),
        (["register", "--from", "2026-01-01", "--to", "9999-12-31", "-o", "r.pdf"], "31/12/2100"),
    ],
)
def test_out_of_range_dates_are_refused(
    office: Path, capsys: pytest.CaptureFixture[str], argv: list[str], expect: str
) -> None:
    code, text = run(capsys, "--db", str(office), *argv)
    assert code == 2
    assert expect in text


def test_deadlines_in_range_still_work(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run(capsys, "deadlines", "--received", "2000-01-01")
    assert code == 0 and "Tiếp nhận ngày 01/01/2000" in text


@pytest.mark.parametrize("year", [1926, 1900, 1, 1999])
def test_receipt_dates_before_2000_are_refused_by_the_service(
    db_url: str, clock, year: int
) -> None:  # type: ignore[no-untyped-def]
    svc = Services.open(db_url, now=clock)
    with pytest.raises(ValidationFailed) as info:
        svc.cases.receive(FORM, staff_actor(svc), received_at=datetime(year, 3, 2, 9, 0))
    assert "01/01/2000" in info.value.errors["received_at"]
    ok = svc.cases.receive(FORM, staff_actor(svc), received_at=datetime(2000, 1, 1, 8, 0))
    assert ok.code
    svc.close()


# --- disk full --------------------------------------------------------------------------
def test_backup_to_a_full_disk_leaves_no_part_file(office: Path, tmp_path: Path) -> None:
    out = tmp_path / "backups"
    out.mkdir()
    code, text = run_process("--db", str(office), "backup", str(out / "b.db"), limit=64 * 1024)
    assert code == 2, text
    assert "đầy" in text
    assert list(out.iterdir()) == []


INTAKE = r"""
import resource, signal, sys
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.domain.queue import CaseFilter
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
svc = Services.open(sys.argv[1], create=False)
from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.errors import PaknError as _E
try:
    svc.office.add_user("canbo", "Cán bộ thử nghiệm", frozenset(Role), actor=svc.office.actor())
except _E:
    pass  # made by an earlier run or another desk
actor = svc.office.actor("canbo")
form = IntakeForm("citizen", "Hà Văn Sơn", "Xã Đắk Hà", "0912123123", "", "Đầy đĩa",
                  "Nội dung " * 2000, "phone")
before = svc.case_reads.count(CaseFilter(), actor)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), resource.RLIM_INFINITY))
saved = 0
message = ""
for _ in range(200):
    try:
        svc.cases.receive(form, actor)
        saved += 1
    except PaknError as exc:
        message = exc.message
        break
# The disk has room again: the same form is saved on retry.
resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
svc.cases.receive(form, actor)
print(saved, svc.case_reads.count(CaseFilter(), actor) - before)
print(message)
svc.close()
"""


def test_full_disk_during_intake_has_a_message_and_the_retry_works(office: Path) -> None:
    for side in ("-wal", "-shm"):
        Path(f"{office}{side}").unlink(missing_ok=True)
    limit = office.stat().st_size + 256 * 1024
    proc = subprocess.run(
        [sys.executable, "-c", INTAKE, f"sqlite:///{office}", str(limit)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    counts, message = proc.stdout.splitlines()[:2]
    saved, stored = (int(x) for x in counts.split())
    assert stored == saved + 1  # every confirmed save is there, plus the retry; nothing else
    assert "đầy" in message and "vẫn còn" in message


# --- read-only file or folder ------------------------------------------------------------
@pytest.fixture
def shared_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder whose permissions the test changes (restored afterwards for clean-up)."""
    path = tmp_path / "ro"
    path.mkdir()
    yield path
    for p in sorted(path.rglob("*"), reverse=True):
        p.chmod(0o755)
        if p.is_dir():
            p.rmdir()
        else:
            p.unlink()


def _make_office(folder: Path) -> Path:
    path = folder / "office.db"
    svc = Services.open(f"sqlite:///{path}")
    svc.cases.receive(FORM, staff_actor(svc))
    svc.close()
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    return path


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_database_is_named_as_such_not_as_damaged(shared_dir: Path, what: str) -> None:
    path = _make_office(shared_dir)
    path.chmod(0o444)
    if what == "folder":
        shared_dir.chmod(0o555)
    code, text = run_process("--db", str(path), "lookup", "0912123123", as_user=True)
    assert code == 2, text
    assert "chỉ đọc" in text
    assert "hỏng" not in text
    assert "SELECT" not in text and "INSERT" not in text


def test_read_only_file_reaches_the_window_as_a_message_without_sql(shared_dir: Path) -> None:
    path = _make_office(shared_dir)
    shared_dir.chmod(0o777)
    path.chmod(0o666)
    script = r"""
import os, sys
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
svc = Services.open(sys.argv[1], create=False)
from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.errors import PaknError as _E
try:
    svc.office.add_user("canbo", "Cán bộ thử nghiệm", frozenset(Role), actor=svc.office.actor())
except _E:
    pass  # made by an earlier run or another desk
actor = svc.office.actor("canbo")
form = IntakeForm("citizen", "Hà Văn Sơn", "Xã Đắk Hà", "0912123123", "", "a", "b", "phone")
svc.cases.receive(form, actor)
svc.close()
os.chmod(sys.argv[2], 0o444)
try:
    svc = Services.open(sys.argv[1], create=False)
    svc.cases.receive(form, actor)
    print("SAVED")
except PaknError as exc:
    print(exc.message)
"""
    proc = subprocess.run(
        [*without_root_override(), sys.executable, "-c", script, f"sqlite:///{path}", str(path)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=120,
        check=False,
    )
    text = proc.stdout + proc.stderr
    assert "Traceback" not in text
    assert "SAVED" not in text
    assert "chỉ" in text and "INSERT" not in text and "0912123123" not in text


# --- interrupted migration copies --------------------------------------------------------
def test_interrupted_migration_copies_are_removed(tmp_path: Path) -> None:
    from alembic import command

    from pakn_desktop.store.db import Database

    path = tmp_path / "office.db"
    db = Database(f"sqlite:///{path}")
    cfg = db._alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
    db.engine.dispose()
    part = tmp_path / "office.before-migration-20260101-000000.db.part"
    part.write_bytes(b"\0" * 4096)
    old_restore = tmp_path / "office.restoring-20260101-000000.db"
    old_restore.write_bytes(b"x")
    os.utime(old_restore, (0, 0))
    new_restore = tmp_path / "office.restoring-20991231-000000.db"  # maybe running right now
    new_restore.write_bytes(b"x")
    other = tmp_path / "unrelated.db.part"
    other.write_bytes(b"x")
    svc = Services.open(f"sqlite:///{path}", create=False)
    svc.close()
    assert not part.exists() and not old_restore.exists()
    assert other.exists() and new_restore.exists()
    copies = list(tmp_path.glob("office.before-migration-*.db"))
    assert len(copies) == 1
    assert not list(tmp_path.glob("office.before-migration-*.part"))


# --- the window's start-up --------------------------------------------------------------
def _answer_dialogs(seen: list[str]) -> None:
    """Read and close each modal message box the window shows (as a person would); the
    log-in window, once it says why the database cannot be opened, is left with Exit."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from pakn_desktop.ui.login import LoginDialog

    def close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.done(0)
            return
        if isinstance(box, LoginDialog) and box.open_failed:
            seen.append(box.message.text())
            box.exit.click()
            return
        QTimer.singleShot(20, close)

    QTimer.singleShot(20, close)


@pytest.mark.parametrize("problem", ["newer", "missing-folder", "read-only"])
def test_window_start_up_failures_show_their_message(
    office: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qapp: Any,
    problem: str,
) -> None:
    import argparse

    from pakn_desktop.ui.app import run as run_window

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the window installs its own
    db = str(office)
    expect = ""
    if problem == "newer":
        with sqlite3.connect(office) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
            conn.execute("UPDATE app_meta SET value = '9.9.0' WHERE key = 'app_version'")
        expect = "cài phiên bản 9.9.0"
    elif problem == "missing-folder":
        db = str(tmp_path / "gone" / "pakn.db")
        expect = "không tồn tại"
    else:
        if IS_ROOT:
            pytest.skip("root writes read-only files; covered by the process tests above")
        office.chmod(0o444)
        expect = "chỉ đọc"
    seen: list[str] = []
    _answer_dialogs(seen)
    code = run_window(argparse.Namespace(db=db, user=None, lang="vi", self_test=False))
    assert code == 2
    assert seen and expect in seen[0]
    assert not list(office.parent.glob("*before-migration*"))
    assert not (tmp_path / "gone").exists()


def test_a_killed_restore_leaves_nothing_behind_after_the_next_start(office: Path) -> None:
    staged = office.with_name("office.restoring-20260101-000000.db")
    staged.write_bytes(b"\0" * 8192)
    os.utime(staged, (0, 0))
    kept_part = office.with_name("office.before-restore-20260101-000000.db.part")
    kept_part.write_bytes(b"\0" * 8192)
    os.utime(kept_part, (0, 0))
    Services.open(f"sqlite:///{office}", create=False).close()
    assert not staged.exists() and not kept_part.exists()
