"""Long work off the GUI thread, in the manner of Anki's ``QueryOp``/``CollectionOp``.

``Op(parent, work, ...).run()`` runs ``work(progress)`` on the thread pool and, on the GUI
thread: shows a progress dialog if the work takes more than a moment (with a Cancel button
when the work can stop), calls ``success`` with the result, or logs the error and shows it in
Vietnamese; when the work changed data it announces it through ``notifier().changed`` so each
view refreshes itself instead of the window refreshing everything. ``changes`` is a
:class:`Changes`, or a function of the result that says what the work changed.

The work must not touch widgets; it may call ``progress.update()`` (thread-safe) and should
check ``progress.cancelled`` (or call ``progress.check()``) between steps when it can stop.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from shiboken6 import isValid as shiboken_alive

from pakn_desktop import background
from pakn_desktop.domain.errors import Cancelled, PaknError
from pakn_desktop.domain.wording import file_problem

log = logging.getLogger("pakn_desktop")
T = TypeVar("T")
SHOW_PROGRESS_AFTER_MS = 400

# Two lanes. Upkeep the person did not ask for (the check after start-up, the day's backup,
# the routing warm-up) runs in a lane of its own, two at a time; what a person waits for (a
# lookup, a page of the list, a case) never queues behind it. With one pool of as many threads
# as cores, a two-core office PC held a lookup ("Đang tra cứu…") for as long as the backup of
# a million cases and the check took. The work is mostly the database's, outside Python's
# lock, so more threads than cores is right.
INTERACTIVE_THREADS = 4
UPKEEP_THREADS = 2
_upkeep_pool: QThreadPool | None = None
# An operation for the person (not upkeep) holds background builds (pakn_desktop.background)
# this long from its start and from its end: the window shows its result meanwhile.
WINDOW_WORK_HOLD_S = 0.5
# An operation the GUI thread starts begins its work once that thread is back in its event
# loop: what the GUI thread does right after the start (the rest of a page or a case being
# built, its first paint) does not share Python's lock with the work (the statistics page at
# a million cases on PostgreSQL: 59-108 ms of the GUI thread's own work took 120-190 ms
# beside its reads). Never longer than this (a thread that blocks waiting for the work).
GUI_TURN_WAIT_S = 0.25


def pool(upkeep: bool = False) -> QThreadPool:
    """The thread pool of a lane: upkeep's own, or Qt's global one for the rest."""
    global _upkeep_pool
    if upkeep:
        if _upkeep_pool is None:
            _upkeep_pool = QThreadPool()
            _upkeep_pool.setMaxThreadCount(UPKEEP_THREADS)
        return _upkeep_pool
    shared = QThreadPool.globalInstance()
    if shared.maxThreadCount() < INTERACTIVE_THREADS:
        shared.setMaxThreadCount(INTERACTIVE_THREADS)
    return shared


def wait_for_workers(msecs: int) -> bool:
    """Wait until both lanes are idle (True), or ``msecs`` went by (False)."""
    return pool(upkeep=True).waitForDone(msecs) and pool().waitForDone(msecs)


@dataclass(frozen=True)
class Changes:
    """What an operation changed, for the views that show it (Anki's ``OpChanges``)."""

    cases: bool = False  # cases' fields, states, history (new cases too)
    letters: bool = False  # letters issued, replaced, the outgoing register
    office: bool = False  # the office's details, letter templates, other agencies' remit
    calendar: bool = False  # days off and working days: open cases' deadlines moved
    people: bool = False  # units, officials and accounts
    # The codes of the cases changed, when the operation knows them (an editor's action, a
    # letter issued for a case): an open case reads again only for its own. Empty with
    # ``cases``: any case may have changed (an import, a restore).
    case_codes: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.case_codes and not self.cases:
            raise ValueError("case_codes names changed cases: cases must be True")

    @classmethod
    def of_cases(cls, *codes: str | None, letters: bool = False) -> Changes:
        """These cases changed (and letters, with ``letters``); a code that is None or empty
        is unknown, so any case may have changed."""
        known = frozenset(c for c in codes if c)
        return cls(cases=True, letters=letters, case_codes=known if all(codes) else frozenset())

    def touches_case(self, code: str) -> bool:
        """The case ``code`` may have changed: it is named, or the cases changed are not."""
        return self.cases and (not self.case_codes or code in self.case_codes)

    def __bool__(self) -> bool:
        return self.cases or self.letters or self.office or self.calendar or self.people


class Notifier(QObject):
    """One per application: ``changed(changes, initiator)`` after an operation changed data.
    ``initiator`` is the widget that started it (a view may skip its own refresh)."""

    changed = Signal(object, object)


_notifier: Notifier | None = None


def notifier() -> Notifier:
    global _notifier
    if _notifier is None:
        _notifier = Notifier()
    return _notifier


def announce(changes: Changes, initiator: object = None) -> None:
    """Tell every view that data changed (also for changes made on the GUI thread)."""
    if changes:
        notifier().changed.emit(changes, initiator)


class Progress(QObject):
    """Handed to the work: reports progress (from any thread) and carries the cancel flag."""

    updated = Signal(int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def update(self, done: int, total: int = 0, label: str = "") -> None:
        try:
            self.updated.emit(done, total, label)
        except RuntimeError:  # the window is gone (the app is closing): stop the work
            self._cancel.set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], progress: Progress) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.progress = progress
        self.signals = _Signals()

    def run(self) -> None:
        try:
            try:
                result = self.fn(self.progress)
            except BaseException as exc:  # delivered to the GUI thread, logged and shown there
                self.signals.failed.emit(exc, "".join(traceback.format_exception(exc)))
            else:
                self.signals.done.emit(result)
        except RuntimeError:  # the receiving side was deleted while the app closed
            log.warning("An operation ended after its window was closed.")


