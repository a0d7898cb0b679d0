"""First start on an empty database: a short wizard for the office's details, its units and
its people. It can be skipped to use the demo office; everything can be changed in settings."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.services import Services
from pakn_desktop.services.office import (
    DEFAULT_UNITS,
    NEW_OFFICE,
    OfficeDetails,
)
from pakn_desktop.services.views import Actor

from .login import FirstAdminForm
from .place_picker import add_commune_row, add_province_row, follow_commune, follow_province
from .settings import OFFICE_LABELS
from .window_sizes import remember_size

ROLE_WORDS = {
    "tiếp nhận": Role.FRONT_DESK,
    "văn thư": Role.FRONT_DESK,
    "xử lý": Role.OFFICIAL,
    "chuyên viên": Role.OFFICIAL,
    "lãnh đạo": Role.HEAD,
    "trưởng": Role.HEAD,
    "quản trị": Role.ADMIN,
}


def parse_people(text: str) -> list[tuple[str, str, Role, str, str]]:
    """Lines "Họ tên; vai trò; chức vụ; đơn vị" -> (login, name, role, title, unit)."""
    people = []
    for i, line in enumerate(text.splitlines()):
        parts = [p.strip() for p in line.split(";")]
        if not parts or not parts[0]:
            continue
        name = parts[0]
        role_text = parts[1].lower() if len(parts) > 1 else ""
        role = next((r for word, r in ROLE_WORDS.items() if word in role_text), Role.OFFICIAL)
        title = parts[2] if len(parts) > 2 else ""
        unit = parts[3] if len(parts) > 3 else ""
        login = f"canbo{i + 1:02d}"
        people.append((login, name, role, title, unit))
    return people


class _AdminPage(QWizardPage):
    """The administrator's page: Next checks the user name and the password here, so a
    mistake is said on this page, not at Finish after the other pages."""

    def __init__(self, form: FirstAdminForm) -> None:
        super().__init__()
        self._form = form

    def validatePage(self) -> bool:
        ok = self._form.check()
        if not ok:
            self._form.password.setFocus()
        return ok


class _OfficePage(QWizardPage):
    """The office's page: Next needs today's province of the governing body and the agency,
    place name and symbol, said here rather than at Finish."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard

    def validatePage(self) -> bool:
        return self._wizard.check_office()


