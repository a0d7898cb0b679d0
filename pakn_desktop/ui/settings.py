"""Cài đặt: the working-day calendar (the year's holidays and the office's own days) and the
office details that go on letters, with units and officials, and the letters' templates.

Typed office details and template wording are not lost silently: closing the window with its
X, or choosing another template while the shown one has changes, asks first (ui/unsaved.py)."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QSettings
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.domain.enums import ROLE_LABELS, Role
from pakn_desktop.domain.errors import PaknError, StaleEdit
from pakn_desktop.domain.wording import file_problem
from pakn_desktop.letters.templates import PLACEHOLDERS, LetterKind, LetterTemplate
from pakn_desktop.services import Services
from pakn_desktop.services.files import read_chosen
from pakn_desktop.services.office import OfficeDetails, province_suggestion
from pakn_desktop.services.views import Actor

from . import file_names
from .operations import listen
from .place_picker import add_province_row, follow_province
from .unsaved import guard_window, settle
from .workers import Changes, announce

OFFICE_LABELS = {
    "parent_agency": QT_TRANSLATE_NOOP("SettingsView", "Governing agency"),
    "agency": QT_TRANSLATE_NOOP("SettingsView", "Issuing agency"),
    "agency_short": QT_TRANSLATE_NOOP("SettingsView", "Agency name in sentences"),
    "symbol": QT_TRANSLATE_NOOP("SettingsView", "Document symbol"),
    "place": QT_TRANSLATE_NOOP("SettingsView", "Place name"),
    "hotlines": QT_TRANSLATE_NOOP("SettingsView", "Hotline numbers"),
    "portal_url": QT_TRANSLATE_NOOP("SettingsView", "Lookup portal address"),
    "signer_authority": QT_TRANSLATE_NOOP("SettingsView", "Signer's authority (e.g. KT. GIÁM ĐỐC)"),
    "signer_title": QT_TRANSLATE_NOOP("SettingsView", "Signer's title"),
    "signer_name": QT_TRANSLATE_NOOP("SettingsView", "Signer's name"),
    "archive_mark": QT_TRANSLATE_NOOP("SettingsView", "Archive line (Lưu: ...)"),
    "postal_address": QT_TRANSLATE_NOOP("SettingsView", "Postal address"),
    "email": QT_TRANSLATE_NOOP("SettingsView", "E-mail address"),
}


class SettingsView(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        tabs = QTabWidget()
        tabs.addTab(_scrolled(self._calendar_tab()), self.tr("Calendar"))
        tabs.addTab(_scrolled(self._office_tab()), self.tr("Office"))
        tabs.addTab(_scrolled(self._people_tab()), self.tr("Units and officials"))
        tabs.addTab(_scrolled(self._templates_tab()), self.tr("Letter templates"))
        tabs.addTab(_scrolled(self._remit_tab()), self.tr("Other agencies' remit"))
        tabs.addTab(_scrolled(self._interface_tab()), self.tr("Interface"))
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        self._window_guarded = False
        # The calendar and the people changed elsewhere (a restore, the accounts window): shown
        # again when in sight. Nothing of the cases is on this page.
        listen(self, lambda c: c.calendar, self.refresh_calendar)
        listen(self, lambda c: c.people, self.refresh_people)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The page lives in the main window: its X asks about this page's changes.
        if not self._window_guarded and self.window() is not self:
            self._window_guarded = True
            guard_window(self.window())

    # --- unsaved changes (ui/unsaved.py) ----------------------------------------------------
    def _office_typed(self) -> dict[str, str]:
        return {k: e.text() for k, e in self.office_fields.items()}

    def _template_typed(self) -> tuple[str, str, str]:
        return (
            self.template_subject.text(),
            self.template_body.toPlainText(),
            self.template_recipients.toPlainText(),
        )

    def office_changed(self) -> bool:
        return (
            self._office_typed() != self._office_shown
            or self.province.text() != self._province_shown
        )

    def template_changed(self) -> bool:
        return self.template_version is not None and self._template_typed() != self._template_shown

    def remit_changed(self) -> bool:
        return self.remit_editor.toPlainText() != self._remit_shown

    def calendar_row_typed(self) -> bool:
        """A reason typed for an office day not yet added (its Add not pressed)."""
        return bool(self.adj_reason.text().strip())

    def unit_row_typed(self) -> bool:
        return bool(self.new_unit.text().strip())

    def person_row_typed(self) -> bool:
        return bool(self.new_name.text().strip() or self.new_login.text().strip())

    def has_unsaved_changes(self) -> bool:
        return (
            self.office_changed()
            or self.template_changed()
            or self.remit_changed()
            or self.calendar_row_typed()
            or self.unit_row_typed()
            or self.person_row_typed()
        )

    def save_unsaved_changes(self) -> bool:
        """Each part with changes saved by its own Save (an "add" row by its Add); True when
        all were saved. The first refusal stops, its message shown and its typing kept."""
        parts = (
            (self.office_changed, self.save_office),
            (self.template_changed, self.save_template),
            (self.remit_changed, self.save_remit),
            (self.calendar_row_typed, self.add_adjustment),
            (self.unit_row_typed, self.add_unit),
            (self.person_row_typed, self.add_user),
        )
        return all(save() for changed, save in parts if changed())

    def unsaved_name(self) -> str:
        return self.tr("Settings")

    # --- calendar ---------------------------------------------------------------------------
    def _calendar_tab(self) -> QWidget:
        w = QWidget()
        self.year = QSpinBox()
        self.year.setRange(2015, 2060)
        self.year.setValue(self._services.now().year)
        self.year.valueChanged.connect(lambda _v: self.refresh_calendar())
        self.holidays = QTreeWidget()
        self.holidays.setHeaderLabels([self.tr("Day"), self.tr("Kind"), self.tr("Name or reason")])
        self.holidays.setColumnWidth(0, 110)
        self.holidays.setColumnWidth(1, 220)
        self.adj_date = QDateEdit(QDate(*self._services.now().timetuple()[:3]))
        self.adj_date.setDisplayFormat("dd/MM/yyyy")
        self.adj_date.setCalendarPopup(True)
        self.adj_kind = QComboBox()
        self.adj_kind.addItem(self.tr("Day off"), False)
        self.adj_kind.addItem(self.tr("Working day"), True)
        self.adj_reason = QLineEdit()
        self.adj_reason.setPlaceholderText(self.tr("Reason (required)"))
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self.add_adjustment)
        remove = QPushButton(self.tr("Remove the selected office day"))
        remove.clicked.connect(self.remove_adjustment)
        self.cal_message = QLabel()
        self.cal_message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year:")))
        top.addWidget(self.year)
        top.addStretch(1)
        add_row = QHBoxLayout()
        for x in (self.adj_date, self.adj_kind):
            add_row.addWidget(x)
        add_row.addWidget(self.adj_reason, 1)
        add_row.addWidget(add)
        add_row.addWidget(remove)
        lay = QVBoxLayout(w)
        lay.addLayout(top)
        lay.addWidget(self.holidays, 1)
        lay.addLayout(add_row)
        lay.addWidget(self.cal_message)
        self.refresh_calendar()
        return w

    def refresh_calendar(self) -> None:
        year = self.year.value()
        # Read before what is shown: a change at another desk after it makes the next save
        # stale (refused), never silently overwritten.
        self._calendar_version = self._services.calendar.version()
        cal = self._services.calendar.calendar()
        self.holidays.clear()
        rows: list[tuple[date, str, str]] = []
        for d, name, working in cal.holidays_in_year(year):
            rows.append(
                (
                    d,
                    self.tr("Make-up working day")
                    if working
                    else self.tr("Public holiday / day off"),
                    name,
                )
            )
        for a in self._services.calendar.adjustments():
            if a.day.year == year:
                kind = self.tr("Office working day") if a.working else self.tr("Office day off")
                rows.append((a.day, kind, f"{a.reason} ({a.entered_by})"))
        for d, kind, name in sorted(rows):
            self.holidays.addTopLevelItem(QTreeWidgetItem([f"{d:%d/%m/%Y}", kind, name]))

    def add_adjustment(self) -> bool:
        """The Add button of the calendar; True when the day was added."""
        q = self.adj_date.date()
        day = date(q.year(), q.month(), q.day())
        calendar, version = self._services.calendar, self._calendar_version
        try:
            if self.adj_kind.currentData():
                moved = calendar.add_working_day(
                    day, self.adj_reason.text(), self._actor, expected_version=version
                )
            else:
                moved = calendar.add_day_off(
                    day, self.adj_reason.text(), self._actor, expected_version=version
                )
        except StaleEdit as exc:
            # Another desk changed the calendar: show it as it is now, keep what was typed.
            self.refresh_calendar()
            self.cal_message.setText(exc.message)
            return False
        except PaknError as exc:
            self.cal_message.setText(exc.message)
            return False
        self.cal_message.setText(self.tr("Saved. Deadlines of %n open case(s) moved.", "", moved))
        self.adj_reason.clear()
        self.refresh_calendar()
        announce(Changes(calendar=True), self)
        return True

    def remove_adjustment(self) -> None:
        item = self.holidays.currentItem()
        if item is None:
            return
        d, m, y = (int(x) for x in item.text(0).split("/"))
        try:
            moved = self._services.calendar.remove(
                date(y, m, d), self._actor, expected_version=self._calendar_version
            )
        except StaleEdit as exc:
            self.refresh_calendar()
            self.cal_message.setText(exc.message)
            return
        except PaknError as exc:
            self.cal_message.setText(exc.message)
            return
        self.cal_message.setText(self.tr("Removed. Deadlines of %n open case(s) moved.", "", moved))
        self.refresh_calendar()
        announce(Changes(calendar=True), self)

    # --- office -------------------------------------------------------------------------------
    def _office_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.office_fields: dict[str, QLineEdit] = {}
        details = self._services.office.details()
        self._office_version = self._services.office.settings_version()
        # Today's province of the governing body, with the first-run wizard's picker: the
        # governing body, the place name and the agency's name in sentences follow it until
        # the person writes their own. Saved settings are shown as they are.
        self.province, self.province_note = add_province_row(form, self.tr("Province or city"))
        self.province.set_code(self._services.office.home_province_code())
        for f in fields(OfficeDetails):
            edit = QLineEdit(getattr(details, f.name))
            self.office_fields[f.name] = edit
            form.addRow(
                QCoreApplication.translate("SettingsView", str(OFFICE_LABELS[f.name])), edit
            )
        # A field still holding what the shown province gives follows a new choice; one the
        # office wrote otherwise keeps it.
        self._suggested = {
            name: value
            for name, value in province_suggestion(self.province.code(), details.agency).items()
            if getattr(details, name) == value
        }
        self.province.chosen.connect(lambda _code: self._province_chosen())
        self._office_shown = self._office_typed()  # what a change is measured against
        self._province_shown = self.province.text()
        self.office_save = QPushButton(self.tr("Save office details"))
        self.office_save.clicked.connect(self.save_office)
        self.office_message = QLabel()
        self.office_message.setWordWrap(True)
        form.addRow(self.office_save, self.office_message)
        # The images a digitally signed letter shows (NĐ 30/2020, Phụ lục I).
        images = QHBoxLayout()
        self.signature_state = QLabel()
        choose_sig = QPushButton(self.tr("Signature image (PNG)…"))
        choose_sig.clicked.connect(lambda: self.choose_signature_image("signature"))
        choose_seal = QPushButton(self.tr("Seal image (PNG)…"))
        choose_seal.clicked.connect(lambda: self.choose_signature_image("seal"))
        clear_images = QPushButton(self.tr("Remove both"))
        clear_images.clicked.connect(lambda: self.set_signature_images(None, None))
        for b in (choose_sig, choose_seal, clear_images):
            images.addWidget(b)
        images.addWidget(self.signature_state, 1)
        form.addRow(self.tr("Digital signature:"), images)
        self._show_signature_state()
        return w

    def _show_signature_state(self) -> None:
        sig, seal = self._services.office.signature_images()
        self.signature_state.setText(
            self.tr("signature: %1 · seal: %2")
            .replace("%1", self.tr("set") if sig else self.tr("not set"))
            .replace("%2", self.tr("set") if seal else self.tr("not set"))
        )

    def choose_signature_image(self, which: str, name: str | None = None) -> None:
        if name is None:
            name = file_names.open_file_name(
                self,
                self.tr("Signature image (PNG)…")
                if which == "signature"
                else self.tr("Seal image (PNG)…"),
                "",
                "PNG (*.png)",
            )
        if not name:
            return
        try:
            data = read_chosen(name)
        except PaknError as exc:
            self.office_message.setText(exc.message)
            return
        except OSError as exc:
            self.office_message.setText(file_problem(exc, name))
            return
        sig, seal = self._services.office.signature_images()
        if which == "signature":
            sig = data
        else:
            seal = data
        self.set_signature_images(sig, seal)

    def set_signature_images(self, sig: bytes | None, seal: bytes | None) -> None:
        try:
            self._services.office.set_signature_images(
                sig, seal, self._actor, expected_version=self._office_version
            )
        except PaknError as exc:
            self.office_message.setText(exc.message)
            return
        self._office_version = self._services.office.settings_version()
        self.office_message.setText(self.tr("Saved."))
        self._show_signature_state()

    def _province_chosen(self) -> None:
        follow_province(self.province.code(), self.office_fields, self._suggested)

    def save_office(self) -> bool:
        # A province typed but not chosen is settled first; one the list does not know
        # saves nothing and says what to do (what was typed stays).
        if self.province.text().strip() and not self.province.code():
            self.province.settle()
            if not self.province.code():
                self.office_message.setText(
                    self.tr("Choose the province or city of the governing body from the list.")
                )
                self.province.setFocus()
                return False
        typed = self._office_typed()
        details = replace(self._services.office.details(), **typed)
        try:
            self._services.office.save_details(
                details, self._actor, expected_version=self._office_version
            )
        except PaknError as exc:
            self.office_message.setText(exc.message)
            return False
        self._office_version = self._services.office.settings_version()
        self._office_shown = typed
        self._province_shown = self.province.text()
        self.office_message.setText(self.tr("Saved."))
        announce(Changes(office=True), self)
        return True

    # --- letter templates ----------------------------------------------------------------------
    def _templates_tab(self) -> QWidget:
        w = QWidget()
        self.template_version: int | None = None
        self.template_kind = QComboBox()
        for kind in LetterKind:
            self.template_kind.addItem(kind.label, kind.value)
        self.template_subject = QLineEdit()
        self.template_body = QPlainTextEdit()
        self.template_recipients = QPlainTextEdit()
        for box in (self.template_body, self.template_recipients):
            box.setTabChangesFocus(True)  # Tab moves on, as everywhere else
        self.template_recipients.setMaximumHeight(80)
        fields_help = QLabel(
            self.tr("Fields you can use:")
            + " "
            + "; ".join(f"{{{name}}} — {text}" for name, text in PLACEHOLDERS.items())
        )
        fields_help.setWordWrap(True)
        fields_help.setStyleSheet("color:#444;")
        save = QPushButton(self.tr("Save template"))
        save.clicked.connect(self.save_template)
        reset = QPushButton(self.tr("Reset to the default"))
        reset.clicked.connect(self.reset_template)
        self.template_message = QLabel()
        self.template_message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Letter"), self.template_kind)
        form.addRow(self.tr("Subject (V/v) or title"), self.template_subject)
        form.addRow(self.tr("Body (one paragraph per line)"), self.template_body)
        form.addRow(self.tr("Recipients (Nơi nhận)"), self.template_recipients)
        row = QHBoxLayout()
        row.addWidget(save)
        row.addWidget(reset)
        row.addWidget(self.template_message, 1)
        lay = QVBoxLayout(w)
        lay.addLayout(form, 1)
        lay.addWidget(fields_help)
        lay.addLayout(row)
        self._template_shown = ("", "", "")
        self._template_index = self.template_kind.currentIndex()
        self.template_kind.currentIndexChanged.connect(lambda _i: self._template_kind_chosen())
        self.load_template()
        return w

    def _template_kind_chosen(self) -> None:
        """Another letter chosen: the shown template's changes are asked about first;
        «Quay lại» (or a refused save) keeps the shown template and what was typed."""
        chosen = self.template_kind.currentIndex()
        if self.template_changed():
            self._show_template_kind(self._template_index)
            shown = self.tr("The template «%1»").replace("%1", self.template_kind.currentText())
            if not settle(self, shown, self.save_template):
                return
            self._show_template_kind(chosen)
        self.load_template()

    def _show_template_kind(self, index: int) -> None:
        self.template_kind.blockSignals(True)
        self.template_kind.setCurrentIndex(index)
        self.template_kind.blockSignals(False)

    def load_template(self) -> None:
        """The wording of the chosen kind and the version it was read at: a save or reset
        made from it is refused if someone changed the template meanwhile."""
        try:
            stored = self._services.letters.template(
                LetterKind(self.template_kind.currentData()), self._actor
            )
        except PaknError as exc:
            self.template_version = None
            self.template_message.setText(exc.message)
            return
        self.template_version = stored.version
        t = stored.template
        self.template_subject.setText(t.subject)
        self.template_body.setPlainText(t.body)
        self.template_recipients.setPlainText(t.recipients)
        self._template_shown = self._template_typed()
        self._template_index = self.template_kind.currentIndex()

    def save_template(self) -> bool:
        kind = LetterKind(self.template_kind.currentData())
        if self.template_version is None:
            return False
        typed = self._template_typed()
        try:
            self.template_version = self._services.letters.save_template(
                LetterTemplate(
                    kind,
                    self.template_subject.text(),
                    self.template_body.toPlainText(),
                    self.template_recipients.toPlainText(),
                ),
                self._actor,
                expected_version=self.template_version,
            )
        except PaknError as exc:
            # What was typed stays in the form; the message says to reload.
            self.template_message.setText(exc.message)
            return False
        self._template_shown = typed
        self.template_message.setText(self.tr("Saved."))
        return True

    def reset_template(self) -> None:
        if self.template_version is None:
            return
        try:
            self._services.letters.reset_template(
                LetterKind(self.template_kind.currentData()),
                self._actor,
                expected_version=self.template_version,
            )
        except PaknError as exc:
            self.template_message.setText(exc.message)
            return
        self.load_template()
        self.template_message.setText(self.tr("The default wording is back."))

    # --- the remit table of other agencies (routing: out of the office's remit) -------------
    def _remit_tab(self) -> QWidget:
        w = QWidget()
        explain = QLabel(
            self.tr(
                "A PAKN whose text has one of an agency's words is suggested as not in the "
                "office's remit, naming that agency. One agency per line: the agency's name, "
                "a colon, then its words separated by commas, e.g. «Sở Y tế: bệnh viện, trạm "
                "y tế, khám chữa bệnh». Words may be typed with or without accents; lines "
                "starting with # are notes."
            )
        )
        explain.setWordWrap(True)
        self.remit_editor = QPlainTextEdit(self._services.routing.remit_text())
        self.remit_editor.setTabChangesFocus(True)
        self.remit_editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._remit_shown = self.remit_editor.toPlainText()
        self.remit_save = QPushButton(self.tr("Save"))
        self.remit_save.clicked.connect(self.save_remit)
        self.remit_message = QLabel()
        self.remit_message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.remit_save)
        row.addWidget(self.remit_message, 1)
        lay = QVBoxLayout(w)
        lay.addWidget(explain)
        lay.addWidget(self.remit_editor, 1)
        lay.addLayout(row)
        return w

    def save_remit(self) -> bool:
        """The typed table replaces the stored one; a wrong line is named under the editor,
        nothing is saved and what was typed stays."""
        typed = self.remit_editor.toPlainText()
        try:
            kept = self._services.routing.save_remit(self._actor, typed)
        except PaknError as exc:
            self.remit_message.setStyleSheet("color:#b00020;")
            self.remit_message.setText(exc.message)
            return False
        self._remit_shown = typed
        self.remit_message.setStyleSheet("")
        self.remit_message.setText(self.tr("Saved: %n agency(s).", "", kept))
        return True

    # --- interface ---------------------------------------------------------------------------
    def _interface_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        current = str(QSettings().value("ui/language", "vi"))
        self.language.setCurrentIndex(max(self.language.findData(current), 0))
        self.language.currentIndexChanged.connect(self.save_language)
        self.language_message = QLabel()
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self.language_message)
        return w

    def save_language(self) -> None:
        QSettings().setValue("ui/language", self.language.currentData())
        self.language_message.setText(
            self.tr("The new language applies the next time the app starts.")
        )

    # --- people ------------------------------------------------------------------------------
    def _people_tab(self) -> QWidget:
        w = QWidget()
        self.people = QTreeWidget()
        self.people.setHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Title"), self.tr("Unit")]
        )
        self.new_unit = QLineEdit()
        self.new_unit.setPlaceholderText(self.tr("New unit name"))
        add_unit = QPushButton(self.tr("Add unit"))
        add_unit.clicked.connect(self.add_unit)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("Full name"))
        self.new_login = QLineEdit()
        self.new_login.setPlaceholderText(self.tr("Login name"))
        self.new_role = QComboBox()
        for role, label in ROLE_LABELS.items():
            self.new_role.addItem(label, role.value)
        self.new_user_unit = QComboBox()
        add_user = QPushButton(self.tr("Add person"))
        add_user.clicked.connect(self.add_user)
        self.people_message = QLabel()
        lay = QVBoxLayout(w)
        lay.addWidget(self.people, 1)
        r1 = QHBoxLayout()
        r1.addWidget(self.new_unit, 1)
        r1.addWidget(add_unit)
        r2 = QHBoxLayout()
        for x in (self.new_name, self.new_login, self.new_role, self.new_user_unit):
            r2.addWidget(x, 1)
        r2.addWidget(add_user)
        lay.addLayout(r1)
        lay.addLayout(r2)
        lay.addWidget(self.people_message)
        self.refresh_people()
        return w

    def refresh_people(self) -> None:
        units = self._services.office.units()
        names = {u.id: u.name for u in units}
        self.new_user_unit.clear()
        for u in units:
            self.new_user_unit.addItem(u.name, u.id)
        self.people.clear()
        for p in self._services.office.users():
            self.people.addTopLevelItem(
                QTreeWidgetItem(
                    [p.full_name, Role(p.role).label, p.title, names.get(p.unit_id or -1, "")]
                )
            )
        # Columns as wide as their text, so no name or title is cut.
        for col in range(self.people.columnCount()):
            self.people.resizeColumnToContents(col)

    def add_unit(self) -> bool:
        """The Add unit button; True when the unit was added."""
        try:
            self._services.office.add_unit(self.new_unit.text(), self._actor)
        except PaknError as exc:
            self.people_message.setText(exc.message)
            return False
        self.new_unit.clear()
        self.people_message.setText(self.tr("Saved."))
        self.refresh_people()
        announce(Changes(people=True), self)
        return True

    def add_user(self) -> bool:
        """The Add person button; True when the person was added."""
        try:
            self._services.office.add_user(
                self.new_login.text(),
                self.new_name.text(),
                Role(self.new_role.currentData()),
                unit_id=self.new_user_unit.currentData(),
                actor=self._actor,
            )
        except PaknError as exc:
            self.people_message.setText(exc.message)
            return False
        self.new_name.clear()
        self.new_login.clear()
        self.people_message.setText(self.tr("Saved."))
        self.refresh_people()
        announce(Changes(people=True), self)
        return True


def _scrolled(page: QWidget) -> QScrollArea:
    """A settings tab that scrolls when the screen is smaller than it (1366×768 at 150 %)."""
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area
