"""One layout engine for every official letter, after NĐ 30/2020/NĐ-CP, Phụ lục I.

A4 portrait; margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Times New Roman (or the
metric-compatible Liberation Serif). The header places cơ quan chủ quản and cơ quan ban hành at
the left, Quốc hiệu and Tiêu ngữ at the right, "Số:" and the italic place and date on one line,
"V/v" under the number; the body is justified with a first-line indent; the signer block and
"Nơi nhận:" share a top line. Page numbers appear from page 2, centred in the top margin.
"""

from __future__ import annotations

import copy
import functools
import io
import re
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
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
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from .content import LetterContent, SignatureAppearance, SignatureBox, body_paragraphs
from .fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register_fonts
from .qr import qr_modules

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
SIGNER_COL = 82 * mm  # the signer's block, at the right of "Nơi nhận"

DRAFT_MARK = "DỰ THẢO"


def place_and_date(place: str, d: date) -> str:
    """ "Kon Tum, ngày 05 tháng 3 năm 2026": NĐ 30/2020 puts a leading zero before days below
    10 and before months 1 and 2 only ("ngày 09 tháng 02", "ngày 15 tháng 3")."""
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{place}, ngày {d.day:02d} tháng {month} năm {d.year}"


def _style(name: str, font: str, size: float, align: int = TA_CENTER, **kw: Any) -> ParagraphStyle:
    """A paragraph style, made once per process (reportlab only reads a style)."""
    return _made_style(name, font, size, align, tuple(sorted(kw.items())))


@functools.cache
def _made_style(
    name: str, font: str, size: float, align: int, kw: tuple[tuple[str, Any], ...]
) -> ParagraphStyle:
    options = dict(kw)
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=options.pop("leading", size * 1.2),
        alignment=align,
        **options,
    )


# Off, every paragraph goes through reportlab's markup parser (the tests compare the two).
PLAIN_FRAGMENTS = True
_MARKUP = re.compile(r"[<>&\n]")


@functools.cache
def _plain_fragment(style: ParagraphStyle) -> Any:
    """The fragment reportlab's parser makes of a paragraph of plain text in ``style`` (its
    text aside): the style's font, size and colour, read once per style."""
    _, frags, _ = ParaParser().parse("x", style)
    assert frags is not None and len(frags) == 1 and frags[0].text == "x"
    return frags[0]


# Off, a paragraph breaks its lines again each time it is wrapped (the tests compare the two).
WRAP_ONCE = True


