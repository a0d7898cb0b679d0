"""Work in the background gives way while the person is using the window.

A long build on a worker (the routing warm-up: tens of seconds at a million cases) shares
Python's lock with the GUI thread: each time the window's thread comes back from Qt into
Python it waits for the lock, and a drag of the list's scroll bar took 240-300 ms instead
of 30 ms while the warm-up ran (issue 24). The window says when the person presses, drags,
scrolls or types (``hold``, from ``ui.stalls.InputHold``); a build that calls ``rest`` at its
breathing points then sleeps until the person has been still for a moment, never longer
than MAX_REST_S at one breath, so a person who never stops still gets the build done,
slowly.

A long build also makes what it keeps (the routing engines' tables: hundreds of thousands of
objects) beside the window; each of the garbage collector's full passes walks all of it, and
holds the window meanwhile (19-40 ms a pass, twice in the statistics step at a million cases
on PostgreSQL). In the window's process (``keep_builds_aside``, from ui/app.py) the build sets
what it has made so far aside at each breath (``set_aside``, ``gc.freeze``), so a full pass
walks only what was made since.

Any thread may call these; a float's assignment is atomic under the interpreter's lock."""

from __future__ import annotations

import gc
import time

# The clock and the sleep, as they were when this module was loaded: a rest must end whatever
# a caller does to the ``time`` module meanwhile (a test that stops ``time.monotonic`` made a
# build's rest endless).
_clock = time.monotonic
_sleep = time.sleep

# How long after the person's last press, drag, wheel turn or key the build stays resting.
HOLD_S = 1.5
# The longest rest at one breathing point; the build then works WORK_AFTER_REST_S before it
# rests again (about 5 % of the time while a person works without a pause).
MAX_REST_S = 2.0
WORK_AFTER_REST_S = 0.1
# No hold is longer: a time further ahead than this is taken for no hold.
LONGEST_HOLD_S = 10.0

_held_until = 0.0
_keep_aside = False  # whether set_aside freezes (the window's process only)
_last_input = float("-inf")
_work_until = 0.0  # after a rest of MAX_REST_S, the build works until then


def hold(seconds: float = HOLD_S) -> None:
    """The person is using the window: background builds rest for ``seconds`` from now."""
    global _held_until, _last_input
    _last_input = _clock()
    _held_until = max(_until(), _last_input + seconds)


def quiet_for(seconds: float) -> bool:
    """Whether the person has not pressed, dragged or typed for ``seconds`` (a background
    job that cannot rest once begun waits for such a pause to begin)."""
    return _clock() - _last_input >= seconds


def held() -> bool:
    """Whether background builds are resting now."""
    return _clock() < _until()


def _until() -> float:
    """When the hold ends; a hold further ahead than any ``hold`` asks is not one (0.0)."""
    until = _held_until
    return until if until - _clock() <= LONGEST_HOLD_S else 0.0


def rest() -> float:
    """Sleep while held (at most MAX_REST_S); returns the seconds slept (0.0 when not
    held: nothing was waited for)."""
    global _work_until
    began = _clock()
    until = _until()
    if began >= until or began < _work_until:
        return 0.0
    while True:
        now = _clock()
        if now >= until:
            return now - began
        if now >= began + MAX_REST_S:
            _work_until = now + WORK_AFTER_REST_S
            return now - began
        _sleep(min(until - now, began + MAX_REST_S - now, 0.02))
        until = max(until, _until())  # held again meanwhile


def keep_builds_aside(on: bool = True) -> None:
    """The window's process: a long build's breaths set what it made aside (``set_aside``).
    Off elsewhere: in a process that opens and drops one database after another (the
    tests, a script), a freeze would also keep for good the cycles of garbage lying about at
    that moment."""
    global _keep_aside
    _keep_aside = on


def set_aside() -> None:
    """At a long build's breath, in the window's process: every object alive now is left out
    of the collector's full passes from here on (``gc.freeze``, a constant-time move). The
    build's own tables live until the next build; they are still freed then, by their
    reference counts. Only a cycle of garbage that happened to be lying about (the window's
    made few) is kept. Nothing elsewhere."""
    if _keep_aside:
        gc.freeze()


def due_generation(oldest: int = 2) -> int | None:
    """The oldest generation of the garbage collector, up to ``oldest``, whose count is over
    its threshold: what CPython's automatic collector would collect at its next allocation
    (None: nothing). For a process that collects on one thread only (ui/collector.py)."""
    counts = gc.get_count()
    thresholds = gc.get_threshold()
    for generation in range(oldest, -1, -1):
        if counts[generation] > thresholds[generation]:
            return generation
    return None


def collect_due() -> int | None:
    """The pass the automatic collector would make now, made on the calling thread: the
    number of objects found unreachable, or None when none is due."""
    generation = due_generation()
    return None if generation is None else gc.collect(generation)
