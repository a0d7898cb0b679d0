"""The start-up work that grows with the database, run in the background as soon as the
database is open, while the window is built and shown: the whole-file check, the planner's
statistics and the calendar sync (``Services.after_start``). The result goes to the window's
status bar; a damaged file is shown with the restore guidance and keeps refusing every write
(nothing is written before the verdict either: writes wait for it)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox

from pakn_desktop.services import Services, StartupReport

from .workers import message_for, run_in_background

log = logging.getLogger("pakn_desktop")


def _tr(text: str) -> str:
    return QCoreApplication.translate("startup", text)


class StartupChecks:
    """Started right after the database opens; ``attach`` a window to report to."""

    def __init__(self, services: Services) -> None:
        self.report: StartupReport | None = None
        self.error: BaseException | None = None
        self._window: QMainWindow | None = None
        run_in_background(services.after_start, self._done, self._failed)

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
