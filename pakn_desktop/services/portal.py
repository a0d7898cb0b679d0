"""Importing the lists of PAKN that the national or provincial portal exports (xlsx, xls, csv in
UTF-8, UTF-16 or Windows-1258), so portal PAKN are never retyped at the desk.

Reading: the file's kind is told from its bytes, the header row is found among the first rows
and the columns are mapped to intake fields from their Vietnamese words (editable, saved per
office by name). Planning: each row is to be created, updated, skipped or refused, with reasons.
Importing: rows are matched by the portal's code; new rows go through the intake service
(CaseService.receive_in, the same validation and the same history as at the desk), one
transaction per batch; a changed row updates only the fields the office has not edited since it
was imported, and the rest are listed as conflicts.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy import text as sql_text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.enums import CaseState, Channel, SubmitterKind
from pakn_desktop.domain.errors import NotFound, PaknError
from pakn_desktop.domain.history import EventAction
from pakn_desktop.domain.intake import phone_fields
from pakn_desktop.domain.permissions import Permission as P
from pakn_desktop.domain.personal_data import LABELS as PERSONAL_LABELS
from pakn_desktop.domain.personal_data import find_personal_data
from pakn_desktop.domain.places import structured
from pakn_desktop.domain.text import clean_text, fold
from pakn_desktop.domain.validation import (
    IntakeForm,
    format_phone,
    normalize_phone,
    validate_intake,
)
from pakn_desktop.domain.wording import logged
from pakn_desktop.domain.workflow import Action, allowed_actions
from pakn_desktop.services.files import read_chosen
from pakn_desktop.store import summary as summary_rows
from pakn_desktop.store.db import Database, describe_error
from pakn_desktop.store.models import Case, PortalImport, PortalMapping

from .accounts import Guard
from .audit import AuditService
from .cases import CaseService, Received, build_search_text
from .history import event_row, record_event, record_events
from .views import Actor

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
HEADER_SEARCH_ROWS = 15
DEFAULT_BATCH = 200
_IMPORT_LOCK = 0x50414B4E  # "PAKN": the advisory lock that orders import batches

# The intake fields a portal list can fill, in the portal's own order, with their labels.
FIELDS: dict[str, str] = {
    "portal_code": "Mã PAKN",
    "received_at": "Ngày gửi",
    "submitter_kind": "Đối tượng PAKN",
    "submitter_name": "Người gửi",
    "address": "Địa chỉ",
    "phone": "Số điện thoại",
    "email": "Email",
    "title": "Tiêu đề",
    "content": "Nội dung",
    "topic": "Lĩnh vực",
}
REQUIRED_FIELDS = ("portal_code", "title", "content", "received_at")
# Fields an import may update on a case it created earlier (the receipt date is not: it moves
# the deadlines, so a change there is shown as a conflict for a person to decide).
UPDATABLE = ("submitter_kind", "submitter_name", "address", "phone", "email", "title", "content")
COMPARED = (*UPDATABLE, "topic", "received_at")

# Header words, folded (no diacritics, lower case). Longer matches win over shorter ones.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "portal_code": (
        "ma pakn",
        "ma phan anh",
        "ma phan anh kien nghi",
        "ma so pakn",
        "ma ho so",
        "ma so",
        "ma tra cuu",
        "ma",
    ),
    "title": ("tieu de", "pakn ve viec", "ve viec", "trich yeu", "ten pakn", "tieu de pakn"),
    "content": ("noi dung", "noi dung pakn", "noi dung phan anh", "noi dung phan anh kien nghi"),
    "submitter_name": (
        "nguoi gui",
        "nguoi phan anh",
        "nguoi pakn",
        "ho ten",
        "ho va ten",
        "ten nguoi gui",
        "nguoi dan",
        "ten to chuc, ca nhan",
        "to chuc, ca nhan",
        "ca nhan, to chuc",
    ),
    "phone": ("so dien thoai", "dien thoai", "sdt", "so dt", "dt"),
    "address": ("dia chi", "dia chi lien he", "dia chi nguoi gui"),
    "email": ("email", "e-mail", "thu dien tu", "dia chi email", "dia chi thu dien tu"),
    "received_at": (
        "ngay gui",
        "ngay tiep nhan",
        "thoi gian gui",
        "ngay nhan",
        "ngay tao",
        "thoi diem gui",
        "ngay gui pakn",
        "thoi gian tiep nhan",
    ),
    "topic": ("linh vuc", "chu de", "chu de pakn", "linh vuc pakn"),
    "submitter_kind": ("doi tuong", "doi tuong pakn", "loai doi tuong", "doi tuong gui"),
}
# Headers that contain a field's words but mean something else.
_NOT: dict[str, tuple[str, ...]] = {
    "content": ("tra loi", "ket qua", "xu ly"),
    "received_at": ("tra loi", "han", "xu ly"),
    "title": ("tra loi",),
    "portal_code": ("ma so thue", "ma don vi", "ma linh vuc"),
    "address": ("email", "thu dien tu"),
}

_KIND_WORDS: dict[str, SubmitterKind] = {
    "nguoi dan": SubmitterKind.CITIZEN,
    "ca nhan": SubmitterKind.CITIZEN,
    "cong dan": SubmitterKind.CITIZEN,
    "doanh nghiep": SubmitterKind.BUSINESS,
    "to chuc": SubmitterKind.ORGANISATION,
    "co quan nha nuoc": SubmitterKind.STATE_AGENCY,
    "co quan": SubmitterKind.STATE_AGENCY,
}


class ImportFileError(PaknError):
    """The file cannot be read as a portal list at all (kind, encoding, columns)."""


# --- reading files -----------------------------------------------------------------------
@dataclass(frozen=True)
class Table:
    """A portal list as text: the header row and the data rows under it."""

    headers: list[str]
    rows: list[list[str]]
    kind: str  # "xlsx", "xls", "csv" or "html" (a web page's table saved as .xls)
    encoding: str = ""
    header_row: int = 1  # 1-based row number of the headers in the file (the lower of two)
    # The spreadsheet's own row number of each data row (blank rows are left out of ``rows``).
    numbers: list[int] = field(default_factory=list)
    sheet: str = ""  # the sheet read, for a workbook
    sheets: tuple[str, ...] = ()  # every sheet of the workbook, in order (none for csv)

    def row_number(self, index: int) -> int:
        """The row number a person sees in the spreadsheet for data row ``index``."""
        if index < len(self.numbers):
            return self.numbers[index]
        return self.header_row + 1 + index


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_table(
    source: Path | str | bytes,
    filename: str = "",
    *,
    sheet: str | int | None = None,
    header_row: int | None = None,
) -> Table:
    """Read an xlsx, xls or csv portal list. ``sheet`` (a workbook's sheet, by name or 1-based
    number) defaults to the first sheet with a header row; ``header_row`` (1-based) defaults to
    the one found among the first rows. Raises ImportFileError with a Vietnamese message for a
    file that is not a spreadsheet, cannot be decoded, or has no header row."""
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        filename = filename or path.name
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ImportFileError(
                    f"Tệp «{path.name}» lớn quá {MAX_FILE_BYTES // 1048576} MB; "
                    "vui lòng xuất danh sách theo từng khoảng thời gian."
                )
            data = read_chosen(path)
        except FileNotFoundError:
            raise ImportFileError(f"Không tìm thấy tệp «{path}».") from None
        except IsADirectoryError:
            raise ImportFileError(f"«{path}» là thư mục, không phải tệp.") from None
    if not data.strip():
        raise ImportFileError("Tệp rỗng.")
    if header_row is not None and not 1 <= header_row <= MAX_ROWS:
        raise ImportFileError("Dòng tiêu đề cột phải là một số dòng từ 1 trở lên.")
    sheet_name = ""
    names: tuple[str, ...] = ()
    if data.startswith(b"PK\x03\x04"):
        (grid, sheet_name, names), kind, enc = _read_xlsx(data, sheet, header_row), "xlsx", ""
    elif data.startswith(_OLE):
        (grid, sheet_name, names), kind, enc = _read_xls(data, sheet, header_row), "xls", ""
    else:
        if sheet is not None and str(sheet).strip() not in ("", "1"):
            raise ImportFileError("Tệp CSV hoặc HTML chỉ có một trang tính; bỏ --sheet.")
        text, enc = decode_text(data)
        if re.match(r"\s*<", text) and re.search(r"<table\b", text[:200_000], re.I):
            # Many web systems export an HTML table saved with an .xls name.
            grid, kind = _read_html_table(text), "html"
        else:
            grid, kind = _read_csv(text), "csv"
    return replace(_find_header(grid, kind, enc, header_row), sheet=sheet_name, sheets=names)


def _pick_sheet(
    names: list[str],
    sheet: str | int | None,
    head: Callable[[int], list[list[str]]],
    header_row: int | None,
) -> int:
    """The index of the sheet asked for (name or 1-based number; an int is always the
    number, as the dialog gives it), or of the first sheet whose first rows hold a header
    row."""
    if isinstance(sheet, int) and 1 <= sheet <= len(names):
        return sheet - 1
    if sheet is not None and str(sheet).strip():
        want = str(sheet).strip()
        folded = [fold(n).strip() for n in names]
        if fold(want).strip() in folded:
            return folded.index(fold(want).strip())
        if want.isdigit() and 1 <= int(want) <= len(names):
            return int(want) - 1
        raise ImportFileError(
            f"Tệp không có trang tính «{want}». Các trang: "
            + ", ".join(f"{i + 1}. «{n}»" for i, n in enumerate(names))
        )
    if header_row is not None:
        return 0
    for i in range(len(names)):
        if _header_index(head(i)) is not None:
            return i
    return 0


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return f"{value:%d/%m/%Y}"
        return f"{value:%d/%m/%Y %H:%M:%S}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value))


def _read_xlsx(
    data: bytes, sheet: str | int | None = None, header_row: int | None = None
) -> tuple[list[list[str]], str, tuple[str, ...]]:
    """The chosen sheet's cells as text. Read by ``portal_xlsx`` (openpyxl's values, parsed
    a few times faster); a workbook it does not take, or cannot read, is read by openpyxl
    itself, which says what is wrong with it."""
    try:
        return _read_xlsx_fast(data, sheet, header_row)
    except ImportFileError:
        raise
    except Exception:  # whatever it is, openpyxl reads the file or says why
        return _read_xlsx_openpyxl(data, sheet, header_row)


def _read_xlsx_fast(
    data: bytes, sheet: str | int | None = None, header_row: int | None = None
) -> tuple[list[list[str]], str, tuple[str, ...]]:
    from .portal_xlsx import Workbook

    wb = Workbook(data)
    try:

        def head(i: int) -> list[list[str]]:
            return [[_cell_text(v) for v in row] for row in wb.rows(i, HEADER_SEARCH_ROWS)]

        index = _pick_sheet(wb.sheetnames, sheet, head, header_row)
        grid: list[list[str]] = []
        for row in wb.rows(index):
            grid.append([_cell_text(v) for v in row])
            if len(grid) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise ImportFileError(_too_many())
        return grid, wb.sheetnames[index], tuple(wb.sheetnames)
    finally:
        wb.close()


def _read_xlsx_openpyxl(
    data: bytes, sheet: str | int | None = None, header_row: int | None = None
) -> tuple[list[list[str]], str, tuple[str, ...]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            "Tệp không phải bảng tính Excel (.xlsx) đọc được. Vui lòng mở tệp bằng Excel, "
            "lưu lại dạng .xlsx rồi nhập lại."
        ) from logged(exc)
    try:

        def head(i: int) -> list[list[str]]:
            rows = wb.worksheets[i].iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)
            return [[_cell_text(v) for v in row] for row in rows]

        ws = wb.worksheets[_pick_sheet(wb.sheetnames, sheet, head, header_row)]
        grid: list[list[str]] = []
        for row in ws.iter_rows(values_only=True):
            grid.append([_cell_text(v) for v in row])
            if len(grid) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise ImportFileError(_too_many())
        return grid, ws.title, tuple(wb.sheetnames)
    finally:
        wb.close()


def _read_xls(
    data: bytes, sheet_spec: str | int | None = None, header_row: int | None = None
) -> tuple[list[list[str]], str, tuple[str, ...]]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data)
    except Exception as exc:  # xlrd raises its own XLRDError and struct/compdoc errors
        raise ImportFileError(
            "Tệp không phải bảng tính Excel 97-2003 (.xls) đọc được. Vui lòng mở tệp bằng "
            "Excel, lưu lại dạng .xlsx rồi nhập lại."
        ) from logged(exc)

    def head(i: int) -> list[list[str]]:
        sh = book.sheet_by_index(i)
        return [
            [_cell_text(v) for v in sh.row_values(r)]
            for r in range(min(sh.nrows, HEADER_SEARCH_ROWS))
        ]

    sheet = book.sheet_by_index(_pick_sheet(book.sheet_names(), sheet_spec, head, header_row))
    if sheet.nrows > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise ImportFileError(_too_many())
    grid: list[list[str]] = []
    for r in range(sheet.nrows):
        out = []
        for c in range(sheet.ncols):
            cell = sheet.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    out.append(_cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode)))
                except (ValueError, OverflowError):
                    out.append(str(cell.value))
            else:
                out.append(_cell_text(cell.value))
        grid.append(out)
    return grid, sheet.name, tuple(book.sheet_names())


def _too_many() -> str:
    return f"Tệp có quá {MAX_ROWS:,} dòng; vui lòng chia nhỏ danh sách.".replace(",", ".")


def decode_text(data: bytes) -> tuple[str, str]:
    """Text of a csv file and the encoding it was in: UTF-8 (with or without BOM), UTF-16
    (with BOM, or without one when every other byte is zero) or Windows-1258, whose tone
    marks are combining characters and are composed here (NFC)."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        sample = data[:4000]
        zeros_even = sample[0::2].count(0)
        zeros_odd = sample[1::2].count(0)
        half = len(sample) // 2 or 1
        if zeros_odd > half * 0.3 and zeros_even < half * 0.05:
            candidates = ["utf-16-le"]
        elif zeros_even > half * 0.3 and zeros_odd < half * 0.05:
            candidates = ["utf-16-be"]
        elif b"\x00" in sample:
            raise ImportFileError(
                "Tệp không phải bảng tính (xlsx, xls hoặc csv): có dữ liệu nhị phân."
            )
        else:
            candidates = ["utf-8", "cp1258"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            continue
        label = {"utf-8-sig": "UTF-8 (BOM)", "utf-8": "UTF-8", "cp1258": "Windows-1258"}.get(
            enc, "UTF-16"
        )
        return unicodedata.normalize("NFC", text), label
    raise ImportFileError(
        "Không đọc được bảng mã của tệp (hỗ trợ UTF-8, UTF-16 và Windows-1258). "
        "Vui lòng lưu lại tệp dưới dạng CSV UTF-8 hoặc Excel."
    )


class _TableParser(HTMLParser):
    """The cells of the first HTML table that has any, row by row (colspan repeated)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "tr":
            self._end_row()
            self._row = []
        elif tag in ("td", "th"):
            self._end_cell()
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() and 0 < int(span) < 100 else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skip:
            self._cell.append(data)

    def _end_cell(self) -> None:
        if self._cell is not None:
            if self._row is None:
                self._row = []
            text = "\n".join(" ".join(p.split()) for p in "".join(self._cell).split("\n"))
            self._row.extend([clean_text(text)] + [""] * (self._span - 1))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            self.rows.append(self._row)
        self._row = None


def _read_html_table(text: str) -> list[list[str]]:
    parser = _TableParser()
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:  # html.parser is lenient; anything else is a broken file
        raise ImportFileError(
            "Bảng HTML trong tệp không đọc được. Vui lòng tải lại tệp từ Cổng."
        ) from logged(exc)
    parser._end_row()
    if len(parser.rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise ImportFileError(_too_many())
    return parser.rows


def _read_csv(text: str) -> list[list[str]]:
    first, _, rest = text.partition("\n")
    hint = re.fullmatch(r"\s*sep=(.)\s*", first)
    if hint:
        # Excel's "sep=;" first line names the delimiter; it stays an (empty) row so row
        # numbers match what the spreadsheet shows.
        delimiter, text = hint.group(1), "\n" + rest
    else:
        sample = text[:8000]
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFileError(
            "Tệp CSV không đúng định dạng (có thể một ô quá dài hoặc thiếu dấu ngoặc kép). "
            "Vui lòng mở tệp bằng Excel, lưu lại rồi nhập lại."
        ) from logged(exc)
    if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise ImportFileError(_too_many())
    return [[clean_text(c) for c in r] for r in rows]


def _header_index(grid: list[list[str]]) -> int | None:
    """The first of the top rows in which at least three cells name a known field."""
    for i, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        if sum(1 for cell in row if cell and _is_known_header(cell)) >= 3:
            return i
    return None


def _is_sub_header(row: list[str]) -> bool:
    """A second header row (under merged group headings such as "Người gửi"): two known
    header words and nothing that reads as data (a date)."""
    known = sum(1 for cell in row if cell and _is_known_header(cell))
    return known >= 2 and not any(parse_portal_datetime(c) for c in row if c)


def _find_header(
    grid: list[list[str]], kind: str, encoding: str, header_row: int | None = None
) -> Table:
    """The header row is the first of the top rows in which at least three cells name a known
    field (title rows such as "DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ" above it are skipped), or the
    row asked for. A two-row header (group headings over merged cells, the fields under them)
    is read as one: each column's lower heading, or the one above it where that is blank."""
    if header_row is not None:
        if header_row > len(grid) or not any(c.strip() for c in grid[header_row - 1]):
            raise ImportFileError(
                f"Dòng {header_row} của tệp trống hoặc không có; không phải dòng tiêu đề cột."
            )
        i: int | None = header_row - 1
        assert i is not None
        # The row asked for may be the lower of two header rows.
        above = grid[i - 1] if i > 0 else []
        known_above = sum(1 for c in above if c and _is_known_header(c))
        top = above if known_above >= 2 and _is_sub_header(grid[i]) else None
        lower = grid[i]
    else:
        i = _header_index(grid)
        if i is None:
            raise ImportFileError(
                "Không tìm thấy dòng tiêu đề cột (ví dụ «Mã PAKN», «Tiêu đề», «Nội dung», "
                f"«Ngày gửi») trong {HEADER_SEARCH_ROWS} dòng đầu của tệp. Tệp có đúng là danh "
                "sách PAKN xuất từ Cổng không? (Chọn trang tính bằng --sheet, dòng tiêu đề bằng "
                "--header-row.)"
            )
        top = None
        lower = grid[i]
        if i + 1 < len(grid) and _is_sub_header(grid[i + 1]):
            top, lower = grid[i], grid[i + 1]
            i += 1
    if top is not None:
        n = max(len(top), len(lower))
        top, lower = top + [""] * (n - len(top)), lower + [""] * (n - len(lower))
        lower = [lo if lo.strip() else up for up, lo in zip(top, lower, strict=True)]
    headers = _unique_headers(lower)
    width = len(headers)
    rows = []
    numbers = []
    for n, r in enumerate(grid[i + 1 :], start=i + 2):
        if not any(c.strip() for c in r):
            continue  # a blank row: left out, the rows after it keep their own numbers
        rows.append((r + [""] * width)[:width])
        numbers.append(n)
    return Table(headers, rows, kind, encoding, header_row=i + 1, numbers=numbers)


def _unique_headers(row: Sequence[str]) -> list[str]:
    out: list[str] = []
    for i, h in enumerate(row):
        name = " ".join(h.split()) or f"Cột {i + 1}"
        base, n = name, 2
        while name in out:
            name = f"{base} ({n})"
            n += 1
        out.append(name)
    while out and out[-1].startswith("Cột ") and not row[len(out) - 1].strip():
        out.pop()
    return out


# --- mapping --------------------------------------------------------------------------------
def _score(h_fold: str, fld: str) -> int:
    """How well a folded header names a field: exact words, then a prefix, then a phrase
    inside it; the longer the matching words, the better. 0 when it does not."""
    if any(bad in h_fold for bad in _NOT.get(fld, ())):
        return 0
    score = 0
    for w in _SYNONYMS[fld]:
        if h_fold == w:
            score = max(score, 1000 + len(w))
        elif h_fold.startswith((w + " ", w + "(")):
            score = max(score, 500 + len(w))
        elif len(w) > 3 and re.search(rf"\b{re.escape(w)}\b", h_fold):
            score = max(score, 100 + len(w))
    return score


def _fold_header(header: str) -> str:
    return fold(header).strip(" :*.")


def _is_known_header(header: str) -> bool:
    h = _fold_header(header)
    return any(_score(h, fld) for fld in _SYNONYMS)


def guess_mapping(headers: Sequence[str]) -> dict[str, str]:
    """{intake field: header} guessed from the headers' Vietnamese words; each header is used
    once, the closest match first."""
    pairs: list[tuple[int, str, str]] = []
    for h in headers:
        h_fold = _fold_header(h)
        for fld in _SYNONYMS:
            score = _score(h_fold, fld)
            if score:
                pairs.append((score, fld, h))
    pairs.sort(key=lambda p: -p[0])
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for _score_value, fld, h in pairs:
        if fld in mapping or h in used:
            continue
        mapping[fld] = h
        used.add(h)
    return {f: mapping[f] for f in FIELDS if f in mapping}


def check_mapping(mapping: dict[str, str], headers: Sequence[str]) -> None:
    """Refuse a mapping that lacks a required field or names a column the file does not have."""
    unknown = [f for f in mapping if f not in FIELDS]
    if unknown:
        raise ImportFileError("Trường không hợp lệ trong cách ghép cột: " + ", ".join(unknown))
    missing = [FIELDS[f] for f in REQUIRED_FIELDS if not mapping.get(f)]
    if missing:
        raise ImportFileError(
            "Chưa ghép cột cho trường bắt buộc: "
            + ", ".join(missing)
            + ". Tệp thiếu cột này hoặc tiêu đề cột khác thường: vui lòng chọn cột trong hộp "
            "thoại nhập (trên dòng lệnh: dùng một cách ghép cột đã lưu)."
        )
    absent = [h for h in mapping.values() if h and h not in headers]
    if absent:
        raise ImportFileError(
            "Tệp không có cột: "
            + ", ".join(f"«{h}»" for h in absent)
            + ". Các cột của tệp: "
            + ", ".join(f"«{h}»" for h in headers)
        )
    used = [h for h in mapping.values() if h]
    if len(used) != len(set(used)):
        raise ImportFileError("Một cột được ghép cho hai trường; mỗi cột chỉ ghép một trường.")


# --- rows --------------------------------------------------------------------------------------
_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})[:hg](\d{2})(?::(\d{2}))?(?:\.\d+)?$")


