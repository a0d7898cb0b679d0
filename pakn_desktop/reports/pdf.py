"""Reports as PDFs in the official letter layout (the same engine as the letters): the
periodic report, the overdue list for a meeting, and the intake register."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pakn_desktop.letters.layout import LetterContent, render_letter

from .excel import register_rows
from .stats import PeriodStats, vn_percent

if TYPE_CHECKING:
    from pakn_desktop.store.db import Database


@dataclass(frozen=True)
class ReportFrame:
    """What every report's page carries besides its figures, handed in by the statistics
    service: the office's details (agency, place, signer; ``services.office.details()``), the
    audit head line for the footer, and the date the report is made (Vietnam's)."""

    office: Any
    footer: str
    issued_on: date


def _n(v: int | None) -> str:
    return "-" if v is None else f"{v:,}".replace(",", ".")


def _content(frame: ReportFrame, subject: str, paragraphs: list[str]) -> LetterContent:
    office = frame.office
    paragraphs = [*paragraphs, frame.footer]
    return LetterContent(
        parent_agency=office.parent_agency,
        agency=office.agency,
        number_text="Số:" + "\u00a0" * 8 + f"/BC-{office.symbol.split('-')[0]}",
        place=office.place,
        issued_on=frame.issued_on,
        subject="",
        title=subject,
        paragraphs=paragraphs,
        signer_authority=office.signer_authority,
        signer_title=office.signer_title,
        signer_name=office.signer_name,
        recipients=["- Như trên;", f"- {office.archive_mark}"],
        pdf_title=subject,
        author=office.agency_short,
    )


def period_report_pdf(frame: ReportFrame, stats: PeriodStats, path: Path) -> None:
    office = frame.office
    rate = stats.on_time_rate
    rate_text = vn_percent(rate)
    content = _content(
        frame,
        f"BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ "
        f"từ ngày {stats.start:%d/%m/%Y} đến ngày {stats.end:%d/%m/%Y}",
        [
            f"Thực hiện Nghị định số 63/2010/NĐ-CP và Thông tư số 01/2018/TT-VPCP, "
            f"{office.agency_short} báo cáo kết quả tiếp nhận, xử lý phản ánh, kiến nghị "
            f"trong kỳ như sau:",
            f"1. Tiếp nhận: {_n(stats.received)} phản ánh, kiến nghị.",
            f"2. Đã xử lý trong kỳ: {_n(stats.handled_total)}, trong đó đúng hạn "
            f"{_n(stats.on_time)}, trễ hạn {_n(stats.late)}; tỷ lệ đúng hạn {rate_text}; "
            f"điểm chỉ số 8: {stats.score}.",
            f"3. Thời gian từ khi tiếp nhận đến khi trả lời: trung vị {_n(stats.median_days)} "
            f"ngày làm việc, 90% PAKN trong {_n(stats.p90_days)} ngày làm việc.",
        ],
    )
    content.tables = [
        (bd.title, [bd.head, "Số PAKN"], [[r.label, _n(r.count)] for r in bd.rows])
        for bd in (
            stats.by_channel,
            stats.by_submitter_kind,
            stats.by_unit,
            stats.by_topic,
            stats.by_province,
            stats.by_commune,
            stats.by_month,
            stats.outcomes,
            # Today's figures only in a report whose period includes today.
            *((stats.open_by_status, stats.overdue_by_official) if stats.open_as_of else ()),
        )
        if bd.rows
    ]
    if stats.handled_by_unit:
        # The same rate, written the same way (vn_percent), as the dashboard's chart.
        content.tables.append(
            (
                "Đã xử lý theo đơn vị",
                ["Đơn vị", "Đã xử lý", "Đúng hạn", "Tỷ lệ đúng hạn"],
                [
                    [u.label, _n(u.total), _n(u.on_time), vn_percent(u.rate)]
                    for u in stats.handled_by_unit
                ],
            )
        )
    pdf, _ = render_letter(content)
    path.write_bytes(pdf)


def overdue_list_pdf(frame: ReportFrame, cases: Iterable[Any], path: Path) -> int:
    """The overdue list for a meeting, from the queue's overdue rows in deadline order."""
    rows = [
        [
            f"{r.code}\n{r.title}",
            r.official_name or "-",
            f"{r.next_due:%d/%m/%Y}" if r.next_due else "",
            str(-(r.days_left or 0)),
        ]
        for r in cases
    ]
    content = _content(
        frame,
        f"DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ QUÁ HẠN (đến ngày {frame.issued_on:%d/%m/%Y})",
        [f"Tổng số phản ánh, kiến nghị quá hạn: {_n(len(rows))}."],
    )
    content.tables = [
        ("Danh sách", ["Mã PAKN, về việc", "Công chức", "Hạn", "Số ngày quá hạn"], rows)
    ]
    pdf, _ = render_letter(content)
    path.write_bytes(pdf)
    return len(rows)


def register_pdf(
    db: Database,
    frame: ReportFrame,
    start: date,
    end: date,
    path: Path,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    rows = [
        [
            f"{r[0]}. {r[1]}\n{r[3]:%d/%m/%Y %H:%M} · {r[4]}",
            f"{r[5]}"
            + (f" ({', '.join(x[:1].lower() + x[1:] for x in (r[8], r[7]) if x)})" if r[7] else "")
            + f"\n{r[10]}",
            r[13],
        ]
        for r in register_rows(db, start, end, cancelled=cancelled)
    ]
    content = _content(
        frame,
        f"SỔ TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}",
        [f"Tổng số: {_n(len(rows))} phản ánh, kiến nghị."],
    )
    content.tables = [
        (
            "Sổ tiếp nhận",
            ["Mã PAKN, tiếp nhận", "Người phản ánh (nơi cư trú), về việc", "Trạng thái"],
            rows,
        )
    ]
    pdf, _ = render_letter(content)
    path.write_bytes(pdf)
    return len(rows)
