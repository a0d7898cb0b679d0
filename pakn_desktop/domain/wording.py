"""How a due date is worded for people: one place, so the window, the lookup and the letters
say the same thing and say what the law counts.

A deadline here is always the *last permitted* day (the N-th working day after the event,
``deadlines``). "trước ngày X" excludes X, so it promises one day less than the law gives;
letters and screens say "chậm nhất ngày X" (the day itself still counts). See
docs/thuat-ngu.md, "Hạn".
"""

from __future__ import annotations

from datetime import date

DATE_FORMAT = "%d/%m/%Y"
LATEST_BY = "chậm nhất ngày"
DUE = "hạn"


def day_text(d: date) -> str:
    """A day as people write it: 13/02/2026."""
    return f"{d:{DATE_FORMAT}}"


def _day(d: date | str) -> str:
    # A string is passed through: letter templates word a placeholder ("{han_bo_sung}").
    return d if isinstance(d, str) else day_text(d)


def latest_by(d: date | str) -> str:
    """ "chậm nhất ngày 13/02/2026": the last permitted day, that day included."""
    return f"{LATEST_BY} {_day(d)}"


def due_on(d: date | str) -> str:
    """ "hạn 13/02/2026": a short label for lists and headers."""
    return f"{DUE} {_day(d)}"


__all__ = ["DATE_FORMAT", "DUE", "LATEST_BY", "day_text", "due_on", "latest_by"]
