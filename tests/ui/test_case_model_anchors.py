"""The list's position index in the table model: once a long list is indexed (by a worker),
a jump anywhere is read by keyset after its anchor (no OFFSET), on a worker on both backends
(never the GUI thread: at a million cases on SQLite that read cost the first scroll-bar drag
100 ms), and shows exactly the rows OFFSET would, for every sort order; a change drops the
index, and the one read anew matches again after cases were added and deleted."""

from __future__ import annotations

import random
from typing import Any

import pytest
from accounts_fixture import staff_actor
from page_reads import row_arrives
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, select

from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.services import Services
from pakn_desktop.store.models import Base, Case
from pakn_desktop.ui import case_model
from pakn_desktop.ui.case_model import PAGE_SIZE, CaseTableModel, Column


class CountingCases:
    """The case service, counting the OFFSET reads and the reads after an anchor made on the
    GUI thread."""

    def __init__(self, cases: Any) -> None:
        self._cases = cases
        self.offsets: list[int] = []
        self.anchored_on_gui = 0

    def queue(self, *args: Any, **kw: Any) -> Any:
        import threading

        if kw.get("offset"):
            self.offsets.append(kw["offset"])
        if kw.get("after") and threading.current_thread() is threading.main_thread():
            self.anchored_on_gui += 1
        return self._cases.queue(*args, **kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cases, name)


def _delete_cases(services: Services, ids: list[int]) -> None:
    with services.db.write() as s:
        for table in reversed(Base.metadata.sorted_tables):
            for fk in table.foreign_keys:
                if fk.column.table is Case.__table__:
                    s.execute(delete(table).where(fk.parent.in_(ids)))
        s.execute(delete(Case).where(Case.id.in_(ids)))


def _offset_ids(services: Services, model: CaseTableModel, start: int, n: int) -> list[int]:
    col_sort = model._sort, model._desc  # the order the model shows
    rows = services.case_reads.queue(
        model.current,
        staff_actor(services),
        sort=col_sort[0],
        descending=col_sort[1],
        offset=start,
        limit=n,
    )
    return [r.id for r in rows]


def _jump_reads_by_anchor(
    qtbot: QtBot, services: Services, model: CaseTableModel, cases: CountingCases
) -> None:
    pages = model.rowCount() // PAGE_SIZE
    for p in (pages - 2, 2):  # never next to a page held (only 0 is held after a sort)
        before = len(cases.offsets)
        row = p * PAGE_SIZE + 7
        row_arrives(qtbot, model, row)  # by a worker, on both backends
        assert len(cases.offsets) == before  # no OFFSET read, on any thread
        assert cases.anchored_on_gui == 0
        shown = [model.row_at(p * PAGE_SIZE + i).id for i in range(PAGE_SIZE)]  # type: ignore[union-attr]
        assert shown == _offset_ids(services, model, p * PAGE_SIZE, PAGE_SIZE)


@pytest.fixture
def long_list(monkeypatch: pytest.MonkeyPatch) -> None:
    # A list of a few pages is indexed too (in the app: from 20 pages).
    monkeypatch.setattr(case_model, "ANCHORS_FROM", 3 * PAGE_SIZE)
    monkeypatch.setattr(case_model, "ANCHOR_DELAY_MS", 10)


def test_a_jump_reads_its_page_by_anchor_in_every_order(
    qtbot: QtBot, services: Services, long_list: None
) -> None:
    generate_demo(services, 6 * PAGE_SIZE + 50, seed=4, today=services.now().date())
    cases = CountingCases(services.case_reads)
    model = CaseTableModel(cases, staff_actor(services), CaseFilter())  # type: ignore[arg-type]
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    qtbot.waitUntil(lambda: model.anchored, timeout=10000)
    for column in Column:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            view.sortByColumn(column, order)
            qtbot.waitUntil(lambda: model.anchored and not model.busy, timeout=10000)
            _jump_reads_by_anchor(qtbot, services, model, cases)
    assert cases.offsets == []

    # Cases come and go: the list is read again (as on the services' change signal), the
    # index is dropped at once, and the one read anew matches OFFSET again.
    generate_demo(services, 90, seed=12, today=services.now().date())
    with services.db.read() as s:
        ids = list(s.scalars(select(Case.id)))
    _delete_cases(services, random.Random(2).sample(ids, 60))
    view.sortByColumn(Column.RECEIVED, Qt.SortOrder.DescendingOrder)
    model.reload()
    assert not model.anchored
    qtbot.waitUntil(lambda: model.anchored, timeout=10000)
    assert model.rowCount() == 6 * PAGE_SIZE + 50 + 90 - 60
    _jump_reads_by_anchor(qtbot, services, model, cases)
    assert cases.offsets == []


def test_the_scroll_bar_near_the_end_shows_its_rows_by_anchor(
    qtbot: QtBot, services: Services, long_list: None
) -> None:
    generate_demo(services, 6 * PAGE_SIZE, seed=4, today=services.now().date())
    model = CaseTableModel(services.case_reads, staff_actor(services), CaseFilter())
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: model.anchored, timeout=10000)
    bar = view.verticalScrollBar()
    bar.setValue(int(bar.maximum() * 0.7))
    top = view.rowAt(0)
    assert model.data(model.index(top, Column.CODE)) == case_model.LOADING_MARK  # a worker's
    row_arrives(qtbot, model, top)
    assert model.row_at(top).id == _offset_ids(services, model, top, 1)[0]  # type: ignore[union-attr]
