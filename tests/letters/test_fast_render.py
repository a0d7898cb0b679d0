"""The fast rendering path against reportlab's own: subset programs, widths, maps and their
compression kept per process give the same bytes; numbering the Vietnamese alphabet first
changes nothing a reader or a text extractor sees; the QR symbols are the encoder's own."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace

import pdfplumber
import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from test_layout import content

from pakn_desktop.domain.codes import format_case_code
from pakn_desktop.letters import fonts, layout
from pakn_desktop.letters.layout import LetterContent, qr_runs, render_letter
from pakn_desktop.letters.qr import _codewords, _layout, lost_points, qr_encoder, qr_modules

NAMES = ["Nguyễn Văn Ánh", "Trần Thị Bích", "Đỗ Thùy Dương", "Vũ Đức Thắng"]
# Characters outside the primed alphabet: they go after it, in the order they appear.
RARE = "Ωμ ç ñ ß Жё ¼ € № ©"


def letters() -> list[LetterContent]:
    base = content(paragraphs=3)
    out = [
        replace(
            base,
            addressee=f"Ông/Bà {name}",
            paragraphs=[f"Ông/Bà {name} phản ánh: {'nội dung ' * i}", *base.paragraphs],
            qr_text=f"PAKN:26-{i:06d}-4",
        )
        for i, name in enumerate(NAMES)
    ]
    out.append(replace(base, paragraphs=[f"Ký hiệu lạ: {RARE}", *base.paragraphs]))
    out.append(replace(content(paragraphs=8), recipients=["- Như trên;", f"- {RARE}"]))
    return out


def faces() -> list[fonts.LetterFont]:
    fonts.register_fonts()
    out = []
    for name in (fonts.REGULAR, fonts.BOLD, fonts.ITALIC, fonts.BOLD_ITALIC):
        font = pdfmetrics.getFont(name)
        assert isinstance(font, fonts.LetterFont)
        out.append(font)
    return out


@pytest.fixture
def reportlab_path(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """reportlab's own subsetting and compression, its markup parser for every paragraph, line
    breaking at every wrap and its path of rectangles for a QR code (the documents still start
    primed)."""
    monkeypatch.setattr(fonts.LetterFont, "caching", False)
    monkeypatch.setattr(layout, "PLAIN_FRAGMENTS", False)
    monkeypatch.setattr(layout, "FORMATTED_QR", False)
    monkeypatch.setattr(layout, "WRAP_ONCE", False)
    for font in faces():
        monkeypatch.setattr(font.face, "makeSubset", super(fonts._SubsetFace, font.face).makeSubset)
        monkeypatch.setattr(
            font.face, "addSubsetObjects", super(fonts._SubsetFace, font.face).addSubsetObjects
        )
    yield


@pytest.fixture
def unprimed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for font in faces():
        monkeypatch.setattr(font, "primed", "")
    yield


def render_all() -> list[bytes]:
    return [render_letter(c)[0] for c in letters()]


def test_kept_subsets_give_the_same_bytes_as_reportlab(
    request: pytest.FixtureRequest,
) -> None:
    render_all()  # everything kept from earlier letters
    fast = render_all()
    request.getfixturevalue("reportlab_path")
    slow = render_all()
    assert fast == slow


@pytest.mark.parametrize(
    "text",
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "  Ông/Bà   Nguyễn Văn Ánh\t phản ánh:  nội dung  ",
        f"Ký hiệu lạ: {RARE} \"trích\" 'dẫn' ; 50% = 1/2",
        "x",
        "   ",
        "a & b <i>c</i>",
        "dòng một\ndòng hai",
    ],
)
def test_plain_paragraphs_have_the_parsers_fragments(text: str) -> None:
    fonts.register_fonts()
    for style in (
        layout._style("body", fonts.REGULAR, 14, layout.TA_JUSTIFY, firstLineIndent=36),
        layout._style("signer", fonts.BOLD, 14),
        layout._style("recipients_head", fonts.BOLD_ITALIC, 12, layout.TA_LEFT),
    ):
        fast = layout._p(text, style)
        layout.PLAIN_FRAGMENTS = False
        try:
            slow = layout._p(text, style)
        finally:
            layout.PLAIN_FRAGMENTS = True
        assert fast.text == slow.text
        assert fast.style is slow.style
        assert fast.bulletText == slow.bulletText
        assert [type(f) for f in fast.frags] == [type(f) for f in slow.frags]
        assert [vars(f) for f in fast.frags] == [vars(f) for f in slow.frags]
        assert fast.wrap(200, 1000) == slow.wrap(200, 1000)


@pytest.mark.parametrize("text", ["PAKN:26-000001-4", "PAKN:" + "9" * 120, "x" * 300])
@pytest.mark.parametrize("size", [22 * mm, 30.5, 17])
def test_qr_path_is_reportlabs_path_of_rectangles(text: str, size: float) -> None:
    def drawn(formatted: bool) -> bytes:
        out = io.BytesIO()
        canvas = Canvas(out, invariant=1)
        layout.FORMATTED_QR = formatted
        try:
            layout.QrFlowable(text, size).drawOn(canvas, 40, 50)
        finally:
            layout.FORMATTED_QR = True
        return canvas.getpdfdata()

    assert drawn(True) == drawn(False)


def chars(pdf: bytes) -> list[list[tuple[str, str, float, float, float]]]:
    """Per page: each character with its face (without the subset prefix), size and place."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [
            [
                (
                    c["text"],
                    c["fontname"].split("+")[-1],
                    round(c["size"], 2),
                    round(c["x0"], 2),
                    round(c["top"], 2),
                )
                for c in page.chars
            ]
            for page in doc.pages
        ]


