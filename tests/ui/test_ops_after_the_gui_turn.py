"""An operation the GUI thread starts begins its work once that thread is back in its event
loop (``workers.GUI_TURN_WAIT_S``): the rest of what the GUI thread does right after the
start (a page built, a case shown) does not share Python's lock with the work. A GUI thread
that blocks waiting for the work never waits longer than that for it to begin."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from pakn_desktop.ui import workers
from pakn_desktop.ui.workers import Op, run_in_background, wait_for_workers


def test_the_work_begins_after_the_gui_thread_is_back_in_its_loop(qtbot: QtBot) -> None:
    began: list[float] = []
    results: list[str] = []
    run_in_background(lambda: began.append(time.monotonic()) or "read", results.append, print)
    time.sleep(0.15)  # the GUI thread goes on building (sleeping frees the lock: no matter)
    back = time.monotonic()
    qtbot.waitUntil(lambda: results == ["read"], timeout=5000)
    assert began and began[0] >= back


def test_upkeep_begins_at_once(qtbot: QtBot) -> None:
    began: list[float] = []
    asked = time.monotonic()
    op = run_in_background(
        lambda: began.append(time.monotonic()), lambda _r: None, print, upkeep=True
    )
    time.sleep(0.15)
    assert began and began[0] - asked < 0.1
    qtbot.waitUntil(lambda: op.finished or not workers._alive, timeout=5000)


def test_a_gui_thread_that_blocks_for_the_work_waits_no_longer_than_the_limit(
    qtbot: QtBot,
) -> None:
    began: list[float] = []
    asked = time.monotonic()
    Op(None, lambda _p: began.append(time.monotonic()), show_progress=False).run()
    assert wait_for_workers(5000)  # blocks: the event loop does not turn meanwhile
    assert began and began[0] - asked < workers.GUI_TURN_WAIT_S + 0.5
    assert began[0] - asked >= workers.GUI_TURN_WAIT_S * 0.9
    qtbot.wait(10)  # the result is delivered
