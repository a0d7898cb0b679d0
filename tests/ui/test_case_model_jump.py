"""A jump into the unknown middle of the list (the scroll bar dragged) never reads on the GUI
thread: the rows show a placeholder, the page is read by a worker and delivered to the rows,
and a drag across many pages reads only the pages asked for last."""

from __future__ import annotations

from typing import Any

from accounts_fixture import staff_actor
from page_reads import listed, row_shown
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.queue import CaseFilter, SortKey
from pakn_desktop.services import Services
from pakn_desktop.ui.case_model import (
    LOADING_MARK,
    MAX_WANTED,
    PAGE_SIZE,
    CaseTableModel,
    Column,
)
from pakn_desktop.ui.queue_view import CaseListView


class CountingCases:
    """The case service, counting the list reads made on each thread."""

    def __init__(self, cases: Any) -> None:
        self._cases = cases
        self.offsets: list[tuple[int, bool]] = []
        self.on_gui: list[bool] = []  # every read: whether the GUI thread made it

    def queue(self, *args: Any, **kw: Any) -> Any:
        import threading

        gui = threading.current_thread() is threading.main_thread()
        self.on_gui.append(gui)
        if kw.get("offset"):
            self.offsets.append((kw["offset"], gui))
        return self._cases.queue(*args, **kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cases, name)


def _demo(services: Services, n: int) -> list[str]:
    from pakn_desktop.demo import generate_demo

    generate_demo(services, n, seed=7, today=services.now().date())
    actor = staff_actor(services)
    return [
        r.code
        for r in services.case_reads.queue(CaseFilter(), actor, sort=SortKey.DEADLINE, limit=n)
    ]


def test_a_middle_page_is_read_off_the_gui_thread(qtbot: QtBot, services: Services) -> None:
    everything = _demo(services, 1000)
    cases = CountingCases(services.case_reads)
    model = listed(qtbot, CaseTableModel(cases, staff_actor(services), CaseFilter()))  # type: ignore[arg-type]
    assert model.rowCount() == 1000
    row = 2 * PAGE_SIZE + 17  # page 2: no page next to it is held
    index = model.index(row, Column.CODE)
    assert model.data(index) == LOADING_MARK
    assert model.row_at(row) is None and model.loading
    with qtbot.waitSignal(model.dataChanged, timeout=5000) as changed:
        pass
    first, last = changed.args[:2]
    assert first.row() == 2 * PAGE_SIZE and last.row() == 3 * PAGE_SIZE - 1
    assert model.data(index) == everything[row]
    assert not model.loading
    assert cases.offsets == [(2 * PAGE_SIZE, False)]  # by a worker, never the GUI thread
    # The neighbours are then read by keyset: at once on SQLite; on PostgreSQL by a worker
    # (no page is read on the GUI thread there), by keyset all the same.
    for r in (3 * PAGE_SIZE, 2 * PAGE_SIZE - 1):
        row_shown(qtbot, model, r)
        assert model.row_at(r).code == everything[r]  # type: ignore[union-attr]
    assert cases.offsets == [(2 * PAGE_SIZE, False)]


def test_a_drag_reads_only_the_pages_asked_for_last(qtbot: QtBot, services: Services) -> None:
    everything = _demo(services, 2400)
    cases = CountingCases(services.case_reads)
    model = listed(qtbot, CaseTableModel(cases, staff_actor(services), CaseFilter()))  # type: ignore[arg-type]
    # The bar passes over each page from the third to the next-to-last.
    passed = list(range(2, model.rowCount() // PAGE_SIZE - 1))
    assert len(passed) > MAX_WANTED + 2
    for p in passed:
        assert model.row_at(p * PAGE_SIZE + 5) is None
    qtbot.waitUntil(lambda: not model.loading, timeout=10000)
    read = [offset // PAGE_SIZE for offset, _gui in cases.offsets]
    # The page read when the drag began, then only the last few asked for, newest first.
    assert len(read) <= MAX_WANTED + 1
    assert read[0] == passed[0] and read[1] == passed[-1]
    assert all(not gui for _offset, gui in cases.offsets)
    end = passed[-1] * PAGE_SIZE + 5
    assert model.row_at(end).code == everything[end]  # type: ignore[union-attr]


def test_a_new_filter_drops_a_page_read_for_the_old_one(qtbot: QtBot, services: Services) -> None:
    _demo(services, 1000)
    model = listed(qtbot, CaseTableModel(services.case_reads, staff_actor(services), CaseFilter()))
    assert model.row_at(3 * PAGE_SIZE) is None
    model.sort(Column.RECEIVED, Qt.SortOrder.DescendingOrder)  # read again meanwhile
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    assert model.pages_held == 1  # the old order's page was not kept as the new order's


def test_the_scroll_bar_dragged_to_the_middle_shows_the_right_rows(
    qtbot: QtBot, services: Services
) -> None:
    everything = _demo(services, 1000)
    view = CaseListView(services, staff_actor(services), "all", CaseFilter(), remember=False)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    qtbot.waitExposed(view)
    table, model = view.table, listed(qtbot, view.model)
    bar = table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    top = table.rowAt(0)
    assert model.index(top, 0).data() == LOADING_MARK
    qtbot.waitUntil(lambda: model.index(top, 0).data() == everything[top], timeout=5000)
    assert table.rowAt(0) == top


def test_on_postgresql_no_page_is_read_on_the_gui_thread(qtbot: QtBot, services: Services) -> None:
    """SQLite reads a page an index finds at once, on the GUI thread (a few milliseconds); on
    PostgreSQL each read waits for the server, so after the list's first read every page (next
    to one held, the last) is read by a worker, with the same rows."""
    everything = _demo(services, 1000)
    cases = CountingCases(services.case_reads)
    model = listed(qtbot, CaseTableModel(cases, staff_actor(services), CaseFilter()))  # type: ignore[arg-type]
    assert cases.on_gui == [False]  # the list's first read is on a worker, on both
    cases.on_gui.clear()
    for row in (PAGE_SIZE + 3, 999, 4 * PAGE_SIZE - 1):  # next to page 0, the last page, next
        row_shown(qtbot, model, row)
        assert model.row_at(row).code == everything[row]  # type: ignore[union-attr]
    assert cases.on_gui and cases.offsets == []
    if services.case_reads.reads_in_process:
        assert all(cases.on_gui)
    else:
        assert not any(cases.on_gui)
