"""Statistics for a period, computed in SQL (never by loading every case into Python).

"On time" is judged with the office calendar held in the ``work_days`` table: a case
answered within 15 working days of its clock start (receipt, or the supplement's arrival),
rejected within 2, transferred within 5. Each case is one row, so a reopened case counts once.
TT 01/2018/TT-VPCP chỉ số 8: 100 % on time with none prolonged scores 2, at least 90 % scores
1, otherwise 0 (this product records no extensions, so none is ever prolonged)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, case, func, literal, select
from sqlalchemy.orm import Session, aliased

from pakn_desktop.domain import deadlines as dl
from pakn_desktop.domain.enums import (
    CHANNEL_LABELS,
    OUTCOME_LABELS,
    SUBMITTER_KIND_LABELS,
    Channel,
    DeadlineStatus,
    Outcome,
    SubmitterKind,
)
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.store.models import Case, Unit, User, WorkDay
from pakn_desktop.store.queries import CaseFilter

if TYPE_CHECKING:
    from pakn_desktop.services import Services


@dataclass(frozen=True)
class Handled:
    kind: str  # answered | rejected | transferred
    total: int
    on_time: int

    @property
    def late(self) -> int:
        return self.total - self.on_time


@dataclass
class PeriodStats:
    start: date
    end: date
    received: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    by_topic: dict[str, int] = field(default_factory=dict)
    by_unit: dict[str, int] = field(default_factory=dict)
    by_submitter_kind: dict[str, int] = field(default_factory=dict)
    by_month: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    open_by_status: dict[str, int] = field(default_factory=dict)
    overdue_by_official: dict[str, int] = field(default_factory=dict)
    handled: list[Handled] = field(default_factory=list)
    handled_by_unit: dict[str, tuple[int, int]] = field(default_factory=dict)
    median_days: int | None = None
    p90_days: int | None = None

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


def _between(col: Any, start: date, end: date) -> Any:
    return and_(
        col >= datetime.combine(start, time.min),
        col < datetime.combine(end + timedelta(days=1), time.min),
    )


def _month(s: Session, col: Any) -> Any:
    if s.get_bind().dialect.name == "sqlite":
        return func.strftime("%Y-%m", col)
    return func.to_char(col, "YYYY-MM")


def _handled_statement(kind: str, start: date, end: date) -> Any:
    ws = aliased(WorkDay)
    due = aliased(WorkDay)
    extra: ColumnElement[bool]
    done_col: Any
    if kind == "answered":
        done_col, days, extra = Case.answered_on, dl.ANSWER_DAYS, Case.answered_on.is_not(None)
    elif kind == "rejected":
        done_col, days, extra = (
            Case.classified_on,
            dl.REJECTION_DAYS,
            Case.outcome == Outcome.REJECTED.value,
        )
    else:
        done_col, days, extra = (
            Case.classified_on,
            dl.CLASSIFICATION_DAYS,
            Case.outcome == Outcome.TRANSFERRED.value,
        )
    stmt = (
        select(
            func.count(Case.id),
            func.coalesce(func.sum(case((done_col <= due.day, 1), else_=0)), 0),
        )
        .select_from(Case)
        .join(ws, ws.day == Case.clock_start)
        .join(due, and_(due.seq == ws.seq + days, due.working.is_(True)))
        .where(extra, done_col >= start, done_col <= end)
    )
    return stmt


def _handled(s: Session, kind: str, start: date, end: date) -> Handled:
    """How many cases were answered / rejected / transferred in the period, and how many of
    them within their working-day limit."""
    row: Any = s.execute(_handled_statement(kind, start, end)).one()
    total, on_time = row
    return Handled(kind, int(total), int(on_time))


def _handled_by_unit(s: Session, start: date, end: date) -> dict[str, tuple[int, int]]:
    """Handled in the period and handled on time, per unit (all three kinds together)."""
    out: dict[str, tuple[int, int]] = {}
    for kind in ("answered", "rejected", "transferred"):
        stmt = (
            _handled_statement(kind, start, end)
            .outerjoin(Unit, Unit.id == Case.unit_id)
            .add_columns(Unit.name)
            .group_by(Unit.name)
        )
        result: Any = s.execute(stmt)
        for total, on_time, unit in result:
            key = unit or "(chưa phân công)"
            t, o = out.get(key, (0, 0))
            out[key] = (t + int(total), o + int(on_time))
    return dict(sorted(out.items()))


def _percentile_days(s: Session, start: date, end: date, ps: tuple[float, ...]) -> list[int | None]:
    """Nearest-rank percentiles of working days from clock start to answer."""
    ws = aliased(WorkDay)
    wa = aliased(WorkDay)
    base = (
        select((wa.seq - ws.seq).label("wd"))
        .select_from(Case)
        .join(ws, ws.day == Case.clock_start)
        .join(wa, wa.day == Case.answered_on)
        .where(Case.answered_on >= start, Case.answered_on <= end)
    )
    n = s.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    if not n:
        return [None for _ in ps]
    sub = base.subquery()
    out: list[int | None] = []
    for p in ps:
        rank = max(1, math.ceil(p * n))
        value: Any = s.execute(
            select(sub.c.wd).order_by(sub.c.wd).offset(rank - 1).limit(1)
        ).scalar_one()
        out.append(int(value))
    return out


def _group(s: Session, key: Any, start: date, end: date, join_unit: bool = False) -> dict[str, int]:
    stmt = select(key, func.count(Case.id)).select_from(Case)
    if join_unit:
        stmt = stmt.outerjoin(Unit, Unit.id == Case.unit_id)
    stmt = (
        stmt.where(_between(Case.received_at, start, end))
        .group_by(key)
        .order_by(func.count(Case.id).desc())
    )
    result: Any = s.execute(stmt)
    return {(str(k) if k is not None else ""): int(v) for k, v in result}


class Cancelled(PaknError):
    def __init__(self) -> None:
        super().__init__("Đã hủy theo yêu cầu.")


def period_stats(
    services: Services,
    start: date,
    end: date,
    cancelled: Callable[[], bool] | None = None,
) -> PeriodStats:
    """Every figure of the dashboard for a period; ``cancelled()`` is asked between the
    queries, and Cancelled raised when it says so."""

    def step() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()

    st = PeriodStats(start, end)
    with services.db.read() as s:
        st.received = int(
            s.execute(
                select(func.count(Case.id)).where(_between(Case.received_at, start, end))
            ).scalar_one()
        )
        step()
        st.by_channel = {
            CHANNEL_LABELS[Channel(k)]: v for k, v in _group(s, Case.channel, start, end).items()
        }
        step()
        st.by_topic = {k or "(chưa chọn)": v for k, v in _group(s, Case.topic, start, end).items()}
        step()
        st.by_unit = {
            k or "(chưa phân công)": v
            for k, v in _group(s, Unit.name, start, end, join_unit=True).items()
        }
        step()
        st.by_submitter_kind = {
            SUBMITTER_KIND_LABELS[SubmitterKind(k)]: v
            for k, v in _group(s, Case.submitter_kind, start, end).items()
        }
        step()
        st.by_month = dict(sorted(_group(s, _month(s, Case.received_at), start, end).items()))
        step()
        st.outcomes = {
            (OUTCOME_LABELS[Outcome(k)] if k else "Chưa phân loại"): v
            for k, v in _group(s, Case.outcome, start, end).items()
        }
        step()
        st.handled = [_handled(s, k, start, end) for k in ("answered", "rejected", "transferred")]
        step()
        st.handled_by_unit = _handled_by_unit(s, start, end)
        step()
        st.median_days, st.p90_days = _percentile_days(s, start, end, (0.5, 0.9))
        b = services.cases.bounds()
        overdue = (
            select(func.coalesce(User.full_name, literal("(chưa phân công)")), func.count(Case.id))
            .select_from(Case)
            .outerjoin(User, User.id == Case.official_id)
            .where(
                Case.state.in_(dl.CLOCK_RUNNING_VALUES),
                Case.due_on < b.today,
            )
            .group_by(User.full_name)
            .order_by(func.count(Case.id).desc())
        )
        st.overdue_by_official = {k: int(v) for k, v in s.execute(overdue)}
    counts = services.cases.status_counts(CaseFilter(open_only=True))
    st.open_by_status = {
        status.label: counts[status]
        for status in DeadlineStatus
        if status is not DeadlineStatus.DONE
    }
    return st
