"""Emails (.eml and Outlook .msg, built here) turned into intake data, and received as a case
with the original message attached."""

from __future__ import annotations

import email
import email.policy
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
    EmailIntake,
    EmailReadError,
    OfficeContacts,
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


def msg_file(
    sender: str = "Lê Thị Thu",
    with_attachment: bool = True,
    sender_streams: dict[str, str] | None = None,
) -> bytes:
    """A minimal Outlook message: property stream, subject, body, sender, one attachment.
    ``sender_streams`` replaces the sender's name and SMTP address streams (0C1A, 5D01) by
    others (property tag + type, e.g. "0065001F"), as Outlook saves a message that never had
    Internet headers."""

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
    streams = (
        sender_streams
        if sender_streams is not None
        else {"0C1A001F": sender, "5D01001F": "thu.le@example.vn"}
    )
    for tag, value in streams.items():
        w.addEntry("__substg1.0_" + tag, u(value))
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
    """Vietnam wall-clock time, whatever the PC's zone."""
    return dt.astimezone(VN).replace(tzinfo=None)


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
    assert (
        services.case_reads.attachment_data(case.attachments[1].id, actor)[1] == path.read_bytes()
    )


# --- issue 22, point 6: the citizen's mail, whoever passed it on ------------------------------
OFFICE = OfficeContacts.from_text("Đường dây nóng: 0260 3862 999; email: sldtbxh@kontum.gov.vn")
CLERK = "Văn thư Sở <vanthu.sldtbxh@kontum.gov.vn>"
CITIZEN_WORDS = "Kính gửi Sở,\nHồ sơ nộp từ tháng 3 chưa được giải quyết.\nĐT: 0905 123 456"
CLERK_NOTE = "Chuyển phòng Lao động xử lý. Cần gì gọi đường dây nóng 0260 3862 999."


def forwarded_as_attachment(named: bool) -> bytes:
    """A clerk forwards the citizen's mail (with its PDF) as an attachment, as webmail does:
    a message/rfc822 part, with or without a file name."""
    inner = email.message_from_bytes(
        eml(attachments=(("giay-to.pdf", PDF, "application/pdf"),)), policy=email.policy.default
    )
    outer = EmailMessage()
    outer["From"] = CLERK
    outer["To"] = "phonglaodong@kontum.gov.vn"
    outer["Subject"] = "Fwd: Phản ánh việc chậm cấp giấy phép lao động"
    outer["Date"] = format_datetime(SENT + timedelta(days=1))
    outer.set_content(CLERK_NOTE)
    if named:
        outer.add_attachment(inner, filename="phan-anh.eml")
    else:
        part = EmailMessage()
        part.set_content(inner)  # message/rfc822, no Content-Disposition, no name
        del part["Content-Disposition"]
        outer.make_mixed()
        outer.attach(part)
    return outer.as_bytes()


GMAIL = (
    "---------- Forwarded message ---------\n"
    "From: Nguyễn Thị Hồng <hong.nguyen@example.vn>\n"
    "Date: Tue, Apr 21, 2026 at 2:05 PM\n"
    "Subject: Phản ánh việc chậm cấp giấy phép lao động\n"
    "To: <sldtbxh@kontum.gov.vn>\n"
)
OUTLOOK = (
    "-----Original Message-----\n"
    "From: Nguyễn Thị Hồng [mailto:hong.nguyen@example.vn]\n"
    "Sent: Tuesday, April 21, 2026 2:05 PM\n"
    "To: sldtbxh@kontum.gov.vn\n"
    "Subject: Phản ánh việc chậm cấp giấy phép lao động\n"
)
OUTLOOK_VI = (
    "________________________________\n"
    "Từ: Nguyễn Thị Hồng <hong.nguyen@example.vn>\n"
    "Gửi: Thứ Ba, 21 tháng 4, 2026 14:05\n"
    "Đến: sldtbxh@kontum.gov.vn\n"
    "Tiêu đề: Phản ánh việc chậm cấp giấy phép lao động\n"
)


def forwarded_inline(block: str, prefix: str) -> bytes:
    outer = EmailMessage()
    outer["From"] = CLERK
    outer["To"] = "phonglaodong@kontum.gov.vn"
    outer["Subject"] = prefix + "Phản ánh việc chậm cấp giấy phép lao động"
    outer["Date"] = format_datetime(SENT + timedelta(days=1))
    outer.set_content(CLERK_NOTE + "\n\n" + block + "\n" + CITIZEN_WORDS + "\n")
    outer.add_attachment(PDF, maintype="application", subtype="pdf", filename="giay-to.pdf")
    return outer.as_bytes()


