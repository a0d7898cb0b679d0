"""Stalls of the GUI thread: a heartbeat timer that measures how late it fires, and what the
window was doing meanwhile.

Code on the GUI thread that may take a while names itself with ``with operation("queue:
page 12"):`` (a list append and a pop: cheap enough for every page read). ``StallWatch``
beats every few milliseconds; a beat that comes late by more than ``log_over_ms`` is logged
at debug level (logger ``pakn_desktop.stalls``) with the operations begun since the beat
before, so the log says what froze the window, not only that it froze, and how much of the
stall the GUI thread spent working (its own CPU time): a stall with little of it was the
thread waiting (for the processor on a busy machine, or for Python's lock held by a worker).
The bench's working day reads ``longest`` per step with a 10 ms beat."""

from __future__ import annotations

import gc
import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QMouseEvent

from pakn_desktop import background

log = logging.getLogger("pakn_desktop.stalls")

# GUI thread only. Operations under way (innermost last), and those begun since the last beat
# (a long one has always ended by the time the late beat runs).
_running: list[str] = []
_seen: list[str] = []
_SEEN_MAX = 16


@contextmanager
def operation(label: str) -> Iterator[None]:
    """Name what the GUI thread does inside the block, for the stall log."""
    _running.append(label)
    if len(_seen) < _SEEN_MAX:
        _seen.append(label)
    try:
        yield
    finally:
        _running.pop()


def current() -> str:
    """The innermost operation under way ('' when none is named)."""
    return _running[-1] if _running else ""


class StallWatch(QObject):
    """A heartbeat on the GUI thread. ``longest`` (ms), ``longest_cpu`` (the GUI thread's
    own CPU ms in it) and ``longest_what`` hold the worst stall since ``reset()``."""

    def __init__(
        self, interval_ms: int = 50, log_over_ms: float = 200.0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._interval = interval_ms
        self._log_over = log_over_ms
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.longest = 0.0
        self.longest_cpu = 0.0
        self.longest_what = ""
        self.beats = 0

    def start(self) -> None:
        self.reset()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def reset(self) -> None:
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.longest = 0.0
        self.longest_cpu = 0.0
        self.longest_what = ""
        _seen.clear()

    def _beat(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        late = (now - self._last) * 1000 - self._interval
        worked = (cpu - self._last_cpu) * 1000
        self._last, self._last_cpu = now, cpu
        self.beats += 1
        if late <= 1.0:  # the common case: on time; nothing else to do
            _seen.clear()
            return
        what = ", ".join(dict.fromkeys(_seen)) or current()
        _seen.clear()
        if late > self.longest:
            self.longest, self.longest_cpu, self.longest_what = late, worked, what
        if late > self._log_over:
            log.debug(
                "GUI thread stalled %.0f ms (%.0f ms of it working): %s",
                late,
                worked,
                what or "(not named)",
            )


# How long a thread running Python may keep the interpreter's lock when another asks for it.
# Python's default, 5 ms, is paid by the GUI thread at every call from Qt into Python (each
# cell the table paints asks the model) while a worker runs Python (the routing warm-up, a
# page's rows made into objects): at a million cases that turned a scroll-bar drag into a
# 3 s freeze with 80 ms of the GUI thread's own work. At 0.5 ms the same drag takes 25 ms.
GIL_HANDOVER_S = 0.0005


def hand_over_quickly() -> None:
    """The window's process: workers hand the interpreter's lock back within GIL_HANDOVER_S."""
    sys.setswitchinterval(GIL_HANDOVER_S)


def settle_long_lived() -> None:
    """Once the program's modules are loaded and its database open: what it holds for good by
    then (about 725,000 of the 1.25 million objects a full garbage collection walks at a
    million cases: modules, functions, classes, SQLAlchemy's and Qt's tables) is set aside
    from the collector's full passes (``gc.freeze``), which then take about half as long; such
    a pass holds the window while it runs (42-57 ms on a quiet machine, 144-181 ms at load 8).
    Objects set aside are still freed when nothing refers to them; only a cycle among them
    would stay, and the few made before this point live as long as the program anyway."""
    gc.collect()
    gc.freeze()


def watch(parent: QObject, interval_ms: int = 50, log_over_ms: float = 200.0) -> StallWatch:
    """Start the app's watcher (kept alive by ``parent``); its stalls reach the log file even
    though the app logs at INFO."""
    log.setLevel(logging.DEBUG)
    w = StallWatch(interval_ms, log_over_ms, parent)
    w.start()
    return w


# What a person does that background builds give way to (``pakn_desktop.background``): a press,
# a release, a drag (a move with a button held), the wheel, a key.
_PRESSES = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
    QEvent.Type.KeyPress,
)


class InputHold(QObject):
    """Installed on the application: each press, drag, wheel turn or key holds background
    builds (``pakn_desktop.background.hold``) until the person pauses."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _PRESSES or (
            kind == QEvent.Type.MouseMove
            and isinstance(event, QMouseEvent)
            and event.buttons() != Qt.MouseButton.NoButton
        ):
            background.hold()
        return False


def hold_background_on_input(app: QObject) -> InputHold:
    """Install ``InputHold`` on ``app`` (kept alive as its child)."""
    hold = InputHold(app)
    app.installEventFilter(hold)
    return hold
