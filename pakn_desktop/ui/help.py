"""Trợ giúp: the user guide, a short guide for each role read offline from
``resources/help`` (opened at the person's own role), and the list of the window's keyboard
shortcuts, read from its actions and shortcuts themselves, so the list cannot drift from what
the keys do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSize, QUrl
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.resources import resource_path

from .window_sizes import remember_size

GUIDE = ("help", "huong-dan-su-dung.html")


def _standard_meanings() -> list[tuple[QKeySequence.StandardKey, str]]:
    """What a shortcut made from one of Qt's standard keys does, when it does not say so
    itself (Qt's standard keys have one meaning on every platform)."""
    return [
        (QKeySequence.StandardKey.Save, QCoreApplication.translate("ShortcutsWindow", "Save")),
        (QKeySequence.StandardKey.New, QCoreApplication.translate("ShortcutsWindow", "New")),
        (
            QKeySequence.StandardKey.Cancel,
            QCoreApplication.translate("ShortcutsWindow", "Cancel or close"),
        ),
    ]


def guide_path() -> Path:
    """The user guide shipped with the program (also inside the bundle)."""
    return resource_path(*GUIDE)


def key_text(keys: list[QKeySequence]) -> str:
    """ "Ctrl+1" or "Return, Enter": the keys as the person presses them."""
    return ", ".join(
        k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys if not k.isEmpty()
    )


@dataclass(frozen=True)
class ShortcutRow:
    keys: str
    what: str
    where: str
    source: QObject  # the action or shortcut the row was read from


class HelpWindow(QDialog):
    """The user guide, opened at the section of the person's role."""

    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)  # offline: nothing leaves the program
        self.browser.setOpenLinks(True)  # the guide's own anchors
        self.browser.setSource(QUrl.fromLocalFile(str(guide_path())))
        self._role = role
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        remember_size(self, "help_guide", QSize(760, 600))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Once laid out at its size: the person's own section at the top.
        if self._role:
            self.browser.scrollToAnchor(self._role)


class ShortcutsWindow(QDialog):
    """The keyboard shortcuts of the window: the keys, what they do and where they work, each
    read from the action or shortcut that has it."""

    def __init__(self, rows: list[ShortcutRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.rows = rows
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Does"), self.tr("Where")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for i, r in enumerate(rows):
            for col, text in enumerate((r.keys, r.what, r.where)):
                self.table.setItem(i, col, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        note = QLabel(
            self.tr(
                "Alt with the underlined letter of a menu opens it. A page's own shortcuts are "
                "listed once the page has been opened."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        remember_size(self, "help_shortcuts", QSize(640, 520))


def _plain(text: str) -> str:
    """A menu text without its accelerator mark ("&Lưu" -> "Lưu"; "&&" is a real "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _standard_meaning(keys: list[QKeySequence]) -> str:
    for standard, meaning in _standard_meanings():
        bound = QKeySequence.keyBindings(standard)
        if any(k in bound for k in keys):
            return meaning
    return ""


def shortcut_rows(window: QMainWindow) -> list[ShortcutRow]:
    """Every keyboard shortcut of ``window`` and of its pages built so far: each QAction and
    QShortcut that has keys, with its own text (a menu command's, an action's) and the page
    it works on ("Cả cửa sổ" for the window's)."""
    nav = window.findChild(QListWidget)
    stack = window.findChild(QStackedWidget)
    whole = QCoreApplication.translate("ShortcutsWindow", "Whole window")

    def where(obj: QObject) -> str:
        w: QObject | None = obj
        while w is not None:
            parent = w.parent()
            if stack is not None and parent is stack and isinstance(w, QWidget):
                i = stack.indexOf(w)
                item = nav.item(i) if nav is not None and i >= 0 else None
                if item is not None:
                    return item.text()
            w = parent
        return whole

    rows: list[ShortcutRow] = []
    seen: set[tuple[str, str, str]] = set()
    for action in window.findChildren(QAction):
        keys = action.shortcuts()
        # A hidden or disabled command's keys do nothing: not listed.
        if not key_text(keys) or not action.isEnabled() or not action.isVisible():
            continue
        what = _plain(action.text()) or _standard_meaning(keys)
        rows.append(ShortcutRow(key_text(keys), what, where(action), action))
    for shortcut in window.findChildren(QShortcut):
        keys = [shortcut.key()]
        if not key_text(keys) or not shortcut.isEnabled():
            continue
        what = _plain(shortcut.whatsThis()) or _standard_meaning(keys)
        rows.append(ShortcutRow(key_text(keys), what, where(shortcut), shortcut))
    out = []
    for r in sorted(rows, key=lambda r: (r.where != whole, r.where)):
        key = (r.keys, r.what, r.where)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


__all__ = [
    "HelpWindow",
    "ShortcutRow",
    "ShortcutsWindow",
    "guide_path",
    "key_text",
    "shortcut_rows",
]
