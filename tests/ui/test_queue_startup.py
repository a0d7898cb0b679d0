"""Start-up with nothing that grows with the database before the window: the whole-file check
runs in the background, writes wait for its verdict, and a damaged file refuses every write
with the restore guidance (nothing written), shown in the window."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from accounts_fixture import STAFF_LOGIN, staff_actor
from builders import a_form
from PySide6.QtWidgets import QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from pakn_desktop.demo import generate_demo
from pakn_desktop.services import Services
from pakn_desktop.store.backup import RESTORE_HINT, BackupError
from pakn_desktop.ui.startup import StartupChecks

FORM = a_form(topic="Chính sách người có công")


def _made(path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    services = Services.open(f"sqlite:///{path}", now=clock)
    generate_demo(services, 300, seed=2, today=clock().date())
    staff_actor(services)  # the desk's account exists before writes are held
    services.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _damage(path: Path) -> None:
    """Garbage over a page of the cases table, past the schema page."""
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'cases'").fetchone()
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as fh:
        fh.seek((root[0] - 1) * size)
        fh.write(bytes(range(256)) * (size // 256))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_writes_wait_for_the_background_check_of_a_sound_file(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "pakn.db"
    _made(path, clock)
    services = Services.open(f"sqlite:///{path}", now=clock, defer_checks=True)
    try:
        saved: list[str] = []
        desk = threading.Thread(
            target=lambda: saved.append(
                services.cases.receive(FORM, services.office.actor(STAFF_LOGIN)).code
            )
        )
        desk.start()
        desk.join(0.5)
        assert desk.is_alive() and saved == []  # held until the verdict
        report = services.after_start()
        desk.join(10)
        assert saved and report.checked_s >= 0
        # Reading never waited, and the saved case is there.
        assert services.case_reads.lookup(saved[0], staff_actor(services))[0].code == saved[0]
    finally:
        services.close()


def test_a_damaged_file_opens_the_window_but_writes_nothing(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "pakn.db"
    _made(path, clock)
    _damage(path)
    before = _digest(path)
    services = Services.open(f"sqlite:///{path}", now=clock, defer_checks=True)
    try:
        errors: list[BaseException] = []

        def save() -> None:
            try:
                services.cases.receive(
                    replace(FORM, phone="0987 654 321"), services.office.actor(STAFF_LOGIN)
                )
            except BaseException as exc:
                errors.append(exc)

        desk = threading.Thread(target=save)
        desk.start()
        with pytest.raises(BackupError) as exc:
            services.after_start()
        assert RESTORE_HINT in exc.value.message
        desk.join(10)
        assert len(errors) == 1 and isinstance(errors[0], BackupError)
        with pytest.raises(BackupError, match="khôi phục"):
            services.cases.receive(FORM, services.office.actor(STAFF_LOGIN))
    finally:
        services.close()
    assert _digest(path) == before
    # Without deferring (the command line) the same file is refused at once, as before.
    with pytest.raises(BackupError):
        Services.open(f"sqlite:///{path}", now=clock)


def test_window_shows_the_verdict_in_the_status_bar(
    qtbot: QtBot, tmp_path: Path, clock, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _w, _t, text: shown.append(text))
    sound, damaged = tmp_path / "sound.db", tmp_path / "damaged.db"
    for path in (sound, damaged):
        _made(path, clock)
    _damage(damaged)
    for path in (sound, damaged):
        services = Services.open(f"sqlite:///{path}", now=clock, defer_checks=True)
        window = QMainWindow()
        qtbot.addWidget(window)
        checks = StartupChecks(services)
        checks.attach(window)
        qtbot.waitUntil(lambda checks=checks: checks.finished, timeout=10_000)
        text = window.statusBar().currentMessage()
        if path is sound:
            assert "không phát hiện hư hỏng" in text and shown == []
        else:
            assert "bị hỏng" in text
            assert len(shown) == 1 and RESTORE_HINT in shown[0]
        services.close()