def parse_portal_datetime(text: str) -> datetime | None:
    """dd/mm/yyyy (also with - or .), optionally with a time before or after it ("08:15",
    "08:15:30", "8h15"); also yyyy-mm-dd. None when unreadable."""
    s = " ".join(text.replace("T", " ").replace(",", " ").split())
    if not s:
        return None
    parts = s.split(" ")
    day_part = next((p for p in parts if _DATE.match(p) or _ISO.match(p)), None)
    if day_part is None:
        return None
    rest = [p for p in parts if p != day_part]
    m = _DATE.match(day_part)
    try:
        if m:
            d = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        else:
            mi = _ISO.match(day_part)
            assert mi is not None
            d = date(int(mi.group(1)), int(mi.group(2)), int(mi.group(3)))
        t = time(0, 0)
        if rest:
            if len(rest) > 1:
                return None
            mt = _TIME.match(rest[0].lower())
            if not mt:
                return None
            t = time(int(mt.group(1)), int(mt.group(2)), int(mt.group(3) or 0))
    except ValueError:
        return None
    if d.year < 2000:
        return None
    return datetime.combine(d, t)


def _submitter_kind(text: str) -> SubmitterKind | None:
    t = fold(text)
    if not t:
        return SubmitterKind.CITIZEN
    for value in SubmitterKind:
        if t == value.value:
            return value
    for words, kind in _KIND_WORDS.items():
        if t == words or t.startswith(words):
            return kind
    return None


