"""The dashboard at 1366x768: readable month labels, a legend with its values, numbers the
Vietnamese way, and every count opening a list of exactly that many cases."""

from __future__ import annotations

from datetime import date

from accounts_fixture import staff_actor
from page_reads import listed
from PySide6.QtCharts import QBarCategoryAxis, QPieSeries, QValueAxis
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from pakn_desktop.demo import generate_demo
from pakn_desktop.reports.stats import assemble
from pakn_desktop.services import Services
from pakn_desktop.store.summary import Figures
from pakn_desktop.ui.main_window import MainWindow


def make_window(qtbot: QtBot, services: Services) -> MainWindow:
    window = MainWindow(services, staff_actor(services), auto_backup=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.nav.setCurrentRow(window.stack.indexOf(window.statistics))
    return window


def _items(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    out = [item]
    for i in range(item.childCount()):
        child = item.child(i)
        assert child is not None
        out += _items(child)
    return out


def test_year_charts_are_readable_at_1366x768(qtbot: QtBot, services: Services) -> None:
    generate_demo(services, 400, seed=4)
    window = make_window(qtbot, services)
    view = window.statistics
    view.period.setCurrentIndex(view.period.findText("Năm 2025"))
    assert view.dates() == (date(2025, 1, 1), date(2025, 12, 31))
    view.show_stats(services.statistics.figures(*view.dates()))

    view.charts.setCurrentWidget(view.months_chart)
    qtbot.wait(50)
    chart = view.months_chart.chart()
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    labels = axis.categories()
    assert labels[0] == "1/2025" and labels[-1] == "12/2025" and len(labels) == 12
    per_month = chart.plotArea().width() / len(labels)
    metrics = QFontMetricsF(axis.labelsFont())
    assert all(metrics.horizontalAdvance(t) + 4 < per_month for t in labels), per_month
    assert chart.localizeNumbers() and chart.locale().toString(9303) == "9.303"
    # A localized axis prints nothing for "%d": its ticks must use a float format.
    values = next(a for a in chart.axes() if isinstance(a, QValueAxis))
    assert values.labelFormat() == "%.0f" and values.labelsVisible()
    (bars,) = chart.series()[0].barSets()  # type: ignore[attr-defined]
    assert bars.labelColor().lightness() < 100  # readable above a bar on white

    # The details: every label whole beside its count (topic names run long).
    view.charts.setCurrentWidget(view.breakdowns)
    qtbot.wait(50)
    tree = view.breakdowns
    fm = tree.fontMetrics()
    room = tree.header().sectionSize(0)
    for i in range(tree.topLevelItemCount()):
        for item in _items(tree.topLevelItem(i)):  # type: ignore[arg-type]
            depth = (
                1
                + (item.parent() is not None)
                + (
                    item.parent() is not None and item.parent().parent() is not None  # type: ignore[union-attr]
                )
            )
            needed = fm.horizontalAdvance(item.text(0)) + depth * tree.indentation()
            assert needed < room, (item.text(0), needed, room)

    view.charts.setCurrentWidget(view.outcomes_chart)
    qtbot.wait(50)
    pie_chart = view.outcomes_chart.chart()
    (pie,) = [s for s in pie_chart.series() if isinstance(s, QPieSeries)]
    assert pie.count() == len(view.stats.outcomes.rows)  # type: ignore[union-attr]
    legend = pie_chart.legend()
    font = QFontMetricsF(legend.font())
    room = legend.geometry().width()
    for marker in legend.markers():
        text = marker.label()
        assert ": " in text and "%" in text, text  # label, count and share
        assert font.horizontalAdvance(text) + 30 < room, (text, room)
    assert legend.geometry().right() <= pie_chart.geometry().right()


def test_big_numbers_are_written_the_vietnamese_way(qtbot: QtBot, services: Services) -> None:
    window = make_window(qtbot, services)
    view = window.statistics
    fig = Figures(
        received={
            "channel": {"phone": 9303, "email": 8760},
            "topic": {"": 18063},
            "unit": {"": 18063},
            "kind": {"citizen": 18063},
            "outcome": {"": 18063},
        },
        months={"2025-01": 18063},
        handled={("answered", ""): (12000, 10800)},
        answer_days={14: 12000},
    )
    st = assemble(fig, date(2025, 1, 1), date(2025, 1, 31), {})
    view.show_stats(st)
    text = view.figures.text()
    assert "18.063" in text and "12.000" in text and "10.800" in text and "90,0%" in text
    assert "9303" not in text
    counts = [
        it.text(1)
        for i in range(view.breakdowns.topLevelItemCount())
        for it in _items(view.breakdowns.topLevelItem(i))
    ]  # type: ignore[arg-type]
    assert "9.303" in counts and "8.760" in counts and "18.063" in counts
    assert not any(c.isdigit() and len(c) > 3 for c in counts)


def test_every_count_opens_a_list_of_that_many_cases(
    qtbot: QtBot, services: Services, clock
) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from report_fixture import BASE, at, build

    from pakn_desktop.reports.stats import quarter

    build(services, clock)
    actor = services.office.actor("baocao")  # every role, made by build()
    unit = services.office.add_unit("Phòng Lao động", services.office.actor())
    clock.set(at("2026-05-04"))
    services.cases.receive(replace(BASE, topic=""), actor)
    services.cases.receive(replace(BASE, topic=""), actor, unit_id=unit.id)
    clock.set(at("2026-07-02"))
    window = make_window(qtbot, services)
    view = window.statistics
    view.show_stats(services.statistics.figures(*quarter(2026, 2)))
    shown: list = []
    view.show_cases.connect(lambda f, title: shown.append(window.show_cases(f, title)))
    checked = 0
    labels = set()
    for i in range(view.breakdowns.topLevelItemCount()):
        top = view.breakdowns.topLevelItem(i)
        assert top is not None
        for item in _items(top):
            if not item.text(1):
                continue  # a group heading
            view._drill(item, 0)
            drill = shown[-1]
            qtbot.addWidget(drill)
            assert listed(qtbot, drill.model).total == int(item.text(1).replace(".", "")), (
                item.text(0)
            )
            drill.close()
            labels.add(item.text(0))
            checked += 1
    assert checked >= 25
    assert {"(chưa chọn)", "(chưa phân công)", "Tháng 4/2026", "Phòng Lao động"} <= labels


def test_a_past_period_counts_that_period_only(
    qtbot: QtBot, services: Services, clock, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Open cases of today are not figures of a period that ended before today: neither on
    the dashboard nor in its report; the period that includes today shows them as today's."""
    from pypdf import PdfReader
    from report_fixture import at, build

    from pakn_desktop.reports.pdf import period_report_pdf
    from pakn_desktop.reports.stats import quarter

    build(services, clock)
    clock.set(at("2026-07-02"))
    window = make_window(qtbot, services)
    view = window.statistics
    past = services.statistics.figures(*quarter(2026, 2))
    view.show_stats(past)
    assert "overdue" not in view.figures.text() and "quá hạn:" not in view.figures.text()
    headings = [
        view.breakdowns.topLevelItem(i).text(0)  # type: ignore[union-attr]
        for i in range(view.breakdowns.topLevelItemCount())
    ]
    assert not any("Đang mở" in h or "quá hạn" in h.lower() for h in headings), headings
    pdf = tmp_path / "q2.pdf"
    period_report_pdf(services.statistics.frame(), past, pdf)
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Đang mở theo thời hạn" not in text and "Quá hạn theo công chức" not in text

    now = services.statistics.figures(*quarter(2026, 3))
    view.show_stats(now)
    assert "Đang mở hôm nay (02/07/2026), quá hạn:" in view.figures.text()
    period_report_pdf(services.statistics.frame(), now, pdf)
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Đang mở theo thời hạn (hôm nay, 02/07/2026)" in " ".join(text.split())


def _click_chart(qtbot: QtBot, view, scene_point) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt as QtNs

    qtbot.mouseClick(
        view.viewport(), QtNs.MouseButton.LeftButton, pos=view.mapFromScene(scene_point)
    )


def test_every_bar_slice_and_figure_opens_its_own_list(
    qtbot: QtBot, services: Services, clock
) -> None:  # type: ignore[no-untyped-def]
    """A month's bar, an outcome's slice and the overdue figure each open a list of their
    own, in its own window, with exactly that many cases; the queue is left as it was."""
    import math

    from PySide6.QtCharts import QBarSeries
    from PySide6.QtCore import QPointF
    from report_fixture import at, build

    from pakn_desktop.reports.stats import quarter

    build(services, clock)
    clock.set(at("2026-07-02"))
    window = make_window(qtbot, services)
    view = window.statistics
    view.resize(1300, 700)
    view.show_stats(services.statistics.figures(date(2026, 4, 1), date(2026, 7, 31)))
    view.charts.setCurrentIndex(0)
    opened: list = []
    view.show_cases.connect(lambda f, title: opened.append(title))
    drills = window._drilldowns

    # The month bars: each click opens that month's cases.
    chart_view = view.months_chart
    qtbot.waitExposed(chart_view)
    chart = chart_view.chart()
    (series,) = [s for s in chart.series() if isinstance(s, QBarSeries)]
    rows = view.stats.by_month.rows  # type: ignore[union-attr]
    assert len(rows) >= 2
    for i, r in enumerate(rows):
        middle = chart.mapToPosition(QPointF(i, r.count / 2), series)
        _click_chart(qtbot, chart_view, chart.mapToScene(middle))
        assert listed(qtbot, drills[-1].model).total == r.count, r.label
        assert opened[-1].startswith("Số PAKN tiếp nhận theo tháng · " + r.label)
    assert len(drills) == len(rows)

    # The outcomes' slices.
    view.charts.setCurrentWidget(view.outcomes_chart)
    qtbot.waitExposed(view.outcomes_chart)
    pie_chart = view.outcomes_chart.chart()
    (pie,) = pie_chart.series()
    area = pie_chart.plotArea()
    radius = min(area.width(), area.height()) * pie.pieSize() / 2
    outcomes = view.stats.outcomes.rows  # type: ignore[union-attr]
    before = len(drills)
    for piece, r in zip(pie.slices(), outcomes, strict=True):
        angle = math.radians(piece.startAngle() + piece.angleSpan() / 2)
        at_ = area.center() + QPointF(
            radius * 0.6 * math.sin(angle), -radius * 0.6 * math.cos(angle)
        )
        _click_chart(qtbot, view.outcomes_chart, pie_chart.mapToScene(at_))
        assert listed(qtbot, drills[-1].model).total == r.count, r.label
    assert len(drills) == before + len(outcomes)

    # The overdue figure of today opens its own list; the queue keeps its filters.
    queue_filter = window.queue.model.current
    view.figures.linkActivated.emit("overdue")
    overdue = view.stats.open_by_status.by_key()["overdue"]  # type: ignore[union-attr]
    assert overdue > 0 and listed(qtbot, drills[-1].model).total == overdue
    assert window.queue.model.current == queue_filter
    assert quarter(2026, 3)[0] <= date(2026, 7, 2)
