"""Choosing a backup to restore: every copy in the backup folder with the office it belongs to,
when it was taken, how many cases it holds and its newest code (read from each file without
changing it), so an empty test file is never taken for the register."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.services import Services
from pakn_desktop.services.backups import BackupChoice
from pakn_desktop.services.views import Actor

from .workers import Op

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class RestoreDialog(QDialog):
    """Lists the backups of a folder; ``chosen`` is the file picked, or None for "another
    file" (the caller then shows the file dialog)."""

    COLUMNS = ("File", "Office", "Taken", "Cases", "Newest code", "Database")

    def __init__(
        self, services: Services, actor: Actor, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.chosen: Path | None = None
        self.other_file = False
        self.folder = folder
        self.model = QStandardItemModel(0, len(self.COLUMNS), self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("File"),
                self.tr("Office"),
                self.tr("Taken"),
                self.tr("Cases"),
                self.tr("Newest code"),
                self.tr("Database"),
            ]
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self._restore())
        self.status = QLabel(self.tr("Reading the backups…"))
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(lambda: self._restore())
        self.other_button = QPushButton(self.tr("Another file…"))
        self.other_button.clicked.connect(lambda: self._other())
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Backups in %1:").replace("%1", str(folder)), wordWrap=True))
        lay.addWidget(self.table)
        lay.addWidget(self.status)
        lay.addWidget(buttons)
        self.resize(900, 420)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.restore_button.setEnabled(self.table.currentIndex().isValid())
        )
        self.loading = Op(
            self,
            lambda _p: services.backups.backups_in(folder, actor),
            success=self._show,
            title=self.tr("Cannot read the backups"),
            show_progress=False,
        ).run()

    def _show(self, choices: list[BackupChoice]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for choice in choices:
            x = choice.summary
            if x.problem:
                cells = [x.path.name, self.tr("(not a register: %1)").replace("%1", x.problem)]
                cells += [f"{x.taken:%d/%m/%Y %H:%M}", "", "", ""]
            else:
                cells = [
                    x.path.name,
                    x.office or self.tr("(no office name)"),
                    f"{x.taken:%d/%m/%Y %H:%M}",
                    f"{x.cases:,}".replace(",", "."),
                    x.newest_code or "—",
                    self.tr("this database") if choice.this_database else self.tr("another"),
                ]
            row = [QStandardItem(text) for text in cells]
            for item in row:
                item.setData(str(x.path), PATH_ROLE)
            row[3].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.model.appendRow(row)
        self.status.setText(
            self.tr("%1 backups.").replace("%1", str(len(choices)))
            if choices
            else self.tr("No backup in this folder.")
        )
        if choices:
            self.table.selectRow(0)

    def _restore(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        self.chosen = Path(str(index.data(PATH_ROLE)))
        self.accept()

    def _other(self) -> None:
        self.other_file = True
        self.accept()
