"""Window sizes that fit the screen: every window and dialog opens no larger than the screen
it is on (1366×768, the commonest office laptop, also at 125 % scaling), remembers the size the
person gave it, and never comes back larger than the screen or off it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QWidget

# Room for the title bar and the window frame, which the geometry of a widget leaves out.
FRAME_W = 16
FRAME_H = 40


def available(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_size(widget: QWidget, preferred: QSize) -> QSize:
    """``preferred`` shrunk to the screen, never below what the widget needs if that fits."""
    room = available(widget)
    width = min(preferred.width(), room.width() - FRAME_W)
    height = min(preferred.height(), room.height() - FRAME_H)
    return QSize(max(width, 200), max(height, 150))


def clamp_to_screen(widget: QWidget) -> None:
    """Shrink and move a window so that all of it, frame included, is on its screen."""
    room = available(widget)
    size = widget.size().boundedTo(QSize(room.width() - FRAME_W, room.height() - FRAME_H))
    if size != widget.size():
        widget.resize(size)
    x = min(max(widget.x(), room.left()), room.right() - size.width() - FRAME_W + 1)
    y = min(max(widget.y(), room.top()), room.bottom() - size.height() - FRAME_H + 1)
    if (x, y) != (widget.x(), widget.y()):
        widget.move(max(x, room.left()), max(y, room.top()))


class _Remember(QObject):
    """Writes a window's geometry when it is hidden or closed."""

    def __init__(self, widget: QWidget, key: str) -> None:
        super().__init__(widget)
        self._key = key

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Hide, QEvent.Type.Close) and isinstance(watched, QWidget):
            QSettings().setValue(f"{self._key}/geometry", watched.saveGeometry())
        return False


def remember_size(widget: QWidget, key: str, preferred: QSize) -> None:
    """Give ``widget`` its remembered geometry, or ``preferred`` fitted to the screen, and
    remember it again when it closes. ``key`` names the window in the settings."""
    saved = QSettings().value(f"{key}/geometry")
    restored = False
    if saved is not None:
        try:
            restored = bool(widget.restoreGeometry(saved))
        except (TypeError, ValueError):
            restored = False
    if not restored:
        widget.resize(fit_size(widget, preferred))
    clamp_to_screen(widget)
    widget.installEventFilter(_Remember(widget, key))


class _EscapeCloses(QObject):
    """Closes its window on an Esc that nothing inside took (an open editor, a search box
    that clears itself, a menu take theirs first)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and isinstance(watched, QWidget)
        ):
            watched.close()
            return True
        return False


def close_on_escape(widget: QWidget) -> None:
    """Esc closes a window that holds nothing typed (a list, a log), as a dialog does."""
    widget.installEventFilter(_EscapeCloses(widget))
