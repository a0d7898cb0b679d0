"""The fields of a case as a person types them: one form for the intake page and the case
editor. It holds the labels, the inline message under each field (gone as soon as the field is
valid again), the personal-data warnings on the published fields, the Tab order and the
state-dependent editing; and the one mapping between the fields and the domain's intake data,
both ways: ``form()`` and ``private_note_text()`` give what ``services.cases.receive`` and
``edit`` take, ``show_case()`` fills the fields from a case (through ``intake_of``).

A page that needs more rows (the intake's receipt time, unit and attachments) inserts them with
``insert_row``; they get their own message place and their place in the Tab order."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import fields as dc_fields
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.domain.enums import (
    CHANNEL_LABELS,
    DEFAULT_TOPICS,
    SUBMITTER_KIND_LABELS,
    Channel,
    SubmitterKind,
)
from pakn_desktop.domain.letters import Salutation
from pakn_desktop.domain.places import address_text, street_part
from pakn_desktop.domain.validation import IntakeForm, validate_intake
from pakn_desktop.services.views import CaseDetail

from .place_picker import CommunePicker, ProvincePicker
from .privacy_warning import PrivacyWarning

# The intake data's fields, in the domain's words (IntakeForm); the private note travels beside
# them (receive and edit take it as its own argument).
INTAKE_FIELDS: tuple[str, ...] = tuple(f.name for f in dc_fields(IntakeForm))
ERROR_STYLE = "color: #b00020;"
# The address's parts are one row: their messages show under it.
ROW_OF = {"province_code": "address", "commune_code": "address"}


def form_of(values: Mapping[str, object]) -> IntakeForm:
    """Intake data from values named as the domain names them (an autosaved form, a case);
    a missing or empty value is "", other names are ignored."""
    return IntakeForm(**{name: _text(values.get(name)) for name in INTAKE_FIELDS})


def intake_of(detail: CaseDetail) -> IntakeForm:
    """A case's intake data as the services hold it (every IntakeForm field is on the case)."""
    return form_of({name: getattr(detail, name) for name in INTAKE_FIELDS})


def _text(value: object) -> str:
    return "" if value is None else str(value)


