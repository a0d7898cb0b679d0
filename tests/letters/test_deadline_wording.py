"""The letters name the last permitted day as the law counts it: "chậm nhất ngày …" with the
date the real working-day calendar gives, on the edge days (the Friday before Tết, a make-up
Saturday). "trước ngày …" would promise the person one day less."""

from __future__ import annotations

import io
from datetime import datetime

import pdfplumber
import pytest
from accounts_fixture import staff_actor
from builders import a_form

from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.services import Services

FORM = a_form(
    submitter_name="Trần Thị Bích",
    address="Thôn 3, xã Đắk Hà",
    phone="0905 123 456",
    title="Chậm chi trả trợ cấp",
    content="Tôi nộp hồ sơ đã hơn 20 ngày nhưng chưa được chi trả.",
    channel="walk_in",
)


def text_of(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return " ".join(" ".join((p.extract_text() or "").split()) for p in doc.pages)


@pytest.mark.parametrize(
    ("received", "last_day"),
    [
        (datetime(2026, 1, 23, 9, 0), "13/02/2026"),  # the Friday before Tết
        (datetime(2026, 8, 3, 9, 0), "22/08/2026"),  # a make-up Saturday
    ],
)
def test_the_receipt_gives_the_answers_last_day(  # type: ignore[no-untyped-def]
    services: Services, clock, received: datetime, last_day: str
) -> None:
    clock.set(received)
    actor = staff_actor(services)
    case = services.cases.receive(FORM, actor)
    text = text_of(services.letters.issue(case.code, LetterKind.RECEIPT, actor).pdf)
    assert f"Thời hạn trả lời dự kiến: chậm nhất ngày {last_day} (15 ngày làm việc" in text
    assert "trước ngày" not in text


@pytest.mark.parametrize(
    ("asked", "last_day"),
    [
        (datetime(2026, 2, 2, 10, 0), "23/02/2026"),  # 10 working days across Tết
        (datetime(2026, 8, 7, 10, 0), "21/08/2026"),  # the day before a make-up Saturday
        (datetime(2026, 8, 10, 10, 0), "22/08/2026"),  # the make-up Saturday itself
    ],
)
def test_the_clarification_letter_gives_the_last_day_for_the_supplement(  # type: ignore[no-untyped-def]
    services: Services, clock, asked: datetime, last_day: str
) -> None:
    clock.set(asked)
    actor = staff_actor(services)
    case = services.cases.receive(FORM, actor)
    services.cases.ask_clarification(
        case.code, "Bản sao quyết định.", actor, expected_version=case.version
    )
    text = text_of(services.letters.issue(case.code, LetterKind.CLARIFICATION, actor).pdf)
    # The office of the tests gave no postal or e-mail address: the letter offers no such way.
    assert f"chậm nhất ngày {last_day} (trực tiếp)" in text
    assert "trước ngày" not in text
