"""Starting the window: exception hook, translations, the log-in window, database, main
window.

The log-in window comes first, with only Qt, itself and the translations loaded: the
services (SQLAlchemy, the tables) are loaded and the database opened on a thread of their own
behind it (``startup.DatabaseOpening``) while the person types. What goes wrong at the open is
said in that window, with what was typed kept. A newcomer's first start (no database file
yet) goes straight to the first-run wizard."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from pakn_desktop import __version__, background
from pakn_desktop.domain.errors import PaknError

# The application's folders and the database's address straight from where the services take
# them (services/paths.py re-exports them): importing pakn_desktop.services would load every
# service, and SQLAlchemy, before the log-in window.
from pakn_desktop.paths import data_dir, may_create, resolve_url
from pakn_desktop.resources import resource_path

from .i18n import install_translator
from .login import LoginDialog
from .startup import DatabaseOpening, Opened, StartupChecks
from .wheel_guard import install_wheel_guard

if TYPE_CHECKING:
    from pakn_desktop.services import Services
    from pakn_desktop.services.views import Actor

log = logging.getLogger("pakn_desktop")
# Set once the opening thread has loaded the main window behind the log-in window
# (warm_up_main_window), whether that went well or not.
MAIN_WINDOW_WARMED = threading.Event()


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


# The Qt classes the main window's pages, lists and case editor meet, besides those they
# import: PySide6 makes a class's Python type (and one Python enum per Qt enum in it: QStyle
# has 11) only when it is first met, such as when ``widget.style()`` or an event's handler
# first returns one. On the GUI thread that was 15-20 ms of the queue's first showing and
# 5-10 ms of its first painting (thread CPU, 2,000 cases). ``tests/ui/test_qt_types_made.py``
# walks the window and fails when it meets one not listed here. Made ahead: 2.3 MB, 18 ms.
QT_TYPES: dict[str, tuple[str, ...]] = {
    "QtCore": (
        "QBuffer",
        "QByteArray",
        "QChildEvent",
        "QDynamicPropertyChangeEvent",
        "QEventLoop",
        "QIODevice",
        "QIODeviceBase",
        "QKeyCombination",
        "QMetaMethod",
        "QTimerEvent",
        "QUrl",
    ),
    "QtGui": (
        "QActionEvent",
        "QChildWindowEvent",
        "QContextMenuEvent",
        "QDesktopServices",
        "QDragLeaveEvent",
        "QEnterEvent",
        "QExposeEvent",
        "QFileOpenEvent",
        "QFocusEvent",
        "QFontMetrics",
        "QGradient",
        "QHoverEvent",
        "QIconDragEvent",
        "QImage",
        "QInputMethodEvent",
        "QInputMethodQueryEvent",
        "QMouseEvent",
        "QMoveEvent",
        "QNativeGestureEvent",
        "QPagedPaintDevice",
        "QPaintEvent",
        "QPixmap",
        "QPlatformSurfaceEvent",
        "QPointerEvent",
        "QResizeEvent",
        "QScreen",
        "QScrollEvent",
        "QScrollPrepareEvent",
        "QShortcutEvent",
        "QSinglePointEvent",
        "QStatusTipEvent",
        "QTabletEvent",
        "QToolBarChangeEvent",
        "QTouchEvent",
        "QWhatsThisClickedEvent",
        "QWheelEvent",
        "QWindowStateChangeEvent",
    ),
    "QtWidgets": (
        "QAbstractItemDelegate",
        "QAbstractSlider",
        "QCalendarWidget",
        "QColorDialog",
        "QColumnView",
        "QCommandLinkButton",
        "QCommonStyle",
        "QDial",
        "QDockWidget",
        "QDoubleSpinBox",
        "QErrorMessage",
        "QFocusFrame",
        "QFontComboBox",
        "QFontDialog",
        "QGestureEvent",
        "QGraphicsItem",
        "QGraphicsLayoutItem",
        "QGraphicsObject",
        "QGraphicsSceneContextMenuEvent",
        "QGraphicsSceneDragDropEvent",
        "QGraphicsSceneEvent",
        "QGraphicsSceneHelpEvent",
        "QGraphicsSceneHoverEvent",
        "QGraphicsSceneMouseEvent",
        "QGraphicsSceneMoveEvent",
        "QGraphicsSceneResizeEvent",
        "QGraphicsSceneWheelEvent",
        "QGraphicsView",
        "QGraphicsWidget",
        "QKeySequenceEdit",
        "QLCDNumber",
        "QMdiArea",
        "QMdiSubWindow",
        "QMenuBar",
        "QProgressBar",
        "QRadioButton",
        "QRhiWidget",
        "QRubberBand",
        "QScrollBar",
        "QSizeGrip",
        "QSlider",
        "QSpacerItem",
        "QSpinBox",
        "QSplashScreen",
        "QSplitterHandle",
        "QStatusBar",
        "QStyle",
        "QStyleOption",
        "QStyleOptionViewItem",
        "QStyledItemDelegate",
        "QTabBar",
        "QTabWidget",
        "QTableWidget",
        "QTableWidgetItem",
        "QTextBrowser",
        "QTextEdit",
        "QTimeEdit",
        "QToolBar",
        "QToolBox",
        "QToolButton",
        "QTreeView",
        "QTreeWidget",
        "QTreeWidgetItem",
        "QUndoView",
        "QWidgetAction",
        "QWidgetItem",
        "QWizard",
        "QWizardPage",
    ),
}


def make_qt_types() -> None:
    """Make the Python types of QT_TYPES now (no Qt object is made: safe off the GUI
    thread). A name this PySide6 lacks is passed over."""
    import importlib

    for module, names in QT_TYPES.items():
        qt = importlib.import_module(f"PySide6.{module}")
        for name in names:
            getattr(qt, name, None)


def warm_up_main_window(services: Services | None = None) -> None:
    """Import the main window's modules (every page's, the case editor's) ahead of need: run
    on the opening thread once the database is open behind the log-in window (the services
    it imports are loaded by then), so the window after log-in is only built, not imported,
    and the log-in window, on the GUI thread, goes on answering meanwhile (on the GUI thread
    this import and the collection after it held the window 175 ms on PostgreSQL at
    1,000,000 cases). It makes no Qt object: safe off the GUI thread."""
    try:
        _warm_up_main_window(services)
    finally:
        MAIN_WINDOW_WARMED.set()


def _warm_up_main_window(services: Services | None) -> None:
    import gc
    import importlib

    importlib.import_module("pakn_desktop.ui.main_window")
    # The case editor's modules (and the letters' dialog it imports): 50-70 ms on the GUI
    # thread when the first case was opened before the editor's warm-up had run.
    importlib.import_module("pakn_desktop.ui.case_editor")
    make_qt_types()
    # What the first case opened needs, made here rather than on a worker beside the window
    # (its holidays' names held the interpreter's lock in long stretches: the first case
    # opened stalled 125-166 ms when the editor's warm-up had not run yet): the places'
    # tables (36 ms, 2.5 MB) and the holidays' names (190 ms).
    from pakn_desktop.domain import calendar, places

    for province in places.provinces():
        places.communes(province.code)
    places.commune(0)
    calendar.load_national_holidays()
    if services is not None:
        # The editor head's statements compiled (the first case opened paid 20-50 ms of the
        # GUI thread for it); a failure here is the first case's to meet and report.
        from pakn_desktop.services.editor_reads import EditorReads

        try:
            EditorReads(services).compile_ahead()
        except Exception:
            log.warning("Reading a case ahead of the log-in failed", exc_info=True)
    # Everything loaded for good by now: the collector's full passes skip it from here on
    # (stalls.settle_long_lived, without its full pass first: on any thread that pass holds
    # the interpreter's lock, and the log-in window with it, 218 ms at load 7 to free the
    # 810 objects the opening left behind at 100,000 cases; those few stay).
    gc.freeze()


def open_failure_message(exc: BaseException) -> str:
    """Why the database could not be opened, in plain words. Our own errors say it
    themselves; anything else (SQLAlchemy's English, its SQL) stays in the log, and the person
    is told where it is and whom to ask."""
    if isinstance(exc, PaknError):
        detail = exc.message
    elif isinstance(exc, OSError):
        from pakn_desktop.domain.wording import file_problem

        detail = file_problem(exc)
    else:
        detail = QCoreApplication.translate(
            "app",
            "The technical details were written to the log file %1. Please tell the "
            "system administrator.",
        ).replace("%1", str(log_file()))
    from pakn_desktop.domain.wording import NOTHING_CHANGED

    if NOTHING_CHANGED in detail:  # the store's own message says so: not twice
        return QCoreApplication.translate("app", "The database could not be opened.\n\n%1").replace(
            "%1", detail
        )
    return QCoreApplication.translate(
        "app", "The database could not be opened. Nothing was changed.\n\n%1"
    ).replace("%1", detail)


def first_start(url: str | None) -> bool:
    """A newcomer's first start: the database is an SQLite file not made yet, in a folder that
    exists. Nobody can log in to it, so start-up goes straight to the first-run wizard."""
    resolved = resolve_url(url)
    if not resolved.startswith("sqlite:///"):
        return False
    file = Path(resolved[len("sqlite:///") :].partition("?")[0])
    return not file.exists() and may_create(url)


@dataclass
class Started:
    """The person is logged in: the open database, who they are, the background checks."""

    services: Services
    actor: Actor
    checks: StartupChecks


def _open_now(url: str | None) -> Opened | None:
    """A first start: the database is made before the wizard (no window to wait behind)."""
    from .startup import open_services

    try:
        return open_services(url)
    except Exception as exc:
        log.exception("Cannot open the database")
        QMessageBox.critical(
            None,
            QCoreApplication.translate("app", "Cannot open the database"),
            open_failure_message(exc),
        )
        return None


def _first_account(opened: Opened) -> Actor | None:
    """A new office: the first-run wizard makes the administrator (or, when the office is set
    up but nobody can log in, the first-administrator dialog). None: the person left."""
    services = opened.services
    if opened.needs_setup and opened.needs_first_admin:
        from .first_run import FirstRunWizard

        wizard = FirstRunWizard(services)
        wizard.exec()
        if wizard.admin is not None:
            return wizard.admin
    if services.accounts.needs_first_admin():
        from .login import FirstAdminDialog

        first = FirstAdminDialog(services)
        if first.exec() != FirstAdminDialog.DialogCode.Accepted:
            return None
        return first.actor
    return None


def log_in(args: argparse.Namespace) -> Started | int:
    """From launch to a logged-in person: the log-in window at once, the database opened behind
    it (or, on a first start, the first-run wizard). An exit code when the person leaves: 0,
    or 2 when the database could not be opened."""
    if first_start(args.db):
        opened = _open_now(args.db)
        if opened is None:
            return 2
        checks = StartupChecks(opened.services)
        actor = _first_account(opened)
        if actor is None:
            return _leave(opened, 0)
        return Started(opened.services, actor, checks)

    login = LoginDialog(None, args.user or "")
    opening = DatabaseOpening(args.db, then=warm_up_main_window)
    state: dict[str, StartupChecks] = {}

    def opened_(opened: Opened) -> None:
        # What grows with the database (the whole-file check) starts at once, in the
        # background, while the person types.
        state["checks"] = StartupChecks(opened.services)
        if opened.needs_first_admin:
            login.needs_setup()
            return
        login.database_ready(opened.services, opened.office)
        # The main window's modules (every page, the case editor) are loaded meanwhile by the
        # opening thread (warm_up_main_window), so the window after the log-in is only built.

    def failed(exc: BaseException) -> None:
        login.database_failed(open_failure_message(exc))

    opening.opened.connect(opened_)
    opening.failed.connect(failed)
    login.retry_requested.connect(opening.start)
    login.first_painted.connect(opening.start)  # the window is up before the work starts
    code = login.exec()
    # A late answer of the opening reaches nobody now (the database it opened is closed below).
    opening.opened.disconnect(opened_)
    opening.failed.disconnect(failed)
    logged_in = code in (LoginDialog.DialogCode.Accepted, LoginDialog.NEEDS_SETUP)
    opened = opening.take() if logged_in else None
    if opened is None:  # the person left (an opening under way is not waited for long)
        opening.abandon()
        return 2 if login.open_failed else 0
    checks = state["checks"]
    if code == LoginDialog.NEEDS_SETUP:
        actor = _first_account(opened)
        if actor is None:
            return _leave(opened, 0)
        return Started(opened.services, actor, checks)
    assert login.actor is not None
    return Started(opened.services, login.actor, checks)


def _leave(opened: Opened, code: int) -> int:
    opened.services.close()
    return code


def run(args: argparse.Namespace) -> int:
    QCoreApplication.setOrganizationName("PAKN Desktop")
    QCoreApplication.setApplicationName("pakn-desktop")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if isinstance(app, QApplication):
        app.setWindowIcon(QIcon(str(resource_path("icons", "pakn.png"))))
    install_wheel_guard(app)  # a wheel changes no input without focus, in every window
    install_exception_hook()
    from .stalls import hand_over_quickly, hold_background_on_input

    hand_over_quickly()  # the GUI thread does not wait 5 ms for a worker at each call
    hold_background_on_input(app)  # the warm-ups rest while the person works
    # ... and what they build is left out of full collections, while this window runs (a
    # process that goes on afterwards, a test's, is not left freezing its garbage).
    background.keep_builds_aside()
    # Cycles of garbage are collected on this thread only: a widget freed by the collector
    # on a worker was destroyed in the wrong thread and crashed the process (ui/collector.py).
    from .collector import GuiCollector

    collector = GuiCollector(app).start()
    try:
        return _run_window(app, args)
    finally:
        collector.stop()
        background.keep_builds_aside(False)


def _run_window(app: QCoreApplication, args: argparse.Namespace) -> int:
    from .stalls import watch

    watch(app)  # lives as the app's child: each stall over 200 ms is logged with its cause
    lang = args.lang or str(QSettings().value("ui/language", "vi"))
    install_translator(app, lang)
    QLocale.setDefault(
        QLocale(QLocale.Language.Vietnamese if lang == "vi" else QLocale.Language.English)
    )

    started = log_in(args)
    if isinstance(started, int):
        return started
    services, actor, checks = started.services, started.actor, started.checks
    if services.office.needs_setup() and actor.has("admin"):
        from .first_run import FirstRunWizard

        FirstRunWizard(services, actor=actor).exec()
    from .login import Session
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