class _Para(Paragraph):
    """A paragraph that does not break its lines again when wrapped to the width it was last
    wrapped to (a table measures its cells, then measures them again to draw them): reportlab's
    ``wrap`` reads only the width, the style and the fragments. What it made is kept only for
    one plain run of text (line kind 0, the fragments left as they were), and only while its
    lines, width and height are still the ones it made (a split drops the lines)."""

    _wrapped: tuple[float, Any, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        kept = self._wrapped
        if (
            WRAP_ONCE
            and kept is not None
            and kept[0] == availWidth
            and self.__dict__.get("blPara") is kept[1]
            and self.width == kept[2]
            and self.height == kept[3]
        ):
            return self.width, self.height
        frags = self.frags
        width, height = super().wrap(availWidth, availHeight)
        bl = self.__dict__.get("blPara")
        plain = width == availWidth and self.frags is frags and bl is not None and bl.kind == 0
        self._wrapped = (availWidth, bl, width, height) if plain else None
        return width, height


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of ``text`` (line breaks kept). Text without markup characters or line
    breaks is one fragment: made as reportlab's parser makes it (a copy of the style's
    fragment holding the cleaned text) without running the HTML parser for it."""
    if PLAIN_FRAGMENTS and not _MARKUP.search(text):
        cleaned = cleanBlockQuotedText(text)
        if cleaned:
            frag = copy.copy(_plain_fragment(style))
            frag.text = cleaned
            frags = [frag]
            textTransformFrags(frags, style)
            return _Para(cleaned, style, frags=frags)
    return _Para(escape(text).replace("\n", "<br/>"), style)


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
    """The space between the signer's title and name: records where it was drawn (the digital
    signature box) and, for a signed letter, draws the signature as NĐ 30/2020 shows it."""

    def __init__(
        self,
        height: float,
        width: float,
        sink: list[SignatureBox],
        appearance: SignatureAppearance | None = None,
    ) -> None:
        super().__init__()
        # A signed letter's box grows to hold the image and every line of the information
        # with room above the name (a long agency name takes a fourth line).
        self.box_height = max(height, signed_height(appearance, width)) if appearance else height
        self.box_width = width
        self.sink = sink
        self.appearance = appearance

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.box_width, self.box_height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        page = self.canv.getPageNumber() - 1
        self.sink.append(SignatureBox(page, (x, y, x + self.box_width, y + self.box_height)))
        if self.appearance is not None:
            _draw_signature(self.canv, self.box_width, self.box_height, self.appearance)


SIGNATURE_IMAGE_HEIGHT = 14 * mm
SIGNATURE_IMAGE_WIDTH = 60 * mm  # at most
SEAL_SIZE = 32 * mm
SIGN_INFO_SIZE = 10


def _draw_signature(
    canv: Canvas, width: float, height: float, appearance: SignatureAppearance
) -> None:
    """Signature image centred at the top of the box, the seal over its left third, the
    signing information under it, centred, upright, 10 pt."""
    canv.saveState()
    lines = sign_info_lines(appearance.info_lines, width)
    text_height = len(lines) * SIGN_INFO_LEADING
    image_top = height - 1 * mm
    image_box = (0.0, 0.0, 0.0, 0.0)
    if appearance.signature_png:
        img = ImageReader(io.BytesIO(appearance.signature_png))
        iw, ih = img.getSize()
        scale = min(SIGNATURE_IMAGE_HEIGHT / ih, SIGNATURE_IMAGE_WIDTH / iw)
        w, h = iw * scale, ih * scale
        x0 = (width - w) / 2
        y0 = image_top - h
        image_box = (x0, y0, w, h)
    if appearance.seal_png and image_box[2]:
        seal = ImageReader(io.BytesIO(appearance.seal_png))
        x0, y0, w, h = image_box
        # The seal's right edge at about a third of the signature image, centred on it.
        sx = x0 + w / 3 - SEAL_SIZE
        sy = y0 + h / 2 - SEAL_SIZE / 2
        canv.drawImage(seal, sx, sy, SEAL_SIZE, SEAL_SIZE, mask="auto")
    if image_box[2]:
        x0, y0, w, h = image_box
        canv.drawImage(
            ImageReader(io.BytesIO(appearance.signature_png or b"")), x0, y0, w, h, mask="auto"
        )
        text_top = y0 - SIGN_INFO_GAP
    else:
        text_top = (height + text_height) / 2
    canv.setFillColor(Color(0, 0, 0))
    canv.setFont(REGULAR, SIGN_INFO_SIZE)
    for i, line in enumerate(lines):
        canv.drawCentredString(width / 2, text_top - (i + 1) * SIGN_INFO_LEADING, line)
    canv.restoreState()


SIGN_INFO_LEADING = SIGN_INFO_SIZE * 1.1
SIGN_INFO_GAP = 1.5 * mm  # between the image and the information
SIGN_NAME_GAP = 2 * mm  # between the information's descenders and the signer's name


def signed_height(appearance: SignatureAppearance, width: float) -> float:
    """The height the signature image and the signing information need, above the name."""
    lines = sign_info_lines(appearance.info_lines, width)
    image = SIGNATURE_IMAGE_HEIGHT + SIGN_INFO_GAP if appearance.signature_png else 0
    text = len(lines) * SIGN_INFO_LEADING + 0.25 * SIGN_INFO_SIZE  # the last line's descent
    return 1 * mm + image + text + SIGN_NAME_GAP


def sign_info_lines(lines: tuple[str, ...], width: float) -> tuple[str, ...]:
    """The signing information broken to the signer's column: a long agency name goes on
    over a second line instead of running into the "Nơi nhận" column."""
    return tuple(
        part for line in lines for part in simpleSplit(line, REGULAR, SIGN_INFO_SIZE, width)
    )


@functools.lru_cache(maxsize=256)
def qr_runs(text: str, border: int = 4) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR code of ``text`` (level M) as its size in modules and the dark runs of each row
    (row, first column, length), quiet zone included."""
    modules = qr_modules(text)
    runs = [
        (r + border, run.start() + border, run.end() - run.start())
        for r, row in enumerate(modules)
        for run in _DARK_RUN.finditer(bytes(row))
    ]
    return len(modules) + 2 * border, tuple(runs)


