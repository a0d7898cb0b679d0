"""A case in full: its fields (editable while its state allows), the classification and
handling actions the workflow allows, the deadlines and how they were computed, the history,
attachments and letters. Every change goes through the services.

Opening a case reads its head only (``EditorReads.head``: the fields, the state, the deadlines'
table, the actions) on the GUI thread; the history, the attachments, the explanations of the
days off and the suggested letter come from a read on a worker (``EditorReads.rest``) and fill
their places, marked "Loading…" meanwhile. An answer older than what the editor shows since
(an action, a save) is dropped. The actions' buttons are built from one table
(``ui/case_actions.ACTIONS``)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import fields, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDateTime, QModelIndex, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop import background
from pakn_desktop.domain import places
from pakn_desktop.domain.countdown import days_left_words
from pakn_desktop.domain.errors import PaknError, StaleCase, ValidationFailed
from pakn_desktop.domain.letters import (
    LETTER_FOR_ACTION,
    CaseEventFact,
    CaseFacts,
    LetterKind,
)
from pakn_desktop.domain.letters import suggested_letter as domain_suggested_letter
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.domain.wording import file_problem
from pakn_desktop.domain.workflow import Action
from pakn_desktop.services import Services
from pakn_desktop.services.editor_reads import EditorReads
from pakn_desktop.services.files import read_chosen, write_private
from pakn_desktop.services.views import Actor, CaseDetail

from . import file_names
from .case_actions import ACTIONS, BY_ACTION, Asked, translated
from .case_fields import CaseFields, intake_of
from .case_model import STATUS_COLOURS, STATUS_MARKS
from .intake import DateTimeField
from .operations import listen, run_op, this_case
from .privacy_warning import PrivacyWarning
from .stalls import operation
from .suggestion_panel import SuggestionPanel
from .unsaved import Answer, ask_before_closing, ask_unsaved, guard_window
from .window_sizes import remember_size
from .workers import Changes, Op, announce, message_for

if TYPE_CHECKING:  # loaded when a letter is first previewed (preview_letter)
    from .letters_ui import LetterDialog

# The history, attachments and days off are asked for this long after the head is shown.
REST_AFTER_MS = 50


def warm_up(services: Services, actor: Actor) -> None:
    """What the first case opened in a process would do once on the GUI thread, done ahead on
    a worker (the main window calls it, with this module's import, a moment after it shows):
    the places' tables the address fields look names up in (building and sorting them all
    costs some 70 ms, otherwise paid by a first case of each province) and the head's
    statements' first compilation."""
    for province in places.provinces():
        background.rest()  # while the person is using the window (pakn_desktop.background)
        places.communes(province.code)
    places.commune(0)  # the table of every commune by code
    with suppress(PaknError):
        EditorReads(services).warm_up(actor)


def suggested_letter(d: CaseDetail) -> LetterKind:
    """The letter the case most likely waits for (the domain's rule table decides)."""
    return domain_suggested_letter(
        CaseFacts(
            code=d.code,
            state=d.state,
            outcome=d.outcome,
            rejection_reason=d.rejection_reason,
            missing_info=d.missing_info,
            transfer_agency=d.transfer_agency,
            answer_text=d.answer_text,
            events=[CaseEventFact(e.id, e.action) for e in d.events]
            if d.complete
            else [CaseEventFact(i, a) for i, a in d.event_actions],
        )
    )


class WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text in the column's width (a tree view on its own
    wraps the text but keeps every row one line high, which cuts it)."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self._view = view
        # Wrapped heights by (text, width): a layout asks for every row each time, and the
        # columns that fit their contents resize many times while a case is shown.
        self._heights: dict[tuple[str, int], int] = {}
        # One layout after a burst of column resizes, not one per resize (each asks every
        # row's height again: thousands of text measurements on the GUI thread).
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(view.doItemsLayout)
        view.header().sectionResized.connect(lambda *_: self._relayout.start())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # type: ignore[override]
        base = super().sizeHint(option, index)
        width = self._view.columnWidth(index.column()) - 8
        if index.column() == 0:
            width -= self._view.indentation()
        text = str(index.data() or "")
        if width <= 0 or not text:
            return base
        height = self._heights.get((text, width))
        if height is None:
            if len(self._heights) > 4096:
                self._heights.clear()
            height = (
                self._view.fontMetrics()
                .boundingRect(0, 0, width, 100_000, int(Qt.TextFlag.TextWordWrap), text)
                .height()
            )
            self._heights[(text, width)] = height
        return QSize(base.width(), max(base.height(), height + 4))


