"""What a worker's job refers to is freed on the GUI thread once the job has ended, and an
answer that comes after its window was deleted reaches nobody (ui/workers.py); the database's
opening thread never destroys the Qt object that started it (ui/startup.py)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pakn_desktop.ui import startup
from pakn_desktop.ui.workers import Op, wait_for_workers

freed_on: list[str] = []


class Held:
    """Something a work function refers to (a window, a model, the services)."""

    def __del__(self) -> None:
        freed_on.append(threading.current_thread().name)


def test_what_the_work_refers_to_is_freed_on_the_gui_thread_when_it_ends(qtbot: QtBot) -> None:
    freed_on.clear()
    held = Held()
    results: list[object] = []
    ops = [Op(None, lambda _p, h=held: id(h), success=results.append, show_progress=False)]
    ops[0].run()
    del held
    qtbot.waitUntil(lambda: ops[0].finished and bool(results), timeout=5000)
    assert wait_for_workers(5000)
    # Qt's pool keeps the job it ran; it no longer keeps the work, nor what the work held.
    ops.clear()
    assert freed_on == [threading.main_thread().name]


def test_an_answer_after_its_window_was_deleted_reaches_nobody(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    window = QWidget()
    asked: list[object] = []
    go = threading.Event()

    def work(_p: object) -> int:
        go.wait(5)
        return 1

    def fail(_p: object) -> int:
        go.wait(5)
        raise OSError(28, "No space left on device")

    done = Op(window, work, success=asked.append).run()
    failed = Op(window, fail).run()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    go.set()
    with caplog.at_level(logging.INFO, logger="pakn_desktop"):
        qtbot.waitUntil(lambda: done.finished and failed.finished, timeout=5000)
    assert asked == [] and failed.error_box is None
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert "after its window was closed" in caplog.text


def test_the_opening_thread_never_destroys_the_opening(qtbot: QtBot, tmp_path: Path) -> None:
    """The opening thread's target is the last reference once the log-in window has gone:
    the Qt object it refers to lives on, owned by the application, not destroyed there."""
    destroyed_on: list[str] = []
    opening = startup.DatabaseOpening(f"sqlite:///{tmp_path / 'office.db'}")
    opening.destroyed.connect(
        lambda: destroyed_on.append(threading.current_thread().name),
        Qt.ConnectionType.DirectConnection,
    )
    assert opening.parent() is QApplication.instance()
    opening.start()
    thread = opening._thread
    assert thread is not None
    del opening
    thread.join(60)
    assert destroyed_on == []
    for child in QApplication.instance().children():  # type: ignore[union-attr]
        if isinstance(child, startup.DatabaseOpening):
            if child.result is not None:
                child.result.services.close()
            child.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert destroyed_on == [threading.main_thread().name]
