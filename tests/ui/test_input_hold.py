"""The window tells background builds when the person works (``ui.stalls.InputHold``): a
press, a drag, the wheel or a key holds them (``pakn_desktop.background``); the mouse passing
over the window and the window's own timers do not. The app installs it at start."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_probe import run_app
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from pakn_desktop import background
from pakn_desktop.ui.stalls import InputHold


@pytest.fixture
def held_by_input(qtbot: QtBot) -> QWidget:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    hold = InputHold()
    app.installEventFilter(hold)
    page = QWidget()
    page._hold = hold  # type: ignore[attr-defined]
    layout = QVBoxLayout(page)
    layout.addWidget(QLineEdit())
    layout.addWidget(QPushButton("OK"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(50)
    background._held_until = 0.0
    yield page
    app.removeEventFilter(hold)
    background._held_until = 0.0


def test_a_press_and_a_key_hold_background_builds(qtbot: QtBot, held_by_input: QWidget) -> None:
    field = held_by_input.findChild(QLineEdit)
    button = held_by_input.findChild(QPushButton)
    QTest.mouseMove(button, QPoint(5, 5))  # passing over: not working yet
    qtbot.wait(20)
    assert not background.held()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert background.held()
    background._held_until = 0.0
    field.setFocus()
    qtbot.keyClicks(field, "a")
    assert background.held() and field.text() == "a"


def test_the_app_installs_it(db_url: str, tmp_path: Path) -> None:
    """In the real program, a click into the log-in window's user name holds builds."""
    from pakn_desktop.services import Services

    Services.open(db_url).close()
    probe = """
import sys
from PySide6.QtCore import QPoint, QTimer, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pakn_desktop import background
from pakn_desktop.__main__ import main
from pakn_desktop.ui import login as login_ui

def exec_(dialog):
    def click():
        print('kept aside', background._keep_aside, flush=True)
        print('before', background.held(), flush=True)
        QTest.mouseClick(dialog.username, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        print('after', background.held(), flush=True)
        dialog.reject()
    QTimer.singleShot(0, click)
    return QDialog.exec(dialog)

login_ui.LoginDialog.exec = exec_
sys.exit(main(['--db', sys.argv[1]]))
"""
    lines = run_app(probe, db_url, tmp_path, 120)
    # The window's process also has its builds set aside what they made (background.set_aside).
    assert lines[-3:] == ["kept aside True", "before False", "after True"], lines
