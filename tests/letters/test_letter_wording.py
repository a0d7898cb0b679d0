"""Wording that says what the letter means: a receipt after a supplement counts from the
supplement; the request for clarification names where to send the reply (post, e-mail)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from accounts_fixture import staff_actor
from test_letter_service import FORM, text_of

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.services import Services


def flat(pdf: bytes) -> str:
    return " ".join(text_of(pdf).split())


def test_a_receipt_after_a_supplement_counts_from_the_supplement(services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    actor = staff_actor(services)
    c = services.cases.receive(FORM, actor)
    c = services.cases.ask_clarification(
        c.code, "Bản sao quyết định.", actor, expected_version=c.version
    )
    clock.set(datetime(2026, 5, 11, 8, 0))
    c = services.cases.record_supplement(
        c.code, "Đã gửi bản sao.", actor, expected_version=c.version
    )
    due = services.calendar.calendar().add_working_days(date(2026, 5, 11), 15)
    text = flat(services.letters.issue(c.code, LetterKind.RECEIPT, actor).pdf)
    assert f"{due:%d/%m/%Y}" in text
    assert "kể từ ngày 11/05/2026, ngày nhận nội dung bổ sung)" in text
    assert "kể từ ngày tiếp nhận" not in text
    # Without a supplement, the receipt counts from receipt, as before.
    other = services.cases.receive(FORM, actor)
    plain = flat(services.letters.issue(other.code, LetterKind.RECEIPT, actor).pdf)
    assert "kể từ ngày tiếp nhận" in plain and "bổ sung" not in plain


def test_the_request_for_clarification_names_the_offices_address_and_email(
    services: Services,
) -> None:
    actor = staff_actor(services)
    admin = services.office.actor()
    details = services.office.details()
    with pytest.raises(PaknError, match="thư điện tử"):
        services.office.save_details(
            replace(details, email="khong-phai-email"),
            admin,
            expected_version=services.office.settings_version(),
        )
    services.office.save_details(
        replace(
            details,
            postal_address="Số 52 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi",
            email="vanthu.snv@example.gov.vn",
        ),
        admin,
        expected_version=services.office.settings_version(),
    )
    c = services.cases.receive(FORM, actor)
    c = services.cases.ask_clarification(
        c.code, "Bản sao quyết định.", actor, expected_version=c.version
    )
    text = flat(services.letters.issue(c.code, LetterKind.CLARIFICATION, actor).pdf)
    assert "qua đường bưu chính hoặc thư điện tử" in text
    assert (
        "Địa chỉ nhận qua đường bưu chính: Số 52 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi."
        in text
    )
    assert "Địa chỉ thư điện tử: vanthu.snv@example.gov.vn." in text


def test_a_new_offices_letters_name_no_dissolved_province_or_department(
    services: Services,
) -> None:
    from pakn_desktop.domain.reorganisation import dissolved_units

    actor = staff_actor(services)
    c = services.cases.receive(FORM, actor)
    receipt = text_of(services.letters.issue(c.code, LetterKind.RECEIPT, actor).pdf)
    c = services.cases.reject(c.code, "Không rõ nội dung.", actor, expected_version=c.version)
    rejection = text_of(services.letters.issue(c.code, LetterKind.REJECTION, actor).pdf)
    for text in (receipt, rejection):
        assert dissolved_units(text.splitlines()) == []
        assert "UBND TỈNH QUẢNG NGÃI" in text and "SỞ NỘI VỤ" in text
    assert "Quảng Ngãi, ngày" in rejection and "Số: 01/SNV-VP" in rejection
