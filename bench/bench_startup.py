"""Start-up to a window showing the queue, as a whole new process (interpreter, imports,
opening the database, building the window), beside a bare PySide6 window with an empty table
in a process of its own; then the background checks' time and the process's memory with the
database open.

Run as ``python -m bench.bench_startup probe URL`` or ``... bare`` for one child process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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
        # to its log-in window; the log-in is cancelled as soon as the window shows.
        # isort: off
        import pakn_desktop.services  # noqa: F401  (before Qt, as pakn_desktop.__main__)
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QDialog
        from pakn_desktop.__main__ import main
        from pakn_desktop.ui import login as login_ui

        # isort: on

        def exec_(dialog: QDialog) -> int:
            def shown() -> None:
                QApplication.processEvents()
                print(f"login {time.process_time():.3f}", flush=True)
                heavy = [
                    m
                    for m in ("pakn_desktop.ui.main_window", "reportlab", "openpyxl")
                    if m in sys.modules
                ]
                print(f"loaded {','.join(heavy) or '-'}", flush=True)
                dialog.reject()

            QTimer.singleShot(0, shown)
            return QDialog.exec(dialog)

        login_ui.LoginDialog.exec = exec_  # type: ignore[method-assign,assignment]
        main(["--db", url or ""])
        return
    # As `pakn-desktop` starts (pakn_desktop.__main__): the services (SQLAlchemy and the
    # tables) before Qt, then the window, for a person whose last page was the queue.
    # isort: off
    from pakn_desktop.services import Services
    from bench._db import reader
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication
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
    # From here on is what follows a log-in (the window's modules were imported while the
    # log-in window was up, see ui.app.warm_up_main_window).
    t_login = time.perf_counter()
    window = MainWindow(services, actor, auto_backup=False)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    assert window.stack.currentWidget() is window.queue and window.queue.model.rowCount() > 0
    print(f"after_login {time.perf_counter() - t_login:.3f}", flush=True)
    print(f"shown {time.process_time():.3f}", flush=True)
    while not checks.finished:
        app.processEvents()
        time.sleep(0.01)
    print("checked", flush=True)
    print(f"rss {_rss_mb():.0f}", flush=True)
    if checks.error is not None:
        print(f"error {checks.error}", flush=True)
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


def run(label: str, url: str) -> None:
    bare = min(measure("bare").get("shown", float("nan")) for _ in range(2))
    logins = [measure("login", url) for _ in range(3)]
    login = min(o.get("login", float("inf")) for o in logins)
    login_cpu = min(o.get("login_cpu", float("inf")) for o in logins)
    ours = [measure("probe", url) for _ in range(3)]
    best = min(ours, key=lambda o: o.get("shown", float("inf")))
    shown = best.get("shown", float("nan"))
    after = min(o.get("after_login", float("inf")) for o in ours)
    print(
        f"  {label}: start-up to the log-in window {login:.2f} s (CPU {login_cpu:.2f} s; "
        f"goal ≤ 0.5 s: {_verdict(login)}); log-in to the queue window {after:.2f} s "
        f"(goal ≤ 0.5 s: {_verdict(after)})"
    )
    print(
        f"  {label}: start-up to the queue window without a log-in {shown:.2f} s (CPU "
        f"{best.get('shown_cpu', float('nan')):.2f} s), bare PySide6 window {bare:.2f} s "
        f"(load average {os.getloadavg()[0]:.1f})"
    )
    print(
        f"  {label}: background checks done {best.get('checked', float('nan')):.2f} s after "
        f"launch; memory with the database open {best.get('rss_mb', float('nan')):.0f} MB "
        "(goal ≤ 250 MB)"
    )


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
