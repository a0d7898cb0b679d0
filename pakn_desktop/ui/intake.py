"""Tiếp nhận: the intake form. Keyboard first, validated inline in Vietnamese, warns about
personal data in the published content, lists possible repeat petitions, keeps attachments,
autosaves an unsaved form and shows the new PAKN code large enough to read out.

Autosave: while a form is being typed it is written to ``intake-autosave-N.json`` in the data
folder within a second of each change (N: this window's slot, held with a lock file). At the
next start the autosave of every window that is no longer running is moved aside as a
*recovered* form (``intake-recovered-*.json``) before this session writes anything, so the new,
empty form can never overwrite it; a recovered form stays until the person restores or
discards it, however long that takes and across further restarts.

The receipt time is "now" unless the person changes it on purpose: an untouched field follows
the clock and the exact time is taken at saving; a changed time more than one working day back
asks for confirmation. The code of the previous save and the restore offer are shown beside the
form in a fixed place, never above it, so nothing moves under the pointer."""

from __future__ import annotations

import contextlib
import itertools
import json
import mimetypes
import os
import re
import shutil
import uuid
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from PySide6.QtCore import QDateTime, QLockFile, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QGuiApplication,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.errors import PaknError, ValidationFailed
from pakn_desktop.domain.validation import IntakeForm, validate_intake
from pakn_desktop.domain.wording import file_problem, latest_by
from pakn_desktop.services import Services
from pakn_desktop.services.attachments import MAX_ATTACHMENT_BYTES, check_attachment
from pakn_desktop.services.files import read_chosen
from pakn_desktop.services.paths import data_dir
from pakn_desktop.services.views import Actor, CaseDetail

from . import file_names
from .case_fields import CaseFields, form_of
from .choices import refill
from .operations import listen
from .suggestion_panel import SuggestionPanel
from .workers import run_in_background

RECOVERED_GLOB = "intake-recovered-*.json"
# Format 2 keeps the intake data under the domain's field names; format 1 (no "format" key)
# named the submitter's kind "kind". Both are read.
AUTOSAVE_FORMAT = 2
AUTOSAVE_DELAY_MS = 700
# Each running window writes its own autosave, in a numbered slot held with a lock file, so a
# second window started by accident neither overwrites nor takes the first one's form.
AUTOSAVE_SLOTS = 8
_SLOT_NAME = re.compile(r"intake-autosave-(\d+)\.json")
# Height of the place beside the form where the code of the last save is shown: fixed, so
# showing or hiding it never moves anything.
RESULT_HEIGHT = 190


def intake_form(data: dict[str, Any]) -> tuple[IntakeForm, str]:
    """The intake data and the private note of an autosaved form, of either format."""
    form = form_of(data)
    if not form.submitter_kind and data.get("kind"):
        form = replace(form, submitter_kind=str(data["kind"]))  # format 1
    note = data.get("private_note")
    return form, "" if note is None else str(note)


def _slot_file(n: int, suffix: str) -> Path:
    return data_dir() / f"intake-autosave-{n}.{suffix}"


def take_autosave_slot() -> tuple[Path, QLockFile | None]:
    """The autosave file of this window and the lock that marks it as in use. A lock left by
    a process that died is taken over at once (QLockFile knows the process is gone)."""
    for n in range(AUTOSAVE_SLOTS):
        lock = QLockFile(str(_slot_file(n, "lock")))
        if lock.tryLock(0):
            return _slot_file(n, "json"), lock
    return data_dir() / f"intake-autosave-p{os.getpid()}.json", None


def recovered_forms() -> list[Path]:
    """Forms left by earlier sessions that were not saved, the newest first."""

    def age(p: Path) -> tuple[float, str]:
        try:
            return (p.stat().st_mtime, p.name)
        except OSError:
            return (0.0, p.name)

    return sorted(data_dir().glob(RECOVERED_GLOB), key=age, reverse=True)


def forms_waiting() -> bool:
    """Whether an autosaved or recovered intake form lies in the data folder (a cheap look,
    before the intake page is built)."""
    folder = data_dir()
    return any(folder.glob("intake-autosave*.json")) or any(folder.glob(RECOVERED_GLOB))


def files_of(form_file: Path) -> Path:
    """The folder beside an autosaved or recovered form that holds its attached files."""
    return form_file.with_suffix(".files")


