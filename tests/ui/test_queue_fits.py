"""The queue fits a 1366×768 screen (issue 21: "Trạng thái" was off screen), also at 125 %
scaling (QT_SCALE_FACTOR=1.25: 1093×614 logical pixels): in the main window every column's
section lies inside the table's viewport, the code and the deadline's date are shown whole,
and a header remembered from a wider screen is fitted too."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_reads import listed
from screen_driver import laptop_size, run_on_laptop_screen

from pakn_desktop.ui.queue_view import fitted_widths

DRIVER = r"""
import json, sys
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
app.setOrganizationName("PAKN Desktop Tests")
app.setApplicationName("pakn-desktop-tests")
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
from pakn_desktop.services import Services
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.domain.enums import Role
from pakn_desktop.ui.i18n import install_translator
from pakn_desktop.ui.case_model import Column
from pakn_desktop.ui.main_window import MainWindow, PAGE_KEYS
install_translator(app, "vi")
svc = Services.open(sys.argv[1])
admin = svc.office.actor()
unit = svc.office.units()[0].id
svc.office.add_user("lthha", "Lê Thị Thu Hà", Role.HEAD, unit_id=unit, actor=admin)
svc.office.add_user("tiepnhan", "Hoàng Thị Yến", Role.FRONT_DESK, unit_id=unit, actor=admin)
desk = svc.office.actor("tiepnhan")
form = IntakeForm("citizen", "Nguyễn Thị Minh Khai", "Số 1 phố Huế, Hà Nội", "0912345678", "",
                  "Đề nghị xem xét việc chậm chi trả trợ cấp người có công tháng 3 năm 2026",
                  "Chưa nhận trợ cấp", "national_portal", portal_code="H1")
svc.cases.receive(form, desk)
room = app.primaryScreen().availableGeometry()
out = {"screen": [room.width(), room.height()], "runs": []}
for run in ("first", "remembered"):
    w = MainWindow(svc, svc.office.actor("lthha"), auto_backup=False)
    w.setGeometry(room)
    w.show()
    w.nav.setCurrentRow(PAGE_KEYS.index("queue"))
    app.processEvents()
    q = w.stack.currentWidget()
    t, h = q.table, q.table.horizontalHeader()
    if run == "first":
        # The person widens every column, as on a big screen, and the window is closed.
        for c in range(h.count()):
            h.resizeSection(c, 260)
        w.close()
        continue
    app.processEvents()
    cols = {str(Column(c).name): [h.sectionViewportPosition(c), h.sectionSize(c)]
            for c in range(h.count())}
    fm = t.fontMetrics()
    row = {str(Column(c).name): t.model().index(0, c).data() for c in range(h.count())}
    whole = {k: fm.horizontalAdvance(row[k]) + 8 <= cols[k][1] for k in ("CODE", "DEADLINE")}
    out["runs"].append({"viewport": t.viewport().width(), "cols": cols, "whole": whole,
                        "hscroll": t.horizontalScrollBar().maximum(), "row": row})
    w.close()
print("RESULT " + json.dumps(out), flush=True)
"""


def test_fitted_widths() -> None:
    wanted = {0: 100, 1: 200, 2: 100}
    floors = {0: 80, 1: 60, 2: 60}
    assert fitted_widths(wanted, floors, 500, 1) == {0: 100, 1: 300, 2: 100}
    narrow = fitted_widths(wanted, floors, 300, 1)
    assert sum(narrow.values()) == 300 and all(narrow[c] >= floors[c] for c in wanted)
    assert fitted_widths(wanted, floors, 100, 1) == floors  # never below a floor


@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_every_queue_column_is_in_sight(tmp_path: Path, scale: str) -> None:
    url = f"sqlite:///{tmp_path / 'q.db'}"
    result = run_on_laptop_screen(tmp_path, DRIVER, [url, str(tmp_path / "qs")], scale)
    assert result["screen"] == list(laptop_size(scale))
    (run,) = result["runs"]
    room = run["viewport"]
    assert len(run["cols"]) == 10
    for name, (x, width) in run["cols"].items():
        assert x >= 0 and x + width <= room, (name, x, width, room)
    assert run["cols"]["STATE"][1] >= 60  # the state column itself, not a sliver
    assert run["hscroll"] == 0
    assert run["whole"] == {"CODE": True, "DEADLINE": True}, run["row"]


def test_a_cut_cell_shows_its_whole_text_as_a_tooltip(qtbot, services, front_desk, head) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from pakn_desktop.domain.queue import CaseFilter
    from pakn_desktop.domain.validation import IntakeForm
    from pakn_desktop.ui.case_model import Column
    from pakn_desktop.ui.queue_view import CaseListView

    title = "Đề nghị xem xét việc chậm chi trả trợ cấp người có công tháng 3 năm 2026"
    services.cases.receive(
        IntakeForm(
            "citizen", "Lý Thị Mai", "Xã Đắk Hà", "0912345678", "", title, "Nội dung", "phone"
        ),
        front_desk,
    )
    view = CaseListView(services, head, "tooltip", CaseFilter(), remember=False)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    listed(qtbot, view.model)
    table = view.table
    cell = table.model().index(0, Column.TITLE)
    assert table.visualRect(cell).width() < table.fontMetrics().horizontalAdvance(title)
    at = table.visualRect(cell).center()
    event = QHelpEvent(QEvent.Type.ToolTip, at, table.viewport().mapToGlobal(at))
    QApplication.sendEvent(table.viewport(), event)
    assert QToolTip.isVisible() and QToolTip.text() == title
    QToolTip.hideText()
    # A cell shown whole has no tooltip of its own.
    code = table.model().index(0, Column.CODE)
    at = table.visualRect(code).center()
    QApplication.sendEvent(
        table.viewport(), QHelpEvent(QEvent.Type.ToolTip, at, table.viewport().mapToGlobal(at))
    )
    assert not QToolTip.isVisible() or QToolTip.text() != code.data()
