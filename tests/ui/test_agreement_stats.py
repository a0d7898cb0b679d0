"""The statistics page's «Mức độ đồng ý với gợi ý phân loại»: per month and kind of
suggestion, how many were suggested, decided and taken, and the rate written the product's
way; read off the GUI thread; shown only to those who may see the statistics."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from accounts_fixture import staff_actor
from builders import a_form
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.enums import Role
from pakn_desktop.services import Services
from pakn_desktop.ui.main_window import MainWindow
from pakn_desktop.ui.statistics import StatisticsView

FORM = a_form(
    submitter_name="Trần Thị Mai",
    address="Thôn 3, xã Nghĩa Hành, tỉnh Quảng Ngãi",
    phone="0905 111 222",
    title="Chậm chi trả trợ cấp thất nghiệp",
    content="Tôi có quyết định hưởng trợ cấp thất nghiệp từ tháng 5 nhưng tháng thứ hai đã "
    "chậm 20 ngày, đề nghị Sở đôn đốc Trung tâm Dịch vụ việc làm.",
    channel="email",
    topic="Lao động, việc làm",
)

TITLE = "Mức độ đồng ý với gợi ý phân loại"


def _record(services: Services, actor, i: int, choices: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    form = replace(FORM, phone=f"0905 333 4{i:02d}", title=f"{FORM.title} {i}")
    case = services.cases.receive(form, actor)
    s = services.routing.suggest_for_case(actor, case.code)
    services.routing.record_suggestion(actor, case.code, s)
    for kind, chosen in choices.items():
        if chosen == "=":  # what was suggested
            chosen = {"scope": str(s.scope.scope), "topic": s.topic}[kind]
        services.routing.record_choice(actor, case.code, kind, chosen)


def _table(view: StatisticsView) -> list[list[str]]:
    t = view.agreement
    return [
        [t.item(r, c).text() for c in range(t.columnCount())]  # type: ignore[union-attr]
        for r in range(t.rowCount())
    ]


def test_agreement_per_month_and_kind(qtbot: QtBot, services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    actor = staff_actor(services)
    # March: two scope suggestions taken, one topic not taken.
    clock.set(clock() - timedelta(days=40))
    march = clock().strftime("%Y-%m")
    _record(services, actor, 1, {"scope": "=", "topic": "Khác"})
    _record(services, actor, 2, {"scope": "="})
    # April (today): three scope suggestions, two taken and one not; one topic taken,
    # one left undecided.
    clock.set(clock() + timedelta(days=40))
    april = clock().strftime("%Y-%m")
    assert march != april
    _record(services, actor, 3, {"scope": "=", "topic": "="})
    _record(services, actor, 4, {"scope": "="})
    _record(services, actor, 5, {"scope": "rejected"})

    window = MainWindow(services, actor, auto_backup=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    # The real page list: a click on «Thống kê».
    nav = window.nav
    row = nav.visualItemRect(nav.item(4))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    view = window.statistics
    assert window.stack.currentWidget() is view
    # The tab, by its Vietnamese title, pressed on the tab bar.
    tabs = view.charts
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == TITLE)
    bar = tabs.findChild(QTabBar)
    assert bar is not None
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentWidget() is view.agreement_page
    qtbot.waitUntil(lambda: view.agreement_op is None and view.agreement.rowCount() > 0)

    headers = [
        view.agreement.horizontalHeaderItem(c).text()  # type: ignore[union-attr]
        for c in range(view.agreement.columnCount())
    ]
    assert headers == [
        "Tháng",
        "Loại gợi ý",
        "Số lần gợi ý",
        "Đã quyết định",
        "Theo gợi ý",
        "Tỷ lệ đồng ý",
    ]
    cells = {(r[0], r[1]): r[2:] for r in _table(view)}
    a = f"{int(april[5:])}/{april[:4]}"
    m = f"{int(march[5:])}/{march[:4]}"
    assert cells[(a, "Phạm vi")] == ["3", "3", "2", "66,7%"]
    assert cells[(a, "Chủ đề")] == ["3", "1", "1", "100,0%"]
    assert cells[(m, "Phạm vi")] == ["2", "2", "2", "100,0%"]
    assert cells[(m, "Chủ đề")] == ["2", "1", "0", "0,0%"]
    # A kind suggested but never decided: no rate, written as the product writes it.
    unit = cells.get((a, "Đơn vị xử lý"))
    if unit is not None:
        assert unit[1:] == ["0", "0", "-"]
    # Newest month first, the kinds in their order within a month.
    months = [r[0] for r in _table(view)]
    assert months == sorted(months, key=lambda t: (t.split("/")[1], int(t.split("/")[0])))[::-1]
    assert [r[1] for r in _table(view) if r[0] == a][:2] == ["Phạm vi", "Chủ đề"]

    # A new decision shows after Tính toán.
    _record(services, actor, 6, {"scope": "="})
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            view.agreement_op is None
            and view.op is None
            and {(r[0], r[1]): r[2:] for r in _table(view)}[(a, "Phạm vi")][:3] == ["4", "4", "3"]
        )
    )
    assert {(r[0], r[1]): r[2:] for r in _table(view)}[(a, "Phạm vi")][3] == "75,0%"


def test_hidden_from_those_who_may_not_see_statistics(
    qtbot: QtBot,
    services: Services,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    clerk = make_actor(Role.FRONT_DESK, Role.OFFICIAL)
    view = StatisticsView(services, clerk)
    qtbot.addWidget(view)
    titles = [view.charts.tabText(i) for i in range(view.charts.count())]
    assert TITLE not in titles
    assert view.load_agreement() is None and view.agreement.rowCount() == 0
