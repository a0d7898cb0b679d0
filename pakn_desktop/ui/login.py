"""Logging in: the login dialog before the main window, the first administrator, the screen
lock after an idle time, "Đổi người dùng" and changing one's own password.

The window only reflects the roles (hides what a person may not use); the services refuse
whatever the roles do not allow. Locking hides the windows and asks the same person's
password again; nothing typed is lost."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid as shiboken_alive

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.permissions import Permission

from .unsaved import HoldsTyping, holders_in, settle_all
from .window_sizes import remember_size
from .workers import run_in_background

if TYPE_CHECKING:  # the log-in window shows before the services are loaded (ui/app.py)
    from pakn_desktop.services import Services
    from pakn_desktop.services.audit import Verification
    from pakn_desktop.services.views import Actor

ERROR_STYLE = "color:#b00020;"
NOTE_STYLE = "color:#555555;"


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(256)
    return edit


class FirstAdminForm(QWidget):
    """The first administrator's account: asked once, by the first-run wizard (or at start
    when an office has no administrator who can log in)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.login = QLineEdit("admin")
        self.full_name = QLineEdit("Quản trị hệ thống")
        self.password = _password_edit()
        self.confirm = _password_edit()
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        hint = QLabel(
            self.tr(
                "The administrator creates the accounts of the office. "
                "Choose a password of at least 10 characters and keep it safe."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(self.tr("User name"), self.login)
        form.addRow(self.tr("Full name"), self.full_name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.confirm)
        form.addRow(self.error)

    def check(self) -> bool:
        """The typed values as the account will need them; says what is wrong here and
        returns False (nothing is made yet)."""
        try:
            if self.password.text() != self.confirm.text():
                raise PaknError("Hai lần nhập mật khẩu không khớp nhau.")
            self._services.accounts.check_first_admin(
                self.login.text(), self.full_name.text(), self.password.text()
            )
        except PaknError as exc:
            self.error.setText(exc.message)
            return False
        self.error.clear()
        return True

    def create_admin(self) -> Actor:
        """Raises PaknError with a Vietnamese message; the typed names stay."""
        if self.password.text() != self.confirm.text():
            raise PaknError("Hai lần nhập mật khẩu không khớp nhau.")
        return self._services.accounts.create_first_admin(
            self.login.text(), self.full_name.text(), self.password.text()
        )


class FirstAdminDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("PAKN Desktop — first administrator"))
        self.form = FirstAdminForm(services)
        self.actor: Actor | None = None
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.form)
        lay.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.actor = self.form.create_admin()
        except PaknError as exc:
            self.form.error.setText(exc.message)
            return
        super().accept()


