"""Queue and search queries in SQL: filtering, sorting and paging never load cases into Python.

Deadline status depends on today, so the caller passes the two dates that separate the
statuses (today and the last day still 'due soon'), computed with the working-day calendar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select, text
from sqlalchemy.orm import Session, aliased

from pakn_desktop.domain.enums import OPEN_STATES, CaseState, Channel, DeadlineStatus

from .models import Case, Submitter, Unit, User, WorkDay

_OPEN = [s.value for s in OPEN_STATES]
_ACTIVE = [CaseState.RECEIVED.value, CaseState.IN_PROGRESS.value, CaseState.RESULT_RECORDED.value]
_DONE = [s.value for s in CaseState if not s.is_open]


class SortKey(StrEnum):
    CODE = "code"
    RECEIVED = "received"
    SUBMITTER = "submitter"
    TITLE = "title"
    CHANNEL = "channel"
    UNIT = "unit"
    OFFICIAL = "official"
    STATE = "state"
    DEADLINE = "deadline"


@dataclass(frozen=True)
class CaseFilter:
    states: frozenset[str] = frozenset()
    unit_ids: frozenset[int] = frozenset()
    official_ids: frozenset[int] = frozenset()
    channels: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    submitter_kinds: frozenset[str] = frozenset()
    statuses: frozenset[DeadlineStatus] = frozenset()
    received_from: date | None = None
    received_to: date | None = None
    open_only: bool = False
    search: str = ""
    # Cases handled (answered, rejected or transferred) in this period, optionally only those
    # handled on time (True) or late (False) against their working-day limits.
    handled_from: date | None = None
    handled_to: date | None = None
    handled_on_time: bool | None = None
    # Statistics drill-downs: only these kinds of handling (answered, rejected, transferred);
    # these outcomes ("" = not classified yet); cases with no unit / no official.
    handled_kinds: frozenset[str] = frozenset()
    outcomes: frozenset[str] = frozenset()
    no_unit: bool = False
    no_official: bool = False
    # Desk PAKN not yet entered into the national PAKN system ("chưa nhập lên Hệ thống").
    national_pending: bool = False


@dataclass(frozen=True)
class StatusBounds:
    today: date
    due_soon_until: date


Official = aliased(User)


def status_condition(status: DeadlineStatus, b: StatusBounds) -> ColumnElement[bool]:
    if status is DeadlineStatus.PAUSED:
        return Case.state == CaseState.AWAITING_CLARIFICATION.value
    if status is DeadlineStatus.DONE:
        return Case.state.in_(_DONE)
    active = Case.state.in_(_ACTIVE)
    if status is DeadlineStatus.OVERDUE:
        return and_(active, Case.due_on < b.today)
    if status is DeadlineStatus.DUE_SOON:
        return and_(active, Case.due_on >= b.today, Case.due_on <= b.due_soon_until)
    return and_(active, Case.due_on > b.due_soon_until)


def search_condition(session: Session, terms: Sequence[str]) -> ColumnElement[bool]:
    """Every term must match the start of a word of the folded search text; a search with
    nothing searchable in it matches nothing."""
    clean = [t for t in terms if t.isalnum() and t.isascii()]
    if not clean:
        return false()
    if session.get_bind().dialect.name == "sqlite":
        match = " ".join(f'"{t}"*' for t in clean)
        ids = text("SELECT rowid FROM cases_fts WHERE cases_fts MATCH :q").bindparams(q=match)
        return Case.id.in_(ids.columns(rowid=Case.id.type).subquery().select())
    query = " & ".join(f"{t}:*" for t in clean)
    return func.to_tsvector("simple", Case.search_text).op("@@")(func.to_tsquery("simple", query))


def _due(days: int) -> Any:
    """The working day ``days`` after the case's clock start, from the work_days table."""
    start = aliased(WorkDay)
    due = aliased(WorkDay)
    return (
        select(due.day)
        .select_from(start)
        .join(due, and_(due.seq == start.seq + days, due.working.is_(True)))
        .where(start.day == Case.clock_start)
        .scalar_subquery()
    )


def handled_condition(
    start: date, end: date, on_time: bool | None, kinds: frozenset[str] = frozenset()
) -> ColumnElement[bool]:
    """Answered, rejected or transferred in [start, end]; with ``on_time``, only those within
    (or past) their limit: 15, 2 and 5 working days (the same rule as the reports)."""
    # IS NOT NULL first, so each branch is plainly false (not NULL) for the other kinds and
    # the negation below keeps them.
    answered = and_(
        Case.answered_on.is_not(None), Case.answered_on >= start, Case.answered_on <= end
    )
    rejected = and_(
        Case.outcome == "rejected", Case.classified_on >= start, Case.classified_on <= end
    )
    transferred = and_(
        Case.outcome == "transferred", Case.classified_on >= start, Case.classified_on <= end
    )
    branches = {
        "answered": (answered, and_(answered, Case.answered_on <= _due(15))),
        "rejected": (rejected, and_(rejected, Case.classified_on <= _due(2))),
        "transferred": (transferred, and_(transferred, Case.classified_on <= _due(5))),
    }
    chosen = [b for k, b in branches.items() if not kinds or k in kinds]
    if not chosen:
        return false()
    if on_time is None:
        return or_(*(b[0] for b in chosen))
    ok = or_(*(b[1] for b in chosen))
    if on_time:
        return ok
    return and_(or_(*(b[0] for b in chosen)), ~ok)