def _phone_text(text: str) -> str:
    t = text.strip()
    # A spreadsheet that stored the number as a number lost its leading zero.
    if t.isdigit() and len(t) == 9 and t[0] in "35789":
        return "0" + t
    return t


@dataclass(frozen=True)
class RowPlan:
    """What importing one row will do (or did): create, update, skip or error."""

    row: int  # row number in the file, as the spreadsheet shows it
    portal_code: str
    action: str
    reasons: list[str] = field(default_factory=list)
    case_code: str = ""
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    conflicts: dict[str, tuple[str, str]] = field(default_factory=dict)
    personal_data: list[str] = field(default_factory=list)
    title: str = ""


ACTION_LABELS = {
    "create": "Tạo mới",
    "update": "Cập nhật",
    "skip": "Bỏ qua",
    "error": "Lỗi",
}


@dataclass
class _Parsed:
    index: int
    row: int
    code: str
    values: dict[str, str]  # normalised values as they are stored
    form: IntakeForm | None
    received_at: datetime | None
    errors: list[str]


def portal_key(code: str) -> str:
    """A portal code as it is compared everywhere (the database, within a file, marking a case
    as entered): trimmed, letter case ignored ("h38.1 " is "H38.1")."""
    return code.strip().upper()


_FOOTER = re.compile(r"^(?:tong cong|tong so|tong|cong)\b")


