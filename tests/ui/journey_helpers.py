"""What the role journeys share (tests/ui/test_journeys.py): logging in through the real log-in
dialog, pressing buttons, menu entries and shortcuts, answering the modal dialogs a press
opens, screenshots of each step, and the registry of every button and action the journeys
could have pressed and did press.

Modal dialogs: a click that opens a dialog with ``exec()`` blocks until it is answered, so a
journey says beforehand how to answer the dialog it expects (``Journey.expect``). Any
``QMessageBox`` nobody expected (a confirmation added before issuing a letter, assigning,
deactivating an account; an "unsaved changes?" question) is answered with its affirmative
button and its text recorded in ``Journey.questions``, so an added confirmation does not break
a journey and a test can still say which questions were asked.

The registry: an application event filter hooks ``QAbstractButton.clicked`` and
``QAction.triggered`` of every push button and action of every window as it is shown, and
``Registry.snapshot`` (taken at each step of a journey) lists those a person could press at
that moment: visible, enabled and connected to something of the application. Buttons and
actions of Qt's own dialogs (message boxes, file and print dialogs, progress dialogs) and
Qt's internal actions are not the application's wiring and are left out; so are the plain
OK/Cancel buttons of a ``QDialogButtonBox`` that nothing but the box listens to."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cups_printer import CupsPrinter, PrintedJob, pdf_info
from PySide6.QtCore import SIGNAL, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QColorDialog,
    QDialogButtonBox,
    QFileDialog,
    QFontDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor
from pakn_desktop.ui.login import LoginDialog, Session
from pakn_desktop.ui.main_window import MainWindow

SCREEN = (1366, 768)
# Qt's own dialogs: their buttons are Qt's wiring, not the application's.
QT_DIALOGS = (
    QMessageBox,
    QFileDialog,
    QPrintDialog,
    QProgressDialog,
    QInputDialog,
    QColorDialog,
    QFontDialog,
)
# Affirmative roles of a message box, the most affirmative first.
AFFIRMATIVE = (
    QMessageBox.ButtonRole.AcceptRole,
    QMessageBox.ButtonRole.YesRole,
    QMessageBox.ButtonRole.ApplyRole,
    QMessageBox.ButtonRole.DestructiveRole,
)


# --- the registry of what could be pressed and what was ------------------------------------
def _in_qt_dialog(w: QWidget) -> bool:
    p: QWidget | None = w
    while p is not None:
        if isinstance(p, QT_DIALOGS):
            return True
        p = p.parentWidget()
    return False


def _owner_of(obj: QObject) -> QObject | None:
    """The application's object that holds ``obj`` (the page, dialog or window)."""
    p = obj.parent()
    while p is not None:
        if type(p).__module__.startswith("pakn_desktop.ui"):
            return p
        p = p.parent()
    return None


def _text(obj: QAbstractButton | QAction) -> str:
    text = obj.text().replace("&", "")
    if not text and isinstance(obj, QAction):
        text = obj.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
    return text


def key_of(obj: QAbstractButton | QAction) -> str:
    """How a button or action is named in the registry: its owner and its text (or shortcut),
    numbered when its owner has several with that text, as found when it was first shown (a
    button that changes its text keeps its key)."""
    known = obj.property("journey_key")
    if known:
        return str(known)
    owner = _owner_of(obj)
    key = f"{type(owner).__name__ if owner is not None else '?'} · {_text(obj)}"
    if owner is not None:
        same = [o for o in owner.findChildren(type(obj)) if _text(o) == _text(obj)]
        if len(same) > 1 and obj in same:
            key += f" ({same.index(obj) + 1})"
    return key


def _connected(obj: QAbstractButton | QAction) -> bool:
    if isinstance(obj, QAction):
        n = obj.receivers(SIGNAL("triggered(bool)"))
    else:
        n = obj.receivers(SIGNAL("clicked(bool)"))
    if obj.property("journey_key"):
        n -= 1  # our own hook
    # A QDialogButtonBox listens to each of its buttons itself.
    if isinstance(obj, QAbstractButton) and isinstance(obj.parent(), QDialogButtonBox):
        n -= 1
    return n > 0


