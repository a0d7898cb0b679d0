"""Folding, phone numbers, intake validation and personal-data detection."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pakn_desktop.domain.codes import format_case_code, normalize_case_code
from pakn_desktop.domain.errors import InvalidCode
from pakn_desktop.domain.personal_data import find_personal_data, redact, split_private
from pakn_desktop.domain.text import clean_text, fold, search_terms
from pakn_desktop.domain.validation import (
    IntakeForm,
    format_phone,
    normalize_phone,
    validate_email,
    validate_intake,
)

GOOD = IntakeForm(
    submitter_kind="citizen",
    submitter_name="Nguyễn Thị Hoa",
    address="Phường Kon Tum",
    phone="0912 345 678",
    title="Chậm giải quyết hồ sơ",
    content="Đề nghị xem xét.",
    channel="phone",
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hà Nội", "ha noi"),
        ("ĐƯỜNG Trần Hưng Đạo", "duong tran hung dao"),
        ("Nguyễn  Văn\tAn", "nguyen van an"),
        ("Ha\u0300 No\u0323i\u0302", "ha noi"),  # decomposed marks
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_search_terms_keep_phone_numbers_and_codes_whole() -> None:
    assert search_terms("Hà Nội 0912 345 678") == ["ha", "noi", "0912345678"]
    assert search_terms("0260.3797799") == ["02603797799"]
    assert search_terms("+84 912 345 678") == ["0912345678"]
    assert search_terms("26-000421-4") == ["260004214"]
    assert search_terms("\"'*)(") == []


def test_clean_text_strips_controls_bidi_and_zero_width() -> None:
    assert clean_text(" a\x00b\u202ec\u200bd\r\ne ") == "abcd\ne"
    assert clean_text("lone \ud800 surrogate") == "lone ? surrogate"


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("(+84) 912345678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0352-123-456", "0352123456"),
        ("0260.3797799", "02603797799"),
        ("0260.3958.789", "02603958789"),
        ("024 3823 4567", "02438234567"),
        ("01689123456", "01689123456"),
        ("1900 1234", "19001234"),
        ("12345", None),
        ("0123", None),
        ("+1 415 555 0100", None),
        ("0912 345 67a", None),
        ("", None),
    ],
)
def test_normalize_phone(raw: str, norm: str | None) -> None:
    assert normalize_phone(raw) == norm


def test_format_phone() -> None:
    assert format_phone("0912345678") == "0912 345 678"
    assert format_phone("02603797799") == "0260 3797 799"
    assert format_phone("02438234567") == "024 3823 4567"


def test_email() -> None:
    assert validate_email("an.nguyen@example.vn")
    assert not validate_email("an nguyen@example.vn")
    assert not validate_email("an@")
    assert not validate_email("a" * 250 + "@x.vn")


def test_valid_form_has_no_errors() -> None:
    assert validate_intake(GOOD) == {}


def test_each_problem_is_reported_per_field_in_vietnamese() -> None:
    bad = IntakeForm(channel="national_portal", phone="abc", email="x@", title="x" * 301)
    errors = validate_intake(bad)
    for field in (
        "submitter_kind",
        "submitter_name",
        "address",
        "phone",
        "email",
        "title",
        "content",
        "portal_code",
    ):
        assert field in errors, field
    assert errors["submitter_name"].startswith("Vui lòng")
    assert "300" in errors["title"]
    assert validate_intake(replace(GOOD, content="a\x00b"))["content"].endswith(
        "ký tự điều khiển không hợp lệ."
    )
    assert "submitter_name" in validate_intake(replace(GOOD, submitter_name="   \n "))
    assert "channel" in validate_intake(replace(GOOD, channel="pigeon"))


@settings(max_examples=200, deadline=None)
@given(st.builds(IntakeForm, *[st.text(max_size=400)] * 10))
def test_validation_never_raises(form: IntakeForm) -> None:
    errors = validate_intake(form)
    assert all(isinstance(v, str) and v for v in errors.values())


def test_hostile_long_input() -> None:
    errors = validate_intake(replace(GOOD, content="\u202e" + "x" * 50_000 + "\x00"))
    assert "content" in errors


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Liên hệ 0912 345 678 nhé", [("phone", "0912 345 678")]),
        ("gọi 0912.345.678", [("phone", "0912.345.678")]),
        ("+84 912 345 678", [("phone", "+84 912 345 678")]),
        ("máy bàn 0260.3797799", [("phone", "0260.3797799")]),
        ("CCCD 062190001234 cấp ngày", [("cccd", "062190001234")]),
        ("CMND 123456789", [("cmnd", "123456789")]),
        ("email an@example.vn", [("email", "an@example.vn")]),
        ("MST 0100047516-001", [("tax_code", "0100047516-001")]),
        ("Số: 06/QĐ-UBND", []),
        ("theo Nghị định 20/2008/NĐ-CP", []),
        ("ngày 05/03/2026", []),
        ("ngày 05 tháng 3 năm 2026", []),
        ("số tiền 1.500.000 đồng", []),
        ("tổng đài 1900 1234", []),
        ("mã 1234567890123456789", []),
    ],
)
def test_personal_data_detection(text: str, found: list[tuple[str, str]]) -> None:
    assert [(f.kind, f.text) for f in find_personal_data(text)] == found


def test_redact_and_split_private() -> None:
    text = "Tôi là An, điện thoại 0912 345 678, CCCD 062190001234."
    public, note = split_private(text)
    assert "0912" not in public and "[số điện thoại]" in public and "[số CCCD]" in public
    assert "Số điện thoại: 0912 345 678" in note and "Số CCCD: 062190001234" in note
    assert find_personal_data(public) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_findings_in_bounds_non_overlapping_and_redaction_complete(text: str) -> None:
    findings = find_personal_data(text)
    last = 0
    for f in findings:
        assert last <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        last = f.end
    assert find_personal_data(redact(text, findings)) == []


def test_codes_check_digit_catches_typos() -> None:
    code = format_case_code(2026, 421)
    assert normalize_case_code(code.replace("-", " ")) == code
    digits = code.replace("-", "")
    wrong = digits[:3] + str((int(digits[3]) + 1) % 10) + digits[4:]
    swapped = digits[:4] + digits[5] + digits[4] + digits[6:]
    for bad in (wrong, swapped if swapped != digits else wrong, "26-0004", "abc"):
        with pytest.raises(InvalidCode):
            normalize_case_code(bad)
