"""Start-up to a window showing the queue, as a whole new process (interpreter, imports,
opening the database, building the window), beside a bare PySide6 window with an empty table
in a process of its own; then the background checks' time and the process's memory with the
database open.

Run as ``python -m bench.bench_startup [SIZES]`` (default 10,000 cases; PostgreSQL too with
PAKN_BENCH_PG_URL), or ``... probe URL``, ``... login URL``, ``... bare`` for one child."""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
# What the log-in window should not wait for: the services (SQLAlchemy, the tables), the main
# window and the libraries of letters and exports.
HEAVY = (
    "pakn_desktop.services",
    "sqlalchemy",
    "pakn_desktop.ui.main_window",
    "reportlab",
    "openpyxl",
)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _child(mode: str, url: str | None) -> None:
    if mode == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

        app = QApplication([])
        w = QMainWindow()
        w.setCentralWidget(QTableView())
        w.resize(1366, 768)
        w.show()
        app.processEvents()
        print("shown", flush=True)
        return
    if mode == "login":
        # `pakn-desktop --db URL` as it starts, through its own code (pakn_desktop.__main__),
        # to its log-in window (``login``, with what was loaded before it), then to the
        # database open behind it (``ready``: a log-in typed meanwhile goes on from here); the
        # log-in is cancelled then.
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QDialog

        from pakn_desktop.__main__ import main
        from pakn_desktop.ui import login as login_ui

        def exec_(dialog: QDialog) -> int:
            assert isinstance(dialog, login_ui.LoginDialog)

            # A heartbeat on the GUI thread while the database opens behind the window: its
            # longest gap is how long the window would not answer a key (GIL, imports).
            beats = [time.perf_counter(), 0.0]

            def shown() -> None:
                QApplication.processEvents()
                print(f"login {time.process_time():.3f}", flush=True)
                heavy = [m for m in HEAVY if m in sys.modules]
                print(f"loaded {','.join(heavy) or '-'}", flush=True)
                beats[0] = time.perf_counter()
                wait_ready()

            def wait_ready() -> None:
                now = time.perf_counter()
                beats[1] = max(beats[1], now - beats[0])
                beats[0] = now
                if dialog.open_failed:
                    print(f"error {dialog.message.text()!r}", flush=True)
                if dialog.database_open and "ready" not in said:
                    said.add("ready")
                    print("ready", flush=True)
                # The beat goes on until the main window's modules are loaded behind the
                # window too (ui.app.warm_up_main_window: MAIN_WINDOW_WARMED, or in a tree
                # without it the opening thread letting the collector run again), as a
                # person may type meanwhile.
                warmed = getattr(sys.modules.get("pakn_desktop.ui.app"), "MAIN_WINDOW_WARMED", None)
                done = warmed.is_set() if warmed is not None else gc.isenabled()
                loaded = "pakn_desktop.ui.main_window" in sys.modules and done
                if dialog.open_failed or (dialog.database_open and loaded):
                    print(f"pause {beats[1]:.3f}", flush=True)
                    dialog.reject()
                else:
                    QTimer.singleShot(5, wait_ready)

            said: set[str] = set()

            QTimer.singleShot(0, shown)
            return QDialog.exec(dialog)

        login_ui.LoginDialog.exec = exec_  # type: ignore[method-assign]
        main(["--db", url or ""])
        return
    # As `pakn-desktop` starts (pakn_desktop.__main__): Qt and the log-in window's modules
    # first, then the services (SQLAlchemy and the tables) and the main window's modules, for
    # a person whose last page was the queue.
    # isort: off
    from pakn_desktop import __main__ as started_as

    getattr(started_as, "keep_no_sources", lambda: None)()  # ahead of Qt, as main() does
    import pakn_desktop.ui.app  # noqa: F401  (loaded before Qt, as the program does)
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication
    from pakn_desktop.services import Services
    from bench._db import reader
    from bench.bench_day import warm_up_as_opening
    from pakn_desktop.ui.main_window import PAGE_KEYS, MainWindow
    from pakn_desktop.ui.startup import StartupChecks

    # isort: on

    QCoreApplication.setOrganizationName("PAKN Desktop")
    QCoreApplication.setApplicationName("pakn-desktop-bench")
    app = QApplication([])
    QSettings().setValue("main/page", PAGE_KEYS.index("queue"))
    services = Services.open(url, defer_checks=True)
    checks = StartupChecks(services)
    actor = reader(services)
    # What the opening thread does while the log-in window is up (ui.app.warm_up_main_window:
    # the window's modules, the Qt types it meets, the places and the holidays' names).
    warm_up_as_opening(services)
    # From here on is what follows a log-in (the window's modules were imported while the
    # log-in window was up, see ui.app.warm_up_main_window).
    t_login = time.perf_counter()
    # The routing warm-up (1.5 s after the window shows) is held until the checks are done,
    # then run and measured on its own: the memory with the database open no longer depends
    # on which of the two ends first.
    window = MainWindow(services, actor, auto_backup=False, warm_up=False)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    # The queue's first rows are read on a worker (an earlier checkout read them at once):
    # the window is there for the person when they show.
    model = window.queue.model
    waited = time.perf_counter()
    while getattr(model, "busy", False) and time.perf_counter() - waited < 30:
        time.sleep(0.002)
        app.processEvents()
    assert window.stack.currentWidget() is window.queue and model.rowCount() > 0
    print(f"after_login {time.perf_counter() - t_login:.3f}", flush=True)
    print(f"shown {time.process_time():.3f}", flush=True)
    while not checks.finished:
        app.processEvents()
        time.sleep(0.01)
    print("checked", flush=True)
    print(f"rss {_rss_mb():.0f}", flush=True)
    if checks.error is not None:
        print(f"error {checks.error}", flush=True)
    learnt = services.routing.warm_up(actor)  # what the window starts after 1.5 s
    print(f"rss_warm {_rss_mb():.0f} {learnt}", flush=True)
    services.close()