def _action_reachable(action: QAction) -> bool:
    """Whether a person can reach ``action`` now: in a shown widget (a shortcut), or in a
    menu whose entry can be reached."""
    if not (action.isVisible() and action.isEnabled()):
        return False
    for obj in action.associatedObjects():
        if isinstance(obj, QMenu):
            entry = obj.menuAction()
            if entry is not action and _action_reachable(entry):
                return True
        elif isinstance(obj, QWidget) and not isinstance(obj, QMenu):
            if obj.isVisible() and not action.shortcut().isEmpty():
                return True
            if obj.isVisible() and type(obj).__name__ == "QMenuBar":
                return True
    return False


@dataclass
class Registry:
    """Every button and action seen pressable during the journeys, and those pressed, by
    key; with the role and step where each was first seen."""

    seen: dict[str, str] = field(default_factory=dict)
    pressed: set[str] = field(default_factory=set)
    journeys: set[str] = field(default_factory=set)

    def hook(self, obj: QAbstractButton | QAction) -> None:
        if obj.property("journey_key") or not isValid(obj):
            return
        key = key_of(obj)
        obj.setProperty("journey_key", key)
        signal = obj.triggered if isinstance(obj, QAction) else obj.clicked
        signal.connect(lambda *_a, k=key: self.pressed.add(k))

    def hook_window(self, window: QWidget) -> None:
        if _in_qt_dialog(window):
            return
        for b in window.findChildren(QPushButton):
            if not _in_qt_dialog(b):
                self.hook(b)
        for a in window.findChildren(QAction):
            if not a.objectName().startswith("_q_"):
                self.hook(a)

    def snapshot(self, where: str) -> list[str]:
        """Note every button and action a person could press now, in every window shown."""
        found = []
        for top in QApplication.topLevelWidgets():
            if not isValid(top) or not top.isVisible() or isinstance(top, QMenu):
                continue
            if _in_qt_dialog(top):
                continue
            self.hook_window(top)
            for b in top.findChildren(QPushButton):
                if b.isVisible() and b.isEnabled() and not _in_qt_dialog(b) and _connected(b):
                    found.append(key_of(b))
            for a in top.findChildren(QAction):
                if (
                    not a.objectName().startswith("_q_")
                    and not a.isSeparator()
                    and a.menu() is None  # a menu's own entry opens the menu: not an action
                    and a.property("journey_key")
                    and _connected(a)
                    and _action_reachable(a)
                ):
                    found.append(key_of(a))
        for key in found:
            self.seen.setdefault(key, where)
        return found


class ShowHook(QObject):
    """Hooks the buttons and actions of every window, and every button, as it is shown."""

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            if isinstance(watched, QPushButton) and not _in_qt_dialog(watched):
                self.registry.hook(watched)
            elif watched.isWindow() and not isinstance(watched, QMenu):
                self.registry.hook_window(watched)
        return False


# --- answering modal dialogs ---------------------------------------------------------------
@dataclass
class Expected:
    kind: type[QWidget]
    act: Callable[[Any], None]


@dataclass(frozen=True)
class Question:
    where: str
    title: str
    text: str
    answer: str


def affirmative(box: QMessageBox) -> QAbstractButton | None:
    for role in AFFIRMATIVE:
        for b in box.buttons():
            if box.buttonRole(b) == role:
                return b
    return box.defaultButton() or (box.buttons()[0] if box.buttons() else None)


