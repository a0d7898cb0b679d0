"""A working day at a million cases, with a heartbeat on the GUI thread.

Two parts, on SQLite and (with PAKN_BENCH_PG_URL) on PostgreSQL:

1. **Jump**: a page far down the list (50 %, 90 %, the next-to-last page) read by keyset after
   its anchor (the position index, ``CaseReads.anchors``) beside the same page read by
   OFFSET, per sort order; and what reading the index costs (on a worker).
2. **Working day**: the real main window, driven as a head would drive it (queue shown, the
   scroll bar dragged to the middle and near the end, Ctrl+End, a sort by column header, a case
   opened, the statistics page, a search typed), with a 10 ms heartbeat timer on the GUI
   thread (``ui.stalls.StallWatch``). Each step prints its longest stall (how late the beat
   came) and what ran meanwhile, beside the same day with the position index switched off
   (the baseline: jumps read by OFFSET on a worker). Goal: no stall over 100 ms. With
   ``PAKN_BENCH_AGAINST=DIR`` (a checkout of an earlier commit) the baseline is that code's
   day instead, index on, driven by this file: before and after a change, in one run. Each
   step also names the garbage collections that ran in it (``gc``: how many were full, the
   longest of any generation), since one full collection holds the interpreter's lock, and
   so the window, for as long as it walks every object of the process.
3. **Opening cases** (``bench/bench_day.py editor URL --against DIR``): the longest stall
   while three cases are opened and the statistics page shown, this code beside another
   checkout in alternating processes (the same load on a shared machine)."""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench._db import postgres_database, reader, sqlite_database
from pakn_desktop.services import Services
from pakn_desktop.store.queries import CaseFilter, SortKey

ROOT = Path(__file__).resolve().parents[1]
GOAL_MS = 100.0
JUMP_GOAL_MS = 50.0


def main(sizes: tuple[int, ...] = (1_000_000,)) -> None:
    for n in sizes:
        backends: list[tuple[str, str]] = [("SQLite", sqlite_database(n)[0])]
        pg = postgres_database(n)
        if pg is not None:
            backends.append(("PostgreSQL", pg[0]))
        for label, url in backends:
            print(f"\n{n:,} cases, {label}")
            services = Services.open(url)
            try:
                jumps(services)
            finally:
                services.close()
            working_day(url)


