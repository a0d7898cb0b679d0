"""A PAKN that arrived by email, turned into intake data: the sender's name and address, the
subject as the title, the body as the content (HTML turned into text), the date as the receipt
time, the attachments, and the original message kept as an attachment too.

Reads .eml (the standard library's ``email``) and Outlook .msg (``extract-msg``). Nothing is
saved here: the intake form shows the data for a person to check, complete and save."""

from __future__ import annotations

import email
import email.policy
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage, Message, MIMEPart
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path, PurePath
from typing import Any

from pakn_desktop.domain.enums import Channel, SubmitterKind
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.personal_data import find_personal_data
from pakn_desktop.domain.text import clean_text
from pakn_desktop.domain.validation import MAX_LENGTHS, IntakeForm, validate_email
from pakn_desktop.domain.wording import logged

from .attachments import MAX_ATTACHMENT_BYTES, check_attachment, looks_like_email

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_MESSAGE_BYTES = 60 * 1024 * 1024


class EmailReadError(PaknError):
    """The file is not an email message that can be read."""


@dataclass(frozen=True)
class EmailIntake:
    form: IntakeForm
    received_at: datetime | None
    # (file name, bytes) accepted as attachments; the original message is the last one.
    attachments: list[tuple[str, bytes]]
    # Attachments of the email that cannot be attached to the case (kind, size), with why:
    # they stay inside the original message.
    skipped: list[str] = field(default_factory=list)
    sender_address: str = ""


# --- HTML to text ----------------------------------------------------------------------------
_BLOCK = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "ul",
    "ol",
    "pre",
    "hr",
}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
            if tag == "li":
                self.parts.append("- ")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"[ \t\r\n\f]+", " ", data))


def html_to_text(html: str) -> str:
    """Readable text of an HTML email body: paragraphs and line breaks kept, list items as
    "- ", scripts and styles dropped, entities decoded."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # a broken message body still yields its text
        return clean_text(unescape(re.sub(r"<[^>]+>", " ", html)))
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out = "\n".join(lines)
    return clean_text(re.sub(r"\n{3,}", "\n\n", out))


# --- reading ---------------------------------------------------------------------------------
def read_email_file(path: Path | str) -> EmailIntake:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_MESSAGE_BYTES:
            raise EmailReadError(
                f"Thư «{path.name}» lớn quá {MAX_MESSAGE_BYTES // 1048576} MB, không đọc được."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise EmailReadError(f"Không tìm thấy tệp «{path}».") from None
    except IsADirectoryError:
        raise EmailReadError(f"«{path}» là thư mục, không phải tệp thư.") from None
    return parse_email(data, path.name)


def parse_email(data: bytes, filename: str = "thu.eml") -> EmailIntake:
    """Intake data of an .eml or .msg message (told apart by content, not name). Raises
    EmailReadError with a Vietnamese message for anything else."""
    if not data.strip():
        raise EmailReadError("Tệp thư rỗng.")
    name = PurePath(filename.replace("\\", "/")).name or "thu"
    if data.startswith(_OLE):
        fields = _read_msg(data)
        original = _with_suffix(name, ".msg")
    else:
        fields = _read_eml(data)
        original = _with_suffix(name, ".eml")
    return _intake(fields, original, data)


def _with_suffix(name: str, suffix: str) -> str:
    return name if name.lower().endswith(suffix) else name + suffix


@dataclass
class _Fields:
    sender_name: str
    sender_address: str
    subject: str
    body: str
    date: datetime | None
    attachments: list[tuple[str, bytes]]


def _read_eml(data: bytes) -> _Fields:
    if not looks_like_email(data):
        raise EmailReadError("Tệp không phải thư điện tử (.eml hoặc .msg).")
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    name, address = _sender(msg)
    subject = _header(msg, "subject")
    body = ""
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is not None:
        text = _part_text(part)
        body = html_to_text(text) if part.get_content_subtype() == "html" else text
    attachments: list[tuple[str, bytes]] = []
    for att in msg.iter_attachments():
        if not isinstance(att, EmailMessage):
            continue
        payload = att.get_payload(decode=True)
        if att.get_content_type() == "message/rfc822":
            # A forwarded message: kept as its own .eml.
            inner = att.get_payload()
            first = inner[0] if isinstance(inner, list) and inner else None
            payload = first.as_bytes() if isinstance(first, Message) else payload
        if not isinstance(payload, bytes):
            continue
        attachments.append((att.get_filename() or "dinh-kem", payload))
    when = None
    raw_date = _header(msg, "date")
    if raw_date:
        try:
            when = parsedate_to_datetime(raw_date)
        except (TypeError, ValueError, IndexError):
            when = None
    return _Fields(name, address, subject, body, when, attachments)


def _header(msg: EmailMessage, key: str) -> str:
    try:
        value = msg.get(key)
    except Exception:  # a malformed header is left out, not fatal
        return ""
    return clean_text(str(value)) if value is not None else ""


def _sender(msg: EmailMessage) -> tuple[str, str]:
    raw = _header(msg, "from") or _header(msg, "sender")
    pairs = getaddresses([raw]) if raw else []
    name, address = pairs[0] if pairs else ("", "")
    return clean_text(name), clean_text(address)


def _part_text(part: MIMEPart) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError, AssertionError):
        # An unknown or wrong charset: Vietnamese mail is most often UTF-8, then Windows-1258.
        raw = part.get_payload(decode=True)
        if not isinstance(raw, bytes):
            return ""
        for enc in ("utf-8", "cp1258"):
            try:
                return raw.decode(enc)
            except UnicodeDecodeError:
                continue
        return raw.decode("utf-8", "replace")
    return content if isinstance(content, str) else ""


def _read_msg(data: bytes) -> _Fields:
    import extract_msg

    try:
        msg: Any = extract_msg.openMsg(io.BytesIO(data))
    except Exception as exc:  # extract-msg raises many kinds for a file that is not a .msg
        raise EmailReadError(
            "Tệp không phải thư Outlook (.msg) đọc được. Vui lòng lưu thư từ Outlook "
            "(Lưu thành… → .msg) rồi thử lại."
        ) from logged(exc)
    try:
        if not hasattr(msg, "body"):
            raise EmailReadError("Tệp Outlook này không phải một thư (có thể là lịch hẹn).")
        name, address = parseaddr(str(msg.sender or ""))
        body = msg.body or ""
        if not body.strip() and msg.htmlBody:
            html = msg.htmlBody
            body = html_to_text(
                html.decode("utf-8", "replace") if isinstance(html, bytes) else html
            )
        attachments: list[tuple[str, bytes]] = []
        for att in msg.attachments:
            payload = getattr(att, "data", None)
            fname = getattr(att, "longFilename", None) or getattr(att, "shortFilename", None)
            if isinstance(payload, bytes):
                attachments.append((str(fname or "dinh-kem"), payload))
        when = msg.date if isinstance(msg.date, datetime) else None
        return _Fields(
            clean_text(name),
            clean_text(address),
            clean_text(str(msg.subject or "")),
            clean_text(body),
            when,
            attachments,
        )
    finally:
        msg.close()


def _local(when: datetime | None) -> datetime | None:
    """Receipt time as the office's local wall-clock time (the register stores naive times)."""
    if when is None:
        return None
    if when.tzinfo is not None:
        when = when.astimezone().replace(tzinfo=None)
    return when.replace(microsecond=0)


