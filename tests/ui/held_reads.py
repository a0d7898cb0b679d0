"""A service stand-in for tests of reads done on a worker: each call notes its key and whether
it ran on the GUI thread, and a call whose key is in ``hold`` waits until ``release`` is set
(a slow read, so that a newer one can overtake it). Subclasses name the read they watch."""

from __future__ import annotations

import threading
from typing import Any


class HeldReads:
    def __init__(self, reads: Any) -> None:
        self._reads = reads
        self.calls: list[tuple[str, bool]] = []
        self.hold: set[str] = set()
        self.release = threading.Event()

    def _note(self, key: str) -> None:
        self.calls.append((key, threading.current_thread() is threading.main_thread()))
        if key in self.hold:
            self.release.wait(20)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reads, name)
