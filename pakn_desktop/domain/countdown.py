"""Working days left or late, as a person reads them: "còn 3 ngày", "hạn hôm nay", "trễ 9
ngày"; and a finished stage as when it was done and whether in time. The window, the
queue and today's work all word a count through here, so the same case reads the same
everywhere (a negative number of days left means nothing to a clerk)."""

from __future__ import annotations

from datetime import date

from .enums import DeadlineStatus


def days_left_words(days: int | None, *, unit: str = "ngày") -> str:
    """``days`` working days until a deadline (0 on the day, negative once past it)."""
    if days is None:
        return ""
    if days > 0:
        return f"còn {days} {unit}"
    if days == 0:
        return "hạn hôm nay"
    return f"trễ {-days} {unit}"


def done_words(done_on: date, late_days: int) -> str:
    """A stage finished on ``done_on``, ``late_days`` working days after its deadline (0 when
    in time); short, for a column headed in working days."""
    when = f"{done_on:%d/%m/%Y}"
    if late_days <= 0:
        return f"{when} (đúng hạn)"
    return f"{when} (trễ {late_days} ngày)"


def status_words(status: DeadlineStatus, late_days: int | None = None) -> str:
    """A case's deadline status as the queue and the editor's header say it: a finished case
    says whether it was handled in time ("Đã xong đúng hạn", "Đã xong, trễ 3 ngày";
    ``deadlines.handled_late_days``), plain "Đã xong" when it has no handling date."""
    if status is not DeadlineStatus.DONE or late_days is None:
        return status.label
    if late_days <= 0:
        return f"{status.label} đúng hạn"
    return f"{status.label}, trễ {late_days} ngày"
