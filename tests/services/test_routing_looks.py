"""How the routing help hears of new decisions without counting the register on every
suggestion (70 ms at a million cases): this desk's own classification at once, another
desk's at the next look, DECISIONS_LOOK_S later."""

from __future__ import annotations

import pytest
from test_incremental_learning import FORM, forward

from pakn_desktop.services import Services
from pakn_desktop.services import routing as routing_module


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


def test_this_desks_decision_at_once_another_desks_at_the_next_look(  # type: ignore[no-untyped-def]
    services: Services, actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    monkeypatch.setattr(routing_module.time, "monotonic", clock.monotonic)
    routing = services.routing
    forward(services, actor, FORM)
    learnt = routing.engines().learnt
    assert learnt >= 1

    other = Services.open(services.db.url, now=services.now)  # another desk, same register
    try:
        forward(other, actor, FORM)  # the same account, at another desk
        # Within the look's time this desk does not count the register again ...
        assert routing.engines().learnt == learnt
        # ... and at the next look it learns the other desk's decision.
        clock.now += routing_module.DECISIONS_LOOK_S + 0.1
        assert routing.engines().learnt == learnt + 1
    finally:
        other.close()

    # This desk's own classification is heard at once, the clock standing still.
    forward(services, actor, FORM)
    assert routing.engines().learnt == learnt + 2
