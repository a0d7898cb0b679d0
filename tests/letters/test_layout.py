"""The letter layout measured against NĐ 30/2020 Phụ lục I (DOMAIN.md's table)."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest

from pakn_desktop.letters.layout import LetterContent, place_and_date, render_letter

MM = 72 / 25.4
A4 = (595.2756, 841.8898)


def content(paragraphs: int = 2) -> LetterContent:
    return LetterContent(
        parent_agency="UBND tỉnh Kon Tum",
        agency="Sở Lao động - Thương binh và Xã hội",
        number_text="Số: 05/SLĐTBXH-HCTH",
        place="Kon Tum",
        issued_on=date(2026, 3, 5),
        subject="V/v trả lời phản ánh, kiến nghị",
        addressee="Ông/Bà Nguyễn Văn Ánh",
        paragraphs=[
            "Sở Lao động - Thương binh và Xã hội nhận được phản ánh, kiến nghị của Ông/Bà "
            "Nguyễn Văn Ánh về việc chậm giải quyết hồ sơ trợ cấp; sau khi xem xét, Sở trả lời "
            "như sau: " + "nội dung trả lời được căn đều hai bên. " * 12
        ]
        * paragraphs,
        signer_authority="KT. Giám đốc",
        signer_title="Phó Giám đốc",
        signer_name="Nguyễn Thanh Tính",
        recipients=["- Như trên;", "- Lưu: VT, HCTH."],
        qr_text="PAKN:26-000421-4",
    )


def open_pdf(pdf: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(pdf))


def line_chars(page: pdfplumber.page.Page, text: str) -> list[dict]:  # type: ignore[type-arg]
    """The characters of the first text line that contains ``text``."""
    for line in page.extract_text_lines(return_chars=True):
        if text in line["text"]:
            start = line["text"].index(text)
            chars = [c for c in line["chars"] if c["text"].strip()]
            # extract_text_lines keeps spaces in text but chars may lack them; match by order
            flat = "".join(c["text"] for c in chars)
            i = flat.index(text.replace(" ", ""))
            return chars[i : i + len(text.replace(" ", ""))]
    raise AssertionError(f"{text!r} not found; page text: {page.extract_text()!r}")
    _ = start  # pragma: no cover


def test_page_size_margins_and_font() -> None:
    pdf, _ = render_letter(content(paragraphs=8))
    with open_pdf(pdf) as doc:
        assert len(doc.pages) >= 2
        for page in doc.pages:
            assert (round(page.width, 1), round(page.height, 1)) == (595.3, 841.9)
            chars = [c for c in page.chars if c["text"].strip()]
            assert min(c["x0"] for c in chars) >= 30 * MM - 0.5
            assert max(c["x1"] for c in chars) <= A4[0] - 15 * MM + 0.5
            assert max(c["bottom"] for c in chars) <= A4[1] - 20 * MM + 0.5
            fonts = {c["fontname"].split("+")[-1] for c in chars}
            assert all(("Serif" in f) or ("Times" in f) for f in fonts), fonts


@pytest.mark.parametrize(
    ("text", "size_range", "bold", "italic"),
    [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (12, 13), True, False),
        ("Độc lập - Tự do - Hạnh phúc", (13, 14), True, False),
        ("UBND TỈNH KON TUM", (12, 13), False, False),
        ("SỞ LAO ĐỘNG", (12, 13), True, False),
        ("Số: 05/SLĐTBXH-HCTH", (13, 13), False, False),
        ("Kon Tum, ngày 05 tháng 3 năm 2026", (13, 14), False, True),
        ("V/v trả lời phản ánh, kiến nghị", (12, 13), False, False),
        ("Kính gửi: Ông/Bà Nguyễn Văn Ánh", (13, 14), False, False),
        ("KT. GIÁM ĐỐC", (13, 14), True, False),
        ("PHÓ GIÁM ĐỐC", (13, 14), True, False),
        ("Nguyễn Thanh Tính", (13, 14), True, False),
        ("Nơi nhận:", (12, 12), True, True),
        ("- Lưu: VT, HCTH.", (11, 11), False, False),
    ],
)
def test_header_and_signature_elements(
    text: str, size_range: tuple[float, float], bold: bool, italic: bool
) -> None:
    pdf, _ = render_letter(content())
    with open_pdf(pdf) as doc:
        page = doc.pages[-1] if text in ("Nơi nhận:", "- Lưu: VT, HCTH.") else doc.pages[0]
        chars = None
        for p in (page, *doc.pages):
            try:
                chars = line_chars(p, text)
                break
            except AssertionError:
                continue
        assert chars, text
        for c in chars:
            assert size_range[0] - 0.01 <= c["size"] <= size_range[1] + 0.01, (text, c["size"])
            name = c["fontname"]
            assert ("Bold" in name) is bold, (text, name)
            assert ("Italic" in name) is italic, (text, name)


def test_header_positions() -> None:
    pdf, _ = render_letter(content())
    with open_pdf(pdf) as doc:
        page = doc.pages[0]
        national = line_chars(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        motto = line_chars(page, "Độc lập - Tự do - Hạnh phúc")
        number = line_chars(page, "Số: 05/SLĐTBXH-HCTH")
        when = line_chars(page, "Kon Tum, ngày 05 tháng 3 năm 2026")
        parent = line_chars(page, "UBND TỈNH KON TUM")
        # Quốc hiệu at the right, cơ quan at the left, both on the top line.
        assert national[0]["x0"] > parent[-1]["x1"]
        assert abs(national[0]["top"] - parent[0]["top"]) < 2
        # Motto centred under the national name.
        centre = (national[0]["x0"] + national[-1]["x1"]) / 2
        assert abs((motto[0]["x0"] + motto[-1]["x1"]) / 2 - centre) < 2
        # Số and the date on one line; the date centred under the motto.
        assert abs(number[0]["bottom"] - when[0]["bottom"]) < 2
        assert abs((when[0]["x0"] + when[-1]["x1"]) / 2 - centre) < 2
        # A rule under the motto as long as the text.
        rules = [
            ln
            for ln in page.lines
            if ln["top"] > motto[0]["bottom"] and ln["top"] < number[0]["top"]
        ]
        widths = sorted(round(ln["x1"] - ln["x0"], 0) for ln in rules)
        motto_width = motto[-1]["x1"] - motto[0]["x0"]
        assert any(abs(w - motto_width) < 3 for w in widths), (widths, motto_width)
        # And a short rule (1/3 - 1/2 of the text) under the agency.
        agency = line_chars(page, "SỞ LAO ĐỘNG")
        assert any(w < motto_width and w > 10 for w in widths)
        assert agency


def test_body_is_justified_with_indent_and_signature_level_with_recipients() -> None:
    pdf, _ = render_letter(content(paragraphs=3))
    with open_pdf(pdf) as doc:
        page = doc.pages[0]
        lines = [
            ln for ln in page.extract_text_lines() if ln["text"].startswith("Sở Lao động - Thương")
        ]
        assert lines, page.extract_text()
        indent = lines[0]["x0"] - 30 * MM
        assert 1.0 * 10 * MM - 1 <= indent <= 1.27 * 10 * MM + 1
        # Justified: full lines of a paragraph end at the right margin.
        body = [ln for ln in page.extract_text_lines() if ln["chars"][0]["size"] == 14]
        right_edges = [round(ln["x1"]) for ln in body]
        assert right_edges.count(round(A4[0] - 15 * MM)) >= 3
        last = doc.pages[-1]
        auth = line_chars(last, "KT. GIÁM ĐỐC")
        recv = line_chars(last, "Nơi nhận:")
        assert abs(auth[0]["top"] - recv[0]["top"]) < 3


def test_page_numbers_from_page_two_centred_in_top_margin() -> None:
    pdf, _ = render_letter(content(paragraphs=10))
    with open_pdf(pdf) as doc:
        assert len(doc.pages) >= 2
        top_first = [c for c in doc.pages[0].chars if c["bottom"] < 20 * MM]
        assert top_first == []
        for i, page in enumerate(doc.pages[1:], start=2):
            top = [c for c in page.chars if c["bottom"] < 20 * MM]
            assert "".join(c["text"] for c in top) == str(i)
            mid = (top[0]["x0"] + top[-1]["x1"]) / 2
            assert abs(mid - A4[0] / 2) < 2


def test_vietnamese_text_extracts_exactly() -> None:
    pdf, _ = render_letter(content())
    with open_pdf(pdf) as doc:
        text = "\n".join(p.extract_text() for p in doc.pages)
    for phrase in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Kính gửi: Ông/Bà Nguyễn Văn Ánh",
        "Nguyễn Thanh Tính",
        "Kon Tum, ngày 05 tháng 3 năm 2026",
    ):
        assert phrase in text


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 3, 5), "Kon Tum, ngày 05 tháng 3 năm 2026"),
        (date(2026, 2, 9), "Kon Tum, ngày 09 tháng 02 năm 2026"),
        (date(2026, 1, 15), "Kon Tum, ngày 15 tháng 01 năm 2026"),
        (date(2026, 12, 31), "Kon Tum, ngày 31 tháng 12 năm 2026"),
    ],
)
def test_place_and_date_zero_padding(d: date, expected: str) -> None:
    assert place_and_date("Kon Tum", d) == expected


def test_rendering_is_deterministic() -> None:
    assert render_letter(content())[0] == render_letter(content())[0]
