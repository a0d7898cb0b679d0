"""The one way the application writes a spreadsheet cell and sets a sheet's page: what people
typed stays text (a title ``=HYPERLINK(…)`` or content ``=1+2`` is never a formula), and every
sheet prints on A4 fitted to the page width, with its header row on every page, the title,
period and office above and the page numbers below.

Every workbook export (the periodic report, the intake register, the outgoing register, the
national-entry sheet) writes its rows through :func:`append_row` and sets its page through
:func:`set_print`. The only formulas are the ones the program writes itself, as
:class:`Formula`."""

from __future__ import annotations

import re
import textwrap
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

# A spreadsheet reads a typed value starting with one of these as a formula (Excel and
# LibreOffice alike); such text gets the quote prefix so that editing it keeps it text.
FORMULA_START = ("=", "+", "-", "@")
# Control characters XML 1.0 cannot carry (a pasted e-mail may hold them); openpyxl refuses them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Footer: "Trang 3/12" (page 3 of 12), in the codes both Excel and LibreOffice read.
PAGE_FOOTER = "Trang &P/&N"
# Column widths (in characters) an A4 portrait page holds at a readable scale; wider tables
# print landscape.
PORTRAIT_WIDTH = 100
# Height of one line of wrapped text (points, the default 11-point font as LibreOffice sets
# it). A spreadsheet program does not always grow a row to its wrapped text when it opens a
# file (LibreOffice keeps the stored height), so each row is given the height its longest cell
# needs, estimated on the safe side (a column holds about its width in characters).
LINE_HEIGHT = 12.8
_DEFAULT_WIDTH = 13.0
# Rows already streamed into each write-only sheet (it does not count them itself).
_streamed: weakref.WeakKeyDictionary[WriteOnlyWorksheet, int] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Formula:
    """A formula the program itself writes (a column's total); everything else is a value."""

    text: str


@dataclass(frozen=True)
class RowStyle:
    font: Font | None = None
    fill: PatternFill | None = None
    alignment: Alignment | None = None
    # Column number (1-based) -> number format, for dates and counts.
    number_formats: dict[int, str] | None = None


@dataclass(frozen=True)
class PrintLayout:
    """How a sheet prints: its page header says what it is, for which period and office."""

    title: str
    office: str = ""
    period: str = ""
    # Rows repeated at the top of every printed page ("2:2": the column header under a title).
    header_rows: str = "1:1"
    landscape: bool = True


def clean_text(text: str) -> str:
    return _ILLEGAL.sub("", text)


def _style(cell: Cell | WriteOnlyCell, column: int, style: RowStyle | None) -> None:
    if style is None:
        return
    if style.font is not None:
        cell.font = style.font
    if style.fill is not None:
        cell.fill = style.fill
    if style.alignment is not None:
        cell.alignment = style.alignment
    if style.number_formats and column in style.number_formats:
        cell.number_format = style.number_formats[column]


def _set(cell: Cell | WriteOnlyCell, value: Any) -> None:
    """Put ``value`` in ``cell``: text as text whatever it starts with, a :class:`Formula` as a
    formula."""
    if isinstance(value, Formula):
        cell.value = value.text
        cell.data_type = "f"
    elif isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        # openpyxl makes "=…" a formula and "#N/A" an error: typed text is neither.
        cell.data_type = "s"
        if text.startswith(FORMULA_START):
            cell.quotePrefix = True
    else:
        cell.value = value


