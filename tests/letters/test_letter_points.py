"""The wording and layout points of issue 23, each on the letter an office issues: the
receipt's number with the agency's part, "có thể theo dõi", typed reasons ending with a full
stop, the agency named once a paragraph, the person's name kept in a rejection's advice, a
request for clarification naming only the ways it gives an address for, the V/v line never
splitting a word, the rule under the agency 1/3 to 1/2 of its name."""

from __future__ import annotations

import io
import itertools
from dataclasses import replace
from datetime import date

import pdfplumber
import pytest
from accounts_fixture import staff_actor
from builders import a_form
from test_letter_service import FORM, text_of

from pakn_desktop.domain.letters import (
    LetterKind,
    RejectionGround,
    receipt_symbol,
    word_rejection,
)
from pakn_desktop.letters import layout
from pakn_desktop.letters.content import body_paragraphs
from pakn_desktop.letters.fonts import REGULAR, register_fonts
from pakn_desktop.letters.templates import DEFAULT_TEMPLATES
from pakn_desktop.services import Services


def flat(pdf: bytes) -> str:
    return " ".join(text_of(pdf).split())


def _save(services: Services, **changes: str) -> None:
    services.office.save_details(
        replace(services.office.details(), **changes),
        services.office.actor(),
        expected_version=services.office.settings_version(),
    )


# --- the receipt's number ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("office_symbol", "expected"),
    [("SNV-VP", "PTN-SNV"), ("UBND", "PTN-UBND"), (" SNNMT - VP ", "PTN-SNNMT"), ("", "PTN")],
)
def test_the_receipts_symbol_carries_the_agencys_part(office_symbol: str, expected: str) -> None:
    assert receipt_symbol(office_symbol) == expected


def test_a_receipt_is_numbered_with_the_agencys_part_in_one_yearly_series(
    services: Services,
) -> None:
    actor = staff_actor(services)
    first = services.letters.issue(
        services.cases.receive(FORM, actor).code, LetterKind.RECEIPT, actor
    )
    assert first.number_text == "01/PTN-SNV"
    assert "Số: 01/PTN-SNV" in text_of(first.pdf)
    assert "01/PTN " not in text_of(first.pdf) + " "
    # A new symbol names the agency anew; the year's series goes on (no second "01").
    _save(services, symbol="SNNMT-VP")
    second = services.letters.issue(
        services.cases.receive(FORM, actor).code, LetterKind.RECEIPT, actor
    )
    assert second.number_text == "02/PTN-SNNMT"


def test_the_receipt_says_the_person_can_follow_the_case(services: Services) -> None:
    actor = staff_actor(services)
    c = services.cases.receive(FORM, actor)
    text = flat(services.letters.issue(c.code, LetterKind.RECEIPT, actor).pdf)
    assert "Ông/Bà Trần Thị Bích có thể theo dõi tình hình xử lý bằng mã PAKN" in text


# --- typed reasons end with a full stop -------------------------------------------------------
def test_typed_reasons_and_texts_end_with_a_full_stop(services: Services) -> None:
    actor = staff_actor(services)
    rejected = services.cases.receive(FORM, actor)
    services.cases.reject(
        rejected.code, "Nội dung không rõ ràng", actor, expected_version=rejected.version
    )
    text = flat(services.letters.issue(rejected.code, LetterKind.REJECTION, actor).pdf)
    assert "Lý do: Nội dung không rõ ràng." in text

    moved = services.cases.receive(FORM, actor)
    services.cases.transfer(
        moved.code,
        "Sở Y tế tỉnh Quảng Ngãi",
        actor,
        reason="Thuộc lĩnh vực bảo trợ xã hội;",
        expected_version=moved.version,
    )
    text = flat(services.letters.issue(moved.code, LetterKind.TRANSFER, actor).pdf)
    assert "Lý do chuyển: Thuộc lĩnh vực bảo trợ xã hội." in text

    asked = services.cases.receive(FORM, actor)
    services.cases.ask_clarification(
        asked.code, "Bản sao quyết định hưởng trợ cấp", actor, expected_version=asked.version
    )
    text = flat(services.letters.issue(asked.code, LetterKind.CLARIFICATION, actor).pdf)
    assert "các nội dung sau: Bản sao quyết định hưởng trợ cấp." in text

    handled = services.cases.receive(FORM, actor)
    handled = services.cases.accept(
        handled.code, actor, official_id=actor.id, expected_version=handled.version
    )
    handled = services.cases.post_progress(
        handled.code,
        "Đang xác minh với Trung tâm Dịch vụ việc làm",
        actor,
        expected_version=handled.version,
    )
    text = flat(services.letters.issue(handled.code, LetterKind.PROGRESS, actor).pdf)
    assert "Đang xác minh với Trung tâm Dịch vụ việc làm." in text

    handled = services.cases.record_result(
        handled.code, "Đã chi trả.", actor, expected_version=handled.version
    )
    services.cases.publish_answer(
        handled.code, "Hồ sơ của Bà đã được giải quyết", actor, expected_version=handled.version
    )
    text = flat(services.letters.issue(handled.code, LetterKind.ANSWER, actor).pdf)
    assert "Hồ sơ của Bà đã được giải quyết." in text


