"""One way of writing a percentage (issue 21: "74%" stood beside "73,4%"): the dashboard's
figures, its chart of on-time rates by unit and the PDF report all write a rate through
``reports.stats.vn_percent`` (Vietnamese decimal comma, one decimal: "66,7%")."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from accounts_fixture import staff_actor
from pypdf import PdfReader
from PySide6.QtCharts import QBarCategoryAxis, QHorizontalBarSeries
from pytestqt.qtbot import QtBot

from pakn_desktop.reports.pdf import period_report_pdf
from pakn_desktop.reports.stats import assemble, vn_percent
from pakn_desktop.services import Services
from pakn_desktop.store.summary import Figures
from pakn_desktop.ui.main_window import MainWindow

PERCENT = re.compile(r"\d[\d.,]*\s?%")


def test_vn_percent() -> None:
    assert vn_percent(2 / 3) == "66,7%"
    assert vn_percent(0.734) == "73,4%"
    assert vn_percent(1.0) == "100,0%"
    assert vn_percent(None) == "-"


def test_the_page_and_the_pdf_write_each_rate_alike(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    units = {u.name: u.id for u in services.office.units()}
    (a, ida), (b, idb) = sorted(units.items())[:2]
    fig = Figures(
        received={
            "channel": {"phone": 10},
            "topic": {"": 10},
            "unit": {str(ida): 3, str(idb): 7},
            "kind": {"citizen": 10},
            "outcome": {"": 10},
        },
        months={"2026-03": 10},
        handled={("answered", str(ida)): (3, 2), ("rejected", str(idb)): (7, 5)},
        answer_days={10: 3},
    )
    st = assemble(fig, date(2026, 3, 1), date(2026, 3, 31), units_by_id := {ida: a, idb: b})
    assert units_by_id and st.on_time_rate == 0.7

    window = MainWindow(services, staff_actor(services), auto_backup=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.nav.setCurrentRow(window.stack.indexOf(window.statistics))
    view = window.statistics
    view.show_stats(st)
    chart = view.units_chart.chart()
    (axis,) = [x for x in chart.axes() if isinstance(x, QBarCategoryAxis)]
    categories = axis.categories()
    (series,) = [s for s in chart.series() if isinstance(s, QHorizontalBarSeries)]
    assert not series.isLabelsVisible()  # Qt's own "@value%" labels would say "67%"

    pdf = tmp_path / "bao-cao.pdf"
    period_report_pdf(services.statistics.frame(), st, pdf)
    text = " ".join("".join(p.extract_text() for p in PdfReader(pdf).pages).split())

    page = view.figures.text()
    assert "70,0%" in page and "70,0%" in text
    for u in st.handled_by_unit:
        rate = vn_percent(u.rate)
        (shown,) = [c for c in categories if c.startswith(u.label)]
        assert shown.endswith(f"· {rate}"), shown
        assert f"{u.label} {u.total} {u.on_time} {rate}" in text, text
    assert {vn_percent(u.rate) for u in st.handled_by_unit} == {"66,7%", "71,4%"}

    # Every figure written as a percentage has the decimal comma and one decimal ("90%
    # PAKN" names a percentile, not a figure).
    def figures(t: str) -> list[str]:
        return PERCENT.findall(t.replace("90% PAKN", ""))

    written = figures(page) + figures(" ".join(categories)) + figures(text)
    assert written and all(re.fullmatch(r"\d{1,3},\d%", p) for p in written), written