class CaseFields(QWidget):
    """The case's fields in one form layout; ``changed`` is emitted on every change the
    person makes (not when the form is filled by ``set_form``/``show_case``)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self._editable = True
        self._building = False  # while the rows are first added: no Tab order yet

        self.channel = QComboBox()
        for c, label in CHANNEL_LABELS.items():
            self.channel.addItem(label, c.value)
        self.channel.setCurrentIndex(self.channel.findData(Channel.PHONE.value))
        self.portal_code = QLineEdit()
        self.portal_code.setToolTip(self.tr("Required for a PAKN received from the portal."))
        self.kind = QComboBox()
        for k, label in SUBMITTER_KIND_LABELS.items():
            self.kind.addItem(label, k.value)
        self.submitter_name = QLineEdit()
        # How letters address a citizen (Ông, Bà, or "Ông/Bà" when unknown).
        self.salutation = QComboBox()
        for sal in Salutation:
            self.salutation.addItem(sal.label, sal.value)
        self.salutation.setToolTip(self.tr("How the letters address a citizen."))
        # The address: today's province and commune from the lists, the rest free.
        self.province = ProvincePicker()
        self.commune = CommunePicker(self.province.code)
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("House number, street, village, group…"))
        self.place_note = QLabel()
        self.place_note.setWordWrap(True)
        self.place_note.setStyleSheet("color: #1a4f8b;")
        self.place_note.hide()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("0912 345 678")
        self.email = QLineEdit()
        self.email.setPlaceholderText("ten@example.vn")
        self.title = QLineEdit()
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setMinimumHeight(120)
        self.private_note = QPlainTextEdit()
        self.private_note.setTabChangesFocus(True)
        self.private_note.setMaximumHeight(70)
        self.private_note.setToolTip(self.tr("Kept inside the office; never published."))
        self.topic = QComboBox()
        self.topic.setEditable(True)
        self.topic.addItems(["", *DEFAULT_TOPICS])
        # Long choices (a topic naming a resolution and a project) must not widen the form
        # past a 1366x768 screen: the lists open as wide as they need, the boxes stay narrow.
        for combo in (self.channel, self.kind, self.salutation, self.topic):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)

        # The title and the content are published: personal data in them is marked and can be
        # moved to the private note with one button.
        self.title_privacy = PrivacyWarning(self.title, self.private_note)
        self.content_privacy = PrivacyWarning(self.content, self.private_note)
        self.privacy_warnings = [self.title_privacy, self.content_privacy]

        self.errors: dict[str, QLabel] = {}
        self._rows: list[tuple[str, list[QWidget]]] = []
        self.layout_ = QFormLayout()
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.layout_)

        title_box = QWidget()
        tb = QVBoxLayout(title_box)
        tb.setContentsMargins(0, 0, 0, 0)
        tb.addWidget(self.title)
        tb.addWidget(self.title_privacy)
        notice = QLabel(
            self.tr("This content will be published. Please do not include personal details!")
        )
        notice.setWordWrap(True)
        notice.setStyleSheet("font-style: italic; color: #444;")
        content_box = QWidget()
        cb = QVBoxLayout(content_box)
        cb.setContentsMargins(0, 0, 0, 0)
        cb.addWidget(notice)
        cb.addWidget(self.content)
        cb.addWidget(self.content_privacy)

        address_box = QWidget()
        ab = QGridLayout(address_box)
        ab.setContentsMargins(0, 0, 0, 0)
        ab.setVerticalSpacing(2)
        ab.addWidget(self.province, 0, 0)
        ab.addWidget(self.commune, 0, 1)
        ab.addWidget(self.address, 1, 0, 1, 2)
        ab.addWidget(self.place_note, 2, 0, 1, 2)
        ab.setColumnStretch(0, 2)
        ab.setColumnStretch(1, 3)

        tp, cp = self.title_privacy.move_button, self.content_privacy.move_button
        rows: list[tuple[str, str, QWidget, list[QWidget]]] = [
            (self.tr("Channel *"), "channel", self.channel, [self.channel]),
            (self.tr("Portal PAKN code"), "portal_code", self.portal_code, [self.portal_code]),
            (self.tr("Submitter type *"), "submitter_kind", self.kind, [self.kind]),
            (
                self.tr("Citizen / organisation name *"),
                "submitter_name",
                self.submitter_name,
                [self.submitter_name],
            ),
            (self.tr("Addressed in letters as"), "salutation", self.salutation, [self.salutation]),
            (
                self.tr("Address *"),
                "address",
                address_box,
                [self.province, self.commune, self.address],
            ),
            (self.tr("Phone number *"), "phone", self.phone, [self.phone]),
            (self.tr("Email"), "email", self.email, [self.email]),
            (self.tr("PAKN about *"), "title", title_box, [self.title, tp]),
            (self.tr("Content *"), "content", content_box, [self.content, cp]),
            (
                self.tr("Private note (not published)"),
                "private_note",
                self.private_note,
                [self.private_note],
            ),
            (self.tr("PAKN topic"), "topic", self.topic, [self.topic]),
        ]
        # The Tab order once for all rows, not once per row (twelve times the whole chain).
        self._building = True
        for label, name, widget, focus in rows:
            self.insert_row(None, label, name, widget, focus, buddy=focus[0])
        self._building = False
        self._apply_tab_order()

        for line in (
            self.portal_code,
            self.submitter_name,
            self.province,
            self.commune,
            self.address,
            self.phone,
            self.email,
            self.title,
        ):
            line.textEdited.connect(self._edited)
        self.province.chosen.connect(lambda _code: self._province_chosen())
        self.commune.chosen.connect(lambda _code: self._edited())
        self.province.noted.connect(self._place_noted)
        self.commune.noted.connect(self._place_noted)
        for text in (self.content, self.private_note):
            text.textChanged.connect(self._edited)
        for combo in (self.kind, self.salutation):
            combo.currentIndexChanged.connect(self._edited)
        self.topic.currentTextChanged.connect(self._edited)
        self.channel.currentIndexChanged.connect(self._channel_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._channel_changed()
        self._kind_changed()

    # --- layout -------------------------------------------------------------------------------
    def insert_row(
        self,
        before: str | None,
        label: str,
        name: str,
        widget: QWidget,
        focus: list[QWidget] | None = None,
        *,
        buddy: QWidget | None = None,
    ) -> None:
        """Add a row named ``name`` (before the row ``before``, or at the end) with a place
        for its message under it; ``focus`` are its controls in Tab order."""
        err = QLabel()
        err.setStyleSheet(ERROR_STYLE)
        err.setWordWrap(True)
        err.hide()
        self.errors[name] = err
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(widget)
        box.addWidget(err)
        lbl = QLabel(label)
        lbl.setBuddy(buddy or (focus or [widget])[0])
        at = len(self._rows)
        if before is not None:
            at = next(i for i, (n, _f) in enumerate(self._rows) if n == before)
        self._rows.insert(at, (name, list(focus or [widget])))
        self.layout_.insertRow(at, lbl, box)
        self._apply_tab_order()

    def set_topics(self, topics: Sequence[str]) -> None:
        """Offer the office's own list of topics (``RoutingService.topics``); what is typed
        or chosen stays."""
        current = self.topic.currentText()
        self.topic.clear()
        self.topic.addItems(["", *topics])
        self.topic.setCurrentText(current)

    def focus_chain(self) -> list[QWidget]:
        """Every control of the form in Tab order, inserted rows included."""
        return [w for _name, focus in self._rows for w in focus]

    def _apply_tab_order(self) -> None:
        if self._building:
            return
        for a, b in itertools.pairwise(self.focus_chain()):
            QWidget.setTabOrder(a, b)

    # --- the mapping --------------------------------------------------------------------------
    def form(self) -> IntakeForm:
        """The fields as the domain's intake data (a portal code only for a portal channel)."""
        channel = self.channel.currentData() or ""
        return IntakeForm(
            submitter_kind=self.kind.currentData() or "",
            submitter_name=self.submitter_name.text(),
            address=self._address_text(),
            phone=self.phone.text(),
            email=self.email.text(),
            title=self.title.text(),
            content=self.content.toPlainText(),
            channel=channel,
            portal_code=self.portal_code.text() if _is_portal(channel) else "",
            topic=self.topic.currentText(),
            salutation=self.salutation.currentData() or "",
            province_code=self.province.code(),
            commune_code=self.commune.code(),
        )

    def _address_text(self) -> str:
        """The whole address as the case keeps it (``places.address_text``). A province or
        commune typed but not found in the lists stays in it as typed, so nothing typed is
        lost (``unsettled_places`` says what to choose)."""
        parts = [self.address.text().strip()]
        for picker in (self.commune, self.province):
            if picker.text().strip() and not picker.code():
                parts.append(picker.text().strip())
        free = ", ".join(p for p in parts if p)
        if not self.province.code():
            return free
        return address_text(free, self.commune.code(), self.province.code())

    def unsettled_places(self) -> dict[str, str]:
        """A province or commune typed that is not one of today's: the message to show."""
        for picker in (self.province, self.commune):
            if picker.text().strip() and not picker.code():
                picker.settle()
        if self.province.text().strip() and not self.province.code():
            return {"address": self.tr("Choose the province or city from the list.")}
        if self.commune.text().strip() and not self.commune.code():
            return {"address": self.tr("Choose the commune or ward from the list.")}
        return {}

    def private_note_text(self) -> str:
        return self.private_note.toPlainText()

    def set_form(self, form: IntakeForm, private_note: str = "") -> None:
        """Fill the fields from intake data; unknown choices fall back to the first entry."""
        self._filling = True
        try:
            _choose(self.channel, form.channel)
            _choose(self.kind, form.submitter_kind)
            self.portal_code.setText(form.portal_code)
            self.submitter_name.setText(form.submitter_name)
            self.province.set_code(form.province_code)
            self.commune.set_code(form.commune_code)
            self.address.setText(
                street_part(form.address, form.commune_code, form.province_code)
                if form.province_code
                else form.address
            )
            self._place_noted("")
            self.phone.setText(form.phone)
            self.email.setText(form.email)
            self.title.setText(form.title)
            self.content.setPlainText(form.content)
            self.private_note.setPlainText(private_note)
            self.topic.setCurrentText(form.topic)
            line = self.topic.lineEdit()
            if line is not None:
                line.setCursorPosition(0)  # a long topic reads from its beginning
            # After the kind: only a citizen has a salutation.
            _choose(self.salutation, form.salutation)
        finally:
            self._filling = False

    def show_case(self, detail: CaseDetail) -> None:
        self.set_form(intake_of(detail), detail.private_note)

    def clear(self) -> None:
        """Empty the typed fields; the channel and the kind stay (the next caller is most
        likely the same kind, on the same line)."""
        kept = self.form()
        # The province too: the next person most likely lives in the same one.
        self.set_form(
            IntakeForm(
                channel=kept.channel,
                submitter_kind=kept.submitter_kind,
                province_code=kept.province_code,
            )
        )
        self.show_errors({}, focus=False)

    def has_content(self) -> bool:
        """Anything typed that would be lost."""
        f = self.form()
        typed = (
            f.submitter_name,
            self.address.text(),  # the form's address names the province kept from before
            self.commune.text(),
            f.phone,
            f.email,
            f.title,
            f.content,
        )
        return any(v.strip() for v in (*typed, self.portal_code.text(), self.private_note_text()))

    # --- messages -----------------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str], *, focus: bool = True) -> list[str]:
        """Show each message under its field (and put the cursor in the first such field);
        returns the messages that belong to no row, for the page to show elsewhere."""
        errors = _on_rows(errors)
        for name, label in self.errors.items():
            msg = errors.get(name, "")
            label.setText(msg)
            label.setVisible(bool(msg))
        if focus:
            for name, controls in self._rows:
                if errors.get(name):
                    controls[0].setFocus()
                    break
        return [msg for name, msg in errors.items() if name not in self.errors and msg]

    def show_error(self, name: str, message: str) -> None:
        self.errors[name].setText(message)
        self.errors[name].setVisible(bool(message))

    def shown_errors(self) -> dict[str, str]:
        return {n: lbl.text() for n, lbl in self.errors.items() if lbl.isVisibleTo(self)}

    def recheck(self) -> None:
        """A field's message goes as soon as the field is valid; no new messages while typing.
        Messages of inserted rows are their page's to clear."""
        shown = [n for n in self.shown_errors() if n in INTAKE_FIELDS]
        if not shown:
            return
        still = _on_rows(validate_intake(self.form()))
        for name in shown:
            self.show_error(name, still.get(name, ""))

    # --- editing ------------------------------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        """Whether the case's state (and the person's role) allows changing the fields."""
        self._editable = editable
        for line in (
            self.portal_code,
            self.submitter_name,
            self.province,
            self.commune,
            self.address,
            self.phone,
            self.email,
            self.title,
        ):
            line.setReadOnly(not editable)
        for text in (self.content, self.private_note):
            text.setReadOnly(not editable)
        for combo in (self.channel, self.kind, self.topic):
            combo.setEnabled(editable)
        self._kind_changed()
        for warning in self.privacy_warnings:
            warning.refresh()

    def is_editable(self) -> bool:
        return self._editable

    def _edited(self, *_: Any) -> None:
        if not self._filling:
            self.recheck()
            self.changed.emit()

    def _province_chosen(self) -> None:
        self.commune.province_changed()
        self._edited()

    def _place_noted(self, note: str) -> None:
        self.place_note.setText(note)
        self.place_note.setVisible(bool(note))

    def _channel_changed(self, *_: Any) -> None:
        self.portal_code.setEnabled(_is_portal(self.channel.currentData()))
        self._edited()

    def _kind_changed(self, *_: Any) -> None:
        # Only a citizen is addressed as Ông or Bà; an organisation by its name.
        citizen = self.kind.currentData() == SubmitterKind.CITIZEN.value
        self.salutation.setEnabled(citizen and self._editable)
        if not citizen and not self._filling:
            self.salutation.setCurrentIndex(0)


def _on_rows(errors: dict[str, str]) -> dict[str, str]:
    """Messages of the address's parts under the address's row."""
    out: dict[str, str] = {}
    for name, msg in errors.items():
        row = ROW_OF.get(name, name)
        out[row] = f"{out[row]} {msg}" if out.get(row) and msg else (msg or out.get(row, ""))
    return out


def _is_portal(channel: object) -> bool:
    try:
        return Channel(str(channel)).is_portal
    except ValueError:
        return False


def _choose(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))
