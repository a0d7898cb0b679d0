"""Nothing typed is lost without asking: a window with changes not yet saved asks «Lưu các
thay đổi chưa lưu?» (Lưu / Không lưu / Quay lại) when the person presses Esc or closes it
(the X of its title bar), and says nothing when it holds no changes. The main window's X
asks once about its settings page and the case windows opened from it (:func:`guard_window`).

Only what the person does asks: Esc, and a close the window system sends (a spontaneous
QCloseEvent). The app's own ``close()`` (a test's teardown, the previous person's windows at
"Đổi người dùng") never asks, so nothing waits for an answer no one can give; switching user
asks once beforehand for every window with changes (:func:`settle_all`).

"Lưu" saves through the window's own Save (``save_unsaved_changes``), and the window closes
only if that succeeded: a refused save keeps the window, its message and what was typed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QMessageBox, QWidget


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    BACK = "back"


@runtime_checkable
class HoldsTyping(Protocol):
    """A window (or page) whose typed changes must not be lost silently."""

    def has_unsaved_changes(self) -> bool: ...

    def save_unsaved_changes(self) -> bool:
        """Save as the Save button does; True when everything was saved."""
        ...

    def unsaved_name(self) -> str:
        """What the question names: «PAKN 26-000001-4», «Tài khoản», «Cài đặt»."""
        ...


def ask_unsaved(parent: QWidget, what: str) -> Answer:
    """The question, as a modal box on ``parent``: Enter saves, Esc goes back."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("Unsaved", "Save the unsaved changes?"),
        QCoreApplication.translate(
            "Unsaved", "%1 has changes that are not saved yet. Save them?"
        ).replace("%1", what),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("unsaved_question")
    save = box.addButton(
        QCoreApplication.translate("Unsaved", "Save"), QMessageBox.ButtonRole.AcceptRole
    )
    discard = box.addButton(
        QCoreApplication.translate("Unsaved", "Don't save"), QMessageBox.ButtonRole.DestructiveRole
    )
    back = box.addButton(
        QCoreApplication.translate("Unsaved", "Go back"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(save)
    box.setEscapeButton(back)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return Answer.SAVE
    if clicked is discard:
        return Answer.DISCARD
    return Answer.BACK


def settle(parent: QWidget, what: str, save: Callable[[], bool]) -> bool:
    """Ask about the changes named ``what``; True when they may go (saved, or the person
    chose not to save them), False to stay (went back, or the save was refused)."""
    answer = ask_unsaved(parent, what)
    if answer is Answer.SAVE:
        return save()
    return answer is Answer.DISCARD


def may_close(widget: QWidget) -> bool:
    """True when ``widget`` may close now: nothing unsaved, or the person settled it."""
    if not isinstance(widget, HoldsTyping) or not widget.has_unsaved_changes():
        return True
    return settle(widget, widget.unsaved_name(), widget.save_unsaved_changes)


def settle_all(parent: QWidget, holders: Iterable[QWidget]) -> bool:
    """One question for every window with unsaved changes (before the app closes them
    itself, as at "Đổi người dùng"): Lưu saves each (all must succeed), Không lưu lets them
    go, Quay lại keeps everything as it is."""
    dirty = [w for w in holders if isinstance(w, HoldsTyping) and w.has_unsaved_changes()]
    if not dirty:
        return True
    names = ", ".join(w.unsaved_name() for w in dirty)

    def save_each() -> bool:
        return all([w.save_unsaved_changes() for w in dirty])

    return settle(parent, names, save_each)


def holders_in(windows: Iterable[QWidget]) -> list[QWidget]:
    """The shown windows among ``windows``, and their shown pages, that hold typed changes
    (a window closed with «Không lưu» keeps its fields but is no longer shown)."""
    found: dict[int, QWidget] = {}
    for top in windows:
        if not top.isVisible():
            continue
        for w in (top, *top.findChildren(QWidget)):
            if isinstance(w, HoldsTyping) and w.window().isVisible():
                found.setdefault(id(w), w)
    return list(found.values())


class _AskBeforeClosing(QObject):
    """On its window: Esc asks, then closes; a close the window system sends asks and is
    refused when the person goes back. The app's own close() passes untouched."""

    def __init__(self, widget: QWidget, *, escape: bool) -> None:
        super().__init__(widget)
        self._widget = widget
        self._escape = escape

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._widget:
            return False
        if (
            self._escape
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            if may_close(self._widget):
                self._widget.close()  # not spontaneous: not asked again
            return True
        if (
            event.type() == QEvent.Type.Close
            and isinstance(event, QCloseEvent)
            and event.spontaneous()
            and not may_close(self._widget)
        ):
            event.ignore()
            return True
        return False


def ask_before_closing(widget: QWidget, *, escape: bool = True) -> None:
    """Install the question on a top-level ``widget`` holding typed changes (a
    :class:`HoldsTyping`); with ``escape`` Esc closes it too (after asking if need be)."""
    widget.installEventFilter(_AskBeforeClosing(widget, escape=escape))


def guard_window(window: QWidget) -> None:
    """Closing ``window`` with its X asks once about every unsaved change in it and in the
    windows opened from it (the settings page, case editors: when the main window closes
    the app ends, and they go with it). Installed once per window, by whichever part needs
    it first; Esc on the main window closes nothing."""
    if window.findChild(_WindowGuard, _WindowGuard.NAME) is None:
        window.installEventFilter(_WindowGuard(window))


class _WindowGuard(QObject):
    NAME = "unsaved_window_guard"

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName(self.NAME)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._window
            and event.type() == QEvent.Type.Close
            and isinstance(event, QCloseEvent)
            and event.spontaneous()
            and not settle_all(self._window, holders_in([self._window]))
        ):
            event.ignore()
            return True
        return False
