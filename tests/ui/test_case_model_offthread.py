"""A new order, filter or search never reads on the GUI thread: the model shows «…» while a
worker reads the count and first page, shows exactly the rows the store gives for that order,
and drops an answer that a newer request overtook."""

from __future__ import annotations

import threading
from typing import Any

from accounts_fixture import staff_actor
from PySide6.QtCore import QPoint, Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.queue import CaseFilter, SortKey
from pakn_desktop.services import Services
from pakn_desktop.ui.case_model import LOADING_MARK, PAGE_SIZE, CaseTableModel, Column
from pakn_desktop.ui.queue_view import CaseListView


class ThreadedCases:
    """The case service, noting the thread each list read ran on; a read for a search in
    ``hold`` waits for ``release`` (to let a newer request overtake it)."""

    def __init__(self, cases: Any) -> None:
        self._cases = cases
        self.calls: list[tuple[str, bool]] = []  # (method, on the GUI thread)
        self.hold: set[str] = set()
        self.release = threading.Event()

    def _note(self, name: str, f: CaseFilter) -> None:
        self.calls.append((name, threading.current_thread() is threading.main_thread()))
        if f.search in self.hold:
            self.release.wait(20)

    def queue(self, f: CaseFilter, *args: Any, **kw: Any) -> Any:
        self._note("queue", f)
        return self._cases.queue(f, *args, **kw)

    def count_upto(self, f: CaseFilter, *args: Any, **kw: Any) -> Any:
        self._note("count_upto", f)
        return self._cases.count_upto(f, *args, **kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cases, name)


def _ids(model: CaseTableModel) -> list[int]:
    return [model.row_at(i).id for i in range(min(PAGE_SIZE, model.rowCount()))]  # type: ignore[union-attr]


def _store_ids(services: Services, f: CaseFilter, sort: SortKey, desc: bool) -> list[int]:
    rows = services.case_reads.queue(
        f, staff_actor(services), sort=sort, descending=desc, offset=0, limit=PAGE_SIZE
    )
    return [r.id for r in rows]


def test_a_header_click_and_a_search_read_on_a_worker(qtbot: QtBot, services: Services) -> None:
    generate_demo(services, 3 * PAGE_SIZE, seed=7, today=services.now().date())
    cases = ThreadedCases(services.case_reads)
    model = CaseTableModel(cases, staff_actor(services), CaseFilter())  # type: ignore[arg-type]
    view = QTableView()
    qtbot.addWidget(view)
    view.setSortingEnabled(True)
    view.setModel(model)
    view.resize(1000, 500)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(
        lambda: not model.busy and QThreadPool.globalInstance().activeThreadCount() == 0
    )

    # A click on the "Received" header.
    cases.calls.clear()
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(Column.RECEIVED) + header.sectionSize(Column.RECEIVED) // 2
    QTest.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )
    assert model.busy and model.index(0, Column.CODE).data() == LOADING_MARK
    qtbot.waitUntil(lambda: not model.busy, timeout=10000)
    sort, desc = model._sort, model._desc
    assert sort is SortKey.RECEIVED
    assert _ids(model) == _store_ids(services, CaseFilter(), sort, desc)
    assert cases.calls and all(not gui for _name, gui in cases.calls), cases.calls

    # A search.
    cases.calls.clear()
    model.set_filter(CaseFilter(search="nguyen"))
    assert model.busy and model.row_at(0) is None
    qtbot.waitUntil(lambda: not model.busy, timeout=10000)
    want = services.case_reads.count(model.current, staff_actor(services))
    assert 0 < want < 3 * PAGE_SIZE and model.rowCount() == want
    assert _ids(model) == _store_ids(services, model.current, sort, desc)
    assert all(not gui for _name, gui in cases.calls), cases.calls