def test_numbering_the_alphabet_first_changes_nothing_on_the_page(
    request: pytest.FixtureRequest,
) -> None:
    primed = render_all()
    request.getfixturevalue("unprimed")
    plain = render_all()
    assert primed != plain
    for a, b in zip(primed, plain, strict=True):
        assert chars(a) == chars(b)
        # About 5 KB of the regular face's unused Vietnamese glyphs.
        assert len(b) < len(a) < len(b) + 12_000
    text = "".join(c[0] for page in chars(primed[-2]) for c in page)
    assert RARE.replace(" ", "") in text.replace(" ", "")


def test_a_letter_with_more_characters_than_one_subset_holds() -> None:
    many = "".join(chr(c) for c in range(0x0391, 0x03CA) if chr(c).isalpha())  # Greek
    many += "".join(chr(c) for c in range(0x0410, 0x0450))  # Cyrillic
    pdf, _ = render_letter(replace(content(), paragraphs=[many, "Nội dung tiếng Việt."]))
    text = "".join(c[0] for page in chars(pdf) for c in page)
    assert many in text and "Nộidungtiếng" in text.replace(" ", "")


def test_qr_symbols_are_the_encoders_own() -> None:
    rng = random.Random(14)
    texts = [f"PAKN:{rng.randrange(20, 40)}-{rng.randrange(10**6):06d}-{rng.randrange(10)}"]
    texts += [f"PAKN:26-{i:06d}-{i % 10}" for i in range(150)]
    alphabet = "abcXYZ0123456789 ăđệ:/-.?=&"
    texts += [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 200))) for _ in range(150)
    ]
    encoder = qr_encoder()
    for text in texts:
        assert qr_modules(text) == qr_modules(text, fast=False), text
    for text in texts[:60]:
        qr = encoder.QRCode(None, encoder.QRErrorCorrectLevel.M)
        qr.addData(text)
        qr.make()
        for mask in range(8):
            qr.makeImpl(True, mask)
            assert lost_points(qr.modules) == encoder.QRUtil.getLostPoint(qr)


