"""Opening a case shows its head first and fills the rest from a worker (issue 24): the
history and attachments say «Đang đọc…» until their read comes, an answer read before an action
changed the case is dropped, and the actions' buttons are the table's (ui/case_actions)."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.enums import CaseState
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.domain.workflow import Action, allowed_actions
from pakn_desktop.services import Services
from pakn_desktop.services.editor_reads import EditorReads
from pakn_desktop.services.views import Actor, CaseDetail
from pakn_desktop.ui.case_actions import ACTIONS, translated
from pakn_desktop.ui.case_editor import CaseEditor
from pakn_desktop.ui.statistics import StatisticsView

FORM = IntakeForm(
    submitter_kind="citizen",
    submitter_name="Nguyễn Văn An",
    address="Số 12 đường Trần Hưng Đạo, phường Kon Tum, tỉnh Quảng Ngãi",
    phone="0912 345 678",
    email="",
    title="Chậm cấp giấy xác nhận",
    content="Hồ sơ nộp từ tháng 3 đến nay chưa được giải quyết.",
    channel="phone",
    topic="",
)


class HeldReads(EditorReads):
    """The real reads; ``rest`` waits, once it has read, until the test lets it answer."""

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.read = threading.Event()
        self.release = threading.Event()

    def rest(self, code: str, actor: Actor) -> CaseDetail:
        detail = super().rest(code, actor)
        self.read.set()
        self.release.wait(10)
        return detail


def opened(qtbot: QtBot, services: Services, actor: Actor, code: str) -> CaseEditor:
    editor = CaseEditor(services, actor, code)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_the_head_shows_first_and_the_rest_comes_after(
    qtbot: QtBot, services: Services, actor: Actor
) -> None:
    case = services.cases.receive(FORM, actor, attachments=[("don.pdf", b"%PDF-1.4 x")])
    editor = CaseEditor(services, actor, case.code)
    qtbot.addWidget(editor)
    # Before any event is handled: the fields and the header, placeholders for the rest.
    assert not editor.detail.complete and case.code in editor.header.text()
    assert editor.fields.form().submitter_name == "Nguyễn Văn An"
    assert editor.deadlines.topLevelItemCount() == len(case.deadlines)
    loading = QCoreApplication.translate("CaseEditor", "Loading…")
    assert loading == "Đang đọc…"
    history_line = editor.history.topLevelItem(0)
    assert history_line is not None and history_line.text(2) == loading
    assert editor.attachments.item(0).text() == loading
    editor.show()
    qtbot.waitUntil(lambda: editor.detail.complete)
    whole = services.case_reads.get(case.code, actor)
    assert editor.history.topLevelItemCount() == len(whole.events)
    assert editor.attachments.count() == 1 and editor.attachments.item(0).text().startswith(
        "don.pdf"
    )
    first_stage = editor.deadlines.topLevelItem(0)
    assert first_stage is not None and first_stage.childCount() == len(whole.deadlines[0].skipped)


def test_an_answer_read_before_an_action_is_dropped(
    qtbot: QtBot, services: Services, actor: Actor
) -> None:
    case = services.cases.receive(FORM, actor)
    editor = CaseEditor(services, actor, case.code)
    qtbot.addWidget(editor)
    held = HeldReads(services)
    editor._reads = held  # before the read on a worker starts (after the first event turn)
    editor.show()
    qtbot.waitUntil(held.read.is_set)  # the worker has read the case as received
    op = editor.rest_op
    assert op is not None
    assert editor.do_action(Action.ACCEPT)  # the person accepts meanwhile
    accepted = editor.detail
    assert accepted.state is CaseState.IN_PROGRESS and accepted.complete
    held.release.set()
    qtbot.waitUntil(lambda: op.finished)
    qtbot.wait(50)  # the answer's delivery, had it been taken
    assert editor.detail is accepted  # the older answer did not come back over it
    assert CaseState.IN_PROGRESS.label in editor.header.text()
    assert editor.history.topLevelItemCount() == len(accepted.events)


def test_the_buttons_are_the_table_s(
    qtbot: QtBot, services: Services, actor: Actor, head: Actor
) -> None:
    case = services.cases.receive(FORM, actor)
    editor = opened(qtbot, services, head, case.code)
    assert list(editor.buttons) == [a.action for a in ACTIONS]
    assert {a.action for a in ACTIONS} == set(Action) - {Action.EDIT}
    for spec in ACTIONS:
        button = editor.buttons[spec.action]
        assert button.text() == translated(spec.label)
        assert button.shortcut().toString() == spec.shortcut
        # Enabled as the workflow's state and the head's roles say.
        expected = spec.action in allowed_actions(CaseState.RECEIVED) and services.guard.may(
            head, spec.action, None
        )
        assert button.isEnabled() == expected, spec.action
    assert editor.buttons[Action.ACCEPT].text() == "Tiếp nhận, tham mưu xử lý"


def test_a_shortcut_of_the_table_runs_its_action(
    qtbot: QtBot, services: Services, actor: Actor, head: Actor
) -> None:
    case = services.cases.receive(FORM, actor)
    editor = opened(qtbot, services, head, case.code)
    qtbot.waitUntil(lambda: editor.detail.complete)
    editor.activateWindow()
    qtbot.waitUntil(lambda: editor.isActiveWindow())
    accept = next(a for a in ACTIONS if a.action is Action.ACCEPT)
    assert accept.shortcut == "Alt+4"
    qtbot.keyClick(editor, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    # A button's shortcut presses it as a click does, after its short animation.
    qtbot.waitUntil(lambda: editor.detail.state is CaseState.IN_PROGRESS)
    assert services.case_reads.get(case.code, head).state is CaseState.IN_PROGRESS
    assert editor.detail.state is CaseState.IN_PROGRESS


def test_an_official_sees_only_what_the_roles_allow(
    qtbot: QtBot, services: Services, actor: Actor, head: Actor, official_actor: Actor
) -> None:
    case = services.cases.receive(FORM, actor)
    case = services.cases.accept(
        case.code, head, official_id=official_actor.id, expected_version=case.version
    )
    editor = opened(qtbot, services, official_actor, case.code)
    enabled = {a for a, b in editor.buttons.items() if b.isEnabled()}
    # Accepted and assigned to them: progress and result are theirs; classifying is a head's.
    assert {Action.POST_PROGRESS, Action.RECORD_RESULT} <= enabled
    assert not enabled & {Action.ACCEPT, Action.REJECT, Action.ASSIGN, Action.CLOSE}


def test_the_statistics_page_shows_before_its_figures(
    qtbot: QtBot, services: Services, actor: Actor, head: Actor
) -> None:
    services.cases.receive(FORM, actor)
    view = StatisticsView(services, head)
    qtbot.addWidget(view)
    first = view.today.topLevelItem(0)
    assert first is not None and first.text(0) == "Đang đọc…"  # before the read's answer
    assert view.today_op is not None
    qtbot.waitUntil(lambda: view.today_op is None)
    shown: Any = {view.today.topLevelItem(i).text(0) for i in range(view.today.topLevelItemCount())}  # type: ignore[union-attr]
    assert "Đang đọc…" not in shown
    assert view.today.topLevelItemCount() == len(
        {it.official for it in services.statistics.today(head)}
    )
