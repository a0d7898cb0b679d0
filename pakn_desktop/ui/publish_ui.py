"""Công khai kết quả trả lời: the head picks which answered PAKN of a period are published on
the office's website, then exports the page (HTML with search) and the JSON file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.services import Services
from pakn_desktop.services.publish import PublishResult, PublishRow
from pakn_desktop.services.views import Actor

from . import file_names
from .operations import run_op
from .portal_import import TextTableModel
from .publish_review import PublishReviewDialog
from .window_sizes import remember_size
from .workers import Changes, Op, Progress, announce, message_for


def quarter_bounds(year: int, q: int) -> tuple[date, date]:
    start = date(year, 3 * q - 2, 1)
    end = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


class PublishDialog(QDialog):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._rows: list[PublishRow] = []
        self.published: PublishResult | None = None
        self.op: Op[Any] | None = None  # the export while it runs
        self.setWindowTitle(self.tr("Publish answers on the office's website"))
        today = services.now().date()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.quarter = QComboBox()
        for q in range(1, 5):
            self.quarter.addItem(self.tr("Quarter %1").replace("%1", str(q)), q)
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        self.year.valueChanged.connect(self._quarter_chosen)
        self.quarter.currentIndexChanged.connect(self._quarter_chosen)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.reload)

        self.model = TextTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.mark_button = QPushButton(self.tr("Publish the selected"))
        self.mark_button.clicked.connect(lambda: self.set_selected(True))
        self.unmark_button = QPushButton(self.tr("Do not publish the selected"))
        self.unmark_button.clicked.connect(lambda: self.set_selected(False))
        self.review_button = QPushButton(self.tr("Review the masking…"))
        self.review_button.clicked.connect(self.review_selected)
        self.review_dialog: PublishReviewDialog | None = None
        self.export_button = QPushButton(self.tr("Export the page and JSON…"))
        self.export_button.clicked.connect(self.choose_folder)
        self.open_button = QPushButton(self.tr("Open the page"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_page)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if not services.guard.scope(actor, Permission.PUBLISH_ON_WEBSITE):
            self.mark_button.setEnabled(False)
            self.unmark_button.setEnabled(False)
            self.review_button.setEnabled(False)
            self.export_button.setEnabled(False)
            self.message.setText(self.tr("Only a head decides which answers are published."))

        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("Year:")))
        period.addWidget(self.year)
        period.addWidget(self.quarter)
        period.addWidget(QLabel(self.tr("Answered from:")))
        period.addWidget(self.start)
        period.addWidget(QLabel(self.tr("to:")))
        period.addWidget(self.end)
        period.addWidget(self.show_button)
        period.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_button)
        buttons.addWidget(self.unmark_button)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        remember_size(self, "publish", QSize(1000, 600))  # fitted to the screen
        self._quarter_chosen()

    def _quarter_chosen(self, *_: object) -> None:
        start, end = quarter_bounds(self.year.value(), int(self.quarter.currentData()))
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))
        self.reload()

    def period(self) -> tuple[date, date]:
        s, e = self.start.date(), self.end.date()
        return date(s.year(), s.month(), s.day()), date(e.year(), e.month(), e.day())

    def reload(self) -> None:
        try:
            self._rows = self._services.publish.answered(*self.period(), self._actor)
        except PaknError as exc:
            self._rows = []
            self.message.setText(exc.message)
        yes, no = self.tr("Yes"), self.tr("No")
        self.model.set_rows(
            [self.tr("Code"), self.tr("Answered on"), self.tr("Published"), self.tr("Title")],
            [
                [r.code, f"{r.answered_on:%d/%m/%Y}", yes if r.marked else no, r.title]
                for r in self._rows
            ],
        )
        self.table.resizeColumnsToContents()

    def selected_codes(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self._rows[r].code for r in rows if r < len(self._rows)]

    def set_selected(self, publish: bool) -> None:
        if self.op is not None:  # marking while the page is written waits for it
            return
        codes = self.selected_codes()
        if not codes:
            self.message.setText(self.tr("Select the PAKN first."))
            return
        problems, changed = [], []
        for code in codes:
            row = next(r for r in self._rows if r.code == code)
            if row.marked == publish:
                continue
            try:
                if publish:
                    self._services.publish.mark(code, self._actor)
                else:
                    self._services.publish.unmark(code, self._actor)
            except PaknError as exc:
                problems.append(exc.message)
            else:
                changed.append(code)
        if changed:  # their history says so: an open case reads it
            announce(Changes.of_cases(*changed), self)
        self.reload()
        self.message.setText("\n".join(problems) or self.tr("Saved."))

    def review_selected(self) -> None:
        """Open the side-by-side review of what the gate masks, for the one selected PAKN."""
        codes = self.selected_codes()
        if len(codes) != 1:
            self.message.setText(self.tr("Select one PAKN to review."))
            return
        try:
            dialog = PublishReviewDialog(self._services, self._actor, codes[0], self)
        except PaknError as exc:
            self.message.setText(exc.message)
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.review_dialog = dialog
        dialog.destroyed.connect(self._review_closed)
        dialog.show()

    def _review_closed(self) -> None:
        self.review_dialog = None

    def choose_folder(self) -> None:
        if self.op is not None:
            return
        folder = file_names.existing_directory(
            self, self.tr("Folder of the office's website files")
        )
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> Op[Any] | None:
        """Write the page and the JSON off the GUI thread; while it runs the export and the
        marking buttons are disabled, so a second click starts nothing."""
        if self.op is not None:
            return None
        publish, actor, (start, end) = self._services.publish, self._actor, self.period()

        def finish() -> None:
            self.op = None

        def done(result: PublishResult) -> None:
            finish()
            self.published = result
            self.open_button.setEnabled(True)
            self.message.setText(
                self.tr("%1 PAKN published: %2 and %3 (the previous files were replaced).")
                .replace("%1", str(result.count))
                .replace("%2", str(result.html_path))
                .replace("%3", str(result.json_path))
            )

        def failed(exc: BaseException) -> None:
            finish()
            self.message.setText(message_for(exc))

        def work(_p: Progress) -> PublishResult:
            return publish.export(folder, start, end, actor=actor)

        self.op = run_op(
            self,
            work,
            buttons=(self.export_button, self.mark_button, self.unmark_button, self.open_button),
            success=done,
            failure=failed,
            label=self.tr("Writing the page and JSON…"),
            title=self.windowTitle(),
        )
        return self.op

    def open_page(self) -> None:
        if self.published is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.published.html_path)))


def open_publish(services: Services, actor: Actor, parent: QWidget | None = None) -> PublishDialog:
    dialog = PublishDialog(services, actor, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