# --- 1. jumps ---------------------------------------------------------------------------------
def _ms(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def jumps(services: Services) -> None:
    actor = reader(services)
    cases = services.case_reads
    f = CaseFilter()
    total = cases.count(f, actor)
    print(f"  jump to a page far down ({total:,} rows, page of 200): by anchor vs. by OFFSET")
    print(f"  {'order':28}{'index built s':>14}{'anchor ms':>11}{'OFFSET ms':>11}   goal ≤ 50 ms")
    worst = 0.0
    for sort, desc in (
        (SortKey.DEADLINE, False),
        (SortKey.RECEIVED, True),
        (SortKey.CODE, False),
        (SortKey.SUBMITTER, False),
        (SortKey.UNIT, False),
    ):
        t0 = time.perf_counter()
        anchors = cases.anchors(f, actor, sort=sort, descending=desc, every=200)
        built = time.perf_counter() - t0
        keyed, offset = [], []
        for fraction in (0.5, 0.9, None):
            k = len(anchors) - 2 if fraction is None else int(len(anchors) * fraction)
            start = (k + 1) * 200
            keyed.append(
                _ms(
                    lambda k=k, sort=sort, desc=desc, anchors=anchors: cases.queue(
                        f, actor, sort=sort, descending=desc, after=anchors[k], limit=200
                    )
                )
            )
            offset.append(
                _ms(
                    lambda start=start, sort=sort, desc=desc: cases.queue(
                        f, actor, sort=sort, descending=desc, offset=start, limit=200
                    )
                )
            )
        worst = max(worst, max(keyed))
        name = f"{sort.value}{' (desc)' if desc else ''}"
        print(
            f"  {name:28}{built:>14.2f}{statistics.median(keyed):>11.1f}"
            f"{statistics.median(offset):>11.1f}   (worst by anchor {max(keyed):.1f}, "
            f"by OFFSET {max(offset):.0f})"
        )
    verdict = "met" if worst <= JUMP_GOAL_MS else f"missed: {worst:.0f} ms"
    print(
        f"  jump by anchor, worst of all: {worst:.1f} ms (goal ≤ {JUMP_GOAL_MS:.0f} ms: {verdict})"
    )


# --- 2. the working day -------------------------------------------------------------------------
def working_day(url: str) -> None:
    """The day twice, each in a process of its own (a fresh interpreter and window, as a
    person's morning): with the position index switched off (the baseline), then on; or,
    with PAKN_BENCH_AGAINST, that checkout's day, then this code's, both indexed."""
    against = os.environ.get("PAKN_BENCH_AGAINST", "").strip()
    if against:
        base_head, results = (
            "before ms",
            {
                "baseline": _day_in_child(url, "indexed", Path(against)),
                "indexed": _day_in_child(url, "indexed"),
            },
        )
        print(f"  baseline: the code in {against}, position index on")
    else:
        base_head = "no index ms"
        results = {mode: _day_in_child(url, mode) for mode in ("baseline", "indexed")}
    if not results["indexed"] or len(results["baseline"]) != len(results["indexed"]):
        print("  working day: the run did not finish (see the lines above)")
        return
    print(
        "  working day, 10 ms heartbeat: longest GUI-thread stall per step "
        f"(goal ≤ {GOAL_MS:.0f} ms)"
    )
    print(
        f"  {'step':36}{base_head:>12}{'index ms':>10}{'done s':>8}  verdict: the stall's GUI "
        f"CPU; what ran; gc (load average {os.getloadavg()[0]:.1f})"
    )
    for (step, base, base_what, _bd), (_s, stall, what, done) in zip(
        results["baseline"], results["indexed"], strict=True
    ):
        verdict = "ok" if stall <= GOAL_MS else "MISSED"
        print(f"  {step:36}{base:>12.0f}{stall:>10.0f}{done:>8.2f}  {verdict}: {what[:120]}")
        if against:
            print(f"  {'':66}before: {base_what[:120]}")
    worst = max(r[1] for r in results["indexed"])
    missed = [r[0] for r in results["indexed"] if r[1] > GOAL_MS]
    print(
        f"  the day's longest stall: {worst:.0f} ms (goal ≤ {GOAL_MS:.0f} ms: "
        + ("met" if not missed else "missed in " + ", ".join(missed))
        + ")"
    )


def warm_up_as_opening(services: Services) -> None:
    """(Here, not in bench._db: a day run on another tree imports that tree's bench._db.)
    What the opening thread does behind the log-in window (``ui.app.warm_up_main_window``),
    as the tree being measured does it: with the open services where it takes them (a case's
    first read), else without (earlier trees), or nothing (a tree without it)."""
    import inspect

    from pakn_desktop.ui import app as ui_app

    warm = getattr(ui_app, "warm_up_main_window", None)
    if warm is None:
        return
    if inspect.signature(warm).parameters:
        warm(services)
    else:
        warm()


def _child_env(root: Path) -> dict[str, str]:
    """A child's environment for the code in ``root``, its bytecode compiled first: an
    installed program has it (pip, PyInstaller), and a machine that sets
    PYTHONDONTWRITEBYTECODE would otherwise have every day compile each module it imports
    (the case editor's 60 ms in the first case opened)."""
    import compileall

    compileall.compile_dir(root / "pakn_desktop", quiet=2)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _day_in_child(url: str, mode: str, root: Path = ROOT) -> list[tuple[str, float, str, float]]:
    """The day in a process of its own, run by this file on the code in ``root``."""
    env = _child_env(root)
    # The window remembers its page and columns: the bench's own settings, not a person's.
    # A fresh folder for each day: nothing (a search, a sort) carried over from the last one.
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="pakn-bench-day-")
    env["PYTHONPATH"] = str(root)  # that code's pakn_desktop (this file drives it)
    cmd = [sys.executable, str(Path(__file__).resolve()), "child", url, mode]
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    out = []
    for line in proc.stdout.splitlines():
        if line.startswith("step\t"):
            _, name, stall, what, done = line.split("\t")
            out.append((name, float(stall), what, float(done)))
    if proc.returncode != 0:
        tail = [ln for ln in proc.stderr.splitlines() if "propagateSizeHints" not in ln][-6:]
        print(f"  the {mode} day ended with code {proc.returncode}:", *tail, sep="\n    ")
    return out