class LoginDialog(QDialog):
    """User name and password; a failure says why (wrong password, locked, deactivated) and
    keeps the user name.

    At start-up the window shows before the database is open (``services`` None): the person
    types meanwhile; ``database_ready`` hands the services over (a log-in asked for before
    then goes on by itself), ``database_failed`` says why the database cannot be opened, keeps
    what was typed, and the log-in button then tries again (``retry_requested``)."""

    retry_requested = Signal()
    first_painted = Signal()  # the window is on the screen: the start-up's work may begin
    # The database turned out to need the first-run wizard or a first administrator: start-up
    # goes on there instead (nobody can log in yet).
    NEEDS_SETUP = 2

    def __init__(
        self, services: Services | None, username: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._waiting = False  # "Log in" was pressed before the database was open
        self._failed = False  # the database could not be opened (the button tries again)
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("PAKN Desktop — log in"))
        self.username = QLineEdit(username)
        self.username.setMaxLength(64)
        self.password = _password_edit()
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.title = QLabel()
        self.title.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Log in"))
        self.exit = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.exit.setText(self.tr("Exit"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.setMinimumWidth(420)
        (self.password if username else self.username).setFocus()
        self._painted = False
        if services is None:
            self.title.setText("<b>PAKN Desktop</b>")
            self._note(self.tr("Opening the database…"))
            # Should the window never be painted (hidden, minimised), the work starts anyway.
            QTimer.singleShot(300, self._was_painted)
        else:
            self._show_office(services.office.details().agency_short)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            # After this paint reaches the screen, not before it.
            QTimer.singleShot(0, self._was_painted)

    def _was_painted(self) -> None:
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    @property
    def database_open(self) -> bool:
        return self._services is not None

    @property
    def open_failed(self) -> bool:
        """The database could not be opened (the last try said why)."""
        return self._failed

    def _show_office(self, office: str) -> None:
        self.title.setText(f"<b>{office}</b>")

    def _note(self, text: str) -> None:
        self.message.setStyleSheet(NOTE_STYLE)
        self.message.setText(text)

    def _error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)

    def database_ready(self, services: Services, office: str) -> None:
        """The database is open: a log-in asked for meanwhile goes on now."""
        self._services = services
        self._failed = False
        self._show_office(office)
        self.message.clear()
        self.ok.setText(self.tr("Log in"))
        if self._waiting:
            self._waiting = False
            self._log_in()

    def database_failed(self, message: str) -> None:
        """The database could not be opened: why, in plain words; what was typed stays, and
        the log-in button tries again."""
        self._failed = True
        self._waiting = False
        self._error(message)
        self.ok.setText(self.tr("Try again"))

    def needs_setup(self) -> None:
        """Nobody can log in yet (a new office): start-up goes on to the first-run wizard."""
        self._waiting = False
        self.done(self.NEEDS_SETUP)

    def accept(self) -> None:
        if self._services is None:
            self._waiting = True
            if self._failed:
                self._failed = False
                self.ok.setText(self.tr("Log in"))
                self._note(self.tr("Opening the database again…"))
                self.retry_requested.emit()
            else:
                self._note(
                    self.tr("Opening the database… you will be logged in as soon as it is open.")
                )
            return
        self._log_in()

    def _log_in(self) -> None:
        assert self._services is not None
        try:
            self.actor = self._services.accounts.authenticate(
                self.username.text(), self.password.text()
            )
        except PaknError as exc:
            self._error(exc.message)
            self.password.clear()
            self.password.setFocus()
            return
        self.password.clear()
        super().accept()


class UnlockDialog(QDialog):
    """The screen is locked: the same person's password, or log out to switch user."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        unsaved: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        # What the locked person left typed and not saved (names: «PAKN …», «Cài đặt»).
        self._unsaved = list(unsaved or [])
        self.switch_requested = False
        self.setWindowTitle(self.tr("PAKN Desktop — locked"))
        info = QLabel(
            self.tr("The screen was locked. Type the password of %1 to go on.").replace(
                "%1", actor.name
            )
        )
        info.setWordWrap(True)
        self.password = _password_edit()
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        unlock = QPushButton(self.tr("Unlock"))
        unlock.setDefault(True)
        unlock.clicked.connect(self.accept)
        self.switch_button = QPushButton(self.tr("Switch user"))
        self.switch_button.clicked.connect(self._switch)
        lay = QVBoxLayout(self)
        lay.addWidget(info)
        lay.addWidget(self.password)
        lay.addWidget(self.message)
        lay.addWidget(unlock)
        lay.addWidget(self.switch_button)
        self.setMinimumWidth(400)

    def _switch(self) -> None:
        """Another person takes the desk. What the locked person typed and did not save
        cannot be saved in their name by someone else: it would be dropped, so the question
        comes first, «Quay lại» its default (the locked person can unlock and save)."""
        if self._unsaved and not self._drop_unsaved_asked():
            return
        self.switch_requested = True
        super().accept()

    def _drop_unsaved_asked(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Switch user"),
            self.tr(
                "%1 has changes that are not saved: %2. Switching user from the locked screen "
                "drops them (nobody else may save them in %1's name). To keep them, %1 types "
                "the password, unlocks and saves."
            )
            .replace("%1", self._actor.name)
            .replace("%2", ", ".join(self._unsaved)),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("drop_unsaved_question")
        drop = box.addButton(
            self.tr("Drop the changes and switch user"), QMessageBox.ButtonRole.DestructiveRole
        )
        back = box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is drop

    def accept(self) -> None:
        try:
            self._services.accounts.verify_password(self._actor, self.password.text())
        except PaknError as exc:
            self.message.setText(exc.message)
            self.password.clear()
            return
        self.password.clear()
        super().accept()

    def reject(self) -> None:
        """Escape does not unlock."""


class ChangePasswordDialog(QDialog):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.setWindowTitle(self.tr("Change my password"))
        self.old = _password_edit()
        self.new = _password_edit()
        self.confirm = _password_edit()
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Current password"), self.old)
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("New password again"), self.confirm)
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        try:
            if self.new.text() != self.confirm.text():
                raise PaknError("Hai lần nhập mật khẩu mới không khớp nhau.")
            self._services.accounts.change_own_password(
                self._actor, self.old.text(), self.new.text()
            )
        except PaknError as exc:
            self.message.setText(exc.message)
            return
        super().accept()


# Pages of the main window (its PAGE_KEYS) and the permissions that show each.
PAGE_PERMISSIONS: tuple[tuple[str, tuple[Permission, ...]], ...] = (
    ("intake", (Permission.RECEIVE,)),
    ("inbox", (Permission.VIEW_CASES,)),
    ("queue", (Permission.VIEW_CASES,)),
    ("lookup", (Permission.LOOKUP,)),
    ("statistics", (Permission.STATISTICS,)),
    ("register", (Permission.ISSUE_LETTERS, Permission.ISSUE_RECEIPT)),
    (
        "settings",
        (
            Permission.OFFICE_SETTINGS,
            Permission.CALENDAR,
            Permission.TEMPLATES,
            Permission.MANAGE_UNITS,
        ),
    ),
)


def may_see_page(services: Services, actor: Actor, key: str) -> bool:
    """Whether ``actor`` may use the window's page ``key`` (one of its PAGE_KEYS)."""
    needed = next((perms for name, perms in PAGE_PERMISSIONS if name == key), ())
    return not needed or any(services.guard.scope(actor, p) for p in needed)


def reflect_roles(window: QMainWindow, services: Services, actor: Actor) -> list[str]:
    """Hide the pages of the window the person may not use; returns the hidden ones."""
    hidden: list[str] = []
    nav = getattr(window, "nav", None)
    stack = getattr(window, "stack", None)
    if nav is None or stack is None:
        return hidden
    page_key = getattr(window, "page_key", None)
    first_visible = None
    for i in range(stack.count()):
        # By the page's key, not the page itself: pages are built on first use, and asking
        # for one here would build every page at start-up.
        key = page_key(i) if page_key is not None else None
        allowed = key is None or may_see_page(services, actor, key)
        item = nav.item(i)
        if item is not None:
            item.setHidden(not allowed)
        if not allowed:
            hidden.append(stack.widget(i).objectName() or str(i))
        elif first_visible is None:
            first_visible = i
    if first_visible is not None and nav.item(nav.currentRow()) is not None:
        current = nav.item(nav.currentRow())
        if current is not None and current.isHidden():
            nav.setCurrentRow(first_visible)
    may_backup = services.guard.scope(actor, Permission.BACKUPS) is not None
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for a in menu.actions():  # type: ignore[attr-defined]
            if a.objectName() == "backup":
                a.setEnabled(a.isEnabled() and may_backup)
    return hidden


class Session(QObject):
    """The logged-in person's session on a main window: the account menu, the idle lock
    and switching user. ``switch`` builds the window for another person."""

    def __init__(
        self,
        window: QMainWindow,
        services: Services,
        actor: Actor,
        switch: Callable[[Actor], None] | None = None,
        idle_minutes: int | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.actor = actor
        self._switch = switch
        self.locked = False
        minutes = idle_minutes if idle_minutes is not None else services.office.idle_lock_minutes()
        self.idle_seconds = max(60, minutes * 60)
        self.last_activity = time.monotonic()
        menu = window.menuBar().addMenu(self.tr("&Account"))
        self.lock_action = QAction(self.tr("Lock the screen"), window)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.switch_action = QAction(self.tr("Switch user…"), window)
        self.switch_action.triggered.connect(self.switch_user)
        self.password_action = QAction(self.tr("Change my password…"), window)
        self.password_action.triggered.connect(self.change_password)
        for a in (self.lock_action, self.switch_action, self.password_action):
            menu.addAction(a)
            window.addAction(a)
        self.accounts_view: QWidget | None = None
        self.audit_view: QWidget | None = None
        self.chain_warning: QMessageBox | None = None
        if services.guard.scope(actor, Permission.MANAGE_ACCOUNTS):
            menu.addSeparator()
            accounts = QAction(self.tr("Accounts…"), window)
            accounts.triggered.connect(self.show_accounts)
            menu.addAction(accounts)
        if services.guard.scope(actor, Permission.AUDIT):
            audit = QAction(self.tr("Audit log…"), window)
            audit.triggered.connect(self.show_audit)
            menu.addAction(audit)
            # The start-up check of the chain, off the UI thread; only a failure is shown.
            run_in_background(services.audit.verify, self._chain_checked, lambda _e: None)
        reflect_roles(window, services, actor)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(15_000)
        self.timer.timeout.connect(self.check_idle)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
        ):
            self.last_activity = time.monotonic()
        return False

    def check_idle(self) -> None:
        if not self.locked and time.monotonic() - self.last_activity >= self.idle_seconds:
            self.lock()

    def lock(self) -> bool:
        """Hide every window of the app and ask the password again. Returns True when the
        same person unlocked (False when they chose to switch user)."""
        if self.locked:
            return False
        self.locked = True
        hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        # Read while the windows are still shown: what the person left typed, unsaved.
        unsaved = [
            w.unsaved_name()
            for w in holders_in(hidden)
            if isinstance(w, HoldsTyping) and w.has_unsaved_changes()
        ]
        for w in hidden:
            w.hide()
        dialog = UnlockDialog(self.services, self.actor, unsaved=unsaved)
        dialog.exec()
        self.locked = False
        self.last_activity = time.monotonic()
        if dialog.switch_requested:
            for w in hidden:
                if w is not self.window:
                    w.close()
            self.switch_user()
            return False
        for w in hidden:
            w.show()
        return True

    def switch_user(self) -> None:
        # Whoever logs in next does not see the previous person's screen behind the box.
        from_lock = not self.window.isVisible()
        # The person's typed changes are asked about once, before their windows go (from the
        # lock screen someone else may be at the desk: nothing is saved in their name).
        if not from_lock and not settle_all(self.window, holders_in(self._own_windows())):
            return
        hidden = [w for w in self._own_windows() if w.isVisible()]
        for w in hidden:
            w.hide()
        dialog = LoginDialog(self.services)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            if from_lock:
                self.window.show()
                self.lock()
            else:  # the same person changed their mind: back as it was
                for w in hidden:
                    w.show()
            return
        if dialog.actor.id == self.actor.id:
            for w in hidden:
                w.show()
            self.window.show()
            return
        for w in hidden:
            if w is not self.window and shiboken_alive(w):
                w.close()  # the previous person's own windows (a case, a list) go with them
        # This session ends: its idle timer must not lock the next person's window.
        self.stop()
        if self._switch is not None:
            self._switch(dialog.actor)
        self.window.close()

    def _own_windows(self) -> list[QWidget]:
        """The main window and the windows opened from it (case editors, lists, dialogs)."""
        own: list[QWidget] = []
        for w in QApplication.topLevelWidgets():
            if not shiboken_alive(w):
                continue
            p: QWidget | None = w
            while p is not None and p is not self.window:
                p = p.parentWidget()
            if p is self.window:
                own.append(w)
        return own

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self.services, self.actor, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            QMessageBox.information(
                self.window, self.tr("Change my password"), self.tr("Your password was changed.")
            )

    def show_accounts(self) -> QWidget:
        from .accounts import AccountsView

        self.accounts_view = AccountsView(self.services, self.actor)
        remember_size(self.accounts_view, "accounts", QSize(900, 640))
        self.accounts_view.show()
        return self.accounts_view

    def show_audit(self) -> QWidget:
        from .audit_view import AuditView

        self.audit_view = AuditView(self.services, self.actor)
        self.audit_view.show()
        return self.audit_view

    def _chain_checked(self, result: Verification) -> None:
        if result.ok:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Audit log"),
            self.tr("The audit log does not match its hash chain: %1").replace(
                "%1", result.message
            ),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.open()  # not blocking: the administrator reads it and goes on
        self.chain_warning = box

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
