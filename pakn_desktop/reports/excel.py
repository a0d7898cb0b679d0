"""Spreadsheets (openpyxl): the periodic report, a sheet per breakdown with real numbers,
headers, widths, totals and a frozen header row; and the intake register (sổ tiếp nhận)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from pakn_desktop.domain import places
from pakn_desktop.domain.enums import CHANNEL_LABELS, STATE_LABELS, CaseState, Channel
from pakn_desktop.store.models import Case, Submitter, Unit, User

from .stats import Cancelled, PeriodStats
from .workbook import (
    Formula,
    PrintLayout,
    RowStyle,
    append_row,
    append_rows,
    needs_landscape,
    set_print,
    set_widths,
)

if TYPE_CHECKING:
    from pakn_desktop.store.db import Database

HEADER_FILL = PatternFill("solid", fgColor="DDE6F5")
BOLD = Font(bold=True)


def _table(
    ws: Worksheet,
    title: str,
    header: list[str],
    rows: Iterable[list[Any]],
    total: bool = True,
    office: str = "",
    period: str = "",
    page_title: str = "",
) -> None:
    append_row(ws, [title], RowStyle(font=Font(bold=True, size=13)))
    append_row(
        ws,
        header,
        RowStyle(
            font=BOLD, fill=HEADER_FILL, alignment=Alignment(wrap_text=True, vertical="center")
        ),
    )
    count = append_rows(ws, rows, RowStyle(alignment=Alignment(wrap_text=True, vertical="top")))
    if total and count:
        last = 2 + count
        sums: list[Any] = ["Tổng cộng"] + [
            Formula(f"=SUM({get_column_letter(c)}3:{get_column_letter(c)}{last})")
            for c in range(2, len(header) + 1)
        ]
        append_row(ws, sums, RowStyle(font=BOLD))
    ws.freeze_panes = "A3"
    for row_cells in ws.iter_rows(min_row=3):
        for cell in row_cells[1:]:
            if isinstance(cell.value, int) or cell.data_type == "f":
                # Thousands grouped; Excel shows the separator of the reader's locale (9.303).
                cell.number_format = "#,##0"
    for i, name in enumerate(header, start=1):
        width = max(
            [len(str(name))] + [len(str(c.value or "")) for c in ws[get_column_letter(i)][2:]]
        )
        ws.column_dimensions[get_column_letter(i)].width = min(max(12, width + 2), 70)
    widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, len(header) + 1)]
    set_print(
        ws,
        PrintLayout(title, office, period, header_rows="1:2", landscape=needs_landscape(widths)),
    )


REPORT_TITLE = "BÁO CÁO TIẾP NHẬN, XỬ LÝ PAKN"


def write_period_report(stats: PeriodStats, office: str, path: Path, footer: str = "") -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tổng hợp"
    rate = stats.on_time_rate
    period = f"Từ {stats.start:%d/%m/%Y} đến {stats.end:%d/%m/%Y}"
    rows: list[list[Any]] = [
        ["Số PAKN tiếp nhận", stats.received],
        ["Đã xử lý trong kỳ", stats.handled_total],
        ["Đúng hạn", stats.on_time],
        ["Trễ hạn", stats.late],
        ["Tỷ lệ đúng hạn", rate if rate is not None else None],
        ["Điểm chỉ số 8 (TT 01/2018/TT-VPCP)", stats.score],
        ["Trung vị số ngày làm việc đến khi trả lời", stats.median_days],
        ["Phân vị 90 số ngày làm việc đến khi trả lời", stats.p90_days],
    ]
    _table(
        ws,
        f"{office}: báo cáo tiếp nhận, xử lý PAKN "
        f"từ {stats.start:%d/%m/%Y} đến {stats.end:%d/%m/%Y}",
        ["Chỉ tiêu", "Giá trị"],
        rows,
        total=False,
        office=office,
        period=period,
        page_title=REPORT_TITLE,
    )
    ws["B7"].number_format = "0.0%"
    handled = wb.create_sheet("Đúng hạn - trễ hạn")
    _table(
        handled,
        "Kết quả xử lý trong kỳ",
        ["Loại", "Tổng", "Đúng hạn", "Trễ hạn"],
        ([h.label, h.total, h.on_time, h.late] for h in stats.handled),
        office=office,
        period=period,
        page_title=REPORT_TITLE,
    )
    for bd in stats.breakdowns:
        sheet = wb.create_sheet(bd.title[:31])
        _table(
            sheet,
            bd.title,
            [bd.head, "Số PAKN"],
            ([r.label, r.count] for r in bd.rows),
            office=office,
            period=period,
            page_title=REPORT_TITLE,
        )
    if footer:
        wb.worksheets[0].append([])
        wb.worksheets[0].append([footer])
    wb.save(path)


REGISTER_HEADER = [
    "STT",
    "Mã PAKN",
    "Mã trên Cổng",
    "Thời điểm tiếp nhận",
    "Kênh",
    "Người phản ánh",
    "Địa chỉ",
    # Where the PAKN comes from, in today's units (as statistics count it).
    "Tỉnh, thành phố",
    "Xã, phường",
    "Số điện thoại",
    "PAKN về việc",
    "Đơn vị",
    "Công chức xử lý",
    "Trạng thái",
]


def register_rows(
    db: Database,
    start: date,
    end: date,
    batch: int = 5000,
    cancelled: Callable[[], bool] | None = None,
) -> Iterable[list[Any]]:
    """One row per PAKN in order of receipt, streamed in batches (keyset pagination);
    ``cancelled()`` is asked between batches."""
    last = (datetime.min, 0)
    n = 0
    while True:
        with db.read() as s:
            stmt = (
                select(
                    Case.id,
                    Case.code,
                    Case.portal_code,
                    Case.received_at,
                    Case.channel,
                    Submitter.name,
                    Submitter.address,
                    Case.province_code,
                    Case.commune_code,
                    Submitter.phone,
                    Case.title,
                    Unit.name,
                    User.full_name,
                    Case.state,
                )
                .join(Submitter, Submitter.id == Case.submitter_id)
                .outerjoin(Unit, Unit.id == Case.unit_id)
                .outerjoin(User, User.id == Case.official_id)
                .where(
                    Case.received_at >= datetime.combine(start, time.min),
                    Case.received_at < datetime.combine(end + timedelta(days=1), time.min),
                    (Case.received_at > last[0])
                    | ((Case.received_at == last[0]) & (Case.id > last[1])),
                )
                .order_by(Case.received_at, Case.id)
                .limit(batch)
            )
            rows: list[Any] = list(s.execute(stmt).all())
        if not rows:
            return
        if cancelled is not None and cancelled():
            raise Cancelled()
        for r in rows:
            n += 1
            yield [
                n,
                r[1],
                r[2],
                r[3],
                CHANNEL_LABELS[Channel(r[4])],
                r[5],
                r[6],
                _province_name(r[7]),
                _commune_name(r[8]),
                r[9],
                r[10],
                r[11] or "",
                r[12] or "",
                STATE_LABELS[CaseState(r[13])],
            ]
        last = (rows[-1][3], rows[-1][0])


# Narrow enough that the fourteen columns fit across a landscape A4 page at a readable scale;
# long names, addresses and titles wrap.
REGISTER_WIDTHS = [5, 12, 10, 16, 9, 16, 20, 12, 14, 13, 28, 15, 14, 12]


def _province_name(code: int | None) -> str:
    p = places.province(code)
    return p.title if p else ""


def _commune_name(code: int | None) -> str:
    c = places.commune(code)
    return c.name if c else ""


def write_register(
    db: Database,
    start: date,
    end: date,
    path: Path,
    cancelled: Callable[[], bool] | None = None,
    office: str = "",
    footer: str = "",
) -> int:
    """The intake register as a streamed workbook; nothing is written if cancelled."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sổ tiếp nhận")
    ws.freeze_panes = "A2"
    set_widths(ws, REGISTER_WIDTHS)
    set_print(
        ws,
        PrintLayout(
            "SỔ TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ",
            office,
            f"Từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}",
            header_rows="1:1",
            landscape=True,
        ),
    )
    append_row(
        ws,
        REGISTER_HEADER,
        RowStyle(
            font=BOLD, fill=HEADER_FILL, alignment=Alignment(wrap_text=True, vertical="center")
        ),
    )
    body = RowStyle(
        alignment=Alignment(wrap_text=True, vertical="top"),
        number_formats={4: "DD/MM/YYYY HH:MM"},
    )
    count = 0
    try:
        for row in register_rows(db, start, end, cancelled=cancelled):
            append_row(ws, row, body)
            count += 1
        if footer:
            ws.append([])
            ws.append([footer])
    except Cancelled:
        # Saving is the only clean end of a write-only sheet's stream; the file is dropped.
        scrap = path.with_name(path.name + ".cancelled")
        wb.save(scrap)
        scrap.unlink(missing_ok=True)
        raise
    wb.save(path)
    return count
