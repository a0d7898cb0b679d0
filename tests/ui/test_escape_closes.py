"""Windows that hold nothing typed close on Esc, as dialogs do: the audit log and the list
of cases behind a figure. (Their size on a 1366×768 screen, also scaled, is checked by
test_window_sizes and test_windows_scaling with that screen.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_window import staff

from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.services import Services
from pakn_desktop.ui.audit_view import AuditView
from pakn_desktop.ui.main_window import MainWindow


def test_the_audit_log_fits_and_closes_on_escape(qtbot: QtBot, services: Services) -> None:
    view = AuditView(services, services.office.actor())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    qtbot.keyClick(view.list, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_a_figures_list_closes_on_escape(qtbot: QtBot, services: Services) -> None:
    window = MainWindow(services, staff(services), auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    drill = window.show_cases(CaseFilter(), "Tất cả")
    qtbot.addWidget(drill)
    qtbot.waitExposed(drill)
    qtbot.keyClick(drill.table, Qt.Key.Key_Escape)
    assert not drill.isVisible() and window.isVisible()
