from __future__ import annotations

from datetime import date

import pytest

from pakn_desktop.domain.calendar import WorkingCalendar
from pakn_desktop.domain.deadlines import (
    CaseClock,
    Stage,
    deadline_status,
    due_soon_limit,
    next_deadline,
    next_progress_due,
    stage_deadlines,
    status_deadline,
    working_days_left,
)
from pakn_desktop.domain.enums import CaseState, DeadlineStatus

CAL = WorkingCalendar()
RECEIVED = date(2026, 4, 24)  # Friday before Giỗ Tổ (observed Mon 27/4) and 30/4-1/5


def test_stage_deadlines_contract_example() -> None:
    dues = {st.stage: st.due for st in stage_deadlines(CAL, RECEIVED)}
    assert dues[Stage.REJECTION] == date(2026, 4, 29)
    assert dues[Stage.CLASSIFICATION] == date(2026, 5, 6)
    assert dues[Stage.ANSWER] == date(2026, 5, 20)


def test_status_deadline_by_state() -> None:
    assert status_deadline(CAL, CaseClock(CaseState.RECEIVED, RECEIVED)).due == date(2026, 5, 6)
    sd = status_deadline(CAL, CaseClock(CaseState.IN_PROGRESS, RECEIVED))
    assert sd is not None and sd.stage is Stage.ANSWER and sd.due == date(2026, 5, 20)
    # Result on Friday 22/5: the answer is recorded by Tuesday 26/5.
    sd = status_deadline(
        CAL, CaseClock(CaseState.RESULT_RECORDED, RECEIVED, result_on=date(2026, 5, 22))
    )
    assert sd is not None and sd.due == date(2026, 5, 26)
    for state in (CaseState.AWAITING_CLARIFICATION, CaseState.ANSWERED, CaseState.CLOSED):
        assert status_deadline(CAL, CaseClock(state, RECEIVED)) is None


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2026, 5, 6), DeadlineStatus.DUE_SOON),  # due day itself: 0 left
        (date(2026, 5, 7), DeadlineStatus.OVERDUE),  # the day after
        (date(2026, 5, 4), DeadlineStatus.DUE_SOON),  # 2 working days left (5, 6)
        (date(2026, 5, 1), DeadlineStatus.DUE_SOON),  # holiday: 4/5, 5/5, 6/5 -> 3 left? see below
        (date(2026, 4, 30), DeadlineStatus.ON_TRACK),
    ],
)
def test_status_boundaries_for_classification(today: date, status: DeadlineStatus) -> None:
    clock = CaseClock(CaseState.RECEIVED, RECEIVED)
    left = working_days_left(CAL, today, date(2026, 5, 6))
    expected = status
    if today == date(2026, 5, 1):
        # From the 1/5 holiday, working days in (1/5, 6/5] are 4, 5 and 6 May: 3 left.
        assert left == 3
        expected = DeadlineStatus.ON_TRACK
    assert deadline_status(CAL, clock, today) is expected


def test_working_days_left_signs() -> None:
    due = date(2026, 5, 6)
    assert working_days_left(CAL, due, due) == 0
    assert working_days_left(CAL, date(2026, 5, 5), due) == 1
    assert working_days_left(CAL, date(2026, 5, 7), due) == -1
    assert working_days_left(CAL, date(2026, 5, 11), due) == -3  # 7, 8, 11 May


def test_paused_and_done() -> None:
    today = date(2026, 6, 1)
    paused = CaseClock(CaseState.AWAITING_CLARIFICATION, RECEIVED)
    assert deadline_status(CAL, paused, today) is DeadlineStatus.PAUSED
    for state in (CaseState.ANSWERED, CaseState.CLOSED, CaseState.REJECTED, CaseState.TRANSFERRED):
        assert deadline_status(CAL, CaseClock(state, RECEIVED), today) is DeadlineStatus.DONE


def test_progress_cycle_after_fifteen_days() -> None:
    clock = CaseClock(CaseState.IN_PROGRESS, RECEIVED)
    # Up to the answer deadline the next thing due is the answer.
    nd = next_deadline(CAL, clock, date(2026, 5, 20))
    assert nd is not None and nd.stage is Stage.ANSWER
    # The day after: overdue, next a progress update 5 working days after 20/5.
    nd = next_deadline(CAL, clock, date(2026, 5, 21))
    assert nd is not None and nd.stage is Stage.PROGRESS and nd.due == date(2026, 5, 27)
    assert deadline_status(CAL, clock, date(2026, 5, 21)) is DeadlineStatus.OVERDUE
    # After an update on 27/5 the next is due 5 working days later.
    later = CaseClock(CaseState.IN_PROGRESS, RECEIVED, last_progress_on=date(2026, 5, 27))
    assert next_progress_due(CAL, RECEIVED, date(2026, 5, 27)) == date(2026, 6, 3)
    nd = next_deadline(CAL, later, date(2026, 5, 28))
    assert nd is not None and nd.due == date(2026, 6, 3)
    # An update posted before the 15 days were up does not shift the cycle.
    assert next_progress_due(CAL, RECEIVED, date(2026, 5, 4)) == date(2026, 5, 27)


def test_due_soon_limit_is_two_working_days() -> None:
    assert due_soon_limit(CAL, date(2026, 4, 24)) == date(2026, 4, 29)
