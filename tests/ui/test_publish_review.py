"""The review before publishing, driven with the real buttons: the head selects an answered
PAKN, opens the side-by-side review, sees what the gate masked, masks more by selecting words
and restores a wrongly masked one; saving records the choice in the history and the next
export applies it."""

from __future__ import annotations

import json
from pathlib import Path

from accounts_fixture import staff_actor
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services.publish import JSON_NAME
from pakn_desktop.ui.publish_review import PublishReviewDialog
from pakn_desktop.ui.publish_ui import PublishDialog

CONTENT = (
    "Tôi là Nguyễn Văn Bình, nhà ở số nhà 25, ngõ 10, phố Hàng Bông. Chị Lan ở xưởng "
    "Hoa Mai cũng bị nợ lương."
)
ANSWER = "Sở đã làm việc với xưởng Hoa Mai; chị Lan đã nhận đủ lương."


def answered(services: Services) -> str:
    actor = staff_actor(services)
    case = services.cases.receive(
        IntakeForm(
            submitter_kind="citizen",
            submitter_name="Nguyễn Văn Bình",
            address="Số 25, ngõ 10, phố Hàng Bông, phường Hàng Trống",
            phone="0914 222 333",
            title="Xưởng nợ lương công nhân",
            content=CONTENT,
            channel="letter",
        ),
        actor,
    )
    case = services.cases.accept(
        case.code, actor, official_id=actor.id, expected_version=case.version
    )
    case = services.cases.record_result(
        case.code, "Đã giải quyết.", actor, expected_version=case.version
    )
    services.cases.publish_answer(case.code, ANSWER, actor, expected_version=case.version)
    return case.code


def point_at(dialog: PublishReviewDialog, position: int) -> QPoint:
    cursor = QTextCursor(dialog.original.document())
    cursor.setPosition(position)
    return dialog.original.cursorRect(cursor).center()


def test_review_masks_more_restores_and_is_recorded(
    qtbot: QtBot, services: Services, head, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    code = answered(services)
    publish = PublishDialog(services, head)
    qtbot.addWidget(publish)
    publish.show()
    rect = publish.table.visualRect(publish.model.index(0, 0))
    qtbot.mouseClick(publish.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(publish.review_button, Qt.MouseButton.LeftButton)
    dialog = publish.review_dialog
    assert isinstance(dialog, PublishReviewDialog)
    qtbot.waitExposed(dialog)

    # What the gate masked, highlighted on the left; placeholders on the right.
    assert "Nguyễn Văn Bình" in dialog.masked_parts()
    assert "số nhà 25, ngõ 10, phố Hàng Bông" in dialog.masked_parts()
    assert "Lan" in dialog.masked_parts()
    assert len(dialog.original.extraSelections()) == len(dialog.masked_parts())
    public = dialog.public.toPlainText()
    assert "Tôi là [họ tên], nhà ở [địa chỉ]" in public and "xưởng Hoa Mai" in public
    assert dialog.public.extraSelections()

    # Mask more: drag over "xưởng Hoa Mai" on the left, press the button.
    left = dialog.original.toPlainText()
    start = left.index("xưởng Hoa Mai")
    viewport = dialog.original.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point_at(dialog, start))
    qtbot.mouseMove(viewport, pos=point_at(dialog, start + len("xưởng Hoa Mai")))
    qtbot.mouseRelease(
        viewport,
        Qt.MouseButton.LeftButton,
        pos=point_at(dialog, start + len("xưởng Hoa Mai")),
    )
    assert dialog.original.textCursor().selectedText() == "xưởng Hoa Mai"
    qtbot.mouseClick(dialog.mask_button, Qt.MouseButton.LeftButton)
    public = dialog.public.toPlainText()
    assert "Hoa Mai" not in public and "[thông tin cá nhân]" in public

    # Restore: click into the highlighted "Lan" (a wrongly masked word), press the button.
    left = dialog.original.toPlainText()
    lan = left.index("Chị Lan") + len("Chị L")
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point_at(dialog, lan))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    public = dialog.public.toPlainText()
    assert "Chị Lan ở [thông tin cá nhân]" in public and "chị Lan đã nhận" in public, (
        dialog._keep,
        dialog._mask,
    )
    assert "Lan" not in dialog.masked_parts()

    # Nothing is recorded until saved; saving writes one history line.
    actor = staff_actor(services)
    assert services.case_reads.get(code, actor).events[-1].action != "publish_review"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    event = services.case_reads.get(code, actor).events[-1]
    assert event.action == "publish_review" and event.actor_name == head.name
    assert "Đã lưu" in dialog.message.text()

    # The next export applies it.
    services.publish.mark(code, head)
    services.publish.export(tmp_path, actor=head)
    item = json.loads((tmp_path / JSON_NAME).read_text(encoding="utf-8"))["items"][0]
    assert "Hoa Mai" not in item["content"] + item["answer"]
    assert "chị Lan đã nhận" in item["answer"] and "Nguyễn Văn Bình" not in item["content"]
    # Reopened, the review shows the recorded choice.
    again = PublishReviewDialog(services, head, code)
    qtbot.addWidget(again)
    assert again.review.mask == ("xưởng Hoa Mai",) and again.review.keep == ("Lan",)
    assert again.review.reviewed_by == head.name
