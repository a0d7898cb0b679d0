"""Warn where people type text that will be public: the personal data in it is highlighted
(as the intake form does), a line says what was found, and one button moves it to the private
note, leaving labels such as "[số điện thoại]" in the text.

``PrivacyWarning(field)`` works on a QPlainTextEdit (each finding highlighted) or a
QLineEdit (the field is marked and its tooltip lists what was found). Given the form's own
private-note field, what is moved is appended there; without one (an action dialog), it is
kept in ``moved_note()`` for the caller to save with the case.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import (
    QColor,
    QShowEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from pakn_desktop.domain.personal_data import Finding, find_personal_data, split_private

_MARKED = "QLineEdit { background: #ffe0e0; border: 1px solid #c00000; }"


class PersonalDataHighlighter(QSyntaxHighlighter):
    """Red wavy underline on a light red background under each piece of personal data."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.fmt = QTextCharFormat()
        self.fmt.setBackground(QColor("#ffb3b3"))
        self.fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.fmt.setUnderlineColor(QColor("#c00000"))

    def highlightBlock(self, text: str) -> None:
        for f in find_personal_data(text):
            self.setFormat(f.start, f.end - f.start, self.fmt)


class PrivacyWarning(QWidget):
    """The warning line and the "move to the private note" button under one public field."""

    moved = Signal(str)

    def __init__(
        self,
        field: QPlainTextEdit | QLineEdit,
        private_note: QPlainTextEdit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.private_note = private_note
        self._moved: list[str] = []
        self._style = field.styleSheet()
        self.highlighter: PersonalDataHighlighter | None = None
        if isinstance(field, QPlainTextEdit):
            self.highlighter = PersonalDataHighlighter(field.document())
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #8a4b00;")
        self.move_button = QPushButton(self.tr("Move personal data to the private note"))
        self.move_button.clicked.connect(self.move_to_private)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.move_button)
        field.textChanged.connect(self.refresh)
        self.refresh()

    def text(self) -> str:
        if isinstance(self.field, QPlainTextEdit):
            return self.field.toPlainText()
        return self.field.text()

    def findings(self) -> list[Finding]:
        return find_personal_data(self.text())

    def kind_names(self, kinds: list[str]) -> str:
        names = {
            "phone": self.tr("phone number"),
            "cccd": self.tr("citizen ID (CCCD)"),
            "cmnd": self.tr("ID card (CMND)"),
            "email": self.tr("email"),
            "tax_code": self.tr("tax code"),
            "bank_account": self.tr("bank account number"),
            "social_insurance": self.tr("social insurance number"),
            "passport": self.tr("passport number"),
            "birth_date": self.tr("date of birth"),
            "license_plate": self.tr("number plate"),
            "address": self.tr("house address"),
        }
        return ", ".join(names.get(k, k) for k in kinds)

    def refresh(self) -> None:
        findings = self.findings()
        kinds = list(dict.fromkeys(f.kind for f in findings))
        if findings:
            self.label.setText(
                self.tr("This text will be public and contains personal data: %1.").replace(
                    "%1", self.kind_names(kinds)
                )
            )
        self.setVisible(bool(findings))
        # A read-only field (a closed case) is warned about, but nothing can be moved.
        self.move_button.setVisible(not self.field.isReadOnly())
        if isinstance(self.field, QLineEdit):
            self.field.setStyleSheet(_MARKED if findings else self._style)
            self.field.setToolTip(
                "\n".join(f"{self.kind_names([f.kind])}: {f.text}" for f in findings)
            )

    def move_to_private(self) -> str:
        """Replace the personal data in the field by labels; the moved values go to the
        private note (or are kept for the caller). Returns what was moved."""
        if self.field.isReadOnly():
            return ""
        public, note = split_private(self.text())
        if not note:
            return ""
        if isinstance(self.field, QPlainTextEdit):
            self.field.setPlainText(public)
        else:
            self.field.setText(public)
        if self.private_note is not None:
            existing = self.private_note.toPlainText().strip()
            self.private_note.setPlainText((existing + "\n" if existing else "") + note)
        else:
            self._moved.append(note)
        self.moved.emit(note)
        return note

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.move_button.setVisible(not self.field.isReadOnly())

    def moved_note(self) -> str:
        """What was moved out of the field and not yet saved anywhere."""
        return "\n".join(self._moved)
