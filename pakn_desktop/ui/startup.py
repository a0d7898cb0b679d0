"""The start-up work that grows with the database, run in the background as soon as the
database is open, while the window is built and shown: the whole-file check, the planner's
statistics and the calendar sync (``Services.after_start``). The result goes to the window's
status bar; a damaged file is shown with the restore guidance and keeps refusing every write
(nothing is written before the verdict either: writes wait for it)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal, SignalInstance
from PySide6.QtWidgets import QMainWindow, QMessageBox

from .workers import message_for, run_in_background

if TYPE_CHECKING:  # loaded by the opening thread, behind the log-in window
    from pakn_desktop.services import Services, StartupReport

log = logging.getLogger("pakn_desktop")


@dataclass(frozen=True)
class Opened:
    """An open database and what the log-in window needs to know of it."""

    services: Services
    office: str  # the office's short name, the log-in window's title
    needs_setup: bool  # the office is not set up yet (the first-run wizard)
    needs_first_admin: bool  # no administrator can log in yet


def open_services(url: str | None) -> Opened:
    """Import the services and open (create, migrate) the database as the window does: the
    checks that grow with the database are left to ``StartupChecks``."""
    from pakn_desktop.services import Services
    from pakn_desktop.services.paths import may_create

    services = Services.open(url, create=may_create(url), defer_checks=True)
    try:
        return Opened(
            services=services,
            office=services.office.details().agency_short,
            needs_setup=services.office.needs_setup(),
            needs_first_admin=services.accounts.needs_first_admin(),
        )
    except BaseException:
        services.close()
        raise


class DatabaseOpening(QObject):
    """Loads the services and opens the database on a thread of its own, while the log-in
    window is up and takes what the person types. ``opened`` (an ``Opened``) or ``failed``
    (the exception, already logged) arrive on the GUI thread. ``start`` again to retry.
    ``then`` runs on the same thread once ``opened`` is sent, given the open services (the
    main window's imports, a case's first read):
    nothing of the start-up's loading is left to the GUI thread."""

    opened = Signal(object)
    failed = Signal(object)

    def __init__(self, url: str | None, then: Callable[[Services], None] | None = None) -> None:
        # Owned by the application: the opening thread may drop the last Python reference to
        # it (its target) after the log-in window has gone, and a Qt object is destroyed on
        # the thread it lives in, not on that one.
        super().__init__(QCoreApplication.instance())
        self.url = url
        self._then = then
        self.result: Opened | None = None
        self._thread: threading.Thread | None = None
        self._running = False  # cleared before the answer is sent: a retry may start at once
        self._taken = False
        self._abandoned = False
        self._lock = threading.Lock()  # the opening thread's result against abandon()

    def start(self) -> None:
        if self._running or self.result is not None:
            return
        self._running = True
        self._thread = threading.Thread(target=self._open, name="pakn-open-database", daemon=True)
        self._thread.start()

    def _open(self) -> None:
        # No collection on this thread while it loads modules: the window's process collects
        # on the GUI thread only (ui/collector.py), and a collection here would hold the
        # log-in window (30-47 ms a full pass at load 7).
        try:
            opened = open_services(self.url)
        except BaseException as exc:  # shown in the log-in window, in plain words
            log.error("Cannot open the database", exc_info=exc)
            self._running = False
            self._deliver(self.failed, exc)
            return
        with self._lock:
            late = self._abandoned
            if not late:
                self.result = opened
        if late:  # nobody waits for it any more: closed here, not left open for good
            log.info("The database opened after the log-in window had closed: closed again.")
            opened.services.close()
            self._running = False
            return
        self._running = False
        self._deliver(self.opened, opened)
        # A new office goes on to the first-run wizard, whose modules the GUI thread loads
        # now: not the main window's beside it (it would wait for what this thread holds).
        if self._then is not None and not opened.needs_first_admin:
            try:
                self._then(opened.services)
            except Exception:  # the log-in imports it then, on the GUI thread
                log.exception("Loading the main window ahead of the log-in failed")

    def _deliver(self, signal: SignalInstance, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the app is closing: nobody is left to tell
            log.warning("The database was opened after the log-in window had closed.")

    def take(self) -> Opened | None:
        """The open database, now the caller's to close."""
        self._taken = self.result is not None
        return self.result

    def abandon(self, wait_s: float = 3.0) -> None:
        """The person left before logging in: an opening under way is given a moment to end
        (a migration is not cut short without need; an unreachable server is not waited
        for), and a database opened for nobody is closed."""
        if self._thread is not None:
            self._thread.join(wait_s)
        with self._lock:
            self._abandoned = True  # an opening still under way closes what it opens
            left = self.result if not self._taken else None
            if left is not None:
                self.result = None
        if left is not None:
            left.services.close()


def _tr(text: str) -> str:
    return QCoreApplication.translate("startup", text)


class StartupChecks:
    """Started right after the database opens; ``attach`` a window to report to."""

    def __init__(self, services: Services) -> None:
        self.report: StartupReport | None = None
        self.error: BaseException | None = None
        self._window: QMainWindow | None = None
        run_in_background(services.after_start, self._done, self._failed, upkeep=True)

    @property
    def finished(self) -> bool:
        return self.report is not None or self.error is not None

    def attach(self, window: QMainWindow) -> None:
        self._window = window
        if self.finished:
            self._show()
        else:
            window.statusBar().showMessage(_tr("Checking the database in the background…"))

    def _done(self, report: StartupReport) -> None:
        self.report = report
        self._show()

    def _failed(self, exc: BaseException) -> None:
        log.error("Start-up check failed: %s", exc)
        self.error = exc
        self._show()

    def _show(self) -> None:
        window = self._window
        if window is None:
            return
        bar = window.statusBar()
        if self.report is not None:
            seconds = f"{self.report.checked_s:.1f}".replace(".", ",")
            bar.showMessage(
                _tr("Database checked: no damage found (%1 s).").replace("%1", seconds), 15_000
            )
            return
        exc = self.error
        # Plain words; the technical detail is in the log.
        message = message_for(exc) if exc is not None else ""
        bar.showMessage(_tr("The database is damaged: nothing can be saved."))
        QMessageBox.critical(window, _tr("The database is damaged"), message)
