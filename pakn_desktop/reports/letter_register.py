"""The outgoing register (sổ đăng ký văn bản đi) as an Excel workbook."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pakn_desktop.domain.letters import RegisterEntry

HEADERS = (
    "Số, ký hiệu",
    "Ngày ban hành",
    "Loại văn bản",
    "Mã PAKN",
    "Trích yếu",
    "Người ký",
    "Người cấp số",
    "Ký số",
    "Thay thế văn bản",
    "Đã thay bằng",
    "Lý do thay thế",
)
WIDTHS = (20, 17, 26, 14, 60, 24, 24, 8, 16, 16, 40)


def write_register(
    entries: Sequence[RegisterEntry],
    path: Path,
    title: str,
    office: str = "",
    footer: str = "",
) -> None:
    """Write the register, oldest first (the order of a paper register), to ``path``."""
    from openpyxl import Workbook  # only when a register is written
    from openpyxl.styles import Alignment, Font

    from .workbook import PrintLayout, RowStyle, append_row, set_print, set_widths

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sổ đăng ký văn bản đi"
    append_row(ws, [title], RowStyle(font=Font(bold=True, size=13)))
    append_row(
        ws,
        list(HEADERS),
        RowStyle(font=Font(bold=True), alignment=Alignment(wrap_text=True, vertical="top")),
    )
    body = RowStyle(
        alignment=Alignment(wrap_text=True, vertical="top"),
        number_formats={2: "DD/MM/YYYY HH:MM"},
    )
    dated = sorted(entries, key=lambda x: (x.issued_at, x.id))
    for e in dated:
        append_row(
            ws,
            [
                e.number_text,
                e.issued_at,
                e.kind.label,
                e.case_code or "",
                e.subject,
                e.signer_name,
                e.issued_by,
                "Có" if e.signed else "",
                e.replaces_number,
                e.replaced_by_number,
                e.replace_reason,
            ],
            body,
        )
    set_widths(ws, WIDTHS)
    ws.freeze_panes = "A3"
    period = f"Từ {dated[0].issued_at:%d/%m/%Y} đến {dated[-1].issued_at:%d/%m/%Y}" if dated else ""
    set_print(ws, PrintLayout(title, office, period, header_rows="2:2", landscape=True))
    if footer:
        ws.append([])
        ws.append([footer])
    # Written in place: StatisticsService.write_letter_register hands a private temporary
    # file and moves it over the target only when complete.
    wb.save(path)