# --- the agency's full name once a paragraph --------------------------------------------------
def test_each_paragraph_names_the_agency_at_most_once(services: Services) -> None:
    actor = staff_actor(services)
    agency = services.office.details().agency_short
    _save(
        services,
        postal_address="Số 52 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi",
        email="vanthu.snv@example.gov.vn",
        hotlines="0255 3822 123",
    )
    codes: dict[LetterKind, str] = {}
    c = services.cases.receive(FORM, actor)
    codes[LetterKind.RECEIPT] = c.code
    out_of_remit = word_rejection(
        RejectionGround.OUT_OF_REMIT, agency=agency, competent_agency="Sở Y tế tỉnh Quảng Ngãi"
    )
    services.cases.reject(
        c.code,
        out_of_remit.reason,
        actor,
        advice=out_of_remit.advice,
        expected_version=c.version,
    )
    codes[LetterKind.REJECTION] = c.code
    c = services.cases.receive(FORM, actor)
    services.cases.ask_clarification(c.code, "Bản sao.", actor, expected_version=c.version)
    codes[LetterKind.CLARIFICATION] = c.code
    c = services.cases.receive(FORM, actor)
    services.cases.transfer(
        c.code,
        "Sở Y tế tỉnh Quảng Ngãi",
        actor,
        reason="Bảo trợ xã hội.",
        expected_version=c.version,
    )
    codes[LetterKind.TRANSFER] = c.code
    c = services.cases.receive(FORM, actor)
    c = services.cases.accept(c.code, actor, official_id=actor.id, expected_version=c.version)
    c = services.cases.post_progress(c.code, "Đang xác minh.", actor, expected_version=c.version)
    codes[LetterKind.PROGRESS] = c.code
    c = services.cases.receive(FORM, actor)
    c = services.cases.accept(c.code, actor, official_id=actor.id, expected_version=c.version)
    c = services.cases.record_result(c.code, "Đã chi trả.", actor, expected_version=c.version)
    services.cases.publish_answer(c.code, "Đã chi trả.", actor, expected_version=c.version)
    codes[LetterKind.ANSWER] = c.code
    for kind, code in codes.items():
        content = services.letters.compose(code, kind, actor)
        printed = [text for text, _end in body_paragraphs(content.paragraphs)]
        assert any(agency in p for p in printed), (kind, printed)
        for paragraph in printed:
            assert paragraph.count(agency) <= 1, (kind, paragraph)


# --- the person's name in a rejection's advice ------------------------------------------------
def test_a_rejections_advice_names_the_person_as_the_letter_does(services: Services) -> None:
    actor = staff_actor(services)
    c = services.cases.receive(a_form(submitter_name="Phan Văn Chi", channel="walk_in"), actor)
    legal = word_rejection(RejectionGround.LEGAL_ADVICE)
    services.cases.reject(
        c.code, legal.reason, actor, advice=legal.advice, expected_version=c.version
    )
    text = flat(services.letters.issue(c.code, LetterKind.REJECTION, actor).pdf)
    assert "đề nghị Ông/Bà Phan Văn Chi liên hệ Trung tâm Trợ giúp pháp lý" in text
    assert "[họ tên]" not in text


# --- where to send what is asked for ----------------------------------------------------------
@pytest.mark.parametrize(
    ("postal", "email", "ways"),
    [
        ("", "", "(trực tiếp)"),
        (
            "Số 52 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi",
            "",
            "(trực tiếp hoặc qua đường bưu chính)",
        ),
        ("", "vanthu.snv@example.gov.vn", "(trực tiếp hoặc qua thư điện tử)"),
    ],
)
def test_the_request_for_clarification_offers_only_the_ways_it_gives_an_address_for(
    services: Services, postal: str, email: str, ways: str
) -> None:
    actor = staff_actor(services)
    _save(services, postal_address=postal, email=email)
    c = services.cases.receive(FORM, actor)
    services.cases.ask_clarification(c.code, "Bản sao.", actor, expected_version=c.version)
    text = flat(services.letters.issue(c.code, LetterKind.CLARIFICATION, actor).pdf)
    assert ways in text
    assert ("bưu chính" in text) is bool(postal)
    assert ("thư điện tử" in text) is bool(email)


