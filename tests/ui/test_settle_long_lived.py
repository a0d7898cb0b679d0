"""Once the main window's modules are loaded behind the log-in, what the program holds for
good is set aside from the garbage collector's full passes (gc.freeze): at a million cases
such a pass walked 1.25 million objects, 725,000 of them loaded at start-up, and held the
window 42-181 ms each time it ran."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from pakn_desktop.ui import app


@pytest.fixture
def thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the suite collects as before


def test_the_warm_up_sets_aside_what_is_loaded_for_good(thawed: None) -> None:
    walked_before = len(gc.get_objects())
    app.warm_up_main_window()
    assert gc.get_freeze_count() > walked_before // 2
    assert len(gc.get_objects()) < walked_before // 10  # a full pass walks the rest only


def test_what_is_set_aside_is_still_freed_when_unused(thawed: None) -> None:
    import weakref

    class Held:
        pass

    held = Held()
    gone = weakref.ref(held)
    app.warm_up_main_window()
    del held  # no cycle: freed at once, frozen or not
    assert gone() is None
