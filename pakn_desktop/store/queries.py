"""Queue and search queries in SQL: filtering, sorting and paging never load cases into Python.

Deadline status depends on today, so the caller passes the two dates that separate the
statuses (today and the last day still 'due soon'), computed with the working-day calendar.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    false,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, aliased

from pakn_desktop.domain.deadlines import CLOCK_RUNNING_VALUES
from pakn_desktop.domain.enums import OPEN_STATES, CaseState, Channel, DeadlineStatus
from pakn_desktop.domain.queue import CaseFilter, PageKey, SortKey

from .models import Case, Submitter, Unit, User, WorkDay

_OPEN = [s.value for s in OPEN_STATES]
_ACTIVE = list(CLOCK_RUNNING_VALUES)
_DONE = [s.value for s in CaseState if not s.is_open]


@dataclass(frozen=True)
class StatusBounds:
    today: date
    due_soon_until: date


Official = aliased(User)

# Queries run on an ORM session or, for the queue's thin reads, a plain Core connection.
Conn = Session | Connection


def _dialect(conn: Conn) -> str:
    if isinstance(conn, Connection):
        return conn.dialect.name
    return conn.get_bind().dialect.name


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


def fts_terms(terms: Sequence[str]) -> list[str]:
    """The terms the full-text index can take (folded letters and digits only)."""
    return [t for t in terms if t.isalnum() and t.isascii()]


def fts_query(session: Conn, terms: Sequence[str]) -> str:
    """Every term a whole word of the folded text, the last one (still being typed) the
    start of one: "nghi quyet 6" finds "Nghị quyết 68"."""
    clean = fts_terms(terms)
    if _dialect(session) == "sqlite":
        return " ".join(f'"{t}"' for t in clean[:-1]) + f' "{clean[-1]}"*'
    return " & ".join([*clean[:-1], f"{clean[-1]}:*"])


def search_condition(session: Conn, terms: Sequence[str]) -> ColumnElement[bool]:
    """Every term but the last is a word of the folded search text and the last one starts
    a word (``fts_query``); a search with nothing searchable in it matches nothing."""
    if not fts_terms(terms):
        return false()
    q = fts_query(session, terms)
    if _dialect(session) == "sqlite":
        ids = text("SELECT rowid FROM cases_fts WHERE cases_fts MATCH :q").bindparams(q=q)
        return Case.id.in_(ids.columns(rowid=Case.id.type).subquery().select())
    return _tsv_match(q)


def _tsv_match(q: str) -> ColumnElement[bool]:
    # PostgreSQL: the stored, GIN-indexed words of the search text (migration 0011).
    return literal_column("cases.search_tsv").op("@@")(func.to_tsquery("simple", q))


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
    session: Conn,
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
# Sort columns that can be NULL (no unit, no official, no running deadline). Their NULLs
# always come last, whatever the direction, on both backends (SQLite and PostgreSQL disagree
# on where NULLs sort by default).
_NULLABLE = frozenset({SortKey.UNIT, SortKey.OFFICIAL, SortKey.DEADLINE})


# Built once: SQLAlchemy takes longer to build this select than SQLite takes to run it.
_QUEUE_ROW = (
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


def _base_statement(session: Conn, f: CaseFilter, bounds: StatusBounds, terms: Any) -> Select:
    """The queue's row: plain columns (no ORM entities), the sort value last."""
    stmt = _QUEUE_ROW
    return apply_filter(session, stmt, f, bounds, terms)


