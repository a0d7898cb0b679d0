"""The wheel rule (ui/wheel_guard.py): a wheel over a date/time, combo, spin box or slider that
has no focus changes nothing and scrolls the form instead; with focus it changes the field."""

from __future__ import annotations

from accounts_fixture import staff_actor
from builders import NGA, a_form
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pakn_desktop.services import Services
from pakn_desktop.ui.case_editor import CaseEditor
from pakn_desktop.ui.intake import IntakeForm_
from pakn_desktop.ui.wheel_guard import WheelGuard, install_wheel_guard

FORM = a_form(**NGA, title="Hỏi chế độ trợ cấp", content="Nội dung hỏi về chế độ.")


def wheel(widget: QWidget, notches: int = -1) -> None:
    """One turn of the wheel with the pointer over the middle of ``widget``. (Qt passes a
    wheel up from the child under the pointer only when it came from the system, so it is
    given to the input itself, where it would have arrived.)"""
    point = QPointF(widget.rect().center())
    event = QWheelEvent(
        point,
        widget.mapToGlobal(point),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_guard_is_installed_once_on_the_application(qapp: QApplication) -> None:
    guard = install_wheel_guard(qapp)
    assert isinstance(guard, WheelGuard) and install_wheel_guard(qapp) is guard


def test_unfocused_inputs_ignore_the_wheel_and_the_form_scrolls(qtbot: QtBot) -> None:
    inside = QWidget()
    layout = QVBoxLayout(inside)
    spin, date, combo, slider = QSpinBox(), QDateEdit(), QComboBox(), QSlider()
    spin.setValue(5)
    combo.addItems(["một", "hai", "ba"])
    combo.setCurrentIndex(1)
    slider.setValue(50)
    for w in (spin, date, combo, slider):
        layout.addWidget(w)
        layout.addSpacing(400)
    area = QScrollArea()
    area.setWidget(inside)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    start = date.date()
    bar = area.verticalScrollBar()
    for w in (spin, date, combo, slider):
        area.ensureWidgetVisible(w)
        before = bar.value()
        wheel(w, -1)
        assert (spin.value(), date.date(), combo.currentIndex(), slider.value()) == (
            5,
            start,
            1,
            50,
        ), type(w).__name__
        assert bar.value() > before or bar.value() == bar.maximum(), type(w).__name__
    # With focus the wheel works as always.
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin, 1)
    assert spin.value() == 6


def test_a_wheel_over_the_unfocused_receipt_time_of_the_intake_form_changes_nothing(
    qtbot: QtBot, services: Services
) -> None:
    form = IntakeForm_(services, staff_actor(services))
    qtbot.addWidget(form)
    form.resize(1000, 420)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=3000)
    form.fields.submitter_name.setFocus()
    qtbot.waitUntil(form.fields.submitter_name.hasFocus)
    received = form.received.dateTime()
    bar = form.fields_scroll.verticalScrollBar()
    assert bar.maximum() > 0  # the form scrolls at this size
    before = bar.value()
    for _ in range(3):
        wheel(form.received, -1)
    assert form.received.dateTime() == received
    assert bar.value() > before
    # Clicked into, the field takes the wheel.
    qtbot.mouseClick(form.received, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(form.received.hasFocus)
    wheel(form.received, -1)
    assert form.received.dateTime() != received


def test_a_wheel_over_an_unfocused_box_of_the_case_editor_changes_nothing(
    qtbot: QtBot, services: Services
) -> None:
    actor = staff_actor(services)
    code = services.cases.receive(FORM, actor).code
    editor = CaseEditor(services, actor, code)
    qtbot.addWidget(editor)
    editor.resize(1000, 420)
    editor.show()
    qtbot.waitExposed(editor)
    boxes = [
        b
        for b in editor.fields.findChildren(QComboBox)
        if b.isVisible() and b.isEnabled() and b.count() > 1
    ]
    assert {editor.fields.channel, editor.fields.kind} <= set(boxes)
    chosen = [b.currentIndex() for b in boxes]
    for box in boxes:
        wheel(box, -1 if box.currentIndex() == 0 else 1)  # towards another item
    assert [b.currentIndex() for b in boxes] == chosen
    assert QApplication.focusWidget() not in boxes
    assert not editor.fields_message.text()
