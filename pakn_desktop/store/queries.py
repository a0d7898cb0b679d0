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

from pakn_desktop.domain.enums import OPEN_STATES, CaseState, DeadlineStatus

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


def handled_condition(start: date, end: date, on_time: bool | None) -> ColumnElement[bool]:
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
    if on_time is None:
        return or_(answered, rejected, transferred)
    ok = or_(
        and_(answered, Case.answered_on <= _due(15)),
        and_(rejected, Case.classified_on <= _due(2)),
        and_(transferred, Case.classified_on <= _due(5)),
    )
    if on_time:
        return ok
    return and_(or_(answered, rejected, transferred), ~ok)


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
    if f.official_ids:
        conds.append(Case.official_id.in_(sorted(f.official_ids)))
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
        conds.append(handled_condition(f.handled_from, f.handled_to, f.handled_on_time))
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
# Sort columns that can be NULL (no unit, no official, no running deadline). Their NULLs
# always come last, whatever the direction, on both backends (SQLite and PostgreSQL disagree
# on where NULLs sort by default).
_NULLABLE = frozenset({SortKey.UNIT, SortKey.OFFICIAL, SortKey.DEADLINE})


@dataclass(frozen=True)
class PageKey:
    """Where a page starts: the sort value and id of the row just before it (keyset paging).
    ``value`` is None for a row whose sort column is empty (no unit, official, deadline)."""

    value: Any
    id: int


def _base_statement(session: Session, f: CaseFilter, bounds: StatusBounds, terms: Any) -> Select:
    """The queue's row: plain columns (no ORM entities), the sort value last."""
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
    return apply_filter(session, stmt, f, bounds, terms)


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
    """The straightforward page: ORDER BY the sort column (empty values last), then id, with
    OFFSET. Fine near the top; a deep page costs as much as every row before it, so scrolling
    uses ``keyset_statements`` and this serves jumps and the tests' reference."""
    col = _SORT_COLUMNS[sort]
    stmt = _base_statement(session, f, bounds, terms).add_columns(col)
    order = [col.is_(None)] if sort in _NULLABLE else []
    order.append(col.desc() if descending else col)
    order.append(Case.id.desc() if descending else Case.id)
    return stmt.order_by(*order).offset(offset).limit(limit)


def keyset_statements(
    session: Session,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str] | None,
    sort: SortKey = SortKey.DEADLINE,
    descending: bool = False,
    after: PageKey | None = None,
    limit: int = 200,
    *,
    backward: bool = False,
) -> list[Select]:
    """The rows that follow ``after`` in the queue's order (``page_statement``'s), as one or
    two statements to run in turn until ``limit`` rows are read: the rows with a sort value,
    then those without (for a nullable column). Each reads an index range from the key, so a
    page deep in the list costs what the first one does.

    With ``backward`` the order is reversed: the rows *before* ``after`` nearest first (the
    caller reverses them); without ``after`` that is the end of the list (Ctrl+End)."""
    col = _SORT_COLUMNS[sort]
    asc = descending == backward  # direction of the sort column and of id in this walk
    base = _base_statement(session, f, bounds, terms).add_columns(col)

    def ordered(stmt: Select, by_col: bool) -> Select:
        order = [col if asc else col.desc()] if by_col else []
        order.append(Case.id if asc else Case.id.desc())
        return stmt.order_by(*order).limit(limit)

    def after_id() -> ColumnElement[bool]:
        assert after is not None
        return Case.id > after.id if asc else Case.id < after.id

    valued: Select | None
    if after is None:
        valued = base.where(col.is_not(None)) if sort in _NULLABLE else base
    elif after.value is None:
        # The key is among the empty values: going forward every valued row is behind us;
        # going backward they all lie ahead.
        valued = base.where(col.is_not(None)) if backward else None
    else:
        v = after.value
        if asc:
            cond = and_(col >= v, or_(col > v, Case.id > after.id))
        else:
            cond = and_(col <= v, or_(col < v, Case.id < after.id))
        valued = base.where(cond)
    if sort not in _NULLABLE:
        assert valued is not None
        return [ordered(valued, True)]
    empty: Select | None
    if after is None:
        empty = base.where(col.is_(None))
    elif after.value is None:
        empty = base.where(col.is_(None), after_id())
    else:
        empty = None if backward else base.where(col.is_(None))
    parts = [(valued, True), (empty, False)]
    if backward:
        parts.reverse()
    return [ordered(stmt, by_col) for stmt, by_col in parts if stmt is not None]


def count_statement(
    session: Session, f: CaseFilter, bounds: StatusBounds, terms: Sequence[str] | None
) -> Select:
    return apply_filter(session, select(func.count(Case.id)), f, bounds, terms)
