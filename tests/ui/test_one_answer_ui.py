"""The window says when a case is linked as the same PAKN and which case answers it: in the
letter window and in the case editor's panel."""

from __future__ import annotations

from dataclasses import replace

from accounts_fixture import staff_actor
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.ui.case_editor import CaseEditor
from pakn_desktop.ui.letters_ui import LetterDialog

FORM = IntakeForm(
    submitter_kind="citizen",
    submitter_name="Vũ Thị Nga",
    address="Xã Đắk Hà, tỉnh Quảng Ngãi",
    phone="0977123456",
    title="Chậm chi trả trợ cấp thất nghiệp",
    content="Tôi có quyết định hưởng trợ cấp thất nghiệp nhưng tháng thứ hai chậm 20 ngày.",
    channel="walk_in",
)


def answered(services: Services, form: IntakeForm) -> str:
    actor = staff_actor(services)
    code = services.cases.receive(form, actor).code
    for step in ("accept", "record_result", "publish_answer"):
        v = services.case_reads.get(code, actor).version
        if step == "accept":
            services.cases.accept(code, actor, official_id=actor.id, expected_version=v)
        elif step == "record_result":
            services.cases.record_result(code, "Đã đôn đốc chi trả.", actor, expected_version=v)
        else:
            services.cases.publish_answer(code, "Đã chi trả.", actor, expected_version=v)
    return code


def test_letter_window_and_editor_name_the_case_that_answers(
    qtbot: QtBot, services: Services
) -> None:
    actor = staff_actor(services)
    first = answered(services, FORM)
    second = services.cases.receive(replace(FORM, channel="email"), actor).code
    services.routing.link_repeat(actor, second, first)
    before = LetterDialog(services, actor, first, LetterKind.ANSWER)
    qtbot.addWidget(before)
    assert before.repeat_note.isVisibleTo(before)
    assert second in before.repeat_note.text() and "chỉ ban hành một" in before.repeat_note.text()
    letter = services.letters.issue(first, LetterKind.ANSWER, actor)
    dialog = LetterDialog(services, actor, second, LetterKind.ANSWER)
    qtbot.addWidget(dialog)
    note = dialog.repeat_note.text()
    assert dialog.repeat_note.isVisibleTo(dialog)
    assert f"PAKN {first} đã được trả lời" in note and letter.number_text in note
    # The answer is not offered for this case.
    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert "answer" not in kinds
    qtbot.waitUntil(lambda: dialog.op is None, timeout=15_000)
    editor = CaseEditor(services, actor, second)
    qtbot.addWidget(editor)
    editor.resize(1366, 768)
    editor.show()
    panel = editor.suggestion
    # The links are read on a worker after the head is shown (issue 24).
    qtbot.waitUntil(lambda: panel.isVisible() and panel.linked.isVisible(), timeout=5000)
    assert first in panel.linked.text() and letter.number_text in panel.linked.text()
    # A case linked with nothing keeps the panel out of the way past classification.
    alone = answered(services, replace(FORM, phone="0905000111"))
    other = CaseEditor(services, actor, alone)
    qtbot.addWidget(other)
    other.show()
    qtbot.waitUntil(lambda: other.suggestion.links_op is not None)
    qtbot.waitUntil(lambda: other.suggestion.links_op.finished)  # type: ignore[union-attr]
    assert not other.suggestion.isVisible()
