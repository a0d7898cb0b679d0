"""Daily summary rows for the statistics, kept in step with the cases so a period's dashboard
reads a few thousand small rows instead of rescanning every case.

Table ``stats_daily`` holds, per day, counts by measure and key:

* cases received that day by ``channel``, ``topic``, ``unit`` (unit id, "" for none),
  ``kind`` (submitter kind), ``outcome`` ("" for not classified), and ``province`` and
  ``commune`` (today's codes, "" for an address without them; migration 0022);
* cases ``answered`` / ``rejected`` / ``transferred`` that day by unit, with ``ok`` = how many
  were within their working-day limit;
* ``answer_days``: answered cases by working days from clock start to answer.

Every figure is produced by the same SQL as the straightforward scan (:func:`scan`), grouped by
day. A case change subtracts the case's rows as they were and adds them as they are, in the
case's own transaction (:func:`case_before` / :func:`case_after`); a calendar change rebuilds
the working-day measures from the first day that changed (:func:`work_days_replaced`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    delete,
    func,
    literal,
    select,
    union,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, aliased

from pakn_desktop.domain import deadlines as dl

from .models import Case, StatsDaily, WorkDay

RECEIVED_MEASURES = ("channel", "topic", "unit", "kind", "outcome", "province", "commune")
# The measures before migration 0022 added the address's columns (migration 0014 rebuilds
# with these: the cases table it reads has no province or commune yet).
MEASURES_0014 = RECEIVED_MEASURES[:5]
HANDLED_KINDS = ("answered", "rejected", "transferred")
_LIMITS = {
    "answered": dl.ANSWER_DAYS,
    "rejected": dl.REJECTION_DAYS,
    "transferred": dl.CLASSIFICATION_DAYS,
}


@dataclass
class Figures:
    """The period's raw counts, keyed by codes (never labels)."""

    # measure (channel, topic, unit, kind, outcome) -> key -> cases received in the period
    received: dict[str, dict[str, int]] = field(default_factory=dict)
    # "YYYY-MM" -> cases received
    months: dict[str, int] = field(default_factory=dict)
    # (kind, unit key) -> (handled, on time)
    handled: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    # working days from clock start to answer -> answered cases
    answer_days: dict[int, int] = field(default_factory=dict)


def _unit_key() -> Any:
    return func.coalesce(cast(Case.unit_id, String), literal(""))


def _day_of(col: Any) -> Any:
    # date() exists on both SQLite (giving 'YYYY-MM-DD', the text SQLAlchemy stores for a
    # Date) and PostgreSQL (a function-style cast).
    return func.date(col, type_=Date)


def _code_key(col: Any) -> Any:
    return func.coalesce(cast(col, String), literal(""))


def _received_selects(
    where: Sequence[ColumnElement[bool]],
    by_day: bool = True,
    measures: Sequence[str] = RECEIVED_MEASURES,
) -> list[Select[Any]]:
    keys: dict[str, Any] = {
        "channel": Case.channel,
        "topic": Case.topic,
        "unit": _unit_key(),
        "kind": Case.submitter_kind,
        "outcome": func.coalesce(Case.outcome, literal("")),
        "province": _code_key(Case.province_code),
        "commune": _code_key(Case.commune_code),
    }
    out = []
    for measure, key in keys.items():
        if measure not in measures:
            continue
        day = _day_of(Case.received_at) if by_day else literal(None, Date)
        sel = select(
            day.label("day"),
            literal(measure).label("measure"),
            cast(key, String).label("key"),
            func.count(Case.id).label("n"),
            literal(0).label("ok"),
        ).where(*where)
        out.append(sel.group_by(day, key) if by_day else sel.group_by(key))
    return out


def _done(kind: str) -> tuple[Any, ColumnElement[bool]]:
    if kind == "answered":
        return Case.answered_on, Case.answered_on.is_not(None)
    return Case.classified_on, Case.outcome == kind


