"""Emails (.eml and Outlook .msg, built here) turned into intake data, and received as a case
with the original message attached."""

from __future__ import annotations

import io
import struct
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from extract_msg.ole_writer import OleWriter
from tz_fixture import pc_zone  # noqa: F401  (the fixture)

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.services import Services
from pakn_desktop.services.attachments import check_attachment
from pakn_desktop.services.email_intake import (
    EmailReadError,
    html_to_text,
    parse_email,
    read_email_file,
)

VN = timezone(timedelta(hours=7))
SENT = datetime(2026, 4, 21, 14, 5, tzinfo=VN)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def eml(
    *,
    subject: str = "Phản ánh việc chậm cấp giấy phép lao động",
    body: str = "Kính gửi Sở,\nHồ sơ nộp từ tháng 3 chưa được giải quyết.\nĐT: 0905 123 456",
    html: str | None = None,
    attachments: tuple[tuple[str, bytes, str], ...] = (),
) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Nguyễn Thị Hồng <hong.nguyen@example.vn>"
    msg["To"] = "sldtbxh@kontum.gov.vn"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(SENT)
    if html is None:
        msg.set_content(body)
    else:
        msg.set_content(html, subtype="html")
    for name, data, ctype in attachments:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def msg_file(sender: str = "Lê Thị Thu", with_attachment: bool = True) -> bytes:
    """A minimal Outlook message: property stream, subject, body, sender, one attachment."""

    def u(text: str) -> bytes:
        return text.encode("utf-16-le")

    def prop(tag: int, value: bytes) -> bytes:
        return struct.pack("<HHI", tag & 0xFFFF, tag >> 16, 6) + value

    epoch = datetime(1601, 1, 1, tzinfo=UTC)
    filetime = int((SENT - epoch).total_seconds() * 10**7)
    w = OleWriter()
    n_att = 1 if with_attachment else 0
    props = b"\0" * 8 + struct.pack("<IIII", 0, n_att, 0, n_att) + b"\0" * 8
    props += prop(0x0E070003, struct.pack("<I", 1) + b"\0" * 4)  # flags: read, sent
    props += prop(0x00390040, struct.pack("<Q", filetime))  # client submit time
    w.addEntry("__properties_version1.0", props)
    w.addEntry("__substg1.0_001A001F", u("IPM.Note"))
    w.addEntry("__substg1.0_0037001F", u("TL: Đề nghị hướng dẫn thủ tục trợ cấp"))
    w.addEntry("__substg1.0_1000001F", u("Kính gửi Sở,\r\nĐề nghị hướng dẫn thủ tục."))
    w.addEntry("__substg1.0_0C1A001F", u(sender))
    w.addEntry("__substg1.0_5D01001F", u("thu.le@example.vn"))
    w.addEntry("__nameid_version1.0", storage=True)
    for sid in ("00020102", "00030102", "00040102"):
        w.addEntry(["__nameid_version1.0", "__substg1.0_" + sid], b"")
    if with_attachment:
        a = "__attach_version1.0_#00000000"
        w.addEntry(a, storage=True)
        w.addEntry(
            [a, "__properties_version1.0"],
            b"\0" * 8 + prop(0x37050003, struct.pack("<I", 1) + b"\0" * 4),
        )
        w.addEntry([a, "__substg1.0_3707001F"], u("don-de-nghi.pdf"))
        w.addEntry([a, "__substg1.0_37010102"], PDF)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def local(dt: datetime) -> datetime:
    """Vietnam's wall time of ``dt``, as the register keeps it whatever the PC's zone."""
    return dt.astimezone(timezone(timedelta(hours=7))).replace(tzinfo=None)


def test_plain_eml_gives_the_intake_fields(pc_zone: str) -> None:  # noqa: F811
    data = eml()
    parsed = parse_email(data, "phan-anh.eml")
    f = parsed.form
    assert f.channel == "email"
    assert f.submitter_name == "Nguyễn Thị Hồng"
    assert f.email == "hong.nguyen@example.vn"
    assert f.title == "Phản ánh việc chậm cấp giấy phép lao động"
    assert f.content.startswith("Kính gửi Sở,\nHồ sơ nộp từ tháng 3")
    assert f.phone == "0905 123 456"  # found in the body (signature)
    assert parsed.received_at == local(SENT)
    # The original message is kept as an attachment, and is one the store accepts.
    assert parsed.attachments == [("phan-anh.eml", data)]
    assert check_attachment("phan-anh.eml", data)[1] == "message/rfc822"