def _child(url: str, mode: str) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from pakn_desktop.ui import case_model
    from pakn_desktop.ui.stalls import hand_over_quickly

    hand_over_quickly()  # as ui/app.py does for the window's process
    QCoreApplication.setOrganizationName("PAKN Desktop")
    QCoreApplication.setApplicationName("pakn-desktop-bench-day")
    app = QApplication([])
    from pakn_desktop.ui import stalls as ui_stalls

    # As ui/app.py does: background builds rest while the person presses, drags or types (an
    # earlier checkout may not have it).
    getattr(ui_stalls, "hold_background_on_input", lambda _app: None)(app)
    # ... and what they build is left out of the collector's full passes (since 2026-12-07).
    from pakn_desktop import background

    getattr(background, "keep_builds_aside", lambda: None)()
    # ... and cycles of garbage are collected on the GUI thread only (since 2026-12-08).
    try:
        from pakn_desktop.ui.collector import GuiCollector
    except ImportError:
        pass
    else:
        GuiCollector(app).start()
    if mode == "baseline":
        case_model.ANCHORS_FROM = 10**12  # no position index: jumps read by OFFSET on a worker
    services = Services.open(url)
    # As ui/app.py does behind the log-in (warm_up_main_window): the main window's modules,
    # and in this code the Qt types it meets, the places and the holidays' names.
    import pakn_desktop.ui.main_window  # noqa: F401
    from pakn_desktop.ui import stalls

    warm_up_as_opening(services)

    getattr(stalls, "settle_long_lived", lambda: None)()
    try:
        for name, stall, what, done in _day(services):
            print(f"step\t{name}\t{stall:.1f}\t{what}\t{done:.3f}", flush=True)
    finally:
        services.close()
        app.processEvents()


