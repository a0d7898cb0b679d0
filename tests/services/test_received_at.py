"""Receipt time: the intake check and a head's later correction with a reason."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from accounts_fixture import staff_actor
from builders import a_form

from pakn_desktop.domain.errors import (
    MissingInformation,
    PaknError,
    PermissionDenied,
    StaleCase,
    ValidationFailed,
)
from pakn_desktop.services import Services

FORM = a_form()


def test_receipt_time_warning_beyond_one_working_day_or_in_the_future(
    services: Services,
) -> None:
    c = services.cases  # the clock says Fri 24/04/2026 09:30
    assert c.received_at_warning(datetime(2026, 4, 24, 8, 0)) is None
    assert c.received_at_warning(datetime(2026, 4, 23, 16, 0)) is None  # one working day
    warning = c.received_at_warning(datetime(2026, 4, 22, 16, 0))
    assert warning is not None and "22/04/2026" in warning
    assert c.received_at_warning(datetime(2026, 1, 29, 9, 0)) is not None
    assert "sau thời điểm hiện tại" in (c.received_at_warning(datetime(2026, 4, 24, 9, 31)) or "")


def test_receipt_time_warning_counts_working_days_over_a_weekend(services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    clock.set(datetime(2026, 5, 11, 8, 0))  # Monday
    assert services.cases.received_at_warning(datetime(2026, 5, 8, 17, 0)) is None  # Friday
    assert services.cases.received_at_warning(datetime(2026, 5, 7, 17, 0)) is not None


def test_head_corrects_receipt_time_with_reason(services: Services, actor, head) -> None:  # type: ignore[no-untyped-def]
    case = services.cases.receive(FORM, actor)
    assert case.due_on == date(2026, 5, 6)
    fixed = services.cases.correct_received_at(
        case.code,
        datetime(2026, 4, 20, 8, 15),
        "Đơn đến ngày 20/4, nhập chậm.",
        head,
        expected_version=case.version,
    )
    assert fixed.received_at == datetime(2026, 4, 20, 8, 15)
    assert fixed.clock_start == date(2026, 4, 20)
    # 5 working days after Mon 20/04; Mon 27/04 is the day off for the Hùng Kings' day.
    assert fixed.due_on == date(2026, 4, 28)
    assert {d.stage: d.due for d in fixed.deadlines}["answer"] != {
        d.stage: d.due for d in case.deadlines
    }["answer"]
    last = fixed.events[-1]
    assert last.action == "correct_received_at" and last.actor_name == "Lê Thị Thu Hà"
    assert "nhập chậm" in last.summary and "20/04/2026 08:15" in last.summary
    assert last.changes["received_at"] == ["2026-04-24T09:30", "2026-04-20T08:15"]
    # The old version is refused now: another desk's correction is not overwritten.
    with pytest.raises(StaleCase):
        services.cases.correct_received_at(
            case.code, datetime(2026, 4, 21, 8, 0), "lại", head, expected_version=case.version
        )


def test_receipt_time_correction_refusals(  # type: ignore[no-untyped-def]
    services: Services, actor, head, official_actor
) -> None:
    case = services.cases.receive(FORM, actor)
    v = case.version
    when = datetime(2026, 4, 22, 8, 0)
    correct = services.cases.correct_received_at
    with pytest.raises(PermissionDenied, match="không có quyền"):
        correct(case.code, when, "Nhập nhầm", official_actor, expected_version=v)
    with pytest.raises(MissingInformation, match="lý do"):
        correct(case.code, when, "   ", head, expected_version=v)
    with pytest.raises(ValidationFailed):
        correct(case.code, datetime(2026, 4, 25, 8, 0), "x", head, expected_version=v)
    with pytest.raises(ValidationFailed):
        correct(case.code, datetime(1999, 12, 31, 8, 0), "x", head, expected_version=v)
    with pytest.raises(PaknError, match="trùng"):
        correct(case.code, case.received_at, "x", head, expected_version=v)
    after = services.case_reads.get(case.code, staff_actor(services))
    assert after.received_at == case.received_at and after.version == case.version
    assert [e.action for e in after.events] == ["receive"]


def test_correction_after_a_supplement_keeps_the_restarted_clock(  # type: ignore[no-untyped-def]
    services: Services, clock, actor, head
) -> None:
    case = services.cases.receive(FORM, actor)
    asked = services.cases.ask_clarification(
        case.code, "Thiếu bản sao giấy tờ.", actor, expected_version=case.version
    )
    clock.set(datetime(2026, 5, 4, 10, 0))
    supplemented = services.cases.record_supplement(
        case.code, "Đã gửi bản sao.", actor, expected_version=asked.version
    )
    assert supplemented.clock_start == date(2026, 5, 4)
    fixed = services.cases.correct_received_at(
        case.code,
        datetime(2026, 4, 23, 14, 0),
        "Đơn đến chiều 23/4.",
        head,
        expected_version=supplemented.version,
    )
    assert fixed.received_at == datetime(2026, 4, 23, 14, 0)
    assert fixed.clock_start == date(2026, 5, 4)