class Journey:
    """One role's journey: its window, its dialogs answered, its steps photographed."""

    def __init__(self, qtbot: QtBot, registry: Registry, role: str) -> None:
        self.qtbot = qtbot
        self.registry = registry
        self.role = role
        self.step_name = "start"
        self.expected: list[Expected] = []
        self.questions: list[Question] = []
        self.unexpected: list[str] = []
        self.esc_ignored: list[str] = []  # windows Esc did not close
        self.window: MainWindow | None = None
        self._timer = QTimer()
        self._timer.setInterval(30)
        self._timer.timeout.connect(self._poll)
        self._timer.start()
        shots = os.environ.get("PAKN_SCREENSHOTS", "").strip()
        self.shots = Path(shots) if shots else None

    def stop(self) -> None:
        self._timer.stop()

    # modal dialogs -------------------------------------------------------------------
    def expect(self, kind: type[QWidget], act: Callable[[Any], None]) -> None:
        """Answer the next modal dialog of ``kind`` with ``act`` (set before the press)."""
        self.expected.append(Expected(kind, act))

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible() or modal.property("journey_answered"):
            return
        if self.expected and isinstance(modal, self.expected[0].kind):
            modal.setProperty("journey_answered", True)
            expected = self.expected.pop(0)
            QTimer.singleShot(0, lambda: expected.act(modal))
            return
        if isinstance(modal, QMessageBox):
            button = affirmative(modal)
            modal.setProperty("journey_answered", True)
            self.questions.append(
                Question(
                    self.step_name,
                    modal.windowTitle(),
                    modal.text(),
                    button.text() if button is not None else "",
                )
            )
            if button is not None:
                QTimer.singleShot(0, button.click)
            return
        if isinstance(modal, QProgressDialog):
            return  # an operation's progress: it goes when the work is done
        note = f"{self.step_name}: {type(modal).__name__} «{modal.windowTitle()}»"
        if note not in self.unexpected:
            self.unexpected.append(note)

    def settle(self, until: Callable[[], bool] | None = None, timeout: int = 60_000) -> None:
        """Wait until every expected dialog was answered, no modal dialog is open, and
        ``until`` holds."""

        def done() -> bool:
            if self.expected:
                return False
            modal = QApplication.activeModalWidget()
            if modal is not None and modal.isVisible():
                return False
            return until is None or bool(until())

        try:
            self.qtbot.waitUntil(done, timeout=timeout)
        except Exception as exc:
            raise AssertionError(
                f"{self.role} / {self.step_name}: still waiting; expected {self.expected}, "
                f"modal {QApplication.activeModalWidget()}, unexpected {self.unexpected}"
            ) from exc

    # pressing --------------------------------------------------------------------------
    def click(self, button: QAbstractButton, until: Callable[[], bool] | None = None) -> None:
        assert button.isVisible() and button.isEnabled(), (self.step_name, button.text())
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.settle(until)

    def key(
        self,
        widget: QWidget,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        until: Callable[[], bool] | None = None,
    ) -> None:
        self.qtbot.keyClick(widget, key, modifier)
        self.settle(until)

    def trigger(self, action: QAction, until: Callable[[], bool] | None = None) -> None:
        assert _action_reachable(action), (self.step_name, action.text())
        action.trigger()
        self.settle(until)

    def menu(self, *path: str) -> QAction:
        """The menu entry ``path`` of the window's menu bar, by its shown text ("&" left out)."""
        assert self.window is not None
        actions: Iterable[QAction] = self.window.menuBar().actions()
        found: QAction | None = None
        for name in path:
            found = next((a for a in actions if a.text().replace("&", "") == name), None)
            assert found is not None, (name, [a.text() for a in actions])
            if found.menu() is not None:
                actions = found.menu().actions()  # type: ignore[union-attr]
        assert found is not None
        return found

    def entry(self, text: str) -> QAction:
        """The entry of the window's menus whose text starts with ``text``."""
        assert self.window is not None
        menus = [a.menu() for a in self.window.menuBar().actions() if a.menu() is not None]
        entries = [a for m in menus for a in m.actions()]  # type: ignore[union-attr]
        for a in entries:
            if a.text().replace("&", "").startswith(text):
                return a
        raise AssertionError(f"no menu entry «{text}»: {[a.text() for a in entries]}")

    def page(self, n: int) -> QWidget:
        """Ctrl+n: the window's n-th page, as a person changes page."""
        assert self.window is not None
        self.bring_to_front(self.window)
        self.key(self.window, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.ControlModifier)
        assert self.window.nav.currentRow() == n - 1
        return self.window.stack.currentWidget()

    def bring_to_front(self, window: QWidget) -> None:
        """The window in front and active, as a person's click on it makes it."""
        self.settle()

        def active() -> bool:
            if QApplication.activeWindow() is not window:
                window.raise_()
                window.activateWindow()
            return QApplication.activeWindow() is window

        self.qtbot.waitUntil(active, timeout=10_000)

    def double_click_row(self, table: QTableView, row: int) -> None:
        rect = table.visualRect(table.model().index(row, 0))
        self.qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        self.settle()

    def double_click_item(self, tree: QTreeWidget, item: QTreeWidgetItem) -> None:
        tree.scrollToItem(item)
        rect = tree.visualItemRect(item)
        point = QPoint(rect.left() + 40, rect.center().y())
        self.qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
        self.qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
        self.settle()

    # steps ------------------------------------------------------------------------------
    def step(self, name: str, shown: QWidget | None = None) -> None:
        """A main step: what could be pressed is noted, and with PAKN_SCREENSHOTS=dir the
        window in front is saved as dir/journey-<role>-<name>.png."""
        self.step_name = name
        self.qtbot.wait(50)
        self.registry.snapshot(f"{self.role}: {name}")
        if self.shots is None:
            return
        # The window the step shows (a page: the main window), at a 1366×768 screen's size.
        target = (shown or self.window).window()  # type: ignore[union-attr]
        target.resize(*SCREEN)
        self.qtbot.wait(100)
        self.shots.mkdir(parents=True, exist_ok=True)
        assert target.grab().save(
            str(self.shots / f"journey-{self.role.replace('_', '-')}-{name}.png")
        )

    # logging in --------------------------------------------------------------------------
    def log_in(self, services: Services, username: str, password: str) -> MainWindow:
        """The log-in dialog, typed and pressed; then the window as the app opens it
        (``ui.app.run``: the main window with its session)."""
        dialog = LoginDialog(services)
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.qtbot.keyClicks(dialog.username, username)
        self.qtbot.keyClicks(dialog.password, password)
        self.click(dialog.ok)
        assert dialog.actor is not None, dialog.message.text()
        return self.open_window(services, dialog.actor)

    def open_window(self, services: Services, who: Actor) -> MainWindow:
        # The daily automatic copy is left out: it would race the journey's own backup.
        window = MainWindow(services, who, auto_backup=False)
        window.session = Session(  # type: ignore[attr-defined]
            window, services, who, lambda other: self.open_window(services, other)
        )
        self.qtbot.addWidget(window)
        window.resize(*SCREEN)
        window.show()
        self.qtbot.waitExposed(window)
        self.window = window
        return window


