"""The File menu's exchange entries, an email put into the intake form and saved, and the
publication dialog, driven as a person would."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from accounts_fixture import staff_actor
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services.publish import HTML_NAME, JSON_NAME
from pakn_desktop.ui.email_import import load_email_into_intake
from pakn_desktop.ui.intake import IntakeForm_
from pakn_desktop.ui.main_window import MainWindow
from pakn_desktop.ui.publish_ui import PublishDialog

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def write_eml(path: Path) -> Path:
    msg = EmailMessage()
    msg["From"] = "Vũ Thị Lan <lan.vu@example.vn>"
    msg["Subject"] = "Đề nghị giải quyết chế độ thai sản"
    msg["Date"] = format_datetime(datetime(2026, 4, 22, 9, 0, tzinfo=timezone(timedelta(hours=7))))
    msg.set_content("<p>Kính gửi Sở,</p><p>Tôi chưa nhận được chế độ.</p>", subtype="html")
    msg.add_attachment(PDF, maintype="application", subtype="pdf", filename="giay-to.pdf")
    path.write_bytes(msg.as_bytes())
    return path


def test_file_menu_has_the_exchange_entries(qtbot: QtBot, services: Services) -> None:
    window = MainWindow(services, services.office.actor(), auto_backup=False)
    qtbot.addWidget(window)
    first = window.menuBar().actions()[0]
    assert first.text() == "&Tệp"
    menu = first.menu()
    assert [a.text() for a in menu.actions()] == [  # type: ignore[union-attr]
        "Nhập danh sách PAKN từ Cổng…",
        "Nhập thư điện tử vào phiếu tiếp nhận…",
        "Nhập PAKN của cơ quan lên Hệ thống…",
        "Công khai kết quả trả lời…",
    ]


def test_email_into_the_intake_form_then_saved(
    qtbot: QtBot,
    services: Services,
    front_desk,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    form = IntakeForm_(services, front_desk)
    qtbot.addWidget(form)
    problems = load_email_into_intake(form, write_eml(tmp_path / "thai-san.eml"))
    assert problems == []
    assert form.fields.channel.currentData() == "email"
    assert form.fields.submitter_name.text() == "Vũ Thị Lan"
    assert form.fields.email.text() == "lan.vu@example.vn"
    assert form.fields.title.text() == "Đề nghị giải quyết chế độ thai sản"
    assert form.fields.content.toPlainText() == "Kính gửi Sở,\n\nTôi chưa nhận được chế độ."
    assert form.attachment_list.count() == 2
    # The person completes what an email does not carry, and saves.
    form.fields.address.setText("Phường Kon Tum")
    form.fields.phone.setText("0935 111 222")
    with qtbot.waitSignal(form.saved) as sig:
        form.save()
    case = services.case_reads.get(sig.args[0], staff_actor(services))
    assert case.channel == "email"
    assert [a.filename for a in case.attachments] == ["giay-to.pdf", "thai-san.eml"]
    assert case.received_at.date().isoformat() == "2026-04-22"


def answered(services: Services, title: str) -> str:
    actor = staff_actor(services)
    case = services.cases.receive(
        IntakeForm(
            submitter_kind="citizen",
            submitter_name="Hoàng Văn Nam",
            address="Kon Tum",
            phone="0914 222 333",
            title=title,
            content="Nội dung phản ánh, số của tôi 0914 222 333.",
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
    services.cases.publish_answer(
        case.code, "Sở đã giải quyết.", actor, expected_version=case.version
    )
    return case.code


def test_head_publishes_the_quarter(qtbot: QtBot, services: Services, head, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code = answered(services, "Chậm trả trợ cấp")
    answered(services, "Việc không công khai")
    dialog = PublishDialog(services, head)
    qtbot.addWidget(dialog)
    assert dialog.quarter.currentData() == 2  # April 2026
    assert dialog.model.rowCount() == 2
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.mark_button, Qt.MouseButton.LeftButton)
    assert dialog.model.index(0, 2).data() == "Có"
    assert dialog.model.index(1, 2).data() == "Không"
    op = dialog.export_to(tmp_path)
    assert op is not None
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    assert dialog.open_button.isEnabled()
    page = (tmp_path / HTML_NAME).read_text(encoding="utf-8")
    assert code in page and "Việc không công khai" not in page
    assert "0914 222 333" not in page and (tmp_path / JSON_NAME).exists()
    # Another quarter has nothing answered.
    dialog.quarter.setCurrentIndex(0)
    assert dialog.model.rowCount() == 0


def test_front_desk_cannot_mark(qtbot: QtBot, services: Services, front_desk) -> None:  # type: ignore[no-untyped-def]
    answered(services, "Một việc")
    dialog = PublishDialog(services, front_desk)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1  # the list is shown, the decision is not theirs
    assert not dialog.mark_button.isEnabled() and not dialog.unmark_button.isEnabled()
    assert not dialog.export_button.isEnabled()
    assert "Chỉ lãnh đạo" in dialog.message.text()
