"""Thống kê: today's work by official, the dashboard for a period with charts, and exports
(Excel, PDF, intake register, overdue list), long work off the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
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
from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.domain.enums import CHANNEL_LABELS, SUBMITTER_KIND_LABELS, DeadlineStatus, Role
from pakn_desktop.reports.excel import quarter, write_period_report, write_register
from pakn_desktop.reports.pdf import overdue_list_pdf, period_report_pdf, register_pdf
from pakn_desktop.reports.stats import PeriodStats, period_stats
from pakn_desktop.reports.today import todays_work
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor
from pakn_desktop.store.queries import CaseFilter

from .workers import run_in_background

TODAY_REFRESH_MS = 5 * 60_000


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


class StatisticsView(QWidget):
    show_overdue = Signal()
    show_cases = Signal(object, str)
    open_case = Signal(str)

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.stats: PeriodStats | None = None

        self.today = QTreeWidget()
        self.today.setHeaderLabels(
            [self.tr("Official / case"), self.tr("What"), self.tr("Due"), self.tr("Days left")]
        )
        self.today.setColumnWidth(0, 360)
        self.today.setColumnWidth(1, 280)
        self.today.itemDoubleClicked.connect(self._open_item)
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
        self.months_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.outcomes_chart = QChartView()
        self.outcomes_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.units_chart = QChartView()
        self.units_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        charts_page = QWidget()
        cl = QHBoxLayout(charts_page)
        cl.addWidget(self.months_chart, 2)
        cl.addWidget(self.outcomes_chart, 3)
        cl.addWidget(self.units_chart, 3)
        self.breakdowns = QTreeWidget()
        self.breakdowns.setHeaderLabels([self.tr("Breakdown"), self.tr("Cases")])
        self.breakdowns.setColumnWidth(0, 420)
        self.breakdowns.itemDoubleClicked.connect(self._drill)
        charts = QTabWidget()
        charts.addTab(charts_page, self.tr("Charts"))
        charts.addTab(self.breakdowns, self.tr("Details (double-click for the cases)"))

        exports = QGridLayout()
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
            exports.addWidget(b, 0, i)
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
        self.timer = QTimer(self)
        self.timer.setInterval(TODAY_REFRESH_MS)
        self.timer.timeout.connect(self.refresh_today)
        self.timer.start()

    # --- today ------------------------------------------------------------------------------
    def refresh_today(self) -> None:
        only = self._actor.id if self._actor.role == Role.OFFICIAL.value else None
        items = todays_work(self._services, only)
        self.today.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for it in items:
            group = groups.get(it.official)
            if group is None:
                group = QTreeWidgetItem([it.official])
                self.today.addTopLevelItem(group)
                groups[it.official] = group
            child = QTreeWidgetItem(
                [
                    f"{it.code} · {it.title}",
                    it.what,
                    f"{it.due:%d/%m/%Y}" if it.due else "",
                    "" if it.days_left is None else str(it.days_left),
                ]
            )
            child.setData(0, Qt.ItemDataRole.UserRole, it.code)
            group.addChild(child)
        for official, group in groups.items():
            group.setText(0, f"{official} ({group.childCount()})")
        self.today.expandAll()

    def _open_item(self, item: QTreeWidgetItem, _col: int) -> None:
        code = item.data(0, Qt.ItemDataRole.UserRole)
        if code:
            self.open_case.emit(code)

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

    def compute(self) -> None:
        start, end = self.dates()
        self.message.setText(self.tr("Computing…"))
        run_in_background(
            lambda: period_stats(self._services, start, end), self.show_stats, self._failed
        )

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(getattr(exc, "message", str(exc)))

    def show_stats(self, st: PeriodStats) -> None:
        self.stats = st
        self.message.clear()
        rate = "-" if st.on_time_rate is None else f"{st.on_time_rate * 100:.1f}%"
        overdue = st.open_by_status.get(DeadlineStatus.OVERDUE.label, 0)
        self.figures.setText(
            self.tr(
                "<b>Received:</b> <a href='received'>%1</a> &nbsp; "
                "<b>Handled:</b> <a href='handled'>%2</a> &nbsp; "
                "<b>On time:</b> <a href='ontime'>%3</a> &nbsp; "
                "<b>Late:</b> <a href='late'>%4</a> &nbsp; <b>On-time rate:</b> %5 &nbsp; "
                "<b>Chỉ số 8 score:</b> %6<br><b>Working days to answer:</b> median %7, "
                "90th percentile %8 &nbsp; <b>Open now, overdue:</b> <a href='overdue'>%9</a>"
            )
            .replace("%1", str(st.received))
            .replace("%2", str(st.handled_total))
            .replace("%3", str(st.on_time))
            .replace("%4", str(st.late))
            .replace("%5", rate)
            .replace("%6", str(st.score))
            .replace("%7", str(st.median_days if st.median_days is not None else "-"))
            .replace("%8", str(st.p90_days if st.p90_days is not None else "-"))
            .replace("%9", str(overdue))
        )
        months = QChart()
        months.setTitle(self.tr("Received per month"))
        bars = QBarSet(self.tr("Received"))
        for v in st.by_month.values():
            bars.append(v)
        series = QBarSeries()
        series.append(bars)
        months.addSeries(series)
        axis = QBarCategoryAxis()
        # "2026-07" -> "7/26": short enough for a bar's width.
        axis.append([f"{int(k[5:])}/{k[2:4]}" for k in st.by_month])
        months.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis)
        values = QValueAxis()
        values.setRange(0, max(st.by_month.values(), default=1))
        values.setLabelFormat("%d")
        values.applyNiceNumbers()
        months.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)
        months.legend().hide()
        self.months_chart.setChart(months)
        outcomes = QChart()
        outcomes.setTitle(self.tr("Classification outcomes"))
        pie = QPieSeries()
        for k, v in st.outcomes.items():
            pie.append(f"{k}: {v}", v)
        outcomes.addSeries(pie)
        outcomes.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.outcomes_chart.setChart(outcomes)
        units = QChart()
        units.setTitle(self.tr("On-time rate by unit (%)"))
        rate_set = QBarSet(self.tr("On time"))
        names = []
        for name, (total, on_time) in st.handled_by_unit.items():
            names.append(name)
            rate_set.append(round(100 * on_time / total, 1) if total else 0)
        useries = QHorizontalBarSeries()
        useries.append(rate_set)
        units.addSeries(useries)
        uaxis = QBarCategoryAxis()
        uaxis.append(names)
        units.addAxis(uaxis, Qt.AlignmentFlag.AlignLeft)
        useries.attachAxis(uaxis)
        pct = QValueAxis()
        pct.setRange(0, 100)
        pct.setLabelFormat("%d")
        units.addAxis(pct, Qt.AlignmentFlag.AlignBottom)
        useries.attachAxis(pct)
        units.legend().hide()
        self.units_chart.setChart(units)
        self._fill_breakdowns(st)

    def _fill_breakdowns(self, st: PeriodStats) -> None:
        """Every count with what it filters on, so a double-click lists the cases behind it."""
        self.breakdowns.clear()
        channels = {label: c.value for c, label in CHANNEL_LABELS.items()}
        kinds = {label: k.value for k, label in SUBMITTER_KIND_LABELS.items()}
        units = {u.name: u.id for u in self._services.office.units(include_inactive=True)}
        groups: list[tuple[str, dict[str, int], Callable[[str], dict[str, Any]]]] = [
            (self.tr("Received by channel"), st.by_channel, lambda k: {"channel": channels.get(k)}),
            (self.tr("Received by topic"), st.by_topic, lambda k: {"topic": k}),
            (self.tr("Received by unit"), st.by_unit, lambda k: {"unit": units.get(k)}),
            (
                self.tr("Received by submitter type"),
                st.by_submitter_kind,
                lambda k: {"kind": kinds.get(k)},
            ),
            (self.tr("Received by month"), st.by_month, lambda k: {"month": k}),
        ]
        total = QTreeWidgetItem([self.tr("Received in the period"), str(st.received)])
        total.setData(0, Qt.ItemDataRole.UserRole, {})
        self.breakdowns.addTopLevelItem(total)
        for title, data, keyer in groups:
            group = QTreeWidgetItem([title, ""])
            for key, count in data.items():
                child = QTreeWidgetItem([key, str(count)])
                child.setData(0, Qt.ItemDataRole.UserRole, keyer(key))
                group.addChild(child)
            self.breakdowns.addTopLevelItem(group)
        self.breakdowns.expandAll()

    def _drill(self, item: QTreeWidgetItem, _col: int) -> None:
        keys = item.data(0, Qt.ItemDataRole.UserRole)
        if keys is None:
            return
        start, end = self.dates()
        month = keys.get("month")
        if month:
            y, m = (int(x) for x in month.split("-"))
            start = max(start, date(y, m, 1))
            end = min(end, (date(y, m, 1) + timedelta(days=32)).replace(day=1) - timedelta(days=1))
        f = CaseFilter(
            channels=frozenset({keys["channel"]}) if keys.get("channel") else frozenset(),
            topics=frozenset({keys["topic"]}) if keys.get("topic") else frozenset(),
            unit_ids=frozenset({keys["unit"]}) if keys.get("unit") else frozenset(),
            submitter_kinds=frozenset({keys["kind"]}) if keys.get("kind") else frozenset(),
            received_from=start,
            received_to=end,
        )
        self.show_cases.emit(f, item.text(0))

    def _link(self, target: str) -> None:
        """Every figure opens the cases behind it."""
        if target == "overdue":
            self.show_overdue.emit()
            return
        start, end = self.dates()
        filters = {
            "received": (CaseFilter(received_from=start, received_to=end), self.tr("Received")),
            "handled": (CaseFilter(handled_from=start, handled_to=end), self.tr("Handled")),
            "ontime": (
                CaseFilter(handled_from=start, handled_to=end, handled_on_time=True),
                self.tr("Handled on time"),
            ),
            "late": (
                CaseFilter(handled_from=start, handled_to=end, handled_on_time=False),
                self.tr("Handled late"),
            ),
        }
        if target in filters:
            f, title = filters[target]
            self.show_cases.emit(f, f"{title} {start:%d/%m/%Y}–{end:%d/%m/%Y}")

    # --- exports ----------------------------------------------------------------------------------
    def export(self, what: str, suffix: str, path: Path | None = None) -> None:
        start, end = self.dates()
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export"),
                f"pakn-{what}-{start:%Y%m%d}-{end:%Y%m%d}{suffix}",
                f"*{suffix}",
            )
            if not name:
                return
            path = Path(name)
        services = self._services
        cancel = threading.Event()
        office = services.office.details().agency_short

        def report() -> Any:
            stats = period_stats(services, start, end, cancel.is_set)
            if suffix == ".xlsx":
                return write_period_report(stats, office, path)
            return period_report_pdf(services, stats, path)

        def register() -> Any:
            if suffix == ".xlsx":
                return write_register(services, start, end, path, cancel.is_set)
            return register_pdf(services, start, end, path, cancel.is_set)

        jobs: dict[str, Callable[[], Any]] = {
            "report": report,
            "register": register,
            "overdue": lambda: overdue_list_pdf(services, path),
        }
        progress = QProgressDialog(
            self.tr("Writing %1…").replace("%1", path.name), self.tr("Cancel"), 0, 0, self
        )
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.canceled.connect(cancel.set)
        progress.show()

        def done(_result: Any) -> None:
            progress.close()
            self.message.setText(self.tr("Written: %1").replace("%1", str(path)))

        def failed(exc: BaseException) -> None:
            progress.close()
            self._failed(exc)

        run_in_background(jobs[what], done, failed)