# --- the V/v line -----------------------------------------------------------------------------
def test_the_subject_line_never_splits_phan_anh(services: Services) -> None:
    actor = staff_actor(services)
    c = services.cases.receive(FORM, actor)
    c = services.cases.accept(c.code, actor, official_id=actor.id, expected_version=c.version)
    services.cases.post_progress(c.code, "Đang xác minh.", actor, expected_version=c.version)
    pdf = services.letters.issue(c.code, LetterKind.PROGRESS, actor).pdf
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        words = page.extract_words(extra_attrs=["size"])
        kinh_gui = next(w for w in words if w["text"] == "Kính")
        # The V/v lines: the 12 pt text above "Kính gửi".
        subject = [
            " ".join(w["text"] for w in ws)
            for ws in _rows(words)
            if abs(ws[0]["size"] - layout.SIZE_SUBJECT) < 0.1 and ws[0]["top"] < kinh_gui["top"]
        ]
    assert subject == ["V/v thông báo tình hình xử lý", "phản ánh, kiến nghị"], subject


def _rows(words: list[dict]) -> list[list[dict]]:  # type: ignore[type-arg]
    rows: dict[float, list[dict]] = {}  # type: ignore[type-arg]
    for w in words:
        rows.setdefault(round(w["top"], 1), []).append(w)
    return [sorted(ws, key=lambda w: w["x0"]) for _top, ws in sorted(rows.items())]


@pytest.mark.parametrize("kind", list(LetterKind))
def test_no_subject_breaks_inside_a_two_syllable_word_at_any_width(kind: LetterKind) -> None:
    register_fonts()
    subject = DEFAULT_TEMPLATES[kind].subject + " của Ông Nguyễn Văn An"
    for avail in range(110, 260, 2):
        lines = layout.balanced_lines(subject, REGULAR, layout.SIZE_SUBJECT, avail)
        for upper, lower in itertools.pairwise(lines):
            cut = (upper.split()[-1].lower(), lower.split()[0].lower().strip(",."))
            assert cut not in SPLIT_WORDS, (avail, lines)


SPLIT_WORDS = {
    ("phản", "ánh"),
    ("kiến", "nghị"),
    ("bổ", "sung"),
    ("làm", "rõ"),
    ("nội", "dung"),
    ("tình", "hình"),
    ("xử", "lý"),
    ("trả", "lời"),
    ("tiếp", "nhận"),
    ("thông", "báo"),
    ("đề", "nghị"),
}


# --- the rule under the agency's name ---------------------------------------------------------
@pytest.mark.parametrize(
    "agency",
    ["SỞ NỘI VỤ", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "ỦY BAN NHÂN DÂN XÃ BÌNH SƠN"],
)
def test_the_rule_under_the_agency_is_a_third_to_a_half_of_its_name(agency: str) -> None:
    content = layout.LetterContent(
        parent_agency="UBND TỈNH QUẢNG NGÃI",
        agency=agency,
        number_text="Số: 01/SNV-VP",
        place="Quảng Ngãi",
        issued_on=date(2026, 3, 5),
        subject="V/v trả lời phản ánh, kiến nghị",
        paragraphs=["Nội dung."],
    )
    pdf, _ = layout.render_letter(content)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        bold = [
            c
            for c in page.chars
            if "Bold" in c["fontname"] and c["x1"] < layout.MARGIN_LEFT + layout.LEFT_COL
        ]
        rows: dict[float, list[dict]] = {}  # type: ignore[type-arg]
        for c in bold:
            rows.setdefault(round(c["top"], 1), []).append(c)
        widest = max(max(c["x1"] for c in cs) - min(c["x0"] for c in cs) for cs in rows.values())
        name_bottom = max(c["bottom"] for c in bold)
        (rule,) = [
            ln
            for ln in page.lines
            if ln["x1"] < layout.MARGIN_LEFT + layout.LEFT_COL and ln["top"] > name_bottom - 1
        ]
    ratio = (rule["x1"] - rule["x0"]) / widest
    assert 1 / 3 <= ratio <= 1 / 2, ratio
    # Centred under the name.
    centre = layout.MARGIN_LEFT + layout.LEFT_COL / 2
    assert abs((rule["x0"] + rule["x1"]) / 2 - centre) < 1