def _day(services: Services) -> list[tuple[str, float, str, float]]:
    """(step, longest stall ms, what ran during it, seconds until the step's result showed)."""
    from PySide6.QtCore import QPoint, QSettings, Qt, QThreadPool
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from pakn_desktop.ui.case_model import LOADING_MARK, Column
    from pakn_desktop.ui.main_window import PAGE_KEYS, MainWindow
    from pakn_desktop.ui.stalls import StallWatch

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    actor = reader(services)
    QSettings().setValue("main/page", PAGE_KEYS.index("lookup"))
    window = MainWindow(services, actor, auto_backup=False)
    window.resize(1366, 768)
    window.show()
    _pump(app, 0.3)
    watch = StallWatch(interval_ms=10, log_over_ms=200)
    watch.start()
    out: list[tuple[str, float, str, float]] = []
    pool = QThreadPool.globalInstance()
    # Every garbage collection, on whichever thread: (generation, ms).
    collections: list[tuple[int, float]] = []
    gc_began = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_began[0] = time.perf_counter()
        else:
            collections.append((info["generation"], (time.perf_counter() - gc_began[0]) * 1000))

    gc.callbacks.append(on_gc)

    def step(name: str, act: Callable[[], Any], done: Callable[[], bool], limit: float) -> None:
        _pump(app, 0.05)
        watch.reset()
        collections.clear()
        t0 = time.perf_counter()
        act()
        _pump(app, limit, done)
        took = time.perf_counter() - t0
        _pump(app, 0.05)  # a beat after the last of it
        full = [ms for g, ms in collections if g == 2]
        what = (
            f"{watch.longest_cpu:.0f} ms working; {watch.longest_what or '(not named)'}; gc "
            f"{len(collections)}, longest {max((ms for _g, ms in collections), default=0):.0f} "
            f"ms, full {len(full)} ({' '.join(f'{ms:.0f}' for ms in full) or '-'} ms)"
        )
        out.append((name, watch.longest, what, took))

    def queue() -> Any:
        return window.queue

    def rows_shown() -> bool:
        if getattr(queue().model, "busy", False) or queue().model.rowCount() == 0:
            return False  # the count and first page are still being read (on a worker)
        table = queue().table
        top = max(table.rowAt(0), 0)
        bottom = table.rowAt(table.viewport().height() - 1)
        bottom = bottom if bottom >= 0 else queue().model.rowCount() - 1
        model = queue().model
        return all(model.index(r, 0).data() != LOADING_MARK for r in range(top, bottom + 1))

    def idle() -> bool:
        return pool.activeThreadCount() == 0

    def drag(fraction: float) -> Callable[[], None]:
        def act() -> None:
            # The handle pressed with the mouse, dragged in ten moves (the bar passes over
            # the pages between) and let go, as a person drags it.
            bar = queue().table.verticalScrollBar()
            handle = _handle(bar)
            x, y0 = handle.center().x(), handle.center().y()
            groove = bar.height() - 2 * bar.width() - handle.height()  # less the arrows
            y1 = y0 + int(groove * (fraction - bar.value() / max(bar.maximum(), 1)))
            QTest.mousePress(bar, Qt.MouseButton.LeftButton, pos=QPoint(x, y0))
            # The press shown before the first move (a person's hand takes longer; back to
            # back, the press's paint and the first move's counted as one stall).
            _pump(app, 0.02)
            for i in range(1, 11):
                QTest.mouseMove(bar, QPoint(x, y0 + (y1 - y0) * i // 10))
                _pump(app, 0.02)
            QTest.mouseRelease(bar, Qt.MouseButton.LeftButton, pos=QPoint(x, y1))

        return act

    def show_page(key: str) -> Callable[[], None]:
        def act() -> None:
            # A click on the page's name in the page list, as a person picks a page.
            row = PAGE_KEYS.index(key)
            item = window.nav.item(row)
            at = window.nav.visualItemRect(item).center()
            QTest.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=at)
            if window.nav.currentRow() != row:  # not reached offscreen: picked as the click would
                window.nav.setCurrentRow(row)

        return act

    def ready() -> bool:
        m = queue().model
        return rows_shown() and m.total_exact and (m.anchored or m.rowCount() < m_from()) and idle()

    def m_from() -> int:
        from pakn_desktop.ui import case_model

        return int(case_model.ANCHORS_FROM)

    step("queue shown", show_page("queue"), rows_shown, 10)
    step("  …counted and indexed (idle)", lambda: None, ready, 60)
    step("scroll bar dragged to the middle", drag(0.5), rows_shown, 30)
    step("scroll bar dragged near the end", drag(0.97), rows_shown, 30)
    step(
        "Ctrl+End",
        lambda: QTest.keyClick(queue().table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier),
        rows_shown,
        30,
    )

    def sort_by(col: Column) -> Callable[[], None]:
        def act() -> None:
            header = queue().table.horizontalHeader()
            x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
            QTest.mouseClick(
                header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
            )

        return act

    step("sort by date received (header)", sort_by(Column.RECEIVED), rows_shown, 30)
    step("  …indexed (idle)", lambda: None, ready, 60)
    step("scroll bar dragged to 90 %", drag(0.9), rows_shown, 30)

    def open_case() -> None:
        # The row a person double-clicks (the view's own signal, as its double-click and
        # Enter emit it: offscreen, synthetic clicks do not reach the item view reliably).
        table = queue().table
        top = max(table.rowAt(0), 0)
        rows = [queue().model.row_at(r) for r in range(top, top + 10)]
        shown = [r for r in rows if r is not None] or [queue().model.row_at(0)]
        assert shown[0] is not None
        at = table.visualRect(queue().model.index(top + rows.index(shown[0]), 0)).center()
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=at)  # its press
        queue().open_case.emit(shown[0].code)

    step(
        "a case opened",
        open_case,
        lambda: any(e.isVisible() for e in window.editors.values()),
        30,
    )
    for editor in list(window.editors.values()):
        editor.close()
    step("statistics page shown", show_page("statistics"), idle, 60)
    step("back to the queue", show_page("queue"), rows_shown, 10)

    def type_search() -> None:
        field = queue().search
        field.setFocus()
        for ch in "nguyen van":
            QTest.keyClick(field, ch)  # a key pressed
            _pump(app, 0.12)  # a person types about eight keys a second

    def searched() -> bool:
        m = queue().model
        return m.current.search.strip() == "nguyen van" and rows_shown()

    step("search typed: «nguyen van»", type_search, searched, 60)
    watch.stop()
    gc.callbacks.remove(on_gc)
    window.close()
    window.deleteLater()
    _pump(app, 0.2)
    return out


