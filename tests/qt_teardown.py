"""What a GUI test leaves is ended with it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent


def delete_closed_widgets() -> None:
    """The test's widgets that pytest-qt closed are deleted now (its ``deleteLater`` waits
    for a turn of the event loop that may come only in the next test): a timer of theirs would
    otherwise start a read of this test's database after it is closed, and its answer would
    reach a widget of this test in the next."""
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