def _handled_select(
    kind: str, where: Sequence[ColumnElement[bool]], by_day: bool = True
) -> Select[Any]:
    """The same rule as the reports and the queue filter: done on or before the working day
    ``limit`` after the clock start, both looked up in ``work_days``."""
    ws = aliased(WorkDay)
    due = aliased(WorkDay)
    done, extra = _done(kind)
    unit = _unit_key()
    sel = (
        select(
            (done if by_day else literal(None, Date)).label("day"),
            literal(kind).label("measure"),
            unit.label("key"),
            func.count(Case.id).label("n"),
            func.coalesce(func.sum(case((done <= due.day, 1), else_=0)), 0).label("ok"),
        )
        .select_from(Case)
        .join(ws, ws.day == Case.clock_start)
        .join(due, and_(due.seq == ws.seq + _LIMITS[kind], due.working.is_(True)))
        .where(extra, *where)
    )
    return sel.group_by(done, unit) if by_day else sel.group_by(unit)


def _answer_days_select(where: Sequence[ColumnElement[bool]], by_day: bool = True) -> Select[Any]:
    ws = aliased(WorkDay)
    wa = aliased(WorkDay)
    wd = wa.seq - ws.seq
    sel: Any = (
        select(
            (Case.answered_on if by_day else literal(None, Date)).label("day"),
            literal("answer_days").label("measure"),
            cast(wd, String).label("key"),
            func.count(Case.id).label("n"),
            literal(0).label("ok"),
        )
        .select_from(Case)
        .join(ws, ws.day == Case.clock_start)
        .join(wa, wa.day == Case.answered_on)
        .where(Case.answered_on.is_not(None), *where)
    )
    return sel.group_by(Case.answered_on, wd) if by_day else sel.group_by(wd)


def _all_selects(
    where: Sequence[ColumnElement[bool]], measures: Sequence[str] = RECEIVED_MEASURES
) -> list[Select[Any]]:
    return [
        *_received_selects(where, measures=measures),
        *(_handled_select(k, where) for k in HANDLED_KINDS),
        _answer_days_select(where),
    ]


Key = tuple[date, str, str]


_BY_ID: Any = None
_NEW_BY_IDS: Any = None


def _rows(s: Session, stmt: Any, params: dict[str, Any]) -> dict[Key, tuple[int, int]]:
    out: dict[Key, tuple[int, int]] = {}
    result: Any = s.execute(stmt, params)
    for day, measure, key, n, ok in result:
        if isinstance(day, str):  # SQLite's date() through a UNION keeps its text
            day = date.fromisoformat(day)
        out[(day, measure, key or "")] = (int(n), int(ok))
    return out


# --- keeping it in step ----------------------------------------------------------------------
def contribution(s: Session, case_id: int) -> dict[Key, tuple[int, int]]:
    """The summary rows this case makes, as the database holds it now."""
    s.flush()
    global _BY_ID
    if _BY_ID is None:
        # Built once: constructing nine selects per case action cost more than running them.
        _BY_ID = union_all(*_all_selects([Case.id == bindparam("case_id")]))
    return _rows(s, _BY_ID, {"case_id": case_id})


def case_before(s: Session, case_id: int | None) -> dict[Key, tuple[int, int]]:
    """Call after loading a case and before changing it (``None`` for a new case)."""
    return {} if case_id is None else contribution(s, case_id)


def case_after(s: Session, case_id: int, before: dict[Key, tuple[int, int]]) -> None:
    """Call after changing a case, in the same transaction: moves its counts."""
    _add(s, _delta(before, contribution(s, case_id)))


def cases_added(s: Session, case_ids: Sequence[int]) -> None:
    """Call after adding new cases (an import's batch), in the same transaction: counts them
    all in one pass, as ``case_after(s, id, {})`` does one by one."""
    if not case_ids:
        return
    s.flush()
    global _NEW_BY_IDS
    if _NEW_BY_IDS is None:
        # Built once, as _BY_ID: building the nine selects cost an import's batch more than
        # running them.
        where = [Case.id.in_(bindparam("ids", expanding=True))]
        _NEW_BY_IDS = union_all(*_all_selects(where))
    for start in range(0, len(case_ids), 500):
        chunk = list(case_ids[start : start + 500])
        _add(s, _rows(s, _NEW_BY_IDS, {"ids": chunk}))


