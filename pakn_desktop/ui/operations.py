"""Operations, as Anki's ``CollectionOp``/``QueryOp`` (``qt/aqt/operations``) run them.

``run_op(parent, work, buttons=..., ...)`` is the one way a widget starts long work: the
buttons given are disabled while it runs and put back as they were when it ends (success,
failure or cancel), and the rest is :class:`~pakn_desktop.ui.workers.Op`'s: the work runs
off the GUI thread with a progress dialog (and Cancel when ``cancellable``), ``success`` or
``failure`` is called on the GUI thread, a :class:`~pakn_desktop.domain.errors.PaknError` is
shown in its own Vietnamese words when no ``failure`` is given, and ``changes`` is announced
once through :func:`~pakn_desktop.ui.workers.announce`.

``listen(view, concerns, reload)`` is how a view hears of changes, as Anki's views do in
``on_operation_did_execute``: each view names what concerns it (cases, letters, the office,
the calendar, people: :class:`~pakn_desktop.ui.workers.Changes`) and reads again only for
that; a change it made itself is its own to show. A view not on screen is marked stale and
reads when next shown, unless it reads on every show anyway.

Who changes one case says which (``Changes.of_cases(code)``): an open case reads again only
for its own (:func:`this_case`), while the lists and counts read again for any
(:func:`cases_or_calendar`). A change of many cases at once (an import, a restore) names none:
every open case reads again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

from pakn_desktop.ui.workers import Changes, Op, Progress, notifier

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
    changes: Changes | Callable[[T], Changes] | None = None,
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


# What a view hidden when a change concerns it does: read at once ("now"), read when next
# shown ("when_shown"), or nothing (a view that reads on every show anyway: "ignore").
WhileHidden = Literal["now", "when_shown", "ignore"]


class _Listener(QObject):
    """A view's ear, its child: Qt disconnects it from the notifier when the view goes."""

    def __init__(
        self,
        view: QWidget,
        concerns: Callable[[Changes], bool],
        reload: Callable[[], object],
        while_hidden: WhileHidden,
        skip_own: bool,
    ) -> None:
        super().__init__(view)
        self._skip_own = skip_own
        self._view = view
        self._concerns = concerns
        self._reload = reload
        self._while_hidden = while_hidden
        self.stale = False
        self._hearing = True
        notifier().changed.connect(self.heard)
        if while_hidden == "when_shown":
            view.installEventFilter(self)

    def stop(self) -> None:
        if self._hearing:
            self._hearing = False
            notifier().changed.disconnect(self.heard)

    def heard(self, changes: Changes, initiator: object) -> None:
        if not shiboken6.isValid(self._view) or not self._concerns(changes):
            return
        if self._skip_own and _within(initiator, self._view):
            return  # the view changed it and shows it already
        if self._view.isVisible() or self._while_hidden == "now":
            self.stale = False
            self._reload()
        elif self._while_hidden == "when_shown":
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self._reload()
        return False


def stop_listening(root: QWidget) -> None:
    """Views under ``root`` hear no more changes: a closed window reads nothing again (its
    timer and listeners would read with its person's log-in for as long as it lived)."""
    for listener in root.findChildren(_Listener):
        listener.stop()


def _within(initiator: object, view: QWidget) -> bool:
    """The initiator is the view or one of its children (a dialog it opened included)."""
    o = initiator if isinstance(initiator, QObject) else None
    while o is not None and shiboken6.isValid(o):
        if o is view:
            return True
        o = o.parent()
    return False


def listen(
    view: QWidget,
    concerns: Callable[[Changes], bool],
    reload: Callable[[], object],
    *,
    while_hidden: WhileHidden = "when_shown",
    skip_own: bool = True,
) -> QObject:
    """``reload()`` after each announced change for which ``concerns(changes)`` is true, made
    by another view (any view, where ``skip_own`` is False: the main window's status bar
    counts what its pages and editors change); see the module's docstring. Returns the
    listener (a child of ``view``)."""
    return _Listener(view, concerns, reload, while_hidden, skip_own)


def cases_or_calendar(changes: Changes) -> bool:
    """What lists of cases, their counts and the dashboard show: the cases, and their
    deadlines, which the calendar moves."""
    return changes.cases or changes.calendar


def this_case(code: str) -> Callable[[Changes], bool]:
    """What an open case shows: the case ``code`` itself (named, or any case changed with
    none named), and its deadlines, which the calendar moves."""
    return lambda changes: changes.calendar or changes.touches_case(code)
