"""What needs action today and in the next two working days, grouped by official."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pakn_desktop.domain.enums import CaseState, DeadlineStatus
from pakn_desktop.domain.queue import CaseFilter, SortKey

if TYPE_CHECKING:
    from pakn_desktop.services import Services

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


def todays_work(services: Services, official_id: int | None = None) -> list[WorkItem]:
    """Cases overdue or due within two working days (classification, answer, answer to
    record) and progress updates falling due, for one official or the whole office."""
    f = CaseFilter(
        statuses=frozenset({DeadlineStatus.OVERDUE, DeadlineStatus.DUE_SOON}),
        official_ids=frozenset({official_id}) if official_id is not None else frozenset(),
    )
    limit = services.cases.bounds().due_soon_until
    items = []
    for r in services.cases._queue(f, sort=SortKey.DEADLINE, limit=LIMIT):
        what = WHAT.get(r.state, r.state.label)
        due, left = r.next_due, r.days_left
        if r.state is CaseState.IN_PROGRESS and r.progress_due is not None:
            if r.progress_due <= limit:
                what = "Cập nhật tình hình xử lý (đã quá hạn trả lời)"
                due, left = r.progress_due, r.progress_days_left  # the count of that date
            else:
                what = "Xử lý, trả lời (đã quá hạn)"
        items.append(
            WorkItem(r.official_name or "(chưa phân công)", r.code, r.title, what, due, left)
        )
    items.sort(key=lambda i: (i.official, i.due or date.max))
    return items