def test_an_overtaken_answer_is_dropped(qtbot: QtBot, services: Services) -> None:
    generate_demo(services, 2 * PAGE_SIZE, seed=8, today=services.now().date())
    cases = ThreadedCases(services.case_reads)
    model = CaseTableModel(cases, staff_actor(services), CaseFilter())  # type: ignore[arg-type]
    cases.hold.add("nguyen")
    model.set_filter(CaseFilter(search="nguyen"))  # its worker waits
    model.set_filter(CaseFilter(search="tran"))
    qtbot.waitUntil(lambda: not model.busy, timeout=10000)
    tran = _ids(model)
    nguyen = _store_ids(services, CaseFilter(search="nguyen"), model._sort, model._desc)
    assert tran and nguyen and tran != nguyen
    assert tran == _store_ids(services, model.current, model._sort, model._desc)
    cases.release.set()  # the older answer now arrives
    pool = QThreadPool.globalInstance()
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=10000)
    qtbot.wait(50)
    assert model.current.search == "tran" and _ids(model) == tran
    assert model.rowCount() == services.case_reads.count(model.current, staff_actor(services))


def test_a_searchs_later_pages_are_read_on_a_worker(qtbot: QtBot, services: Services) -> None:
    """Scrolling through a search's results never reads on the GUI thread: each later page
    costs the full-text match again, so its rows wait («…») for a worker, then show exactly
    the store's rows in that order."""
    generate_demo(services, 4 * PAGE_SIZE, seed=9, today=services.now().date())
    actor = staff_actor(services)
    words = ("xa", "phuong", "nguyen", "thi", "van", "de nghi", "phan anh")
    counts = {w: services.case_reads.count(CaseFilter(search=w), actor) for w in words}
    word = max(counts, key=lambda w: counts[w])
    assert counts[word] > PAGE_SIZE + 10, counts  # more than one page to scroll through
    cases = ThreadedCases(services.case_reads)
    model = CaseTableModel(cases, actor, CaseFilter())  # type: ignore[arg-type]
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(1000, 500)
    view.show()
    qtbot.waitExposed(view)
    model.set_filter(CaseFilter(search=word))
    qtbot.waitUntil(lambda: not model.busy, timeout=10000)
    cases.calls.clear()
    view.scrollToBottom()
    last = model.rowCount() - 1
    qtbot.waitUntil(lambda: model.row_at(last) is not None, timeout=10000)
    assert cases.calls and all(not gui for _name, gui in cases.calls), cases.calls
    rows = services.case_reads.queue(
        model.current, actor, sort=model._sort, descending=model._desc, offset=0, limit=last + 1
    )
    assert model.row_at(last).id == rows[-1].id  # type: ignore[union-attr]


def test_the_lists_first_read_is_on_a_worker_and_typing_goes_on(
    qtbot: QtBot, services: Services
) -> None:
    """The list's first count and page (the page being shown) are read on a worker: while
    the read is held, the list is empty, its counts line says it is reading, and its search
    field takes what is typed; then the list shows exactly the store's rows."""
    generate_demo(services, 2 * PAGE_SIZE, seed=11, today=services.now().date())
    cases = ThreadedCases(services.case_reads)
    cases.hold.add("")  # the first read (no search) waits for ``release``
    services_view = _ViewServices(services, cases)
    view = CaseListView(services_view, staff_actor(services), "all", CaseFilter(), remember=False)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    qtbot.waitExposed(view)
    model = view.model
    assert model.busy and model.rowCount() == 0
    assert view.counts.text() == "Đang đọc danh sách…"
    view.search.setFocus()
    qtbot.keyClicks(view.search, "nguyen")  # the window answers meanwhile
    assert view.search.text() == "nguyen"
    qtbot.waitUntil(lambda: bool(cases.calls))
    assert cases.calls == [("count_upto", False)], cases.calls  # on a worker, held
    cases.release.set()
    # The held answer is overtaken by the search typed meanwhile; the list shows the search's.
    qtbot.waitUntil(lambda: not model.busy and model.current.search == "nguyen", timeout=10000)
    want = services.case_reads.count(model.current, staff_actor(services))
    assert 0 < want < 2 * PAGE_SIZE and model.rowCount() == want
    assert _ids(model) == _store_ids(services, model.current, model._sort, model._desc)
    assert view.counts.text().startswith(f"Hiển thị: {want} PAKN")
    assert all(not gui for _name, gui in cases.calls), cases.calls


class _ViewServices:
    """The services as the list's view sees them, with its case reads replaced."""

    def __init__(self, services: Services, cases: ThreadedCases) -> None:
        self._services = services
        self.case_reads = cases

    def __getattr__(self, name: str) -> Any:
        return getattr(self._services, name)
