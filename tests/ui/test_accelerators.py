"""Alt+letter reaches one thing: accelerators are unique in the menu bar, in each menu and in
the dialogs a clerk types into (Qt's own file and print dialogs speak our catalogue), and each
one can be typed on a Vietnamese keyboard without composing a letter."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot
from test_login import window_for
from test_window import staff

from pakn_desktop.services import Services

_MNEMONIC = re.compile(r"&(?!&)(.)")


def mnemonic(text: str) -> str | None:
    m = _MNEMONIC.search(text.replace("&&", ""))
    return m.group(1).lower() if m else None


def clashes(texts: list[str]) -> dict[str, list[str]]:
    by_key: dict[str, list[str]] = defaultdict(list)
    for t in texts:
        key = mnemonic(t)
        if key is not None:
            by_key[key].append(t)
    return {k: v for k, v in by_key.items() if len(v) > 1}


def not_typeable(texts: list[str]) -> list[str]:
    return [t for t in texts if (k := mnemonic(t)) is not None and not k.isascii()]


def dialog_texts(dialog: QWidget) -> list[str]:
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.isVisibleTo(dialog)]
    buttons = [w.text() for w in dialog.findChildren(QAbstractButton) if w.isVisibleTo(dialog)]
    return labels + buttons


def test_menu_bar_and_each_menu_have_unique_accelerators(qtbot: QtBot, services: Services) -> None:
    # The window as the app builds it: with the logged-in session's Account menu.
    window, _session = window_for(qtbot, services, staff(services))
    bar = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    assert "Tài &khoản" in bar and len(bar) >= 6
    assert clashes(bar) == {}, bar
    assert not_typeable(bar) == []

    def walk(menu: QMenu) -> None:
        texts = [a.text() for a in menu.actions() if not a.isSeparator() and a.isVisible()]
        assert clashes(texts) == {}, (menu.title(), texts)
        assert not_typeable(texts) == [], (menu.title(), texts)
        for a in menu.actions():
            if a.menu() is not None:
                walk(a.menu())

    for action in window.menuBar().actions():
        sub: QAction = action
        if sub.menu() is not None:
            walk(sub.menu())


def test_qt_save_dialog_accelerators_are_unique_and_alt_l_saves(qtbot: QtBot) -> None:
    dialog = QFileDialog(None, "Lưu")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = dialog_texts(dialog)
    assert "&Lưu" in texts and "&Tên tệp:" in texts  # the catalogue reached the dialog
    assert clashes(texts) == {}, texts
    assert not_typeable(texts) == []
    dialog.reject()


def test_qt_print_dialog_accelerators_are_unique(qtbot: QtBot) -> None:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = dialog_texts(dialog)
    assert clashes(texts) == {}, texts
    assert not_typeable(texts) == []
    dialog.reject()