def _handle(bar: Any) -> Any:
    """Where a scroll bar's handle is drawn (its rectangle in the bar)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionSlider

    opt = QStyleOptionSlider()
    opt.initFrom(bar)
    opt.orientation = bar.orientation()
    opt.minimum, opt.maximum = bar.minimum(), bar.maximum()
    opt.sliderPosition = opt.sliderValue = bar.value()
    opt.singleStep, opt.pageStep = bar.singleStep(), bar.pageStep()
    opt.upsideDown = bar.invertedAppearance()
    opt.subControls = QStyle.SubControl.SC_All
    return bar.style().subControlRect(
        QStyle.ComplexControl.CC_ScrollBar, opt, QStyle.SubControl.SC_ScrollBarSlider, bar
    )


def _pump(app: Any, seconds: float, until: Callable[[], bool] | None = None) -> None:
    """Run the event loop (timers, worker deliveries, painting) for ``seconds`` or until
    ``until()`` holds. A nested ``QEventLoop.exec()``, not a loop of ``processEvents()``:
    PySide6 6.12's ``processEvents`` drops a reference to None at each call, and a few tens of
    thousands of calls abort the interpreter ("none_dealloc")."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(int(seconds * 1000))
    poll = QTimer()
    if until is not None:

        def check() -> None:
            if until():
                loop.quit()

        poll.timeout.connect(check)
        poll.start(5)
    loop.exec()
    poll.stop()
    deadline.stop()


# --- 3. opening cases and the statistics page, beside another version of the code -----------
EDITOR_STEPS = (
    "a case opened (first of the day)",
    "another case opened",
    "a third case opened",
    "statistics page shown",
)


def editor_day(url: str, against: Path | None = None, rounds: int = 3) -> None:
    """The GUI thread's longest stall while cases are opened and the statistics page is
    shown, in a fresh process per round, alternating this code with the code in ``against``
    (a checkout of an earlier commit), so both meet the same load of the machine.

    ``python bench/bench_day.py editor URL [--against DIR] [--rounds N]``"""
    codes = [("this code", ROOT)] + ([("against", against)] if against else [])
    runs: dict[str, list[list[tuple[str, float, float, str]]]] = {name: [] for name, _ in codes}
    for _ in range(rounds):
        for name, root in codes:
            runs[name].append(_editor_child(url, root))
    print(f"  opening cases and the statistics page, 10 ms heartbeat, {rounds} rounds each")
    print(f"  (load average {os.getloadavg()[0]:.1f}); median [each round] of the longest stall")
    print("  (ms), then of the GUI thread's own CPU in it (ms: what load does not add to)")
    header = "".join(f"{n:>28}" for n, _ in codes)
    print(f"  {'step':34}{header}")
    for i, step in enumerate(EDITOR_STEPS):
        for column, unit in ((1, "stall"), (2, "  cpu")):
            cells = []
            for name, _ in codes:
                got = [r[i][column] for r in runs[name] if len(r) > i]
                cells.append(
                    f"{statistics.median(got):>8.0f} {[round(g) for g in got]!s:>19}" if got else ""
                )
            label = step if column == 1 else ""
            print(f"  {label:28}{unit:>6}" + "".join(f"{c:>28}" for c in cells))
    for name, _ in codes:
        whats = [r[i][3] for r in runs[name][-1:] for i in range(len(r))]
        print(f"  {name}, last round, what ran in each step's stall: {whats}")