_DARK_RUN = re.compile(b"\x01+")


class QrFlowable(Flowable):
    """A QR code drawn as one filled path of its dark runs: the same symbol reportlab's widget
    draws, at a fraction of the cost (the widget builds a shape object per run)."""

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.hAlign = "LEFT"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        modules, runs = qr_runs(self.text)
        self.canv.saveState()
        self.canv.setFillColor(Color(0, 0, 0))
        if FORMATTED_QR:
            xs, ys, box = _qr_numbers(modules, self.size)
            # What a path of one ``rect`` per run gives, each number formatted once per size.
            ops = [f"{xs[col]} {ys[row]} {xs[length]} {box} re" for row, col, length in runs]
            code = " ".join(["n", *ops]) if ops else ""
            self.canv.drawPath(_PathCode(code), stroke=0, fill=1)
        else:
            box_size = self.size / modules
            path = self.canv.beginPath()
            for row, col, length in runs:
                path.rect(
                    col * box_size, self.size - (row + 1) * box_size, length * box_size, box_size
                )
            self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()


# Off, a QR code is drawn as a path of reportlab's ``rect`` calls (the tests compare the two).
FORMATTED_QR = True


class _PathCode:
    """A path's operators already written out (what ``Canvas.drawPath`` reads of a path)."""

    def __init__(self, code: str) -> None:
        self.code = code

    def getCode(self) -> str:
        return self.code


@functools.lru_cache(maxsize=64)
def _qr_numbers(modules: int, size: float) -> tuple[list[str], list[str], str]:
    """For a QR code of ``modules`` a side drawn ``size`` points wide, as reportlab formats
    them: ``i`` modules in points (x and run lengths), the bottom of row ``i``, one module."""
    box = size / modules
    xs = [fp_str(i * box) for i in range(modules + 1)]
    ys = [fp_str(size - (i + 1) * box) for i in range(modules)]
    return xs, ys, fp_str(box)


class KeepTail(Flowable):
    """The last paragraph of the body and the signer block: the block never stands alone on a
    page. When both do not fit, the paragraph is split so that at least ``tail_lines`` of its
    lines go to the next page with the block; a short paragraph moves whole."""

    def __init__(self, para: Paragraph, block: Flowable, tail_lines: int = 2) -> None:
        super().__init__()
        self.para = para
        self.block = block
        self.tail_lines = tail_lines
        self._ph = 0.0
        self._bh = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, self._ph = self.para.wrap(availWidth, availHeight)
        self._ph += self.para.getSpaceAfter()
        _, self._bh = self.block.wrap(availWidth, availHeight)
        self.width = availWidth
        return availWidth, self._ph + self._bh

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        if self._ph + self._bh <= availHeight:
            return [self]
        leading = self.para.style.leading
        lines = len(getattr(self.para, "blPara").lines)  # noqa: B009 (set by wrap)
        fit = int((availHeight - self.para.getSpaceBefore()) // leading)
        head_lines = min(fit, lines - self.tail_lines)
        if head_lines < 2:  # too little would stay behind: everything moves to the next page
            return []
        parts = self.para.split(availWidth, head_lines * leading + 0.5)
        if len(parts) != 2:
            return []
        head, tail = parts
        assert isinstance(tail, Paragraph)
        return [head, KeepTail(tail, self.block, self.tail_lines)]

    def draw(self) -> None:
        self.para.drawOn(self.canv, 0, self._bh + self.para.getSpaceAfter())
        self.block.drawOn(self.canv, 0, 0)


class _Stack(Flowable):
    """Flowables drawn one under the other as one block that never splits."""

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__()
        self.parts = parts
        self._sizes: list[float] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._sizes = []
        for part in self.parts:
            _, h = part.wrap(availWidth, availHeight)
            self._sizes.append(h + part.getSpaceAfter())
        return availWidth, sum(self._sizes)

    def draw(self) -> None:
        y = sum(self._sizes)
        for part, h in zip(self.parts, self._sizes, strict=True):
            y -= h
            part.drawOn(self.canv, 0, y + part.getSpaceAfter())


class _SpacedBlock(Flowable):
    """A flowable with fixed space above it (a Spacer cannot travel inside KeepTail)."""

    def __init__(self, inner: Flowable, space: float) -> None:
        super().__init__()
        self.inner = inner
        self.space = space
        self._h = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w, self._h = self.inner.wrap(availWidth, availHeight)
        return w, self._h + self.space

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)


