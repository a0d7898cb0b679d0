"""Each view reads again only for the changes that concern it (ui/operations.listen, as Anki's
views do in ``on_operation_did_execute``): a change of cases re-reads the lists, the counts,
the dashboard's work of the day and an open case, never the settings; a change of the office
re-reads none of them; letters re-read the register, not the queue; a day off added in the
settings moves deadlines, so the queue, the counts and the open case read again, and the
settings page itself only once. Reads are counted at the services the views call."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from builders import a_form
from PySide6.QtCore import QDate, QObject, Qt, QThreadPool
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor
from pakn_desktop.ui.case_editor import CaseEditor
from pakn_desktop.ui.main_window import MainWindow
from pakn_desktop.ui.queue_view import CaseListView
from pakn_desktop.ui.settings import SettingsView
from pakn_desktop.ui.statistics import StatisticsView
from pakn_desktop.ui.workers import Changes, announce

# What each view reads when it reads again, by the service call that does the reading.
READS = {
    "queue": ("case_reads", "count_upto"),
    "counts": ("case_reads", "status_counts"),
    "today": ("statistics", "today"),
    "editor": ("case_reads", "get"),
    "calendar": ("calendar", "adjustments"),
    "people": ("office", "users"),
    "register": ("letters", "register_years"),
}


class Scene:
    def __init__(self, qtbot: QtBot, window: MainWindow, editor: CaseEditor) -> None:
        self.qtbot, self.window, self.editor = qtbot, window, editor
        self.reads: Counter[str] = Counter()

    @property
    def queue(self) -> CaseListView:
        return self.window.queue

    @property
    def statistics(self) -> StatisticsView:
        return self.window.statistics

    @property
    def settings(self) -> SettingsView:
        view = self.window.page("settings")
        assert isinstance(view, SettingsView)
        return view

    def settle(self) -> Counter[str]:
        """Until every read started has ended; what was read since the last call."""
        self.qtbot.waitUntil(
            lambda: not self.queue.model.busy and self.statistics.today_op is None,
            timeout=10_000,
        )
        QThreadPool.globalInstance().waitForDone(10_000)
        self.qtbot.wait(20)  # the answers' queued deliveries
        read, self.reads = self.reads, Counter()
        return read

    def announce(self, changes: Changes) -> Counter[str]:
        elsewhere = QObject()  # a dialog of no view's (an import, a batch of letters)
        announce(changes, elsewhere)
        return self.settle()


@pytest.fixture
def scene(
    qtbot: QtBot, services: Services, actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Scene]:
    code = services.cases.receive(a_form(), actor).code
    window = MainWindow(services, actor, auto_backup=False, warm_up=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    for key in ("inbox", "queue", "register", "settings"):
        window.page(key)
    window.nav.setCurrentRow(4)  # the dashboard in front: the others are built and hidden
    editor = window.open_case(code)
    qtbot.waitUntil(lambda: editor.detail.complete, timeout=10_000)
    made = Scene(qtbot, window, editor)
    made.settle()

    def counted(name: str, read: Callable[..., Any]) -> Callable[..., Any]:
        def counting(*args: Any, **kwargs: Any) -> Any:
            made.reads[name] += 1
            return read(*args, **kwargs)

        return counting

    for name, (service, method) in READS.items():
        obj = getattr(services, service)
        monkeypatch.setattr(obj, method, counted(name, getattr(obj, method)))
    yield made
    editor.close()


def test_a_change_of_cases_reads_the_lists_the_dashboard_and_the_case_not_the_settings(
    scene: Scene,
) -> None:
    read = scene.announce(Changes(cases=True))
    assert read["queue"] == 2  # the inbox and the queue, behind the dashboard
    assert read["counts"] >= 1 and read["today"] == 1 and read["editor"] == 1
    assert read["calendar"] == read["people"] == read["register"] == 0


def test_a_change_of_the_office_reads_no_list_nor_the_case(scene: Scene) -> None:
    read = scene.announce(Changes(office=True))
    assert not read, read


def test_letters_read_the_register_not_the_queue(scene: Scene) -> None:
    scene.window.nav.setCurrentRow(5)  # the register in front
    scene.settle()
    read = scene.announce(Changes(letters=True))
    assert read["register"] == 1
    assert read["queue"] == read["today"] == read["editor"] == read["calendar"] == 0


def test_the_people_are_read_by_the_settings_when_shown(scene: Scene) -> None:
    read = scene.announce(Changes(people=True))
    assert not read, read  # the settings page is hidden: marked, not read
    scene.window.nav.setCurrentRow(6)
    assert scene.settle()["people"] == 1
    scene.window.nav.setCurrentRow(4)
    scene.window.nav.setCurrentRow(6)  # shown again, nothing changed meanwhile
    assert scene.settle()["people"] == 0


def test_a_day_off_added_in_the_settings_moves_the_queue_and_the_case(
    scene: Scene,
) -> None:
    scene.window.nav.setCurrentRow(6)
    scene.settle()
    settings = scene.settings
    settings.adj_date.setDate(QDate(2026, 5, 4))
    settings.adj_reason.setText("Sửa chữa điện toàn trụ sở")
    add = next(
        b
        for b in settings.findChildren(QPushButton)
        if b.isVisible()
        and b.text().replace("&", "").startswith("Thêm")
        and _in_tab(b, settings.adj_reason)
    )
    scene.qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    read = scene.settle()
    assert "04/05/2026" in [
        settings.holidays.topLevelItem(i).text(0)
        for i in range(settings.holidays.topLevelItemCount())
    ], settings.cal_message.text()
    assert read["queue"] == 2 and read["counts"] >= 1 and read["editor"] == 1
    assert read["calendar"] == 1  # the settings' own read after adding, once
    scene.window.nav.setCurrentRow(4)  # the dashboard: marked stale while hidden
    assert scene.settle()["today"] == 1


def _in_tab(button: QWidget, field: QWidget) -> bool:
    """The button sits in the same tab as the field."""
    return button.parentWidget() is field.parentWidget()
