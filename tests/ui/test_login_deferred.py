"""What start-up leaves until the log-in window is up: `pakn-desktop` runs its own start-up
(pakn_desktop.__main__) in a process of its own; when the log-in window shows, none of the
main window's modules (its pages, the case editor, the first-run wizard) nor the letters'
and exports' libraries are loaded; the main window's modules are then loaded while the log-in
window waits for the password."""

from __future__ import annotations

from pathlib import Path

from app_probe import run_app
from builders import an_office

ADMIN = ("admin", "Quản trị", "mật-khẩu-đủ-dài")

PROBE = """
import sys
import pakn_desktop.services  # before Qt, as pakn_desktop.__main__
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pakn_desktop.__main__ import main
from pakn_desktop.ui import login as login_ui

HEAVY = ('pakn_desktop.ui.main_window', 'pakn_desktop.ui.queue_view', 'pakn_desktop.ui.intake',
         'pakn_desktop.ui.case_editor', 'pakn_desktop.ui.first_run', 'pakn_desktop.ui.settings',
         'pakn_desktop.ui.statistics', 'reportlab', 'openpyxl', 'PySide6.QtCharts',
         'PySide6.QtPdf', 'PySide6.QtPrintSupport')

def exec_(dialog):
    def shown():
        print('shown', dialog.isVisible(), [m for m in HEAVY if m in sys.modules], flush=True)
        wait_for_warm_up(0)

    def wait_for_warm_up(turns):
        if 'pakn_desktop.ui.main_window' in sys.modules or turns > 500:
            print('warmed', 'pakn_desktop.ui.main_window' in sys.modules, flush=True)
            dialog.reject()
        else:
            QTimer.singleShot(20, lambda: wait_for_warm_up(turns + 1))

    QTimer.singleShot(0, shown)
    return QDialog.exec(dialog)

login_ui.LoginDialog.exec = exec_
sys.exit(main(['--db', sys.argv[1]]))
"""


def test_the_login_window_shows_before_the_main_window_is_loaded(tmp_path: Path) -> None:
    url = an_office(f"sqlite:///{tmp_path / 'office.db'}", ADMIN)
    # The log-in is cancelled: the program ends.
    assert run_app(PROBE, url, tmp_path, timeout=120) == ["shown True []", "warmed True"]