def test_html_only_body_becomes_text() -> None:
    html = (
        "<html><head><style>p{color:red}</style></head><body>"
        "<p>Kính gửi Sở&nbsp;Lao động &amp; Xã hội,</p>"
        "<p>Tôi đề nghị:<br>làm rõ thời hạn</p><ul><li>thứ nhất</li><li>thứ hai</li></ul>"
        "<script>alert(1)</script></body></html>"
    )
    parsed = parse_email(eml(html=html), "x.eml")
    assert parsed.form.content == (
        "Kính gửi Sở Lao động & Xã hội,\n\nTôi đề nghị:\nlàm rõ thời hạn\n\n- thứ nhất\n\n- thứ hai"
    )
    assert "alert" not in parsed.form.content and "color" not in parsed.form.content


def test_html_to_text_survives_broken_markup() -> None:
    assert html_to_text("<p>Xin chào <b>Sở</p></div></span>") == "Xin chào Sở"


def test_attachments_kept_or_reported() -> None:
    data = eml(
        subject="Fwd: RE: Hồ sơ trợ cấp",
        attachments=(
            ("giay-to.pdf", PDF, "application/pdf"),
            ("virus.exe", b"MZ\x90\x00", "application/octet-stream"),
        ),
    )
    parsed = parse_email(data, "thu.eml")
    assert parsed.form.title == "Hồ sơ trợ cấp"
    assert [n for n, _ in parsed.attachments] == ["giay-to.pdf", "thu.eml"]
    assert parsed.attachments[0][1] == PDF
    assert len(parsed.skipped) == 1 and "virus.exe" in parsed.skipped[0]


def test_outlook_msg() -> None:
    data = msg_file()
    parsed = parse_email(data, "C:\\Thu\\de-nghi.msg")
    f = parsed.form
    assert f.submitter_name == "Lê Thị Thu" and f.email == "thu.le@example.vn"
    assert f.title == "Đề nghị hướng dẫn thủ tục trợ cấp"  # "TL:" (reply) dropped
    assert f.content == "Kính gửi Sở,\nĐề nghị hướng dẫn thủ tục."
    assert parsed.received_at == local(SENT)
    assert [n for n, _ in parsed.attachments] == ["don-de-nghi.pdf", "de-nghi.msg"]
    assert check_attachment("de-nghi.msg", data)[1] == "application/vnd.ms-outlook"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "rỗng"),
        (b"Just some text\nwithout any headers\n", "không phải thư điện tử"),
        (PDF, "không phải thư điện tử"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Outlook"),
    ],
)
def test_files_that_are_not_emails(data: bytes, words: str) -> None:
    with pytest.raises(EmailReadError) as err:
        parse_email(data, "x.eml")
    assert words in err.value.message


def test_read_email_file_missing(tmp_path: Path) -> None:
    with pytest.raises(EmailReadError, match="Không tìm thấy"):
        read_email_file(tmp_path / "none.eml")
    with pytest.raises(EmailReadError, match="thư mục"):
        read_email_file(tmp_path)


def test_received_as_a_case_with_the_original_attached(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "phan-anh.eml"
    path.write_bytes(eml(attachments=(("giay-to.pdf", PDF, "application/pdf"),)))
    parsed = read_email_file(path)
    actor = staff_actor(services)
    # The address is not in an email: without it the intake refuses, as at the desk.
    with pytest.raises(PaknError, match="địa chỉ"):
        services.cases.receive(parsed.form, actor, received_at=parsed.received_at)
    form = replace(parsed.form, address="Phường Kon Tum, tỉnh Quảng Ngãi")
    case = services.cases.receive(
        form, actor, received_at=parsed.received_at, attachments=parsed.attachments
    )
    assert case.channel == "email" and case.received_at == local(SENT)
    assert [a.filename for a in case.attachments] == ["giay-to.pdf", "phan-anh.eml"]
    assert services.cases.attachment_data(case.attachments[1].id, actor)[1] == path.read_bytes()
