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

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
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


def load_national_holidays() -> None:
    """Load the ``holidays`` package and its Vietnamese names once (about 190 ms the first
    time in a process, 1 ms after): a worker or the start-up does it ahead, so that the
    first case whose deadlines are explained does not (issue 24)."""
    import holidays

    from .clock import vn_today

    year = vn_today().year
    holidays.country_holidays("VN", years=range(year - 1, year + 2), language="vi")


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
        self._vn: holidays.HolidayBase | None = None
        self._makeup: set[date] = set()
        self._vn_years = (0, 0)
        self._build()

    @classmethod
    def from_table(
        cls,
        rows: Sequence[tuple[date, bool, int]],
        extra_days_off: Iterable[Adjustment] = (),
        extra_working_days: Iterable[Adjustment] = (),
        *,
        first_year: int = DEFAULT_FIRST_YEAR,
        last_year: int = DEFAULT_LAST_YEAR,
    ) -> WorkingCalendar:
        """The calendar whose ``table(1 Jan first_year, 31 Dec last_year)`` gave ``rows``,
        with the same adjustments, without building it from the holidays package. Rows that
        are not such a table (a gap, an inconsistent count) are ignored: the calendar is then
        built the ordinary way. The caller vouches that the rows came from this calendar's
        rules (the store keeps a note of what its copy was built from)."""
        self = cls.__new__(cls)
        self._days_off = _split(extra_days_off)
        self._working = _split(extra_working_days)
        self._first_year = first_year
        self._last_year = last_year
        self._vn = None
        self._makeup = set()
        self._vn_years = (0, 0)
        origin = date(first_year, 1, 1).toordinal()
        size = date(last_year, 12, 31).toordinal() - origin + 1
        cum: list[int] = [0] * size
        work: list[date] = []
        count = 0
        ok = len(rows) == size
        if ok:
            for i, (d, working, seq) in enumerate(rows):
                if working:
                    count += 1
                    work.append(d)
                if d.toordinal() != origin + i or seq != count:
                    ok = False
                    break
                cum[i] = count
        if not ok:
            self._build()
            return self
        self._origin = origin
        self._size = size
        self._cum = cum
        self._work = work
        self._nwork = len(work)
        return self

    # --- tables -----------------------------------------------------------------------
    def _national(self) -> tuple[holidays.HolidayBase, set[date]]:
        """The package's holidays and make-up working days over the current span."""
        span = (self._first_year, self._last_year)
        if self._vn is None or self._vn_years != span:
            import holidays

            years = range(self._first_year, self._last_year + 1)
            self._vn = holidays.country_holidays("VN", years=years, language="vi")
            self._makeup = {d for d in getattr(self._vn, "weekend_workdays", ()) if d.year in years}
            self._vn_years = span
        return self._vn, self._makeup

    def _build(self) -> None:
        vn, makeup = self._national()
        self._origin = date(self._first_year, 1, 1).toordinal()
        end = date(self._last_year, 12, 31).toordinal()
        size = end - self._origin + 1
        # Plain lists of ints and dates: indexing them is the whole cost of a query.
        cum: list[int] = [0] * size
        work: list[date] = []
        count = 0
        for i in range(size):
            d = date.fromordinal(self._origin + i)
            if self._is_working_uncached(d, vn, makeup):
                count += 1
                work.append(d)
            cum[i] = count
        self._size = size
        self._cum = cum
        self._work = work
        self._nwork = len(work)

    def _is_working_uncached(self, d: date, vn: holidays.HolidayBase, makeup: set[date]) -> bool:
        if d in self._days_off:
            return False
        if d in self._working:
            return True
        if d in makeup:
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
        vn, makeup = self._national()
        if d in makeup:
            return f"{head}: ngày làm bù (làm việc thay cho ngày nghỉ bù)"
        name = vn.get(d)
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

    def skipped_days_later(self, a: date, b: date) -> SkippedDays:
        """``skipped_days(a, b)``, worked out when first read: the explanations need the
        holidays' names, which a calendar read from its SQL copy loads only then."""
        return SkippedDays(self, a, b)

    def holidays_in_year(self, year: int) -> list[tuple[date, str, bool]]:
        """The package's entries for a year: (day, Vietnamese name, is a make-up working day)."""
        self._ensure(date(year, 1, 1))
        self._ensure(date(year, 12, 31))
        vn, makeup = self._national()
        rows = [(d, str(name), False) for d, name in vn.items() if d.year == year]
        rows += [(d, "Ngày làm bù", True) for d in makeup if d.year == year]
        return sorted(rows)


class SkippedDays(Sequence[tuple[date, str]]):
    """The non-working days in (a, b] with their explanations, as ``skipped_days`` gives them,
    computed on first use; equal to a list or tuple of the same rows."""

    __hash__ = None  # type: ignore[assignment]  # like the list it stands for

    def __init__(self, calendar: WorkingCalendar, a: date, b: date) -> None:
        self._calendar = calendar
        self._span = (a, b)
        self._rows: list[tuple[date, str]] | None = None

    def _list(self) -> list[tuple[date, str]]:
        if self._rows is None:
            self._rows = self._calendar.skipped_days(*self._span)
        return self._rows

    @overload
    def __getitem__(self, i: int) -> tuple[date, str]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[date, str]]: ...

    def __getitem__(self, i: int | slice) -> tuple[date, str] | list[tuple[date, str]]:
        return self._list()[i]

    def __len__(self) -> int:
        return len(self._list())

    def __iter__(self) -> Iterator[tuple[date, str]]:
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SkippedDays):
            return self._list() == other._list()
        if isinstance(other, (list, tuple)):
            return self._list() == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self._list())
