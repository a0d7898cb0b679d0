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
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage, Message, MIMEPart
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path, PurePath
from typing import Any

from pakn_desktop.domain.clock import to_vn
from pakn_desktop.domain.enums import Channel, SubmitterKind
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.personal_data import find_personal_data
from pakn_desktop.domain.text import clean_text
from pakn_desktop.domain.validation import (
    MAX_LENGTHS,
    IntakeForm,
    normalize_phone,
    validate_email,
)
from pakn_desktop.domain.wording import logged
from pakn_desktop.services.files import read_chosen

from .attachments import MAX_ATTACHMENT_BYTES, check_attachment, looks_like_email

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_MESSAGE_BYTES = 60 * 1024 * 1024
# Vietnam time (Asia/Ho_Chi_Minh): UTC+7 without daylight saving since 1975, so a fixed offset
# is exact and needs no time-zone database on the office's Windows PC.
VIETNAM = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


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
    # For the case's private note: who forwarded the citizen's mail to the office, and what
    # they wrote above it (never published).
    private_note: str = ""


@dataclass(frozen=True)
class OfficeContacts:
    """The office's own phone numbers (national digits) and e-mail addresses (lower case):
    never taken as the citizen's."""

    phones: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()

    @classmethod
    def from_text(cls, *texts: str) -> OfficeContacts:
        """The numbers and addresses written in the office settings (the hotline line)."""
        joined = "\n".join(t for t in texts if t)
        phones = set()
        for m in re.finditer(r"\+?\(?\d[\d\s.\-()]{6,}\d", joined):
            norm = normalize_phone(m.group())
            if norm:
                phones.add(norm)
        emails = {m.lower() for m in re.findall(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", joined)}
        return cls(frozenset(phones), frozenset(emails))

    def is_phone(self, text: str) -> bool:
        return normalize_phone(text) in self.phones

    def is_email(self, address: str) -> bool:
        return address.strip().lower() in self.emails


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
def read_email_file(path: Path | str, office: OfficeContacts | None = None) -> EmailIntake:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_MESSAGE_BYTES:
            raise EmailReadError(
                f"Thư «{path.name}» lớn quá {MAX_MESSAGE_BYTES // 1048576} MB, không đọc được."
            )
        data = read_chosen(path)
    except FileNotFoundError:
        raise EmailReadError(f"Không tìm thấy tệp «{path}».") from None
    except IsADirectoryError:
        raise EmailReadError(f"«{path}» là thư mục, không phải tệp thư.") from None
    return parse_email(data, path.name, office)


def parse_email(
    data: bytes, filename: str = "thu.eml", office: OfficeContacts | None = None
) -> EmailIntake:
    """Intake data of an .eml or .msg message (told apart by content, not name). A message
    forwarded to the office (attached, or inline under a "Forwarded message" / "Original
    Message" / "Từ: … Tiêu đề:" block) gives the citizen's original sender, date, subject,
    words and attachments; the forwarder goes to the private note. The office's own numbers
    and addresses (``office``) are never taken as the citizen's. Raises EmailReadError with a
    Vietnamese message for anything else."""
    office = office or OfficeContacts()
    if not data.strip():
        raise EmailReadError("Tệp thư rỗng.")
    name = PurePath(filename.replace("\\", "/")).name or "thu"
    if data.startswith(_OLE):
        fields = _read_msg(data)
        if office.is_email(fields.sender_address):
            fields.forwarded_by = _who(fields.sender_name, fields.sender_address)
            fields.sender_name = fields.sender_address = ""
        original = _with_suffix(name, ".msg")
    else:
        fields = _read_eml(data, office)
        original = _with_suffix(name, ".eml")
    if office.is_email(fields.sender_address) and not fields.forwarded_by:
        # The office's own address is the clerk's, not the citizen's.
        fields.forwarded_by = _who(fields.sender_name, fields.sender_address)
        fields.sender_name = fields.sender_address = ""
    return _intake(fields, original, data, office)


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
    # Set when the message was forwarded to the office: who forwarded it and their note.
    forwarded_by: str = ""
    forward_note: str = ""


def _who(name: str, address: str) -> str:
    return f"{name} <{address}>" if name and address else name or address


def _read_eml(data: bytes, office: OfficeContacts) -> _Fields:
    if not looks_like_email(data):
        raise EmailReadError("Tệp không phải thư điện tử (.eml hoặc .msg).")
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    outer = _message_fields(msg)
    inner = _attached_original(msg)
    if inner is not None and _is_forward(outer, office, attached=True):
        original = _message_fields(inner[0])
        # The forwarder's other attachments come with the citizen's.
        kept = inner[0].as_bytes()
        original.attachments += [a for a in outer.attachments if a[1] != kept]
        original.forwarded_by = _who(outer.sender_name, outer.sender_address)
        original.forward_note = outer.body.strip()
        return original
    if _is_forward(outer, office, attached=False):
        split = split_inline_forward(outer.body)
        if split is not None:
            note, headers, words = split
            name, address = _inline_sender(headers.get("from", ""))
            return _Fields(
                name,
                address,
                headers.get("subject", "") or outer.subject,
                words,
                _inline_date(headers.get("date", "")) or outer.date,
                outer.attachments,
                _who(outer.sender_name, outer.sender_address),
                note,
            )
    return outer


def _attached_original(msg: EmailMessage) -> tuple[EmailMessage] | None:
    """The first message attached to ``msg`` (message/rfc822, named or not)."""
    for att in _attachment_parts(msg):
        if att is not msg and att.get_content_type() == "message/rfc822":
            inner = att.get_payload()
            first = inner[0] if isinstance(inner, list) and inner else None
            if isinstance(first, EmailMessage):
                return (first,)
    return None


def _attachment_parts(msg: EmailMessage) -> list[EmailMessage]:
    parts = [a for a in msg.iter_attachments() if isinstance(a, EmailMessage)]
    if not parts and msg.get_content_type() == "message/rfc822":
        parts = [msg]
    return parts


_FORWARD_SUBJECT = re.compile(r"^\s*(?:(?:re|tl|aw)\s*:\s*)*(?:fwd?|tr|chuyển tiếp)\s*:", re.I)
_GMAIL_FORWARD = re.compile(
    r"^\s*-{5,}\s*(?:forwarded message|thư đã chuyển tiếp|thư chuyển tiếp)\s*-{5,}\s*$",
    re.I | re.M,
)


def _is_forward(outer: _Fields, office: OfficeContacts, attached: bool) -> bool:
    """A mail the office's own staff passed on, not the citizen's: its subject says "Fwd:",
    it comes from the office's own address, or (attached) it carries little beyond the
    message; inline, Gmail's "Forwarded message" line says so itself."""
    if _FORWARD_SUBJECT.match(outer.subject) or office.is_email(outer.sender_address):
        return True
    if attached:
        return len(outer.body.strip()) < 400
    return bool(_GMAIL_FORWARD.search(outer.body))


# Header lines of an inline forward, in the languages the office's mail programs speak.
_INLINE_KEYS = {
    "from": "from",
    "từ": "from",
    "người gửi": "from",
    "date": "date",
    "sent": "date",
    "ngày": "date",
    "ngày gửi": "date",
    "đã gửi": "date",
    "thời gian": "date",
    "gửi": "date?",
    "to": "to",
    "đến": "to",
    "tới": "to",
    "người nhận": "to",
    "cc": "cc",
    "bcc": "cc",
    "subject": "subject",
    "tiêu đề": "subject",
    "chủ đề": "subject",
}
_SEPARATOR = re.compile(
    r"^\s*(?:-{5,}\s*(?:forwarded message|original message|thư đã chuyển tiếp|thư chuyển tiếp"
    r"|thư gốc)\s*-{5,}|_{10,})\s*$",
    re.I,
)
_HEADER_LINE = re.compile(r"^\s*[*>]*\s*([^:*]{1,12}?)\s*[*]*\s*:\s*[*]*\s*(.*)$")


def split_inline_forward(body: str) -> tuple[str, dict[str, str], str] | None:
    """(the forwarder's note above, the original's header fields, the original's words) of a
    body holding a forwarded message inline, or None."""
    lines = body.splitlines()
    for start, line in enumerate(lines):
        first = start + 1 if _SEPARATOR.match(line) else start
        headers, end = _header_block(lines, first)
        if "from" in headers and ("subject" in headers or "date" in headers):
            if first == start and len(headers) < 3:
                continue  # without a separator line, a full block is needed
            note = "\n".join(lines[:start]).strip()
            words = "\n".join(lines[end:]).strip()
            return note, headers, words
    return None


def _header_block(lines: list[str], i: int) -> tuple[dict[str, str], int]:
    while i < len(lines) and not lines[i].strip():
        i += 1
    headers: dict[str, str] = {}
    while i < len(lines):
        m = _HEADER_LINE.match(lines[i])
        key = _INLINE_KEYS.get(m.group(1).strip().lower()) if m else None
        if m is None or key is None or (not headers and key != "from"):
            break
        value = m.group(2).strip()
        if key == "date?":  # "Gửi:" is "sent" with a date, "to" with an address
            key = "to" if "@" in value else "date"
        headers.setdefault(key, value)
        i += 1
    return headers, i


def _inline_sender(text: str) -> tuple[str, str]:
    text = text.replace("[mailto:", "<").replace("]", ">")
    name, address = parseaddr(text)
    if not address or "@" not in address:
        m = re.search(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", text)
        address = m.group() if m else ""
        name = re.sub(r"[<>\[\]\"]|mailto:", " ", text.replace(address, "")).strip()
    return clean_text(" ".join(name.strip(" \"'").split())), clean_text(address)


_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}


def _inline_date(text: str) -> datetime | None:
    """The date of an inline forward's header block: RFC 5322, Gmail's and Outlook's English
    ("Tue, Apr 21, 2026 at 2:05 PM", "Tuesday, April 21, 2026 2:05 PM") and Vietnamese
    ("Thứ Ba, 21 tháng 4, 2026 14:05", "21/04/2026 14:05") forms. A time without a zone is the
    forwarder's clock: Vietnam time."""
    text = " ".join(text.split())
    if not text:
        return None
    # Only the RFC form ("21 Apr 2026 14:05 +0700"): the parser misreads others ("2:05 PM").
    if re.search(r"\d{1,2} [A-Za-z]{3} \d{4} \d{1,2}:\d{2}", text):
        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
    low = text.lower()
    day = month = year = None
    numeric = re.search(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", low) or re.search(
        r"(\d{1,2})\s*(?:tháng|thg)\s*(\d{1,2}),?\s*(?:năm\s*)?(\d{4})", low
    )
    month_first = re.search(r"\b([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})", low)
    day_first = re.search(r"(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})", low)
    if numeric:
        day, month, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
    elif month_first and month_first[1] in _MONTHS:
        month, day, year = _MONTHS[month_first[1]], int(month_first[2]), int(month_first[3])
    elif day_first and day_first[2] in _MONTHS:
        day, month, year = int(day_first[1]), _MONTHS[day_first[2]], int(day_first[3])
    if day is None or month is None or year is None:
        return None
    hour = minute = 0
    if t := re.search(r"(\d{1,2})[:h](\d{2})(?::\d{2})?\s*(am|pm|sa|ch)?", low):
        hour, minute = int(t[1]), int(t[2])
        if t[3] in ("pm", "ch") and hour < 12:
            hour += 12
        elif t[3] in ("am", "sa") and hour == 12:
            hour = 0
    try:
        return datetime(year, month, day, hour, minute, tzinfo=VIETNAM)
    except ValueError:
        return None


def _message_fields(msg: EmailMessage) -> _Fields:
    name, address = _sender(msg)
    subject = _header(msg, "subject")
    body = ""
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is not None:
        text = _part_text(part)
        body = html_to_text(text) if part.get_content_subtype() == "html" else text
    attachments: list[tuple[str, bytes]] = []
    for att in _attachment_parts(msg):
        if att is msg:
            continue
        payload = att.get_payload(decode=True)
        fname = att.get_filename()
        if att.get_content_type() == "message/rfc822":
            # A message attached (as webmail forwards, often without a name): kept as .eml.
            inner = att.get_payload()
            first = inner[0] if isinstance(inner, list) and inner else None
            payload = first.as_bytes() if isinstance(first, Message) else payload
            fname = fname or "thu-dinh-kem.eml"
        if not isinstance(payload, bytes):
            continue
        attachments.append((fname or "dinh-kem", payload))
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
        if not address or "@" not in address:
            name, address = _mapi_sender(msg, name)
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
        if when is None:
            when = _mapi_time(msg)
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


# MAPI properties of the sender, in the order an Outlook message without Internet headers
# holds them: the sender, then the one the message was sent on behalf of.
_NAME_PROPS = ("0C1A", "0042", "0040")
_ADDRESS_PROPS = ("5D01", "39FE", "5D02", "0C1F", "0065", "0076")


def _mapi_sender(msg: Any, name: str) -> tuple[str, str]:
    """The sender's name and SMTP address read from the message's MAPI properties (an
    Exchange "/O=…" address is not an e-mail address and is passed over)."""
    address = ""
    for tag in _ADDRESS_PROPS:
        value = _mapi_string(msg, tag)
        if "@" in value and validate_email(value.strip()):
            address = value.strip()
            break
    if not name or "@" in name:
        name = next((v for v in (_mapi_string(msg, t) for t in _NAME_PROPS) if v), "")
    if name.strip().lower() == address.lower():
        name = ""
    return name.strip(), address


def _mapi_string(msg: Any, tag: str) -> str:
    try:
        value = msg.getStringStream("__substg1.0_" + tag)
    except Exception:  # a damaged stream is left out
        return ""
    return str(value) if value else ""


def _mapi_time(msg: Any) -> datetime | None:
    """Client submit time (0x0039), else delivery time (0x0E06), both UTC."""
    for tag in ("00390040", "0E060040"):
        try:
            value = msg.props.get(tag)
        except Exception:
            value = None
        when = getattr(value, "value", None)
        if isinstance(when, datetime):
            return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    return None


def _local(when: datetime | None) -> datetime | None:
    """Receipt time as Vietnam wall-clock time (the register stores naive times), whatever the
    PC's clock zone; a time without a zone is taken as Vietnam time already."""
    if when is None:
        return None
    if when.tzinfo is not None:
        when = to_vn(when).replace(tzinfo=None)
    return when.replace(microsecond=0)


def _intake(f: _Fields, original_name: str, original: bytes, office: OfficeContacts) -> EmailIntake:
    address = f.sender_address if validate_email(f.sender_address) else ""
    if office.is_email(address):
        address = ""
    content = clean_text(f.body)
    limit = MAX_LENGTHS["content"]
    if len(content) > limit:
        content = content[: limit - 60].rstrip() + "\n[… nội dung dài, xem toàn văn trong thư gốc]"
    title = " ".join(f.subject.split())
    title = re.sub(r"^(?:(?:re|fw|fwd|tl|tr|chuyển tiếp)\s*:\s*)+", "", title, flags=re.I)
    title = title[: MAX_LENGTHS["title"]]
    # A phone number written in the body (often in the signature) fills the phone field; the
    # intake form still flags it in the published content.
    # The office's own numbers (its hotline in a forwarder's signature) are not the citizen's.
    phone = next(
        (
            x.text
            for x in find_personal_data(content)
            if x.kind == "phone" and not office.is_phone(x.text)
        ),
        "",
    )
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
    note = ""
    if f.forwarded_by:
        note = f"Thư do {f.forwarded_by} chuyển tiếp."
        if f.forward_note:
            note += " Lời nhắn của người chuyển tiếp: " + " ".join(f.forward_note.split())
    return EmailIntake(form, _local(f.date), accepted, skipped, address, note)
