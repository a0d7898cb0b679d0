"""Issue 22, point 4: every workbook export keeps what people typed as text. A title
``=HYPERLINK(...)`` or content ``=1+2`` is written as a string with its full text, never as a
formula: the saved sheet XML holds no ``<f>`` element for it and the cell is marked to stay text
when edited (quote prefix)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from openpyxl import load_workbook

from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.services import Services

TITLE = '=HYPERLINK("http://x")'
CONTENT = "=1+2"
TOPIC = "+84 trả lời qua điện thoại"
NAME = "@Nguyễn Văn Bình"
ADDRESS = "-12 Lê Lợi, Kon Tum"


def evil_form() -> IntakeForm:
    return IntakeForm(
        "citizen",
        NAME,
        ADDRESS,
        "0912345678",
        "",
        TITLE,
        CONTENT,
        "walk_in",
        topic=TOPIC,
    )


def formulas(path: Path) -> list[str]:
    """The text of every <f> element in every sheet of the saved file."""
    found = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                found += re.findall(r"<f[ >](.*?)</f>", xml)
    return found


def typed_cells(path: Path) -> dict[str, tuple[str, bool]]:
    """Each typed value found in the workbook -> (data type, quote prefix)."""
    wanted = {TITLE, CONTENT, TOPIC, NAME, ADDRESS}
    seen: dict[str, tuple[str, bool]] = {}
    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in wanted:
                    seen[str(cell.value)] = (cell.data_type, bool(cell.quotePrefix))
    return seen


def national(services: Services, code: str, path: Path) -> set[str]:
    services.national.export_xlsx([code], path, staff_actor(services))
    return {TITLE, NAME, ADDRESS, TOPIC}


def intake_register(services: Services, code: str, path: Path) -> set[str]:
    services.statistics.write_register(
        staff_actor(services), date(2026, 1, 1), date(2026, 12, 31), path
    )
    return {TITLE, NAME, ADDRESS}


def period_report(services: Services, code: str, path: Path) -> set[str]:
    services.statistics.write_report(
        staff_actor(services), date(2026, 1, 1), date(2026, 12, 31), path
    )
    return {TOPIC}  # the breakdown by topic names the topic as typed


def letter_register(services: Services, code: str, path: Path) -> set[str]:
    old = services.letters.issue(code, LetterKind.RECEIPT, staff_actor(services))
    # The reason for replacing a letter is typed by the clerk and has a column of its own.
    services.letters.replace(old.id, CONTENT, staff_actor(services))
    services.statistics.write_letter_register(staff_actor(services), path, year=2026)
    return {CONTENT}


EXPORTS: dict[str, Callable[[Services, str, Path], set[str]]] = {
    "national_entry": national,
    "intake_register": intake_register,
    "period_report": period_report,
    "letter_register": letter_register,
}


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_typed_formulas_stay_text(services: Services, tmp_path: Path, export: str) -> None:
    code = services.cases.receive(evil_form(), staff_actor(services)).code
    path = tmp_path / f"{export}.xlsx"
    expected = EXPORTS[export](services, code, path)
    # The program's own totals are the only formulas a workbook may hold.
    assert [f for f in formulas(path) if not f.startswith("SUM(")] == []
    seen = typed_cells(path)
    for text in expected:
        assert seen.get(text) == ("s", True), (text, seen)
    if export == "national_entry":
        # The content column keeps the whole of what was typed (no personal data to mask).
        ws = load_workbook(path).active
        assert ws is not None
        assert ws.cell(2, 7).value == CONTENT and ws.cell(2, 7).data_type == "s"
    if export == "period_report":
        # The program's own column totals are still formulas.
        assert any(f.startswith("SUM(") for f in formulas(path))
