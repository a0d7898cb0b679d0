"""Statistics for a period, computed in SQL (never by loading every case into Python).

"On time" is judged with the office calendar held in the ``work_days`` table: a case
answered within 15 working days of its clock start (receipt, or the supplement's arrival),
rejected within 2, transferred within 5. Each case is one row, so a reopened case counts once.

The figures come from the daily summary rows (``store.summary``), or with ``fast=False``
straight from the cases; both give the same answers. Every breakdown row carries its key
(a code, never a label), its Vietnamese label, its count and the queue filter that lists
exactly the cases counted.
TT 01/2018/TT-VPCP chỉ số 8: 100 % on time with none prolonged scores 2, at least 90 % scores
1, otherwise 0 (this product records no extensions, so none is ever prolonged)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from pakn_desktop.domain.deadlines import CLOCK_RUNNING_VALUES
from pakn_desktop.domain.enums import (
    CHANNEL_LABELS,
    OUTCOME_LABELS,
    SUBMITTER_KIND_LABELS,
    Channel,
    DeadlineStatus,
    Outcome,
    SubmitterKind,
)
from pakn_desktop.domain.errors import Cancelled
from pakn_desktop.domain.places import commune as commune_of
from pakn_desktop.domain.places import province as province_of
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.store import summary
from pakn_desktop.store.models import Case, Unit, User

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from pakn_desktop.store.db import Database

NO_TOPIC = "(chưa chọn)"
NO_UNIT = "(chưa phân công)"
NO_OFFICIAL = "(chưa phân công)"
NOT_CLASSIFIED = "Chưa phân loại"
NO_PROVINCE = "(địa chỉ chưa chọn tỉnh, thành phố)"
NO_COMMUNE = "(địa chỉ chưa chọn xã, phường)"
HANDLED_LABELS = {
    "answered": "Trả lời",
    "rejected": "Không tiếp nhận",
    "transferred": "Chuyển cơ quan có thẩm quyền",
}


def vn_int(v: int | None) -> str:
    """9303 -> "9.303" (Vietnamese thousands separator); None -> "-"."""
    return "-" if v is None else f"{v:,}".replace(",", ".")


def vn_percent(rate: float | None, digits: int = 1) -> str:
    """0.6 -> "60,0%"; None -> "-"."""
    if rate is None:
        return "-"
    return f"{rate * 100:,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".") + "%"


def month_label(key: str) -> str:
    """ "2026-01" -> "Tháng 1/2026"."""
    y, m = key.split("-")
    return f"Tháng {int(m)}/{y}"


@dataclass(frozen=True)
class StatRow:
    key: str  # a code: channel, topic text, unit id, "" for none, "YYYY-MM", ...
    label: str
    count: int
    filter: CaseFilter  # lists exactly the cases counted


@dataclass(frozen=True)
class Breakdown:
    # channel | topic | unit | kind | province | commune | month | outcome | status | official
    name: str
    title: str
    head: str
    rows: tuple[StatRow, ...] = ()

    def counts(self) -> dict[str, int]:
        """Label -> count, in display order."""
        return {r.label: r.count for r in self.rows}

    def by_key(self) -> dict[str, int]:
        return {r.key: r.count for r in self.rows}

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows)

    def __getitem__(self, label: str) -> int:
        return self.counts()[label]

    def get(self, label: str, default: int = 0) -> int:
        return self.counts().get(label, default)


@dataclass(frozen=True)
class Handled:
    kind: str  # answered | rejected | transferred
    total: int
    on_time: int
    base: CaseFilter = field(default_factory=CaseFilter)

    @property
    def late(self) -> int:
        return self.total - self.on_time

    @property
    def label(self) -> str:
        return HANDLED_LABELS[self.kind]

    def filter(self, on_time: bool | None = None) -> CaseFilter:
        return replace(self.base, handled_on_time=on_time)


@dataclass(frozen=True)
class UnitHandled:
    key: str
    label: str
    total: int
    on_time: int
    base: CaseFilter = field(default_factory=CaseFilter)

    @property
    def rate(self) -> float | None:
        return self.on_time / self.total if self.total else None

    def filter(self, on_time: bool | None = None) -> CaseFilter:
        return replace(self.base, handled_on_time=on_time)


def _empty(name: str) -> Breakdown:
    return Breakdown(name, "", "")


@dataclass
class PeriodStats:
    start: date
    end: date
    received: int = 0
    by_channel: Breakdown = field(default_factory=lambda: _empty("channel"))
    by_topic: Breakdown = field(default_factory=lambda: _empty("topic"))
    by_unit: Breakdown = field(default_factory=lambda: _empty("unit"))
    by_submitter_kind: Breakdown = field(default_factory=lambda: _empty("kind"))
    by_province: Breakdown = field(default_factory=lambda: _empty("province"))
    by_commune: Breakdown = field(default_factory=lambda: _empty("commune"))
    by_month: Breakdown = field(default_factory=lambda: _empty("month"))
    outcomes: Breakdown = field(default_factory=lambda: _empty("outcome"))
    open_by_status: Breakdown = field(default_factory=lambda: _empty("status"))
    overdue_by_official: Breakdown = field(default_factory=lambda: _empty("official"))
    handled: list[Handled] = field(default_factory=list)
    handled_by_unit: list[UnitHandled] = field(default_factory=list)
    median_days: int | None = None
    p90_days: int | None = None
    # The day the "open now" figures (open_by_status, overdue_by_official) are of: today,
    # when the period includes it; None for a period that ended before today (or starts
    # after it), whose figures then count that period only.
    open_as_of: date | None = None

    @property
    def received_filter(self) -> CaseFilter:
        return CaseFilter(received_from=self.start, received_to=self.end)

    def handled_filter(self, on_time: bool | None = None) -> CaseFilter:
        return CaseFilter(handled_from=self.start, handled_to=self.end, handled_on_time=on_time)

    @property
    def breakdowns(self) -> list[Breakdown]:
        """Every breakdown, in the order the dashboard and the reports show them (the
        figures of today only when the period includes today)."""
        of_period = [
            self.by_channel,
            self.by_topic,
            self.by_unit,
            self.by_submitter_kind,
            self.by_province,
            self.by_commune,
            self.by_month,
            self.outcomes,
        ]
        if self.open_as_of is None:
            return of_period
        return [*of_period, self.open_by_status, self.overdue_by_official]

    @property
    def handled_total(self) -> int:
        return sum(h.total for h in self.handled)

    @property
    def on_time(self) -> int:
        return sum(h.on_time for h in self.handled)

    @property
    def late(self) -> int:
        return self.handled_total - self.on_time

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.handled_total if self.handled_total else None

    @property
    def score(self) -> int:
        """Chỉ số 8 of TT 01/2018/TT-VPCP."""
        rate = self.on_time_rate
        if rate is None:
            return 0
        if self.on_time == self.handled_total:
            return 2
        return 1 if rate >= 0.9 else 0


def _label(labels: dict[Any, str], enum: Any, key: str) -> str:
    try:
        return labels[enum(key)]
    except (ValueError, KeyError):
        return key


def _sorted(rows: list[StatRow]) -> tuple[StatRow, ...]:
    return tuple(sorted(rows, key=lambda r: (-r.count, r.label, r.key)))


def percentiles(hist: dict[int, int], ps: tuple[float, ...]) -> list[int | None]:
    """Nearest-rank percentiles of a histogram value -> count."""
    n = sum(hist.values())
    if not n:
        return [None for _ in ps]
    out: list[int | None] = []
    for p in ps:
        rank = max(1, math.ceil(p * n))
        seen = 0
        for value in sorted(hist):
            seen += hist[value]
            if seen >= rank:
                out.append(value)
                break
    return out


def _month_bounds(key: str, start: date, end: date) -> tuple[date, date]:
    y, m = (int(x) for x in key.split("-"))
    first = date(y, m, 1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return max(start, first), min(end, last)


def assemble(
    fig: summary.Figures,
    start: date,
    end: date,
    unit_names: dict[int, str],
) -> PeriodStats:
    """Labels and filters for the raw keyed figures of a period."""
    st = PeriodStats(start, end)
    base = st.received_filter
    rec = fig.received
    st.received = sum(rec["channel"].values())
    st.by_channel = Breakdown(
        "channel",
        "Theo kênh tiếp nhận",
        "Kênh tiếp nhận",
        _sorted(
            [
                StatRow(
                    k, _label(CHANNEL_LABELS, Channel, k), v, replace(base, channels=frozenset({k}))
                )
                for k, v in rec["channel"].items()
            ]
        ),
    )
    st.by_topic = Breakdown(
        "topic",
        "Theo chủ đề",
        "Chủ đề PAKN",
        _sorted(
            [
                StatRow(k, k or NO_TOPIC, v, replace(base, topics=frozenset({k})))
                for k, v in rec["topic"].items()
            ]
        ),
    )

    def unit_row(k: str, v: int, f: CaseFilter) -> StatRow:
        if not k:
            return StatRow(k, NO_UNIT, v, replace(f, no_unit=True))
        uid = int(k)
        label = unit_names.get(uid, f"(đơn vị #{uid})")
        return StatRow(k, label, v, replace(f, unit_ids=frozenset({uid})))

    st.by_unit = Breakdown(
        "unit",
        "Theo đơn vị",
        "Đơn vị",
        _sorted([unit_row(k, v, base) for k, v in rec["unit"].items()]),
    )
    st.by_submitter_kind = Breakdown(
        "kind",
        "Theo đối tượng",
        "Đối tượng PAKN",
        _sorted(
            [
                StatRow(
                    k,
                    _label(SUBMITTER_KIND_LABELS, SubmitterKind, k),
                    v,
                    replace(base, submitter_kinds=frozenset({k})),
                )
                for k, v in rec["kind"].items()
            ]
        ),
    )
    st.by_province = Breakdown(
        "province",
        "Theo tỉnh, thành phố",
        "Tỉnh, thành phố (nơi cư trú của người phản ánh)",
        _sorted([_province_row(k, v, base) for k, v in rec.get("province", {}).items()]),
    )
    st.by_commune = Breakdown(
        "commune",
        "Theo xã, phường",
        "Xã, phường (nơi cư trú của người phản ánh)",
        _sorted([_commune_row(k, v, base) for k, v in rec.get("commune", {}).items()]),
    )
    months = []
    for k, v in sorted(fig.months.items()):
        lo, hi = _month_bounds(k, start, end)
        months.append(
            StatRow(k, month_label(k), v, replace(base, received_from=lo, received_to=hi))
        )
    st.by_month = Breakdown("month", "Theo tháng", "Tháng", tuple(months))
    st.outcomes = Breakdown(
        "outcome",
        "Kết quả phân loại",
        "Kết quả phân loại",
        _sorted(
            [
                StatRow(
                    k,
                    _label(OUTCOME_LABELS, Outcome, k) if k else NOT_CLASSIFIED,
                    v,
                    replace(base, outcomes=frozenset({k})),
                )
                for k, v in rec["outcome"].items()
            ]
        ),
    )
    handled_base = st.handled_filter()
    for kind in summary.HANDLED_KINDS:
        pairs = [v for (k, _u), v in fig.handled.items() if k == kind]
        st.handled.append(
            Handled(
                kind,
                sum(t for t, _ in pairs),
                sum(o for _, o in pairs),
                replace(handled_base, handled_kinds=frozenset({kind})),
            )
        )
    by_unit: dict[str, tuple[int, int]] = {}
    for (_k, unit), (t, o) in fig.handled.items():
        tt, oo = by_unit.get(unit, (0, 0))
        by_unit[unit] = (tt + t, oo + o)
    units = []
    for k, (t, o) in by_unit.items():
        row = unit_row(k, t, handled_base)
        units.append(UnitHandled(k, row.label, t, o, row.filter))
    st.handled_by_unit = sorted(units, key=lambda u: (u.label, u.key))
    st.median_days, st.p90_days = percentiles(fig.answer_days, (0.5, 0.9))
    return st


def _province_row(k: str, v: int, f: CaseFilter) -> StatRow:
    p = province_of(k) if k else None
    if p is None:
        return StatRow(k, NO_PROVINCE if not k else f"(mã tỉnh {k})", v, _code_filter(f, k, "p"))
    return StatRow(k, p.title, v, replace(f, province_codes=frozenset({p.code})))


def _commune_row(k: str, v: int, f: CaseFilter) -> StatRow:
    c = commune_of(k) if k else None
    if c is None:
        return StatRow(k, NO_COMMUNE if not k else f"(mã xã {k})", v, _code_filter(f, k, "c"))
    p = province_of(c.province_code)
    label = f"{c.name}, {p.full_name}" if p else c.name
    return StatRow(k, label, v, replace(f, commune_codes=frozenset({c.code})))


def _code_filter(f: CaseFilter, k: str, which: str) -> CaseFilter:
    if not k:
        return replace(f, no_province=True) if which == "p" else replace(f, no_commune=True)
    code = frozenset({int(k)})
    return replace(f, province_codes=code) if which == "p" else replace(f, commune_codes=code)


def overdue_by_official(s: Session, today: date) -> list[tuple[int | None, str, int]]:
    """Open cases past their deadline on ``today``, counted per official (None: not yet
    assigned), as (official id, name, count)."""
    result: Any = s.execute(
        select(Case.official_id, User.full_name, func.count(Case.id))
        .select_from(Case)
        .outerjoin(User, User.id == Case.official_id)
        .where(Case.state.in_(CLOCK_RUNNING_VALUES), Case.due_on < today)
        .group_by(Case.official_id, User.full_name)
    )
    return [(uid, name or "", int(n)) for uid, name, n in result]


# Today's panels count open cases by deadline status: never DONE (never open; counting it
# would walk every closed case).
OPEN_STATUSES: tuple[DeadlineStatus, ...] = tuple(
    st for st in DeadlineStatus if st is not DeadlineStatus.DONE
)


def open_status_filter(status: DeadlineStatus) -> CaseFilter:
    """The list behind one row of "open now by deadline status"."""
    return CaseFilter(open_only=True, statuses=frozenset({status}))


def add_today(
    st: PeriodStats,
    today: date,
    overdue: list[tuple[int | None, str, int]],
    open_counts: dict[DeadlineStatus, int],
) -> None:
    """The figures of today, for a period that includes today: open cases by deadline
    status, and the overdue ones by official. A period that ended before today (or starts
    after it) gets none: its figures count that period only."""
    if not st.start <= today <= st.end:
        return
    st.open_as_of = today
    as_of = f" (hôm nay, {today:%d/%m/%Y})"
    overdue_filter = CaseFilter(statuses=frozenset({DeadlineStatus.OVERDUE}))
    rows = []
    for uid, name, n in overdue:
        if uid is None:
            rows.append(StatRow("", NO_OFFICIAL, n, replace(overdue_filter, no_official=True)))
        else:
            rows.append(
                StatRow(str(uid), name, n, replace(overdue_filter, official_ids=frozenset({uid})))
            )
    st.overdue_by_official = Breakdown(
        "official", "Quá hạn theo công chức" + as_of, "Công chức", _sorted(rows)
    )
    st.open_by_status = Breakdown(
        "status",
        "Đang mở theo thời hạn" + as_of,
        "Tình trạng thời hạn",
        tuple(
            StatRow(
                status.value, status.label, open_counts.get(status, 0), open_status_filter(status)
            )
            for status in OPEN_STATUSES
        ),
    )


def period_stats(
    db: Database,
    start: date,
    end: date,
    cancelled: Callable[[], bool] | None = None,
    *,
    fast: bool = True,
) -> PeriodStats:
    """Every figure of a period, read from the store's daily summary (``fast=False`` counts
    straight from the cases instead: the reference the summary is checked against);
    ``cancelled()`` is asked between the steps, and Cancelled raised when it says so. Today's
    panels are added by ``add_today`` from what the statistics service reads for today."""

    def step() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()

    step()
    with db.read() as s:
        fig = summary.read(s, start, end) if fast else summary.scan(s, start, end)
        step()
        names = {int(i): str(n) for i, n in s.execute(select(Unit.id, Unit.name))}
    st = assemble(fig, start, end, names)
    step()
    return st


def quarter(year: int, q: int) -> tuple[date, date]:
    start = date(year, 3 * q - 2, 1)
    end = (date(year + (q == 4), (3 * q) % 12 + 1, 1)) - timedelta(days=1)
    return start, end
