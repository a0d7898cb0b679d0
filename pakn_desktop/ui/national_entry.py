"""Nhập lên Hệ thống: the desk's PAKN still to be entered into the national PAKN system, worked
through one at a time: each field with a copy button, the whole text block, then "Đã nhập lên
Hệ thống" with the code the system gave; selected cases can be exported as xlsx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.domain.enums import Channel
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.services import Services
from pakn_desktop.services.national_entry import ENTRY_FIELDS, EntrySheet, PendingRow
from pakn_desktop.services.views import Actor

from . import file_names
from .operations import run_op
from .portal_import import TextTableModel
from .window_sizes import remember_size
from .workers import Op, Progress, message_for


class NationalEntryDialog(QDialog):
    entered = Signal(str)  # our case code, once marked as entered

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._rows: list[PendingRow] = []
        self.sheet: EntrySheet | None = None
        self.op: Op[Any] | None = None  # the export while it runs
        self.setWindowTitle(self.tr("Enter desk PAKN into the national system"))

        self.model = TextTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show(cur.row()))
        self.count_label = QLabel()
        self.export_button = QPushButton(self.tr("Export selected to Excel…"))
        self.export_button.clicked.connect(self.export_selected)

        self.values: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.copy_buttons: dict[str, QPushButton] = {}
        labels = {
            "submitter_kind": self.tr("Submitter type"),
            "submitter_name": self.tr("Citizen (name)"),
            "address": self.tr("Address"),
            "phone": self.tr("Phone number"),
            "email": self.tr("Email"),
            "title": self.tr("PAKN about"),
            "content": self.tr("Content"),
            "unit": self.tr("Receiving unit"),
            "topic": self.tr("PAKN topic"),
            "received_at": self.tr("Received on"),
            "channel": self.tr("Channel"),
            "code": self.tr("Our PAKN code"),
        }
        fields_box = QWidget()
        grid = QGridLayout(fields_box)
        for i, (key, _label) in enumerate(ENTRY_FIELDS):
            widget: QLineEdit | QPlainTextEdit
            if key == "content":
                widget = QPlainTextEdit()
                widget.setMinimumHeight(90)
            else:
                widget = QLineEdit()
            widget.setReadOnly(True)
            button = QPushButton(self.tr("Copy"))
            button.clicked.connect(lambda _c=False, k=key: self.copy_field(k))
            self.values[key] = widget
            self.copy_buttons[key] = button
            grid.addWidget(QLabel(labels[key]), i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, i, 1)
            grid.addWidget(button, i, 2, Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(fields_box)
        self.personal = QLabel()
        self.personal.setWordWrap(True)
        self.personal.setStyleSheet("color:#b00020")
        self.copy_all = QPushButton(self.tr("Copy all as text"))
        self.copy_all.clicked.connect(self.copy_block)
        self.system_code = QLineEdit()
        self.system_code.setPlaceholderText(self.tr("Code the national system gave"))
        self.mark_button = QPushButton(self.tr("Entered into the national system"))
        self.mark_button.clicked.connect(self.mark_entered)
        self.system_code.returnPressed.connect(self.mark_entered)
        self.message = QLabel()
        self.message.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.export_button)
        right = QGroupBox(self.tr("Fields to enter, in the system's order"))
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(self.personal)
        right_layout.addWidget(self.copy_all)
        mark_row = QHBoxLayout()
        mark_row.addWidget(QLabel(self.tr("Code on the system:")))
        mark_row.addWidget(self.system_code, 1)
        mark_row.addWidget(self.mark_button)
        right_layout.addLayout(mark_row)
        right_layout.addWidget(self.message)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([460, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        remember_size(self, "national-entry", QSize(1200, 680))  # fitted to the screen
        # Return in a text field must not press some button of the dialog.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.reload()

    def reload(self, select: int = 0) -> None:
        try:
            self._rows = self._services.national.pending(self._actor)
            total = self._services.national.count_pending(self._actor)
        except PaknError as exc:  # e.g. an account without the front desk's role
            self._rows, total = [], 0
            self.message.setText(exc.message)
        channel_labels = {c.value: c.label for c in Channel}
        self.model.set_rows(
            [
                self.tr("Code"),
                self.tr("Received"),
                self.tr("Channel"),
                self.tr("Sender"),
                self.tr("Title"),
            ],
            [
                [
                    r.code,
                    f"{r.received_at:%d/%m/%Y}",
                    channel_labels.get(r.channel, r.channel),
                    r.submitter_name,
                    r.title,
                ]
                for r in self._rows
            ],
        )
        self.table.resizeColumnsToContents()
        self.count_label.setText(
            self.tr("%1 PAKN not yet entered into the national system.").replace("%1", str(total))
        )
        if self._rows:
            row = min(select, len(self._rows) - 1)
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self._show(row)
        else:
            self._show(-1)

    def _show(self, row: int) -> None:
        self.sheet = None
        if 0 <= row < len(self._rows):
            try:
                self.sheet = self._services.national.sheet(self._rows[row].code, self._actor)
            except PaknError as exc:
                self.message.setText(exc.message)
        for key, widget in self.values.items():
            text = self.sheet.value(key) if self.sheet else ""
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)
            else:
                widget.setText(text)
                widget.setCursorPosition(0)
        if self.sheet and self.sheet.personal_data:
            self.personal.setText(
                self.tr(
                    "Personal data (%1) was taken out of the content: the system publishes it."
                ).replace("%1", ", ".join(self.sheet.personal_data))
            )
        else:
            self.personal.clear()
        for w in (self.copy_all, self.mark_button, self.system_code, *self.copy_buttons.values()):
            w.setEnabled(self.sheet is not None)
        self.system_code.clear()

    def copy_field(self, key: str) -> None:
        if self.sheet is None:
            return
        QGuiApplication.clipboard().setText(self.sheet.value(key))
        label = next(lbl for k, lbl in ENTRY_FIELDS if k == key)
        self.message.setText(self.tr("Copied: %1").replace("%1", label))

    def copy_block(self) -> None:
        if self.sheet is None:
            return
        QGuiApplication.clipboard().setText(self.sheet.block())
        self.message.setText(self.tr("All fields copied."))

    def mark_entered(self) -> None:
        if self.sheet is None:
            return
        row = self.table.currentIndex().row()
        code = self.sheet.code
        try:
            self._services.national.mark_entered(
                code, self.system_code.text(), self._actor, expected_version=self.sheet.version
            )
        except PaknError as exc:
            self.message.setText(exc.message)
            self.message.setStyleSheet("color:#b00020")
            return
        self.message.setStyleSheet("")
        self.reload(select=max(row, 0))
        self.message.setText(
            self.tr("%1 marked as entered into the national system.").replace("%1", code)
        )
        self.entered.emit(code)

    def selected_codes(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self._rows[r].code for r in rows if r < len(self._rows)]

    def export_selected(self) -> None:
        if self.op is not None:
            return
        codes = self.selected_codes()
        if not codes:
            self.message.setText(self.tr("Select the PAKN to export first."))
            return
        name = file_names.save_file_name(
            self,
            self.tr("Export for the national system"),
            "nhap-len-he-thong.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if name:
            self.export_to(Path(name), codes)

    def export_to(self, path: Path, codes: list[str]) -> Op[Any] | None:
        """Write the selected cases off the GUI thread; the export button is disabled while
        it runs, so a second click starts nothing."""
        if self.op is not None:
            return None
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        target, national, actor, chosen = path, self._services.national, self._actor, list(codes)
        missing_folder = self.tr("The folder %1 does not exist; nothing was written.")

        def finish() -> None:
            self.op = None

        def done(n: int) -> None:
            finish()
            self.message.setStyleSheet("")
            self.message.setText(
                self.tr("%1 PAKN exported to %2.").replace("%1", str(n)).replace("%2", str(target))
            )

        def failed(exc: BaseException) -> None:
            finish()
            self.message.setStyleSheet("color:#b00020")
            self.message.setText(message_for(exc))

        def work(_p: Progress) -> int:
            folder = target.parent if str(target.parent) else Path(".")
            if not folder.is_dir():  # the service's own error would be the system's English
                raise PaknError(missing_folder.replace("%1", str(folder)))
            return national.export_xlsx(chosen, target, actor)

        self.op = run_op(
            self,
            work,
            buttons=(self.export_button,),
            success=done,
            failure=failed,
            label=self.tr("Writing %1…").replace("%1", target.name),
            title=self.windowTitle(),
        )
        return self.op


def open_national_entry(
    services: Services, actor: Actor, parent: QWidget | None = None
) -> NationalEntryDialog:
    dialog = NationalEntryDialog(services, actor, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
