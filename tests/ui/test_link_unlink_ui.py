"""Linking two cases as the same PAKN from the editor's panel asks first (one answer letter
will go out for both; «Quay lại» the default, nothing linked), and a link made by mistake is
undone from the same panel by a head (asked too), the case closed by it reopened; the editor
shows the case as it then is. Real buttons pressed, the questions answered by their buttons."""

from __future__ import annotations

from dataclasses import replace

from accounts_fixture import staff_actor
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from test_one_answer_ui import FORM, answered

from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.services import Services
from pakn_desktop.ui.case_editor import CaseEditor


def answer_next_question(qtbot: QtBot, button: str, asked: list[str]) -> None:
    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look)
            return
        asked.append(box.text())
        assert box.defaultButton().text() == "Quay lại"
        (chosen,) = [b for b in box.buttons() if b.text() == button]
        qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, look)


def test_link_asks_first_and_a_head_unlinks_from_the_panel(
    qtbot: QtBot, services: Services
) -> None:
    actor = staff_actor(services)
    first = answered(services, FORM)
    services.letters.issue(first, LetterKind.ANSWER, actor)  # the answer went out
    second = services.cases.receive(replace(FORM, channel="email"), actor).code
    editor = CaseEditor(services, actor, second)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    panel = editor.suggestion
    qtbot.waitUntil(lambda: panel.link_button.isVisible(), timeout=15_000)
    asked: list[str] = []

    answer_next_question(qtbot, "Quay lại", asked)
    qtbot.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and first in asked[0] and second in asked[0]
    assert services.routing.links(actor, second) == []  # going back linked nothing

    answer_next_question(qtbot, "Liên kết", asked)
    qtbot.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)
    assert services.routing.links(actor, second) == [first]
    closed = services.case_reads.get(second, actor)
    assert str(closed.state) == "closed"  # answered with the first case's answer
    qtbot.waitUntil(lambda: str(editor.detail.state) == "closed", timeout=5_000)
    assert panel.unlink_button.isVisible() and not panel.link_button.isVisible()

    answer_next_question(qtbot, "Quay lại", asked)
    qtbot.mouseClick(panel.unlink_button, Qt.MouseButton.LeftButton)
    assert services.routing.links(actor, second) == [first]

    answer_next_question(qtbot, "Bỏ liên kết", asked)
    qtbot.mouseClick(panel.unlink_button, Qt.MouseButton.LeftButton)
    assert services.routing.links(actor, second) == []
    assert str(services.case_reads.get(second, actor).state) == "received"  # reopened
    qtbot.waitUntil(lambda: str(editor.detail.state) == "received", timeout=5_000)
    assert len(asked) == 4 and not panel.unlink_button.isVisible()


def test_a_case_linked_already_is_not_offered_the_same_link_again(
    qtbot: QtBot, services: Services
) -> None:
    """Both still open and linked: opened again, the editor suggests the earlier case as a
    possible repeat, says they are linked, and offers «Bỏ liên kết…», not a second link."""
    actor = staff_actor(services)
    first = services.cases.receive(FORM, actor).code
    second = services.cases.receive(replace(FORM, channel="email"), actor).code
    services.routing.link_repeat(actor, second, first)
    editor = CaseEditor(services, actor, second)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    panel = editor.suggestion
    qtbot.waitUntil(lambda: panel.suggestion is not None, timeout=15_000)
    assert panel.suggestion is not None and panel.suggestion.repeats[0].code == first
    assert panel.linked.isVisible() and panel.unlink_button.isVisible()
    assert not panel.link_button.isVisible()