def _private_file(path: Path, mode: str) -> IO[Any]:
    """``path`` opened for writing, readable by its owner only (0600) whatever the umask: an
    autosave holds a citizen's personal data, as every file the app writes does."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    if os.name == "posix":
        os.fchmod(fd, 0o600)  # a file left by an older version keeps its mode otherwise
    return os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8")


def _remove_files(form_file: Path) -> None:
    shutil.rmtree(files_of(form_file), ignore_errors=True)


def _set_aside(path: Path) -> None:
    stamp = vn_now().strftime("%Y%m%d-%H%M%S")
    target = data_dir() / f"intake-recovered-{stamp}-{os.getpid()}-{uuid.uuid4().hex[:6]}.json"
    with contextlib.suppress(OSError):  # another start took it first: it offers it
        if files_of(path).exists():
            files_of(path).replace(files_of(target))
        path.replace(target)


def adopt_autosaves(own: Path) -> None:
    """Set aside, as recovered forms, the autosaves of sessions that are no longer running
    (``own`` included: its slot was free, so whoever wrote it is gone). A running window's
    autosave is left alone."""
    for path in data_dir().glob("intake-autosave*.json"):
        match = _SLOT_NAME.fullmatch(path.name)
        if path == own or match is None:
            _set_aside(path)
            continue
        lock = QLockFile(str(_slot_file(int(match[1]), "lock")))
        if lock.tryLock(0):  # nobody holds it: its window is gone
            try:
                _set_aside(path)
            finally:
                lock.unlock()


class DateTimeField(QDateTimeEdit):
    """A date and time field that Tab leaves at once (Qt's own walks through day, month,
    year, hour and minute first); the arrow keys move between those parts."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class AttachmentList(QListWidget):
    """Accepts files dropped on it."""

    files_dropped = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.setMaximumHeight(90)

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dragMoveEvent(self, e: Any) -> None:
        e.acceptProposedAction()

    def dropEvent(self, e: QDropEvent) -> None:
        self.files_dropped.emit(_local_files(e.mimeData()))
        e.acceptProposedAction()


def _local_files(mime: QMimeData) -> list[Path]:
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1048576:.1f} MB"


