"""A long list is counted only up to COUNT_CAP at first ("more than N"), then exactly in the
background: the rows beyond the cap appear when the exact count arrives, Ctrl+End reaches the
true last case, and a count that belongs to a list read again since is dropped."""

from __future__ import annotations

from collections.abc import Callable

from accounts_fixture import staff_actor
from builders import a_form
from page_reads import listed, row_shown
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.queue import CaseFilter, SortKey
from pakn_desktop.services import Services
from pakn_desktop.ui import case_model
from pakn_desktop.ui.case_model import PAGE_SIZE, CaseTableModel
from pakn_desktop.ui.queue_view import CaseListView

CAP = 2 * PAGE_SIZE  # the demo has more cases than this
FORM = a_form(topic="Chính sách người có công")


def _hold_exact_counts(monkeypatch: object) -> Callable[[], None]:
    """The exact count of each list read waits until the function returned is called (it
    starts the last one held): the capped rows can be looked at first, however quickly the
    worker counts."""
    held: list[CaseTableModel] = []
    count_exactly = CaseTableModel._count_exactly
    monkeypatch.setattr(CaseTableModel, "_count_exactly", lambda self: held.append(self))  # type: ignore[attr-defined]
    return lambda: count_exactly(held[-1])


def _demo(services: Services) -> int:
    generate_demo(services, 700, seed=5, today=services.now().date())
    return services.case_reads.count(CaseFilter(), staff_actor(services))


def test_count_upto_is_exact_below_the_cap_and_says_more_above(services: Services) -> None:
    total = _demo(services)
    assert services.case_reads.count_upto(CaseFilter(), staff_actor(services), total) == (
        total,
        True,
    )
    assert services.case_reads.count_upto(CaseFilter(), staff_actor(services), total - 1) == (
        total - 1,
        False,
    )
    assert services.case_reads.count_upto(CaseFilter(), staff_actor(services), 10) == (10, False)
    assert services.case_reads.count(CaseFilter(search="nguyen"), staff_actor(services)) > 10
    for f in (CaseFilter(search="nguyen"), CaseFilter(search="nguyen", open_only=True)):
        n = services.case_reads.count(f, staff_actor(services))
        assert n > 0
        assert services.case_reads.count_upto(f, staff_actor(services), n) == (n, True)
        assert services.case_reads.count_upto(f, staff_actor(services), n - 1) == (n - 1, False)


def test_the_list_grows_to_the_exact_count_and_ctrl_end_reaches_the_last_case(
    qtbot: QtBot, services: Services, monkeypatch: object
) -> None:
    total = _demo(services)
    monkeypatch.setattr(case_model, "COUNT_CAP", CAP)  # type: ignore[attr-defined]
    count_later = _hold_exact_counts(monkeypatch)
    view = CaseListView(services, staff_actor(services), "all", CaseFilter(), remember=False)
    qtbot.addWidget(view)
    model, table = listed(qtbot, view.model), view.table
    # Read on a worker: the cap and "more than"; the exact count is on its way.
    assert (model.rowCount(), model.total_exact) == (CAP, False)
    assert "Hiển thị: hơn 400 PAKN" in view.counts.text()
    count_later()
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: model.total_exact, timeout=5000)
    assert model.total_exact and model.rowCount() == total
    assert f"Hiển thị: {total} PAKN" in view.counts.text().replace(".", "")
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
    row_shown(qtbot, model, total - 1)
    assert view.selected_row().code == everything[-1]  # type: ignore[union-attr]
    for first in range(0, total, PAGE_SIZE):
        row_shown(qtbot, model, first)
    assert [model.row_at(i).code for i in range(total)] == everything  # type: ignore[union-attr]


def test_before_the_exact_count_the_rows_up_to_the_cap_are_right(
    qtbot: QtBot, services: Services, monkeypatch: object
) -> None:
    total = _demo(services)
    monkeypatch.setattr(case_model, "COUNT_CAP", CAP)  # type: ignore[attr-defined]
    # No background count: the list stays at the cap and says so.
    monkeypatch.setattr(CaseTableModel, "_count_exactly", lambda self: None)  # type: ignore[attr-defined]
    model = listed(qtbot, CaseTableModel(services.case_reads, staff_actor(services), CaseFilter()))
    assert (model.rowCount(), model.total_exact) == (CAP, False)
    everything = [
        r.code for r in services.case_reads.queue(CaseFilter(), staff_actor(services), limit=total)
    ]
    # The last rows shown are the cap's, read in order (not the list's true last page).
    for first in range(0, CAP, PAGE_SIZE):
        row_shown(qtbot, model, first)
    assert [model.row_at(i).code for i in range(CAP)] == everything[:CAP]  # type: ignore[union-attr]
    assert model.row_at(CAP) is None


def test_a_count_for_an_earlier_reading_is_dropped_and_a_new_case_is_counted(
    qtbot: QtBot, services: Services, monkeypatch: object
) -> None:
    total = _demo(services)
    monkeypatch.setattr(case_model, "COUNT_CAP", CAP)  # type: ignore[attr-defined]
    count_later = _hold_exact_counts(monkeypatch)
    model = CaseTableModel(services.case_reads, staff_actor(services), CaseFilter(), load=False)
    model.reload()
    listed(qtbot, model)
    first_read = model._reads
    # Another desk receives a case before the exact count is read: the list counts it.
    services.cases.receive(FORM, staff_actor(services))
    model.reload()  # e.g. the person changed the filter back and forth
    assert model._reads == first_read + 1
    shown = (model.rowCount(), model.total_exact)
    model._exact_count(first_read, 5)  # the first reading's answer comes late: ignored
    assert (model.rowCount(), model.total_exact) == shown and model._reads == first_read + 1
    listed(qtbot, model)
    count_later()
    qtbot.waitUntil(lambda: model.total_exact, timeout=5000)
    assert model.rowCount() == total + 1


def test_a_count_in_the_thousands_is_grouped_like_the_status_counts(
    qtbot: QtBot, services: Services
) -> None:
    """ "Hiển thị: 1.050 hồ sơ", written like "Đã xong: 1.020" beside it, not "1050" (the
    window runs with the Vietnamese locale, as app.run sets it)."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese))
    try:
        _count_line_in_thousands(qtbot, services)
    finally:
        QLocale.setDefault(before)


def _count_line_in_thousands(qtbot: QtBot, services: Services) -> None:
    generate_demo(services, 1050, seed=5, today=services.now().date())
    total = services.case_reads.count(CaseFilter(), staff_actor(services))
    assert total >= 1000
    view = CaseListView(services, staff_actor(services), "all", CaseFilter(), remember=False)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.total_exact and "Đã xong" in view.counts.text())
    grouped = f"{total:,}".replace(",", ".")
    assert f"Hiển thị: {grouped} PAKN" in view.counts.text()
