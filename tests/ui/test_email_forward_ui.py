"""Issue 22, point 6, at the desk: a citizen's mail forwarded by a clerk, dropped on the empty
intake form, fills it with the citizen (not the clerk), keeps the office's hotline out of the
citizen's phone, and notes the forwarder in the private note."""

from __future__ import annotations

from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path

from accounts_fixture import staff_actor
from pytestqt.qtbot import QtBot

from pakn_desktop.services import Services
from pakn_desktop.ui.main_window import MainWindow

WORDS = "Kính gửi Sở,\nTôi gọi đường dây nóng 0260 3862 999 nhiều lần không được."


def forwarded() -> bytes:
    msg = EmailMessage()
    msg["From"] = "Văn thư Sở <vanthu.sldtbxh@kontum.gov.vn>"
    msg["Subject"] = "Fwd: Không gọi được đường dây nóng"
    msg["Date"] = "Wed, 22 Apr 2026 08:00:00 +0700"
    msg.set_content(
        "Chuyển phòng xử lý.\n\n---------- Forwarded message ---------\n"
        "From: Nguyễn Thị Hồng <hong@example.vn>\n"
        "Date: Tue, Apr 21, 2026 at 2:05 PM\n"
        "Subject: Không gọi được đường dây nóng\n"
        "To: <sldtbxh@kontum.gov.vn>\n\n" + WORDS + "\n"
    )
    return bytes(msg)


def test_a_forwarded_mail_dropped_on_the_form_gives_the_citizen(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    admin = services.office.actor()
    services.office.save_details(
        replace(services.office.details(), hotlines="0260 3862 999"),
        admin,
        expected_version=services.office.settings_version(),
    )
    path = tmp_path / "chuyen-tiep.eml"
    path.write_bytes(forwarded())
    window = MainWindow(services, staff_actor(services), auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    form = window.intake
    form.add_files([path])
    fields = form.fields
    assert fields.submitter_name.text() == "Nguyễn Thị Hồng"
    assert fields.email.text() == "hong@example.vn"
    assert fields.title.text() == "Không gọi được đường dây nóng"
    assert fields.content.toPlainText() == WORDS
    assert fields.phone.text() == ""  # the office's own hotline is not the citizen's
    assert "vanthu.sldtbxh@kontum.gov.vn" in fields.private_note.toPlainText()