def _intake(f: _Fields, original_name: str, original: bytes) -> EmailIntake:
    address = f.sender_address if validate_email(f.sender_address) else ""
    content = clean_text(f.body)
    limit = MAX_LENGTHS["content"]
    if len(content) > limit:
        content = content[: limit - 60].rstrip() + "\n[… nội dung dài, xem toàn văn trong thư gốc]"
    title = " ".join(f.subject.split())
    title = re.sub(r"^(?:(?:re|fw|fwd|tl|tr|chuyển tiếp)\s*:\s*)+", "", title, flags=re.I)
    title = title[: MAX_LENGTHS["title"]]
    # A phone number written in the body (often in the signature) fills the phone field; the
    # intake form still flags it in the published content.
    phone = next((x.text for x in find_personal_data(content) if x.kind == "phone"), "")
    form = IntakeForm(
        submitter_kind=SubmitterKind.CITIZEN.value,
        submitter_name=f.sender_name[: MAX_LENGTHS["submitter_name"]],
        phone=phone,
        email=address,
        title=title,
        content=content,
        channel=Channel.EMAIL.value,
    )
    accepted: list[tuple[str, bytes]] = []
    skipped: list[str] = []
    for name, payload in f.attachments:
        try:
            clean_name, _media, _digest = check_attachment(name, payload)
        except PaknError as exc:
            skipped.append(exc.message + " Tệp vẫn nằm trong thư gốc đính kèm.")
            continue
        accepted.append((clean_name, payload))
    if len(original) <= MAX_ATTACHMENT_BYTES:
        accepted.append((original_name, original))
    else:
        skipped.append(
            f"Thư gốc lớn hơn {MAX_ATTACHMENT_BYTES // 1048576} MB nên không lưu kèm được; "
            "hãy lưu thư gốc ở nơi khác."
        )
    return EmailIntake(form, _local(f.date), accepted, skipped, address)
