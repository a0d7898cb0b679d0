"""Thống kê: today's work by official, the dashboard for a period with charts, and exports
(Excel, PDF, intake register, overdue list), long work off the UI thread.

The page shows at once: today's work, the agreement with the suggestions and the dashboard's
figures are read on workers, each with a "Reading…" placeholder until its answer comes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.domain.countdown import days_left_words
from pakn_desktop.domain.enums import DeadlineStatus
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.services import Services
from pakn_desktop.services.filters import CaseFilter
from pakn_desktop.services.routing import KIND_LABELS, KINDS, AgreementRow
from pakn_desktop.services.statistics import (
    Cancelled,
    PeriodStats,
    StatRow,
    UnitHandled,
    WorkItem,
    quarter,
    vn_int,
    vn_percent,
)
from pakn_desktop.services.views import Actor

from . import file_names
from .operations import cases_or_calendar, listen, run_op
from .stalls import operation
from .workers import Op, Progress, message_for

TODAY_REFRESH_MS = 5 * 60_000
VI = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def period_choices(today: date) -> list[tuple[str, date, date]]:
    y = today.year
    q = (today.month - 1) // 3 + 1
    month_start = today.replace(day=1)
    next_month = (month_start + timedelta(days=32)).replace(day=1)
    out = [
        (
            QCoreApplication.translate("StatisticsView", "Month %1/%2")
            .replace("%1", str(today.month))
            .replace("%2", str(y)),
            month_start,
            next_month - timedelta(days=1),
        )
    ]
    for year in (y, y - 1):
        for qq in range(4, 0, -1):
            if year == y and qq > q:
                continue
            s, e = quarter(year, qq)
            out.append(
                (
                    QCoreApplication.translate("StatisticsView", "Quarter %1/%2")
                    .replace("%1", str(qq))
                    .replace("%2", str(year)),
                    s,
                    e,
                )
            )
        out.append(
            (
                QCoreApplication.translate("StatisticsView", "First half of %1").replace(
                    "%1", str(year)
                ),
                date(year, 1, 1),
                date(year, 6, 30),
            )
        )
        out.append(
            (
                QCoreApplication.translate("StatisticsView", "Second half of %1").replace(
                    "%1", str(year)
                ),
                date(year, 7, 1),
                date(year, 12, 31),
            )
        )
        out.append(
            (
                QCoreApplication.translate("StatisticsView", "Year %1").replace("%1", str(year)),
                date(year, 1, 1),
                date(year, 12, 31),
            )
        )
    return out


# Rows of today's work made in one turn of the event loop (some 5 ms of the GUI thread).
TODAY_CHUNK = 500


class StatisticsView(QWidget):
    show_cases = Signal(object, str)
    open_case = Signal(str)

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.stats: PeriodStats | None = None
        self.op: Op[Any] | None = None  # the dashboard's computation or an export

        self.today = QTreeWidget()
        self.today.setHeaderLabels(
            [self.tr("Official / case"), self.tr("What"), self.tr("Due"), self.tr("Days left")]
        )
        self.today.setColumnWidth(0, 360)
        self.today.setColumnWidth(1, 280)
        self.today.itemDoubleClicked.connect(self._open_item)
        self.today_op: Op[list[WorkItem]] | None = None  # today's work being read and shown
        self._today_fill = 0  # the number of the list being shown (show_today)
        today_box = QGroupBox(self.tr("Needs action today and in the next two working days"))
        QVBoxLayout(today_box).addWidget(self.today)

        self.period = QComboBox()
        for label, s, e in period_choices(services.now().date()):
            self.period.addItem(label, (s, e))
        self.period.addItem(self.tr("Custom"), None)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for d in (self.start, self.end):
            d.setDisplayFormat("dd/MM/yyyy")
            d.setCalendarPopup(True)
        self.period.currentIndexChanged.connect(self._period_changed)
        compute = QPushButton(self.tr("Compute"))
        compute.clicked.connect(self.compute)
        self.compute_button = compute
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:")))
        top.addWidget(self.period)
        top.addWidget(self.start)
        top.addWidget(self.end)
        top.addWidget(compute)
        top.addStretch(1)

        self.figures = QLabel(self.tr("Choose a period and press Compute."))
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.figures.setWordWrap(True)
        self.figures.setOpenExternalLinks(False)
        self.figures.linkActivated.connect(self._link)
        self.months_chart = QChartView()
        self.outcomes_chart = QChartView()
        self.units_chart = QChartView()
        self.breakdowns = QTreeWidget()
        self.breakdowns.setHeaderLabels([self.tr("Breakdown"), self.tr("Cases")])
        # The label takes the width (long topic names), the count only what it needs.
        header = self.breakdowns.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.breakdowns.itemDoubleClicked.connect(self._drill)
        # One chart per tab: at 1366x768 three charts side by side leave a month's label
        # about 25 px, and the pie's legend no room for its values.
        self.charts = QTabWidget()
        self.charts.addTab(self.breakdowns, self.tr("Details (double-click for the cases)"))
        for view, title in (
            (self.months_chart, self.tr("Received per month")),
            (self.outcomes_chart, self.tr("Classification outcomes")),
            (self.units_chart, self.tr("On-time rate by unit (%)")),
        ):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.charts.addTab(view, title)
        # How often the routing suggestions were followed (issue 26): the heads' figure.
        self.agreement = QTableWidget(0, 6)
        self.agreement.setHorizontalHeaderLabels(
            [
                self.tr("Month"),
                self.tr("Kind of suggestion"),
                self.tr("Suggested"),
                self.tr("Decided"),
                self.tr("Taken"),
                self.tr("Agreement rate"),
            ]
        )
        self.agreement.verticalHeader().hide()
        self.agreement.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.agreement.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.agreement.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.agreement_note = QLabel()
        self.agreement_note.setWordWrap(True)
        self.agreement_page = QWidget()
        al = QVBoxLayout(self.agreement_page)
        al.addWidget(self.agreement, 1)
        al.addWidget(self.agreement_note)
        self.agreement_op: Op[Any] | None = None
        self.agreement_rows: list[AgreementRow] = []
        if services.guard.scope(actor, Permission.STATISTICS) is not None:
            self.charts.addTab(self.agreement_page, self.tr("Agreement with the suggestions"))
        else:
            self.agreement_page.hide()
        charts = self.charts

        exports = QGridLayout()
        self.export_buttons: list[QPushButton] = []
        for i, (label, fn) in enumerate(
            (
                (self.tr("Report to Excel…"), lambda: self.export("report", ".xlsx")),
                (self.tr("Report to PDF…"), lambda: self.export("report", ".pdf")),
                (self.tr("Intake register to Excel…"), lambda: self.export("register", ".xlsx")),
                (self.tr("Intake register to PDF…"), lambda: self.export("register", ".pdf")),
                (self.tr("Overdue list (PDF)…"), lambda: self.export("overdue", ".pdf")),
            )
        ):
            b = QPushButton(label)
            b.clicked.connect(fn)
            exports.addWidget(b, i // 3, i % 3)  # two rows: fits 1366×768 at 150 %
            self.export_buttons.append(b)
        self.message = QLabel()

        board = QWidget()
        bl = QVBoxLayout(board)
        bl.addLayout(top)
        bl.addWidget(self.figures)
        bl.addWidget(charts, 1)
        bl.addLayout(exports)
        bl.addWidget(self.message)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(today_box)
        split.addWidget(board)
        split.setSizes([250, 600])
        QVBoxLayout(self).addWidget(split)

        self._period_changed()
        self.refresh_today()
        self.load_agreement()
        self.timer = QTimer(self)
        self.timer.setInterval(TODAY_REFRESH_MS)
        self.timer.timeout.connect(self.refresh_today)
        self.timer.start()
        # Today's work follows the cases and their deadlines (when the page is in sight).
        listen(self, cases_or_calendar, self.refresh_today)

    # --- today ------------------------------------------------------------------------------
    def refresh_today(self) -> Op[list[WorkItem]] | None:
        """The office's list for a head; a handling official's own (StatisticsService), read
        on a worker (one read at a time: a refresh asked for meanwhile is that read's)."""
        if self.today_op is not None:
            return None
        if self.today.topLevelItemCount() == 0:
            self.today.addTopLevelItem(QTreeWidgetItem([self.tr("Reading…")]))
        statistics, actor = self._services.statistics, self._actor

        def done(items: list[WorkItem]) -> None:
            # The read ends once the list is shown (it is filled over a few turns).
            self.show_today(items, then=lambda: setattr(self, "today_op", None))

        def failed(exc: BaseException) -> None:
            self.today_op = None
            self.today.clear()
            self.today.addTopLevelItem(QTreeWidgetItem([message_for(exc)]))

        self.today_op = run_op(
            self,
            lambda _p: statistics.today(actor),
            success=done,
            failure=failed,
            show_progress=False,
        )
        return self.today_op

    def show_today(
        self, items: Sequence[WorkItem], then: Callable[[], object] | None = None
    ) -> None:
        """Today's work grouped by official, each with its count. Up to 5,000 rows (reports.
        today.LIMIT) take tens of ms to make: they are made TODAY_CHUNK at a time, a turn of
        the event loop between (issue 24: no stall of the window), and join the tree at once,
        which then lays out once, not once per row. ``then`` runs once the tree shows them; a
        newer list given meanwhile replaces one still being made."""
        self._today_fill += 1
        fill = self._today_fill
        groups: dict[str, QTreeWidgetItem] = {}
        children: dict[str, list[QTreeWidgetItem]] = {}
        rows = list(items)

        def make(start: int) -> None:
            if fill != self._today_fill:  # a newer list is being shown
                if then is not None:
                    then()
                return
            for it in rows[start : start + TODAY_CHUNK]:
                if it.official not in groups:
                    groups[it.official] = QTreeWidgetItem([it.official])
                    children[it.official] = []
                child = QTreeWidgetItem(
                    [
                        f"{it.code} · {it.title}",
                        it.what,
                        f"{it.due:%d/%m/%Y}" if it.due else "",
                        days_left_words(it.days_left),
                    ]
                )
                child.setData(0, Qt.ItemDataRole.UserRole, it.code)
                children[it.official].append(child)
            if start + TODAY_CHUNK < len(rows):
                QTimer.singleShot(0, self, lambda: make(start + TODAY_CHUNK))
                return
            for official, group in groups.items():
                group.addChildren(children[official])
                group.setText(0, f"{official} ({group.childCount()})")
            with operation("statistics: today's work shown"):
                self.today.clear()
                self.today.addTopLevelItems(list(groups.values()))
                self.today.expandAll()
            if then is not None:
                then()

        make(0)

    def _open_item(self, item: QTreeWidgetItem, _col: int) -> None:
        code = item.data(0, Qt.ItemDataRole.UserRole)
        if code:
            self.open_case.emit(code)

    # --- agreement with the routing suggestions ---------------------------------------------
    def load_agreement(self) -> Op[Any] | None:
        """The last 12 months' agreement per kind of suggestion, read off the GUI thread;
        only for those who may see the statistics (the service checks again)."""
        if self.charts.indexOf(self.agreement_page) < 0 or self.agreement_op is not None:
            return None
        routing, actor = self._services.routing, self._actor
        self.agreement_note.setText(self.tr("Reading…"))

        def done(rows: list[AgreementRow]) -> None:
            self.agreement_op = None
            self.show_agreement(rows)

        def failed(exc: BaseException) -> None:
            self.agreement_op = None
            self.agreement_note.setText(message_for(exc))

        self.agreement_op = Op(
            self,
            lambda _p: routing.agreement(actor),
            success=done,
            failure=failed,
            show_progress=False,
        )
        return self.agreement_op.run()

    def show_agreement(self, rows: Sequence[AgreementRow]) -> None:
        """Newest month first; within a month the kinds in their usual order."""
        order = {k: i for i, k in enumerate(KINDS)}
        rows = sorted(rows, key=lambda r: (r.month, -order.get(r.kind, len(KINDS))), reverse=True)
        self.agreement_rows = list(rows)
        table = self.agreement
        table.setRowCount(len(rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for i, r in enumerate(rows):
            cells = (
                f"{int(r.month[5:])}/{r.month[:4]}",
                KIND_LABELS.get(r.kind, r.kind),
                vn_int(r.suggested),
                vn_int(r.decided),
                vn_int(r.taken),
                vn_percent(r.rate),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(right)
                table.setItem(i, col, item)
        self.agreement_note.setText(
            self.tr(
                "The rate is the share of the decided cases where the person chose what was "
                "suggested; a suggestion not yet decided counts in «Suggested» only."
            )
            if rows
            else self.tr("No suggestion was recorded in the last 12 months.")
        )

    # --- dashboard ------------------------------------------------------------------------------
    def _period_changed(self, *_: Any) -> None:
        data = self.period.currentData()
        custom = data is None
        self.start.setEnabled(custom)
        self.end.setEnabled(custom)
        if data is not None:
            s, e = data
            self.start.setDate(QDate(s.year, s.month, s.day))
            self.end.setDate(QDate(e.year, e.month, e.day))

    def dates(self) -> tuple[date, date]:
        s, e = self.start.date(), self.end.date()
        return date(s.year(), s.month(), s.day()), date(e.year(), e.month(), e.day())

    def _set_busy(self, busy: bool) -> None:
        for b in (self.compute_button, *self.export_buttons):
            b.setEnabled(not busy)

    def _run(
        self,
        work: Callable[[Progress], Any],
        success: Callable[[Any], object],
        *,
        label: str,
        cancellable: bool,
        show_progress: bool = True,
    ) -> Op[Any] | None:
        """Off the GUI thread, one at a time: while one runs, Compute and the exports are
        disabled and a second click does nothing. A cancel says so and writes nothing."""
        if self.op is not None:
            return None

        def done(result: Any) -> None:
            self.op = None
            self._set_busy(False)
            success(result)

        def failed(exc: BaseException) -> None:
            self.op = None
            self._set_busy(False)
            self.message.setText(message_for(exc))

        def guarded(progress: Progress) -> Any:
            try:
                return work(progress)
            except Cancelled:
                # Op stays silent on Cancelled; the view says what happened.
                raise PaknError(self.cancelled_text) from None

        self._set_busy(True)
        self.op = Op(
            self,
            guarded,
            success=done,
            failure=failed,
            label=label,
            title=self.tr("Statistics"),
            cancellable=cancellable,
            show_progress=show_progress,
        )
        return self.op.run()

    @property
    def cancelled_text(self) -> str:
        return self.tr("Cancelled: nothing was written.")

    def compute(self) -> Op[Any] | None:
        start, end = self.dates()
        services, actor = self._services, self._actor
        self.message.setText(self.tr("Computing…"))
        self.load_agreement()
        return self._run(
            lambda p: services.statistics.period(actor, start, end, lambda: p.cancelled),
            self.show_stats,
            label=self.tr("Computing the statistics…"),
            cancellable=True,
        )

    def _chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        # Axis and bar labels in the Vietnamese way: 9.303, 93,5. (A localized axis prints
        # nothing for "%d", hence "%.0f" below.)
        chart.setLocale(VI)
        chart.setLocalizeNumbers(True)
        return chart

    def show_stats(self, st: PeriodStats) -> None:
        self.stats = st
        self.message.clear()
        overdue = st.open_by_status.by_key().get(DeadlineStatus.OVERDUE.value, 0)
        self.figures.setText(
            self.tr(
                "<b>Received:</b> <a href='received'>%1</a> &nbsp; "
                "<b>Handled:</b> <a href='handled'>%2</a> &nbsp; "
                "<b>On time:</b> <a href='ontime'>%3</a> &nbsp; "
                "<b>Late:</b> <a href='late'>%4</a> &nbsp; <b>On-time rate:</b> %5 &nbsp; "
                "<b>Chỉ số 8 score:</b> %6<br><b>Working days to answer:</b> median %7, "
                "90th percentile %8"
            )
            .replace("%1", vn_int(st.received))
            .replace("%2", vn_int(st.handled_total))
            .replace("%3", vn_int(st.on_time))
            .replace("%4", vn_int(st.late))
            .replace("%5", vn_percent(st.on_time_rate))
            .replace("%6", str(st.score))
            .replace("%7", vn_int(st.median_days))
            .replace("%8", vn_int(st.p90_days))
            + (
                # Today's figure, only for a period that includes today.
                self.tr(" &nbsp; <b>Open today (%1), overdue:</b> <a href='overdue'>%2</a>")
                .replace("%1", f"{st.open_as_of:%d/%m/%Y}")
                .replace("%2", vn_int(overdue))
                if st.open_as_of
                else ""
            )
        )
        self.months_chart.setChart(self._months_chart(st))
        self.outcomes_chart.setChart(self._outcomes_chart(st))
        self.units_chart.setChart(self._units_chart(st))
        self._fill_breakdowns(st)

    def _months_chart(self, st: PeriodStats) -> QChart:
        months = self._chart(self.tr("Received per month"))
        bars = QBarSet(self.tr("Number received"))
        bars.setLabelColor(QColor("black"))  # the theme's white is lost above the bar
        rows = st.by_month.rows
        for r in rows:
            bars.append(r.count)
        # A bar opens the month's cases, as its row in the details does.
        bars.clicked.connect(lambda i: self._open_row(self.tr("Received per month"), rows, i))
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(len(rows) <= 12)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        months.addSeries(series)
        axis = QBarCategoryAxis()
        # "2026-07" -> "7/2026"; turned when many months share the width.
        axis.append([f"{int(r.key[5:])}/{r.key[:4]}" for r in rows])
        if len(rows) > 12:
            axis.setLabelsAngle(-90)
        months.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis)
        values = QValueAxis()
        top = max((r.count for r in rows), default=1)
        values.setRange(0, max(1, top) * 1.12)
        values.setLabelFormat("%.0f")
        values.applyNiceNumbers()
        months.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)
        months.legend().hide()
        return months

    def _outcomes_chart(self, st: PeriodStats) -> QChart:
        outcomes = self._chart(self.tr("Classification outcomes"))
        pie = QPieSeries()
        total = st.outcomes.total
        rows = st.outcomes.rows
        for r in rows:
            share = vn_percent(r.count / total if total else None)
            pie.append(f"{r.label}: {vn_int(r.count)} ({share})", r.count)
        pie.clicked.connect(
            lambda piece: self._open_row(
                self.tr("Classification outcomes"), rows, pie.slices().index(piece)
            )
        )
        outcomes.addSeries(pie)
        legend = outcomes.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        legend.setShowToolTips(True)
        return outcomes

    def _units_chart(self, st: PeriodStats) -> QChart:
        units = self._chart(self.tr("On-time rate by unit (%)"))
        rate_set = QBarSet(self.tr("On time"))
        rate_set.setLabelColor(QColor("black"))
        names = []
        for u in st.handled_by_unit:
            # The rate written as everywhere else (vn_percent: "73,4%"), beside its bar; Qt's
            # own bar labels would round and format it their way ("74%").
            names.append(
                f"{u.label} ({vn_int(u.on_time)}/{vn_int(u.total)}) · {vn_percent(u.rate)}"
            )
            rate_set.append(round(100 * (u.rate or 0), 1))
        by_unit = st.handled_by_unit
        rate_set.clicked.connect(lambda i: self._open_unit(by_unit, i))
        useries = QHorizontalBarSeries()
        useries.append(rate_set)
        useries.setLabelsVisible(False)
        units.addSeries(useries)
        uaxis = QBarCategoryAxis()
        uaxis.append(names)
        units.addAxis(uaxis, Qt.AlignmentFlag.AlignLeft)
        useries.attachAxis(uaxis)
        pct = QValueAxis()
        pct.setRange(0, 100)
        pct.setLabelFormat("%.0f")
        units.addAxis(pct, Qt.AlignmentFlag.AlignBottom)
        useries.attachAxis(pct)
        units.legend().hide()
        return units

    def _period_text(self) -> str:
        st = self.stats
        return "" if st is None else f" {st.start:%d/%m/%Y}–{st.end:%d/%m/%Y}"

    def _open_row(self, title: str, rows: Sequence[StatRow], i: int) -> None:
        """A chart's bar or slice opens the cases behind it, in a list of their own."""
        if 0 <= i < len(rows) and rows[i].filter is not None:
            self.show_cases.emit(rows[i].filter, f"{title} · {rows[i].label}{self._period_text()}")

    def _open_unit(self, units: Sequence[UnitHandled], i: int) -> None:
        if 0 <= i < len(units):
            u = units[i]
            self.show_cases.emit(
                u.filter(), f"{self.tr('Handled')} · {u.label}{self._period_text()}"
            )

    def _row_item(self, label: str, count: int, f: CaseFilter | None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([label, vn_int(count)])
        item.setToolTip(0, label)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setData(0, Qt.ItemDataRole.UserRole, f)
        return item

    def _fill_breakdowns(self, st: PeriodStats) -> None:
        """Every count with the filter that lists exactly its cases, so a double-click
        opens them."""
        self.breakdowns.clear()
        titles = {
            "channel": self.tr("Received by channel"),
            "topic": self.tr("Received by topic"),
            "unit": self.tr("Received by unit"),
            "kind": self.tr("Received by submitter type"),
            "province": self.tr("Received by province (where the person lives)"),
            "commune": self.tr("Received by commune (where the person lives)"),
            "month": self.tr("Received by month"),
            "outcome": self.tr("Received by classification outcome"),
            "status": self.tr("Open now, by deadline"),
            "official": self.tr("Open now and overdue, by official"),
        }
        self.breakdowns.addTopLevelItem(
            self._row_item(self.tr("Received in the period"), st.received, st.received_filter)
        )
        for bd in st.breakdowns:
            group = QTreeWidgetItem([titles[bd.name], ""])
            for r in bd.rows:
                group.addChild(self._row_item(r.label, r.count, r.filter))
            self.breakdowns.addTopLevelItem(group)
        handled = self._row_item(
            self.tr("Handled in the period"), st.handled_total, st.handled_filter()
        )
        for h in st.handled:
            kind = self._row_item(h.label, h.total, h.filter())
            kind.addChild(self._row_item(self.tr("On time"), h.on_time, h.filter(True)))
            kind.addChild(self._row_item(self.tr("Late"), h.late, h.filter(False)))
            handled.addChild(kind)
        self.breakdowns.addTopLevelItem(handled)
        by_unit = QTreeWidgetItem([self.tr("Handled by unit"), ""])
        for u in st.handled_by_unit:
            unit = self._row_item(u.label, u.total, u.filter())
            unit.addChild(self._row_item(self.tr("On time"), u.on_time, u.filter(True)))
            unit.addChild(self._row_item(self.tr("Late"), u.total - u.on_time, u.filter(False)))
            by_unit.addChild(unit)
        self.breakdowns.addTopLevelItem(by_unit)
        self.breakdowns.expandAll()

    def _drill(self, item: QTreeWidgetItem, _col: int) -> None:
        f = item.data(0, Qt.ItemDataRole.UserRole)
        if not isinstance(f, CaseFilter):
            return
        parent = item.parent()
        title = item.text(0) if parent is None else f"{parent.text(0)} · {item.text(0)}"
        self.show_cases.emit(f, title)

    def _link(self, target: str) -> None:
        """Every figure opens the cases behind it."""
        st = self.stats
        if st is None:
            return
        start, end = st.start, st.end
        if target == "overdue" and st.open_as_of is not None:
            # Its own list, as every other figure (the queue's filters stay as they were).
            row = next(
                (r for r in st.open_by_status.rows if r.key == DeadlineStatus.OVERDUE.value),
                None,
            )
            if row is not None and row.filter is not None:
                self.show_cases.emit(row.filter, f"{row.label} {st.open_as_of:%d/%m/%Y}")
            return
        filters = {
            "received": (st.received_filter, self.tr("Cases received")),
            "handled": (st.handled_filter(), self.tr("Handled")),
            "ontime": (st.handled_filter(True), self.tr("Handled on time")),
            "late": (st.handled_filter(False), self.tr("Handled late")),
        }
        if target in filters:
            f, title = filters[target]
            self.show_cases.emit(f, f"{title} {start:%d/%m/%Y}–{end:%d/%m/%Y}")

    # --- exports ----------------------------------------------------------------------------------
    def export(self, what: str, suffix: str, path: Path | None = None) -> Op[Any] | None:
        """Write an export off the GUI thread, with progress and Cancel; the file appears
        whole (written aside, then moved into place) and readable by its owner only."""
        if self.op is not None:
            return None
        start, end = self.dates()
        if path is None:
            name = file_names.save_file_name(
                self,
                self.tr("Export"),
                f"pakn-{what}-{start:%Y%m%d}-{end:%Y%m%d}{suffix}",
                f"*{suffix}",
            )
            if not name:
                return None
            path = Path(name)
        target = path
        statistics, actor = self._services.statistics, self._actor

        def work(progress: Progress) -> Any:
            def cancelled() -> bool:
                return progress.cancelled

            if what == "report":
                return statistics.write_report(actor, start, end, target, cancelled)
            if what == "register":
                return statistics.write_register(actor, start, end, target, cancelled)
            return statistics.write_overdue(actor, target, cancelled)

        return self._run(
            work,
            lambda _r: self.message.setText(self.tr("Written: %1").replace("%1", str(target))),
            label=self.tr("Writing %1…").replace("%1", target.name),
            cancellable=True,
        )
