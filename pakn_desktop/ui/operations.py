"""Operations, as Anki's ``CollectionOp``/``QueryOp`` (``qt/aqt/operations``) run them.

``run_op(parent, work, buttons=..., ...)`` is the one way a widget starts long work: the
buttons given are disabled while it runs and put back as they were when it ends (success,
failure or cancel), and the rest is :class:`~pakn_desktop.ui.workers.Op`'s: the work runs
off the GUI thread with a progress dialog (and Cancel when ``cancellable``), ``success`` or
``failure`` is called on the GUI thread, a :class:`~pakn_desktop.domain.errors.PaknError` is
shown in its own Vietnamese words when no ``failure`` is given, and ``changes`` is announced
once through :func:`~pakn_desktop.ui.workers.announce`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from pakn_desktop.ui.workers import Changes, Op, Progress

T = TypeVar("T")


def run_op(
    parent: QWidget | None,
    work: Callable[[Progress], T],
    *,
    buttons: Iterable[QWidget] = (),
    success: Callable[[T], object] | None = None,
    failure: Callable[[BaseException], object] | None = None,
    label: str = "",
    title: str = "",
    cancellable: bool = False,
    changes: Changes | None = None,
    show_progress: bool = True,
    progress_to: Callable[[int, int, str], object] | None = None,
    upkeep: bool = False,
) -> Op[T]:
    """Run ``work(progress)`` off the GUI thread with ``buttons`` disabled until it ends;
    returns the running :class:`Op`. See the module's docstring.

    ``upkeep``: work nobody waits for (a backup, a warm-up) runs in its own lane, so what a
    person asks for meanwhile never queues behind it (``workers.pool``).

    ``progress_to`` (a bound method of a widget, so it runs on the GUI thread) also gets every
    ``progress.update(done, total, label)``: for a widget that shows progress itself (then
    ``show_progress=False``); its Cancel button calls ``op.progress.cancel()``."""
    held = [(b, b.isEnabled()) for b in buttons]

    def give_back() -> None:
        for button, was in held:
            if shiboken6.isValid(button):  # the window may have closed meanwhile
                button.setEnabled(was)

    for button, _was in held:
        button.setEnabled(False)
    op = Op(
        parent,
        work,
        success=success,
        failure=failure,
        label=label,
        title=title,
        cancellable=cancellable,
        changes=changes,
        show_progress=show_progress,
        ended=give_back,
        upkeep=upkeep,
    )
    if progress_to is not None:  # before the work starts, so no step is missed
        op.progress.updated.connect(progress_to, Qt.ConnectionType.QueuedConnection)
    return op.run()
