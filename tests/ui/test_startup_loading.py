"""What `pakn-desktop` loads at start-up, and on which thread: run as a process of its own
through its own start-up (pakn_desktop.__main__, nothing imported ahead), to the log-in
window, behind it to the database open and the main window's modules loaded, then logged in
to the main window.

- The libraries of letters, exports, e-mail import and PDF are not loaded (memory).
- The main window's modules are loaded by the opening thread, not the GUI thread: the log-in
  window goes on answering while they load (it paused 175 ms on PostgreSQL).
- The source of the modules imported after Qt is not kept (PySide6 reads each one; linecache
  kept all of them: 22.6 MB)."""

from __future__ import annotations

from pathlib import Path

from app_probe import run_app

from pakn_desktop.demo import generate_demo
from pakn_desktop.services import Services

ADMIN = ("admin", "Quản trị", "mật-khẩu-đủ-dài")


def an_office_in_use(url: str) -> None:
    """A first administrator and a few cases: the log-in goes on to the main window (no
    first-run wizard)."""
    services = Services.open(url)
    try:
        services.accounts.create_first_admin(*ADMIN)
        generate_demo(services, 3, seed=1)
    finally:
        services.close()


PROBE = """
import linecache, sys, threading
from pakn_desktop.__main__ import main
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pakn_desktop.ui import app, login as login_ui

HEAVY = ('reportlab', 'openpyxl', 'pyhanko', 'extract_msg', 'pdfplumber', 'pypdf', 'lxml',
         'cryptography', 'PIL', 'alembic', 'xml.sax', 'urllib.request', 'http.client',
         'PySide6.QtCharts', 'PySide6.QtPdf', 'PySide6.QtPrintSupport')
WINDOW = 'pakn_desktop.ui.main_window'
loaded_by = {}

class Who:
    def find_spec(self, name, path=None, target=None):
        if name == WINDOW:
            loaded_by.setdefault(name, threading.current_thread().name)
        return None

sys.meta_path.insert(0, Who())

def heavy():
    return [m for m in HEAVY if m in sys.modules]

def kept_sources():
    ours = ('pakn_desktop', 'sqlalchemy')
    return sorted({p for p in linecache.cache if any(f'/{o}/' in p for o in ours)})[:3]

def exec_(dialog):
    def shown():
        print('log-in window', heavy(), flush=True)
        wait(0)

    def wait(turns):
        # The opening thread is done once the window's modules are in.
        ready = dialog.database_open and WINDOW in sys.modules and app.MAIN_WINDOW_WARMED.is_set()
        if dialog.open_failed or ready or turns > 3000:
            print('behind it', dialog.database_open, heavy(), flush=True)
            print('main window loaded on', loaded_by.get(WINDOW), flush=True)
            print('sources kept', kept_sources(), flush=True)
            dialog.username.setText(sys.argv[2])
            dialog.password.setText(sys.argv[3])
            dialog.ok.click()
            QTimer.singleShot(0, lambda: in_window(0))
        else:
            QTimer.singleShot(20, lambda: wait(turns + 1))

    QTimer.singleShot(0, shown)
    return QDialog.exec(dialog)

def in_window(turns):
    windows = [w for w in QApplication.topLevelWidgets()
               if type(w).__name__ == 'MainWindow' and w.isVisible()]
    queue = getattr(windows[0], 'queue', None) if windows else None
    if (queue is None or queue.model.busy) and turns < 3000:
        QTimer.singleShot(20, lambda: in_window(turns + 1))
        return
    print('main window', bool(windows), heavy(), flush=True)
    print('sources kept', kept_sources(), flush=True)
    for w in windows:
        w.close()
    QApplication.quit()

login_ui.LoginDialog.exec = exec_
linecache.clearcache()  # what the probe loaded: from here on, what the start-up keeps
sys.exit(main(['--db', sys.argv[1]]))
"""


def test_start_up_loads_no_heavy_library_and_nothing_on_the_gui_thread(
    db_url: str, tmp_path: Path
) -> None:
    an_office_in_use(db_url)
    lines = run_app(PROBE, db_url, tmp_path, 180, ADMIN[0], ADMIN[2])
    assert lines == [
        "log-in window []",
        "behind it True []",
        "main window loaded on pakn-open-database",
        "sources kept []",
        "main window True []",
        "sources kept []",
    ]
