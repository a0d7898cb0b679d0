"""The outgoing register (sổ đăng ký văn bản đi) as an Excel workbook."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pakn_desktop.services.letters import RegisterEntry

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


def write_register(entries: Sequence[RegisterEntry], path: Path, title: str) -> None:
    """Write the register, oldest first (the order of a paper register), to ``path``."""
    from openpyxl import Workbook  # only when a register is written
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sổ đăng ký văn bản đi"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(list(HEADERS))
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for e in sorted(entries, key=lambda x: (x.issued_at, x.id)):
        ws.append(
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
            ]
        )
        ws.cell(ws.max_row, 2).number_format = "DD/MM/YYYY HH:MM"
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[ws.cell(2, i).column_letter].width = width
    ws.freeze_panes = "A3"
    # Written in place: StatisticsService.write_letter_register hands a private temporary
    # file and moves it over the target only when complete.
    wb.save(path)
