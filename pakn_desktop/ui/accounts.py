"""The administrator's accounts view: create, edit roles, deactivate and reset passwords.

Every change goes through AccountService, which checks the administrator's role again and
records the change in the audit chain; the form keeps what was typed when a change is refused.
Esc and the window's X ask before typed changes are lost; deactivating asks first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.permissions import ROLE_ORDER
from pakn_desktop.services import Services
from pakn_desktop.services.accounts import AccountForm
from pakn_desktop.services.office import MAX_IDLE_MINUTES, MIN_IDLE_MINUTES
from pakn_desktop.services.views import Actor, UserView

from .confirm import confirm
from .operations import listen
from .unsaved import ask_before_closing, settle
from .workers import Changes, announce


class AccountsView(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._selected: UserView | None = None
        self._settling = False  # a question about the typed form is open
        self.setWindowTitle(self.tr("Accounts"))
        self.list = QTreeWidget()
        self.list.setHeaderLabels(
            [self.tr("User name"), self.tr("Full name"), self.tr("Roles"), self.tr("Status")]
        )
        self.list.setRootIsDecorated(False)
        self.list.itemSelectionChanged.connect(self._select)
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(200)
        self.title = QLineEdit()
        self.title.setMaxLength(100)
        self.unit = QComboBox()
        self.roles: dict[Role, QCheckBox] = {}
        roles_row = QHBoxLayout()
        for role in ROLE_ORDER:
            box = QCheckBox(role.label)
            self.roles[role] = box
            roles_row.addWidget(box)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("At least 10 characters"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Full name"), self.full_name)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Roles"), roles_row)
        form.addRow(self.tr("Password"), self.password)
        self.new_button = QPushButton(self.tr("New account"))
        self.new_button.clicked.connect(lambda: self.ask_then_new_account())
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.active_button.clicked.connect(lambda: self.confirm_toggle_active())
        self.reset_button = QPushButton(self.tr("Set the password"))
        self.reset_button.clicked.connect(self.reset_password)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.save_button, self.active_button, self.reset_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        # The idle lock of every desk's window (an office setting).
        self.idle = QSpinBox()
        self.idle.setRange(MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setValue(services.office.idle_lock_minutes())
        self._idle_shown = self.idle.value()
        self._settings_version = services.office.settings_version()
        idle_save = QPushButton(self.tr("Save"))
        idle_save.clicked.connect(self.save_idle)
        buttons.addWidget(QLabel(self.tr("Lock the screen after")))
        buttons.addWidget(self.idle)
        buttons.addWidget(idle_save)
        lay = QVBoxLayout(self)
        lay.addWidget(self.list, 1)
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.message)
        self.refresh()
        self.new_account()
        ask_before_closing(self)
        # Units and people added elsewhere (the settings' "Units and officials", another
        # administrator's window): the list and the units read again, what is typed kept.
        listen(self, lambda c: c.people, self.reread)

    def reread(self) -> None:
        """The accounts and units as stored now, the account shown and what is typed in its
        form kept (its version too: saving over another desk's change is refused); with
        nothing typed, the account shown as it is stored now."""
        typed, unit = self._form_changed(), self.unit.currentData()
        self.list.blockSignals(True)  # selecting the shown account again must not load it
        try:
            self.refresh()
        finally:
            self.list.blockSignals(False)
        self.unit.setCurrentIndex(max(self.unit.findData(unit), 0))
        if not typed and self._selected is not None:
            fresh = self._choose_silently(self._selected)
            if fresh is not None:
                self._load(fresh)

    def refresh(self) -> None:
        selected = self._selected.id if self._selected else None
        self.unit.clear()
        self.unit.addItem("—", None)
        for unit in self._services.office.units():
            self.unit.addItem(unit.name, unit.id)
        self.list.clear()
        for u in self._services.accounts.users(self._actor):
            roles = ", ".join(r.label for r in ROLE_ORDER if r.value in u.roles)
            if not u.active:
                status = self.tr("Deactivated")
            elif u.locked_until is not None and u.locked_until > self._services.now():
                status = self.tr("Locked until %1").replace("%1", f"{u.locked_until:%H:%M}")
            elif not u.has_password:
                status = self.tr("No password yet")
            else:
                status = self.tr("Active")
            item = QTreeWidgetItem([u.username, u.full_name, roles, status])
            item.setData(0, Qt.ItemDataRole.UserRole, u)
            self.list.addTopLevelItem(item)
            if u.id == selected:
                item.setSelected(True)
        for i in range(4):
            self.list.resizeColumnToContents(i)

    def _select(self) -> None:
        """Another account chosen in the list: the typed changes of the one shown are asked
        about first; «Quay lại» (or a refused save) keeps it chosen, with what was typed."""
        items = self.list.selectedItems()
        if not items or self._settling:
            return
        u: UserView = items[0].data(0, Qt.ItemDataRole.UserRole)
        switching = self._selected is None or u.id != self._selected.id
        if switching and self._form_changed():
            if not self._settle_form():
                self._choose_silently(self._selected)
                return
            chosen = self._choose_silently(u)  # the list may have been read again
            if chosen is None:
                return
            u = chosen
        self._load(u)

    def _form_changed(self) -> bool:
        return self._typed() != self._shown

    def _settle_form(self) -> bool:
        shown = self._selected
        name = (
            self.tr("The account «%1»").replace("%1", shown.username)
            if shown is not None
            else self.tr("The new account")
        )
        self._settling = True
        try:
            return settle(self, name, self.save)
        finally:
            self._settling = False

    def _choose_silently(self, target: UserView | None) -> UserView | None:
        """Select ``target``'s row (none for a new account) without loading it again."""
        found: UserView | None = None
        self.list.blockSignals(True)
        try:
            self.list.clearSelection()
            for i in range(self.list.topLevelItemCount()):
                item = self.list.topLevelItem(i)
                if item is None or target is None:
                    continue
                view: UserView = item.data(0, Qt.ItemDataRole.UserRole)
                if view.id == target.id:
                    self.list.setCurrentItem(item)
                    item.setSelected(True)
                    found = view
        finally:
            self.list.blockSignals(False)
        return found

    def _load(self, u: UserView) -> None:
        self._selected = u
        self.username.setText(u.username)
        self.username.setReadOnly(True)
        self.full_name.setText(u.full_name)
        self.title.setText(u.title)
        self.unit.setCurrentIndex(max(self.unit.findData(u.unit_id), 0))
        for role, box in self.roles.items():
            box.setChecked(role.value in u.roles)
        self.password.clear()
        self.active_button.setText(self.tr("Deactivate") if u.active else self.tr("Activate"))
        self.active_button.setEnabled(True)
        self.reset_button.setEnabled(True)
        self.message.clear()
        self._shown = self._typed()

    def ask_then_new_account(self) -> None:
        """The button: an empty form, once the typed changes of the one shown are settled."""
        if self._form_changed() and not self._settle_form():
            return
        self.new_account()

    def new_account(self) -> None:
        self._selected = None
        self.list.clearSelection()
        for w in (self.username, self.full_name, self.title, self.password):
            w.clear()
        self.username.setReadOnly(False)
        self.unit.setCurrentIndex(0)
        for box in self.roles.values():
            box.setChecked(False)
        self.active_button.setEnabled(False)
        self.reset_button.setEnabled(False)
        self._shown = self._typed()

    def _form(self) -> AccountForm:
        return AccountForm(
            self.username.text(),
            self.full_name.text(),
            frozenset(r for r, box in self.roles.items() if box.isChecked()),
            self.title.text(),
            self.unit.currentData(),
        )

    def _typed(self) -> tuple[AccountForm, str]:
        """The form as typed; a password counts only for a new account (for an existing one
        it is set with its own button, never by Save)."""
        return self._form(), self.password.text() if self._selected is None else ""

    # --- unsaved changes (ui/unsaved.py) --------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return self._typed() != self._shown or self.idle.value() != self._idle_shown

    def save_unsaved_changes(self) -> bool:
        saved = True
        if self._typed() != self._shown:
            saved = self.save()
        if saved and self.idle.value() != self._idle_shown:
            saved = self.save_idle()
        return saved

    def unsaved_name(self) -> str:
        return self.tr("The accounts window")

    def _done(self, user: UserView, text: str) -> None:
        """An account was changed here: shown, and the views that show people hear of it."""
        self._selected = user
        self.password.clear()
        self.refresh()
        self._shown = self._typed()
        self.message.setStyleSheet("")
        self.message.setText(text)
        announce(Changes(people=True), self)

    def _failed(self, exc: PaknError) -> None:
        self.message.setStyleSheet("color:#b00020;")
        self.message.setText(exc.message)

    def save(self) -> bool:
        try:
            if self._selected is None:
                user = self._services.accounts.create(
                    self._actor, self._form(), self.password.text() or None
                )
            else:
                user = self._services.accounts.edit(
                    self._actor,
                    self._selected.id,
                    self._form(),
                    expected_version=self._selected.version,
                )
        except PaknError as exc:
            self._failed(exc)
            return False
        self._done(user, self.tr("Saved."))
        return True

    def confirm_toggle_active(self) -> None:
        """The button: deactivating asks first, naming the account; activating does not."""
        u = self._selected
        if u is None:
            return
        if u.active and not confirm(
            self,
            self.tr("Deactivate the account"),
            self.tr(
                "Deactivate the account «%1» (%2)? This person can no longer log in until an "
                "administrator activates the account again."
            )
            .replace("%1", u.username)
            .replace("%2", u.full_name),
            self.tr("Deactivate"),
        ):
            return
        self.toggle_active()

    def toggle_active(self) -> None:
        u = self._selected
        if u is None:
            return
        try:
            user = self._services.accounts.set_active(
                self._actor, u.id, not u.active, expected_version=u.version
            )
        except PaknError as exc:
            self._failed(exc)
            return
        self._done(user, self.tr("Saved."))
        self._select()

    def save_idle(self) -> bool:
        try:
            self._services.office.set_idle_lock_minutes(
                self.idle.value(), self._actor, expected_version=self._settings_version
            )
        except PaknError as exc:
            self._failed(exc)
            return False
        self._settings_version = self._services.office.settings_version()
        self._idle_shown = self.idle.value()
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Saved."))
        return True

    def reset_password(self) -> None:
        u = self._selected
        if u is None:
            return
        try:
            user = self._services.accounts.reset_password(
                self._actor, u.id, self.password.text(), expected_version=u.version
            )
        except PaknError as exc:
            self._failed(exc)
            return
        self._done(user, self.tr("The password was set; the account is unlocked."))
