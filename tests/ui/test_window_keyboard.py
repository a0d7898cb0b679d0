"""Keyboard and text: no trap in the first-run wizard, the wizard only on an empty database,
no clipped text in the staff table, the history and the deadlines."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_first_run_province import open_wizard

from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.ui.case_editor import CaseEditor
from pakn_desktop.ui.settings import SettingsView


def test_wizard_text_boxes_let_the_keyboard_out(qtbot: QtBot, services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    # The administrator has logged in on an office not set up yet: the wizard starts at the
    # office details, without the page that makes the administrator.
    wizard = open_wizard(qtbot, services, admin)
    qtbot.keyClicks(wizard.province, "Quang Ngai")  # the office's province, without accents
    wizard.next()  # to "Đơn vị"
    assert wizard.currentPage().isAncestorOf(wizard.units)
    wizard.units.setFocus()
    before = wizard.units.toPlainText()
    qtbot.keyClick(wizard.units, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not wizard.units
    assert wizard.units.toPlainText() == before  # no tab character typed
    wizard.units.setFocus()
    qtbot.keyClick(wizard.units, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(wizard.units, Qt.Key.Key_Return)  # Enter: a new line for the next unit
    qtbot.keyClicks(wizard.units, "Phong Thanh tra")
    qtbot.keyClick(wizard.units, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert wizard.currentPage().isAncestorOf(wizard.people)  # Ctrl+Enter: next step
    wizard.people.setFocus()
    qtbot.keyClicks(wizard.people, "Le Thi Ha; lanh dao; Truong phong; Phong Thanh tra")
    qtbot.keyClick(wizard.people, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not services.office.needs_setup()
    assert "Phong Thanh tra" in [u.name for u in services.office.units()]


def test_no_wizard_on_a_database_filled_by_demo(services: Services) -> None:
    assert services.office.needs_setup()  # a fresh, empty database
    generate_demo(services, 3, seed=1)
    assert not services.office.needs_setup()


def test_staff_table_shows_whole_names_and_titles(qtbot: QtBot, services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    services.office.finish_setup(
        None,
        ["Phòng Lao động - Việc làm và Bảo hiểm xã hội"],
        [
            (
                "canbo01",
                "Nguyễn Thị Phương Thảo",
                services.office.users()[0].role,  # type: ignore[arg-type]
                "Phó Trưởng phòng phụ trách công tác tiếp nhận phản ánh",
                "Phòng Lao động - Việc làm và Bảo hiểm xã hội",
            )
        ],
        actor=admin,
        expected_version=services.office.settings_version(),
    )
    view = SettingsView(services, admin)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    table = view.people
    metrics = table.fontMetrics()
    for i in range(table.topLevelItemCount()):
        item = table.topLevelItem(i)
        assert item is not None
        for col in range(table.columnCount()):
            assert table.columnWidth(col) >= metrics.horizontalAdvance(item.text(col)), item.text(
                col
            )


def test_history_wraps_long_entries_instead_of_cutting_them(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor
) -> None:
    form = IntakeForm(
        "citizen",
        "Nguyễn Văn An",
        "Số 1 phố Huế, Hà Nội",
        "0912345678",
        "",
        "Đường hỏng",
        "Đường hỏng nặng",
        "phone",
        "",
    )
    case = services.cases.receive(form, actor)
    long_reason = "Nội dung là khiếu nại về quyết định hành chính, " * 6
    services.cases.reject(case.code, long_reason, actor, expected_version=case.version)
    editor = CaseEditor(services, actor, case.code)
    qtbot.addWidget(editor)
    editor.resize(1100, 700)
    editor.show()
    qtbot.waitUntil(lambda: editor.detail.complete)  # the history is read on a worker
    history = editor.history
    history.parentWidget().parentWidget().setCurrentWidget(history)  # the History tab
    QApplication.processEvents()
    assert history.horizontalScrollBar().maximum() == 0  # nothing beyond the right edge
    short, long = (history.topLevelItem(i) for i in range(2))
    assert short is not None and long is not None
    assert history.visualItemRect(long).height() > history.visualItemRect(short).height()
    deadlines = editor.deadlines
    deadlines.parentWidget().parentWidget().setCurrentWidget(deadlines)
    QApplication.processEvents()
    assert deadlines.horizontalScrollBar().maximum() == 0
    metrics = deadlines.fontMetrics()
    for i in range(deadlines.topLevelItemCount()):
        item = deadlines.topLevelItem(i)
        assert item is not None
        assert deadlines.columnWidth(1) >= metrics.horizontalAdvance(item.text(1))


def _tab_walk(qtbot: QtBot, start, steps: int) -> list:  # type: ignore[no-untyped-def]
    start.setFocus()
    seen = [QApplication.focusWidget()]
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def _tab_stops(root) -> set:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QWidget,
    )

    out = set()
    for w in root.findChildren(QWidget):
        if (
            isinstance(
                w, QAbstractButton | QAbstractSpinBox | QComboBox | QLineEdit | QPlainTextEdit
            )
            and w.isVisibleTo(root)
            and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not (
                isinstance(w, QLineEdit) and isinstance(w.parent(), QComboBox | QAbstractSpinBox)
            )
        ):
            out.add(w)
    return out


def test_tab_reaches_every_control_of_the_intake_and_editor_without_a_trap(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, actor
) -> None:
    from pakn_desktop.ui.main_window import MainWindow

    window = MainWindow(services, actor, auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    form = window.intake
    walk = _tab_walk(qtbot, form.fields.channel, 60)
    for a, b in itertools.pairwise(walk):
        assert a is not b, f"Tab stuck on {type(a).__name__}"
    missing = {
        type(w).__name__ + ":" + getattr(w, "text", lambda: "")() for w in _tab_stops(form)
    } - {type(w).__name__ + ":" + getattr(w, "text", lambda: "")() for w in walk}
    assert not missing, missing

    case = services.cases.receive(
        IntakeForm(
            "citizen",
            "Nguyễn Văn An",
            "Số 1 phố Huế",
            "0912345678",
            "",
            "Đường",
            "Hỏng",
            "phone",
            "",
        ),
        actor,
    )
    editor = window.open_case(case.code)
    qtbot.addWidget(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=3000)
    walk = _tab_walk(qtbot, editor.fields.channel, 80)
    for a, b in itertools.pairwise(walk):
        assert a is not b, f"Tab stuck on {type(a).__name__}"
    missing_editor = _tab_stops(editor) - set(walk)
    assert not missing_editor, [
        type(w).__name__ + ":" + getattr(w, "text", lambda: "")() for w in missing_editor
    ]