class InputDialog(QDialog):
    """Asks for what an action needs: free text, a choice, or a choice plus text."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        prompt: str,
        *,
        choices: list[tuple[str, Any]] | None = None,
        editable_choices: bool = False,
        multiline: bool = True,
        check: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.combo: QComboBox | None = None
        self.text: QPlainTextEdit | QLineEdit | None = None
        # Typed text may be published: personal data in it is flagged and can be moved out.
        self.privacy: PrivacyWarning | None = None
        if choices is not None:
            self.combo = QComboBox()
            self.combo.setEditable(editable_choices)
            for text, data in choices:
                self.combo.addItem(text, data)
            layout.addWidget(self.combo)
            line = self.combo.lineEdit()
            if editable_choices and line is not None:
                self.privacy = PrivacyWarning(line)
                layout.addWidget(self.privacy)
        if multiline:
            self.text = QPlainTextEdit()
            self.text.setTabChangesFocus(True)
            layout.addWidget(self.text)
            self.privacy = PrivacyWarning(self.text)
            layout.addWidget(self.privacy)
        # What is missing is said here, in the dialog, which stays open until it is given.
        self.error = QLabel()
        self.error.setStyleSheet("color:#b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        ok.setText(self.tr("OK"))
        cancel.setText(self.tr("Cancel"))
        layout.addWidget(self.buttons)
        remember_size(self, "action_dialog", QSize(520, 260 if multiline else 140))

    def value(self) -> str:
        if isinstance(self.text, QPlainTextEdit):
            return self.text.toPlainText()
        return ""

    def moved_to_private(self) -> str:
        """Personal data the user moved out of the text, for the case's private note."""
        return self.privacy.moved_note() if self.privacy is not None else ""

    def accept(self) -> None:
        if self._check is not None:
            given = self.value() if self.text is not None or self.combo is None else ""
            if self.combo is not None and self.text is None:
                given = self.combo.currentText()
            try:
                self._check(given)
            except PaknError as exc:
                self.error.setText(exc.message)
                self.error.show()
                (self.text or self.combo or self).setFocus()
                return
        super().accept()


