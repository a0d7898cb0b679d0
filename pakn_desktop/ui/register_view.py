"""The outgoing register (sổ đăng ký văn bản đi) in the window: every issued letter with its
number, date, kind, case, subject, signer and who issued it; open, print, save, filter by year
and kind, export to Excel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.services import Services
from pakn_desktop.services.letters import RegisterEntry
from pakn_desktop.services.statistics import write_private
from pakn_desktop.services.views import Actor

from . import file_names
from .letters_ui import PdfPages, could_not_write, letter_file_name, print_pdf
from .operations import listen, run_op
from .window_sizes import remember_size
from .workers import Changes, Op, Progress, message_for, run_in_background

Index = QModelIndex | QPersistentModelIndex


class RegisterModel(QAbstractTableModel):
    NUMBER, DATE, KIND, CASE, SUBJECT, SIGNER, ISSUED_BY, NOTE = range(8)
    EntryRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RegisterEntry] = []
        self._headers = [
            self.tr("Number"),
            self.tr("Date"),
            self.tr("Kind"),
            self.tr("PAKN code"),
            self.tr("Subject"),
            self.tr("Signer"),
            self.tr("Issued by"),
            self.tr("Note"),
        ]

    def set_rows(self, rows: list[RegisterEntry]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def entry(self, row: int) -> RegisterEntry:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self._rows[index.row()]
        if role == self.EntryRole:
            return e
        if role == Qt.ItemDataRole.DisplayRole:
            col = index.column()
            if col == self.NUMBER:
                return e.number_text
            if col == self.DATE:
                return f"{e.issued_at:%d/%m/%Y %H:%M}"
            if col == self.KIND:
                return e.kind.label
            if col == self.CASE:
                return e.case_code or ""
            if col == self.SUBJECT:
                return e.subject
            if col == self.SIGNER:
                return e.signer_name + (" ✓" if e.signed else "")
            if col == self.ISSUED_BY:
                return e.issued_by
            if col == self.NOTE:
                notes = []
                if e.replaces_number:
                    notes.append(self.tr("replaces %1").replace("%1", e.replaces_number))
                if e.replaced_by_number:
                    notes.append(self.tr("replaced by %1").replace("%1", e.replaced_by_number))
                return "; ".join(notes)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.NOTE:
            return e.replace_reason or None
        return None


class LetterViewer(QDialog):
    """An issued letter exactly as the register keeps it."""

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtPdfWidgets import QPdfView

        self.setWindowTitle(title)
        remember_size(self, "letter_viewer", QSize(820, 900))
        self.pages = PdfPages(pdf, owner=self)
        view = QPdfView()
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setDocument(self.pages.document)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)


class RegisterView(QWidget):
    """Sổ đăng ký văn bản đi. The year's letters are read on a worker (an office of a million
    cases issues a quarter of a million letters a year: seconds of reading, each time the page
    is shown); the list shows what it held until they come, and a read for an earlier choice
    of year or kind is dropped."""

    loaded = Signal()  # the register's rows (or why there are none) are shown

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.op: Op[Any] | None = None
        self.reading: Op[Any] | None = None  # the register's read, while it runs
        self._generation = 0
        self.year = QComboBox()
        self.kind = QComboBox()
        # The front desk reads (and reprints) the intake receipts only: LetterService.
        receipts_only = services.guard.scope(actor, Permission.ISSUE_LETTERS) is None
        if not receipts_only:
            self.kind.addItem(self.tr("All kinds"), None)
        for k in LetterKind:
            if not receipts_only or k is LetterKind.RECEIPT:
                self.kind.addItem(k.label, k.value)
        self.model = RegisterModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RegisterModel.SUBJECT, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.print_button = QPushButton(self.tr("Print…"))
        # clicked(bool) must not arrive as the printer: a slot without its argument.
        self.print_button.clicked.connect(lambda: self.print_selected())
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.clicked.connect(lambda: self.save_selected())
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.clicked.connect(lambda: self.export())
        self.message = QLabel()
        self.message.setWordWrap(True)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Year:")))
        filters.addWidget(self.year)
        filters.addWidget(QLabel(self.tr("Kind:")))
        filters.addWidget(self.kind)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Outgoing register"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        # Read when shown (showEvent), not here as well: at a million cases a year's register
        # is seconds of reading, and a page built and shown at once read it twice.
        # Letters issued elsewhere: read again if in sight (it reads on every show anyway).
        listen(self, lambda c: c.letters, self.reload_years, while_hidden="ignore")

    def showEvent(self, event: QShowEvent) -> None:
        # Letters are issued from case editors: the register is re-read each time it is shown.
        self.reload_years()
        super().showEvent(event)

    def reload_years(self) -> None:
        try:
            years = self._services.letters.register_years(self._actor)
        except PaknError as exc:
            self.message.setText(exc.message)
            return
        this_year = self._services.now().year
        if this_year not in years:
            years.insert(0, this_year)
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(str(y), y)
        self.year.addItem(self.tr("All years"), None)
        self.year.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        kind = self.kind.currentData()
        year = self.year.currentData()
        self._generation += 1
        generation = self._generation
        letters, actor = self._services.letters, self._actor
        self.message.setText(self.tr("Reading the register…"))

        def read() -> list[RegisterEntry]:
            return letters.register_entries(
                actor, year=year, kind=LetterKind(kind) if kind else None
            )

        def done(entries: list[RegisterEntry]) -> None:
            if not isValid(self) or generation != self._generation:
                return
            self.reading = None
            self.model.set_rows(entries)
            self.message.setText(self.tr("%n letter(s).", "", len(entries)))
            self.loaded.emit()

        def failed(exc: BaseException) -> None:
            if not isValid(self) or generation != self._generation:
                return
            self.reading = None
            self.model.set_rows([])
            self.message.setText(message_for(exc))
            self.loaded.emit()

        self.reading = run_in_background(read, done, failed)

    def selected(self) -> RegisterEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText(self.tr("Select a letter in the register first."))
            return None
        return self.model.entry(rows[0].row())

    def open_selected(self) -> LetterViewer | None:
        e = self.selected()
        if e is None:
            return None
        try:
            letter = self._services.letters.letter(e.id, self._actor)
        except PaknError as exc:
            self.message.setText(exc.message)
            return None
        viewer = LetterViewer(letter.pdf, f"{e.kind.label} {e.number_text}", self)
        viewer.show()
        return viewer

    def _run(
        self,
        work: Callable[[Progress], Any],
        success: Callable[[Any], object],
        *,
        label: str,
        target: Path | None = None,
        changes: Changes | None = None,
    ) -> Op[Any] | None:
        """Long work off the GUI thread; nothing happens while something runs already."""
        if self.op is not None:
            return None

        def done(result: Any) -> None:
            self.op = None
            success(result)

        def failed(exc: BaseException) -> None:
            self.op = None
            self.message.setText(
                could_not_write(target, exc) if target is not None else message_for(exc)
            )

        self.op = run_op(
            self,
            work,
            buttons=(self.print_button, self.save_button, self.export_button),
            success=done,
            failure=failed,
            label=label,
            title=self.tr("Outgoing register"),
            changes=changes,
        )
        return self.op

    def print_selected(self, printer: QPrinter | None = None) -> Op[Any] | None:
        """Reprint the selected letter: the register's bytes, noted in the case history once
        the job was handed to the printer (a cancelled dialog or a failed job notes nothing)."""
        e = self.selected()
        if e is None or self.op is not None:
            return None
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(letter_file_name(e.kind, e.case_code, e.number_text)[:-4])
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return None
        services, actor = self._services, self._actor

        def work(_p: Progress) -> int:
            pages: list[int] = []
            services.letters.reprint(
                e.id, actor, deliver=lambda pdf: pages.append(print_pdf(printer, pdf))
            )
            return pages[0]

        return self._run(
            work,
            lambda _n: self.message.setText(self.tr("Reprinted %1.").replace("%1", e.number_text)),
            label=self.tr("Printing…"),
            changes=Changes.of_cases(e.case_code),  # the reprint is noted in its history
        )

    def save_selected(self, name: str | None = None) -> Op[Any] | None:
        e = self.selected()
        if e is None or self.op is not None:
            return None
        if name is None:
            name = file_names.save_file_name(
                self,
                self.tr("Save as PDF"),
                letter_file_name(e.kind, e.case_code, e.number_text),
                "PDF (*.pdf)",
            )
        if not name:
            return None
        target, services, actor = Path(name), self._services, self._actor

        def work(_p: Progress) -> None:
            # The folder is checked before the reprint is noted in the case history.
            if not (target.parent if str(target.parent) else Path(".")).is_dir():
                raise FileNotFoundError(2, "Không có thư mục này", str(target.parent))
            pdf = services.letters.reprint(e.id, actor).pdf
            write_private(target, lambda tmp: tmp.write_bytes(pdf))

        return self._run(
            work,
            lambda _r: self.message.setText(self.tr("Saved to %1.").replace("%1", str(target))),
            label=self.tr("Saving…"),
            target=target,
            changes=Changes.of_cases(e.case_code),  # the reprint is noted in its history
        )

    def export(self, name: str | None = None) -> Op[Any] | None:
        if self.op is not None:
            return None
        year = self.year.currentData()
        if name is None:
            default = f"so-van-ban-di-{year}.xlsx" if year else "so-van-ban-di.xlsx"
            name = file_names.save_file_name(
                self, self.tr("Export to Excel"), default, "Excel (*.xlsx)"
            )
        if not name:
            return None
        kind = self.kind.currentData()
        target, services, actor = Path(name), self._services, self._actor
        return self._run(
            lambda _p: services.statistics.write_letter_register(
                actor, target, year=year, kind=LetterKind(kind) if kind else None
            ),
            lambda _n: self.message.setText(self.tr("Saved to %1.").replace("%1", str(target))),
            label=self.tr("Writing %1…").replace("%1", target.name),
            target=target,
        )
