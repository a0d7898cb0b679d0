"""Pieces that join the parallel work in the window: how a letter addresses the person, an
email dropped on the intake form, the signature images in the settings, the national-system
queue filter and the personal-data dialog in the menu."""

from __future__ import annotations

import io
from email.message import EmailMessage
from pathlib import Path

from accounts_fixture import staff_actor
from PIL import Image
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.ui.main_window import MainWindow
from pakn_desktop.ui.queue_view import NATIONAL_PENDING_CHOICE


def window_for(qtbot: QtBot, services: Services) -> MainWindow:
    window = MainWindow(services, staff_actor(services), auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    return window


def fill(form, name: str = "Lê Thị Mai") -> None:  # type: ignore[no-untyped-def]
    form.fields.submitter_name.setText(name)
    form.fields.address.setText("Thôn 4, xã Đắk Hà")
    form.fields.phone.setText("0905 222 333")
    form.fields.title.setText("Chậm cấp thẻ bảo hiểm y tế")
    form.fields.content.setPlainText("Đã nộp hồ sơ hơn một tháng.")
    form._dirty = True


def test_the_person_is_addressed_as_chosen_at_intake(qtbot: QtBot, services: Services) -> None:
    window = window_for(qtbot, services)
    form = window.intake
    fill(form)
    assert form.fields.salutation.isEnabled()
    form.fields.salutation.setCurrentIndex(form.fields.salutation.findData("Bà"))
    form.save()
    code = form.code_label.text()
    assert services.case_reads.get(code, staff_actor(services)).salutation == "Bà"
    # An organisation is addressed by its name: the choice is off and saved as unknown.
    form.fields.kind.setCurrentIndex(form.fields.kind.findData("business"))
    assert not form.fields.salutation.isEnabled() and form.fields.salutation.currentData() == ""


def test_an_email_dropped_on_an_empty_form_fills_it(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    msg = EmailMessage()
    msg["From"] = "Trần Văn Bình <binh.tran@example.vn>"
    msg["To"] = "pakn@example.gov.vn"
    msg["Subject"] = "Chậm trả trợ cấp"
    msg["Date"] = "Mon, 20 Apr 2026 08:15:00 +0700"
    msg.set_content("Kính gửi Sở, tôi nộp hồ sơ từ tháng 3 nhưng chưa có kết quả.")
    path = tmp_path / "thu.eml"
    path.write_bytes(bytes(msg))
    window = window_for(qtbot, services)
    form = window.intake
    form.add_files([path])
    assert form.fields.title.text() == "Chậm trả trợ cấp"
    assert form.fields.submitter_name.text() == "Trần Văn Bình"
    assert "chưa có kết quả" in form.fields.content.toPlainText()
    assert "thư điện tử" in form.message.text()
    # On a form already being typed an email is only attached, nothing typed is replaced.
    form.fields.title.setText("Tiêu đề đang gõ")
    form.add_files([path])
    assert form.fields.title.text() == "Tiêu đề đang gõ"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (60, 30), (0, 0, 200, 255)).save(out, "PNG")
    return out.getvalue()


def test_signature_images_are_set_in_the_settings(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = window_for(qtbot, services)
    view = window.settings_view
    sig = tmp_path / "chu-ky.png"
    sig.write_bytes(_png())
    view.choose_signature_image("signature", str(sig))
    assert services.office.signature_images()[0] == sig.read_bytes()
    assert "chữ ký: đã có" in view.signature_state.text()
    bad = tmp_path / "con-dau.png"
    bad.write_bytes(b"GIF89a not a png")
    view.choose_signature_image("seal", str(bad))
    assert "PNG" in view.office_message.text()
    assert services.office.signature_images()[1] is None
    view.set_signature_images(None, None)
    assert services.office.signature_images() == (None, None)


def test_queue_lists_desk_pakn_not_yet_entered_nationally(qtbot: QtBot, services: Services) -> None:
    actor = staff_actor(services)
    base = IntakeForm(
        "citizen", "Hồ Văn Tư", "Xã Ngọc Hồi", "0912 000 111", "", "Hỏi chế độ", "Nội dung", "phone"
    )
    desk = services.cases.receive(base, actor)
    from dataclasses import replace

    portal = services.cases.receive(
        replace(base, channel="national_portal", portal_code="H01.99-260420-0001"), actor
    )
    window = window_for(qtbot, services)
    queue = window.queue
    queue.channel.setCurrentIndex(queue.channel.findData(NATIONAL_PENDING_CHOICE))
    f = queue.current_filter()
    assert f.national_pending and not f.channels
    codes = {r.code for r in services.case_reads.queue(f, staff_actor(services), limit=50)}
    assert desk.code in codes and portal.code not in codes


def test_personal_data_dialog_opens_from_the_menu(qtbot: QtBot, services: Services) -> None:
    window = window_for(qtbot, services)
    dialog = window.open_person_data()
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