def _editor_child(url: str, root: Path) -> list[tuple[str, float, float, str]]:
    env = _child_env(root)
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="pakn-bench-editor-")
    env["PYTHONPATH"] = str(root)  # that code's pakn_desktop (this file drives it)
    cmd = [sys.executable, str(Path(__file__).resolve()), "child-editor", url]
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    out = []
    for line in proc.stdout.splitlines():
        if line.startswith("step\t"):
            _, name, stall, cpu, what = line.split("\t")
            out.append((name, float(stall), float(cpu), what))
    if proc.returncode != 0:
        tail = [ln for ln in proc.stderr.splitlines() if "propagateSizeHints" not in ln][-6:]
        print(f"  the run in {root} ended with code {proc.returncode}:", *tail, sep="\n    ")
    return out


def _editor_steps(url: str) -> None:
    from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool
    from PySide6.QtWidgets import QApplication

    # The app's hand-over of the interpreter's lock (ui/stalls.py), or another to compare.
    from pakn_desktop.ui.stalls import hand_over_quickly

    hand_over_quickly()
    from pakn_desktop import background

    getattr(background, "keep_builds_aside", lambda: None)()  # as ui/app.py does
    switch_ms = os.environ.get("PAKN_BENCH_SWITCH_MS", "")
    if switch_ms:
        sys.setswitchinterval(float(switch_ms) / 1000)

    QCoreApplication.setOrganizationName("PAKN Desktop")
    QCoreApplication.setApplicationName("pakn-desktop-bench-editor")
    app = QApplication([])
    from pakn_desktop.ui.main_window import PAGE_KEYS, WARM_UP_AFTER_MS, MainWindow
    from pakn_desktop.ui.stalls import StallWatch

    services = Services.open(url)
    warm_up_as_opening(services)  # as the opening thread does
    actor = reader(services)
    QSettings().setValue("main/page", PAGE_KEYS.index("queue"))
    window = MainWindow(services, actor, auto_backup=False)
    window.resize(1366, 768)
    window.show()
    from pakn_desktop.ui.workers import pool as lane

    # Both lanes: a warm-up runs in upkeep's (workers.pool), a step's reads in the other.
    pools = (QThreadPool.globalInstance(), lane(upkeep=True))

    def idle() -> bool:
        return all(p.activeThreadCount() == 0 for p in pools)

    _pump(app, 10, lambda: idle() and window.queue.model.rowCount() > 3)
    # Past the warm-ups' start (WARM_UP_AFTER_MS after the window shows), then until they
    # are done: the start's own work (counts, the routing and editor warm-ups).
    _pump(app, WARM_UP_AFTER_MS / 1000 + 0.5)
    _pump(app, 30, idle)
    watch = StallWatch(interval_ms=10, log_over_ms=200)
    watch.start()
    model = window.queue.model
    codes = [row.code for row in (model.row_at(r) for r in (0, 1, 2)) if row is not None]

    def step(name: str, act: Callable[[], Any]) -> None:
        _pump(app, 0.05)
        watch.reset()
        act()
        _pump(app, 3.0, idle)  # until its reads on workers have come and been shown
        _pump(app, 0.1)
        what = watch.longest_what or "(not named)"
        print(f"step\t{name}\t{watch.longest:.1f}\t{watch.longest_cpu:.1f}\t{what}")

    for name, code in zip(EDITOR_STEPS[:3], codes, strict=False):
        step(name, lambda code=code: window.queue.open_case.emit(code))
        for editor in list(window.editors.values()):
            editor.close()
    step(EDITOR_STEPS[3], lambda: window.nav.setCurrentRow(PAGE_KEYS.index("statistics")))
    watch.stop()
    window.close()
    services.close()
    _pump(app, 0.2)


if __name__ == "__main__":
    if sys.argv[1:2] == ["child"]:
        _child(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["child-editor"]:
        _editor_steps(sys.argv[2])
    elif sys.argv[1:2] == ["editor"]:
        args = sys.argv[2:]
        against = Path(args[args.index("--against") + 1]) if "--against" in args else None
        rounds = int(args[args.index("--rounds") + 1]) if "--rounds" in args else 3
        editor_day(args[0], against, rounds)
    else:
        main(tuple(int(a) for a in sys.argv[1:]) or (1_000_000,))
