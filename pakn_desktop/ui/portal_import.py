"""Nhập danh sách PAKN từ Cổng: pick the file the portal exported, see its first rows, check
the column mapping (guessed from the headers, or one the office saved), preview what will be
created, updated or skipped, then import with a progress bar and a cancel button.

The rules live in ``services.portal``; this dialog only shows them."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMenuBar,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.domain.enums import Channel
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.services import Services
from pakn_desktop.services.portal import (
    FIELDS,
    MAX_ROWS,
    REQUIRED_FIELDS,
    ImportReport,
    Table,
    guess_mapping,
    read_table,
)
from pakn_desktop.services.views import Actor

from . import file_names
from .intake import IntakeForm_
from .operations import run_op
from .window_sizes import remember_size
from .workers import Changes, Op, Progress, announce, message_for

FIRST_ROWS = 20

ACTION_COLOURS = {
    "create": QColor("#e6f4ea"),
    "update": QColor("#e8f0fe"),
    "skip": QColor("#f1f3f4"),
    "error": QColor("#fce8e6"),
}


class TextTableModel(QAbstractTableModel):
    """Rows of text under column headers; an optional background per row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: list[list[str]] = []
        self._colours: list[QColor | None] = []

    def set_rows(
        self,
        headers: list[str],
        rows: list[list[str]],
        colours: list[QColor | None] | None = None,
    ) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._rows = [list(r) for r in rows]
        self._colours = list(colours) if colours is not None else [None] * len(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        text = row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return text if len(text) <= 200 else text[:200] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > 40 else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._colours[index.row()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if section < len(self._headers) else None
        return section + 1


class PortalImportDialog(QDialog):
    imported = Signal(object)  # the ImportReport, after an import that wrote something

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._table: Table | None = None
        self._path: Path | None = None
        self._op: Op[ImportReport] | None = None
        self._busy = False
        self.report: ImportReport | None = None
        self.setWindowTitle(self.tr("Import a PAKN list from the portal"))

        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(self.tr("An xlsx, xls or csv list exported from the portal"))
        self.choose = QPushButton(self.tr("Choose file…"))
        self.choose.clicked.connect(self.choose_file)
        self.file_info = QLabel()
        self.file_info.setWordWrap(True)
        # Where the list is in the file: guessed on reading, chosen here when the guess is
        # wrong (a workbook whose list is on another sheet, headers lower down or on two rows).
        self.sheet = QComboBox()
        self.sheet.setMinimumContentsLength(16)
        self.sheet.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.sheet.setToolTip(self.tr("The sheet of the workbook that holds the list"))
        self.sheet.currentIndexChanged.connect(self._sheet_chosen)
        self.header_row = QSpinBox()
        self.header_row.setRange(1, MAX_ROWS)
        # Typing "12" must not read the file at row 1 first: the value counts on Enter, on
        # leaving the box and on each arrow step.
        self.header_row.setKeyboardTracking(False)
        self.header_row.setToolTip(
            self.tr("The row of the column headers (the lower one of a two-row header)")
        )
        self.header_row.valueChanged.connect(self._header_row_chosen)

        self.saved = QComboBox()
        self.saved.currentIndexChanged.connect(self._saved_chosen)
        self.channel = QComboBox()
        self.channel.addItem(self.tr("National public-service portal"), Channel.NATIONAL_PORTAL)
        self.channel.addItem(self.tr("Provincial public-service portal"), Channel.PROVINCIAL_PORTAL)
        self.save_mapping = QPushButton(self.tr("Save this mapping as…"))
        self.save_mapping.clicked.connect(self.save_mapping_as)

        self.columns: dict[str, QComboBox] = {}
        mapping_box = QGroupBox(self.tr("Columns of the file for each field"))
        form = QFormLayout(mapping_box)
        labels = {
            "portal_code": self.tr("Portal PAKN code"),
            "received_at": self.tr("Date sent"),
            "submitter_kind": self.tr("Submitter type"),
            "submitter_name": self.tr("Sender"),
            "address": self.tr("Address"),
            "phone": self.tr("Phone number"),
            "email": self.tr("Email"),
            "title": self.tr("Title"),
            "content": self.tr("Content"),
            "topic": self.tr("Field (topic)"),
        }
        for fld in FIELDS:
            combo = QComboBox()
            combo.setMinimumContentsLength(20)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.columns[fld] = combo
            label = labels[fld] + (" *" if fld in REQUIRED_FIELDS else "")
            form.addRow(label, combo)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Saved mapping:")))
        top.addWidget(self.saved, 1)
        top.addWidget(QLabel(self.tr("List from:")))
        top.addWidget(self.channel, 1)
        top.addWidget(self.save_mapping)

        self.first_rows = TextTableModel(self)
        self.first_view = QTableView()
        self.first_view.setModel(self.first_rows)
        self.result_rows = TextTableModel(self)
        self.result_view = QTableView()
        self.result_view.setModel(self.result_rows)
        for view in (self.first_view, self.result_view):
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            view.horizontalHeader().setStretchLastSection(True)
            view.setWordWrap(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.preview)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        self.progress = QProgressBar()
        self.progress.setVisible(False)

        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(self.tr("File:")))
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose)
        where_row = QHBoxLayout()
        where_row.addWidget(QLabel(self.tr("Sheet:")))
        where_row.addWidget(self.sheet, 1)
        where_row.addWidget(QLabel(self.tr("Header row:")))
        where_row.addWidget(self.header_row)
        where_row.addStretch(2)
        upper = QWidget()
        upper_layout = QHBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        # The ten columns scroll on a short screen (1366×768 at 125 %) instead of making the
        # dialog taller than it.
        mapping_scroll = QScrollArea()
        mapping_scroll.setWidget(mapping_box)
        mapping_scroll.setWidgetResizable(True)
        mapping_scroll.setFrameShape(QFrame.Shape.NoFrame)
        mapping_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        mapping_scroll.setMinimumWidth(
            mapping_box.sizeHint().width() + mapping_scroll.verticalScrollBar().sizeHint().width()
        )
        upper_layout.addWidget(mapping_scroll)
        first_box = QGroupBox(self.tr("First rows of the file"))
        QVBoxLayout(first_box).addWidget(self.first_view)
        upper_layout.addWidget(first_box, 1)
        result_box = QGroupBox(self.tr("What the import does, row by row"))
        QVBoxLayout(result_box).addWidget(self.result_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(result_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 3)
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(where_row)
        layout.addWidget(self.file_info)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        remember_size(self, "portal-import", QSize(1200, 700))  # fitted to the screen
        # Return in a text field must not press some button of the dialog.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self._load_saved()
        self._show_where(None)
        self._update_buttons()

    # --- file and mapping ------------------------------------------------------------------
    def _load_saved(self) -> None:
        self.saved.blockSignals(True)
        self.saved.clear()
        self.saved.addItem(self.tr("(guessed from the column headers)"), "")
        try:
            for m in self._services.portal.mappings():
                self.saved.addItem(m.name, m.name)
        finally:
            self.saved.blockSignals(False)

    def choose_file(self) -> None:
        name = file_names.open_file_name(
            self,
            self.tr("Choose the list exported from the portal"),
            "",
            self.tr("Spreadsheets (*.xlsx *.xls *.csv);;All files (*)"),
        )
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> bool:
        """Read the file (the list's sheet and header row guessed) and show its first rows;
        False (with the reason shown) if it cannot be read."""
        return self._read(path, None, None)

    def _chosen_sheet(self) -> int | None:
        """The sheet chosen, by its number (1-based)."""
        i = self.sheet.currentIndex()
        return i + 1 if i >= 0 else None

    def _sheet_chosen(self, *_: Any) -> None:
        if self._path is not None and self.sheet.currentIndex() >= 0:
            # Another sheet: its header row is found again.
            self._read(self._path, self._chosen_sheet(), None)

    def _header_row_chosen(self, *_: Any) -> None:
        if self._path is not None:
            self._read(self._path, self._chosen_sheet(), self.header_row.value())

    def _read(self, path: Path, sheet: int | None, header_row: int | None) -> bool:
        self.report = None
        self.result_rows.set_rows([], [])
        try:
            table = read_table(path, sheet=sheet, header_row=header_row)
        except PaknError as exc:
            self._table = None
            # A sheet or header row that holds no list keeps the file, to choose again.
            self._path = path if sheet is not None or header_row is not None else None
            if self._path is None:
                self._show_where(None)
            self.file.setText(str(path))
            self.file_info.setText(exc.message)
            self.file_info.setStyleSheet("color:#b00020")
            self.first_rows.set_rows([], [])
            self._fill_columns([])
            self.summary.setText("")
            self._update_buttons()
            return False
        self._table, self._path = table, path
        self._show_where(table)
        self.file.setText(str(path))
        self.file_info.setStyleSheet("")
        info = (
            self.tr("%1 file, %2 data rows, headers on row %3.")
            .replace("%1", table.kind.upper())
            .replace("%2", f"{len(table.rows):,}".replace(",", "."))
            .replace("%3", str(table.header_row))
        )
        if table.encoding:
            info += " " + self.tr("Encoding: %1.").replace("%1", table.encoding)
        if len(table.sheets) > 1:
            info += " " + self.tr("Sheet “%1” of %2.").replace("%1", table.sheet).replace(
                "%2", str(len(table.sheets))
            )
        self.file_info.setText(info)
        self.first_rows.set_rows(table.headers, table.rows[:FIRST_ROWS])
        self.first_view.resizeColumnsToContents()
        self._fill_columns(table.headers)
        if self.saved.currentData():
            self._saved_chosen()
        else:
            self.apply_mapping(guess_mapping(table.headers))
        self.summary.setText(
            self.tr("Check the columns, then Preview or Import.")
            if self.mapping_ready()
            else self.tr("Choose a column for every field marked *.")
        )
        self._update_buttons()
        return True

    def _show_where(self, table: Table | None) -> None:
        """The sheet and header row the table was read from (the guess, or the choice)."""
        for w in (self.sheet, self.header_row):
            w.blockSignals(True)
        try:
            if table is None:
                self.sheet.clear()
                self.header_row.setValue(1)
                return
            names = list(table.sheets)
            if [self.sheet.itemText(i) for i in range(self.sheet.count())] != names:
                self.sheet.clear()
                self.sheet.addItems(names)
            self.sheet.setCurrentIndex(names.index(table.sheet) if table.sheet in names else -1)
            self.header_row.setValue(table.header_row)
        finally:
            for w in (self.sheet, self.header_row):
                w.blockSignals(False)

    def _fill_columns(self, headers: list[str]) -> None:
        for combo in self.columns.values():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(none)"), "")
            for h in headers:
                combo.addItem(h, h)
            combo.blockSignals(False)

    def apply_mapping(self, mapping: dict[str, str]) -> None:
        for fld, combo in self.columns.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(mapping.get(fld, "")), 0))
            combo.blockSignals(False)
        self._mapping_changed()

    def mapping(self) -> dict[str, str]:
        return {f: c.currentData() for f, c in self.columns.items() if c.currentData()}

    def mapping_ready(self) -> bool:
        m = self.mapping()
        return all(m.get(f) for f in REQUIRED_FIELDS)

    def _mapping_changed(self, *_: Any) -> None:
        self.report = None
        self._update_buttons()

    def _saved_chosen(self, *_: Any) -> None:
        name = self.saved.currentData()
        if not name:
            if self._table is not None:
                self.apply_mapping(guess_mapping(self._table.headers))
            return
        try:
            m = self._services.portal.mapping(name)
        except PaknError as exc:
            self.summary.setText(exc.message)
            return
        self.channel.setCurrentIndex(max(self.channel.findData(Channel(m.channel)), 0))
        self.apply_mapping(m.columns)
        if self._table is not None:
            missing = [h for h in m.columns.values() if h not in self._table.headers]
            if missing:
                self.summary.setText(
                    self.tr("This file has no column %1: choose the columns again.").replace(
                        "%1", ", ".join(f"«{h}»" for h in missing)
                    )
                )

    def save_mapping_as(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("Save the mapping"), self.tr("Name of this mapping:")
        )
        if not ok:
            return
        try:
            saved = self._services.portal.save_mapping(
                name, self.mapping(), self._actor, self.channel.currentData()
            )
        except PaknError as exc:
            QMessageBox.warning(self, self.tr("Save the mapping"), exc.message)
            return
        self._load_saved()
        self.saved.blockSignals(True)
        self.saved.setCurrentIndex(max(self.saved.findData(saved.name), 0))
        self.saved.blockSignals(False)
        self.summary.setText(self.tr("Mapping “%1” saved.").replace("%1", saved.name))

    # --- preview and import ------------------------------------------------------------------
    def _update_buttons(self) -> None:
        ready = self._table is not None and self.mapping_ready() and not self._busy
        self.preview_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.save_mapping.setEnabled(self.mapping_ready() and not self._busy)
        for w in (self.choose, self.saved, self.channel, *self.columns.values()):
            w.setEnabled(not self._busy)
        # A csv has one sheet; the header row is chosen once a file is open.
        self.sheet.setEnabled(not self._busy and self.sheet.count() > 1)
        self.header_row.setEnabled(not self._busy and self._path is not None)
        self.cancel_button.setEnabled(self._busy)
        self.close_button.setEnabled(not self._busy)

    def preview(self) -> None:
        self._run(dry_run=True)

    def start_import(self) -> None:
        self._run(dry_run=False)

    def cancel(self) -> None:
        if self._op is not None:
            self._op.progress.cancel()
        self.cancel_button.setEnabled(False)
        self.summary.setText(self.tr("Stopping after the batch being saved…"))

    def _run(self, *, dry_run: bool) -> None:
        if self._table is None or self._busy:
            return
        table, mapping = self._table, self.mapping()
        channel = self.channel.currentData()
        source = self._path.name if self._path else ""
        services, actor = self._services, self._actor
        self._busy = True
        self._update_buttons()
        self.progress.setRange(0, max(len(table.rows), 1))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.summary.setStyleSheet("")
        self.summary.setText(
            self.tr("Checking the rows…")
            if dry_run
            else self.tr("Importing %1 rows…").replace("%1", str(len(table.rows)))
        )

        def work(progress: Progress) -> ImportReport:
            return services.portal.run(
                table,
                mapping,
                actor,
                channel=channel,
                source=source,
                dry_run=dry_run,
                progress=progress.update,
                cancelled=lambda: progress.cancelled,
            )

        # The dialog shows the progress and has its own Cancel; the buttons follow _busy.
        self._op = run_op(
            self,
            work,
            success=self._finished,
            failure=self._failed,
            show_progress=False,
            progress_to=self._step,
        )

    def _step(self, done: int, _total: int, _label: str) -> None:
        self.progress.setValue(done)

    def _finished(self, report: ImportReport) -> None:
        self._op = None
        self._busy = False
        self.progress.setVisible(False)
        self.report = report
        self.show_report(report)
        self._update_buttons()
        if not report.dry_run and (report.count("create") or report.count("update")):
            self.imported.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._op = None
        self._busy = False
        self.progress.setVisible(False)
        self._update_buttons()
        message = message_for(exc)  # plain words; the technical detail goes to the log
        self.summary.setText(message)
        self.summary.setStyleSheet("color:#b00020")

    def show_report(self, report: ImportReport) -> None:
        self.summary.setStyleSheet("color:#b00020" if report.failure else "")
        labels = {
            "create": self.tr("Create"),
            "update": self.tr("Update"),
            "skip": self.tr("Skip"),
            "error": self.tr("Error"),
        }
        headers = [
            self.tr("Row"),
            self.tr("Portal code"),
            self.tr("Action"),
            self.tr("Case"),
            self.tr("Title"),
            self.tr("Reasons"),
        ]
        rows = [
            [
                str(r.row),
                r.portal_code,
                labels[r.action] + (" ⚠" if r.conflicts or r.personal_data else ""),
                r.case_code,
                r.title,
                " ".join(r.reasons),
            ]
            for r in report.rows
        ]
        self.result_rows.set_rows(
            headers, rows, [ACTION_COLOURS.get(r.action) for r in report.rows]
        )
        self.result_view.resizeColumnsToContents()
        self.summary.setText(report.summary())


