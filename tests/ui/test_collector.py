"""Cycles of garbage are collected on the GUI thread only (pakn_desktop/ui/collector.py): a
widget in a cycle, freed by the collector on a worker that happened to allocate, was
destroyed in the wrong thread ("QBasicTimer::stop: Failed. Possibly trying to stop from a
different thread") and the next turn of the event loop crashed the process."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest
from app_probe import run_app
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from pakn_desktop import background
from pakn_desktop.ui.collector import GuiCollector

freed_on: list[str] = []


class CycleField(QLineEdit):
    """A field (its cursor blinks on a timer) that refers to itself: only the cyclic
    collector frees it."""

    def __init__(self) -> None:
        super().__init__()
        self.me = self

    def __del__(self) -> None:
        freed_on.append(threading.current_thread().name)


def allocate_cycles(n: int) -> None:
    for _ in range(n):
        a: list[object] = []
        a.append(a)


def test_a_widget_in_a_cycle_is_freed_on_the_gui_thread_not_on_a_busy_worker(
    qtbot: QtBot, collector: GuiCollector
) -> None:
    freed_on.clear()
    field = CycleField()
    field.setFocus()
    field.show()
    field.close()
    del field
    # A worker allocates as a routing build does: with the automatic collector on, one of
    # its allocations collects the young generation there, the field with it.
    worker = threading.Thread(target=allocate_cycles, args=(50_000,), name="busy-worker")
    worker.start()
    worker.join()
    assert freed_on == []
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)  # the collector's next tick
    assert freed_on == [threading.main_thread().name]


def test_start_turns_the_automatic_collector_off_and_stop_puts_back_what_it_found(
    qtbot: QtBot,
) -> None:
    gc.enable()
    try:
        own = GuiCollector().start()
        assert not gc.isenabled()
        own.stop()
        assert gc.isenabled()
    finally:
        gc.disable()  # as the suite has it (tests/conftest.py)
    own = GuiCollector().start()
    own.stop()
    assert not gc.isenabled()


Counts = tuple[list[int], list[int]]


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Counts:
    """The collector's counts as a test sets them, and the passes asked for."""
    now = [0, 0, 0]
    asked: list[int] = []
    monkeypatch.setattr(gc, "get_count", lambda: tuple(now))
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    monkeypatch.setattr(gc, "collect", lambda generation=2: asked.append(generation) or 0)
    return now, asked


def test_each_generation_is_collected_when_the_automatic_collector_would(
    counts: Counts, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = GuiCollector()
    monkeypatch.setattr(own, "_last_full", float("-inf"))
    monkeypatch.setattr(background, "_held_until", 0.0)
    now, asked = counts
    now[:] = [700, 10, 10]
    assert own.collect_due() is None and asked == []
    now[:] = [701, 3, 0]
    own.collect_due()
    now[:] = [701, 11, 4]
    own.collect_due()
    now[:] = [701, 11, 11]
    own.collect_due()
    assert asked == [0, 1, 2] and own.passes == [1, 1, 1]


def test_a_full_pass_waits_while_the_person_works_and_comes_at_most_so_often(
    counts: Counts, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = GuiCollector()
    now, asked = counts
    monkeypatch.setattr(own, "_last_full", float("-inf"))
    now[:] = [701, 11, 11]
    background.hold()  # a key was pressed
    try:
        own.collect_due()
        assert asked == [1]  # the young ones' garbage now, the full pass later
    finally:
        background._held_until = 0.0
    own.collect_due()
    assert asked == [1, 2]
    own.collect_due()  # just made: the next full pass waits FULL_PASS_EVERY_S
    assert asked == [1, 2, 1]


def test_the_app_collects_on_its_gui_thread_only(db_url: str, tmp_path: Path) -> None:
    """In the real program, the automatic collector is off while the window runs, and a
    cycle a worker's allocations would have freed is freed on the GUI thread."""
    from pakn_desktop.services import Services

    Services.open(db_url).close()
    probe = """
import gc, sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QLineEdit
from pakn_desktop.__main__ import main
from pakn_desktop.ui import login as login_ui

freed_on = []

class CycleField(QLineEdit):
    def __init__(self):
        super().__init__()
        self.me = self
    def __del__(self):
        freed_on.append(threading.current_thread().name)

def busy():
    for _ in range(50_000):
        a = []
        a.append(a)

def exec_(dialog):
    def start():
        print('automatic', gc.isenabled(), flush=True)
        CycleField().show()
        worker = threading.Thread(target=busy, name='busy-worker')
        worker.start()
        worker.join()
        print('freed by the worker', freed_on, flush=True)
        wait(0)
    def wait(turns):
        if freed_on or turns > 200:
            print('freed on', freed_on, flush=True)
            dialog.reject()
        else:
            QTimer.singleShot(20, lambda: wait(turns + 1))
    QTimer.singleShot(0, start)
    return QDialog.exec(dialog)

login_ui.LoginDialog.exec = exec_
sys.exit(main(['--db', sys.argv[1]]))
"""
    lines = run_app(probe, db_url, tmp_path, 120)
    assert lines[-3:] == [
        "automatic False",
        "freed by the worker []",
        "freed on ['MainThread']",
    ], lines
