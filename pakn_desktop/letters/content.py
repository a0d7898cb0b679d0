"""What a letter says and where its signature goes: plain data, without the layout (reportlab),
so the services and the window can compose letters without loading it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SignatureBox:
    """Where the signature goes: page index (0-based) and box in PDF points."""

    page: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class SignatureAppearance:
    """How a digitally signed letter shows its signature (NĐ 30/2020, Phụ lục I): the signer's
    handwritten signature image centred between the title and the name, the agency's seal
    over its left third when the agency signs too, and the signing information in 10 pt."""

    info_lines: tuple[str, ...]
    signature_png: bytes | None = None
    seal_png: bytes | None = None


@dataclass
class LetterContent:
    parent_agency: str
    agency: str
    number_text: str  # "Số: 05/SLĐTBXH-HCTH"
    place: str
    issued_on: date
    subject: str = ""  # "V/v ..." for a công văn; empty for a titled document
    title: str = ""  # e.g. "PHIẾU TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ"; shown under the header
    addressee: str = ""  # "Kính gửi: ..."
    paragraphs: list[str] = field(default_factory=list)
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)
    # Report tables after the body: (caption, header, rows); long tables flow over pages
    # with the header repeated.
    tables: list[tuple[str, list[str], list[list[str]]]] = field(default_factory=list)
    qr_text: str = ""
    qr_caption: str = ""
    pdf_title: str = ""
    author: str = ""
    # A draft (anything shown or saved before issuing) carries a visible DỰ THẢO mark.
    draft: bool = False
    signature: SignatureAppearance | None = None


# A line typed as an item of a list: "-", "+", "•", "*", "–" then a space, or "a)", "1.",
# "1)", "II." before one.
_LIST_ITEM = re.compile(r"(?:[-+•*–]|[a-zđ]\)|\d{1,3}[.)]|[IVXLC]{1,6}[.)])\s", re.IGNORECASE)


def is_list_item(line: str) -> bool:
    return bool(_LIST_ITEM.match(line.lstrip()))


def body_paragraphs(paragraphs: list[str]) -> list[tuple[str, bool]]:
    """The letter's body as it is printed: each typed line a paragraph of its own (a text
    typed in three paragraphs stays three paragraphs, however many blank lines between
    them), as ``(text, last_of_its_group)``. Lines typed as a list stay lines, without the
    space between paragraphs inside the list (``last_of_its_group`` False)."""
    lines = [line.strip() for para in paragraphs for line in para.splitlines() if line.strip()]
    return [
        (line, not (is_list_item(line) and i + 1 < len(lines) and is_list_item(lines[i + 1])))
        for i, line in enumerate(lines)
    ]
