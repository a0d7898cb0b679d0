"""The queue's Qt table model on the demo databases of bench_queue: the first page (count +
200 rows) and re-sorts, beside the service calls underneath (the model's own overhead); then
a page read by keyset half-way down, and Ctrl+End."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from bench._db import reader
from bench.bench_queue import _database
from pakn_desktop.services import Services
from pakn_desktop.store.queries import CaseFilter, SortKey


def _settle() -> None:
    """Let the exact counts the model started in the background finish (and be delivered)
    outside the timings."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    QThreadPool.globalInstance().waitForDone()
    QApplication.processEvents()


def _ms(fn: Callable[[], Any], runs: int = 5) -> float:
    fn()
    _settle()
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
        _settle()
    return statistics.median(out)


def main(sizes: tuple[int, ...] = (100_000, 1_000_000)) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    for n in sizes:
        _run_size(n)
        app.processEvents()


def _run_size(n: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    from pakn_desktop.ui.case_model import COUNT_CAP, PAGE_SIZE, CaseTableModel, Column

    path, _ = _database(n)
    services = Services.open(f"sqlite:///{path}")
    f = CaseFilter(open_only=True)
    actor = reader(services)
    model = CaseTableModel(services.case_reads, actor, f)
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 800)
    print(f"\n{n:,} cases: model vs. the service calls it makes (count up to {COUNT_CAP:,})")
    print(f"{'operation':40}{'model ms':>10}{'service ms':>12}{'ratio':>8}")

    def service_page(sort: SortKey, desc: bool) -> None:
        services.case_reads.count_upto(f, actor, COUNT_CAP)  # what the model reads before showing
        services.case_reads.queue(f, actor, sort=sort, descending=desc, limit=200)

    def deep_scroll() -> None:
        # The page after one the model holds, half-way down: read by keyset.
        model.sort(Column.DEADLINE, Qt.SortOrder.AscendingOrder)
        _settle()  # the exact count is in: the list spans every case
        middle = (model.rowCount() // 2 // PAGE_SIZE) * PAGE_SIZE
        model.row_at(middle - 1)
        t0 = time.perf_counter()
        model.row_at(middle)
        deep.append((time.perf_counter() - t0) * 1000)

    def jump(fraction: float) -> None:
        # The scroll bar dragged into the unknown middle: the GUI thread only marks the
        # page wanted (rows show a placeholder); a worker reads it by offset and delivers it.
        from PySide6.QtWidgets import QApplication

        every = CaseTableModel(services.case_reads, actor, CaseFilter())  # all cases, any state
        _settle()
        n = every.rowCount()
        # Not the last page nor the one before (those are read from the end, by keyset).
        row = max(0, min(int(n * fraction), n - 2 * PAGE_SIZE - 1))
        t0 = time.perf_counter()
        every.row_at(row)
        gui = (time.perf_counter() - t0) * 1000
        while every.row_at(row) is None:
            QApplication.processEvents()
            time.sleep(0.001)
        jumps.append((gui, (time.perf_counter() - t0) * 1000))

    def last_page() -> None:
        model.reload()
        _settle()
        t0 = time.perf_counter()
        model.row_at(model.rowCount() - 1)
        ends.append((time.perf_counter() - t0) * 1000)

    rows: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
        (
            "open queue: first page",
            model.reload,
            lambda: service_page(SortKey.DEADLINE, False),
        ),
        (
            "re-sort by received (newest first)",
            lambda: model.sort(Column.RECEIVED, Qt.SortOrder.DescendingOrder),
            lambda: service_page(SortKey.RECEIVED, True),
        ),
        (
            "re-sort by submitter",
            lambda: model.sort(Column.SUBMITTER, Qt.SortOrder.AscendingOrder),
            lambda: service_page(SortKey.SUBMITTER, False),
        ),
    ]
    deep: list[float] = []
    ends: list[float] = []
    jumps: list[tuple[float, float]] = []
    for label, m, s in rows:
        mm, ss = _ms(m), _ms(s)
        print(f"{label:40}{mm:>10.1f}{ss:>12.1f}{mm / ss:>8.2f}")
    for _ in range(5):
        deep_scroll()
        last_page()
        jump(0.9)
    print(f"{'scroll: next page half-way (keyset)':40}{statistics.median(deep):>10.1f}")
    print(f"{'Ctrl+End: the last page':40}{statistics.median(ends):>10.1f}")
    gui_ms = statistics.median(j[0] for j in jumps)
    shown_ms = statistics.median(j[1] for j in jumps)
    print(f"{'scroll bar to 90%: GUI thread busy':40}{gui_ms:>10.1f}   (goal ≤ 50 ms)")
    print(f"{'  rows shown (read by a worker)':40}{shown_ms:>10.1f}")
    services.close()


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or (100_000, 1_000_000))
