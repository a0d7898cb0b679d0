"""Due dates are worded as the law counts them: the last permitted day is named and included
("chậm nhất ngày …"), never "trước ngày …", which would promise one day less."""

from __future__ import annotations

from datetime import date

import pytest

from pakn_desktop.domain.calendar import WorkingCalendar
from pakn_desktop.domain.deadlines import ANSWER_DAYS
from pakn_desktop.domain.wording import as_sentence, day_text, latest_by, ways_to_send

CAL = WorkingCalendar()

# (received, the answer's last day by the real calendar, what the edge is)
EDGES = [
    (date(2026, 1, 23), date(2026, 2, 13), "the last working day before Tết 2026 (a Friday)"),
    (date(2026, 1, 26), date(2026, 2, 23), "one day later: Tết's week is skipped"),
    (date(2026, 7, 31), date(2026, 8, 21), "the Friday before a make-up Saturday"),
    (date(2026, 8, 3), date(2026, 8, 22), "the make-up Saturday counts as a working day"),
    (date(2026, 8, 11), date(2026, 9, 3), "the day off for that Saturday and Quốc khánh skipped"),
    (date(2027, 1, 13), date(2027, 2, 3), "Tết 2027 starts on Thursday 29 Tết"),
]


@pytest.mark.parametrize(("received", "last_day", "why"), EDGES)
def test_the_answer_is_due_at_the_latest_on_the_calendars_last_day(
    received: date, last_day: date, why: str
) -> None:
    due = CAL.add_working_days(received, ANSWER_DAYS)
    assert due == last_day, why
    assert CAL.is_working_day(due)
    assert latest_by(due) == f"chậm nhất ngày {last_day:%d/%m/%Y}"
    assert "trước" not in latest_by(due)


def test_the_short_forms() -> None:
    assert day_text(date(2026, 2, 13)) == "13/02/2026"
    # A letter template words its placeholder the same way.
    assert latest_by("{han_bo_sung}") == "chậm nhất ngày {han_bo_sung}"


def test_the_example_code_in_the_message_passes_the_apps_check() -> None:
    import re

    from pakn_desktop.domain.codes import InvalidCode, normalize_case_code

    with pytest.raises(InvalidCode) as bad:
        normalize_case_code("12345")
    example = re.search(r"ví dụ (\d\d-\d{6}-\d)", str(bad.value))
    assert example is not None
    assert normalize_case_code(example.group(1)) == example.group(1)


def test_the_name_fields_errors_read_as_the_name() -> None:
    from pakn_desktop.domain.validation import IntakeForm, validate_intake

    errors = validate_intake(
        IntakeForm("citizen", "!!!", "Thôn 2", "0905111222", "", "Hỏi", "Nội dung", "phone")
    )
    assert errors["submitter_name"] == (
        "Họ tên người phản ánh (hoặc tên tổ chức) phải có chữ hoặc số."
    )


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Không rõ nội dung", "Không rõ nội dung."),
        ("  Không rõ nội dung.  ", "Không rõ nội dung."),
        ("Thiếu bản sao;", "Thiếu bản sao."),
        (
            "Các giấy tờ sau:\n- Bản sao quyết định;\n- Giấy tờ tùy thân",
            "Các giấy tờ sau:\n- Bản sao quyết định;\n- Giấy tờ tùy thân.",
        ),
        ("Đã trả lời (xem Công văn số 12/SNV-VP).", "Đã trả lời (xem Công văn số 12/SNV-VP)."),
        ("Ông có đồng ý không?", "Ông có đồng ý không?"),
        ("Theo “Quyết định 12.”", "Theo “Quyết định 12.”"),
        ("", ""),
    ],
)
def test_typed_text_ends_as_a_sentence(typed: str, printed: str) -> None:
    assert as_sentence(typed) == printed


@pytest.mark.parametrize(
    ("postal", "email", "said"),
    [
        (True, True, "trực tiếp, qua đường bưu chính hoặc thư điện tử"),
        (True, False, "trực tiếp hoặc qua đường bưu chính"),
        (False, True, "trực tiếp hoặc qua thư điện tử"),
        (False, False, "trực tiếp"),
    ],
)
def test_ways_to_send_name_only_what_has_an_address(postal: bool, email: bool, said: str) -> None:
    assert ways_to_send(postal, email) == said
