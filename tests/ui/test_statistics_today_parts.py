"""Today's work (up to 5,000 rows at a large office) is made a part at a time, the event loop
turning between parts, and shown at once when made (issue 24: the statistics page's stall)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from pakn_desktop.reports.today import WorkItem
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor
from pakn_desktop.ui.statistics import TODAY_CHUNK, StatisticsView


def _items(n: int) -> list[WorkItem]:
    return [
        WorkItem(f"Công chức {i % 7}", f"26-{i:06d}-1", f"Việc {i}", "Xử lý", date(2026, 12, 11), 2)
        for i in range(n)
    ]


def _shown(view: StatisticsView) -> int:
    tree = view.today
    return sum(tree.topLevelItem(i).childCount() for i in range(tree.topLevelItemCount()))  # type: ignore[union-attr]


def test_a_long_list_is_made_in_parts_with_the_window_answering_between(
    qtbot: QtBot, services: Services, head: Actor
) -> None:
    view = StatisticsView(services, head)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.today_op is None)
    items = _items(3 * TODAY_CHUNK + 7)
    done: list[int] = []
    seen_meanwhile: list[int] = []
    view.show_today(items, then=lambda: done.append(_shown(view)))
    # Something the window was asked to do right after: it runs before the list is made.
    QTimer.singleShot(0, lambda: seen_meanwhile.append(len(done)))
    qtbot.waitUntil(lambda: bool(done))
    assert seen_meanwhile == [0]
    assert done == [len(items)]
    assert view.today.topLevelItemCount() == 7
    first = view.today.topLevelItem(0)
    assert first is not None and first.text(0) == f"Công chức 0 ({len(items[::7])})"


def test_a_newer_list_replaces_one_still_being_made(
    qtbot: QtBot, services: Services, head: Actor
) -> None:
    view = StatisticsView(services, head)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.today_op is None)
    ended: list[str] = []
    view.show_today(_items(3 * TODAY_CHUNK), then=lambda: ended.append("older"))
    view.show_today(_items(5), then=lambda: ended.append("newer"))
    qtbot.waitUntil(lambda: len(ended) == 2)
    assert sorted(ended) == ["newer", "older"]
    assert _shown(view) == 5  # only the newer list is shown