def footer_rows(table: Table, mapping: dict[str, str]) -> list[int]:
    """Data rows that are the list's total or footer: a row opening with "Tổng cộng", "Tổng
    số", "Cộng"…, and the rows without a code after it (who drew up the list, signatures)."""
    code_col = table.headers.index(mapping["portal_code"]) if mapping.get("portal_code") else -1
    out: list[int] = []
    for i, raw in enumerate(table.rows):
        first = next((c for c in raw if c.strip()), "")
        code = raw[code_col].strip() if code_col >= 0 else ""
        total = _FOOTER.match(fold(first).strip()) and (not code or code == first.strip())
        if total or (out and not code):
            out.append(i)
    return out


def _parse_rows(
    table: Table,
    mapping: dict[str, str],
    channel: Channel,
    now: datetime,
    skip: Iterable[int] = (),
) -> list[_Parsed]:
    col = {f: table.headers.index(h) for f, h in mapping.items() if h}
    out: list[_Parsed] = []
    first_row: dict[str, int] = {}
    left_out = set(skip)
    for i, raw in enumerate(table.rows):
        if i in left_out:
            continue

        def get(f: str, raw: list[str] = raw) -> str:
            # Cells were cleaned (NFC, no control characters) when the file was read.
            return raw[col[f]].strip() if f in col else ""

        row_no = table.row_number(i)
        errors: list[str] = []
        code = get("portal_code")
        if not code:
            errors.append("Thiếu mã PAKN trên Cổng.")
        elif portal_key(code) in first_row:
            errors.append(f"Trùng mã PAKN «{code}» với dòng {first_row[portal_key(code)]} của tệp.")
        else:
            first_row[portal_key(code)] = row_no
        when_text = get("received_at")
        received_at = parse_portal_datetime(when_text)
        if received_at is None:
            errors.append(
                f"Ngày gửi «{when_text}» không đọc được (cần dạng dd/mm/yyyy hoặc "
                "dd/mm/yyyy hh:mm)."
                if when_text
                else "Thiếu ngày gửi."
            )
        kind = _submitter_kind(get("submitter_kind"))
        if kind is None:
            errors.append(f"Đối tượng PAKN «{get('submitter_kind')}» không rõ.")
        phone = _phone_text(get("phone"))
        norm = normalize_phone(phone)
        values = {
            "portal_code": code,
            "submitter_kind": (kind or SubmitterKind.CITIZEN).value,
            "submitter_name": get("submitter_name"),
            "address": get("address"),
            "phone": format_phone(norm) if norm else phone,
            "email": get("email"),
            "title": get("title"),
            "content": get("content"),
            "topic": get("topic"),
            "received_at": received_at.isoformat(timespec="minutes") if received_at else "",
        }
        form = IntakeForm(
            submitter_kind=values["submitter_kind"],
            submitter_name=values["submitter_name"],
            address=values["address"],
            phone=phone,
            email=values["email"],
            title=values["title"],
            content=values["content"],
            channel=channel.value,
            portal_code=code,
            topic=values["topic"],
        )
        if received_at is not None and received_at > now:
            errors.append("Ngày gửi ở sau thời điểm hiện tại.")
        # The same checks as at the desk (NĐ 20/2008 Điều 7: name, address, phone...).
        for fld, msg in validate_intake(form).items():
            if fld != "portal_code" or code:
                errors.append(msg)
        out.append(_Parsed(i, row_no, code, values, form, received_at, errors))
    return out


