"""Paragraphs stay paragraphs: an answer typed in paragraphs prints each one indented
1-1.27 cm with at least 6 pt after it (NĐ 30/2020); lines typed as a list stay lines.
Measured on the issued PDF."""

from __future__ import annotations

import io
import itertools

import pdfplumber
from accounts_fixture import staff_actor
from test_letter_service import FORM

from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.letters import layout
from pakn_desktop.letters.content import body_paragraphs
from pakn_desktop.services import Services

CM = 72 / 2.54
LEADING = layout.SIZE_BODY * 1.25

ANSWER = (
    "Đoạn thứ nhất: Sở đã kiểm tra hồ sơ đề nghị hưởng trợ cấp thất nghiệp của Bà và xác "
    "định hồ sơ đầy đủ theo quy định.\n\n"
    "Đoạn thứ hai: Ngày 20/4/2026, Trung tâm Dịch vụ việc làm tỉnh đã chuyển tiền trợ cấp "
    "tháng thứ nhất vào tài khoản của Bà; các tháng sau được chi trả đúng hạn.\n"
    "Đoạn thứ ba: Bà cần mang theo các giấy tờ sau khi đến Trung tâm:\n"
    "- Quyết định hưởng trợ cấp thất nghiệp;\n"
    "- Giấy tờ tùy thân."
)


def _lines(pdf: bytes) -> list[tuple[float, float, str]]:
    """(x0, top, text) of each printed line of the first page, top to bottom."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        words = doc.pages[0].extract_words()
    rows: dict[float, list[dict]] = {}  # type: ignore[type-arg]
    for w in words:
        rows.setdefault(round(w["top"], 1), []).append(w)
    return [
        (
            min(w["x0"] for w in ws),
            top,
            " ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"])),
        )
        for top, ws in sorted(rows.items())
    ]


def _line(lines: list[tuple[float, float, str]], start: str) -> tuple[float, float, str]:
    return next(ln for ln in lines if ln[2].startswith(start))


def test_an_answer_typed_in_three_paragraphs_prints_three_indented_paragraphs(
    services: Services,
) -> None:
    actor = staff_actor(services)
    c = services.cases.receive(FORM, actor)
    c = services.cases.accept(c.code, actor, official_id=actor.id, expected_version=c.version)
    c = services.cases.record_result(c.code, "Đã chi trả.", actor, expected_version=c.version)
    services.cases.publish_answer(c.code, ANSWER, actor, expected_version=c.version)
    letter = services.letters.issue(c.code, LetterKind.ANSWER, actor)
    lines = _lines(letter.pdf)
    margin = layout.MARGIN_LEFT
    firsts = [_line(lines, f"Đoạn thứ {n}") for n in ("nhất", "hai", "ba:")]
    for x0, _top, text in firsts:
        # Each paragraph's first line is indented 1-1.27 cm.
        assert 1 * CM - 0.5 <= x0 - margin <= 1.27 * CM + 0.5, text
    for first, following in itertools.pairwise(firsts):
        # Between paragraphs: their lines, then 6 pt.
        k = lines.index(following) - lines.index(first)
        assert abs(following[1] - first[1] - k * LEADING - 6) < 1, (first, following)
    # The second paragraph's following line starts at the margin (the text wrapped, not a
    # new paragraph).
    second = lines.index(firsts[1])
    assert abs(lines[second + 1][0] - margin) < 0.5
    # The list's lines stay lines, one under the other, without the space of a paragraph.
    one = _line(lines, "- Quyết định")
    two = _line(lines, "- Giấy tờ")
    assert 1 * CM - 0.5 <= one[0] - margin <= 1.27 * CM + 0.5
    assert abs(two[0] - one[0]) < 0.5
    assert abs((two[1] - one[1]) - LEADING) < 0.5


def test_list_lines_are_told_from_paragraphs() -> None:
    body = body_paragraphs(
        [
            "Mở đầu.",
            "Các nội dung sau:\n1. Một;\n2) Hai;\na) Ba;\n• Bốn;\n+ Năm.\n\nKết thúc.",
        ]
    )
    assert [t for t, _ in body] == [
        "Mở đầu.",
        "Các nội dung sau:",
        "1. Một;",
        "2) Hai;",
        "a) Ba;",
        "• Bốn;",
        "+ Năm.",
        "Kết thúc.",
    ]
    # Space after each paragraph and after the list as a whole, none inside it.
    assert [end for _, end in body] == [True, True, False, False, False, False, True, True]
    # A year or an amount at the start of a sentence is not a list.
    assert body_paragraphs(["2026 là năm đầu."]) == [("2026 là năm đầu.", True)]


def test_a_list_of_what_is_missing_starts_on_its_own_line(services: Services) -> None:
    actor = staff_actor(services)
    c = services.cases.receive(FORM, actor)
    c = services.cases.ask_clarification(
        c.code,
        "1. Bản sao quyết định hưởng trợ cấp;\n2. Số tài khoản nhận tiền.",
        actor,
        expected_version=c.version,
    )
    lines = _lines(services.letters.issue(c.code, LetterKind.CLARIFICATION, actor).pdf)
    one, two = _line(lines, "1. Bản sao"), _line(lines, "2. Số tài khoản")
    assert abs(one[0] - two[0]) < 0.5
    assert abs((two[1] - one[1]) - LEADING) < 0.5
