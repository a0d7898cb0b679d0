"""Trợ giúp has more than "Giới thiệu" (issue 21): "Hướng dẫn sử dụng" opens the guide of each
role, read offline from resources/help, at the person's own role; "Phím tắt" lists the
window's shortcuts read from its actions themselves, and every key it lists does what it says."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from pytestqt.qtbot import QtBot

from pakn_desktop.services import Services
from pakn_desktop.ui.help import HelpWindow, ShortcutsWindow, guide_path, key_text
from pakn_desktop.ui.main_window import PAGE_KEYS, MainWindow


def window_for(qtbot: QtBot, services: Services, who) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(services, who, auto_backup=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    return w


def help_menu_texts(w: MainWindow) -> list[str]:
    (menu,) = [
        a.menu()
        for a in w.menuBar().actions()
        if a.menu() is not None and a.text().replace("&", "") == "Trợ giúp"
    ]
    return [a.text() for a in menu.actions() if not a.isSeparator()]  # type: ignore[union-attr]


def test_the_guide_is_offline_and_has_every_role() -> None:
    html = guide_path().read_text(encoding="utf-8")
    for role in ("front_desk", "official", "head", "admin"):
        assert f'id="{role}"' in html
    links = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert links and all(link.startswith("#") for link in links)  # nothing from the network


def test_help_menu_opens_the_guide_at_the_persons_role(
    qtbot: QtBot, services: Services, head
) -> None:  # type: ignore[no-untyped-def]
    w = window_for(qtbot, services, head)
    assert help_menu_texts(w) == ["Hướng dẫn sử dụng", "Phím tắt", "Giới thiệu PAKN Desktop"]
    w.help_actions["guide"].trigger()
    (guide,) = [d for d in w.findChildren(HelpWindow) if d.isVisible()]
    assert guide.windowTitle() == "Hướng dẫn sử dụng"
    text = guide.browser.toPlainText()
    for heading in ("Cán bộ tiếp nhận", "Công chức xử lý", "Lãnh đạo", "Quản trị hệ thống"):
        assert heading in text
    # Opened at the head's section: the page moved down to show its heading.
    doc = guide.browser.document()
    block = doc.begin()
    while block.isValid() and block.text() != "Lãnh đạo":
        block = block.next()
    assert block.isValid()
    cursor = guide.browser.textCursor()
    cursor.setPosition(block.position())
    assert guide.browser.verticalScrollBar().value() > 0
    assert guide.browser.viewport().rect().contains(guide.browser.cursorRect(cursor))
    guide.close()
    # F1 opens it too.
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    qtbot.keyClick(w.nav, Qt.Key.Key_F1)
    assert sum(d.isVisible() for d in w.findChildren(HelpWindow)) == 1


def test_every_listed_shortcut_is_a_real_one_and_works(
    qtbot: QtBot, services: Services, head
) -> None:  # type: ignore[no-untyped-def]
    w = window_for(qtbot, services, head)
    w.nav.setCurrentRow(PAGE_KEYS.index("queue"))  # a page with a shortcut of its own
    w.help_actions["shortcuts"].trigger()
    (dialog,) = [d for d in w.findChildren(ShortcutsWindow) if d.isVisible()]
    assert dialog.windowTitle() == "Phím tắt"
    listed = [
        tuple(dialog.table.item(i, c).text() for c in range(3))  # type: ignore[union-attr]
        for i in range(dialog.table.rowCount())
    ]
    # What the window really has: every enabled, visible action and shortcut with keys.
    real: dict[str, list[str]] = {}
    for a in w.findChildren(QAction):
        if a.shortcuts() and a.isEnabled() and a.isVisible():
            real.setdefault(key_text(a.shortcuts()), []).append(a.text().replace("&", ""))
    for s in w.findChildren(QShortcut):
        if not s.key().isEmpty() and s.isEnabled():
            real.setdefault(key_text([s.key()]), []).append(s.whatsThis())
    assert listed and all(keys in real for keys, _, _ in listed), (listed, real)
    assert set(real) <= {keys for keys, _, _ in listed}  # nothing left out
    for row in dialog.rows:  # each row read from the object that has the keys
        keys = row.source.shortcuts() if isinstance(row.source, QAction) else [row.source.key()]  # type: ignore[attr-defined]
        assert key_text(keys) == row.keys
    whats = {what: keys for keys, what, _ in listed}
    assert whats["Hướng dẫn sử dụng"] == QKeySequence(
        QKeySequence.StandardKey.HelpContents
    ).toString(QKeySequence.SequenceFormat.NativeText)
    assert ("Return, Enter", "Mở hồ sơ đang chọn", "Danh sách PAKN") in listed
    dialog.close()

    # A listed key does what its row says: "Mở trang «Thống kê»".
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    qtbot.keySequence(w.nav, QKeySequence(whats["Mở trang «Thống kê»"]))
    assert PAGE_KEYS[w.nav.currentRow()] == "statistics"