def measure(mode: str, url: str | None = None) -> dict[str, float]:
    """Seconds from launching the process to each line it prints."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["XDG_CONFIG_HOME"] = str(Path(os.environ.get("TMPDIR", "/tmp")) / "pakn-bench-config")
    # A data folder of its own: intake forms left in the person's folder by other runs would
    # have the window build the intake page too, to offer them back.
    env["XDG_DATA_HOME"] = str(Path(os.environ.get("TMPDIR", "/tmp")) / "pakn-bench-data")
    # An installed program has its bytecode compiled (pip, PyInstaller); let the child keep
    # it (the first of the runs writes it).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, "-m", "bench.bench_startup", mode, *([url] if url else [])]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    out: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        word, _, rest = line.strip().partition(" ")
        if word == "rss":
            out["rss_mb"] = float(rest)
        elif word == "rss_warm":
            out["rss_warm_mb"] = float(rest.split()[0])
            out["learnt"] = float(rest.split()[1])
        elif word == "pause":
            out["pause"] = float(rest)
        elif word == "after_login":
            out["after_login"] = float(rest)
        elif word == "loaded":
            if rest != "-":  # what the log-in should not wait for
                print("    loaded before the log-in window:", rest)
        elif word == "login":
            out["login"] = time.perf_counter() - t0
            out["login_cpu"] = float(rest)
        elif word == "shown" and rest:
            out["shown"] = time.perf_counter() - t0
            out["shown_cpu"] = float(rest)
        elif word == "error":
            print("   ", line.strip())
        else:
            out[word] = time.perf_counter() - t0
    proc.wait()
    return out


def _verdict(seconds: float) -> str:
    return "met" if seconds <= 0.5 else f"missed by {seconds - 0.5:.2f} s"


def _median(runs: list[dict[str, float]], key: str) -> float:
    values = [o[key] for o in runs if key in o]
    return statistics.median(values) if values else float("nan")


def _spread(runs: list[dict[str, float]], key: str, digits: int = 2) -> str:
    values = [o[key] for o in runs if key in o]
    return f"{min(values):.{digits}f}–{max(values):.{digits}f}" if values else "-"


def run(label: str, url: str, runs: int = RUNS) -> None:
    """Medians of ``runs`` launches each, the bare window's among them (same run, same load)."""
    bares: list[dict[str, float]] = []
    logins: list[dict[str, float]] = []
    ours: list[dict[str, float]] = []
    for _ in range(runs):  # interleaved: a change in the machine's load touches all three
        bares.append(measure("bare"))
        logins.append(measure("login", url))
        ours.append(measure("probe", url))
    bare = _median(bares, "shown")
    login = _median(logins, "login")
    after = _median(ours, "after_login")
    print(
        f"  {label}: start-up to the log-in window {login:.2f} s (median of {runs}, "
        f"{_spread(logins, 'login')}; CPU {_median(logins, 'login_cpu'):.2f} s; goal ≤ 0.5 s: "
        f"{_verdict(login)}) beside a bare PySide6 window {bare:.2f} s "
        f"({_spread(bares, 'shown')})"
    )
    print(
        f"  {label}: database open behind the log-in window {_median(logins, 'ready'):.2f} s "
        f"after launch ({_spread(logins, 'ready')}; the window's longest pause meanwhile "
        f"{_median(logins, 'pause') * 1000:.0f} ms); log-in to the queue window {after:.2f} s "
        f"({_spread(ours, 'after_login')}; goal ≤ 0.5 s: {_verdict(after)})"
    )
    print(
        f"  {label}: start-up to the queue window without a log-in "
        f"{_median(ours, 'shown'):.2f} s (CPU {_median(ours, 'shown_cpu'):.2f} s; load "
        f"average {os.getloadavg()[0]:.1f}); background checks done "
        f"{_median(ours, 'checked'):.2f} s after launch; memory with the database open "
        f"{_median(ours, 'rss_mb'):.0f} MB (goal ≤ 250 MB; {_spread(ours, 'rss_mb', 0)}), "
        f"{_median(ours, 'rss_warm_mb'):.0f} MB once the routing warm-up has learnt "
        f"{_median(ours, 'learnt'):,.0f} cases"
    )


def main(sizes: tuple[int, ...] = (10_000,)) -> None:
    """Start-up alone: SQLite demo databases of ``sizes`` cases, and PostgreSQL with
    PAKN_BENCH_PG_URL (see bench/__main__.py)."""
    from bench._db import postgres_database, sqlite_database

    for n in sizes:
        url, _path, _built = sqlite_database(n)
        run(f"SQLite {n:,}", url)
        pg = postgres_database(n)
        if pg is not None:
            run(f"PostgreSQL {n:,}", pg[0])


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("bare", "login", "probe"):
        _child(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
    else:
        main(tuple(int(x) for x in sys.argv[1].split(",")) if len(sys.argv) > 1 else (10_000,))
