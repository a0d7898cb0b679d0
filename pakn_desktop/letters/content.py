"""What a letter says and where its signature goes: plain data, without the layout (reportlab),
so the services and the window can compose letters without loading it."""

from __future__ import annotations

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
