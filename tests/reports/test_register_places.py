"""The intake register's exports say where each PAKN comes from in today's units (issue 23.2:
"statistics and exports gain received-by-province/commune"), as the statistics count it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from accounts_fixture import staff_actor
from openpyxl import load_workbook
from pypdf import PdfReader
from report_fixture import BASE

from pakn_desktop.domain import places as P
from pakn_desktop.domain.enums import Role
from pakn_desktop.services import Services

QUANG_NGAI = 51


def test_the_register_export_has_the_province_and_commune_columns(
    services: Services, make_actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    actor = staff_actor(services)
    son_ha = P.match_commune(QUANG_NGAI, "Sơn Hà").found
    assert isinstance(son_ha, P.Commune)
    placed = services.cases.receive(
        replace(
            BASE, address="Thôn Gò Da", province_code=str(QUANG_NGAI), commune_code=str(son_ha.code)
        ),
        actor,
    )
    loose = services.cases.receive(replace(BASE, address="Không rõ nơi ở, xóm Bến"), actor)
    day = services.case_reads.get(placed.code, actor).received_at.date()
    head = make_actor(Role.HEAD)
    xlsx = tmp_path / "so.xlsx"
    assert services.statistics.write_register(head, day, day, xlsx) == 2
    sheet = load_workbook(xlsx).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert "Tỉnh, thành phố" in header and "Xã, phường" in header
    by_code = {row[header.index("Mã PAKN")]: row for row in rows[1:] if row[1]}
    row = by_code[placed.code]
    assert row[header.index("Tỉnh, thành phố")] == "Tỉnh Quảng Ngãi"
    assert row[header.index("Xã, phường")] == "Xã Sơn Hà"
    unplaced = by_code[loose.code]
    assert unplaced[header.index("Tỉnh, thành phố")] in ("", None)
    pdf = tmp_path / "so.pdf"
    services.statistics.write_register(head, day, day, pdf)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "(xã Sơn Hà, tỉnh Quảng Ngãi)" in text