def _delta(
    before: dict[Key, tuple[int, int]], after: dict[Key, tuple[int, int]]
) -> dict[Key, tuple[int, int]]:
    delta: dict[Key, tuple[int, int]] = {}
    for k in set(before) | set(after):
        b = before.get(k, (0, 0))
        a = after.get(k, (0, 0))
        d = (a[0] - b[0], a[1] - b[1])
        if d != (0, 0):
            delta[k] = d
    return delta


def _add(s: Session, delta: dict[Key, tuple[int, int]]) -> None:
    if not delta:
        return
    dialect = s.get_bind().dialect.name
    # The dialect's package here, not at import: importing sqlalchemy.dialects.postgresql
    # loads every driver (asyncio with them), a twentieth of a second an SQLite desk never
    # needs.
    ins: Any
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        ins = postgresql.insert(StatsDaily)
    else:
        from sqlalchemy.dialects import sqlite

        ins = sqlite.insert(StatsDaily)
    t = StatsDaily.__table__.c
    upsert = ins.on_conflict_do_update(
        index_elements=[t.day, t.measure, t.key],
        set_={"n": t.n + ins.excluded.n, "ok": t.ok + ins.excluded.ok},
    )
    # In key order, so two desks changing cases never wait on each other crosswise.
    rows: list[dict[str, Any]] = [
        {"day": day, "measure": measure, "key": key, "n": dn, "ok": dok}
        for (day, measure, key), (dn, dok) in sorted(delta.items())
    ]
    s.execute(upsert, rows)
    emptied = [r for r in rows if r["n"] < 0]
    if len(emptied) > 20:
        s.execute(delete(StatsDaily).where(StatsDaily.n == 0))
        return
    for r in emptied:
        s.execute(
            delete(StatsDaily).where(
                StatsDaily.day == r["day"],
                StatsDaily.measure == r["measure"],
                StatsDaily.key == r["key"],
                StatsDaily.n == 0,
            )
        )


def rebuild(s: Session | Connection, measures: Sequence[str] = RECEIVED_MEASURES) -> None:
    """Recompute the whole summary from the cases (after bulk inserts, in the migration);
    ``measures`` are the received measures the cases table has columns for."""
    s.execute(delete(StatsDaily))
    selects = _all_selects([], measures)
    cols = [StatsDaily.day, StatsDaily.measure, StatsDaily.key, StatsDaily.n, StatsDaily.ok]
    table: Any = StatsDaily.__table__
    for sel in selects:
        s.execute(table.insert().from_select(cols, sel))


@dataclass
class CalendarChange:
    """What a rewrite of ``work_days`` moves: everything (the range of days changed), or the
    calendar measures of the cases in flight on a day whose working flag flips."""

    everything: bool = False
    case_ids: list[int] = field(default_factory=list)
    before: dict[Key, tuple[int, int]] = field(default_factory=dict)


_BY_IDS: Any = None
_CHUNK = 500  # ids per statement: well inside SQLite's limit on bound parameters


def _calendar_rows(s: Session, case_ids: list[int]) -> dict[Key, tuple[int, int]]:
    """The working-day measures of these cases, summed."""
    global _BY_IDS
    if _BY_IDS is None:
        where = [Case.id.in_(bindparam("ids", expanding=True))]
        _BY_IDS = union_all(
            *(_handled_select(k, where) for k in HANDLED_KINDS), _answer_days_select(where)
        )
    out: dict[Key, tuple[int, int]] = {}
    for i in range(0, len(case_ids), _CHUNK):
        for k, (n, ok) in _rows(s, _BY_IDS, {"ids": case_ids[i : i + _CHUNK]}).items():
            n0, ok0 = out.get(k, (0, 0))
            out[k] = (n0 + n, ok0 + ok)
    return out


