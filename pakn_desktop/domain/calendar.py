"""The working-day calendar: Vietnam's public holidays, swapped days off and make-up Saturdays
(from the ``holidays`` package, country VN), plus the office's own adjustments.

Deadlines are asked for all day long (every queue row, every report line), so each answer comes
in constant time from precomputed tables over a span of years: for each day, how many working
days fall on or before it (``_cum``), and the list of working days in order (``_work``). The
tables grow when a date outside the span is asked for.

Counting follows Bộ luật Dân sự 2015 Điều 147: the day of the event is not counted, so
"within N working days of receipt" ends on the N-th working day strictly after receipt.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import holidays

_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
DEFAULT_FIRST_YEAR = 2015
DEFAULT_LAST_YEAR = 2040

Adjustment = date | tuple[date, str]


def _split(items: Iterable[Adjustment]) -> dict[date, str]:
    out: dict[date, str] = {}
    for item in items:
        if isinstance(item, tuple):
            out[item[0]] = item[1]
        else:
            out[item] = ""
    return out


class WorkingCalendar:
    def __init__(
        self,
        extra_days_off: Iterable[Adjustment] = (),
        extra_working_days: Iterable[Adjustment] = (),
        *,
        first_year: int = DEFAULT_FIRST_YEAR,
        last_year: int = DEFAULT_LAST_YEAR,
    ) -> None:
        self._days_off = _split(extra_days_off)
        self._working = _split(extra_working_days)
        self._first_year = first_year
        self._last_year = last_year
        self._build()

    # --- tables -----------------------------------------------------------------------
    def _build(self) -> None:
        years = range(self._first_year, self._last_year + 1)
        self._vn = holidays.country_holidays("VN", years=years, language="vi")
        self._makeup: set[date] = {
            d for d in getattr(self._vn, "weekend_workdays", ()) if d.year in years
        }
        self._origin = date(self._first_year, 1, 1).toordinal()
        end = date(self._last_year, 12, 31).toordinal()
        size = end - self._origin + 1
        # Plain lists of ints and dates: indexing them is the whole cost of a query.
        cum: list[int] = [0] * size
        work: list[date] = []
        count = 0
        vn = self._vn
        for i in range(size):
            d = date.fromordinal(self._origin + i)
            if self._is_working_uncached(d, vn):
                count += 1
                work.append(d)
            cum[i] = count
        self._size = size
        self._cum = cum
        self._work = work
        self._nwork = len(work)

    def _is_working_uncached(self, d: date, vn: holidays.HolidayBase) -> bool:
        if d in self._days_off:
            return False
        if d in self._working:
            return True
        if d in self._makeup:
            return True
        return d.weekday() < 5 and d not in vn

    def _ensure(self, d: date) -> None:
        if d.year < self._first_year:
            self._first_year = d.year - 1
            self._build()
        elif d.year > self._last_year:
            self._last_year = d.year + 5
            self._build()

    def _index(self, d: date) -> int:
        i = d.toordinal() - self._origin
        if 0 <= i < self._size:
            return i
        self._ensure(d)
        return d.toordinal() - self._origin

    # --- the contract -------------------------------------------------------------------
    def is_working_day(self, d: date) -> bool:
        i = self._index(d)
        return self._cum[i] != (self._cum[i - 1] if i > 0 else 0)

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day strictly after ``d`` (n >= 1)."""
        i = d.toordinal() - self._origin
        if not 0 <= i < self._size:
            i = self._index(d)
        if n < 1:
            raise ValueError("n must be at least 1")
        k = self._cum[i] + n - 1
        if k < self._nwork:
            return self._work[k]
        while k >= self._nwork:  # past the table's end: grow it
            self._last_year += 5
            self._build()
            k = self._cum[self._index(d)] + n - 1
        return self._work[k]

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b]; negative, -(working days in (b, a]), when b < a."""
        self._index(a)
        ib = self._index(b)
        ia = self._index(a)  # the lookup of b may have rebuilt the tables
        return self._cum[ib] - self._cum[ia]

    def explain(self, d: date) -> str:
        """Why ``d`` is or is not a working day, in Vietnamese."""
        head = f"{_WEEKDAYS[d.weekday()]}, {d:%d/%m/%Y}"
        self._ensure(d)
        if d in self._days_off:
            reason = self._days_off[d]
            return f"{head}: ngày nghỉ do cơ quan quy định" + (f" ({reason})" if reason else "")
        if d in self._working:
            reason = self._working[d]
            return f"{head}: ngày làm việc do cơ quan quy định" + (f" ({reason})" if reason else "")
        if d in self._makeup:
            return f"{head}: ngày làm bù (làm việc thay cho ngày nghỉ bù)"
        name = self._vn.get(d)
        if name:
            kind = "ngày nghỉ bù" if "bù" in name or "thay cho" in name else "ngày nghỉ lễ, Tết"
            return f"{head}: {kind} - {name}"
        if d.weekday() >= 5:
            return f"{head}: ngày nghỉ cuối tuần"
        return f"{head}: ngày làm việc"

    def table(self, first: date, last: date) -> list[tuple[date, bool, int]]:
        """(day, is working, working days up to and including it) for every day in
        [first, last]: the calendar as rows, for SQL."""
        self._index(first)
        self._index(last)
        i0 = self._index(first)
        base = self._cum[i0 - 1] if i0 > 0 else 0
        out = []
        prev = base
        for i in range(i0, self._index(last) + 1):
            c = self._cum[i]
            out.append((date.fromordinal(self._origin + i), c != prev, c - base))
            prev = c
        return out

    # --- for the window ---------------------------------------------------------------
    def skipped_days(self, a: date, b: date) -> list[tuple[date, str]]:
        """Non-working days in (a, b], each with its explanation."""
        out = []
        d = a + timedelta(days=1)
        while d <= b:
            if not self.is_working_day(d):
                out.append((d, self.explain(d)))
            d += timedelta(days=1)
        return out

    def holidays_in_year(self, year: int) -> list[tuple[date, str, bool]]:
        """The package's entries for a year: (day, Vietnamese name, is a make-up working day)."""
        self._ensure(date(year, 1, 1))
        self._ensure(date(year, 12, 31))
        rows = [(d, str(name), False) for d, name in self._vn.items() if d.year == year]
        rows += [(d, "Ngày làm bù", True) for d in self._makeup if d.year == year]
        return sorted(rows)
