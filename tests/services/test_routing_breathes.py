"""The routing warm-up leaves Python's lock free for a moment after each few milliseconds of
work: at a million cases a page of the list, read by another thread, took 212 ms instead of
2 ms while the build ran, and the window stalled up to a second in the steps a person took."""

from __future__ import annotations

from typing import Any

import pytest
from accounts_fixture import staff_actor
from builders import a_case

from pakn_desktop.domain import routing as domain_routing
from pakn_desktop.domain.enums import CaseState
from pakn_desktop.services import Services, routing


def test_the_build_rests_between_stretches_of_work(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    actor = staff_actor(services)
    for _ in range(3):
        a_case(services, CaseState.IN_PROGRESS)  # decided cases: the build learns from them
    rests: list[float] = []
    real_sleep = routing.time.sleep

    def sleep(seconds: float) -> None:
        rests.append(seconds)
        real_sleep(0)

    monkeypatch.setattr(routing.time, "sleep", sleep)
    monkeypatch.setattr(routing._Breather, "__init__", _every_case)
    services.routing.warm_up(actor)
    assert len(rests) >= 3 and all(r > 0 for r in rests)


def _every_case(self: Any, work_s: float = 0.0, rest_s: float = 0.002) -> None:
    self.work_s, self.rest_s = 0.0, rest_s  # a rest after every case learnt
    self._since = 0.0


def test_the_nearest_case_index_rests_too(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index of the nearest cases is built in the warm-up too (seconds at 50,000 cases,
    a second 70-160 ms stall of the window's steps when it did not rest)."""
    actor = staff_actor(services)
    for _ in range(3):
        a_case(services, CaseState.IN_PROGRESS)
    indexing = [False]
    rests_while_indexing: list[float] = []
    real_sleep = routing.time.sleep
    real_build = domain_routing.NearestCases._build

    def sleep(seconds: float) -> None:
        if indexing[0]:
            rests_while_indexing.append(seconds)
        real_sleep(0)

    def build(self: Any, *args: Any, **kwargs: Any) -> None:
        indexing[0] = True
        try:
            real_build(self, *args, **kwargs)
        finally:
            indexing[0] = False

    monkeypatch.setattr(routing.time, "sleep", sleep)
    monkeypatch.setattr(routing._Breather, "__init__", _every_case)
    monkeypatch.setattr(domain_routing.NearestCases, "_build", build)
    services.routing.warm_up(actor)
    # One rest per case indexed: the office's 3 and the corpus's texts in the topic table.
    assert len(rests_while_indexing) >= 3 + 100
