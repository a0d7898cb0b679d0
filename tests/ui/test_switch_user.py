"""Switching user from the menu as a desk does it: the previous person's screen is hidden
behind the log-in box, their search stays theirs, and the keyboard lands in the page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot
from test_login import FORM, PASSWORD, account, when_modal

from pakn_desktop.domain.enums import Role
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor
from pakn_desktop.ui.login import LoginDialog, Session
from pakn_desktop.ui.main_window import MainWindow


def _window(qtbot: QtBot, services: Services, actor: Actor, opened: list[MainWindow]) -> MainWindow:
    window = MainWindow(services, actor, auto_backup=False)
    qtbot.addWidget(window)

    def switch(who: Actor) -> None:
        _window(qtbot, services, who, opened)

    window.session = Session(window, services, actor, switch)  # type: ignore[attr-defined]
    opened.append(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def _menu_action(window: MainWindow, text: str):  # type: ignore[no-untyped-def]
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is None:
            continue
        for a in menu.actions():  # type: ignore[union-attr]
            if a.text().replace("&", "").startswith(text):
                return a
    raise AssertionError(f"no menu item {text!r}")


def test_switch_user_hides_the_previous_screen_and_keeps_each_search(
    qtbot: QtBot, services: Services
) -> None:
    account(services, "tiepnhan", Role.FRONT_DESK, Role.HEAD)
    head = account(services, "lanhdao", Role.HEAD)
    desk = services.office.actor("tiepnhan")
    opened: list[MainWindow] = []
    first = _window(qtbot, services, desk, opened)
    first.nav.setCurrentRow(first.stack.indexOf(first.queue))
    qtbot.keyClicks(first.queue.search, "nguyen van bi mat")
    first.queue.save_state()
    code = services.cases.receive(FORM, desk).code
    editor = first.open_case(code)  # a case of the previous person's, open in its window
    assert editor.isVisible()
    seen: dict[str, object] = {}

    def log_in(dialog: QDialog) -> None:
        assert isinstance(dialog, LoginDialog)
        seen["visible"] = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        qtbot.keyClicks(dialog.username, "lanhdao")
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    when_modal(qtbot, log_in)
    _menu_action(first, "Đổi người dùng").trigger()
    # Behind the box: nothing of the previous person's window.
    assert seen["visible"] and first not in seen["visible"]  # type: ignore[operator]
    assert editor not in seen["visible"]  # type: ignore[operator]
    second = opened[-1]
    assert second is not first and second.actor.id == head.id
    assert not first.isVisible() and not editor.isVisible()
    second.nav.setCurrentRow(second.stack.indexOf(second.queue))
    assert second.queue.search.text() == ""  # the previous person's search stays theirs
    # The first person's search comes back with them.
    third = _window(qtbot, services, desk, opened)
    third.nav.setCurrentRow(third.stack.indexOf(third.queue))
    assert third.queue.search.text() == "nguyen van bi mat"


def test_switch_user_cancelled_brings_the_same_screen_back(
    qtbot: QtBot, services: Services
) -> None:
    desk = account(services, "tiepnhan", Role.FRONT_DESK)
    opened: list[MainWindow] = []
    window = _window(qtbot, services, desk, opened)
    when_modal(qtbot, lambda dialog: dialog.reject())
    _menu_action(window, "Đổi người dùng").trigger()
    assert window.isVisible() and opened == [window]


def test_after_log_in_the_keyboard_is_in_the_page(qtbot: QtBot, services: Services) -> None:
    desk = account(services, "tiepnhan", Role.FRONT_DESK)
    window = _window(qtbot, services, desk, [])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    focus = QApplication.focusWidget()
    assert focus is not window.nav
    assert window.stack.currentWidget().isAncestorOf(focus)  # type: ignore[union-attr]
    assert isinstance(focus, QLineEdit) or focus.focusPolicy() & Qt.FocusPolicy.TabFocus  # type: ignore[union-attr]
