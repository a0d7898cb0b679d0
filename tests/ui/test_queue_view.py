"""The queue and inbox: every state can be chosen, a search finds answered cases, and the
table spans every case (Ctrl+End reaches the last one, the scroll bar the whole list) while
holding only a few pages."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from accounts_fixture import staff_actor
from builders import a_form
from page_reads import listed, row_shown
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.enums import CaseState
from pakn_desktop.domain.queue import CaseFilter, SortKey
from pakn_desktop.services import Services
from pakn_desktop.ui.case_model import PAGE_SIZE, CaseTableModel
from pakn_desktop.ui.queue_view import CaseListView

FORM = a_form(topic="Chính sách người có công")


def _codes(view: CaseListView) -> list[str]:
    # A new filter's first page is read on a worker: the rows show «…» until it arrives.
    for _ in range(1000):
        if not view.model.busy:
            break
        QTest.qWait(10)
    return [view.model.row_at(i).code for i in range(view.model.rowCount())]  # type: ignore[union-attr]


def _choose(view: CaseListView, data: str) -> None:
    view.state.setCurrentIndex(view.state.findData(data))


def test_queue_offers_every_state_and_search_finds_an_answered_case(
    qtbot: QtBot, services: Services
) -> None:
    actor = staff_actor(services)
    done = services.cases.receive(FORM, actor)
    done = services.cases.accept(
        done.code, actor, official_id=actor.id, expected_version=done.version
    )
    done = services.cases.record_result(
        done.code, "Đã giải quyết", actor, expected_version=done.version
    )
    done = services.cases.publish_answer(done.code, "Trả lời", actor, expected_version=done.version)
    waiting = services.cases.receive(
        replace(FORM, submitter_name="Trần Thị Bình", phone="0987 654 321"), actor
    )
    queue = CaseListView(
        services, staff_actor(services), "queue", CaseFilter(open_only=True), remember=False
    )
    qtbot.addWidget(queue)
    assert queue.state.currentText() == "Đang mở" and queue.state.itemText(1) == "Tất cả"
    assert _codes(queue) == [waiting.code]
    _choose(queue, CaseState.ANSWERED.value)
    assert _codes(queue) == [done.code]
    _choose(queue, "all")
    assert sorted(_codes(queue)) == sorted([done.code, waiting.code])
    _choose(queue, "open")
    # A name search looks in every state and says so; clearing it goes back to open cases.
    queue.search.setText("nguyen van an")
    queue.apply_filters()
    assert _codes(queue) == [done.code] and queue.state.currentText() == "Tất cả"
    queue.search.clear()
    queue.apply_filters()
    assert _codes(queue) == [waiting.code] and queue.state.currentText() == "Đang mở"
    # A state the person picked is kept while searching.
    _choose(queue, CaseState.RECEIVED.value)
    queue.search.setText("nguyen")
    queue.apply_filters()
    assert _codes(queue) == [] and queue.state.currentData() == CaseState.RECEIVED.value
    queue.clear_filters()
    assert queue.state.currentText() == "Đang mở" and _codes(queue) == [waiting.code]
    # A code with a wrong check digit finds nothing and proposes the code it meant.
    typo = done.code[:-1] + str((int(done.code[-1]) + 1) % 10)
    queue.search.setText(typo)
    queue.apply_filters()
    assert _codes(queue) == []
    assert f"có phải là {done.code}?" in queue.counts.text()


def test_inbox_starts_on_received_cases_and_offers_the_others(
    qtbot: QtBot, services: Services
) -> None:
    actor = staff_actor(services)
    new = services.cases.receive(FORM, actor)
    handled = services.cases.receive(replace(FORM, phone="0987 654 321"), actor)
    services.cases.accept(handled.code, actor, expected_version=handled.version)
    QSettings().remove("views/inbox")  # Qt keeps settings in memory between tests
    inbox = CaseListView(
        services, staff_actor(services), "inbox", CaseFilter(states=frozenset({"received"}))
    )
    qtbot.addWidget(inbox)
    assert inbox.state.currentData() == CaseState.RECEIVED.value
    assert _codes(inbox) == [new.code]
    _choose(inbox, "all")
    assert sorted(_codes(inbox)) == sorted([new.code, handled.code])
    # Remembered between runs, and the default comes back with "Clear filters".
    again = CaseListView(
        services, staff_actor(services), "inbox", CaseFilter(states=frozenset({"received"}))
    )
    qtbot.addWidget(again)
    assert again.state.currentData() == "all"
    again.clear_filters()
    assert again.state.currentData() == CaseState.RECEIVED.value


def test_ctrl_end_and_the_scroll_bar_reach_the_last_case(qtbot: QtBot, services: Services) -> None:
    from pakn_desktop.demo import generate_demo

    generate_demo(services, 1000, seed=3, today=services.now().date())
    view = CaseListView(services, staff_actor(services), "all", CaseFilter(), remember=False)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    qtbot.waitExposed(view)
    model, table = listed(qtbot, view.model), view.table
    total = services.case_reads.count(CaseFilter(), staff_actor(services))
    assert model.rowCount() == total == 1000
    everything = [
        r.code
        for r in services.case_reads.queue(
            CaseFilter(), staff_actor(services), sort=SortKey.DEADLINE, limit=total
        )
    ]
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert table.currentIndex().row() == total - 1
    row_shown(qtbot, model, total - 1)  # at once on SQLite; by a worker on PostgreSQL
    assert view.selected_row().code == everything[-1]  # type: ignore[union-attr]
    assert model.pages_held <= 3  # the end was read from the end, not by reading everything
    # Page Up from the end reads the page before by keyset and joins up with the same order.
    for _ in range(12):
        qtbot.keyClick(table, Qt.Key.Key_PageUp)
    row = table.currentIndex().row()
    assert row < total - PAGE_SIZE
    row_shown(qtbot, model, row)
    assert model.row_at(row).code == everything[row]  # type: ignore[union-attr]
    # The scroll bar spans every case; dragged to the middle, the rows there are the right ones.
    bar = table.verticalScrollBar()
    assert bar.maximum() >= total - 40
    bar.setValue(bar.maximum() // 2)
    top = table.rowAt(0)
    assert abs(top - total // 2) < 60
    row_shown(qtbot, model, top)
    assert model.row_at(top).code == everything[top]  # type: ignore[union-attr]
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert view.selected_row().code == everything[0]  # type: ignore[union-attr]


def test_model_rereads_when_cases_vanish_between_pages(qtbot: QtBot, services: Services) -> None:
    from pakn_desktop.demo import generate_demo

    generate_demo(services, 450, seed=4, today=services.now().date())
    done = CaseFilter(states=frozenset({CaseState.ANSWERED.value, CaseState.CLOSED.value}))
    model = listed(qtbot, CaseTableModel(services.case_reads, staff_actor(services), done))
    total = model.rowCount()
    assert total > PAGE_SIZE
    # Another desk reopens a case further down: the model still holds the old count, then
    # corrects itself when the page is read.
    (last,) = services.case_reads.queue(done, staff_actor(services), offset=total - 1, limit=1)
    services.cases.reopen(
        last.code,
        "Người dân phản ánh lại",
        staff_actor(services),
        expected_version=services.case_reads.get(last.code, staff_actor(services)).version,
    )
    for row in range(0, total, PAGE_SIZE):  # scrolling down reads each page after the last
        model.row_at(row)
    qtbot.waitUntil(lambda: model.rowCount() == total - 1, timeout=3000)
    for row in range(0, model.rowCount(), PAGE_SIZE):
        row_shown(qtbot, model, row)
    assert all(model.row_at(i) is not None for i in range(model.rowCount()))


def test_a_short_lists_status_counts_wait_for_no_server_on_the_gui_thread(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counts per deadline status of a list of at most COUNT_CAP cases are read at once on
    SQLite (in-process, milliseconds); on PostgreSQL on a worker, as a long list's are (the
    server's answer can be kept waiting by a busy machine)."""
    import threading

    from pakn_desktop.demo import generate_demo

    generate_demo(services, 60, seed=2, today=services.now().date())
    on_gui: list[bool] = []
    real = services.case_reads.status_counts

    def recording(f: CaseFilter | None, actor: Any) -> Any:
        on_gui.append(threading.current_thread() is threading.main_thread())
        return real(f, actor)

    monkeypatch.setattr(services.case_reads, "status_counts", recording)
    view = CaseListView(services, staff_actor(services), "all", CaseFilter(), remember=False)
    qtbot.addWidget(view)
    assert view.model.total_exact
    qtbot.waitUntil(lambda: bool(on_gui) and "Đã xong" in view.counts.text(), timeout=5000)
    assert on_gui == [services.case_reads.reads_in_process]
