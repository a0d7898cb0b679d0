"""What needs action today and in the next two working days, grouped by official."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pakn_desktop.domain.enums import CaseState, DeadlineStatus
from pakn_desktop.domain.queue import CaseFilter

WHAT = {
    CaseState.RECEIVED: "Phân loại, chuyển xử lý",
    CaseState.IN_PROGRESS: "Xử lý, trả lời",
    CaseState.RESULT_RECORDED: "Cập nhật kết quả, trả lời",
}
LIMIT = 5000


@dataclass(frozen=True)
class WorkItem:
    official: str
    code: str
    title: str
    what: str
    due: date | None
    days_left: int | None


def todays_filter(official_id: int | None = None) -> CaseFilter:
    """The cases today's work is made of: overdue or due within two working days."""
    return CaseFilter(
        statuses=frozenset({DeadlineStatus.OVERDUE, DeadlineStatus.DUE_SOON}),
        official_ids=frozenset({official_id}) if official_id is not None else frozenset(),
    )


def todays_work(rows: Iterable[Any], due_soon_until: date) -> list[WorkItem]:
    """Today's work from the queue's rows of ``todays_filter`` (deadline order): what each
    case needs (classification, answer, answer to record, a progress update falling due),
    grouped by official. ``due_soon_until`` is the last day counted as due soon."""
    items = []
    for r in rows:
        what = WHAT.get(r.state, r.state.label)
        due, left = r.next_due, r.days_left
        if r.state is CaseState.IN_PROGRESS and r.progress_due is not None:
            if r.progress_due <= due_soon_until:
                what = "Cập nhật tình hình xử lý (đã quá hạn trả lời)"
                due, left = r.progress_due, r.progress_days_left  # the count of that date
            else:
                what = "Xử lý, trả lời (đã quá hạn)"
        items.append(
            WorkItem(r.official_name or "(chưa phân công)", r.code, r.title, what, due, left)
        )
    items.sort(key=lambda i: (i.official, i.due or date.max))
    return items
