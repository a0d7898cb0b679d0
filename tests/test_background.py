"""Background builds give way while the person is using the window
(``pakn_desktop.background``): a build's breathing point sleeps while held, no longer than
MAX_REST_S at once, and not at all otherwise; the routing build's breather rests there."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from pakn_desktop import background
from pakn_desktop.services.routing import _Breather


@pytest.fixture(autouse=True)
def not_held() -> Iterator[None]:
    background._held_until = background._work_until = 0.0
    yield
    background._held_until = background._work_until = 0.0


def test_not_held_a_breath_does_not_wait() -> None:
    assert not background.held()
    t0 = time.monotonic()
    assert background.rest() == 0
    assert time.monotonic() - t0 < 0.01


def test_held_a_breath_waits_until_the_person_pauses() -> None:
    background.hold(0.2)
    assert background.held()
    slept = background.rest()
    assert 0.15 <= slept <= 0.5
    assert not background.held()


def test_a_rest_is_never_longer_than_max_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "MAX_REST_S", 0.1)
    background.hold(5)
    t0 = time.monotonic()
    background.rest()
    assert 0.08 <= time.monotonic() - t0 < 0.5  # the build then works a breath again
    assert background.held()


def test_a_hold_from_another_thread_pauses_a_running_build() -> None:
    """The routing build's breather, running on a worker, stops at its next breath when the
    window (another thread) says the person is working, and goes on when they pause."""
    breathe = _Breather(work_s=0.0, rest_s=0.0)
    breaths: list[float] = []
    stop = threading.Event()

    def build() -> None:
        while not stop.is_set():
            breathe()
            breaths.append(time.monotonic())

    worker = threading.Thread(target=build)
    worker.start()
    try:
        time.sleep(0.05)
        held_at = time.monotonic()
        background.hold(0.3)
        time.sleep(0.15)
        during = [t for t in breaths if held_at + 0.03 < t < held_at + 0.15]
        time.sleep(0.3)
        after = [t for t in breaths if t > held_at + 0.35]
    finally:
        stop.set()
        worker.join(5)
    assert during == []  # no breath went by while held (one may have been under way)
    assert after  # and the build went on once the hold was over


def test_after_a_full_rest_the_build_works_a_while(monkeypatch: pytest.MonkeyPatch) -> None:
    """A person who never pauses still has the build go on: after a rest of MAX_REST_S it
    works WORK_AFTER_REST_S before it rests again."""
    monkeypatch.setattr(background, "MAX_REST_S", 0.05)
    monkeypatch.setattr(background, "WORK_AFTER_REST_S", 0.2)
    monkeypatch.setattr(background, "_work_until", 0.0)
    background.hold(5)
    assert background.rest() >= 0.05
    t0 = time.monotonic()
    assert background.rest() == 0.0 and time.monotonic() - t0 < 0.01  # working now
    time.sleep(0.25)
    assert background.rest() >= 0.05  # and resting again


def test_a_stopped_clock_or_a_hold_far_ahead_never_makes_a_rest_endless(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A caller that stops ``time.monotonic`` (as a test of the routing's looks does) or a
    hold left from another clock does not keep a build resting."""
    background.hold(0.2)
    monkeypatch.setattr(time, "monotonic", lambda: 1000.0)
    t0 = time.perf_counter()
    background.rest()
    assert time.perf_counter() - t0 < 1.0
    monkeypatch.undo()
    background._held_until = time.monotonic() + 10_000  # not a hold anyone asked for
    assert not background.held() and background.rest() == 0.0
    background.hold(0.1)
    assert background.held()  # a new hold is kept


@pytest.fixture
def thawed() -> Iterator[None]:
    import gc

    gc.unfreeze()
    yield
    gc.unfreeze()
    background.keep_builds_aside(False)


def test_a_builds_breath_sets_aside_what_it_made_in_the_windows_process_only(
    thawed: None,
) -> None:
    import gc

    def walked(obj: object) -> bool:
        """Whether the collector's full passes still walk ``obj`` (it is not set aside)."""
        return any(o is obj for o in gc.get_objects())

    background.keep_builds_aside(False)
    breathe = _Breather(work_s=0.0, rest_s=0.0)
    made = [[i] for i in range(5000)]  # what a build keeps: lists, dicts, tuples
    breathe()
    assert walked(made)  # not in this process: nothing kept for good
    background.keep_builds_aside()
    breathe()
    assert not walked(made) and gc.get_freeze_count() >= len(made)
