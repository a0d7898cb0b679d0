"""The Qt classes the main window meets have their Python types made ahead, on the opening
thread (``app.make_qt_types``, from ``warm_up_main_window``), not on the GUI thread when the
queue first shows or paints, and the case editor's modules are loaded there too (not when
the first case opens): a person's walk through the pages and a case, in a process of
its own (a type made by an earlier test in the same process would hide one), meets none that
is still to be made."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = r"""
import sys, threading
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QCoreApplication, QEventLoop, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

QCoreApplication.setOrganizationName("PAKN Desktop")
QCoreApplication.setApplicationName("pakn-qt-types-probe")
app = QApplication([])

def pump(ms):
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()

from pakn_desktop.demo import generate_demo
from pakn_desktop.services import Services

services = Services.open(sys.argv[1])
generate_demo(services, 60, seed=3, today=services.now().date())
from pakn_desktop.ui.app import warm_up_main_window

# As the opening thread runs it, given the open services.
opening = threading.Thread(target=warm_up_main_window, args=(services,))
opening.start()
opening.join()
mods = (QtCore, QtGui, QtWidgets)
before = {m: set(m.__dict__) for m in mods}

from pakn_desktop.ui.main_window import PAGE_KEYS, MainWindow

window = MainWindow(services, services.office.actor("lanhdao"), auto_backup=False)
window.resize(1366, 768)
window.show()
pump(300)
for key in ("queue", "inbox", "lookup", "statistics", "register", "intake", "queue"):
    window.nav.setCurrentRow(PAGE_KEYS.index(key))
    pump(300)
QThreadPool.globalInstance().waitForDone(20000)
pump(100)
loaded = set(sys.modules)
window.queue.open_case.emit(window.queue.model.row_at(0).code)
for name in sorted(set(sys.modules) - loaded):
    if name.startswith("pakn_desktop"):
        print(f"imported\t{name}")
pump(800)
QThreadPool.globalInstance().waitForDone(20000)
pump(200)
for m in mods:
    for name in sorted(set(m.__dict__) - before[m]):
        if name[:1] == "Q":
            print(f"made\t{m.__name__}.{name}")
print("walked")
window.close()
services.close()
"""


def test_the_window_meets_no_qt_type_still_to_be_made(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    url = f"sqlite:///{tmp_path / 'pakn.db'}"
    out = subprocess.run(
        [sys.executable, "-c", PROBE, url], capture_output=True, text=True, env=env, timeout=180
    )
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert "walked" in lines, out.stdout + out.stderr
    made = [line.split("\t")[1] for line in lines if line.startswith("made\t")]
    assert made == [], f"add these to pakn_desktop.ui.app.QT_TYPES: {made}"
    # The case editor's modules were loaded behind the log-in too, not when the case opened.
    imported = [line.split("\t")[1] for line in lines if line.startswith("imported\t")]
    assert imported == [], f"imported when the first case opened: {imported}"
