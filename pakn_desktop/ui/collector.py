"""Python's garbage collector runs on the GUI thread only, in the window's process.

A Qt object must be destroyed on the thread it lives in. A Python wrapper of a widget caught
in a reference cycle (a dialog holding a lambda that names it) is freed by the cyclic garbage
collector, and CPython runs that collector in whichever thread happens to allocate when a
generation fills up. With the routing warm-up or a page read running on a worker, that was
the worker: a closed window's widgets were destroyed there ("QBasicTimer::stop: Failed.
Possibly trying to stop from a different thread"), and the next turn of the event loop
crashed the process (a segmentation fault in a CI run of the suite).

So the automatic collector is turned off and ``GuiCollector`` collects on a timer of the GUI
thread, each generation when the automatic collector would have (its thresholds). A full pass
(generation 2) waits while the person is pressing, dragging or typing (``background.held``)
and comes at most every FULL_PASS_EVERY_S: it walks everything the program keeps that is not
set aside (``gc.freeze``) and holds the window while it runs. Reference counting frees
everything else at once, on any thread, as before: only cycles wait for the timer.

pyqtgraph's ``GarbageCollector`` does the same for the same reason."""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

from pakn_desktop import background

# How often the GUI thread looks at the collector's counts: a young generation's pass is
# short (a few ms) when it comes this often.
COLLECT_EVERY_MS = 100
# The least time between two full passes.
FULL_PASS_EVERY_S = 30.0


class GuiCollector(QObject):
    """Collects cycles on the GUI thread (see the module): ``start`` turns the automatic
    collector off, ``stop`` puts back what it found."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = COLLECT_EVERY_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._was_enabled: bool | None = None
        self._last_full = time.monotonic()
        self.passes = [0, 0, 0]  # passes made, by generation

    def start(self) -> GuiCollector:
        if self._was_enabled is None:
            self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()
        return self

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
        self._was_enabled = None

    def collect_due(self) -> int | None:
        """The pass the automatic collector would make now, if any: the number of objects it
        found unreachable, or None."""
        full_now = not background.held() and (
            time.monotonic() - self._last_full >= FULL_PASS_EVERY_S
        )
        generation = background.due_generation(oldest=2 if full_now else 1)
        if generation is None:
            return None
        found = gc.collect(generation)
        self.passes[generation] += 1
        if generation == 2:
            self._last_full = time.monotonic()
        return found