def test_qr_symbols_of_every_size_are_the_encoders_own() -> None:
    """Letter codes as the letters write them (and bare, and in byte mode), and numeric,
    alphanumeric and byte texts of every version up to 8 (from 7 a symbol carries its
    version information)."""
    rng = random.Random(18004)
    codes = [format_case_code(year, rng.randrange(1, 10**6)) for year in range(2000, 2100, 7)]
    codes += [format_case_code(2026, serial) for serial in (1, 421, 999_999)]
    texts = [f"PAKN:{code}" for code in codes] + codes + [f"pakn:{code}" for code in codes[:5]]
    for length in range(1, 215, 3):
        texts.append("".join(rng.choice("0123456789") for _ in range(length)))
        texts.append(
            "".join(
                rng.choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:") for _ in range(length)
            )
        )
        texts.append("".join(rng.choice("abcxyz09 ăđệ?=&") for _ in range(length // 2 + 1)))
    versions: set[int] = set()
    for text in texts:
        assert qr_modules(text) == qr_modules(text, fast=False), text
        versions.add(len(qr_modules(text)))
    assert set(range(21, 50, 4)) <= versions  # versions 1 to 8


def test_qr_codewords_are_the_encoders_own() -> None:
    """Data, padding and error correction codewords (blocks of every size and count up to
    version 18) are ``QRCode.createData``'s."""
    encoder = qr_encoder()
    level = encoder.QRErrorCorrectLevel.M
    rng = random.Random(5)
    versions: set[int] = set()
    for length in range(1, 700, 9):
        for alphabet in ("0123456789", "ABCXYZ0123456789 :-", "abc ăđệ0"):
            text = "".join(rng.choice(alphabet) for _ in range(length))
            qr = encoder.QRCode(None, level)
            qr.addData(text)
            version = qr.calculate_version()
            versions.add(version)
            assert _codewords(version, level, qr.dataList) == encoder.QRCode.createData(
                version, level, qr.dataList
            ), text
    assert max(versions) >= 18


def test_qr_runs_are_the_dark_runs_of_each_row() -> None:
    for text in ["PAKN:26-000421-4", "PAKN:99-999999-9", "abc ăđệ " * 20]:
        modules = qr_modules(text)
        runs = []
        for r, row in enumerate(modules):
            c = 0
            while c < len(row):
                start = c
                while c < len(row) and row[c]:
                    c += 1
                if c > start:
                    runs.append((r + 4, start + 4, c - start))
                else:
                    c += 1
        assert qr_runs(text) == (len(modules) + 8, tuple(runs))


def test_qr_penalty_of_every_mask_is_lost_points() -> None:
    """The penalty of each of the eight candidate symbols, computed on the whole symbol as one
    integer, is ``lost_points`` of the encoder's candidate (``makeImpl`` in test mode)."""
    rng = random.Random(7)
    texts = [f"PAKN:{format_case_code(2026, rng.randrange(1, 10**6))}" for _ in range(20)]
    texts += ["".join(rng.choice("abc0123 ăđệ") for _ in range(size)) for size in (5, 40, 90, 150)]
    encoder = qr_encoder()
    level = encoder.QRErrorCorrectLevel.M
    for text in texts:
        qr = encoder.QRCode(None, level)
        qr.addData(text)
        qr.make()
        layout = _layout(qr.version, level)
        data = layout.place(qr.dataCache)
        for mask in range(8):
            qr.makeImpl(True, mask)
            symbol = layout.scored[mask] | (data ^ layout.masks[mask])
            n = layout.n
            bits = format(symbol, f"0{n * n}b")
            rows = [[b == "1" for b in bits[i : i + n]] for i in range(0, n * n, n)]
            assert rows == qr.modules, (text, mask)
            assert layout.penalty(symbol) == lost_points(qr.modules), (text, mask)


def test_a_letter_does_not_load_every_barcode_widget() -> None:
    code = (
        "import sys, test_layout\n"
        "from pakn_desktop.letters.layout import render_letter\n"
        "render_letter(test_layout.content())\n"
        "print('reportlab.graphics.barcode.widgets' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert out.stdout.strip() == "False"