def _current_values(case: Case) -> dict[str, str]:
    sub = case.submitter
    return {
        "submitter_kind": case.submitter_kind,
        "submitter_name": sub.name,
        "address": sub.address,
        "phone": sub.phone,
        "email": sub.email,
        "title": case.title,
        "content": case.content,
        "topic": case.topic,
        "received_at": case.received_at.isoformat(timespec="minutes"),
    }


def _same(fld: str, a: str, b: str) -> bool:
    if fld == "phone":
        return (normalize_phone(a) or a) == (normalize_phone(b) or b)
    return a == b


@dataclass(frozen=True)
class _Existing:
    case: Case
    imported: PortalImport | None


def _load_existing(s: Session, codes: Iterable[str]) -> dict[str, _Existing]:
    """The cases holding these portal codes, by ``portal_key`` (trimmed, any letter case)."""
    wanted = sorted({portal_key(c) for c in codes if c.strip()})
    found: dict[str, _Existing] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for imp, case in s.execute(
            select(PortalImport, Case)
            .join(Case, Case.id == PortalImport.case_id)
            .where(func.upper(func.trim(PortalImport.portal_code)).in_(chunk))
        ):
            found[portal_key(imp.portal_code)] = _Existing(case, imp)
        rest = [c for c in chunk if c not in found]
        if rest:
            for case in s.scalars(
                # The term beside the code lets the partial index of migration 0021 serve.
                select(Case).where(
                    Case.portal_code != "", func.upper(func.trim(Case.portal_code)).in_(rest)
                )
            ):
                found.setdefault(portal_key(case.portal_code), _Existing(case, None))
    return found