def calendar_before(s: Session, rows: Sequence[tuple[date, bool, int]]) -> CalendarChange | None:
    """Call before ``work_days`` is replaced by ``rows`` (day, working, seq), in the same
    transaction; hand the result to :func:`calendar_after`.

    A case's working-day figures change only if a flipped day d lies in
    clock_start < d <= the day it was handled: days before its clock start shift every
    number alike, and a case handled before d was judged against days that did not move
    (a due day at or after d stays after its handling either way)."""
    old = {d: bool(w) for d, w in s.execute(select(WorkDay.day, WorkDay.working))}
    new = {d: bool(w) for d, w, _q in rows}
    if set(old) != set(new):
        return CalendarChange(everything=True)
    flipped = sorted(d for d in new if new[d] != old[d])
    if not flipped:
        return None
    lo, hi = flipped[0], flipped[-1]
    # A superset is harmless (an unaffected case adds and takes back the same rows); two
    # plain ranges each read from one index (migration 0014), where an OR read every case.
    affected = union(
        select(Case.id).where(Case.answered_on >= lo, Case.clock_start < hi),
        select(Case.id).where(Case.classified_on >= lo, Case.clock_start < hi),
    )
    found: Any = s.execute(select(affected.subquery().c[0]))
    ids = sorted(int(i) for (i,) in found)
    return CalendarChange(case_ids=ids, before=_calendar_rows(s, ids))


def calendar_after(s: Session, change: CalendarChange | None) -> None:
    """Call after ``work_days`` was rewritten, in the same transaction."""
    if change is None:
        return
    if change.everything:
        rebuild(s)
        return
    after = _calendar_rows(s, change.case_ids)
    _add(s, _delta(change.before, after))


# --- reading ---------------------------------------------------------------------------------
def _fill(fig: Figures, rows: Iterable[tuple[str, str, int, int]]) -> Figures:
    for measure, key, n, ok in rows:
        n, ok = int(n), int(ok)
        if not n:
            continue
        if measure in RECEIVED_MEASURES:
            fig.received.setdefault(measure, {})[key or ""] = n
        elif measure == "answer_days":
            fig.answer_days[int(key)] = n
        else:
            fig.handled[(measure, key or "")] = (n, ok)
    for m in RECEIVED_MEASURES:
        fig.received.setdefault(m, {})
    return fig


def read(s: Session, start: date, end: date) -> Figures:
    """The period's figures from the summary rows."""
    in_period = (StatsDaily.day >= start, StatsDaily.day <= end)
    rows: Any = s.execute(
        select(
            StatsDaily.measure,
            StatsDaily.key,
            func.sum(StatsDaily.n),
            func.sum(StatsDaily.ok),
        )
        .where(*in_period)
        .group_by(StatsDaily.measure, StatsDaily.key)
    )
    fig = _fill(Figures(), rows)
    months: dict[str, int] = defaultdict(int)
    days: Any = s.execute(
        select(StatsDaily.day, func.sum(StatsDaily.n))
        .where(*in_period, StatsDaily.measure == "channel")
        .group_by(StatsDaily.day)
    )
    for day, n in days:
        if isinstance(day, str):
            day = date.fromisoformat(day)
        months[f"{day:%Y-%m}"] += int(n)
    fig.months = dict(sorted(months.items()))
    return fig


def _month(s: Session, col: Any) -> Any:
    if s.get_bind().dialect.name == "sqlite":
        return func.strftime("%Y-%m", col)
    return func.to_char(col, "YYYY-MM")


def scan(s: Session, start: date, end: date) -> Figures:
    """The same figures straight from the cases, grouped by key over the whole period (the
    reference the summary must equal)."""
    lo = datetime.combine(start, time.min)
    hi = datetime.combine(end + timedelta(days=1), time.min)
    received = [Case.received_at >= lo, Case.received_at < hi]
    selects = _received_selects(received, by_day=False)
    for kind in HANDLED_KINDS:
        done = _done(kind)[0]
        selects.append(_handled_select(kind, [done >= start, done <= end], by_day=False))
    selects.append(
        _answer_days_select([Case.answered_on >= start, Case.answered_on <= end], by_day=False)
    )
    rows: list[tuple[str, str, int, int]] = []
    for sel in selects:
        result: Any = s.execute(sel)
        rows += [(m, k, n, ok) for _d, m, k, n, ok in result]
    fig = _fill(Figures(), rows)
    month = _month(s, Case.received_at)
    months: Any = s.execute(
        select(month, func.count(Case.id)).where(*received).group_by(month).order_by(month)
    )
    fig.months = {str(k): int(v) for k, v in months}
    return fig