def open_portal_import(
    services: Services, actor: Actor, parent: QWidget | None = None
) -> PortalImportDialog:
    """Show the import dialog (File menu); the caller may connect ``imported`` to refresh."""
    dialog = PortalImportDialog(services, actor, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


class _Window(Protocol):
    services: Services
    actor: Actor
    nav: QListWidget

    @property
    def intake(self) -> IntakeForm_: ...

    def menuBar(self) -> QMenuBar: ...


def add_exchange_menu(window: _Window) -> QMenu:
    """The File menu of the main window: import a portal list, import an email into the intake
    form, enter desk PAKN into the national system, publish answers."""
    # The dialogs' modules are loaded when their entry is chosen, not with the window.
    parent = cast(QWidget, window)
    menu = window.menuBar().addMenu(QCoreApplication.translate("ExchangeMenu", "&File"))

    def portal() -> None:
        dialog = open_portal_import(window.services, window.actor, parent)
        # Every view that shows cases hears of them (the lists, the counts, the dashboard);
        # an import names no case (it may add and update many): every open case reads again.
        dialog.imported.connect(lambda _r: announce(Changes(cases=True), dialog))

    def email() -> None:
        from .email_import import import_email

        if import_email(window.intake, parent):
            window.nav.setCurrentRow(0)  # the intake page, to check and save

    def national() -> None:
        from .national_entry import open_national_entry

        dialog = open_national_entry(window.services, window.actor, parent)
        dialog.entered.connect(lambda code: announce(Changes.of_cases(code), dialog))

    def publish() -> None:
        from .publish_ui import open_publish

        open_publish(window.services, window.actor, parent)

    entries = (
        (QCoreApplication.translate("ExchangeMenu", "Import a PAKN list from the portal…"), portal),
        (
            QCoreApplication.translate("ExchangeMenu", "Import an email into the intake form…"),
            email,
        ),
        (
            QCoreApplication.translate("ExchangeMenu", "Enter desk PAKN into the national system…"),
            national,
        ),
        (QCoreApplication.translate("ExchangeMenu", "Publish answers…"), publish),
    )
    for text, slot in entries:
        action = QAction(text, menu)
        action.triggered.connect(slot)
        menu.addAction(action)
    return menu