def assert_the_citizens(parsed: EmailIntake, file_name: str) -> None:
    f = parsed.form
    assert (f.submitter_name, f.email) == ("Nguyễn Thị Hồng", "hong.nguyen@example.vn")
    assert f.title == "Phản ánh việc chậm cấp giấy phép lao động"
    assert f.content == CITIZEN_WORDS
    assert f.phone == "0905 123 456"  # the citizen's, not the office's hotline
    assert parsed.received_at == datetime(2026, 4, 21, 14, 5)  # sent by the citizen, VN time
    names = [n for n, _ in parsed.attachments]
    assert names[0] == "giay-to.pdf" and parsed.attachments[0][1] == PDF
    assert names[-1] == file_name  # the file as received stays with the case
    assert "vanthu.sldtbxh@kontum.gov.vn" in parsed.private_note
    assert "Chuyển phòng Lao động xử lý" in parsed.private_note
    assert parsed.sender_address == "hong.nguyen@example.vn"


@pytest.mark.parametrize("named", [False, True], ids=["unnamed", "named"])
def test_a_mail_forwarded_as_attachment_gives_the_citizen(named: bool) -> None:
    parsed = parse_email(forwarded_as_attachment(named), "chuyen-tiep.eml", OFFICE)
    assert_the_citizens(parsed, "chuyen-tiep.eml")
    assert parsed.skipped == []


@pytest.mark.parametrize(
    ("block", "prefix"),
    [(GMAIL, "Fwd: "), (OUTLOOK, "FW: "), (OUTLOOK_VI, "TR: ")],
    ids=["gmail", "outlook", "outlook-vi"],
)
def test_a_mail_forwarded_inline_gives_the_citizen(block: str, prefix: str) -> None:
    parsed = parse_email(forwarded_inline(block, prefix), "chuyen-tiep.eml", OFFICE)
    assert_the_citizens(parsed, "chuyen-tiep.eml")


def test_a_reply_quoting_the_office_stays_the_repliers() -> None:
    """ "-----Original Message-----" under a citizen's reply is the office's earlier answer: the
    citizen who replies stays the submitter, with their own words."""
    data = eml(subject="RE: Trả lời phản ánh", body="Tôi chưa đồng ý.\n\n" + OUTLOOK + "\nCũ")
    parsed = parse_email(data, "x.eml", OFFICE)
    assert parsed.form.email == "hong.nguyen@example.vn"
    assert parsed.form.content.startswith("Tôi chưa đồng ý.") and parsed.private_note == ""


def test_the_offices_own_phone_and_address_are_never_the_citizens() -> None:
    msg = EmailMessage()
    msg["From"] = "Sở LĐTBXH <sldtbxh@kontum.gov.vn>"
    msg["Subject"] = "Ghi nhận phản ánh qua điện thoại"
    msg["Date"] = format_datetime(SENT)
    msg.set_content("Công dân gọi đường dây nóng 0260.3862.999 phản ánh chậm chi trả.")
    parsed = parse_email(msg.as_bytes(), "x.eml", OFFICE)
    assert (parsed.form.phone, parsed.form.email, parsed.form.submitter_name) == ("", "", "")
    assert "sldtbxh@kontum.gov.vn" in parsed.private_note


def test_a_msg_without_internet_headers_is_read_from_its_mapi_properties() -> None:
    """Outlook saved a message with the sender only in the "sent representing" properties
    and an Exchange address: the name and SMTP address come from them."""
    data = msg_file(
        sender_streams={
            "0042001F": "Lê Thị Thu",
            "0C1F001F": "/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=THU",
            "0065001F": "thu.le@example.vn",
        }
    )
    parsed = parse_email(data, "de-nghi.msg", OFFICE)
    assert (parsed.form.submitter_name, parsed.form.email) == ("Lê Thị Thu", "thu.le@example.vn")
    assert parsed.form.content == "Kính gửi Sở,\nĐề nghị hướng dẫn thủ tục."
    assert [n for n, _ in parsed.attachments] == ["don-de-nghi.pdf", "de-nghi.msg"]
    assert parsed.received_at == datetime(2026, 4, 21, 14, 5)


def test_mail_times_are_vietnam_time_whatever_the_pcs_zone(pc_zone: str) -> None:  # noqa: F811
    assert parse_email(eml(), "x.eml").received_at == datetime(2026, 4, 21, 14, 5)
    assert parse_email(msg_file(), "x.msg").received_at == datetime(2026, 4, 21, 14, 5)
    inline = parse_email(forwarded_inline(GMAIL, "Fwd: "), "x.eml", OFFICE)
    assert inline.received_at == datetime(2026, 4, 21, 14, 5)
