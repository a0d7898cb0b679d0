"""One rule for the mouse wheel, for the whole application: it never changes an input the
person is not working in. A wheel over a date, time, number, combo box or slider without focus
scrolls what holds it (the form's scroll area) instead; once the field has focus (clicked or
reached with Tab) the wheel changes it as usual. A wheel turned while reading a long form once
moved a receipt date by a day, and the case was saved with it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

_GUARD_PROPERTY = "pakn_wheel_guard"


def is_guarded_input(widget: QObject) -> bool:
    """Inputs a wheel would change: spin boxes and date/time edits, combo boxes, sliders
    (a scroll bar is for scrolling and keeps the wheel)."""
    if isinstance(widget, QScrollBar):
        return False
    return isinstance(widget, (QAbstractSpinBox, QComboBox, QAbstractSlider))


def _has_focus(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


class WheelGuard(QObject):
    """The application's event filter that turns away a wheel from unfocused inputs."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and is_guarded_input(watched)
            and not _has_focus(watched)
        ):
            assert isinstance(event, QWheelEvent)
            self._scroll_parent(watched, event)
            return True  # the input never sees it
        return False

    @staticmethod
    def _scroll_parent(widget: QWidget, event: QWheelEvent) -> None:
        """Offer the wheel to the widget's parents in turn, as Qt passes an ignored wheel up,
        until one takes it (the scroll area's viewport, which scrolls). Qt does not pass up
        an event sent from here, hence the walk."""
        parent = widget.parentWidget()
        while parent is not None:
            position = widget.mapTo(parent, event.position())
            offered = QWheelEvent(
                position,
                event.globalPosition(),
                event.pixelDelta(),
                event.angleDelta(),
                event.buttons(),
                event.modifiers(),
                event.phase(),
                event.inverted(),
                event.source(),
                event.pointingDevice(),
            )
            if QCoreApplication.sendEvent(parent, offered) and offered.isAccepted():
                return
            if parent.isWindow():
                return
            parent = parent.parentWidget()


def install_wheel_guard(app: QCoreApplication) -> WheelGuard:
    """Install the guard once on ``app`` (the application, and the tests' QApplication)."""
    existing = app.property(_GUARD_PROPERTY)
    if isinstance(existing, WheelGuard):
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    app.setProperty(_GUARD_PROPERTY, guard)
    return guard