def append_row(
    ws: Worksheet | WriteOnlyWorksheet, values: Sequence[Any], style: RowStyle | None = None
) -> None:
    """Append one row of values to ``ws`` (a normal or a streamed write-only sheet)."""
    if isinstance(ws, WriteOnlyWorksheet):
        row_idx = _streamed.get(ws, 0) + 1
        _streamed[ws] = row_idx
        if style is not None and style.alignment is not None and style.alignment.wrap_text:
            lines = max(
                (_lines(v, _width(ws, c)) for c, v in enumerate(values, start=1)), default=1
            )
            if lines > 1:
                ws.row_dimensions[row_idx].height = lines * LINE_HEIGHT
        cells = []
        for column, value in enumerate(values, start=1):
            cell = WriteOnlyCell(ws)
            _set(cell, value)
            _style(cell, column, style)
            cells.append(cell)
        ws.append(cells)
        return
    ws.append([None] * len(values))
    row = ws.max_row
    for column, value in enumerate(values, start=1):
        cell = ws.cell(row, column)
        _set(cell, value)
        _style(cell, column, style)


def append_rows(
    ws: Worksheet | WriteOnlyWorksheet,
    rows: Iterable[Sequence[Any]],
    style: RowStyle | None = None,
) -> int:
    n = 0
    for values in rows:
        append_row(ws, values, style)
        n += 1
    return n


def _width(ws: Worksheet | WriteOnlyWorksheet, column: int) -> float:
    letter = get_column_letter(column)
    dims = ws.column_dimensions
    width = dims[letter].width if letter in dims else None
    return float(width or _DEFAULT_WIDTH)


def _lines(value: Any, width: float) -> int:
    """How many lines ``value`` takes wrapped in a column ``width`` characters wide."""
    if value is None or isinstance(value, Formula):
        return 1
    text = value if isinstance(value, str) else str(value)
    # Words are not split: a line breaks before the word that does not fit.
    per_line = max(1, int(width * 0.95))
    return sum(
        max(1, len(textwrap.wrap(part, per_line)) if len(part) > per_line else 1)
        for part in text.split("\n")
    )


def fit_row_heights(ws: Worksheet, first_row: int = 1) -> None:
    """Give each row of a (normal) sheet whose cells wrap the height its longest cell needs;
    call once the column widths are set."""
    for row in ws.iter_rows(min_row=first_row):
        lines = max(
            (
                _lines(c.value, _width(ws, c.column))
                for c in row
                if c.value is not None and c.alignment is not None and c.alignment.wrap_text
            ),
            default=1,
        )
        if lines > 1:
            ws.row_dimensions[row[0].row].height = lines * LINE_HEIGHT


def set_widths(ws: Worksheet | WriteOnlyWorksheet, widths: Sequence[float]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def needs_landscape(widths: Iterable[float | None]) -> bool:
    return sum(w or 13 for w in widths) > PORTRAIT_WIDTH


def set_print(ws: Worksheet | WriteOnlyWorksheet, layout: PrintLayout) -> None:
    """A4, fitted to the page width (as many pages down as the rows need), the header rows on
    every page, title / period / office in the page header and "Trang n/m" in the footer.
    On a write-only sheet call this before the first row is appended; on a normal sheet once
    its rows and column widths are in (it also fits the rows' heights to their text)."""
    setup = ws.page_setup
    setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.orientation = "landscape" if layout.landscape else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    margins = ws.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.6
    margins.header = margins.footer = 0.3
    ws.print_title_rows = layout.header_rows
    hf = ws.HeaderFooter
    # Small print, so that office, title and period fit side by side even on a portrait page.
    hf.oddHeader.left.text = _header_text(layout.office, 60)
    hf.oddHeader.left.size = 8
    hf.oddHeader.center.text = _header_text(layout.title, 70)
    hf.oddHeader.center.font = "-,Bold"
    hf.oddHeader.center.size = 9
    hf.oddHeader.right.text = _header_text(layout.period, 40)
    hf.oddHeader.right.size = 8
    hf.oddFooter.center.text = PAGE_FOOTER
    hf.oddFooter.center.size = 8
    if not isinstance(ws, WriteOnlyWorksheet):
        fit_row_heights(ws)


def _header_text(text: str, limit: int) -> str:
    # "&" starts a code in a page header ("&P"): a literal ampersand is written twice; the
    # header holds at most 255 characters in all.
    text = " ".join(clean_text(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("&", "&&")