def page_statement(
    session: Conn,
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
    session: Conn,
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
    base = _base_statement(session, f, bounds, terms).add_columns(col)
    return _keyset_parts(base, col, sort, descending, after, limit, backward)


def _keyset_parts(
    base: Select,
    col: Any,
    sort: SortKey,
    descending: bool,
    after: PageKey | None,
    limit: int,
    backward: bool,
) -> list[Select]:
    asc = descending == backward  # direction of the sort column and of id in this walk

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


def status_count_statement(
    session: Conn, f: CaseFilter, bounds: StatusBounds, terms: Sequence[str] | None
) -> Select:
    """(status, count) of the filter's cases per deadline status, in one pass; each case
    falls in the status whose ``status_condition`` it meets (they do not overlap)."""
    kind = case(
        *((status_condition(st, bounds), literal(st.value)) for st in DeadlineStatus),
        else_=null(),
    ).label("status")
    # Like one count per status with the filter's own statuses replaced by that one.
    f = replace(f, statuses=frozenset())
    return apply_filter(session, select(kind, func.count()), f, bounds, terms).group_by(kind)


def count_statement(
    session: Conn, f: CaseFilter, bounds: StatusBounds, terms: Sequence[str] | None
) -> Select:
    if (
        terms is not None
        and fts_terms(terms)
        and _dialect(session) == "sqlite"
        and replace(f, search="") == CaseFilter()
    ):
        # A search and nothing else: FTS5 counts its own matches, without looking up each
        # case (its rows are the cases', kept in step by triggers).
        return (
            select(func.count())
            .select_from(text("cases_fts"))
            .where(text("cases_fts MATCH :q").bindparams(q=fts_query(session, terms)))
        )
    return apply_filter(session, select(func.count(Case.id)), f, bounds, terms)


# Sorts an index serves directly (ties broken by id), where walking the list in order and
# keeping the matching rows beats collecting every match first.
WALKABLE = frozenset({SortKey.CODE, SortKey.RECEIVED, SortKey.DEADLINE, SortKey.CHANNEL})
WALK_BUDGET = 3000


def search_walk(
    session: Conn,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str],
    sort: SortKey,
    descending: bool = False,
    after: PageKey | None = None,
    limit: int = 200,
    *,
    backward: bool = False,
    budget: int = WALK_BUDGET,
) -> list[int] | None:
    """The ids of the next ``limit`` cases matching a search, in list order, found by walking
    the list's own index (ids and sort values only, no rows read) ``budget`` entries ahead and
    asking the full-text index which of those match, by a range of ids. Words found in many
    cases (where collecting every match and sorting them is what costs) thus cost a few
    milliseconds. Returns None when the budget is spent before the page is full (rare
    words): the caller then asks the full-text index for every match (``keyset_statements``
    with the terms), which is quick for rare words."""
    if sort not in WALKABLE or not fts_terms(terms) or _dialect(session) != "sqlite":
        # PostgreSQL checks its stored search_tsv row by row along the sort index on its
        # own: the plain statement is its fast path.
        return None
    col = _SORT_COLUMNS[sort]
    narrow = apply_filter(session, select(Case.id, col), f, bounds, None)
    walked: list[int] = []
    for stmt in _keyset_parts(narrow, col, sort, descending, after, budget, backward):
        walked.extend(session.scalars(stmt.limit(budget - len(walked))))
        if len(walked) >= budget:
            break
    if not walked:
        return []
    hits: list[int] = []
    start, size = 0, max(limit // 2, 50)
    sqlite = _dialect(session) == "sqlite"
    # Check the rows' folded text here, word by word as FTS5's unicode61 tokenizer cuts
    # it, in growing slices until the page is full: words in most cases (whose lists the
    # index is slowest to read) fill it from the first slices. Less common words go to
    # FTS5 for the rest of a short range of ids (cases are numbered as they arrive, so a
    # list by receipt is one); it cannot look up many scattered rows cheaply (a list by
    # deadline), so those stay here.
    while start < len(walked) and len(hits) < limit:
        if start and len(walked) == budget and len(hits) * budget < limit * start:
            return None  # at this rate the budget would not fill the page: a rare word
        rest = walked[start:]
        common = len(hits) >= 0.3 * start
        if sqlite and start and not common and max(rest) - min(rest) <= 8 * len(rest):
            break
        part = walked[start : start + size]
        rows = session.execute(select(Case.id, Case.search_text).where(Case.id.in_(part)))
        ok = {i for i, t in rows if _words_match(t, fts_terms(terms))}
        hits.extend(i for i in part if i in ok)
        start, size = start + size, 2 * size
    if len(hits) < limit and start < len(walked):
        matched = _matching(session, terms, walked[start:])
        hits.extend(i for i in walked[start:] if i in matched)
    if len(hits) >= limit or len(walked) < budget:
        return hits[:limit]
    return None


def _matching(session: Conn, terms: Sequence[str], ids: list[int]) -> set[int]:
    q = fts_query(session, terms)
    if _dialect(session) == "sqlite":
        # FTS5 answers a rowid range by seeking in its lists; ids near in the list are near
        # in number (cases are numbered as they arrive), so the range is short.
        rows = session.execute(
            text(
                "SELECT rowid FROM cases_fts WHERE cases_fts MATCH :q AND rowid BETWEEN :lo AND :hi"
            ),
            {"q": q, "lo": min(ids), "hi": max(ids)},
        )
        return {r[0] for r in rows}
    return set(session.scalars(select(Case.id).where(Case.id.in_(ids), _tsv_match(q))))


_WORD = re.compile(r"[^\W_]+")


def _words_match(text: str, terms: Sequence[str]) -> bool:
    """``fts_query``'s rule on one text: every term but the last a word, the last the start
    of one."""
    words = set(_WORD.findall(text.lower()))
    *whole, last = terms
    return all(t in words for t in whole) and any(w.startswith(last) for w in words)


def rows_by_id(
    session: Conn,
    ids: Sequence[int],
    sort: SortKey,
    descending: bool = False,
    backward: bool = False,
) -> list[Any]:
    """Queue rows of these cases, in the order of ``ids`` (already in list order)."""
    if not ids:
        return []
    col = _SORT_COLUMNS[sort]
    stmt = (
        _base_statement(session, CaseFilter(), StatusBounds(date.min, date.min), None)
        .add_columns(col)
        .where(Case.id.in_(list(ids)))
    )
    by_id = {r[0]: r for r in session.execute(stmt)}
    return [by_id[i] for i in ids if i in by_id]
