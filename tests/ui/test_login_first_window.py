"""The log-in window is the first thing `pakn-desktop` does: run as a process of its own
through its own start-up (pakn_desktop.__main__, nothing imported ahead), when the log-in
window shows neither the services nor SQLAlchemy are loaded, and no database is open yet;
they are loaded behind it, after which the log-in goes on."""

from __future__ import annotations

from pathlib import Path

from app_probe import run_app
from builders import an_office

PROBE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pakn_desktop.__main__ import main
from pakn_desktop.ui import login as login_ui

LATER = ('pakn_desktop.services', 'sqlalchemy', 'pakn_desktop.store', 'psycopg',
         'pakn_desktop.ui.main_window')

def exec_(dialog):
    def shown():
        print('shown', dialog.isVisible(), dialog.database_open,
              [m for m in LATER if m in sys.modules], flush=True)
        wait(0)

    def wait(turns):
        if dialog.database_open or dialog.open_failed or turns > 3000:
            print('opened', dialog.database_open, dialog.message.text() or '-', flush=True)
            print('loaded', [m for m in LATER[:2] if m in sys.modules], flush=True)
            dialog.reject()
        else:
            QTimer.singleShot(20, lambda: wait(turns + 1))

    QTimer.singleShot(0, shown)
    return QDialog.exec(dialog)

login_ui.LoginDialog.exec = exec_
sys.exit(main(['--db', sys.argv[1]]))
"""


def test_the_login_window_shows_before_the_services_are_loaded(db_url: str, tmp_path: Path) -> None:
    an_office(db_url, ("admin", "Quản trị", "mật-khẩu-đủ-dài"))
    # The log-in is cancelled: the program ends.
    assert run_app(PROBE, db_url, tmp_path, timeout=180) == [
        "shown True False []",
        "opened True -",
        "loaded ['pakn_desktop.services', 'sqlalchemy']",
    ]
