"""Issue 22, point 5: every workbook prints as an office expects. Each export is converted
with LibreOffice (``soffice --headless --convert-to pdf``): A4, every column header on the
first page (fitted to the width), the page header and "Trang 1/n" footer, and a reasonable page
count (the intake register about one page per 25 cases, not 4 columns a page)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from builders import a_form

from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.reports.excel import REGISTER_HEADER
from pakn_desktop.services import Services
from pakn_desktop.services.national_entry import ENTRY_FIELDS

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and not os.environ.get("CI"):
    pytest.skip("LibreOffice (soffice) is not installed", allow_module_level=True)

N = 75
FORM = a_form(
    submitter_name="Nguyễn Văn Bình Minh",
    address="Thôn 4, xã Đắk Hà, huyện Đắk Hà, tỉnh Kon Tum",
    phone="0912345678",
    title="Đề nghị giải quyết chế độ trợ cấp thất nghiệp chậm chi trả",
    content="Tôi nộp hồ sơ hưởng trợ cấp thất nghiệp từ tháng 3 nhưng đến nay chưa được chi trả. "
    * 2,
    channel="walk_in",
    topic="Lao động, việc làm",
)


def to_pdf(xlsx: Path) -> Path:
    assert SOFFICE is not None, "CI must have LibreOffice (soffice) installed"
    profile = xlsx.parent / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(xlsx.parent),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = xlsx.with_suffix(".pdf")
    assert pdf.exists()
    return pdf


def pages(pdf: Path) -> tuple[int, bool]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    fields = dict(line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)
    w, _x, h = fields["Page size"].split()[:3]
    assert abs(min(float(w), float(h)) - 595.3) < 1 and abs(max(float(w), float(h)) - 841.9) < 1
    return int(fields["Pages"]), float(w) > float(h)


def page_text(pdf: Path, page: int) -> str:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(out.stdout.split())


def assert_headers_on_page(text: str, headers: list[str]) -> None:
    for h in headers:
        assert all(word in text for word in h.split()), (h, text[:400])


def test_every_workbook_prints_on_a4_with_all_columns_across(
    services: Services, clock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    actor = staff_actor(services)
    start = datetime(2026, 1, 5, 8, 0)
    codes = []
    for i in range(N):
        clock.set(start + timedelta(hours=9 * i))
        codes.append(
            services.cases.receive(replace(FORM, title=f"{FORM.title} lần {i}"), actor).code
        )
    # Typed formulas: LibreOffice shows them as the text they are, never computes them.
    typed = replace(FORM, title='=HYPERLINK("http://x")', content="=1+2")
    codes.append(services.cases.receive(typed, actor).code)
    services.letters.issue(codes[0], LetterKind.RECEIPT, actor)
    year = (date(2026, 1, 1), date(2026, 12, 31))

    register = tmp_path / "so-tiep-nhan.xlsx"
    services.statistics.write_register(actor, *year, register)
    pdf = to_pdf(register)
    count, landscape = pages(pdf)
    assert landscape
    # Twelve columns across, about 25 cases a page: the register of N cases is N/25 pages or
    # a little more, never the 4-columns-a-page spread of several times that.
    assert N / 40 <= count <= (N + 1) / 15 + 1, count
    first = page_text(pdf, 1)
    assert_headers_on_page(first, REGISTER_HEADER)
    assert "SỔ TIẾP NHẬN" in first and "Trang 1/" in first and "31/12/2026" in first
    # The header row is printed again at the top of the last page.
    assert_headers_on_page(page_text(pdf, count), REGISTER_HEADER)

    national = tmp_path / "nhap-he-thong.xlsx"
    services.national.export_xlsx([codes[-1], *codes[:20]], national, actor)
    pdf = to_pdf(national)
    count, landscape = pages(pdf)
    assert landscape and count <= 4, count
    first = page_text(pdf, 1)
    assert_headers_on_page(first, [label for _k, label in ENTRY_FIELDS])
    assert "Trang 1/" in first
    assert '=HYPERLINK("http://x")' in first and "=1+2" in first

    report = tmp_path / "bao-cao.xlsx"
    services.statistics.write_report(actor, *year, report)
    pdf = to_pdf(report)
    count, _ = pages(pdf)
    assert count <= 15, count  # a page per sheet, not a sheet spread over several
    assert "Chỉ tiêu" in page_text(pdf, 1) and "Trang 1/" in page_text(pdf, 1)

    letters = tmp_path / "so-van-ban-di.xlsx"
    services.statistics.write_letter_register(actor, letters, year=2026)
    pdf = to_pdf(letters)
    count, landscape = pages(pdf)
    assert landscape and count == 1
    from pakn_desktop.reports.letter_register import HEADERS

    assert_headers_on_page(page_text(pdf, 1), list(HEADERS))