# Two-syllable words of the letters' subjects that a line must not split ("phản / ánh"):
# a Vietnamese word is written as separate syllables, so a break between spaces can cut one.
_WORDS = frozenset(
    tuple(w.split())
    for w in (
        "phản ánh",
        "kiến nghị",
        "bổ sung",
        "làm rõ",
        "nội dung",
        "thông báo",
        "tình hình",
        "xử lý",
        "trả lời",
        "tiếp nhận",
        "đề nghị",
        "giải quyết",
        "hồ sơ",
        "thủ tục",
        "hành chính",
        "công dân",
        "doanh nghiệp",
        "tổ chức",
        "cơ quan",
        "thẩm quyền",
        "kết quả",
    )
)


def _units(text: str) -> list[str]:
    """The words of ``text`` as a line may break them: a two-syllable word of ``_WORDS`` is one
    unit ("phản ánh,"), every other syllable its own."""
    syllables = text.split()
    units: list[str] = []
    i = 0
    while i < len(syllables):
        pair = tuple(s.lower().strip(",.;:()") for s in syllables[i : i + 2])
        if len(pair) == 2 and pair in _WORDS and not syllables[i].endswith((",", ";", ":")):
            units.append(f"{syllables[i]} {syllables[i + 1]}")
            i += 2
        else:
            units.append(syllables[i])
            i += 1
    return units


def balanced_lines(text: str, font: str, size: float, avail: float) -> list[str]:
    """``text`` broken into lines no wider than ``avail``, never inside a two-syllable word
    of ``_WORDS``, so that the last line does not hold a single word when a better break
    exists (same number of lines, narrower measure)."""
    units = _units(text)

    def wrap(width: float) -> list[str]:
        lines: list[str] = []
        line = ""
        for word in units:
            trial = f"{line} {word}".strip()
            if stringWidth(trial, font, size) <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        if line:
            lines.append(line)
        return lines

    best = wrap(avail)
    if len(best) < 2 or len(best[-1].split()) > 1:
        return best
    width = avail
    while width > avail * 0.6:
        width -= 2
        trial = wrap(width)
        if len(trial) > len(best):
            break
        if len(trial[-1].split()) > 1:
            return trial
    return best


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
        lines = balanced_lines(c.subject, REGULAR, SIZE_SUBJECT, LEFT_COL - 4)
        rows.append(
            [
                Paragraph(
                    "<br/>".join(map(escape, lines)), _style("subject", REGULAR, SIZE_SUBJECT)
                ),
                "",
            ]
        )
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
        left += [Spacer(1, 4 * mm), QrFlowable(c.qr_text, 22 * mm)]
        if c.qr_caption:
            left.append(_p(c.qr_caption, _style("qrcap", REGULAR, 9, TA_LEFT)))
    signer = _style("signer", BOLD, SIZE_SIGNER)
    right: list[Flowable] = []
    if c.signer_authority:
        right.append(_p(c.signer_authority.upper(), signer))
    if c.signer_title:
        right.append(_p(c.signer_title.upper(), signer))
    # As wide as the signer's column: the signature image and the signing information are
    # centred on the same line as the title and the name, and never reach "Nơi nhận".
    right.append(SignatureMarker(SIGNATURE_SPACE, SIGNER_COL, sink, c.signature))
    right.append(_p(c.signer_name, _style("signer_name", BOLD, SIZE_SIGNER)))
    table = Table([[left, right]], colWidths=[TEXT_WIDTH - SIGNER_COL, SIGNER_COL], hAlign="LEFT")
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