def wait_idle(qtbot: QtBot, widget: QWidget, timeout: int = 60_000) -> None:
    """Until the widget's background operation (``op``) is done."""
    qtbot.waitUntil(lambda: getattr(widget, "op", None) is None, timeout=timeout)


def top_level(kind: type[QWidget], where: Callable[[Any], bool] = lambda _w: True) -> Any:
    """The shown top-level window of ``kind`` (the newest if several)."""
    found = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, kind) and isValid(w) and w.isVisible() and where(w)
    ]
    return found[-1] if found else None


def button(parent: QWidget, text: str) -> QPushButton:
    """The shown push button of ``parent`` whose text starts with ``text`` ("&" left out)."""
    shown = [b for b in parent.findChildren(QPushButton) if b.isVisible()]
    for b in shown:
        if b.text().replace("&", "").startswith(text):
            return b
    raise AssertionError(f"no button «{text}»: {[b.text() for b in shown]}")


def wait_for_print(
    printer: CupsPrinter, before: tuple[set[str], set[Path]], title: str, timeout: float = 90
) -> PrintedJob:
    """The job named ``title`` (or starting with it) that arrived on the CUPS printer since
    ``before``: by its name, since other jobs may reach the same queue meanwhile."""
    deadline = time.monotonic() + timeout
    while True:
        _jobs, files = printer.new_jobs(before)
        for path in sorted(files):
            info = pdf_info(path)
            name = info.get("Title", "").strip("()")
            if name.startswith(title) and info.get("Pages"):
                return PrintedJob("", path, name, int(info["Pages"]))
        if time.monotonic() > deadline:
            raise AssertionError(f"no job «{title}» on {printer.name}: {sorted(files)}")
        QApplication.processEvents()
        time.sleep(0.25)