def _plan_row(p: _Parsed, existing: _Existing | None) -> RowPlan:
    title = p.values["title"]
    if p.errors:
        return RowPlan(p.row, p.code, "error", list(p.errors), title=title)
    assert p.form is not None and p.received_at is not None
    if existing is None:
        personal = _personal_labels(p.values["content"])
        reasons = ["PAKN mới trên Cổng."]
        if personal:
            reasons.append("Nội dung có dữ liệu cá nhân: " + ", ".join(personal) + ".")
        return RowPlan(p.row, p.code, "create", reasons, personal_data=personal, title=title)
    case = existing.case
    if existing.imported is None:
        if not Channel(case.channel).is_portal:
            return RowPlan(
                p.row,
                p.code,
                "skip",
                [
                    f"Đã có trong sổ: hồ sơ {case.code} (nhận qua kênh "
                    f"{Channel(case.channel).label}, đã nhập lên Hệ thống với mã này)."
                ],
                case_code=case.code,
                title=title,
            )
        return RowPlan(
            p.row,
            p.code,
            "error",
            [f"Mã PAKN trên Cổng «{p.code}» đã được dùng cho hồ sơ {case.code} nhập tại cơ quan."],
            case_code=case.code,
            title=title,
        )
    snap = existing.imported.fields
    cur = _current_values(case)
    changes: dict[str, tuple[str, str]] = {}
    conflicts: dict[str, tuple[str, str]] = {}
    for fld in COMPARED:
        new = p.values[fld]
        old_snap = snap.get(fld, "")
        if _same(fld, new, old_snap) or _same(fld, new, cur[fld]):
            continue
        if fld in UPDATABLE and _same(fld, cur[fld], old_snap):
            changes[fld] = (cur[fld], new)
        else:
            conflicts[fld] = (cur[fld], new)
    notes: list[str] = []
    state = CaseState(case.state)
    if changes and Action.EDIT not in allowed_actions(state):
        conflicts.update(changes)
        changes = {}
        notes.append(f"Hồ sơ {case.code} đang ở trạng thái «{state.label}», không sửa được.")
    if conflicts:
        notes.append(
            "Xung đột, giữ nguyên trong sổ (cơ quan đã sửa sau lần nhập trước, hoặc hồ sơ "
            "không sửa được nữa): " + ", ".join(_field_label(f) for f in conflicts) + "."
        )
    if changes:
        notes.insert(0, "Cổng đã sửa: " + ", ".join(_field_label(f) for f in changes) + ".")
        personal = _personal_labels(p.values["content"]) if "content" in changes else []
        if personal:
            notes.append("Nội dung có dữ liệu cá nhân: " + ", ".join(personal) + ".")
        return RowPlan(
            p.row,
            p.code,
            "update",
            notes,
            case_code=case.code,
            changes=changes,
            conflicts=conflicts,
            personal_data=personal,
            title=title,
        )
    if not conflicts:
        notes.append(f"Không có thay đổi so với lần nhập trước (hồ sơ {case.code}).")
    return RowPlan(
        p.row, p.code, "skip", notes, case_code=case.code, conflicts=conflicts, title=title
    )


def _personal_labels(content: str) -> list[str]:
    """The kinds of personal data in a row's content (only for rows that write it: the
    detector is a large part of a row's cost)."""
    return sorted({PERSONAL_LABELS[f.kind] for f in find_personal_data(content)})


def _field_label(fld: str) -> str:
    return FIELDS.get(fld, fld)


# --- reports -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class BatchReport:
    first_row: int
    last_row: int
    created: int
    updated: int
    skipped: int
    errors: int


@dataclass
class ImportReport:
    """The outcome of a preview or an import, row by row, with where to resume."""

    source: str
    total: int
    dry_run: bool
    rows: list[RowPlan] = field(default_factory=list)
    batches: list[BatchReport] = field(default_factory=list)
    cancelled: bool = False
    failure: str = ""
    # Data row index (0-based) to pass as ``start`` to finish an interrupted import.
    resume_from: int | None = None
    resume_row: int | None = None  # the same, as the spreadsheet's row number
    # Said once for the whole list (the total and footer rows left out).
    notes: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def conflicts(self) -> list[RowPlan]:
        return [r for r in self.rows if r.conflicts]

    def summary(self) -> str:
        verb = "Xem trước" if self.dry_run else "Đã nhập"
        text = (
            f"{verb} {len(self.rows)}/{self.total} dòng: tạo mới {self.count('create')}, "
            f"cập nhật {self.count('update')}, bỏ qua {self.count('skip')}, "
            f"lỗi {self.count('error')}, xung đột {len(self.conflicts)}."
        )
        for note in self.notes:
            text += " " + note
        if self.cancelled:
            text += " Đã dừng theo yêu cầu."
        if self.failure:
            text += f" Bị gián đoạn: {self.failure}"
        if self.resume_row is not None:
            text += (
                f" Các lô trước đã lưu; tiếp tục từ dòng {self.resume_row} của tệp "
                "(nhập lại cả tệp cũng không tạo trùng)."
            )
        return text


@dataclass(frozen=True)
class MappingView:
    name: str
    columns: dict[str, str]
    channel: str
    updated_by: str
    updated_at: datetime