@functools.cache
def _watermark_png() -> bytes:
    """DỰ THẢO written diagonally in light grey, as a transparent PNG: an image, so the letter's
    text layer (search, copy, screen readers) reads exactly as the issued letter will."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(register_fonts().bold), 180)
    left, top, right, bottom = font.getbbox(DRAFT_MARK)
    size = (int(right - left) + 40, int(bottom - top) + 40)
    text = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(text).text(
        (20 - left, 20 - top), DRAFT_MARK, font=font, fill=(150, 150, 150, 70)
    )
    out = io.BytesIO()
    text.rotate(45, expand=True, resample=Image.Resampling.BICUBIC).save(out, "PNG")
    return out.getvalue()


def _draft_mark(canvas: Canvas, doc: Any) -> None:
    """DỰ THẢO across the page and boxed in the top margin: a draft can never pass for an
    issued letter, on screen, on paper or as a saved file."""
    img = ImageReader(io.BytesIO(_watermark_png()))
    iw, ih = img.getSize()
    w = PAGE_WIDTH * 0.8
    h = ih * w / iw
    canvas.drawImage(img, (PAGE_WIDTH - w) / 2, (PAGE_HEIGHT - h) / 2, w, h, mask="auto")
    canvas.saveState()
    canvas.setStrokeColor(Color(0.75, 0, 0))
    canvas.setFillColor(Color(0.75, 0, 0))
    canvas.setFont(BOLD, 13)
    width = stringWidth(DRAFT_MARK, BOLD, 13) + 6 * mm
    x = MARGIN_LEFT
    y = PAGE_HEIGHT - MARGIN_TOP + 3 * mm
    canvas.rect(x, y, width, 7 * mm, stroke=1, fill=0)
    canvas.drawString(x + 3 * mm, y + 2 * mm, DRAFT_MARK)
    canvas.restoreState()


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
    sink: list[SignatureBox] = []
    signature = _signature(c, sink)
    # Each typed paragraph its own, indented, 6 pt after; a list's lines without the space.
    tight = _style(
        "body_list",
        REGULAR,
        SIZE_BODY,
        TA_JUSTIFY,
        firstLineIndent=BODY_INDENT,
        spaceAfter=0,
        leading=SIZE_BODY * 1.25,
    )
    paragraphs = [_p(text, body if end else tight) for text, end in body_paragraphs(c.paragraphs)]
    if paragraphs and not c.tables:
        block: Flowable = _SpacedBlock(signature, 4 * mm)
        last = paragraphs.pop()
        last.wrap(TEXT_WIDTH, PAGE_HEIGHT)
        if len(last.blPara.lines) < 2 and paragraphs:
            # A one-line closing ("Xin thông báo ... được biết./.") is not enough body to go
            # with the signer: the paragraph before it travels too.
            block = _Stack([last, block])
            last = paragraphs.pop()
        story += paragraphs
        story.append(KeepTail(last, block))
    else:
        story += paragraphs
        for caption, header, rows in c.tables:
            story += _report_table(caption, header, rows)
        story.append(Spacer(1, 4 * mm))
        story.append(KeepTogether([signature]))

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

    def first(canvas: Canvas, d: Any) -> None:
        _first_page(canvas, d)
        if c.draft:
            _draft_mark(canvas, d)

    def later(canvas: Canvas, d: Any) -> None:
        _page_number(canvas, d)
        if c.draft:
            _draft_mark(canvas, d)

    doc.addPageTemplates(
        [
            PageTemplate("first", [frame("first")], onPage=first, autoNextPageTemplate="later"),
            PageTemplate("later", [frame("later")], onPage=later),
        ]
    )
    doc.build(story)
    return buf.getvalue(), (sink[-1] if sink else None)
