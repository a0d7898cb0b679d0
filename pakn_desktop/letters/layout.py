"""One layout engine for every official letter, after NĐ 30/2020/NĐ-CP, Phụ lục I.

A4 portrait; margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Times New Roman (or the
metric-compatible Liberation Serif). The header places cơ quan chủ quản and cơ quan ban hành at
the left, Quốc hiệu and Tiêu ngữ at the right, "Số:" and the italic place and date on one line,
"V/v" under the number; the body is justified with a first-line indent; the signer block and
"Nơi nhận:" share a top line. Page numbers appear from page 2, centred in the top margin.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
LEFT_COL = 68 * mm
RIGHT_COL = TEXT_WIDTH - LEFT_COL

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Sizes (pt) within the ranges of the NĐ 30/2020 table.
SIZE_NATIONAL = 12.5
SIZE_MOTTO = 13
SIZE_AGENCY = 12.5
SIZE_NUMBER = 13
SIZE_DATE = 14
SIZE_SUBJECT = 12
SIZE_BODY = 14
SIZE_SIGNER = 14
SIZE_RECIPIENTS_HEAD = 12
SIZE_RECIPIENTS = 11
BODY_INDENT = 1.27 * (10 * mm)  # 1.27 cm
SIGNATURE_SPACE = 28 * mm


@dataclass(frozen=True)
class SignatureBox:
    """Where the signature goes: page index (0-based) and box in PDF points."""

    page: int
    box: tuple[float, float, float, float]


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


def place_and_date(place: str, d: date) -> str:
    """ "Kon Tum, ngày 05 tháng 3 năm 2026": NĐ 30/2020 puts a leading zero before days below
    10 and before months 1 and 2 only ("ngày 09 tháng 02", "ngày 15 tháng 3")."""
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{place}, ngày {d.day:02d} tháng {month} năm {d.year}"


def _style(name: str, font: str, size: float, align: int = TA_CENTER, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=kw.pop("leading", size * 1.2),
        alignment=align,
        **kw,
    )


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


class CenteredRule(Flowable):
    """A solid line of a given width, centred in its column (the rules under the agency name
    and under the motto)."""

    def __init__(self, width: float, avail: float, thickness: float = 0.6) -> None:
        super().__init__()
        self.rule_width = width
        self.avail = avail
        self.thickness = thickness

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.avail, 3

    def draw(self) -> None:
        x0 = (self.avail - self.rule_width) / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x0, 2.5, x0 + self.rule_width, 2.5)


class SignatureMarker(Flowable):
    """Zero-height flowable that records where it was drawn: the digital signature box."""

    def __init__(self, height: float, width: float, sink: list[SignatureBox]) -> None:
        super().__init__()
        self.box_height = height
        self.box_width = width
        self.sink = sink

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.box_width, self.box_height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        page = self.canv.getPageNumber() - 1
        self.sink.append(SignatureBox(page, (x, y, x + self.box_width, y + self.box_height)))


def _wrap_width(text: str, font: str, size: float, avail: float) -> float:
    """Width of the widest line ``text`` wraps to in a column of ``avail`` points."""
    words = text.split()
    widest = 0.0
    line = ""
    for w in words:
        trial = f"{line} {w}".strip()
        if stringWidth(trial, font, size) <= avail or not line:
            line = trial
        else:
            widest = max(widest, stringWidth(line, font, size))
            line = w
    return max(widest, stringWidth(line, font, size))


def _header(c: LetterContent) -> list[Flowable]:
    left_agency_parent = _p(c.parent_agency.upper(), _style("parent", REGULAR, SIZE_AGENCY))
    agency_text = c.agency.upper()
    agency = _p(agency_text, _style("agency", BOLD, SIZE_AGENCY))
    agency_rule = CenteredRule(
        0.4 * _wrap_width(agency_text, BOLD, SIZE_AGENCY, LEFT_COL - 4), LEFT_COL
    )
    national = _p(NATIONAL_NAME, _style("national", BOLD, SIZE_NATIONAL))
    motto = _p(MOTTO, _style("motto", BOLD, SIZE_MOTTO))
    motto_rule = CenteredRule(stringWidth(MOTTO, BOLD, SIZE_MOTTO), RIGHT_COL)
    number = _p(c.number_text, _style("number", REGULAR, SIZE_NUMBER))
    when = _p(place_and_date(c.place, c.issued_on), _style("date", ITALIC, SIZE_DATE))
    rows: list[list[Any]] = [
        [[left_agency_parent, agency, agency_rule], [national, motto, motto_rule]],
        [number, when],
    ]
    if c.subject:
        rows.append([_p(c.subject, _style("subject", REGULAR, SIZE_SUBJECT)), ""])
    table = Table(rows, colWidths=[LEFT_COL, RIGHT_COL], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 6),
                ("TOPPADDING", (0, 2), (-1, 2), 3),
            ]
        )
    )
    return [table]


def _signature(c: LetterContent, sink: list[SignatureBox]) -> Flowable:
    head = _style("recipients_head", BOLD_ITALIC, SIZE_RECIPIENTS_HEAD, TA_LEFT)
    item = _style("recipients", REGULAR, SIZE_RECIPIENTS, TA_LEFT, leading=SIZE_RECIPIENTS * 1.15)
    left: list[Flowable] = []
    if c.recipients:
        left.append(_p("Nơi nhận:", head))
        left += [_p(r, item) for r in c.recipients]
    if c.qr_text:
        size = 22 * mm
        widget = QrCodeWidget(c.qr_text, barLevel="M")
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
        drawing.add(widget)
        drawing.hAlign = "LEFT"
        left += [Spacer(1, 4 * mm), drawing]
        if c.qr_caption:
            left.append(_p(c.qr_caption, _style("qrcap", REGULAR, 9, TA_LEFT)))
    signer = _style("signer", BOLD, SIZE_SIGNER)
    right: list[Flowable] = []
    if c.signer_authority:
        right.append(_p(c.signer_authority.upper(), signer))
    if c.signer_title:
        right.append(_p(c.signer_title.upper(), signer))
    right.append(SignatureMarker(SIGNATURE_SPACE, 70 * mm, sink))
    right.append(_p(c.signer_name, _style("signer_name", BOLD, SIZE_SIGNER)))
    table = Table([[left, right]], colWidths=[TEXT_WIDTH - 82 * mm, 82 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _report_table(caption: str, header: list[str], rows: list[list[str]]) -> list[Flowable]:
    cell = _style("cell", REGULAR, 11, TA_LEFT, leading=13)
    head = _style("head", BOLD, 11, TA_CENTER, leading=13)
    number = _style("number_cell", REGULAR, 11, TA_RIGHT, leading=13)

    def fmt(i: int, v: str) -> Paragraph:
        numeric = i > 0 and v.replace(".", "").replace(",", "").replace("-", "").isdigit()
        return _p(v, number if numeric else cell)

    data = [[_p(h, head) for h in header]] + [
        [fmt(i, str(v)) for i, v in enumerate(row)] for row in rows
    ]
    first = TEXT_WIDTH * (0.5 if len(header) <= 3 else 0.3)
    rest = (TEXT_WIDTH - first) / max(1, len(header) - 1)
    table = Table(data, colWidths=[first] + [rest] * (len(header) - 1), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "#000000"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    return [
        Spacer(1, 3 * mm),
        _p(caption, _style("caption", BOLD, 13, TA_LEFT, spaceAfter=3)),
        table,
    ]


def _page_number(canvas: Canvas, doc: Any) -> None:
    canvas.saveState()
    canvas.setFont(REGULAR, 13)
    canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 12 * mm, str(canvas.getPageNumber()))
    canvas.restoreState()


def _first_page(canvas: Canvas, doc: Any) -> None:
    pass  # no page number on page 1 (NĐ 30/2020)


def render_letter(c: LetterContent) -> tuple[bytes, SignatureBox | None]:
    """Render the letter; returns the PDF bytes and where a digital signature would go."""
    register_fonts()
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=c.pdf_title or c.subject or c.title,
        author=c.author or c.agency,
        creator="PAKN Desktop",
        lang="vi-VN",
        invariant=1,
    )
    story: list[Flowable] = _header(c)
    story.append(Spacer(1, 6 * mm))
    if c.title:
        story.append(_p(c.title.upper(), _style("title", BOLD, SIZE_BODY, spaceAfter=6)))
    if c.addressee:
        indent = stringWidth("Kính gửi: ", REGULAR, SIZE_BODY)
        story.append(
            _p(
                f"Kính gửi: {c.addressee}",
                _style(
                    "addressee",
                    REGULAR,
                    SIZE_BODY,
                    TA_LEFT,
                    leftIndent=20 * mm + indent,
                    firstLineIndent=-indent,
                    spaceAfter=8,
                ),
            )
        )
    body = _style(
        "body",
        REGULAR,
        SIZE_BODY,
        TA_JUSTIFY,
        firstLineIndent=BODY_INDENT,
        spaceAfter=6,
        leading=SIZE_BODY * 1.25,
    )
    for para in c.paragraphs:
        story.append(_p(para, body))
    for caption, header, rows in c.tables:
        story += _report_table(caption, header, rows)
    story.append(Spacer(1, 4 * mm))
    sink: list[SignatureBox] = []
    story.append(KeepTogether([_signature(c, sink)]))

    # Frames without the default 6 pt padding, so the margins are exactly the ones above.
    def frame(fid: str) -> Frame:
        return Frame(
            MARGIN_LEFT,
            MARGIN_BOTTOM,
            TEXT_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=fid,
        )

    doc.addPageTemplates(
        [
            PageTemplate(
                "first", [frame("first")], onPage=_first_page, autoNextPageTemplate="later"
            ),
            PageTemplate("later", [frame("later")], onPage=_page_number),
        ]
    )
    doc.build(story)
    return buf.getvalue(), (sink[-1] if sink else None)