# --- the service -------------------------------------------------------------------------------
class PortalImportService:
    def __init__(
        self,
        db: Database,
        cases: CaseService,
        now: Callable[[], datetime] = vn_now,
        guard: Guard | None = None,
        audit: AuditService | None = None,
    ) -> None:
        self._db = db
        self._cases = cases
        self._now = now
        self.guard = guard or Guard(db, now)
        self._audit = audit or AuditService(db, now, self.guard)

    # mappings
    def mappings(self) -> list[MappingView]:
        with self._db.read() as s:
            return [
                _mapping_view(m)
                for m in s.scalars(select(PortalMapping).order_by(PortalMapping.name))
            ]

    def mapping(self, name: str) -> MappingView:
        with self._db.read() as s:
            m = s.scalar(select(PortalMapping).where(PortalMapping.name == name.strip()))
            if m is None:
                names = ", ".join(v.name for v in self.mappings()) or "chưa có"
                raise NotFound(f"Không có cách ghép cột tên «{name.strip()}» (đã lưu: {names}).")
            return _mapping_view(m)

    def save_mapping(
        self,
        name: str,
        columns: dict[str, str],
        actor: Actor,
        channel: Channel = Channel.NATIONAL_PORTAL,
    ) -> MappingView:
        actor = self.guard.require(actor, P.RECEIVE)
        name = clean_text(name)
        if not name or len(name) > 100:
            raise PaknError("Tên cách ghép cột phải có từ 1 đến 100 ký tự.")
        if not Channel(channel).is_portal:
            raise PaknError("Kênh của danh sách phải là Cổng DVC quốc gia hoặc Cổng DVC tỉnh.")
        cols = {f: h for f, h in columns.items() if h}
        check_mapping(cols, list(cols.values()))
        with self._db.write() as s:
            m = s.scalar(select(PortalMapping).where(PortalMapping.name == name))
            if m is None:
                m = PortalMapping(name=name)
                s.add(m)
            m.columns = dict(cols)
            m.channel = Channel(channel).value
            m.updated_by = actor.name
            m.updated_at = self._now()
            s.flush()
            return _mapping_view(m)

    def delete_mapping(self, name: str, actor: Actor) -> None:
        self.guard.require(actor, P.RECEIVE)
        with self._db.write() as s:
            m = s.scalar(select(PortalMapping).where(PortalMapping.name == name.strip()))
            if m is None:
                raise NotFound(f"Không có cách ghép cột tên «{name.strip()}».")
            s.delete(m)

    # preview and import
    def preview(
        self,
        table: Table,
        mapping: dict[str, str],
        actor: Actor,
        channel: Channel = Channel.NATIONAL_PORTAL,
        source: str = "",
    ) -> ImportReport:
        """What an import would do, row by row; writes nothing."""
        return self.run(table, mapping, actor, channel=channel, source=source, dry_run=True)

    def run(
        self,
        table: Table,
        mapping: dict[str, str],
        actor: Actor,
        *,
        channel: Channel = Channel.NATIONAL_PORTAL,
        source: str = "",
        dry_run: bool = False,
        batch_size: int = DEFAULT_BATCH,
        start: int = 0,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """Import the rows from data row ``start`` on, ``batch_size`` rows per transaction.
        Between batches ``cancelled()`` is asked; a cancel or a failure leaves the batches
        already committed and the report says where to resume."""
        channel = Channel(channel)
        if not channel.is_portal:
            raise PaknError("Kênh của danh sách phải là Cổng DVC quốc gia hoặc Cổng DVC tỉnh.")
        # Importing receives PAKN: the front desk's permission, checked before any row. A dry
        # run too: its plan shows which PAKN exist and what they hold.
        actor = self.guard.require(actor, P.RECEIVE)
        check_mapping(mapping, table.headers)
        if batch_size < 1:
            raise PaknError("Số dòng mỗi lô phải lớn hơn 0.")
        if start < 0 or start > len(table.rows):
            raise PaknError(f"Dòng tiếp tục phải từ 0 đến {len(table.rows)}.")
        footer = footer_rows(table, mapping)
        parsed = [
            p for p in _parse_rows(table, mapping, channel, self._now(), footer) if p.index >= start
        ]
        report = ImportReport(source, len(table.rows) - len(footer), dry_run)
        if footer:
            rows = sorted({table.row_number(i) for i in footer})
            where = f"dòng {rows[0]}" if len(rows) == 1 else f"dòng {rows[0]}–{rows[-1]}"
            report.notes.append(f"Bỏ qua dòng tổng cộng, chân danh sách ({where}).")
        done = 0
        for b in range(0, len(parsed), batch_size):
            if cancelled is not None and cancelled():
                report.cancelled = True
                report.resume_from = parsed[b].index
                report.resume_row = parsed[b].row
                break
            batch = parsed[b : b + batch_size]
            try:
                plans = self._batch(batch, actor, source, dry_run)
            except PaknError as exc:
                report.failure = exc.message
            except Exception as exc:  # a database failure: the batch was rolled back
                logged(exc)
                mapped = describe_error(exc) if isinstance(exc, (OSError, DBAPIError)) else None
                report.failure = (
                    mapped.message
                    if mapped is not None
                    else "Không lưu được lô này (lỗi cơ sở dữ liệu hoặc ổ đĩa); lô đã được hoàn "
                    "tác. Vui lòng thử lại từ dòng này hoặc báo quản trị hệ thống."
                )
            if report.failure:
                report.resume_from = batch[0].index
                report.resume_row = batch[0].row
                break
            report.rows.extend(plans)
            report.batches.append(
                BatchReport(
                    batch[0].row,
                    batch[-1].row,
                    sum(p.action == "create" for p in plans),
                    sum(p.action == "update" for p in plans),
                    sum(p.action == "skip" for p in plans),
                    sum(p.action == "error" for p in plans),
                )
            )
            done += len(batch)
            if progress is not None:
                progress(done, len(parsed))
        if not dry_run:
            self._record_run(actor, source, report)
        return report

    def _record_run(self, actor: Actor, source: str, report: ImportReport) -> None:
        """The import run in the audit chain: who, which file, what it did."""
        counts = {
            "rows": report.total,
            "created": report.count("create"),
            "updated": report.count("update"),
            "skipped": report.count("skip"),
            "errors": report.count("error"),
            "conflicts": len(report.conflicts),
            "complete": report.resume_row is None and not report.cancelled,
        }
        with self._db.write() as s:
            self._audit.record(
                s,
                actor,
                "portal.import",
                (source or "danh sách")[-100:],
                f"Nhập danh sách PAKN của Cổng «{source}»: " + report.summary(),
                after=counts,
            )

    def _batch(
        self, batch: list[_Parsed], actor: Actor | None, source: str, dry_run: bool
    ) -> list[RowPlan]:
        if dry_run:
            with self._db.read() as s:
                existing = _load_existing(s, (p.code for p in batch))
                return [_plan_row(p, existing.get(portal_key(p.code))) for p in batch]
        assert actor is not None
        with self._db.write() as s:
            if not self._db.is_sqlite:
                # Two desks importing overlapping lists: batches take turns, so each plans
                # against what the other has committed (SQLite's write lock does the same).
                s.execute(sql_text("SELECT pg_advisory_xact_lock(:key)"), {"key": _IMPORT_LOCK})
            existing = _load_existing(s, (p.code for p in batch))
            plans = [_plan_row(p, existing.get(portal_key(p.code))) for p in batch]
            # New PAKN are received together (one check of the actor, one flush, one count).
            new = [i for i, plan in enumerate(plans) if plan.action == "create"]
            items: list[tuple[IntakeForm, datetime]] = []
            for i in new:
                form, received_at = batch[i].form, batch[i].received_at
                assert form is not None and received_at is not None
                items.append((form, received_at))
            received = self._cases.receive_many_in(s, items, actor, validated=True) if items else []
            imports: list[dict[str, Any]] = []
            events: list[dict[str, Any]] = []
            now = self._now()
            for i, result in zip(new, received, strict=True):
                plans[i] = self._create(batch[i], plans[i], result)
                if isinstance(result, Received):
                    imports.append(self._import_row(batch[i], result, source, now))
                    events.append(
                        self._created_event(batch[i], plans[i], result, actor, source, now)
                    )
            if imports:
                # The cases' portal records and their import history, one statement each (the
                # history mirrored into the audit chain as the ORM's hook would).
                s.execute(insert(PortalImport), imports)
                record_events(s, events)
            for p, plan in zip(batch, plans, strict=True):
                if plan.action == "update":
                    ex = existing[portal_key(p.code)]
                    assert ex.imported is not None
                    self._update(s, p, plan, ex.case, ex.imported, actor, source)
            return plans

    @staticmethod
    def _create(p: _Parsed, plan: RowPlan, received: Received | dict[str, str]) -> RowPlan:
        if isinstance(received, dict):
            return RowPlan(p.row, p.code, "error", list(received.values()), title=plan.title)
        return RowPlan(
            plan.row,
            plan.portal_code,
            "create",
            plan.reasons,
            case_code=received.code,
            personal_data=plan.personal_data,
            title=plan.title,
        )

    @staticmethod
    def _import_row(p: _Parsed, case: Received, source: str, now: datetime) -> dict[str, Any]:
        return {
            "case_id": case.id,
            "portal_code": p.code,
            "fields": {f: p.values[f] for f in COMPARED},
            "source": source[:255],
            "imported_at": now,
        }

    @staticmethod
    def _created_event(
        p: _Parsed, plan: RowPlan, case: Received, actor: Actor, source: str, now: datetime
    ) -> dict[str, Any]:
        summary = f"Nhập từ danh sách của Cổng (tệp «{source}», dòng {p.row})."
        if plan.personal_data:
            summary += (
                " Nội dung có dữ liệu cá nhân (" + ", ".join(plan.personal_data) + "): cần "
                "chuyển sang ghi chú nội bộ trước khi công khai."
            )
        return event_row(
            case.id,
            actor,
            EventAction.PORTAL_IMPORT,
            summary,
            at=now,
            changes={"portal_row": p.row, "source": source},
        )

    def _update(
        self,
        s: Session,
        p: _Parsed,
        plan: RowPlan,
        case: Case,
        imported: PortalImport,
        actor: Actor,
        source: str,
    ) -> None:
        sub = case.submitter
        # The submitter kind is a dashboard figure: the daily summary moves with the case.
        counted = summary_rows.case_before(s, case.id)
        for fld, (_old, new) in plan.changes.items():
            if fld == "submitter_kind":
                sub.kind = new
                case.submitter_kind = new
            elif fld in ("submitter_name", "address", "email"):
                setattr(sub, "name" if fld == "submitter_name" else fld, new)
                if fld == "address":
                    # The province and commune follow the new text (the summary with them).
                    _text, case.province_code, case.commune_code = structured(new, None, None)
            elif fld == "phone":
                sub.phone, sub.phone_norm = phone_fields(new)
            else:
                setattr(case, fld, new)
        case.search_text = build_search_text(case, sub)
        snapshot = dict(imported.fields)
        for fld in COMPARED:
            if fld not in plan.conflicts:
                snapshot[fld] = p.values[fld]
        imported.fields = snapshot
        imported.imported_at = self._now()
        imported.source = source[:255]
        labels = ", ".join(_field_label(f) for f in plan.changes)
        summary = f"Cập nhật từ danh sách của Cổng (tệp «{source}», dòng {p.row}): {labels}."
        if plan.conflicts:
            summary += " Giữ nguyên do cơ quan đã sửa: " + ", ".join(
                _field_label(f) for f in plan.conflicts
            )
            summary += "."
        self._event(
            s, case, actor, summary, {f: [old, new] for f, (old, new) in plan.changes.items()}
        )
        # A change to the submitter alone must still bump the case's version, so a desk
        # holding the old one is told to reload instead of overwriting it.
        flag_modified(case, "title")
        s.flush()
        summary_rows.case_after(s, case.id, counted)

    def _event(
        self, s: Session, case: Case, actor: Actor, summary: str, changes: dict[str, Any]
    ) -> None:
        record_event(
            s,
            case,
            actor,
            EventAction.PORTAL_IMPORT,
            summary,
            at=self._now(),
            changes=changes,
        )


def _mapping_view(m: PortalMapping) -> MappingView:
    return MappingView(m.name, dict(m.columns), m.channel, m.updated_by, m.updated_at)