class IntakeForm_(QWidget):
    saved = Signal(str)
    open_case = Signal(str)

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._attachments: list[tuple[str, bytes]] = []
        self._attachments_saved = True  # the autosave folder holds the current files
        self._dirty = False
        self._loading = True  # building the form is not typing
        self._received_touched = False
        self._received_confirmed = False  # taken from the document itself: not asked again
        self._recovered: Path | None = None
        self.autosave_file, self._autosave_lock = take_autosave_slot()
        adopt_autosaves(self.autosave_file)

        self.fields = CaseFields()
        self.fields.set_topics(services.routing.topics())  # the office's own list
        # Most people live in the office's own province: offered first, changed in one step.
        self.fields.province.set_code(services.office.home_province_code())
        self.received = DateTimeField(self._now())
        self.received.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.received.setCalendarPopup(True)
        # The wheel passing over it must not change the receipt time.
        self.received.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.received.setToolTip(
            self.tr("Now, unless you change it. A time more than one working day back asks.")
        )
        # A changed receipt time is marked, and one click puts it back to now.
        self.received_now = QPushButton(self.tr("Now"))
        self.received_now.setToolTip(self.tr("Set the receipt time back to now"))
        self.received_now.clicked.connect(self.receipt_time_now)
        self.received_now.hide()
        received_box = QWidget()
        rbx = QHBoxLayout(received_box)
        rbx.setContentsMargins(0, 0, 0, 0)
        rbx.addWidget(self.received, 1)
        rbx.addWidget(self.received_now)
        self.fields.insert_row(
            "submitter_kind",
            self.tr("Received at *"),
            "received_at",
            received_box,
            [self.received, self.received_now],
        )
        self.unit = QComboBox()
        self.unit.addItem(self.tr("(not chosen)"), None)
        for u in services.office.units():
            self.unit.addItem(u.name, u.id)
        self.fields.insert_row("topic", self.tr("Receiving unit"), "unit", self.unit)
        # A unit added in the settings is offered when the form is next in sight.
        listen(self, lambda c: c.people, self.reread_units)

        self.attachment_list = AttachmentList()
        self.attachment_list.files_dropped.connect(self.add_files)
        self.add_file = add_file = QPushButton(self.tr("Attach files…"))
        add_file.clicked.connect(self._choose_files)
        self.remove_file = remove_file = QPushButton(self.tr("Remove"))
        remove_file.clicked.connect(self._remove_file)
        att_box = QWidget()
        ab = QVBoxLayout(att_box)
        ab.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(
            self.tr("Drop files here or use the button (JPG, PNG, PDF, DOC, DOCX, XLS, XLSX).")
        )
        hint.setStyleSheet("color: #555;")
        ab.addWidget(hint)
        ab.addWidget(self.attachment_list)
        btns = QHBoxLayout()
        btns.addWidget(add_file)
        btns.addWidget(remove_file)
        btns.addStretch(1)
        ab.addLayout(btns)
        self.fields.insert_row(
            None,
            self.tr("Attachments"),
            "attachments",
            att_box,
            [self.attachment_list, add_file, remove_file],
        )

        self.save_button = QPushButton(self.tr("Save and issue code (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.new_button = QPushButton(self.tr("New (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.new_button)
        actions.addWidget(self.message, 1)

        # The restore banner for an autosaved form (not modal: nothing blocks the desk).
        self.restore_banner = QFrame()
        self.restore_banner.setObjectName("restoreBanner")
        self.restore_banner.setStyleSheet(
            "#restoreBanner{background:#fff4ce; border:1px solid #e0c060;}"
        )
        rb = QVBoxLayout(self.restore_banner)
        self.restore_text = QLabel()
        self.restore_text.setWordWrap(True)
        rb.addWidget(self.restore_text)
        self.restore_button = QPushButton(self.tr("Restore it"))
        self.restore_button.clicked.connect(self.restore_autosave)
        self.discard_button = QPushButton(self.tr("Discard it"))
        self.discard_button.clicked.connect(self.discard_autosave)
        rbb = QHBoxLayout()
        rbb.addWidget(self.restore_button)
        rbb.addWidget(self.discard_button)
        rbb.addStretch(1)
        rb.addLayout(rbb)
        self.restore_banner.hide()

        # Result panel: the code, large, copyable.
        self.result = QFrame()
        self.result.setObjectName("resultPanel")
        self.result.setStyleSheet("#resultPanel{background:#eef7ee;border:1px solid #8c8;}")
        rl = QVBoxLayout(self.result)
        self.code_label = QLabel()
        big = QFont()
        big.setPointSize(28)
        big.setBold(True)
        self.code_label.setFont(big)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_read = QLabel()
        self.code_read.setWordWrap(True)
        copy = QPushButton(self.tr("Copy code"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.code_label.text()))
        self.open_saved = QPushButton(self.tr("Open the case"))
        self.open_saved.clicked.connect(lambda: self.open_case.emit(self.code_label.text()))
        rl.addWidget(QLabel(self.tr("PAKN code given to the person:")))
        rl.addWidget(self.code_label)
        rl.addWidget(self.code_read)
        rb2 = QHBoxLayout()
        rb2.addWidget(copy)
        rb2.addWidget(self.open_saved)
        rb2.addStretch(1)
        rl.addLayout(rb2)
        self.result_area = QStackedWidget()
        self.result_area.setFixedHeight(RESULT_HEIGHT)
        idle = QLabel(self.tr("The code of the saved PAKN will be shown here."))
        idle.setWordWrap(True)
        idle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        idle.setStyleSheet("color:#777; border:1px dashed #ccc;")
        self.result_area.addWidget(idle)
        self.result_area.addWidget(self.result)
        self.result.hide()

        self.similar = QListWidget()
        # Two lines a case (code, date and state; the subject), cut with "…" rather than
        # scrolled sideways; three cases in sight at least, whatever the suggestion below holds
        # (more would not let the window fit 1366x768 at 150 %).
        self.similar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.similar.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.similar.setMinimumHeight(self.similar.fontMetrics().lineSpacing() * 7)
        self._similar_generation = 0  # an older answer never replaces a newer one
        self.similar.itemActivated.connect(
            lambda it: self.open_case.emit(it.data(Qt.ItemDataRole.UserRole))
        )
        self.similar.itemDoubleClicked.connect(
            lambda it: self.open_case.emit(it.data(Qt.ItemDataRole.UserRole))
        )
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.addWidget(self.result_area)
        sl.addWidget(self.restore_banner)
        similar_label = QLabel(self.tr("Earlier PAKN from this phone or with a similar subject:"))
        similar_label.setWordWrap(True)
        sl.addWidget(similar_label)
        sl.addWidget(self.similar, 1)
        self.suggestion = SuggestionPanel.for_intake(self)
        # A long suggestion scrolls in its own area instead of squeezing the list above.
        suggestion_scroll = QScrollArea()
        suggestion_scroll.setWidgetResizable(True)
        suggestion_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        suggestion_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        suggestion_scroll.setWidget(self.suggestion)
        sl.addWidget(suggestion_scroll, 1)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(self.fields)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        self.fields_scroll = scroll
        # The save button stays in sight below the scrolling fields, on any screen.
        left_column = QWidget()
        lc = QVBoxLayout(left_column)
        lc.setContentsMargins(0, 0, 0, 0)
        lc.addWidget(scroll, 1)
        lc.addLayout(actions)
        self.splitter = QSplitter()
        self.splitter.addWidget(left_column)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([860, 330])
        self.splitter.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)

        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.save)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_form)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.ask_discard)

        self._similar_timer = QTimer(self)
        self._similar_timer.setSingleShot(True)
        self._similar_timer.setInterval(500)
        self._similar_timer.timeout.connect(self.update_similar)
        # Written shortly after the first unsaved change (not restarted by further typing, so
        # a steady typist is saved too).
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        # An untouched receipt time follows the clock.
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(20_000)
        self._clock_timer.timeout.connect(self._follow_clock)
        self._clock_timer.start()

        self.fields.changed.connect(self._changed)
        self.fields.phone.textEdited.connect(lambda _t: self._similar_timer.start())
        self.fields.title.textEdited.connect(lambda _t: self._similar_timer.start())
        self.unit.currentIndexChanged.connect(self._changed)
        self.received.dateTimeChanged.connect(self._received_changed)
        self._set_tab_order()
        self._loading = False
        self._offer_recovered()

    def _now(self) -> QDateTime:
        """Now by the services' clock (the one deadlines are computed with)."""
        n = self._services.now()
        return QDateTime(n.year, n.month, n.day, n.hour, n.minute, 0)

    def _set_tab_order(self) -> None:
        order = [*self.fields.focus_chain(), self.save_button, self.new_button]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)

    # --- state ----------------------------------------------------------------------------
    def _changed(self, *_: Any) -> None:
        if not self._loading:
            self._dirty = True
            if not self._autosave_timer.isActive():
                self._autosave_timer.start()

    def _received_changed(self, *_: Any) -> None:
        if not self._loading:
            self._received_touched = True
            self._received_confirmed = False
            self.fields.show_error("received_at", "")
            self._show_received_touched()
            self._changed()

    def _show_received_touched(self) -> None:
        self.received.setStyleSheet(
            "QDateTimeEdit{background:#fff4ce;}" if self._received_touched else ""
        )
        self.received_now.setVisible(self._received_touched)

    def set_received_from_document(self, when: datetime) -> None:
        """A receipt time that comes from the document itself (an email's date, a portal
        record): kept as given and not questioned at saving; a later change by hand is."""
        self._loading = True
        self.received.setDateTime(
            QDateTime(when.year, when.month, when.day, when.hour, when.minute, 0)
        )
        self._loading = False
        self._received_touched = True
        self._received_confirmed = True
        self.fields.show_error("received_at", "")
        self._show_received_touched()
        self._changed()

    def receipt_time_now(self) -> None:
        """Back to "now, whenever it is saved"."""
        self._loading = True
        self.received.setDateTime(self._now())
        self._loading = False
        self._received_touched = False
        self.fields.show_error("received_at", "")
        self._show_received_touched()
        self.received.setFocus()

    def _follow_clock(self) -> None:
        # Not while the person is in the field: the value must not change under the cursor.
        if not self._received_touched and not self.received.hasFocus():
            self._loading = True
            self.received.setDateTime(self._now())
            self._loading = False

    def received_at(self) -> datetime:
        """The receipt time to save: the exact time now unless the person changed it."""
        if not self._received_touched:
            return self._services.now().replace(second=0, microsecond=0)
        qdt = self.received.dateTime()
        return datetime(
            qdt.date().year(),
            qdt.date().month(),
            qdt.date().day(),
            qdt.time().hour(),
            qdt.time().minute(),
        )

    def form(self) -> IntakeForm:
        return self.fields.form()

    # --- actions ----------------------------------------------------------------------------
    def save(self) -> None:
        unsettled = self.fields.unsettled_places()  # settles what was typed first
        form = self.form()
        errors = {**validate_intake(form), **unsettled}
        if errors:
            self.fields.show_errors(errors)
            self.message.setText(
                self.tr("Please correct the fields marked in red. Nothing was saved.")
            )
            return
        received = self.received_at()
        if self._received_touched and not self._received_confirmed:
            warning = self._services.cases.received_at_warning(received)
            if warning and not self._confirm_received(warning):
                # After the box has given the focus back to where it was.
                QTimer.singleShot(0, self.received.setFocus)
                self.message.setText(self.tr("Nothing was saved. Check the receipt time."))
                return
        try:
            case = self._services.cases.receive(
                form,
                self._actor,
                received_at=received,
                unit_id=self.unit.currentData(),
                private_note=self.fields.private_note_text(),
                attachments=self._attachments,
            )
        except ValidationFailed as exc:
            elsewhere = self.fields.show_errors(exc.errors)
            self.message.setText(
                "\n".join(
                    [
                        self.tr("Please correct the fields marked in red. Nothing was saved."),
                        *elsewhere,
                    ]
                )
            )
            return
        except PaknError as exc:
            self.message.setText(exc.message)
            return
        self.fields.show_errors({}, focus=False)
        self._show_code(case)
        self.clear(keep_result=True)
        self.saved.emit(case.code)

    def _show_code(self, case: CaseDetail) -> None:
        self.code_label.setText(case.code)
        spoken = " ".join(ch for ch in case.code.replace("-", " - "))
        answer_by = next((d.due for d in case.deadlines if d.stage == "answer"), None)
        text = self.tr("Read it out digit by digit: %1.").replace("%1", spoken)
        if answer_by:
            text += " " + self.tr("Expected answer %1.").replace("%1", latest_by(answer_by))
        self.code_read.setText(text)
        self.result_area.setCurrentWidget(self.result)
        self.result.show()
        self.message.setText(self.tr("Saved."))

    def reread_units(self) -> None:
        """The receiving units as stored now; the one chosen stays chosen."""
        refill(self.unit, [(u.name, u.id) for u in self._services.office.units()])

    def clear(self, keep_result: bool = False) -> None:
        self._loading = True
        self.fields.clear()
        self.unit.setCurrentIndex(0)
        self.received.setDateTime(self._now())
        self._attachments.clear()
        self._attachments_saved = True
        self.attachment_list.clear()
        self._similar_generation += 1  # a read still running is for the form just cleared
        self.similar.clear()
        if not keep_result:
            self.result_area.setCurrentIndex(0)
            self.result.hide()
            self.message.clear()
        self._loading = False
        self._dirty = False
        self._received_touched = False
        self._received_confirmed = False
        self._show_received_touched()
        self._autosave_timer.stop()
        self.autosave_file.unlink(missing_ok=True)
        _remove_files(self.autosave_file)
        focus = self.fields.submitter_name if keep_result else self.fields.channel
        focus.setFocus()

    def new_form(self) -> None:
        if self._dirty and not self._confirm_discard():
            return
        self.clear()

    def ask_discard(self) -> None:
        if not self._dirty:
            return
        if self._confirm_discard():
            self.clear()

    def _confirm_received(self, warning: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Check the receipt time"),
            warning + "\n\n" + self.tr("Save the PAKN with this receipt time?"),
            parent=self,
        )
        go = box.addButton(self.tr("Save with this time"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Correct the time"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is go

    def _confirm_discard(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard the form?"),
            self.tr("The form has information that is not saved. Discard it?"),
            parent=self,
        )
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep typing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def update_similar(self) -> None:
        """Earlier PAKN from this phone or with a close subject, read on a worker (at a
        million cases a common subject's search takes a tenth of a second or more: typing
        never waits for it); the list keeps what it shows until the answer comes, and an
        answer for what was typed before is dropped."""
        self._similar_generation += 1
        generation = self._similar_generation
        phone, title = self.fields.phone.text(), self.fields.title.text()
        if not phone.strip() and len(title.strip()) < 6:
            self.similar.clear()
            return
        reads, actor = self._services.case_reads, self._actor

        def done(rows: list[Any]) -> None:
            if not isValid(self) or generation != self._similar_generation:
                return
            self.similar.clear()
            for r in rows:
                item = QListWidgetItem(
                    f"{r.code} · {r.received_at:%d/%m/%Y} · {r.state.label}\n{r.title}"
                )
                item.setData(Qt.ItemDataRole.UserRole, r.code)
                item.setToolTip(f"{r.title}\n{r.submitter_name}")
                self.similar.addItem(item)

        def failed(_exc: BaseException) -> None:
            if isValid(self) and generation == self._similar_generation:
                self.similar.clear()

        self._similar_op = run_in_background(
            lambda: reads.similar(actor, phone=phone, title=title), done, failed
        )

    def _choose_files(self) -> None:
        names = file_names.open_file_names(
            self,
            self.tr("Attach files"),
            "",
            self.tr("Documents (*.pdf *.jpg *.jpeg *.png *.doc *.docx *.xls *.xlsx)"),
        )
        self.add_files([Path(n) for n in names])

    @property
    def services(self) -> Services:
        return self._services

    def add_files(self, paths: list[Path]) -> None:
        emails = [p for p in paths if p.suffix.lower() in (".eml", ".msg")]
        if emails and not self.has_content():
            # An email dropped on an empty form is read into it (sender, subject, body, date,
            # attachments, the original kept); the person checks and saves.
            from .email_import import load_email_into_intake

            try:
                skipped = load_email_into_intake(self, emails[0])
            except PaknError as exc:
                self.fields.show_error("attachments", exc.message)
                return
            self.message.setText(
                self.tr("The email was read into the form: check it, then save.")
                + ("\n" + "\n".join(skipped) if skipped else "")
            )
            paths = [p for p in paths if p != emails[0]]
            if not paths:
                return
        problems = []
        for path in paths:
            try:
                if path.stat().st_size > MAX_ATTACHMENT_BYTES:
                    raise PaknError(
                        self.tr("%1 is larger than the limit.").replace("%1", path.name)
                    )
                data = read_chosen(path)
                name, media, _ = check_attachment(path.name, data)
            except (OSError, PaknError) as exc:
                problems.append(
                    exc.message if isinstance(exc, PaknError) else file_problem(exc, path.name)
                )
                continue
            self._add_attachment(name, data, media)
        self.fields.show_error("attachments", "\n".join(problems))

    def _add_attachment(self, name: str, data: bytes, media: str) -> None:
        self._attachments.append((name, data))
        self._attachments_saved = False
        kind = mimetypes.guess_extension(media) or media
        self.attachment_list.addItem(f"{name} — {_size(len(data))} — {kind.lstrip('.').upper()}")
        self._changed()

    def _remove_file(self) -> None:
        row = self.attachment_list.currentRow()
        if row >= 0:
            self.attachment_list.takeItem(row)
            del self._attachments[row]
            self._attachments_saved = False
            self._changed()

    # --- autosave ----------------------------------------------------------------------------
    def has_content(self) -> bool:
        """Anything typed that would be lost."""
        return self.fields.has_content() or bool(self._attachments)

    def snapshot(self) -> dict[str, Any]:
        """The form as written to the autosave file: the intake data under the domain's field
        names (``intake_form`` reads it back), and what only this page holds."""
        data: dict[str, Any] = {
            "format": AUTOSAVE_FORMAT,
            **asdict(self.fields.form()),
            "private_note": self.fields.private_note_text(),
            "unit": self.unit.currentData(),
            "received": self.received.dateTime().toString("yyyy-MM-ddTHH:mm")
            if self._received_touched
            else "",
            "saved_at": vn_now().isoformat(timespec="seconds"),
            # Which database the form was typed for: it is offered back there only (a form
            # typed in the training copy must not become a case of the office's register).
            "database": self._database_name(),
            "attachments": [
                {"name": name, "file": f"{i:02d}.bin"}
                for i, (name, _data) in enumerate(self._attachments)
            ],
        }
        return data

    def autosave(self) -> None:
        """Write the form if it holds unsaved typing; an empty form leaves no file."""
        self._autosave_timer.stop()
        path = self.autosave_file
        if not self._dirty or not self.has_content():
            path.unlink(missing_ok=True)
            _remove_files(path)
            return
        tmp = path.with_suffix(".tmp")
        try:
            if not self._attachments_saved:
                # The files first, then the form that names them.
                _remove_files(path)
                if self._attachments:
                    files_of(path).mkdir(mode=0o700)
                for i, (_name, data) in enumerate(self._attachments):
                    with _private_file(files_of(path) / f"{i:02d}.bin", "wb") as fh:
                        fh.write(data)
                self._attachments_saved = True
            with _private_file(tmp, "w") as fh:
                json.dump(self.snapshot(), fh, ensure_ascii=False)
                fh.flush()
                os.fsync(fh.fileno())
            tmp.replace(path)
        except OSError:
            # A full or read-only disk must not stop the desk; the form itself is intact.
            tmp.unlink(missing_ok=True)

    @property
    def recovered_waiting(self) -> bool:
        """Whether a form from an earlier session is offered back on this page."""
        return self._recovered is not None

    def _database_name(self) -> str:
        db = self._services.db
        return str(db.file.resolve()) if db.file is not None else db.display_name

    def _for_this_database(self, path: Path) -> bool:
        """Whether a recovered form was typed for the database open now (a form of an older
        version names none: it is offered)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return True  # offered, so the person sees it cannot be read and it is kept
        named = data.get("database") if isinstance(data, dict) else None
        return not named or named == self._database_name()

    def _offer_recovered(self) -> None:
        """Show the newest recovered form of this database, if any, until the person decides
        about it. Forms typed for another database wait for that one to be opened."""
        forms = [p for p in recovered_forms() if self._for_this_database(p)]
        self._recovered = forms[0] if forms else None
        if self._recovered is None:
            self.restore_banner.hide()
            return
        try:
            data = json.loads(self._recovered.read_text(encoding="utf-8"))
            who = str(data.get("submitter_name", "")).strip()
            about = str(data.get("title", "")).strip()
            when = datetime.fromisoformat(str(data.get("saved_at", "")))
        except (OSError, ValueError, TypeError):
            who, about, when = "", "", None
        text = self.tr("An unsaved intake form from an earlier session was found.")
        details = " · ".join(x for x in (who, about[:60]) if x)
        if details:
            text += "\n" + details
        if when is not None:
            text += "\n" + self.tr("Last typed: %1").replace("%1", f"{when:%d/%m/%Y %H:%M}")
        if len(forms) > 1:
            text += "\n" + self.tr("%1 unsaved forms are waiting.").replace("%1", str(len(forms)))
        self.restore_text.setText(text)
        self.restore_banner.show()

    def restore_autosave(self) -> None:
        path = self._recovered
        if path is None:
            self.restore_banner.hide()
            return
        if self._dirty and self.has_content() and not self._confirm_discard():
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a form")
        except (OSError, ValueError):
            self.message.setText(self.tr("The unsaved form could not be read; it was kept."))
            return
        self._loading = True
        self.fields.set_form(*intake_form(data))
        self.unit.setCurrentIndex(max(self.unit.findData(data.get("unit")), 0))
        when = QDateTime.fromString(str(data.get("received", "")), "yyyy-MM-ddTHH:mm")
        self._received_touched = when.isValid()
        self.received.setDateTime(when if when.isValid() else self._now())
        self._show_received_touched()
        self._attachments.clear()
        self.attachment_list.clear()
        lost = []
        for item in data.get("attachments") or []:
            name = str(item.get("name", "")) if isinstance(item, dict) else str(item)
            try:
                content = (files_of(path) / str(item.get("file", ""))).read_bytes()
                name, media, _ = check_attachment(name, content)
            except (OSError, PaknError, AttributeError):
                lost.append(name)
                continue
            self._add_attachment(name, content, media)
        self._attachments_saved = False
        self._loading = False
        self._dirty = True
        # The form now holds it: write it as this session's autosave before the recovered
        # copy goes, so a crash right now loses nothing.
        self.autosave()
        path.unlink(missing_ok=True)
        _remove_files(path)
        self.message.setText(self.tr("The unsaved form was restored."))
        if lost:
            self.fields.show_error(
                "attachments",
                self.tr("These files could not be restored: %1").replace("%1", ", ".join(lost)),
            )
        self._offer_recovered()

    def release_autosave_slot(self) -> None:
        """Let another window take this window's autosave slot (and with it, the form it
        holds, as a recovered form): what happens when this window's process ends."""
        if self._autosave_lock is not None:
            self._autosave_lock.unlock()
            self._autosave_lock = None

    def discard_autosave(self) -> None:
        if self._recovered is not None:
            self._recovered.unlink(missing_ok=True)
            _remove_files(self._recovered)
        self._offer_recovered()
