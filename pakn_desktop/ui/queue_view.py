"""A case list (queue or inbox): filters, a search box that ignores diacritics, counts per
deadline status, the coloured table and its legend.

Every case can be found from any list: the state filter offers the open ones (the queue's
default), all of them, and each state; typing a search while the state is at the list's
default searches every state (the filter shows "All") and goes back to the default when the
search is cleared."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QHelpEvent,
    QHideEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid as shiboken_alive

from pakn_desktop.domain.enums import (
    CHANNEL_LABELS,
    STATE_LABELS,
    SUBMITTER_KIND_LABELS,
    DeadlineStatus,
)
from pakn_desktop.services import Services
from pakn_desktop.services.filters import CaseFilter
from pakn_desktop.services.views import Actor, CaseRow

from .case_model import CASE_ROW_ROLE, STATUS_COLOURS, STATUS_MARKS, CaseTableModel, Column
from .choices import refill
from .operations import cases_or_calendar, listen
from .workers import run_in_background

OPEN_STATES_CHOICE = "open"
ALL_STATES_CHOICE = "all"
NATIONAL_PENDING_CHOICE = "national_pending"


def _state_default(base: CaseFilter) -> tuple[str, CaseFilter]:
    """The state choice a list starts with and the filter left to always apply: a list of
    open cases, or of one state (the inbox), starts there but lets the person pick any."""
    if base.open_only and not base.states:
        return OPEN_STATES_CHOICE, replace(base, open_only=False)
    if len(base.states) == 1 and not base.open_only:
        return next(iter(base.states)), replace(base, states=frozenset())
    return ALL_STATES_CHOICE, base


# Widths the columns are given when there is room (a wide screen); on a narrower one every
# column gives up part of its width above its floor, so all of them stay in sight.
PREFERRED_WIDTHS: dict[Column, int] = {
    Column.CODE: 95,
    Column.DEADLINE: 190,
    Column.DAYS_LEFT: 85,
    Column.RECEIVED: 112,
    Column.SUBMITTER: 150,
    Column.TITLE: 260,
    Column.CHANNEL: 105,
    Column.UNIT: 130,
    Column.OFFICIAL: 130,
    Column.STATE: 160,
}
# The text a column must show whole (the code, the deadline and its date, a date and time, a
# count of days); the other
# columns are elided ("…") down to FLOOR and show the whole text in their tooltip.
WHOLE_TEXT: dict[Column, str] = {
    Column.CODE: "00-000000-0",
    Column.DEADLINE: "◐ Sắp đến hạn · 00/00/0000",
    Column.RECEIVED: "00/00/0000 00:00",
    Column.DAYS_LEFT: "trễ 99 ngày",
}
FLOOR = 64


def fitted_widths(
    wanted: dict[int, int], floors: dict[int, int], room: int, stretch: int
) -> dict[int, int]:
    """Column widths that fill ``room`` pixels: with room to spare, each column keeps its
    wanted width and ``stretch`` (the subject) takes the rest; short of room, each column
    gives up the same share of its width above its floor (never below it)."""
    total = sum(wanted.values())
    if total <= room:
        out = dict(wanted)
        if stretch in out:
            out[stretch] += room - total
        return out
    floor_total = sum(floors[c] for c in wanted)
    spare = sum(wanted[c] - floors[c] for c in wanted)
    share = max(0.0, (room - floor_total) / spare) if spare > 0 else 0.0
    out = {c: floors[c] + int((wanted[c] - floors[c]) * share) for c in wanted}
    # What rounding left goes to the subject, so the row ends at the viewport's edge.
    if stretch in out and share > 0:
        out[stretch] += max(0, room - sum(out.values()))
    return out


class ColumnFitter(QObject):
    """Keeps every shown column of a case table inside its viewport (issue 21: at 1366×768
    "Trạng thái" was off screen): widths are fitted each time the viewport changes size or a
    column is shown or hidden; a column the person drags keeps the width they gave it as its
    wanted width from then on."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self._fitting = False
        metrics = table.fontMetrics()
        pad = 2 * table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 14
        self.floors = {
            int(c): max(FLOOR, metrics.horizontalAdvance(WHOLE_TEXT[c]) + pad)
            if c in WHOLE_TEXT
            else FLOOR
            for c in Column
        }
        self.wanted = {int(c): max(w, self.floors[c]) for c, w in PREFERRED_WIDTHS.items()}
        header = table.horizontalHeader()
        header.setMinimumSectionSize(FLOOR // 2)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.sectionResized.connect(self._resized)
        table.viewport().installEventFilter(self)

    def take_current(self) -> None:
        """The header's widths (as restored from the last session) become the wanted ones."""
        header = self._table.horizontalHeader()
        for c in Column:
            size = header.sectionSize(c)
            if size > 0:
                self.wanted[int(c)] = max(size, self.floors[int(c)])
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            return self._tip(event)
        return False

    def _tip(self, event: QHelpEvent) -> bool:
        """A cell cut short ("…") shows its whole text in a tooltip; a cell with a tooltip
        of its own (the deadline's) keeps it."""
        index = self._table.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        room = self._table.visualRect(index).width() - 8
        if text and self._table.fontMetrics().horizontalAdvance(text) > room:
            QToolTip.showText(event.globalPos(), text, self._table.viewport())
            return True
        QToolTip.hideText()
        return False

    def _resized(self, column: int, _old: int, new: int) -> None:
        if not self._fitting and new > 0:
            self.wanted[column] = max(new, self.floors.get(column, FLOOR))

    def fit(self) -> None:
        header = self._table.horizontalHeader()
        shown = {c: w for c, w in self.wanted.items() if not header.isSectionHidden(c)}
        room = self._table.viewport().width()
        if not shown or room <= 0:
            return
        widths = fitted_widths(shown, self.floors, room, int(Column.TITLE))
        self._fitting = True
        try:
            for c, w in widths.items():
                if header.sectionSize(c) != w:
                    header.resizeSection(c, w)
        finally:
            self._fitting = False


class CaseListView(QWidget):
    """Emits ``open_case(code)`` on double-click or Enter."""

    open_case = Signal(str)

    def __init__(
        self,
        services: Services,
        actor: Actor,
        name: str,
        base: CaseFilter,
        parent: QWidget | None = None,
        *,
        remember: bool = True,
    ) -> None:
        super().__init__(parent)
        self._remember = remember
        self._services = services
        self._actor = actor
        self._name = name
        self._state_default, base = _state_default(base)
        self._widened = False
        self._status_parts: list[str] = []
        self._status_reads = 0
        self.model = CaseTableModel(services.case_reads, actor, base, self, load=False)
        self.model.totalChanged.connect(self._show_counts)
        # The counts follow the list: its first page may be read on a worker (a new filter).
        self._counted_for: CaseFilter | None = None
        self.model.listRead.connect(self._list_read)

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Search code, name, phone, subject, content (diacritics optional)")
        )
        self.search.setClearButtonEnabled(True)
        self.state = self._combo(
            self.tr("Open cases"),
            [
                (ALL_STATES_CHOICE, self.tr("All")),
                *((s.value, lbl) for s, lbl in STATE_LABELS.items()),
            ],
        )
        self.state.setItemData(0, OPEN_STATES_CHOICE)
        self.state.setCurrentIndex(max(self.state.findData(self._state_default), 0))
        self.status = self._combo(
            self.tr("All deadlines"), [(s.value, s.label) for s in DeadlineStatus]
        )
        self.channel = self._combo(
            self.tr("All channels"),
            [
                *((c.value, lbl) for c, lbl in CHANNEL_LABELS.items()),
                # Desk PAKN the national system does not have yet (DOMAIN.md: every PAKN
                # received by letter, phone, fax or email is entered there too).
                (NATIONAL_PENDING_CHOICE, self.tr("Desk PAKN not yet entered nationally")),
            ],
        )
        self.kind = self._combo(
            self.tr("All submitters"), [(k.value, lbl) for k, lbl in SUBMITTER_KIND_LABELS.items()]
        )
        self.unit = self._combo(self.tr("All units"), self._unit_choices())
        self.official = self._combo(self.tr("All officials"), self._official_choices())
        self.topic = self._combo(self.tr("All topics"), [(t, t) for t in services.routing.topics()])
        self.use_dates = QCheckBox(self.tr("Received from"))
        self.date_from = QDateEdit(QDate(*self._services.now().timetuple()[:3]).addMonths(-3))
        self.date_to = QDateEdit(QDate(*self._services.now().timetuple()[:3]))
        for d in (self.date_from, self.date_to):
            d.setDisplayFormat("dd/MM/yyyy")
            d.setCalendarPopup(True)
        self.reset = QPushButton(self.tr("Clear filters"))

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(Column.DEADLINE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        for col, width in PREFERRED_WIDTHS.items():
            self.table.setColumnWidth(col, width)
        # Every column in sight whatever the screen: fitted to the viewport's width.
        self.columns = ColumnFitter(self.table)
        # Shown right after the code, so the deadline is never scrolled out of sight; the
        # person can drag the columns elsewhere and the order is remembered.
        header.moveSection(header.visualIndex(Column.DEADLINE), 1)
        header.moveSection(header.visualIndex(Column.DAYS_LEFT), 2)
        self.table.doubleClicked.connect(lambda idx: self._open(idx.row()))
        open_action = QAction(self.tr("Open the selected case"), self.table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(lambda: self._open(self.table.currentIndex().row()))
        self.table.addAction(open_action)

        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.RichText)

        filters1 = QHBoxLayout()
        filters1.addWidget(self.search, 3)
        for w in (self.status, self.state, self.channel):
            filters1.addWidget(w, 1)
        filters2 = QHBoxLayout()
        for w in (self.unit, self.official, self.topic, self.kind):
            filters2.addWidget(w, 1)
        filters2.addWidget(self.use_dates)
        filters2.addWidget(self.date_from)
        filters2.addWidget(QLabel(self.tr("to")))
        filters2.addWidget(self.date_to)
        filters2.addWidget(self.reset)
        layout = QVBoxLayout(self)
        layout.addLayout(filters1)
        layout.addLayout(filters2)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts)
        layout.addWidget(self._legend())

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.apply_filters)
        self._search_pending = False
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.state.currentIndexChanged.connect(lambda _i: self._state_chosen())
        for combo in (
            self.status,
            self.channel,
            self.kind,
            self.unit,
            self.official,
            self.topic,
        ):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.use_dates.toggled.connect(lambda _b: self.apply_filters())
        self.date_from.dateChanged.connect(
            lambda _d: self.apply_filters() if self.use_dates.isChecked() else None
        )
        self.date_to.dateChanged.connect(
            lambda _d: self.apply_filters() if self.use_dates.isChecked() else None
        )
        self.reset.clicked.connect(self.clear_filters)
        # Cases and their deadlines: read again at once, hidden or not (a page behind the one
        # in front keeps its place and its counts current).
        listen(self, cases_or_calendar, self.refresh, while_hidden="now")
        # Units and officials added (the settings, the accounts window): in the filters when
        # next in sight.
        listen(self, lambda c: c.people, self.reread_people)
        if remember:
            self.restore_state()  # reads the list once, with the remembered filters
        else:
            self.model.set_filter(self.current_filter())
        if self.model.busy:  # its count and first page are read on a worker
            self.counts.setText(self.tr("Reading the list…"))

    def _unit_choices(self) -> list[tuple[str, str]]:
        return [(str(u.id), u.name) for u in self._services.office.units()]

    def _official_choices(self) -> list[tuple[str, str]]:
        return [
            (str(i), label) for label, i in self._services.office.official_choices(workload=False)
        ]

    def reread_people(self) -> None:
        """The units and officials of the filters as stored now; the choice made stays (the
        list is not read again: the same filter shows the same cases, unless the one chosen
        is gone)."""
        kept_unit = refill(self.unit, [(label, v) for v, label in self._unit_choices()])
        kept_official = refill(self.official, [(label, v) for v, label in self._official_choices()])
        if not (kept_unit and kept_official):
            self.apply_filters()

    def _combo(self, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, "")
        for value, label in items:
            combo.addItem(label, value)
        # Narrow enough for 1366×768 at 150 % (911 logical pixels); the list shows in full.
        combo.setMinimumWidth(70)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(5)
        return combo

    def _legend(self) -> QLabel:
        parts = []
        for status in DeadlineStatus:
            parts.append(
                f'<span style="background:{STATUS_COLOURS[status]};color:#000;">'
                f"&nbsp;{STATUS_MARKS[status]} {status.label}&nbsp;</span>"
            )
        label = QLabel(self.tr("Legend:") + " " + " ".join(parts))
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)  # on a narrow window the legend takes two lines
        return label

    def current_filter(self) -> CaseFilter:
        def one(combo: QComboBox) -> frozenset[str]:
            v = combo.currentData()
            return frozenset({v}) if v else frozenset()

        def ids(combo: QComboBox) -> frozenset[int]:
            v = combo.currentData()
            return frozenset({int(v)}) if v else frozenset()

        statuses = frozenset(DeadlineStatus(s) for s in one(self.status))
        state = self.state.currentData()
        f = CaseFilter(
            states=frozenset()
            if state in (OPEN_STATES_CHOICE, ALL_STATES_CHOICE)
            else frozenset({state}),
            open_only=state == OPEN_STATES_CHOICE,
            channels=frozenset()
            if self.channel.currentData() == NATIONAL_PENDING_CHOICE
            else one(self.channel),
            national_pending=self.channel.currentData() == NATIONAL_PENDING_CHOICE,
            submitter_kinds=one(self.kind),
            unit_ids=ids(self.unit),
            official_ids=ids(self.official),
            topics=one(self.topic),
            statuses=statuses,
            search=self.search.text(),
        )
        if self.use_dates.isChecked():
            f = replace(
                f,
                received_from=_to_date(self.date_from.date()),
                received_to=_to_date(self.date_to.date()),
            )
        return f

    def _state_chosen(self) -> None:
        self._widened = False
        self.apply_filters()

    def _widen_for_search(self) -> None:
        """A search looks in every state unless the person picked one."""
        default = self.state.findData(self._state_default)
        everything = self.state.findData(ALL_STATES_CHOICE)
        searching = bool(self.search.text().strip())
        target = None
        if searching and not self._widened and self.state.currentIndex() == default:
            target, self._widened = everything, True
        elif not searching and self._widened:
            if self.state.currentIndex() == everything:
                target = default
            self._widened = False
        if target is not None and target != self.state.currentIndex():
            self.state.blockSignals(True)
            self.state.setCurrentIndex(target)
            self.state.blockSignals(False)

    def hideEvent(self, event: QHideEvent) -> None:
        # A search typed just before the page was left (or the window closed) is applied
        # when the list shows again, not by a timer while nobody sees it.
        if self._debounce.isActive():
            self._debounce.stop()
            self._search_pending = True
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closed (a list of its own, or the window with it): nothing waits to be read.
        self._debounce.stop()
        self._search_pending = False
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._search_pending:
            self._search_pending = False
            self.apply_filters()

    def apply_filters(self) -> None:
        self._widen_for_search()
        self.model.set_filter(self.current_filter())
        self.save_state()

    def clear_filters(self) -> None:
        for combo in (
            self.state,
            self.status,
            self.channel,
            self.kind,
            self.unit,
            self.official,
            self.topic,
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.state.blockSignals(True)
        self.state.setCurrentIndex(max(self.state.findData(self._state_default), 0))
        self.state.blockSignals(False)
        self._widened = False
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.use_dates.setChecked(False)
        self.apply_filters()

    def refresh(self) -> None:
        self._counted_for = None  # cases changed: counted again when the list is read
        self.model.reload()

    def _list_read(self) -> None:
        if self.model.current != self._counted_for:  # a new sort order keeps its counts
            self._update_counts()

    def _update_counts(self) -> None:
        # Counts per deadline status of exactly what the list shows, whatever status is picked.
        self._counted_for = self.model.current
        f = replace(self.model.current, statuses=frozenset())
        if not self.model.may_read:
            self.counts.setText("")
            return
        self._status_reads += 1
        if self.model.total_exact and self._services.case_reads.reads_in_process:
            # A list of at most COUNT_CAP cases: counted at once (SQLite; a PostgreSQL server's
            # answer can be kept waiting by a busy machine: in the background, as below).
            self._status_counted(
                self._status_reads, self._services.case_reads.status_counts(f, self._actor)
            )
            return
        # A long list (the whole register, a common word): its status counts read many rows,
        # so they follow in the background and the list is usable meanwhile.
        read, actor = self._status_reads, self._actor
        self._status_parts = []
        self._show_counts()
        run_in_background(
            lambda: self._services.case_reads.status_counts(f, actor),
            lambda counts: self._status_counted(read, counts),
            lambda _exc: None,  # logged by the worker; the next reload counts again
        )

    def _status_counted(self, read: int, counts: dict[DeadlineStatus, int]) -> None:
        if read != self._status_reads or not shiboken_alive(self.counts):
            return  # the list was read again meanwhile, or its window closed
        self._status_parts = [
            f"{STATUS_MARKS[status]} {status.label}: {counts[status]:,}".replace(",", ".")
            for status in DeadlineStatus
            if counts[status]
        ]
        self._show_counts()

    def _show_counts(self) -> None:
        """The counts line; again when a long list's exact count arrives (totalChanged)."""
        if self.model.total_exact:
            parts = [self.tr("Shown: %n case(s)", "", self.model.total)]
        else:  # a long list: its exact count follows
            total = f"{self.model.total:,}".replace(",", ".")
            parts = [self.tr("Shown: more than %1 cases").replace("%1", total)]
        parts += self._status_parts
        if self.model.total == 0 and self.search.text().strip():
            near = self._services.case_reads.likely_codes(self.search.text(), self._actor)
            if near:
                # A code read out with one wrong or swapped digit: offer the one(s) it meant.
                parts.append(
                    self.tr("the check digit does not match; did you mean %1?").replace(
                        "%1", ", ".join(near)
                    )
                )
        self.counts.setText(" · ".join(parts))

    def _open(self, row: int) -> None:
        r = self.model.row_at(row)
        if r is not None:
            self.open_case.emit(r.code)

    def selected_row(self) -> CaseRow | None:
        idx = self.table.currentIndex()
        value = self.model.data(idx, CASE_ROW_ROLE) if idx.isValid() else None
        return value if isinstance(value, CaseRow) else None

    def _header_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        for col in Column:
            action = menu.addAction(str(self.model.headerData(col, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(col))
            action.toggled.connect(lambda on, c=col: self._show_column(c, on))
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def _show_column(self, column: int, shown: bool) -> None:
        self.table.setColumnHidden(column, not shown)
        self.columns.fit()
        self.save_state()

    # --- remembered between runs -----------------------------------------------------------
    def _settings_group(self) -> str:
        """Each person's own filters and search: the next person to log in on this desk
        does not get the previous one's search."""
        return f"users/{self._actor.id}/views/{self._name}"

    def save_state(self) -> None:
        if not self._remember:
            return
        s = QSettings()
        s.beginGroup(self._settings_group())
        s.setValue("header", self.table.horizontalHeader().saveState())
        s.setValue("search", self.search.text())
        for key, combo in self._combos().items():
            s.setValue(key, combo.currentData() or "")
        s.setValue("state_widened", self._widened)
        s.endGroup()

    def restore_state(self) -> None:
        s = QSettings()
        s.beginGroup(self._settings_group())
        header = s.value("header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
            self.columns.take_current()
        for key, combo in self._combos().items():
            value = s.value(key, "")
            i = combo.findData(value) if value else -1
            if i < 0:
                i = combo.findData(self._state_default) if combo is self.state else 0
            combo.blockSignals(True)
            combo.setCurrentIndex(max(i, 0))
            combo.blockSignals(False)
        self._widened = str(s.value("state_widened", "false")).lower() == "true"
        self.search.blockSignals(True)
        self.search.setText(str(s.value("search", "") or ""))
        self.search.blockSignals(False)
        s.endGroup()
        self.model.set_filter(self.current_filter())

    def _combos(self) -> dict[str, QComboBox]:
        return {
            "state": self.state,
            "status": self.status,
            "channel": self.channel,
            "kind": self.kind,
            "unit": self.unit,
            "official": self.official,
            "topic": self.topic,
        }


def _to_date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())