def national_pending_condition() -> ColumnElement[bool]:
    """Received at the desk (not from a portal) and without the national system's code."""
    portals = [c.value for c in Channel if c.is_portal]
    return and_(Case.channel.not_in(portals), Case.portal_code == "")


def apply_filter(
    session: Session,
    stmt: Select,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str] | None,
) -> Select:
    conds: list[ColumnElement[bool]] = []
    if f.states:
        conds.append(Case.state.in_(sorted(f.states)))
    if f.open_only:
        conds.append(Case.state.in_(_OPEN))
    if f.unit_ids:
        conds.append(Case.unit_id.in_(sorted(f.unit_ids)))
    if f.no_unit:
        conds.append(Case.unit_id.is_(None))
    if f.official_ids:
        conds.append(Case.official_id.in_(sorted(f.official_ids)))
    if f.no_official:
        conds.append(Case.official_id.is_(None))
    if f.outcomes:
        known = sorted(o for o in f.outcomes if o)
        either: list[ColumnElement[bool]] = [Case.outcome.in_(known)] if known else []
        if "" in f.outcomes:
            either += [Case.outcome.is_(None), Case.outcome == ""]
        conds.append(or_(*either))
    if f.channels:
        conds.append(Case.channel.in_(sorted(f.channels)))
    if f.topics:
        conds.append(Case.topic.in_(sorted(f.topics)))
    if f.submitter_kinds:
        conds.append(Case.submitter_kind.in_(sorted(f.submitter_kinds)))
    if f.statuses:
        conds.append(or_(*(status_condition(s, bounds) for s in sorted(f.statuses))))
    if f.received_from:
        conds.append(Case.received_at >= datetime.combine(f.received_from, time.min))
    if f.received_to:
        conds.append(
            Case.received_at < datetime.combine(f.received_to + timedelta(days=1), time.min)
        )
    if f.handled_from is not None and f.handled_to is not None:
        conds.append(
            handled_condition(f.handled_from, f.handled_to, f.handled_on_time, f.handled_kinds)
        )
        conds.append(handled_condition(f.handled_from, f.handled_to, f.handled_on_time))
    if f.national_pending:
        conds.append(national_pending_condition())
    if terms is not None:
        conds.append(search_condition(session, terms))
    return stmt.where(*conds) if conds else stmt


_SORT_COLUMNS: dict[SortKey, Any] = {
    SortKey.CODE: Case.code,
    SortKey.RECEIVED: Case.received_at,
    SortKey.SUBMITTER: Submitter.name,
    SortKey.TITLE: Case.title,
    SortKey.CHANNEL: Case.channel,
    SortKey.UNIT: Unit.name,
    SortKey.OFFICIAL: Official.full_name,
    SortKey.STATE: Case.state,
    SortKey.DEADLINE: Case.due_on,
}


def page_statement(
    session: Session,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str] | None,
    sort: SortKey = SortKey.DEADLINE,
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> Select:
    stmt = (
        select(
            Case.id,
            Case.code,
            Case.received_at,
            Submitter.name,
            Case.title,
            Case.channel,
            Unit.name,
            Official.full_name,
            Case.state,
            Case.clock_start,
            Case.result_on,
            Case.last_progress_on,
            Case.due_on,
            Case.version,
        )
        .join(Submitter, Submitter.id == Case.submitter_id)
        .outerjoin(Unit, Unit.id == Case.unit_id)
        .outerjoin(Official, Official.id == Case.official_id)
    )
    stmt = apply_filter(session, stmt, f, bounds, terms)
    col = _SORT_COLUMNS[sort]
    if sort is SortKey.DEADLINE:
        # Cases without a running deadline (paused, done) come after those with one.
        order = [col.is_(None), col.desc() if descending else col]
    else:
        order = [col.desc() if descending else col]
    order.append(Case.id.desc() if descending else Case.id)
    return stmt.order_by(*order).offset(offset).limit(limit)


def count_statement(
    session: Session, f: CaseFilter, bounds: StatusBounds, terms: Sequence[str] | None
) -> Select:
    return apply_filter(session, select(func.count(Case.id)), f, bounds, terms)
