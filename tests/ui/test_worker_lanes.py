"""Upkeep nobody asked for (the check after start-up, the day's backup, the routing warm-up)
runs in a lane of its own: on a two-core office PC, with one pool of two threads, a lookup
typed while the backup of a million cases and the check ran said «Đang tra cứu…» for as long
as they took (seen at 1,000,000 cases: over 20 s)."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

from builders import MAI, a_form
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot
from test_window import staff

from pakn_desktop.services import Services
from pakn_desktop.ui import workers
from pakn_desktop.ui.main_window import MainWindow


def test_work_a_person_waits_for_never_queues_behind_upkeep(qtbot: QtBot) -> None:
    QThreadPool.globalInstance().setMaxThreadCount(2)  # as many threads as a two-core PC
    release = threading.Event()
    try:
        for _ in range(3):  # more upkeep than its lane holds
            workers.run_in_background(
                lambda: release.wait(20), lambda _r: None, lambda _e: None, upkeep=True
            )
        got: list[str] = []
        workers.run_in_background(lambda: "read", got.append, lambda _e: None)
        qtbot.waitUntil(lambda: got == ["read"], timeout=5000)
    finally:
        release.set()
    assert workers.wait_for_workers(20_000)


def test_a_lookup_answers_while_the_days_backup_runs(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: Any
) -> None:
    QThreadPool.globalInstance().setMaxThreadCount(2)
    desk = staff(services)
    mai = services.cases.receive(a_form(**MAI), desk)
    release = threading.Event()
    started = threading.Event()
    warming = threading.Event()

    def slow_daily(folder: Path, today: date, *args: Any) -> Path | None:
        started.set()
        release.wait(20)  # the copy of a large database
        return None

    def slow_warm_up(actor: Any) -> int:
        warming.set()
        release.wait(20)  # the routing tables of a million cases
        return 0

    monkeypatch.setattr(services.backups, "daily", slow_daily)
    monkeypatch.setattr(services.routing, "warm_up", slow_warm_up)
    monkeypatch.setattr(MainWindow, "backup_folder", lambda self: tmp_path)
    window = MainWindow(services, desk, auto_backup=True)
    qtbot.addWidget(window)
    window.show()
    try:
        # The day's copy is made of a database file (SQLite); a server keeps its own.
        copying = services.backups.available
        qtbot.waitUntil(
            lambda: warming.is_set() and (started.is_set() or not copying), timeout=10_000
        )
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
        page = window.lookup
        qtbot.keyClicks(page.query, mai.code)
        with qtbot.waitSignal(page.shown, timeout=5000):
            qtbot.keyClick(page.query, Qt.Key.Key_Return)
        assert mai.code in page.result.toPlainText()
        assert not release.is_set()  # the backup was still running
    finally:
        release.set()
