"""The main window: Tiếp nhận, Việc cần xử lý, Danh sách PAKN, Tra cứu, Cài đặt, and a status
bar with the database, the user and live counts of overdue and due-soon cases."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QSettings, QSize, Qt, QThread, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)
from shiboken6 import isValid as shiboken_alive

from pakn_desktop import __version__, background
from pakn_desktop.domain.enums import DeadlineStatus
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.services import Services
from pakn_desktop.services.files import refuse_database_file
from pakn_desktop.services.filters import CaseFilter
from pakn_desktop.services.paths import data_dir
from pakn_desktop.services.views import Actor

from . import file_names
from .file_names import day_file_name
from .intake import IntakeForm_, forms_waiting
from .operations import cases_or_calendar, listen, run_op, stop_listening
from .queue_view import CaseListView
from .window_sizes import close_on_escape, remember_size
from .workers import Changes, Op, Progress, announce, message_for, run_in_background

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from pakn_desktop.services.backups import BroughtBack, Lost, RestoreResult
    from pakn_desktop.services.letters import IssuedLetter

    from .case_editor import CaseEditor
    from .lookup import LookupView
    from .register_view import RegisterView
    from .settings import SettingsView
    from .statistics import StatisticsView

# Pages other than the one in front, the case editor, printing and the exchange dialogs are
# imported when first used: start-up loads only what the first page needs.

REFRESH_MS = 60_000
# The routing suggestions' engines are built this long after the window first shows, off the
# GUI thread at the lowest priority: the first suggestion at the desk does not wait for them
# (35–80 s on a large office), and start-up does not wait either.
WARM_UP_AFTER_MS = 1_500
# ... and not until the person has not pressed, dragged or typed for this long (the case
# editor's own warm-up, short and resting between its parts: EDITOR_WARM_UP_QUIET_S).
WARM_UP_QUIET_S = 3.0
EDITOR_WARM_UP_QUIET_S = 1.0

log = logging.getLogger(__name__)

# The window's pages, in the order of the page list (Ctrl+1 … Ctrl+7).
PAGE_KEYS = ("intake", "inbox", "queue", "lookup", "statistics", "register", "settings")


class MainWindow(QMainWindow):
    def __init__(
        self, services: Services, actor: Actor, *, auto_backup: bool = True, warm_up: bool = True
    ) -> None:
        super().__init__()
        self._focused_once = False
        self.warm_up_op: Op[Any] | None = None
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.setInterval(WARM_UP_AFTER_MS)
        self._warm_timer.timeout.connect(self._warm_up)
        self._warm_up_wanted = warm_up
        self._editor_warmed = False
        self.services = services
        self.actor = actor
        self.setWindowTitle(self.tr("PAKN Desktop — receiving and answering citizens' feedback"))
        self.editors: dict[str, CaseEditor] = {}
        self._drilldowns: list[CaseListView] = []

        # Each page is built when first shown or asked for (the queue's first page, the
        # settings' calendar, the register, the dashboard all read the database): until then
        # an empty widget holds its place in the stack, so start-up builds only the page in
        # front.
        self._factories: dict[str, Callable[[], QWidget]] = {
            "intake": self._make_intake,
            "inbox": lambda: self._make_list("inbox", services.case_reads.inbox_filter(actor)),
            "queue": lambda: self._make_list("queue", CaseFilter(open_only=True)),
            "lookup": self._make_lookup,
            "statistics": self._make_statistics,
            "register": self._make_register,
            "settings": self._make_settings,
        }
        self._built: dict[str, QWidget] = {}
        self._slots: dict[str, QWidget] = {key: QWidget() for key in PAGE_KEYS}

        self.nav = QListWidget()
        self.stack = QStackedWidget()
        labels = {
            "intake": self.tr("Intake"),
            "inbox": self.tr("Inbox"),
            "queue": self.tr("Queue"),
            "lookup": self.tr("Lookup"),
            "statistics": self.tr("Statistics"),
            "register": self.tr("Outgoing register"),
            "settings": self.tr("Settings"),
        }
        for key in PAGE_KEYS:
            self.nav.addItem(labels[key])
            self.stack.addWidget(self._slots[key])
        self.nav.setMaximumWidth(180)
        self.nav.setMinimumWidth(100)
        self.nav.currentRowChanged.connect(self._show_page)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        # The list of pages takes only the width of its longest name.
        self.splitter.setSizes([min(self.nav.sizeHintForColumn(0) + 24, 180), 1200])
        self.setCentralWidget(self.splitter)

        for i, key in enumerate(PAGE_KEYS):  # Ctrl+1 … Ctrl+7, one for every page
            # Its text is what Trợ giúp → Phím tắt lists for it.
            act = QAction(self.tr("Go to the page «%1»").replace("%1", labels[key]), self)
            act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _c=False, i=i: self.nav.setCurrentRow(i))
            self.addAction(act)
        from .portal_import import add_exchange_menu  # portal, email, national system, publish

        add_exchange_menu(self)
        print_today = QAction(self.tr("Print all letters issued today…"), self)
        print_today.triggered.connect(self.print_todays_letters)
        self.menuBar().addMenu(self.tr("&Letters")).addAction(print_today)
        backup_menu = self.menuBar().addMenu(self.tr("&Backup"))
        backup_now = QAction(self.tr("Back up now"), self)
        backup_now.triggered.connect(self.backup_now)
        choose = QAction(self.tr("Choose the backup folder…"), self)
        choose.triggered.connect(self.choose_backup_folder)
        restore = QAction(self.tr("Restore from a backup…"), self)
        restore.triggered.connect(self.restore_backup)
        for action in (backup_now, choose, restore):
            action.setObjectName("backup")  # ui.login.reflect_roles: administrators only
            backup_menu.addAction(action)
            action.setEnabled(services.backups.available)
        person = QAction(self.tr("Personal data of one person…"), self)
        person.setObjectName("personal_data")
        person.triggered.connect(self.open_person_data)
        data_menu = self.menuBar().addMenu(self.tr("&Data"))
        data_menu.addAction(person)
        # Administrators only: for anyone else the menu is not there at all.
        data_menu.menuAction().setVisible(
            services.guard.scope(actor, Permission.PERSONAL_DATA) is not None
        )
        guide = QAction(self.tr("User guide"), self)
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(lambda: self.open_guide())
        shortcuts = QAction(self.tr("Keyboard shortcuts"), self)
        shortcuts.triggered.connect(lambda: self.open_shortcuts())
        about = QAction(self.tr("About PAKN Desktop"), self)
        about.triggered.connect(self.about)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(guide)
        help_menu.addAction(shortcuts)
        help_menu.addSeparator()
        help_menu.addAction(about)
        self.help_actions = {"guide": guide, "shortcuts": shortcuts, "about": about}

        self.db_label = QLabel(self.tr("Database: %1").replace("%1", services.db.display_name))
        self.user_label = QLabel(self.tr("User: %1").replace("%1", actor.name))
        self.counts_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(self.user_label)

        # The counts follow every change to cases or deadlines, whoever made it; each list,
        # the dashboard, the register, the settings and the editors listen for their own.
        listen(self, cases_or_calendar, self.refresh_counts, while_hidden="now", skip_own=False)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh_counts)
        self.timer.start()
        # The status bar's counts read every open case: off the UI thread at start-up.
        self._counts_shown = False
        if self._may_count():
            run_in_background(
                lambda: services.case_reads.status_counts(CaseFilter(open_only=True), actor),
                self._first_counts,
                lambda _exc: None,  # the next refresh tries again
            )
        self.restore_layout()
        self._tell_reorganisation(services.office.reorganisation_notice(actor))
        # A form left by a session that ended without saving is set aside and offered back
        # now, whatever page is in front, as it always was.
        if "intake" not in self._built and forms_waiting() and self.intake.recovered_waiting:
            self.statusBar().showMessage(
                self.tr(
                    "An unsaved intake form from an earlier session is waiting on the Intake page."
                ),
                60_000,
            )
        if auto_backup and services.backups.available:
            # The day's automatic copy, off the UI thread; a failure is shown, not fatal.
            folder = self.backup_folder()
            run_op(
                None,
                lambda _p: services.backups.daily(folder, services.now().date()),
                success=self._daily_backup_done,
                failure=lambda exc: self.statusBar().showMessage(
                    self.tr("The daily backup failed: %1").replace("%1", message_for(exc)),
                    30_000,
                ),
                show_progress=False,
                upkeep=True,
            )

    def sizeHint(self) -> QSize:
        return QSize(1360, 860)

    # --- pages, built on first use ---------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page ``key`` (one of PAGE_KEYS), built now if it was not yet: it takes its
        placeholder's place in the stack and the page in front stays in front."""
        built = self._built.get(key)
        if built is not None:
            return built
        widget = self._factories[key]()
        slot = self._slots.pop(key)
        current = self.stack.currentIndex()
        index = self.stack.indexOf(slot)
        self.stack.insertWidget(index, widget)
        self.stack.removeWidget(slot)
        slot.deleteLater()
        self.stack.setCurrentIndex(current)
        self._built[key] = widget
        return widget

    @staticmethod
    def page_key(row: int) -> str:
        return PAGE_KEYS[row]

    def built(self, key: str) -> QWidget | None:
        """The page ``key`` if it was built, else None (nothing is built)."""
        return self._built.get(key)

    def focus_page(self) -> None:
        """Put the keyboard in the page in front (its first field), not in the page list:
        after log-in the person types straight away."""
        page = self.stack.currentWidget()
        if page is None:
            return
        w = page.nextInFocusChain()
        while w is not None and w is not page:
            if (
                page.isAncestorOf(w)
                and w.isVisibleTo(page)
                and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                w.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            w = w.nextInFocusChain()

    def _show_page(self, row: int) -> None:
        if 0 <= row < len(PAGE_KEYS):
            try:
                self.page(PAGE_KEYS[row])
            except BaseException:
                # The page could not be built (the error is shown): the page list goes back
                # to the page still in front, so the page can be picked again to retry.
                self.nav.setCurrentRow(self.stack.currentIndex())
                raise
        self.stack.setCurrentIndex(row)

    @property
    def intake(self) -> IntakeForm_:
        return cast(IntakeForm_, self.page("intake"))

    @property
    def inbox(self) -> CaseListView:
        return cast(CaseListView, self.page("inbox"))

    @property
    def queue(self) -> CaseListView:
        return cast(CaseListView, self.page("queue"))

    @property
    def lookup(self) -> LookupView:
        return cast("LookupView", self.page("lookup"))

    @property
    def statistics(self) -> StatisticsView:
        """The dashboard page, built on first use (its "today" list reads every open case)."""
        return cast("StatisticsView", self.page("statistics"))

    @property
    def _statistics(self) -> StatisticsView | None:
        return cast("StatisticsView | None", self._built.get("statistics"))

    @property
    def statistics_page(self) -> QWidget:
        """What the stack holds for the dashboard (for the page permissions), unbuilt or not."""
        return self._built.get("statistics") or self._slots["statistics"]

    @property
    def register_view(self) -> RegisterView:
        return cast("RegisterView", self.page("register"))

    @property
    def settings_view(self) -> SettingsView:
        return cast("SettingsView", self.page("settings"))

    def _make_intake(self) -> IntakeForm_:
        form = IntakeForm_(self.services, self.actor)
        form.open_case.connect(self.open_case)
        form.saved.connect(lambda code: announce(Changes.of_cases(code), form))
        intake_split = QSettings().value("intake/splitter")
        if intake_split is not None:
            form.splitter.restoreState(intake_split)
        return form

    def _make_list(self, name: str, f: CaseFilter) -> CaseListView:
        view = CaseListView(self.services, self.actor, name, f)
        view.open_case.connect(self.open_case)
        return view

    def _make_register(self) -> RegisterView:
        from .register_view import RegisterView

        return RegisterView(self.services, self.actor)

    def _make_settings(self) -> SettingsView:
        from .settings import SettingsView

        return SettingsView(self.services, self.actor)

    def _make_lookup(self) -> LookupView:
        from .lookup import LookupView

        view = LookupView(self.services, self.actor)
        view.open_case.connect(self.open_case)
        return view

    def _make_statistics(self) -> StatisticsView:
        from .statistics import StatisticsView  # charts and exports: loaded when opened

        view = StatisticsView(self.services, self.actor)
        view.open_case.connect(self.open_case)
        view.show_cases.connect(self.show_cases)
        return view

    def refresh(self) -> None:
        """The lists and the counts read again (the lists also hear changes themselves).
        A page not yet built reads the database when it is."""
        for key in ("inbox", "queue"):
            view = self._built.get(key)
            if isinstance(view, CaseListView):
                view.refresh()
        self.refresh_counts()

    def show_cases(self, f: CaseFilter, title: str) -> CaseListView:
        """The cases behind a number of the dashboard, in a list of their own."""
        view = CaseListView(self.services, self.actor, "drilldown", f, remember=False)
        view.setWindowTitle(self.tr("Cases: %1").replace("%1", title))
        view.setWindowFlag(Qt.WindowType.Window, True)
        view.setParent(self, Qt.WindowType.Window)
        view.open_case.connect(self.open_case)
        remember_size(view, "drilldown", QSize(1200, 700))
        close_on_escape(view)
        view.show()
        self._drilldowns.append(view)
        return view

    def refresh_counts(self) -> None:
        if not self._may_count():
            return  # an administrator's window: no case figures
        self._show_counts(
            self.services.case_reads.status_counts(CaseFilter(open_only=True), self.actor)
        )

    def _may_count(self) -> bool:
        return self.services.guard.scope(self.actor, Permission.VIEW_CASES) is not None

    def _tell_reorganisation(self, notice: str | None) -> None:
        """An administrator whose settings name a dissolved province or department is told
        once (the service remembers), without blocking the window."""
        if not notice:
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Office details to update"),
            notice,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("reorganisation_notice")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _first_counts(self, counts: dict[DeadlineStatus, int]) -> None:
        # Unless a refresh came first (fresher), or the window is already gone.
        if not self._counts_shown and shiboken_alive(self.counts_label):
            self._show_counts(counts)

    def _show_counts(self, counts: dict[DeadlineStatus, int]) -> None:
        self._counts_shown = True
        self.counts_label.setText(
            self.tr("Overdue: %1 · Due soon: %2")
            .replace("%1", str(counts[DeadlineStatus.OVERDUE]))
            .replace("%2", str(counts[DeadlineStatus.DUE_SOON]))
        )

    def open_case(self, code: str) -> CaseEditor:
        from .case_editor import CaseEditor

        editor = self.editors.get(code)
        if editor is None or not editor.isVisible():
            # The editor says itself which cases it changed (CaseEditor.tell_changed).
            editor = CaseEditor(self.services, self.actor, code, self)
            self.editors[code] = editor
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def print_todays_letters(self) -> Op[list[IssuedLetter]]:
        """Today's letters are gathered, then printed as one job, both off the GUI thread."""
        from .letters_ui import letters_issued_on

        today = self.services.now().date()
        return run_op(
            self,
            lambda _p: letters_issued_on(self.services, self.actor, today),
            success=lambda letters: self._print_letters(letters, today),
            label=self.tr("Gathering today's letters…"),
            title=self.tr("Print letters"),
        )

    def _print_letters(self, letters: list[IssuedLetter], today: date) -> Op[int] | None:
        if not letters:
            QMessageBox.information(
                self, self.tr("Print letters"), self.tr("No letter has been issued today.")
            )
            return None
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        # Also the name proposed when printing to a PDF file.
        printer.setDocName(day_file_name("Văn bản ban hành", today, "pdf")[: -len(".pdf")])
        if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
            return None
        return self.print_on(printer, letters)

    def print_on(self, printer: QPrinter, letters: list[IssuedLetter]) -> Op[int]:
        """Print ``letters`` on ``printer`` as one job, with progress and Cancel."""
        from .letters_ui import draw_pdf, end_print_job

        def work(progress: Progress) -> int:
            painter = QPainter()
            if not painter.begin(printer):
                raise PaknError("Không mở được máy in.")
            done = 0
            try:
                for i, letter in enumerate(letters):
                    if progress.cancelled:
                        break
                    progress.update(
                        i,
                        len(letters),
                        f"{letter.kind.label} {letter.number_text} {letter.case_code or ''}",
                    )
                    draw_pdf(printer, painter, letter.pdf, new_page_first=i > 0)
                    done += 1
            except BaseException:
                painter.end()
                raise
            end_print_job(printer, painter)  # handed to the printer, or said why not
            return done

        def printed(done: int) -> None:
            self.statusBar().showMessage(
                self.tr("Printed %1 of %2 letters.")
                .replace("%1", str(done))
                .replace("%2", str(len(letters))),
                10_000,
            )

        return run_op(
            self,
            work,
            success=printed,
            label=self.tr("Printing letters…"),
            title=self.tr("Print letters"),
            cancellable=True,
        )

    def _daily_backup_done(self, made: Path | None) -> None:
        if made is not None:
            self.statusBar().showMessage(
                self.tr("Daily backup written: %1").replace("%1", str(made)), 10_000
            )

    def backup_folder(self) -> Path:
        default = data_dir() / "backups"
        return Path(str(QSettings().value("backup/folder", str(default)) or default))

    def choose_backup_folder(self) -> None:
        folder = file_names.existing_directory(
            self,
            self.tr("Backup folder"),
            str(self.backup_folder()),
        )
        if folder:
            QSettings().setValue("backup/folder", folder)

    def backup_now(self) -> Op[Path]:
        folder = self.backup_folder()
        return run_op(
            self,
            lambda _p: self.services.backups.now(folder, self.actor),
            success=lambda path: self.statusBar().showMessage(
                self.tr("Backup written: %1").replace("%1", str(path)), 10_000
            ),
            label=self.tr("Backing up the database…"),
            title=self.tr("Backup failed"),
        )

    def restore_backup(self) -> QDialog:
        """The backups of the folder, each with its office, time, case count and newest
        code; "Another file…" opens the file dialog."""
        from .restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.services, self.actor, self.backup_folder(), self)
        dialog.accepted.connect(lambda: self._restore_chosen(dialog))
        dialog.open()
        return dialog

    def _restore_chosen(self, dialog: Any) -> None:
        if dialog.chosen is not None:
            self.restore_from(dialog.chosen)
            return
        name = file_names.open_file_name(
            self,
            self.tr("Restore from a backup"),
            str(self.backup_folder()),
            "SQLite (*.db)",
        )
        if not name:
            return
        try:
            refuse_database_file(name)  # the check would read its header: refused before
        except PaknError as exc:
            QMessageBox.warning(self, self.tr("Restore from a backup"), exc.message)
            return
        self.restore_from(Path(name))

    def restore_from(self, path: Path) -> Op[Any]:
        """Check the backup, ask, then replace the database: the checks and the copy run off
        the GUI thread; the window closes afterwards."""
        return run_op(
            self,
            lambda _p: self.services.backups.verify(path, self.actor),
            success=lambda checked: self._confirm_restore(path, checked.cases),
            label=self.tr("Checking the backup…"),
            title=self.tr("Cannot restore"),
        )

    def _confirm_restore(self, path: Path, cases: int) -> Op[Any] | None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restore from a backup"),
            self.tr(
                "Replace the current database with this backup (%1 cases)? The current file is "
                "kept beside it. The app closes afterwards; start it again."
            ).replace("%1", str(cases)),
            parent=self,
        )
        go = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole))
        box.exec()
        if box.clickedButton() is not go:
            return None

        def restored(done: RestoreResult) -> None:
            kept = done.kept or done.damaged or path
            if done.kept is not None and not done.lost.empty:
                self._offer_back(done.lost, done.kept)
                return
            QMessageBox.information(
                self,
                self.tr("Restored"),
                self.tr("Restored. The previous database was kept at %1.").replace("%1", str(kept)),
            )
            self.close()

        return run_op(
            self,
            lambda _p: self.services.backups.restore_details(path, self.actor),
            success=restored,
            label=self.tr("Restoring the database…"),
            title=self.tr("Cannot restore"),
            changes=Changes(cases=True, letters=True, office=True, calendar=True, people=True),
        )

    def _offer_back(self, lost: Lost, kept: Path) -> Op[Any] | None:
        """What the kept copy holds beyond the backup, offered back by code and number."""
        lines = [f"{c.code}  {c.title}" for c in lost.cases[:15]]
        lines += [f"{x.number} ({x.case_code})" for x in lost.letters[:15]]
        if len(lost.cases) + len(lost.letters) > len(lines):
            lines.append("…")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restored"),
            self.tr(
                "Restored. The previous database was kept at %1.\n\nIt holds %2 cases and %3 "
                "letters the backup does not have (done after the backup was taken). Bring "
                "them back into the register, with their history, letters and attachments?"
            )
            .replace("%1", str(kept))
            .replace("%2", str(len(lost.cases)))
            .replace("%3", str(len(lost.letters))),
            parent=self,
        )
        box.setDetailedText("\n".join(lines))
        box.setInformativeText(self.tr("Later: pakn bring-back %1").replace("%1", str(kept)))
        go = box.addButton(self.tr("Bring them back"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(go)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not go:
            self.close()
            return None

        def brought(done: BroughtBack) -> None:
            QMessageBox.information(
                self,
                self.tr("Brought back"),
                self.tr("Brought back %1 cases and %2 letters: %3")
                .replace("%1", str(len(done.cases)))
                .replace("%2", str(len(done.letters)))
                .replace("%3", ", ".join([*done.cases, *done.letters])),
            )
            self.close()

        return run_op(
            self,
            lambda _p: self.services.backups.bring_back(kept, self.actor),
            success=brought,
            label=self.tr("Bringing the cases back…"),
            title=self.tr("Cannot bring the cases back"),
            changes=Changes(cases=True, letters=True),
        )

    def open_person_data(self) -> QDialog:
        """Dữ liệu của một người: find, export and anonymise (administrators)."""
        from .person_data import PersonDataDialog

        dialog = PersonDataDialog(self.services, self.actor, self)
        dialog.show()
        return dialog

    def open_guide(self) -> QDialog:
        """Trợ giúp → Hướng dẫn sử dụng: the guide, at the section of the person's role."""
        from .help import HelpWindow

        dialog = HelpWindow(self.actor.role, self)
        dialog.show()
        return dialog

    def open_shortcuts(self) -> QDialog:
        """Trợ giúp → Phím tắt: read from the window's own actions and shortcuts."""
        from .help import ShortcutsWindow, shortcut_rows

        dialog = ShortcutsWindow(shortcut_rows(self), self)
        dialog.show()
        return dialog

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About PAKN Desktop"),
            self.tr(
                "PAKN Desktop %1\nReceiving, classifying and answering citizens' feedback and "
                "recommendations within the legal working-day deadlines.\n\n"
                "Licence: GPL-3.0-or-later. Letters use Liberation Serif "
                "(SIL Open Font License 1.1) where Times New Roman is not installed."
            ).replace("%1", __version__),
        )

    # --- remembered between runs -------------------------------------------------------------
    def restore_layout(self) -> None:
        s = QSettings()
        remember_size(self, "main", self.sizeHint())
        splitter = s.value("main/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        try:
            page = int(str(s.value("main/page", 0) or 0))
        except ValueError:
            page = 0
        # The page used last, if this person may use it (the last person may have had other
        # roles), else their first page: a page they may not see is not built at all.
        from .login import may_see_page

        allowed = [
            i for i, key in enumerate(PAGE_KEYS) if may_see_page(self.services, self.actor, key)
        ]
        if page not in allowed:
            page = allowed[0] if allowed else 0
        self.nav.setCurrentRow(page)

    def save_layout(self) -> None:
        s = QSettings()
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/splitter", self.splitter.saveState())
        s.setValue("main/page", self.nav.currentRow())
        intake = self._built.get("intake")
        if isinstance(intake, IntakeForm_):
            s.setValue("intake/splitter", intake.splitter.saveState())
        for key in ("inbox", "queue"):
            view = self._built.get(key)
            if isinstance(view, CaseListView):
                view.save_state()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused_once:
            # The first time the window shows (after log-in): the keyboard in the page.
            self._focused_once = True
            self.activateWindow()
            self.focus_page()
            if self._warm_up_wanted:
                self._warm_timer.start()

    def _warm_up(self) -> None:
        """Build the routing engines in the background for those who get suggestions (front
        desk, heads); a failure is logged only: the first suggestion builds them then. Not
        while the person is pressing, dragging or typing (``pakn_desktop.background``): a
        warm-up's first steps (a module's import, the holidays' names) cannot rest, and a
        scroll-bar drag as they began stalled 170-320 ms at a million cases: they wait for a
        pause: the editor's (short, resting between its parts) of EDITOR_WARM_UP_QUIET_S, the
        routing's of WARM_UP_QUIET_S."""
        if not self._editor_warmed and background.quiet_for(EDITOR_WARM_UP_QUIET_S):
            self._editor_warmed = True
            self._warm_up_editor()
        if not background.quiet_for(WARM_UP_QUIET_S):
            self._warm_timer.start()
            return
        perms = (Permission.RECEIVE, Permission.CLASSIFY)
        if self.warm_up_op is not None or not any(
            self.services.guard.scope(self.actor, p) for p in perms
        ):
            return
        routing, actor = self.services.routing, self.actor

        def work(_p: Progress) -> int:
            thread = QThread.currentThread()
            before = thread.priority()
            thread.setPriority(QThread.Priority.LowestPriority)
            try:
                return routing.warm_up(actor)
            finally:
                # The pool's thread serves others next.
                if before is QThread.Priority.InheritPriority:
                    before = QThread.Priority.NormalPriority
                thread.setPriority(before)

        self.warm_up_op = run_op(
            None,
            work,
            success=lambda n: log.info("Routing engines ready (%s decided cases).", n),
            failure=lambda exc: log.warning("Routing warm-up failed: %r", exc),
            show_progress=False,
            upkeep=True,
        )

    def _warm_up_editor(self) -> None:
        """The case editor's module and its first-use work (``case_editor.warm_up``) on a
        worker: the first case opened then shows as fast as the next (issue 24)."""
        services, actor = self.services, self.actor

        def work(_p: Progress) -> None:
            background.rest()  # not while the person is using the window
            from . import case_editor, letters_ui  # noqa: F401  (letters: its first preview)

            case_editor.warm_up(services, actor)

        run_op(
            None,
            work,
            failure=lambda exc: log.warning("Case editor warm-up failed: %r", exc),
            show_progress=False,
            upkeep=True,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        intake = self._built.get("intake")
        if isinstance(intake, IntakeForm_):
            intake.autosave()
        self.save_layout()
        super().closeEvent(event)
        if event.isAccepted():
            self.timer.stop()
            stop_listening(self)
