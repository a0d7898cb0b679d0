"""Xem lại phần che trước khi công khai: before an answer is published the head sees what the
public gate masked, the text as written on the left with each masked part highlighted and
the text as it will be published on the right, and corrects it: select words on the left and
mask them, or put the cursor in a highlighted part and restore it. Saving records the choice
in the case's history (``PublishService.save_review``); every later export applies it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.services import Services
from pakn_desktop.services.publish import PLACEHOLDER_TEXTS, PublishReview
from pakn_desktop.services.views import Actor

MASKED = QColor("#ffd54f")  # what the gate masks, on the left
PLACEHOLDER = QColor("#b3e5fc")  # the placeholders, on the right


class PublishReviewDialog(QDialog):
    def __init__(
        self, services: Services, actor: Actor, code: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.code = code
        self.setWindowTitle(
            self.tr("Review the masking before publishing — %1").replace("%1", code)
        )
        self.review: PublishReview = services.publish.review(code, actor)
        self._mask = list(self.review.mask)
        self._keep = list(self.review.keep)
        # (start, end) in the left pane of each masked part, with its text.
        self._spans: list[tuple[int, int, str, str]] = []

        self.original = QPlainTextEdit()
        self.original.setReadOnly(True)
        self.original.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.public = QPlainTextEdit()
        self.public.setReadOnly(True)
        for edit in (self.original, self.public):
            edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.mask_button = QPushButton(self.tr("Mask the selected words"))
        self.mask_button.clicked.connect(self.mask_selection)
        self.restore_button = QPushButton(self.tr("Restore the masked words at the cursor"))
        self.restore_button.clicked.connect(self.restore_at_cursor)
        self.save_button = QPushButton(self.tr("Save the choice"))
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        self.choices = QLabel()
        self.choices.setWordWrap(True)
        self.choices.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setWordWrap(True)

        panes = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("As written (masked parts highlighted)")))
        left.addWidget(self.original, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("As it will be published")))
        right.addWidget(self.public, 1)
        panes.addLayout(left, 1)
        panes.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mask_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "Select words on the left and press “Mask the selected words”; put the cursor "
                "in a highlighted part and press “Restore” to publish it as written. The choice "
                "applies wherever the words appear in this PAKN and is recorded in its history."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addLayout(panes, 1)
        layout.addWidget(self.choices)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.resize(1200, 640)
        self._show()

    # --- showing ------------------------------------------------------------------------------
    def _show(self) -> None:
        self._spans = []
        left: list[str] = []
        right: list[str] = []
        pos = 0
        for f in self.review.fields:
            head = f"{f.label}:\n"
            left.append(head)
            pos += len(head)
            for m in f.masked:
                self._spans.append((pos + m.start, pos + m.end, m.kind, m.text))
            left.append(f.original + "\n\n")
            pos += len(f.original) + 2
            right.append(f"{f.label}:\n{f.public}\n\n")
        self.original.setPlainText("".join(left).rstrip("\n"))
        self.public.setPlainText("".join(right).rstrip("\n"))
        self._highlight(self.original, [(s, e) for s, e, _k, _t in self._spans], MASKED, bold=False)
        public_text = self.public.toPlainText()
        marks = []
        for placeholder in PLACEHOLDER_TEXTS:
            i = public_text.find(placeholder)
            while i >= 0:
                marks.append((i, i + len(placeholder)))
                i = public_text.find(placeholder, i + 1)
        self._highlight(self.public, marks, PLACEHOLDER, bold=True)
        parts = []
        if self._mask:
            parts.append(self.tr("Masked by hand: %1").replace("%1", "; ".join(self._mask)))
        if self._keep:
            parts.append(self.tr("Restored: %1").replace("%1", "; ".join(self._keep)))
        self.choices.setText("\n".join(parts) or self.tr("No change to the automatic masking."))

    @staticmethod
    def _highlight(
        edit: QPlainTextEdit, spans: list[tuple[int, int]], color: QColor, *, bold: bool
    ) -> None:
        selections = []
        for start, end in spans:
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            if bold:
                fmt.setFontWeight(700)
            sel.format = fmt
            cursor = QTextCursor(edit.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            selections.append(sel)
        edit.setExtraSelections(selections)

    def _reload(self) -> None:
        try:
            self.review = self._services.publish.review(
                self.code, self._actor, mask=self._mask, keep=self._keep
            )
        except PaknError as exc:
            self.message.setText(exc.message)
            return
        self._show()

    # --- choosing -----------------------------------------------------------------------------
    def masked_parts(self) -> list[str]:
        """The masked parts as the left pane shows them (for the person and for tests)."""
        return [t for _s, _e, _k, t in self._spans]

    def mask_selection(self) -> None:
        words = " ".join(self.original.textCursor().selectedText().split())
        if not words:
            self.message.setText(self.tr("Select the words to mask in the left column first."))
            return
        if words in self._keep:
            self._keep.remove(words)
        elif words not in self._mask:
            self._mask.append(words)
        self.message.setText(self.tr("Not saved yet."))
        self._reload()

    def restore_at_cursor(self) -> None:
        cursor = self.original.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        hit = [t for s, e, _k, t in self._spans if s <= end and start <= e]
        if not hit:
            self.message.setText(
                self.tr("Put the cursor in a highlighted part of the left column first.")
            )
            return
        for text in hit:
            words = " ".join(text.split())
            if words in self._mask:
                self._mask.remove(words)
            elif words not in self._keep:
                self._keep.append(words)
        self.message.setText(self.tr("Not saved yet."))
        self._reload()

    def save(self) -> None:
        try:
            self.review = self._services.publish.save_review(
                self.code, self._actor, mask=self._mask, keep=self._keep
            )
        except PaknError as exc:
            self.message.setText(exc.message)
            return
        self._show()
        self.message.setText(
            self.tr("Saved and recorded in the history: the next export applies it.")
        )
