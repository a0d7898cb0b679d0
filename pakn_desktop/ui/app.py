"""Starting the window: exception hook, translations, database, main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.exc import SQLAlchemyError

from pakn_desktop import __version__
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.wording import file_problem
from pakn_desktop.resources import resource_path
from pakn_desktop.services.paths import data_dir, may_create
from pakn_desktop.services.views import Actor

from .i18n import install_translator
from .wheel_guard import install_wheel_guard

log = logging.getLogger("pakn_desktop")


def log_file() -> Path:
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "pakn-desktop.log"


def install_exception_hook() -> None:
    """An unexpected error is logged and shown in plain words; the window stays open, so the
    person loses nothing they typed."""
    logging.basicConfig(
        filename=log_file(), level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s"
    )
    if os.name == "posix" and log_file().exists():
        os.chmod(log_file(), 0o600)  # the log names people and cases: the owner's only

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("Unhandled error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        if QApplication.instance() is None:
            sys.__excepthook__(kind, exc, tb)
            return
        message = (
            exc.message
            if isinstance(exc, PaknError)
            else QCoreApplication.translate(
                "app",
                "Something unexpected went wrong. What you typed is still in the window. "
                "The details were written to %1.",
            ).replace("%1", str(log_file()))
        )
        QMessageBox.warning(None, QCoreApplication.translate("app", "Error"), message)

    sys.excepthook = hook


# Long enough for the log-in window to be painted first (its show and first paint take a
# few event-loop turns), short against the time a person takes to type a password.
WARM_UP_MS = 150


def warm_up_main_window() -> None:
    """Import the main window's modules (every page's, the case editor's) ahead of need: run
    once the log-in window is up, so the window after log-in is only built, not imported."""
    import importlib

    importlib.import_module("pakn_desktop.ui.main_window")


def run(args: argparse.Namespace) -> int:
    QCoreApplication.setOrganizationName("PAKN Desktop")
    QCoreApplication.setApplicationName("pakn-desktop")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if isinstance(app, QApplication):
        app.setWindowIcon(QIcon(str(resource_path("icons", "pakn.png"))))
    install_wheel_guard(app)  # a wheel changes no input without focus, in every window
    install_exception_hook()
    from .stalls import watch

    watch(app)  # lives as the app's child: each stall over 200 ms is logged with its cause
    lang = args.lang or str(QSettings().value("ui/language", "vi"))
    install_translator(app, lang)
    QLocale.setDefault(
        QLocale(QLocale.Language.Vietnamese if lang == "vi" else QLocale.Language.English)
    )

    from pakn_desktop.services import Services

    try:
        services = Services.open(args.db, create=may_create(args.db), defer_checks=True)
    except (SQLAlchemyError, PaknError, OSError) as exc:
        log.exception("Cannot open the database")
        # Our own errors say it in plain words; anything else (SQLAlchemy's English, its SQL)
        # stays in the log, and the person is told where it is and whom to ask.
        if isinstance(exc, PaknError):
            detail = exc.message
        elif isinstance(exc, OSError):
            detail = file_problem(exc)
        else:
            detail = QCoreApplication.translate(
                "app",
                "The technical details were written to the log file %1. Please tell the "
                "system administrator.",
            ).replace("%1", str(log_file()))
        QMessageBox.critical(
            None,
            QCoreApplication.translate("app", "Cannot open the database"),
            QCoreApplication.translate(
                "app", "The database could not be opened. Nothing was changed.\n\n%1"
            ).replace("%1", detail),
        )
        return 2

    # Nobody works without logging in: the first start makes the administrator. Only what
    # the log-in needs is imported before it shows; the main window's modules (every page,
    # the case editor) are imported once the log-in is up, while the person types.
    from .login import FirstAdminDialog, LoginDialog, Session
    from .startup import StartupChecks

    checks = StartupChecks(services)  # what grows with the database runs in the background

    actor = None
    if services.office.needs_setup() and services.accounts.needs_first_admin():
        from .first_run import FirstRunWizard

        wizard = FirstRunWizard(services)
        wizard.exec()
        actor = wizard.admin
    if actor is None and services.accounts.needs_first_admin():
        first = FirstAdminDialog(services)
        if first.exec() != FirstAdminDialog.DialogCode.Accepted:
            services.close()
            return 0
        actor = first.actor
    if actor is None:
        login = LoginDialog(services, args.user or "")
        QTimer.singleShot(WARM_UP_MS, warm_up_main_window)
        if login.exec() != LoginDialog.DialogCode.Accepted or login.actor is None:
            services.close()
            return 0
        actor = login.actor
    if services.office.needs_setup() and actor.has("admin"):
        from .first_run import FirstRunWizard

        FirstRunWizard(services, actor=actor).exec()
    from .main_window import MainWindow

    log.info("Logged in: account %s", actor.id)  # never the password
    windows: list[MainWindow] = []

    def open_window(who: Actor) -> None:
        window = MainWindow(services, who)
        window.session = Session(window, services, who, open_window)  # type: ignore[attr-defined]
        windows.append(window)
        window.show()
        checks.attach(window)  # the background checks report to the window in front

    open_window(actor)
    code = app.exec()
    services.close()
    return int(code)
