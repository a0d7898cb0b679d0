"""Checking an attachment by its content, not its name: the portal accepts scans (JPG, PNG),
PDF, Word and Excel files."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import PurePath

from pakn_desktop.domain.errors import PaknError

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


_EMAIL_HEADER = re.compile(
    rb"(?im)^(from|date|subject|message-id|received|return-path|mime-version|delivered-to)\s*:"
)


def looks_like_email(data: bytes) -> bool:
    """An RFC 5322 message (.eml): one of the usual headers within its first 8 KB."""
    return _EMAIL_HEADER.search(data[:8192]) is not None


def sniff_media_type(data: bytes, filename: str = "") -> str | None:
    """The media type the bytes really are, or None if it is not an accepted kind."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(_OLE):
        ext = PurePath(filename).suffix.lower()
        if ext == ".msg":
            return "application/vnd.ms-outlook"  # an email kept as it arrived (Outlook)
        return "application/vnd.ms-excel" if ext == ".xls" else "application/msword"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "xl/workbook.xml" in names:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    if PurePath(filename).suffix.lower() == ".eml" and looks_like_email(data):
        return "message/rfc822"  # an email kept as it arrived
    return None


def check_attachment(filename: str, data: bytes) -> tuple[str, str, str]:
    """Validate an attachment; returns (clean file name, media type, SHA-256 hex)."""
    name = PurePath((filename or "").replace("\\", "/")).name.strip()
    name = "".join(ch for ch in name if ch.isprintable())[:255] or "tep-dinh-kem"
    if not data:
        raise PaknError(f"Tệp «{name}» rỗng.")
    if len(data) > MAX_ATTACHMENT_BYTES:
        size = f"{len(data) / 1048576:.1f}".replace(".", ",")  # a decimal comma: 12,5 MB
        raise PaknError(
            f"Tệp «{name}» dung lượng {size} MB, vượt quá giới hạn "
            f"{MAX_ATTACHMENT_BYTES // 1048576} MB."
        )
    media = sniff_media_type(data, name)
    if media is None:
        raise PaknError(
            f"Tệp «{name}» không đúng định dạng cho phép "
            "(JPG, PNG, PDF, DOC, DOCX, XLS, XLSX, EML, MSG)."
        )
    return name, media, hashlib.sha256(data).hexdigest()