class ReceivedAtDialog(QDialog):
    """A head corrects the receipt time of a case, with a reason; the services record it in
    the history and recompute the deadlines. A refusal is shown here, the dialog stays."""

    def __init__(
        self, services: Services, actor: Actor, detail: CaseDetail, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._detail = detail
        self.result_detail: CaseDetail | None = None
        self.setWindowTitle(self.tr("Correct the receipt time of %1").replace("%1", detail.code))
        r = detail.received_at
        self.when = DateTimeField(QDateTime(r.year, r.month, r.day, r.hour, r.minute, 0))
        self.when.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when.setCalendarPopup(True)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.error = QLabel()
        self.error.setStyleSheet("color:#b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Recorded now:"), QLabel(f"{detail.received_at:%d/%m/%Y %H:%M}"))
        form.addRow(self.tr("Correct receipt time:"), self.when)
        form.addRow(self.tr("Reason (required):"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Correct"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("The deadlines are computed again from the corrected time."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        remember_size(self, "receipt_time_dialog", QSize(520, 300))

    def accept(self) -> None:
        q = self.when.dateTime()
        when = datetime(
            q.date().year(), q.date().month(), q.date().day(), q.time().hour(), q.time().minute()
        )
        try:
            self.result_detail = self._services.cases.correct_received_at(
                self._detail.code,
                when,
                self.reason.toPlainText(),
                self._actor,
                expected_version=self._detail.version,
            )
        except ValidationFailed as exc:
            self.error.setText("\n".join(exc.errors.values()))
            self.error.show()
            return
        except PaknError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        super().accept()


class CaseEditor(QDialog):
    changed = Signal(str)

    def __init__(
        self, services: Services, actor: Actor, code: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._reads = EditorReads(services)
        # Bumped whenever a case is shown: a worker's answer read before it is dropped.
        self._generation = 0
        self.rest_op: Op[CaseDetail] | None = None
        self._letter_chosen = False  # the person picked a letter: the worker's read keeps it
        self._shown_once = False  # closed after it was shown: its rest is neither read nor shown
        with operation(f"editor: head of {code}"):
            self.detail: CaseDetail = self._reads.head(code, actor)
        self.setWindowTitle(self.tr("PAKN %1").replace("%1", self.detail.code))
        remember_size(self, "editor", QSize(1200, 780))

        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fff4ce;border:1px solid #e0c060;padding:4px;")
        self.banner.hide()
        self.reapply = QPushButton(self.tr("Re-apply my changes"))
        self.reapply.hide()
        self.reapply.clicked.connect(self._reapply)
        # What this user typed when another desk saved first, to re-apply on request.
        # What this user typed and what they had read, kept when another desk saved first.
        self._typed: tuple[IntakeForm, str, IntakeForm, str] | None = None

        # --- fields: the same form as at intake (case_fields), editable while the state allows
        self.fields = CaseFields()
        # Messages that belong to no one field (the case's state, a refused change).
        self.fields_message = QLabel()
        self.fields_message.setStyleSheet("color:#b00020;")
        self.fields_message.setWordWrap(True)
        self.fields_message.hide()
        self.save_fields = QPushButton(self.tr("Save changes"))
        self.save_fields.clicked.connect(self.save_edit)
        fields_box = QWidget()
        fb = QVBoxLayout(fields_box)
        fb.addWidget(self.fields)
        fb.addStretch(1)

        # --- actions: one button per row of the table (ui/case_actions.ACTIONS)
        self.buttons: dict[Action, QPushButton] = {}
        grid = QGridLayout()
        for i, spec in enumerate(ACTIONS):
            b = QPushButton(translated(spec.label))
            if spec.shortcut:
                key = QKeySequence(spec.shortcut)
                b.setShortcut(key)
                b.setToolTip(key.toString(QKeySequence.SequenceFormat.NativeText))
            b.clicked.connect(lambda _c=False, a=spec.action: self.prompt_action(a))
            self.buttons[spec.action] = b
            grid.addWidget(b, i // 2, i % 2)
        self.correct_received = QPushButton(self.tr("Correct the receipt time…"))
        self.correct_received.clicked.connect(self.ask_correct_received)
        grid.addWidget(self.correct_received, len(ACTIONS) // 2, len(ACTIONS) % 2)
        actions_box = QGroupBox(self.tr("Classification and handling"))
        actions_box.setLayout(grid)
        # Only once it has a parent: shown before, it opened as a window of its own.
        self.correct_received.setVisible(services.cases.may_correct_received_at(actor))

        self.letter_kind = QComboBox()
        for kind in LetterKind:
            self.letter_kind.addItem(kind.label, kind.value)
        self.letter_kind.activated.connect(self._letter_picked)
        preview = QPushButton(self.tr("Preview, issue, print…"))
        preview.clicked.connect(self.preview_letter)
        letters_box = QGroupBox(self.tr("Letters"))
        lb = QHBoxLayout(letters_box)
        lb.addWidget(self.letter_kind, 1)
        lb.addWidget(preview)

        self.deadlines = QTreeWidget()
        self.deadlines.setHeaderLabels(
            [self.tr("Stage"), self.tr("Due"), self.tr("Working days left"), self.tr("Done on")]
        )
        self.history = QTreeWidget()
        self.history.setHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Public")]
        )
        # Long entries wrap onto more lines instead of being cut off.
        self.history.setWordWrap(True)
        self.history.setUniformRowHeights(False)
        self.history.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.history.header().setStretchLastSection(False)
        self.history.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history.setItemDelegate(WrapDelegate(self.history))
        self.deadlines.setWordWrap(True)
        self.deadlines.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.deadlines.setUniformRowHeights(False)
        self.deadlines.setItemDelegate(WrapDelegate(self.deadlines))
        # The dates and counts keep their width; the stage names take the rest and wrap.
        deadline_header = self.deadlines.header()
        deadline_header.setStretchLastSection(False)
        deadline_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            deadline_header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.attachments = QListWidget()
        self.open_attachment_button = att_open = QPushButton(self.tr("Open"))
        att_open.clicked.connect(self.open_attachment)
        att_add = QPushButton(self.tr("Add files…"))
        att_add.clicked.connect(self.add_attachments)
        att_box = QWidget()
        ab = QVBoxLayout(att_box)
        ab.addWidget(self.attachments)
        row = QHBoxLayout()
        row.addWidget(att_open)
        row.addWidget(att_add)
        row.addStretch(1)
        ab.addLayout(row)
        self.details_text = QLabel()
        self.details_text.setWordWrap(True)
        self.details_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        tabs = QTabWidget()
        tabs.addTab(self.deadlines, self.tr("Deadlines"))
        tabs.addTab(self.history, self.tr("History"))
        tabs.addTab(att_box, self.tr("Attachments"))
        right = QWidget()
        rl = QVBoxLayout(right)
        self.suggestion = SuggestionPanel.for_editor(self)
        rl.addWidget(self.suggestion)
        rl.addWidget(actions_box)
        rl.addWidget(letters_box)
        rl.addWidget(self.details_text)
        rl.addWidget(tabs, 1)

        split = QSplitter()
        split.setChildrenCollapsible(False)
        # Each half scrolls on its own when the screen is small (1366×768 at 125 %).
        holders = []
        for half in (fields_box, right):
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setWidget(half)
            holders.append(holder)
        # The save button and its message stay in sight below the scrolling fields.
        left_column = QWidget()
        lc = QVBoxLayout(left_column)
        lc.setContentsMargins(0, 0, 0, 0)
        lc.addWidget(holders[0], 1)
        lc.addWidget(self.fields_message)
        lc.addWidget(self.save_fields)
        split.addWidget(left_column)
        split.addWidget(holders[1])
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.reapply)
        layout.addLayout(banner_row)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        layout.addWidget(split, 1)
        QWidget.setTabOrder(self.fields.focus_chain()[-1], self.save_fields)
        with operation(f"editor: head of {code} shown"):
            self.show_detail(self.detail)
        # Esc and the window's X ask before typed changes are lost (ui/unsaved.py); so does
        # the X of the window it was opened from, which ends the app and takes it along.
        ask_before_closing(self)
        if parent is not None:
            guard_window(parent.window())
        # This case changed elsewhere (a letter issued for it, another editor linking it, an
        # import or a restore, which name no case) or a moved deadline: shown again, what is
        # typed kept. Another case's change is not read (a million cases' desks save all day);
        # its own changes it shows already; the office or the people are not its own.
        listen(self, this_case(self.detail.code), self.reload)  # as stored, however typed

    # --- showing ------------------------------------------------------------------------
    def show_detail(self, d: CaseDetail, *, keep_typing: bool = True) -> None:
        """Show the case as stored; with ``keep_typing`` the fields this person changed and
        did not save yet are put back over it (after an attachment, a letter or a corrected
        receipt time the case is shown again, and nothing typed is lost)."""
        typed = self._typed_changes() if keep_typing else None
        self._generation += 1  # what a worker read before this is older: dropped
        self.detail = d
        colour = STATUS_COLOURS[d.status]
        # The date the colour depends on, as the queue shows it, and how far off it is.
        due = (
            f" · {d.status_due:%d/%m/%Y} ({days_left_words(d.status_days_left)})"
            if d.status_due
            else ""
        )
        self.header.setText(
            f"<span style='font-size:18pt;font-weight:bold'>{d.code}</span>&nbsp;&nbsp;"
            f"<span style='font-size:12pt'>{d.state.label}</span>&nbsp;&nbsp;"
            f"<span style='background:{colour};color:#000;padding:2px'>"
            f"&nbsp;{STATUS_MARKS[d.status]} {d.status_text}{due}&nbsp;</span>"
        )
        self.fields.show_case(d)
        # What the fields held when shown: anything else is a change not saved yet.
        self._shown_fields = (self.fields.form(), self.fields.private_note_text())
        self.fields.show_errors({}, focus=False)
        may = self._services.guard.may  # the roles, reflected; the services decide again
        editable = Action.EDIT in d.allowed and may(
            self._actor, Action.EDIT, d.official_id, state=d.state
        )
        self.fields.set_editable(editable)
        self.save_fields.setEnabled(editable)
        for spec in ACTIONS:
            self.buttons[spec.action].setEnabled(spec.enabled(self._services, self._actor, d))
        if typed is not None and editable:
            mine, note = typed
            self.fields.set_form(
                replace(self.fields.form(), **mine),
                note if note is not None else self.fields.private_note_text(),
            )
        facts = [
            self.tr("Received: %1").replace("%1", f"{d.received_at:%d/%m/%Y %H:%M}"),
            self.tr("Clock starts: %1").replace("%1", f"{d.clock_start:%d/%m/%Y}"),
            self.tr("Unit: %1").replace("%1", d.unit_name or "—"),
            self.tr("Official: %1").replace("%1", d.official_name or "—"),
        ]
        if d.rejection_reason:
            facts.append(self.tr("Reason for rejection: %1").replace("%1", d.rejection_reason))
        if d.missing_info:
            facts.append(self.tr("Asked to clarify: %1").replace("%1", d.missing_info))
        if d.transfer_agency:
            facts.append(self.tr("Transferred to: %1").replace("%1", d.transfer_agency))
        if d.result_text:
            facts.append(self.tr("Result: %1").replace("%1", d.result_text))
        if d.answer_text:
            facts.append(self.tr("Answer: %1").replace("%1", d.answer_text))
        self.details_text.setText("\n".join(facts))
        self._show_deadlines(d)
        self._letter_chosen = False
        self._show_letter(d)
        if d.complete:
            self._show_rest(d)
        else:
            loading = self.tr("Loading…")
            self.history.clear()
            self.history.addTopLevelItem(QTreeWidgetItem(["", "", loading, ""]))
            self.attachments.clear()
            self.attachments.addItem(loading)
            # Once the window has been laid out and painted: a worker running Python code
            # meanwhile slows the GUI thread down (they share the interpreter's lock; at 60,000
            # cases the first paint took 44-55 ms beside the worker, 23 ms without it).
            QTimer.singleShot(REST_AFTER_MS, self, self._load_rest)

    def _show_deadlines(self, d: CaseDetail) -> None:
        """The deadlines' rows; the days off under each (their explanations) once the whole
        case is read (``complete``): explaining them may load the holidays' names."""
        self.deadlines.clear()
        for dv in d.deadlines:
            item = QTreeWidgetItem(
                [
                    dv.label,
                    f"{dv.due:%d/%m/%Y}",
                    dv.left_text,
                    dv.met_text,
                ]
            )
            if d.complete:
                item.setToolTip(0, "\n".join(text for _, text in dv.skipped))
                for _day, text in dv.skipped:
                    item.addChild(QTreeWidgetItem([text]))
            self.deadlines.addTopLevelItem(item)

    def _show_rest(self, d: CaseDetail) -> None:
        """The history, the attachments and the letter the case waits for."""
        self.history.clear()
        for e in d.events:
            item = QTreeWidgetItem(
                [f"{e.at:%d/%m/%Y %H:%M}", e.actor_name, e.summary, "✓" if e.public else ""]
            )
            item.setToolTip(2, e.summary)
            self.history.addTopLevelItem(item)
        for col in (0, 1, 3):
            self.history.resizeColumnToContents(col)
        self.attachments.clear()
        for a in d.attachments:
            it = a.filename + f" — {a.size / 1024:.0f} KB — {a.media_type}"
            self.attachments.addItem(it)

    def _show_letter(self, d: CaseDetail) -> None:
        self.letter_kind.setCurrentIndex(self.letter_kind.findData(suggested_letter(d).value))

    def _letter_picked(self, _index: int) -> None:
        self._letter_chosen = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._shown_once = True

    def _closed(self) -> bool:
        """Shown and closed since (a minimised window is still visible)."""
        return self._shown_once and not self.isVisible()

    def _load_rest(self) -> Op[CaseDetail] | None:
        """Read the whole case on a worker and show what the head left out; an answer that
        comes after another case state was shown is dropped."""
        if self.detail.complete:  # an action's answer came first: nothing left to read
            return None
        if self._closed():  # a case opened again gets a new window
            return None
        generation = self._generation
        reads, actor, code = self._reads, self._actor, self.detail.code

        def arrived(full: CaseDetail) -> None:
            if generation != self._generation or not shiboken6.isValid(self):
                return
            self.rest_op = None
            if self._closed():
                return  # closed meanwhile: nobody will see it (the window's time is spared)
            if full.version != self.detail.version:  # another desk changed it meanwhile
                self.show_detail(full)
                return
            self.detail = full
            with operation(f"editor: rest of {code} shown"):
                self._show_deadlines(full)
                self._show_rest(full)
                if not self._letter_chosen:  # a letter the person picked meanwhile stays
                    self._show_letter(full)

        def failed(exc: BaseException) -> None:
            if generation != self._generation or not shiboken6.isValid(self):
                return
            self.rest_op = None
            text = self.tr("Not read: %1").replace("%1", message_for(exc))
            self.history.clear()
            self.history.addTopLevelItem(QTreeWidgetItem(["", "", text, ""]))
            self.attachments.clear()
            self.attachments.addItem(text)

        self.rest_op = run_op(
            self,
            lambda _p: reads.rest(code, actor),
            success=arrived,
            failure=failed,
            show_progress=False,
        )
        return self.rest_op

    def reload(self, *, keep_typing: bool = True) -> None:
        """The case as stored now, whole: after something the person did here (a letter, an
        attachment, a refused save), as an action's own answer is."""
        with operation(f"editor: {self.detail.code} read again"):
            self.show_detail(
                self._services.case_reads.get(self.detail.code, self._actor),
                keep_typing=keep_typing,
            )

    # --- actions --------------------------------------------------------------------------
    def prompt_action(self, action: Action) -> None:
        """Ask for what the action needs (its row's ``ask``), then do it. Typed changes not
        saved yet are asked about first (the action shows the case again, and may end its
        editing)."""
        if self.has_unsaved_changes():
            answer = ask_unsaved(self, self.unsaved_name())
            if answer is Answer.BACK or (answer is Answer.SAVE and not self.save_edit()):
                return
            if answer is Answer.DISCARD:
                self.show_detail(self.detail, keep_typing=False)
        d = self.detail
        asked = BY_ACTION[action].ask(self, d)
        if asked is None:
            return
        if self._run(action, asked) and asked.moved_to_private:
            try:
                self._services.personal_data.keep_private(
                    d.code, asked.moved_to_private, self._actor
                )
            except PaknError as exc:
                self._say(exc.message)
            self.reload()

    def official_choices(self) -> list[tuple[str, Any]]:
        """The officials a case may be given to, as the pickers list them."""
        return self._services.office.official_choices()

    def ask_correct_received(self) -> ReceivedAtDialog:
        """Open the correction dialog (not modal); the case is shown again once corrected."""
        dialog = ReceivedAtDialog(self._services, self._actor, self.detail, self)

        def done() -> None:
            if dialog.result_detail is not None:
                self.banner.hide()
                self.show_detail(dialog.result_detail)
                self.tell_changed()

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def do_action(self, action: Action, value: Any = None, **extra: Any) -> bool:
        """Run an action through the services with what it needs; on failure say why and
        keep the case shown."""
        return self._run(action, Asked(value, extra))

    def _run(self, action: Action, asked: Asked) -> bool:
        row = BY_ACTION.get(action)
        if row is None:
            return False
        try:
            with operation(f"editor: {action.value}"):
                detail = row.run(self._services.cases, self.detail, self._actor, asked)
        except StaleCase as exc:
            self._say(exc.message)
            self.reload()
            return False
        except PaknError as exc:
            self._say(exc.message)
            return False
        self.banner.hide()
        self.show_detail(detail)
        self.tell_changed()
        letter = LETTER_FOR_ACTION.get(action)
        if letter is not None:
            self.letter_kind.setCurrentIndex(self.letter_kind.findData(letter.value))
            self._say(
                self.tr("Done. The letter this calls for is selected below: %1.").replace(
                    "%1", letter.label
                )
            )
        return True

    def tell_changed(self) -> None:
        """This case changed here (an action, a save, a corrected receipt time): ``changed``,
        and every view hears which case (another open case does not read again)."""
        self.changed.emit(self.detail.code)
        announce(Changes.of_cases(self.detail.code), self)

    def links_changed(self, others: tuple[str, ...]) -> None:
        """Linked or unlinked as the same PAKN here (the suggestion panel): the case is read
        again (linking may close it, unlinking reopen it), and the views hear of it and of
        ``others``, the cases the link touched (none: it was refused, nothing changed)."""
        self.reload()
        if others:
            announce(Changes.of_cases(self.detail.code, *others), self)

    def _say(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    # --- unsaved changes (ui/unsaved.py asks on Esc and on the window's X) ------------------
    def has_unsaved_changes(self) -> bool:
        return self.fields.is_editable() and (
            (self.fields.form(), self.fields.private_note_text()) != self._shown_fields
        )

    def save_unsaved_changes(self) -> bool:
        return self.save_edit()

    def _typed_changes(self) -> tuple[dict[str, str], str | None] | None:
        """The intake fields this person changed since the case was shown (and the private
        note, if changed), or None."""
        shown = getattr(self, "_shown_fields", None)
        if shown is None or not self.has_unsaved_changes():
            return None
        (read, read_note), form = shown, self.fields.form()
        mine = {
            f.name: getattr(form, f.name)
            for f in fields(IntakeForm)
            if getattr(form, f.name) != getattr(read, f.name)
        }
        note = self.fields.private_note_text()
        return mine, (note if note != read_note else None)

    def unsaved_name(self) -> str:
        return self.tr("PAKN %1").replace("%1", self.detail.code)

    def save_edit(self) -> bool:
        """Save the fields as typed (the Save button); False when the save was refused (its
        message is shown and what was typed stays)."""
        form = self.fields.form()
        note = self.fields.private_note_text()
        try:
            detail = self._services.cases.edit(
                self.detail.code,
                form,
                self._actor,
                expected_version=self.detail.version,
                private_note=note,
            )
        except StaleCase as exc:
            # Keep what this user typed, reload the other desk's version, offer to re-apply.
            self._typed = (form, note, intake_of(self.detail), self.detail.private_note)
            self.reload(keep_typing=False)
            self._say(
                exc.message + " " + self.tr("Your changes are kept: press “Re-apply my changes”.")
            )
            self.reapply.show()
            return False
        except ValidationFailed as exc:
            self._say_about_fields("\n".join(self.fields.show_errors(exc.errors)))
            return False
        except PaknError as exc:
            self._say_about_fields(exc.message)
            return False
        self._say_about_fields("")
        self.reapply.hide()
        self.show_detail(detail, keep_typing=False)
        self.tell_changed()
        return True

    def _reapply(self) -> None:
        if self._typed is not None:
            # Only the fields this user changed come back; the other desk's corrections to
            # the rest stay.
            typed, note, read, read_note = self._typed
            mine = {
                f.name: getattr(typed, f.name)
                for f in fields(IntakeForm)
                if getattr(typed, f.name) != getattr(read, f.name)
            }
            now_note = self.fields.private_note_text()
            self.fields.set_form(
                replace(self.fields.form(), **mine), note if note != read_note else now_note
            )
        self.reapply.hide()
        self.banner.hide()

    def _say_about_fields(self, text: str) -> None:
        self.fields_message.setText(text)
        self.fields_message.setVisible(bool(text))

    # --- attachments and letters -------------------------------------------------------------
    def open_attachment(self) -> None:
        row = self.attachments.currentRow()
        if not 0 <= row < len(self.detail.attachments):  # none chosen, or still "Loading…"
            return
        att = self.detail.attachments[row]
        name, data = self._services.case_reads.attachment_data(att.id, self._actor)
        folder = Path(tempfile.mkdtemp(prefix="pakn-"))  # 0700
        path = folder / name
        write_private(path, lambda tmp: tmp.write_bytes(data))  # 0600, as every file written
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def add_attachments(self) -> None:
        names = file_names.open_file_names(self, self.tr("Add files"))
        for n in names:
            try:
                self._services.cases.add_attachment(
                    self.detail.code, Path(n).name, read_chosen(n), self._actor
                )
            except (OSError, PaknError) as exc:
                QMessageBox.warning(
                    self,
                    self.tr("File not added"),
                    exc.message if isinstance(exc, PaknError) else file_problem(exc, n),
                )
        self.reload()

    def preview_letter(self) -> LetterDialog:
        """Open the letter dialog: preview, issue (optionally signed), print, save. Its
        module (QtPdf, QtPrintSupport: memory the start-up does not spend) is loaded here,
        or ahead by the editor's warm-up on a worker."""
        from .letters_ui import LetterDialog

        dialog = LetterDialog(
            self._services,
            self._actor,
            self.detail.code,
            LetterKind(self.letter_kind.currentData()),
            self,
            on_issued=lambda _letter: self.reload(),
        )
        dialog.show()
        return dialog