class FirstRunWizard(QWizard):
    def __init__(
        self, services: Services, parent: QWidget | None = None, *, actor: Actor | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        # The office details as the wizard shows them: saving over a newer version is refused.
        self._settings_version = services.office.settings_version()
        self.setWindowTitle(self.tr("Set up your office"))
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("Skip: use the demo office"))
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        # Qt ships no Vietnamese catalogue of its own: name the standard buttons here.
        for button, text in (
            (QWizard.WizardButton.BackButton, self.tr("< Back")),
            (QWizard.WizardButton.NextButton, self.tr("Next >")),
            (QWizard.WizardButton.FinishButton, self.tr("Finish")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
        ):
            self.setButtonText(button, text)
        self.setMinimumSize(560, 400)
        remember_size(self, "first_run", QSize(760, 560))
        self.customButtonClicked.connect(lambda _b: self.skip())
        details = services.office.details()

        # First page: the administrator's account (login and password), made on Finish/Skip.
        self.admin: Actor | None = actor
        self.admin_form = FirstAdminForm(services)
        admin_page = _AdminPage(self.admin_form)
        admin_page.setTitle(self.tr("Administrator"))
        QVBoxLayout(admin_page).addWidget(self.admin_form)
        if actor is None:
            self.addPage(admin_page)

        office = _OfficePage(self)
        office.setTitle(self.tr("Your office"))
        office.setSubTitle(
            self.tr("These details go on every letter. You can change them later in Settings.")
        )
        form = QFormLayout(office)
        # No office is built in: a database still holding the built-in details starts from a
        # suggestion with no province; details an office already saved are shown as they are.
        start = NEW_OFFICE if details == OfficeDetails() else details
        self.province, self.province_note = add_province_row(form, self.tr("Province or city *"))
        self.fields: dict[str, QLineEdit] = {}
        for f in fields(OfficeDetails):
            if f.name == "postal_address":
                # The commune of the office's seat, from the province's list: the postal
                # address the letters give follows it.
                self.commune, self.commune_note = add_commune_row(
                    form, self.tr("Commune or ward of the office"), self.province.code
                )
            edit = QLineEdit(getattr(start, f.name))
            self.fields[f.name] = edit
            form.addRow(
                QCoreApplication.translate("SettingsView", str(OFFICE_LABELS[f.name])), edit
            )
        self.fields["place"].setPlaceholderText(self.tr("From the province, e.g. Quảng Ngãi"))
        self.fields["parent_agency"].setPlaceholderText(
            self.tr("From the province, e.g. UBND TỈNH QUẢNG NGÃI")
        )
        # What the province last filled in: a field still holding it follows a new choice,
        # one the person has changed keeps what they wrote.
        self._suggested: dict[str, str] = {}
        if start is details:
            self.province.set_code(services.office.home_province_code())
        self.province.chosen.connect(lambda _code: self._province_chosen())
        self.commune.chosen.connect(lambda _code: self._commune_chosen())
        self.fields["postal_address"].setPlaceholderText(
            self.tr("House number, street; then the commune chosen above")
        )
        self.office_error = QLabel()
        self.office_error.setStyleSheet("color:#b00020;")
        self.office_error.setWordWrap(True)
        form.addRow(self.office_error)
        self.addPage(office)

        units = QWizardPage()
        units.setTitle(self.tr("Units"))
        units.setSubTitle(self.tr("One unit per line."))
        self.units = QPlainTextEdit("\n".join(DEFAULT_UNITS))
        units_layout = QVBoxLayout(units)
        units_layout.addWidget(self.units)
        units_layout.addWidget(self._keys_hint())
        self.addPage(units)

        people = QWizardPage()
        people.setTitle(self.tr("People"))
        people.setSubTitle(
            self.tr(
                "One person per line: full name; role (tiếp nhận, xử lý, lãnh đạo); title; unit."
            )
        )
        self.people = QPlainTextEdit()
        self.people.setPlaceholderText(
            "Lê Thị Thu Hà; lãnh đạo; Trưởng phòng; Phòng Lao động - Việc làm\n"
            "Nguyễn Văn Hùng; xử lý; Chuyên viên; Phòng Lao động - Việc làm\n"
            "Hoàng Thị Yến; tiếp nhận; Văn thư; Văn phòng Sở"
        )
        self.error = QLabel()
        self.error.setStyleSheet("color:#b00020;")
        lay = QVBoxLayout(people)
        lay.addWidget(self.people)
        lay.addWidget(self._keys_hint())
        lay.addWidget(self.error)
        # Enter starts a new line in these lists; Tab leaves them and Ctrl+Enter goes on, so
        # the keyboard is never trapped inside.
        for box in (self.units, self.people):
            box.setTabChangesFocus(True)
            box.installEventFilter(self)
        self.addPage(people)

    def _province_chosen(self) -> None:
        follow_province(self.province.code(), self.fields, self._suggested)
        self.commune.province_changed()
        if not self.commune.code():
            follow_commune("", "", self.fields["postal_address"], self._suggested, dropped=True)
        if self.province.code():
            self.office_error.clear()

    def _commune_chosen(self) -> None:
        follow_commune(
            self.commune.code(),
            self.province.code(),
            self.fields["postal_address"],
            self._suggested,
        )

    def check_office(self) -> bool:
        """The office page is complete: a province from the list, and the agency, its
        symbol and the place name (the message says what is missing, on this page)."""
        if self.province.text().strip() and not self.province.code():
            self.province.settle()
        if not self.province.code():
            self.office_error.setText(
                self.tr("Choose the province or city of the governing body from the list.")
            )
            self.province.setFocus()
            return False
        missing = [n for n in ("agency", "symbol", "place") if not self.fields[n].text().strip()]
        if missing:
            self.office_error.setText(
                self.tr("The issuing agency, its document symbol and the place name are required.")
            )
            self.fields[missing[0]].setFocus()
            return False
        self.office_error.clear()
        return True

    def _make_admin(self) -> Actor | None:
        if self.admin is None:
            try:
                self.admin = self.admin_form.create_admin()
            except PaknError as exc:
                self.admin_form.error.setText(exc.message)
                self.restart()
                return None
        return self.admin

    def _keys_hint(self) -> QLabel:
        hint = QLabel(self.tr("Enter: new line · Tab: next control · Ctrl+Enter: next step"))
        hint.setStyleSheet("color:#555;")
        return hint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched in (self.units, self.people)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            if self.currentId() == self.pageIds()[-1]:
                self.accept()
            else:
                self.next()
            return True
        return super().eventFilter(watched, event)

    def skip(self) -> None:
        admin = self._make_admin()
        if admin is None:
            return
        self._services.office.finish_setup(
            None, actor=admin, expected_version=self._settings_version
        )
        self.reject()

    def accept(self) -> None:
        if not self.check_office():
            # Back on the office page, where the message is.
            while self.currentPage() is not None and not self.currentPage().isAncestorOf(
                self.province
            ):
                if self.currentId() == self.startId():
                    break
                self.back()
            return
        details = OfficeDetails(**{k: e.text() for k, e in self.fields.items()})
        admin = self._make_admin()
        if admin is None:
            return
        try:
            self._services.office.finish_setup(
                details,
                self.units.toPlainText().splitlines(),
                parse_people(self.people.toPlainText()),
                actor=admin,
                expected_version=self._settings_version,
            )
        except PaknError as exc:
            self.error.setText(exc.message)
            return
        super().accept()
