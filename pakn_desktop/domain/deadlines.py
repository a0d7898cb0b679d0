"""Stage deadlines of a case and its deadline status, in working days (seed §2-3, DOMAIN.md).

All deadlines count from the *clock start*: the day the PAKN was received, or, after a request
for clarification, the day the supplement arrived. That is this product's documented clock rule
(DOMAIN.md, "the usual reading"): a supplemented PAKN counts as received on the day the
supplement arrives; the earlier dates stay in the case history. While the office waits for the
person the clock is paused.

- rejection notice: 2 working days; any other classification: 5 working days;
- answer: 15 working days;
- past the 15, a progress update every 5 working days until there is a result;
- once there is a result, the answer is recorded within 2 working days of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from .enums import CaseState, DeadlineStatus, Outcome

REJECTION_DAYS = 2
CLASSIFICATION_DAYS = 5
ANSWER_DAYS = 15
PROGRESS_CYCLE_DAYS = 5
RECORD_ANSWER_DAYS = 2
DUE_SOON_DAYS = 2

# The states in which the deadline clock runs (a case has a status deadline, stored as
# ``due_on``): defined here once; services, queries and reports use this set.
CLOCK_RUNNING_STATES: frozenset[CaseState] = frozenset(
    {CaseState.RECEIVED, CaseState.IN_PROGRESS, CaseState.RESULT_RECORDED}
)
CLOCK_RUNNING_VALUES: tuple[str, ...] = tuple(sorted(s.value for s in CLOCK_RUNNING_STATES))


class Calendar(Protocol):
    def add_working_days(self, d: date, n: int) -> date: ...
    def working_days_between(self, a: date, b: date) -> int: ...


class Stage(StrEnum):
    REJECTION = "rejection"
    CLASSIFICATION = "classification"
    ANSWER = "answer"
    PROGRESS = "progress"
    RECORD_ANSWER = "record_answer"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS: dict[Stage, str] = {
    Stage.REJECTION: "Thông báo không tiếp nhận (02 ngày làm việc)",
    Stage.CLASSIFICATION: "Phân loại, chuyển xử lý (05 ngày làm việc)",
    Stage.ANSWER: "Xử lý, trả lời (15 ngày làm việc)",
    Stage.PROGRESS: "Cập nhật tình hình xử lý (mỗi 05 ngày làm việc)",
    Stage.RECORD_ANSWER: "Cập nhật kết quả, trả lời (02 ngày làm việc)",
}


@dataclass(frozen=True)
class CaseClock:
    """What the deadline rules need to know about a case, nothing more."""

    state: CaseState
    clock_start: date
    result_on: date | None = None
    last_progress_on: date | None = None


@dataclass(frozen=True)
class StageDeadline:
    stage: Stage
    due: date
    start: date
    days: int


def stage_deadlines(cal: Calendar, clock_start: date) -> list[StageDeadline]:
    """The fixed stages counted from the clock start."""
    return [
        StageDeadline(stage, cal.add_working_days(clock_start, days), clock_start, days)
        for stage, days in (
            (Stage.REJECTION, REJECTION_DAYS),
            (Stage.CLASSIFICATION, CLASSIFICATION_DAYS),
            (Stage.ANSWER, ANSWER_DAYS),
        )
    ]


def next_progress_due(cal: Calendar, clock_start: date, last_progress_on: date | None) -> date:
    """The next progress update is 5 working days after the later of the answer deadline and
    the last update posted once that deadline had passed."""
    answer_due = cal.add_working_days(clock_start, ANSWER_DAYS)
    base = answer_due
    if last_progress_on is not None and last_progress_on > answer_due:
        base = last_progress_on
    return cal.add_working_days(base, PROGRESS_CYCLE_DAYS)


def status_deadline(cal: Calendar, clock: CaseClock) -> StageDeadline | None:
    """The deadline a case's colour depends on (stored as ``due_on`` so SQL can filter):
    classification while received, the answer while in progress, recording the answer once
    there is a result; None while paused or done."""
    s = clock.state
    if s is CaseState.RECEIVED:
        due = cal.add_working_days(clock.clock_start, CLASSIFICATION_DAYS)
        return StageDeadline(Stage.CLASSIFICATION, due, clock.clock_start, CLASSIFICATION_DAYS)
    if s is CaseState.IN_PROGRESS:
        due = cal.add_working_days(clock.clock_start, ANSWER_DAYS)
        return StageDeadline(Stage.ANSWER, due, clock.clock_start, ANSWER_DAYS)
    if s is CaseState.RESULT_RECORDED:
        start = clock.result_on or clock.clock_start
        due = cal.add_working_days(start, RECORD_ANSWER_DAYS)
        return StageDeadline(Stage.RECORD_ANSWER, due, start, RECORD_ANSWER_DAYS)
    return None


def next_deadline(cal: Calendar, clock: CaseClock, today: date) -> StageDeadline | None:
    """The next thing due: the status deadline, or, once the 15 working days have passed
    without a result, the next progress update."""
    sd = status_deadline(cal, clock)
    if sd is not None and sd.stage is Stage.ANSWER and today > sd.due:
        due = next_progress_due(cal, clock.clock_start, clock.last_progress_on)
        return StageDeadline(Stage.PROGRESS, due, clock.clock_start, PROGRESS_CYCLE_DAYS)
    return sd


def working_days_left(cal: Calendar, today: date, due: date) -> int:
    """Working days from today until ``due``: 0 on the due day, negative once past it."""
    if due >= today:
        return cal.working_days_between(today, due)
    return -cal.working_days_between(due, today)


def status_for(state: CaseState, due: date | None, today: date, cal: Calendar) -> DeadlineStatus:
    if state is CaseState.AWAITING_CLARIFICATION:
        return DeadlineStatus.PAUSED
    if not state.is_open or due is None:
        return DeadlineStatus.DONE
    if due < today:
        return DeadlineStatus.OVERDUE
    if working_days_left(cal, today, due) <= DUE_SOON_DAYS:
        return DeadlineStatus.DUE_SOON
    return DeadlineStatus.ON_TRACK


def deadline_status(cal: Calendar, clock: CaseClock, today: date) -> DeadlineStatus:
    """On track, due soon (2 working days or fewer left), overdue, paused or done.

    A case still being handled after its 15 working days stays overdue while progress
    updates go out: the answer is late."""
    sd = status_deadline(cal, clock)
    return status_for(clock.state, sd.due if sd else None, today, cal)


def handled_late_days(
    cal: Calendar,
    clock_start: date,
    outcome: str | None,
    classified_on: date | None,
    answered_on: date | None,
) -> int | None:
    """Working days a finished case was handled after its limit (0: in time), by the rule the
    reports count on-time cases with (``store.queries.handled_condition``): answered within 15
    working days of the clock start, rejected within 2, transferred within 5. None when the
    case has no such date (closed without an answer)."""
    if answered_on is not None:
        done, days = answered_on, ANSWER_DAYS
    elif outcome == Outcome.REJECTED.value and classified_on is not None:
        done, days = classified_on, REJECTION_DAYS
    elif outcome == Outcome.TRANSFERRED.value and classified_on is not None:
        done, days = classified_on, CLASSIFICATION_DAYS
    else:
        return None
    due = cal.add_working_days(clock_start, days)
    return max(0, -working_days_left(cal, done, due))


def due_soon_limit(cal: Calendar, today: date) -> date:
    """Last due date still counted as 'due soon' seen from today (for SQL filters)."""
    return cal.add_working_days(today, DUE_SOON_DAYS)