_alive: set[Op[Any]] = set()


def _spent(_progress: Progress) -> None:
    """What a job holds once its work has ended."""


def message_for(exc: BaseException) -> str:
    """What a person reads about a failure: our own errors say it themselves."""
    if isinstance(exc, PaknError):
        return exc.message
    if isinstance(exc, OSError):
        log.warning("File error shown in plain words: %r", exc)
        return file_problem(exc)
    return QCoreApplication.translate(
        "workers",
        "Something unexpected went wrong; nothing more was done. The details were written to "
        "the log.",
    )


class Op(Generic[T]):
    """One long operation: see the module's docstring."""

    def __init__(
        self,
        parent: QWidget | None,
        work: Callable[[Progress], T],
        *,
        success: Callable[[T], object] | None = None,
        failure: Callable[[BaseException], object] | None = None,
        label: str = "",
        title: str = "",
        cancellable: bool = False,
        changes: Changes | Callable[[T], Changes] | None = None,
        show_progress: bool = True,
        ended: Callable[[], object] | None = None,
        upkeep: bool = False,
    ) -> None:
        self.parent = parent
        self.upkeep = upkeep
        self.ended = ended
        self.work = work
        self.success = success
        self.failure = failure
        self.label = label
        self.title = title
        self.cancellable = cancellable
        self.changes = changes
        self.show_progress = show_progress
        self.progress = Progress()
        self.dialog: QProgressDialog | None = None
        self.error_box: QMessageBox | None = None
        self.finished = False
        self._timer: QTimer | None = None

    def run(self) -> Op[T]:
        work = self.work
        if not self.upkeep and threading.current_thread() is threading.main_thread():
            turn = threading.Event()
            QTimer.singleShot(0, turn.set)  # the GUI thread is back in its event loop

            def work(progress: Progress, run: Callable[[Progress], T] = self.work) -> T:
                turn.wait(GUI_TURN_WAIT_S)
                return run(progress)

        job = _Job(work, self.progress)
        job.signals.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        job.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.progress.updated.connect(self._updated, Qt.ConnectionType.QueuedConnection)
        self._job = job
        _alive.add(self)
        if self.show_progress:
            self._timer = QTimer()
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._show_dialog)
            self._timer.start(SHOW_PROGRESS_AFTER_MS)
        pool(self.upkeep).start(job)
        if not self.upkeep:
            background.hold(WINDOW_WORK_HOLD_S)  # the window is working for the person
        return self

    # --- progress -----------------------------------------------------------------------
    def _show_dialog(self) -> None:
        if self.finished or self.dialog is not None:
            return
        cancel = QCoreApplication.translate("workers", "Cancel") if self.cancellable else ""
        dialog = QProgressDialog(
            self.label or QCoreApplication.translate("workers", "Working…"),
            cancel,
            0,
            0,
            self.parent,
        )
        if not self.cancellable:
            dialog.setCancelButton(None)
        dialog.setWindowTitle(self.title or QCoreApplication.translate("workers", "Please wait"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self._cancel)
        self.dialog = dialog
        dialog.show()

    def _updated(self, done: int, total: int, label: str) -> None:
        if self.finished:
            return
        if self.dialog is None and self.show_progress:
            self._show_dialog()
        dialog = self.dialog
        if dialog is None:
            return
        if label:
            dialog.setLabelText(label)
        dialog.setMaximum(max(total, 0))
        # Last: a modal progress dialog runs the event loop in setValue, and the operation
        # may end (and its dialog go) in there.
        dialog.setValue(min(done, total) if total else 0)

    def _cancel(self) -> None:
        self.progress.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(QCoreApplication.translate("workers", "Stopping…"))

    def _close_dialog(self) -> None:
        self.finished = True
        if self._timer is not None:
            self._timer.stop()
        if self.dialog is not None:
            if shiboken_alive(self.dialog):  # not gone with its window
                self.dialog.canceled.disconnect(self._cancel)
                self.dialog.close()
                self.dialog.deleteLater()
            self.dialog = None
        ended, self.ended = self.ended, None
        if ended is not None:  # success, failure and cancel alike, before either callback
            ended()

    # --- the end ------------------------------------------------------------------------
    def _asker_gone(self) -> bool:
        """The window that asked was closed and deleted meanwhile: nobody is left to show
        the result to (its callbacks are its own)."""
        return self.parent is not None and not shiboken_alive(self.parent)

    def _let_go_of_the_work(self) -> None:
        """Here, on the GUI thread: Qt's pool keeps the job it ran (PySide holds a reference
        for it), and with it whatever the work refers to (a window, a model, the services)
        for the rest of the program; the work's widgets are freed here, on their thread."""
        self._job.fn = _spent

    def _done(self, result: T) -> None:
        self._let_go_of_the_work()
        if not self.upkeep:
            background.hold(WINDOW_WORK_HOLD_S)  # the window shows the result next
        self._close_dialog()
        _alive.discard(self)
        # What the work changed, or what its result says it changed (the cases a letter
        # closed with it, ...).
        changes = self.changes(result) if callable(self.changes) else self.changes
        if changes:
            announce(changes, self.parent)
        if self._asker_gone():
            return
        if self.success is not None:
            self.success(result)

    def _failed(self, exc: BaseException, details: str) -> None:
        self._let_go_of_the_work()
        self._close_dialog()
        _alive.discard(self)
        if isinstance(exc, Cancelled):
            return
        if isinstance(exc, PaknError):
            log.info("Operation refused: %s", exc.message)
        else:
            log.error("Operation failed:\n%s", details)
        if isinstance(self.changes, Changes):
            # A failure part-way may still have changed something: let the views look again.
            # (Changes read from the result are a single transaction's: it changed nothing.)
            announce(self.changes, self.parent)
        if self._asker_gone():
            log.info("An operation ended after its window was closed: %s", message_for(exc))
            return
        if self.failure is not None:
            self.failure(exc)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.title or QCoreApplication.translate("workers", "Not done"),
            message_for(exc),
            QMessageBox.StandardButton.Ok,
            self.parent,
        )
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.error_box = box
        box.open()


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    *,
    upkeep: bool = False,
) -> Op[Any]:
    """A quiet operation without progress dialog: result to ``on_done``, error (logged) to
    ``on_error``; ``upkeep`` for work nobody waits for (see ``pool``)."""
    return Op(
        None,
        lambda _p: fn(),
        success=on_done,
        failure=on_error,
        show_progress=False,
        upkeep=upkeep,
    ).run()
