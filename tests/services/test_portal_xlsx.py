"""The fast xlsx reader of portal lists (services/portal_xlsx.py) gives exactly the values
openpyxl's read-only mode gives (``iter_rows(values_only=True)``), row for row, on workbooks
written both ways openpyxl writes them (shared strings with a dimension; inline strings
without one), with dates, times, durations, numbers, booleans, formulas, blank rows and
cells, rich text and several sheets; and ``read_table`` reads the same table through it."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.chart import BarChart, Reference
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from pakn_desktop.services import portal
from pakn_desktop.services.portal_xlsx import Unsupported, Workbook

ROWS: list[list[Any]] = [
    ["DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ"],
    [],
    ["STT", "Mã PAKN", "Tiêu đề", "Nội dung", "Người gửi", "Ngày gửi", "Số điện thoại"],
    [
        1,
        "H38.1",
        "  Đường hỏng ",
        "Nội dung\ncó xuống dòng",
        "Lê Văn A",
        datetime(2026, 3, 5, 8, 15),
    ],
    [2, "H38.2", "Tiêu đề", "=1+2 là chữ", None, date(2026, 3, 6), 912345678],
    [None, None, None],
    [3, "h38.3", True, False, 1.5, datetime(2026, 3, 7), "0912 345 678", "thừa"],
    [4, "H38.4", 12345678901234567890, -0.0, 1e-7, time(8, 30), timedelta(hours=30)],
    ["Tổng cộng", None, None, None, None, None, None, None, None, "K"],
]


def _book(write_only: bool, *, epoch_1904: bool = False) -> bytes:
    wb = OpenpyxlWorkbook(write_only=write_only)
    if epoch_1904:
        wb.epoch = CALENDAR_MAC_1904
    if write_only:
        ws = wb.create_sheet("Trang đầu")
        ws.append(["Ghi chú"])
        ws2 = wb.create_sheet("DS PAKN")
        for row in ROWS:
            ws2.append(row)
    else:
        ws = wb.active
        ws.title = "Trang đầu"
        ws["C5"] = "một ô lẻ"
        ws2 = wb.create_sheet("DS PAKN")
        for row in ROWS:
            ws2.append(row)
        ws2["B20"] = "=SUM(A4:A9)"  # a formula without a cached value
        ws2["D21"] = CellRichText("Chữ ", TextBlock(InlineFont(b=True), "đậm"), " và thường")
        ws2["A23"] = "sau hai dòng trống"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _openpyxl_rows(data: bytes, index: int, max_row: int | None = None) -> list[Any]:
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return list(wb.worksheets[index].iter_rows(max_row=max_row, values_only=True))
    finally:
        wb.close()


def _fast_rows(data: bytes, index: int, max_row: int | None = None) -> list[Any]:
    wb = Workbook(data)
    try:
        return list(wb.rows(index, max_row))
    finally:
        wb.close()


@pytest.mark.parametrize("write_only", [False, True])
@pytest.mark.parametrize("epoch_1904", [False, True])
@pytest.mark.parametrize("max_row", [None, 1, 3, 15])
def test_the_same_values_as_openpyxl(
    write_only: bool, epoch_1904: bool, max_row: int | None
) -> None:
    data = _book(write_only, epoch_1904=epoch_1904)
    for index in (0, 1):
        want = _openpyxl_rows(data, index, max_row)
        got = _fast_rows(data, index, max_row)
        assert got == want
        assert [type(v) for r in got for v in r] == [type(v) for r in want for v in r]


def test_a_dimension_smaller_than_the_data_is_kept_as_openpyxl_keeps_it() -> None:
    data = _book(False)
    # Rewrite the sheet's <dimension>: openpyxl reads only what it names.
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                text = body.decode()
                start = text.index('<dimension ref="') + len('<dimension ref="')
                end = text.index('"', start)
                body = (text[:start] + "A1:C4" + text[end:]).encode()
            dst.writestr(item, body)
    changed = out.getvalue()
    assert _fast_rows(changed, 1) == _openpyxl_rows(changed, 1)
    assert len(_fast_rows(changed, 1)) == 4


def test_a_chart_sheet_is_left_to_openpyxl() -> None:
    wb = OpenpyxlWorkbook()
    ws = wb.active
    for row in ROWS:
        ws.append(row)
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=1, min_row=4, max_row=5))
    wb.create_chartsheet("Biểu đồ").add_chart(chart)
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(Unsupported):
        Workbook(out.getvalue())
    # The list is still read, by openpyxl.
    table = portal.read_table(out.getvalue(), "ds.xlsx")
    assert table.headers[:2] == ["STT", "Mã PAKN"]


@pytest.mark.parametrize("write_only", [False, True])
@pytest.mark.parametrize(
    ("sheet", "header_row"), [(None, None), ("DS PAKN", None), (2, 3), ("2", None), (1, 1)]
)
def test_read_table_reads_the_same_table(
    write_only: bool, sheet: str | int | None, header_row: int | None
) -> None:
    data = _book(write_only)
    fast = portal._read_xlsx_fast(data, sheet, header_row)
    slow = portal._read_xlsx_openpyxl(data, sheet, header_row)
    assert fast == slow


def test_a_broken_workbook_is_refused_as_before() -> None:
    data = _book(True)
    broken = data[: len(data) // 2]
    with pytest.raises(portal.ImportFileError):
        portal.read_table(broken, "ds.xlsx")
