"""The Qt binding keeps Python's own objects' reference counts whole: PySide6 6.12.0 on
Python 3.11 took a reference from None at each call returning nothing and one from True at
each signal sent, and a process aborted when either reached zero ("none_dealloc",
"bool_dealloc": the window after some thousands of clicks, a worker of the suite). The
version pyproject.toml allows is checked here, as installed."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

CALLS = 2000


class Sender(QObject):
    sent = Signal(object)


def test_calls_and_signals_leave_none_and_true_as_they_were(qapp: QApplication) -> None:
    sender, other = Sender(), QObject()
    got: list[object] = []
    sender.sent.connect(got.append)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(CALLS):
        other.setObjectName("x")  # returns nothing
        other.blockSignals(False)  # returns a bool
        sender.sent.emit(i)
    qapp.processEvents()
    none_lost = none_before - sys.getrefcount(None)
    true_lost = true_before - sys.getrefcount(True)
    assert len(got) == CALLS
    # Other threads may hold or drop a few meanwhile; a lost reference a call is thousands.
    assert none_lost < CALLS // 10 and true_lost < CALLS // 10, (none_lost, true_lost)
