"""Waiting for the case list as the backend reads it: its count and first page are read on a
worker (``listed``); after them, on SQLite a page next to one held (scrolling) is read at
once on the GUI thread (``row_shown``); a jump (by its anchor or by offset) is read on a
worker on both backends (``row_arrives``), and on PostgreSQL every page is (each read waits
for the server, see ui/case_model.py), so its rows show the placeholder first."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from pakn_desktop.ui.case_model import LOADING_MARK, CaseTableModel, Column


def row_shown(qtbot: QtBot, model: CaseTableModel, row: int, timeout: int = 5000) -> None:
    """The row shows its case: at once on SQLite (asserted), after its worker on PostgreSQL."""
    index = model.index(row, Column.CODE)
    if model.data(index) != LOADING_MARK:
        return
    assert not model._cases.reads_in_process, f"row {row} was not read at once on SQLite"
    qtbot.waitUntil(lambda: model.data(index) != LOADING_MARK, timeout=timeout)


def row_arrives(qtbot: QtBot, model: CaseTableModel, row: int, timeout: int = 5000) -> None:
    """The row of a jump shows its case once its worker has read it (on both backends)."""
    index = model.index(row, Column.CODE)
    model.data(index)  # asks for its page, as the view's painting does
    qtbot.waitUntil(lambda: model.data(index) != LOADING_MARK, timeout=timeout)


def listed(qtbot: QtBot, model: CaseTableModel, timeout: int = 10_000) -> CaseTableModel:
    """The model once its count and first page are in: read on a worker, the list's first
    read too (ui/case_model.py ``_read``)."""
    qtbot.waitUntil(lambda: not model.busy, timeout=timeout)
    return model
