"""Queue and search queries in SQL: filtering, sorting and paging never load cases into Python.

Deadline status depends on today, so the caller passes the two dates that separate the
statuses (today and the last day still 'due soon'), computed with the working-day calendar.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Date,
    DateTime,
    Select,
    and_,
    bindparam,
    case,
    false,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    text,
    true,
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


def status_condition(
    status: DeadlineStatus, b: StatusBounds, v: Values | None = None
) -> ColumnElement[bool]:
    """The cases in ``status``; with ``v`` (``filter_values``) the two dates are the named
    parameters "today" and "soon" (one statement text for every day)."""
    if status is DeadlineStatus.PAUSED:
        return Case.state == CaseState.AWAITING_CLARIFICATION.value
    if status is DeadlineStatus.DONE:
        return Case.state.in_(_DONE)
    today: Any = b.today if v is None else _p(v, "today")
    soon: Any = b.due_soon_until if v is None else _p(v, "soon")
    active = Case.state.in_(_ACTIVE)
    if status is DeadlineStatus.OVERDUE:
        return and_(active, Case.due_on < today)
    if status is DeadlineStatus.DUE_SOON:
        return and_(active, Case.due_on >= today, Case.due_on <= soon)
    return and_(active, Case.due_on > soon)


def fts_terms(terms: Sequence[str]) -> list[str]:
    """The terms the full-text index can take (folded letters and digits only)."""
    return [t for t in terms if t.isalnum() and t.isascii()]


def fts_query(session: Conn, terms: Sequence[str]) -> str:
    """Every term a whole word of the folded text, the last one (still being typed) the
    start of one: "nghi quyet 6" finds "Nghị quyết 68"."""
    return _fts_query(_dialect(session), terms)


def _fts_query(dialect: str, terms: Sequence[str]) -> str:
    clean = fts_terms(terms)
    if dialect == "sqlite":
        return " ".join(f'"{t}"' for t in clean[:-1]) + f' "{clean[-1]}"*'
    return " & ".join([*clean[:-1], f"{clean[-1]}:*"])


def search_condition(
    session: Conn, terms: Sequence[str], v: Values | None = None
) -> ColumnElement[bool]:
    """Every term but the last is a word of the folded search text and the last one starts
    a word (``fts_query``); a search with nothing searchable in it matches nothing. With
    ``v`` (``filter_values``) the query is the named parameter "q"."""
    if not fts_terms(terms):
        return false()
    q: Any = fts_query(session, terms) if v is None else _p(v, "q")
    if _dialect(session) == "sqlite":
        ids = text("SELECT rowid FROM cases_fts WHERE cases_fts MATCH :q").bindparams(
            q if v is not None else bindparam("q", q)
        )
        return Case.id.in_(ids.columns(rowid=Case.id.type).subquery().select())
    return _tsv_match(q)


def matching_ids_newest(
    session: Conn, terms: Sequence[str], *, below: int | None, limit: int
) -> list[int]:
    """Ids of the cases whose search text matches ``terms``, the last entered first (by id),
    below ``below`` when given: the walk of a lookup by name. SQLite's full-text index gives
    its rows backwards without sorting them; ordering a common word's matches by date first
    (a quarter of a million cases for "lan") took 1.8 s at a million cases."""
    if not fts_terms(terms):
        return []
    q = fts_query(session, terms)
    if _dialect(session) == "sqlite":
        sql = "SELECT rowid FROM cases_fts WHERE cases_fts MATCH :q"
        if below is not None:
            sql += " AND rowid < :below"
        sql += " ORDER BY rowid DESC LIMIT :n"
        return list(session.execute(text(sql), {"q": q, "below": below, "n": limit}).scalars())
    stmt = select(Case.id).where(_tsv_match(q))
    if below is not None:
        stmt = stmt.where(Case.id < below)
    return list(session.execute(stmt.order_by(Case.id.desc()).limit(limit)).scalars())


def _tsv_match(q: Any) -> ColumnElement[bool]:
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
    start: date | BindParameter[Any],
    end: date | BindParameter[Any],
    on_time: bool | None,
    kinds: frozenset[str] = frozenset(),
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


# The values of a filter, by parameter name (``filter_values``). The filter's SQL names its
# values only through these parameters, so two filters with the same names (and the same
# ``filter_shape``) have the same SQL text: it is compiled once and run with new values.
Values = dict[str, Any]


def _p(v: Values, name: str) -> BindParameter[Any]:
    return bindparam(name, v[name])


def _many(v: Values, name: str, items: Sequence[Any]) -> list[BindParameter[Any]]:
    return [_p(v, f"{name}_{i}") for i in range(len(items))]


_DATED = frozenset({DeadlineStatus.OVERDUE, DeadlineStatus.DUE_SOON, DeadlineStatus.ON_TRACK})


def filter_values(
    dialect: str, f: CaseFilter, bounds: StatusBounds, terms: Sequence[str] | None
) -> Values:
    """Every value ``apply_filter`` puts into SQL, by parameter name; plain Python, no SQL
    built, so a statement compiled once for the filter's shape is run for the price of this."""
    v: Values = {}

    def many(name: str, items: Sequence[Any]) -> None:
        for i, x in enumerate(items):
            v[f"{name}_{i}"] = x

    many("states", sorted(f.states))
    many("unit_ids", sorted(f.unit_ids))
    many("official_ids", sorted(f.official_ids))
    many("outcomes", sorted(o for o in f.outcomes if o))
    many("channels", sorted(f.channels))
    many("topics", sorted(f.topics))
    many("kinds", sorted(f.submitter_kinds))
    many("provinces", sorted(f.province_codes))
    many("communes", sorted(f.commune_codes))
    if f.statuses & _DATED:
        v["today"], v["soon"] = bounds.today, bounds.due_soon_until
    if f.received_from:
        v["received_from"] = datetime.combine(f.received_from, time.min)
    if f.received_to:
        v["received_to"] = datetime.combine(f.received_to + timedelta(days=1), time.min)
    if f.handled_from is not None and f.handled_to is not None:
        v["handled_from"], v["handled_to"] = f.handled_from, f.handled_to
    if terms is not None and fts_terms(terms):
        v["q"] = _fts_query(dialect, terms)
    return v


def filter_shape(f: CaseFilter, terms: Sequence[str] | None, v: Values) -> tuple[Any, ...]:
    """What, beside the parameter names, decides the filter's SQL text."""
    return (
        tuple(v),
        tuple(k for k, val in vars(f).items() if val not in (None, False, "", frozenset())),
        f.open_only,
        f.no_unit,
        f.no_official,
        "" in f.outcomes,
        tuple(sorted(f.statuses)),
        f.handled_on_time,
        tuple(sorted(f.handled_kinds)),
        f.national_pending,
        f.no_province,
        f.no_commune,
        terms is not None,
    )


def apply_filter(
    session: Conn,
    stmt: Select,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str] | None,
) -> Select:
    v = filter_values(_dialect(session), f, bounds, terms)
    return _apply_filter(session, stmt, f, terms, v)


def _apply_filter(
    session: Conn, stmt: Select, f: CaseFilter, terms: Sequence[str] | None, v: Values
) -> Select:
    # Decisions here read only what ``filter_shape`` holds; values come from ``v``.
    conds: list[ColumnElement[bool]] = []
    if f.states:
        conds.append(Case.state.in_(_many(v, "states", sorted(f.states))))
    if f.open_only:
        conds.append(Case.state.in_(_OPEN))
    if f.unit_ids:
        conds.append(Case.unit_id.in_(_many(v, "unit_ids", sorted(f.unit_ids))))
    if f.no_unit:
        conds.append(Case.unit_id.is_(None))
    if f.official_ids:
        conds.append(Case.official_id.in_(_many(v, "official_ids", sorted(f.official_ids))))
    if f.no_official:
        conds.append(Case.official_id.is_(None))
    if f.outcomes:
        known = sorted(o for o in f.outcomes if o)
        either: list[ColumnElement[bool]] = (
            [Case.outcome.in_(_many(v, "outcomes", known))] if known else []
        )
        if "" in f.outcomes:
            either += [Case.outcome.is_(None), Case.outcome == ""]
        conds.append(or_(*either))
    if f.channels:
        conds.append(Case.channel.in_(_many(v, "channels", sorted(f.channels))))
    if f.topics:
        conds.append(Case.topic.in_(_many(v, "topics", sorted(f.topics))))
    if f.submitter_kinds:
        conds.append(Case.submitter_kind.in_(_many(v, "kinds", sorted(f.submitter_kinds))))
    if f.province_codes:
        conds.append(Case.province_code.in_(_many(v, "provinces", sorted(f.province_codes))))
    if f.no_province:
        conds.append(Case.province_code.is_(None))
    if f.commune_codes:
        conds.append(Case.commune_code.in_(_many(v, "communes", sorted(f.commune_codes))))
    if f.no_commune:
        conds.append(Case.commune_code.is_(None))
    if f.statuses:
        bounds = StatusBounds(date.min, date.min)  # unused: the dates are parameters
        conds.append(or_(*(status_condition(s, bounds, v) for s in sorted(f.statuses))))
    if f.received_from:
        conds.append(Case.received_at >= _p(v, "received_from"))
    if f.received_to:
        conds.append(Case.received_at < _p(v, "received_to"))
    if f.handled_from is not None and f.handled_to is not None:
        conds.append(
            handled_condition(
                _p(v, "handled_from"), _p(v, "handled_to"), f.handled_on_time, f.handled_kinds
            )
        )
    if f.national_pending:
        conds.append(national_pending_condition())
    if terms is not None:
        conds.append(search_condition(session, terms, v))
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
        # How a finished case was handled, for "handled late by N days".
        Case.outcome,
        Case.classified_on,
        Case.answered_on,
    )
    .join(Submitter, Submitter.id == Case.submitter_id)
    .outerjoin(Unit, Unit.id == Case.unit_id)
    .outerjoin(Official, Official.id == Case.official_id)
)


def _list_order(
    col: Any, sort: SortKey, descending: bool, *, backward: bool = False, id_col: Any = Case.id
) -> list[Any]:
    """The list's order: the sort column, its empty values last, ties broken by id; with
    ``backward`` exactly the reverse (the end of the list first)."""
    asc = descending == backward
    order: list[Any] = []
    if sort in _NULLABLE:
        order.append(col.is_not(None) if backward else col.is_(None))
    order += [col, id_col] if asc else [col.desc(), id_col.desc()]
    return order


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
    return (
        stmt.order_by(*_list_order(col, sort, descending))
        .offset(bindparam("offset", offset))
        .limit(bindparam("limit", limit))
    )


def anchor_statement(
    session: Conn,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str] | None,
    sort: SortKey = SortKey.DEADLINE,
    descending: bool = False,
    every: int = 200,
) -> Select:
    """The list's position index: (sort value, id) of the rows at positions ``every - 1``,
    ``2 * every - 1``, ... in ``page_statement``'s order, i.e. the last row of each block of
    ``every`` rows. The page at position ``k * every`` is then read by keyset after anchor
    ``k - 1`` (``keyset_statements``) instead of by OFFSET: a jump anywhere in a list of a
    million costs what the first page does. The database numbers the rows itself (a window
    function over the sort index) and hands back only the anchors: one pass over the list's
    index, with no row of it crossing into Python."""
    col = _SORT_COLUMNS[sort]
    narrow = select(Case.id, col.label("v")).select_from(Case)
    # Only the join the sort column needs (every case has its submitter: the inner join of
    # the page's statement drops none).
    if sort is SortKey.SUBMITTER:
        narrow = narrow.join(Submitter, Submitter.id == Case.submitter_id)
    elif sort is SortKey.UNIT:
        narrow = narrow.outerjoin(Unit, Unit.id == Case.unit_id)
    elif sort is SortKey.OFFICIAL:
        narrow = narrow.outerjoin(Official, Official.id == Case.official_id)
    numbered = apply_filter(
        session,
        narrow.add_columns(
            func.row_number().over(order_by=_list_order(col, sort, descending)).label("n")
        ),
        f,
        bounds,
        terms,
    ).subquery()
    return (
        select(numbered.c.v, numbered.c.id)
        .where(numbered.c.n % bindparam("every", every) == 0)
        .order_by(numbered.c.n)
    )


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
    id_col: Any = Case.id,
) -> list[Select]:
    asc = descending == backward  # direction of the sort column and of id in this walk
    # Named parameters, as in filter_values: one SQL text for every key of this shape.
    key_id: BindParameter[Any] = bindparam("key_id", after.id if after else None)
    key_value: BindParameter[Any] = bindparam("key_value", after.value if after else None)

    def ordered(stmt: Select, by_col: bool) -> Select:
        # The empty values' part is in id order; for the deadline both backends read it
        # from the partial index of the cases without one (migration 0018), from the key on
        # (the index on (due_on IS NULL, due_on, id) cannot start PostgreSQL's scan at an id).
        order = [col if asc else col.desc()] if by_col else []
        order.append(id_col if asc else id_col.desc())
        return stmt.order_by(*order).limit(bindparam("limit", limit))

    def after_id() -> ColumnElement[bool]:
        return id_col > key_id if asc else id_col < key_id

    valued: Select | None
    if after is None:
        valued = base.where(col.is_not(None)) if sort in _NULLABLE else base
    elif after.value is None:
        # The key is among the empty values: going forward every valued row is behind us;
        # going backward they all lie ahead.
        valued = base.where(col.is_not(None)) if backward else None
    else:
        v = key_value
        if asc:
            cond = and_(col >= v, or_(col > v, id_col > key_id))
        else:
            cond = and_(col <= v, or_(col < v, id_col < key_id))
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
    session: Conn,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str] | None,
    cap: int | None = None,
) -> Select:
    """The filter's cases counted; with ``cap``, counted only up to ``cap + 1`` (the reading
    stops there: a search for common words finds hundreds of thousands of cases, and telling
    "more than 10,000" at once costs a few milliseconds where the exact count costs tens)."""
    if (
        terms is not None
        and fts_terms(terms)
        and _dialect(session) == "sqlite"
        and replace(f, search="") == CaseFilter()
    ):
        # A search and nothing else: FTS5 counts its own matches, without looking up each
        # case (its rows are the cases', kept in step by triggers).
        match = text("cases_fts MATCH :q").bindparams(bindparam("q", fts_query(session, terms)))
        if cap is None:
            return select(func.count()).select_from(text("cases_fts")).where(match)
        inner: Select[Any] = select(literal_column("1")).select_from(text("cases_fts")).where(match)
    elif cap is None:
        return apply_filter(session, select(func.count(Case.id)), f, bounds, terms)
    else:
        inner = apply_filter(session, select(Case.id), f, bounds, terms)
    limited = inner.limit(bindparam("cap", cap + 1)).subquery()
    return select(func.count()).select_from(limited)


# --- Thin reads ---------------------------------------------------------------------------
# Building a SQLAlchemy select, finding its cache key and wrapping each row costs several
# times what SQLite takes to read a page of 200 rows. The queue's reads are few shapes run
# again and again, so each shape (``filter_shape``, the sort and the kind of page) is compiled
# once to its SQL text and the names of its parameters; a call then works out the values
# (``filter_values``) and runs the text on the driver's cursor, returning plain tuples with
# the same Python values SQLAlchemy would give.


@dataclass(frozen=True)
class _Prepared:
    sql: str
    names: tuple[str, ...] | None  # positional parameters in order (SQLite); None: by name
    constants: dict[str, Any]  # the statement's own fixed values (states, outcomes, ...)
    convert: tuple[tuple[int, Any], ...]  # (column, str -> value) for SQLite's dates


_PREPARED: dict[tuple[Any, ...], list[_Prepared]] = {}
_PREPARED_MAX = 512


def _prepare(conn: Connection, stmt: Select, named: Values) -> _Prepared:
    dialect = conn.dialect
    c = stmt.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    sqlite = dialect.name == "sqlite"
    constants = {k: val for k, val in c.params.items() if k not in named}
    convert: list[tuple[int, Any]] = []
    if sqlite:
        constants = {k: _sqlite_param(val) for k, val in constants.items()}
        for i, col in enumerate(stmt.selected_columns):
            if isinstance(col.type, DateTime):
                convert.append((i, datetime.fromisoformat))
            elif isinstance(col.type, Date):
                convert.append((i, date.fromisoformat))
    names = tuple(c.positiontup) if dialect.positional and c.positiontup is not None else None
    return _Prepared(str(c), names, constants, tuple(convert))


def _sqlite_param(value: Any) -> Any:
    # SQLAlchemy's SQLite storage formats for DateTime and Date (ISO text).
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _cached(key: tuple[Any, ...], build: Any) -> list[_Prepared]:
    found = _PREPARED.get(key)
    if found is None:
        if len(_PREPARED) >= _PREPARED_MAX:
            _PREPARED.clear()
        found = _PREPARED[key] = build()
    return found


def _run(conn: Connection, p: _Prepared, v: Values) -> list[tuple[Any, ...]]:
    params: Any
    if p.names is not None:
        params = tuple(p.constants[n] if n in p.constants else _sqlite_param(v[n]) for n in p.names)
    else:
        params = {**p.constants, **v}
    # exec_driver_sql: the text as it is, on SQLAlchemy's connection (its error handling,
    # reconnects and transaction), without building or caching a statement.
    rows = conn.exec_driver_sql(p.sql, params).fetchall()
    if not p.convert:
        return [tuple(r) for r in rows]
    out = []
    for r in rows:
        t = list(r)
        for i, fn in p.convert:
            if t[i] is not None:
                t[i] = fn(t[i])
        out.append(tuple(t))
    return out


def _thin(
    conn: Connection,
    kind: str,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str] | None,
    shape: tuple[Any, ...],
    extra: Values,
    build: Callable[[], list[Select]],
) -> tuple[list[_Prepared], Values]:
    """A thin read's compiled texts and its named values: the filter's values with
    ``extra``; the texts are compiled from ``build``'s statements the first time this
    ``kind`` of read meets this filter shape and read ``shape`` (see Thin reads)."""
    dialect = conn.dialect.name
    v = filter_values(dialect, f, bounds, terms)
    named = {**v, **extra}
    key = (kind, dialect, filter_shape(f, terms, v), *shape)
    return _cached(key, lambda: [_prepare(conn, stmt, named) for stmt in build()]), named


def _run_in_turn(
    conn: Connection, parts: list[_Prepared], named: Values, limit: int
) -> list[tuple[Any, ...]]:
    """Run a keyset read's texts in turn until ``limit`` rows are read."""
    rows: list[tuple[Any, ...]] = []
    for p in parts:
        named["limit"] = limit - len(rows)
        rows.extend(_run(conn, p, named))
        if len(rows) >= limit:
            break
    return rows


def _keyset_shape(
    sort: SortKey, descending: bool, backward: bool, after: PageKey | None
) -> tuple[Any, ...]:
    """What, beside the filter, decides a keyset read's texts (``_keyset_parts``)."""
    return (sort, descending, backward, after is None, after is None or after.value is None)


def _keyset_values(after: PageKey | None, limit: int) -> Values:
    """The key's and the limit's named values in a keyset read (``_keyset_parts``)."""
    return {
        "key_id": after.id if after else None,
        "key_value": after.value if after else None,
        "limit": limit,
    }


def page_rows(
    conn: Connection,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str] | None,
    sort: SortKey = SortKey.DEADLINE,
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[tuple[Any, ...]]:
    """``page_statement``'s rows, by its compiled text (see Thin reads)."""
    if offset == 0 and sort in _GROUPED and conn.dialect.name == "postgresql":
        return keyset_rows(conn, f, bounds, terms, sort, descending, None, limit)  # _GROUPED
    (p,), named = _thin(
        conn,
        "page",
        f,
        bounds,
        terms,
        (sort, descending),
        {"offset": offset, "limit": limit},
        lambda: [page_statement(conn, f, bounds, terms, sort, descending, offset, limit)],
    )
    return _run(conn, p, named)


def keyset_rows(
    conn: Connection,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str] | None,
    sort: SortKey = SortKey.DEADLINE,
    descending: bool = False,
    after: PageKey | None = None,
    limit: int = 200,
    *,
    backward: bool = False,
) -> list[tuple[Any, ...]]:
    """The rows of ``keyset_statements`` (run in turn until ``limit`` rows are read), by
    their compiled texts (see Thin reads)."""
    if sort in _GROUPED and conn.dialect.name == "postgresql":
        ids = _grouped_ids(conn, f, bounds, terms, sort, descending, after, limit, backward)
        return rows_by_id(conn, ids, sort)
    parts, named = _thin(
        conn,
        "keyset",
        f,
        bounds,
        terms,
        _keyset_shape(sort, descending, backward, after),
        _keyset_values(after, limit),
        lambda: keyset_statements(
            conn, f, bounds, terms, sort, descending, after, limit, backward=backward
        ),
    )
    return _run_in_turn(conn, parts, named, limit)


# Sorts by the name of a case's unit or official. No index holds cases in (name, id) order:
# PostgreSQL joins and sorts the whole list for any page after a key (0.5 s at 100,000 cases,
# 1 to 3 s at a million), where SQLite walks the names' index and each one's cases by id. The
# names are few (a row of ``units`` or ``users`` each), so PostgreSQL is given that walk
# itself: the groups from the name on, in name order, and for each (LATERAL) its first cases
# by id, from the index on (unit_id, id) or the id's own (migration 0025).
_GROUPED: dict[SortKey, tuple[Any, Any, Any]] = {
    SortKey.UNIT: (Unit.id, Unit.name, Case.unit_id),
    SortKey.OFFICIAL: (Official.id, Official.full_name, Case.official_id),
}


def grouped_statements(
    conn: Conn,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str] | None,
    sort: SortKey,
    descending: bool = False,
    after: PageKey | None = None,
    limit: int = 200,
    *,
    backward: bool = False,
) -> list[Select]:
    """``keyset_statements``' walk for a sort by unit or official (``_GROUPED``), as
    statements of (sort value, id) run in turn until ``limit`` rows are read: the rest of the
    key's own name by id, then the names after it, then the cases without one (by id, from
    the partial index of migration 0025). Same rows, same order (the tests compare them)."""
    group_id, name, fk = _GROUPED[sort]
    asc = descending == backward
    key_id: BindParameter[Any] = bindparam("key_id", after.id if after else None)
    key_value: BindParameter[Any] = bindparam("key_value", after.value if after else None)
    lim: BindParameter[Any] = bindparam("limit", limit)

    def named(name_cond: ColumnElement[bool] | None, from_key: bool) -> Select:
        groups = select(group_id.label("gid"), name.label("v"))
        if name_cond is not None:
            groups = groups.where(name_cond)
        g = groups.subquery("g")
        # The group's cases by (fk, id), fk written as a range of one value: an equality
        # would let PostgreSQL drop fk from the order and walk the id's own index instead,
        # testing each case's fk (for an official without cases: the whole table, 1.1 s at
        # 100,000 cases); a range leaves only the index on (fk, id) in that order.
        own = apply_filter(conn, select(Case.id), f, bounds, terms).where(
            fk >= g.c.gid, fk <= g.c.gid
        )
        if from_key:
            own = own.where(Case.id > key_id if asc else Case.id < key_id)
        by_fk = [fk, Case.id] if asc else [fk.desc(), Case.id.desc()]
        c = own.order_by(*by_fk).limit(lim).lateral("c")
        order = [g.c.v, c.c.id] if asc else [g.c.v.desc(), c.c.id.desc()]
        return select(g.c.v, c.c.id).select_from(g).join(c, true()).order_by(*order).limit(lim)

    def empty(from_key: bool) -> Select:
        stmt = apply_filter(conn, select(null(), Case.id), f, bounds, terms).where(fk.is_(None))
        if from_key:
            stmt = stmt.where(Case.id > key_id if asc else Case.id < key_id)
        return stmt.order_by(Case.id if asc else Case.id.desc()).limit(lim)

    # In the order of the walk (backward: the cases without a name first).
    if after is None:
        every = [named(None, False), empty(False)]
        return every[::-1] if backward else every
    if after.value is None:
        # The key is among the cases without a name: going forward every named one is
        # behind; going backward they all lie ahead.
        return [empty(True), named(None, False)] if backward else [empty(True)]
    later = name > key_value if asc else name < key_value
    parts = [named(name == key_value, True), named(later, False)]
    # Going backward from a name, the cases without one are behind.
    return parts if backward else [*parts, empty(False)]


def _grouped_ids(
    conn: Connection,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str] | None,
    sort: SortKey,
    descending: bool,
    after: PageKey | None,
    limit: int,
    backward: bool,
) -> list[int]:
    parts, named = _thin(
        conn,
        "grouped",
        f,
        bounds,
        terms,
        _keyset_shape(sort, descending, backward, after),
        _keyset_values(after, limit),
        lambda: grouped_statements(
            conn, f, bounds, terms, sort, descending, after, limit, backward=backward
        ),
    )
    return [r[-1] for r in _run_in_turn(conn, parts, named, limit)]


def count_rows(
    conn: Connection,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str] | None,
    cap: int | None = None,
) -> int:
    """``count_statement``'s count, by its compiled text (see Thin reads)."""
    (p,), named = _thin(
        conn,
        "count",
        f,
        bounds,
        terms,
        (cap is None,),
        {"cap": None if cap is None else cap + 1},
        lambda: [count_statement(conn, f, bounds, terms, cap)],
    )
    return int(_run(conn, p, named)[0][0])


def anchor_rows(
    conn: Connection,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str] | None,
    sort: SortKey = SortKey.DEADLINE,
    descending: bool = False,
    every: int = 200,
) -> list[PageKey]:
    """``anchor_statement``'s anchors as page keys, by its compiled text (see Thin reads)."""
    (p,), named = _thin(
        conn,
        "anchors",
        f,
        bounds,
        terms,
        (sort, descending),
        {"every": every},
        lambda: [anchor_statement(conn, f, bounds, terms, sort, descending, every)],
    )
    return [PageKey(value, id_) for value, id_ in _run(conn, p, named)]


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
    if _few_matches(session, terms):
        # Rare words: walking would not meet enough of them; their few matches, read from
        # the full-text index with their sort values and put in order here, are the quick
        # way (SQLite would rather walk the sort index probing each row).
        return _few_in_order(session, f, bounds, terms, sort, descending, after, limit, backward)
    narrow = apply_filter(session, select(Case.id, col), f, bounds, None)
    walked: list[int] = []
    for stmt in _keyset_parts(narrow, col, sort, descending, after, budget, backward):
        walked.extend(session.scalars(stmt.limit(budget - len(walked))))
        if len(walked) >= budget:
            break
    if not walked:
        return []
    hits: list[int] = []
    match = _matcher(fts_terms(terms))
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
        ok = {i for i, t in rows if match(t)}
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


# Below this many matches the walk would not fill a page within its budget on a large
# register; the full-text index tells it by counting no further (a few milliseconds).
FEW_MATCHES = 5000


def _few_matches(session: Conn, terms: Sequence[str]) -> bool:
    q = text(
        "SELECT count(*) FROM (SELECT 1 FROM cases_fts WHERE cases_fts MATCH :q LIMIT :n)"
    ).bindparams(q=fts_query(session, terms), n=FEW_MATCHES + 1)
    return int(session.execute(q).scalar_one()) <= FEW_MATCHES


def _few_in_order(
    session: Conn,
    f: CaseFilter,
    bounds: StatusBounds,
    terms: Sequence[str],
    sort: SortKey,
    descending: bool,
    after: PageKey | None,
    limit: int,
    backward: bool,
) -> list[int]:
    """``search_walk``'s answer from every match: the page after (or before) ``after`` in the
    list's order (``keyset_statements``'), SQLite putting the matches in order. The sort
    column and id are written ``+cases.x`` (SQLite's way to keep a term off its indexes), so
    it reads the full-text index's matches first and sorts those few, instead of walking the
    sort index and testing every case on the way (a rare word's page would read the whole
    list); only ids are sorted, the page's rows are read afterwards."""
    conn = session if isinstance(session, Connection) else session.connection()

    def build() -> list[Select]:
        col = _SORT_COLUMNS[sort]
        off_index = literal_column(f"+cases.{col.name}", type_=col.type)
        id_col = literal_column("+cases.id", type_=Case.id.type)
        base = apply_filter(conn, select(Case.id), f, bounds, terms)
        if after is None and sort in _NULLABLE:
            # The first (or last) page in one pass over the matches, empty values last.
            order = _list_order(off_index, sort, descending, backward=backward, id_col=id_col)
            return [base.order_by(*order).limit(bindparam("limit", limit))]
        return _keyset_parts(
            base, off_index, sort, descending, after, limit, backward, id_col=id_col
        )

    parts, named = _thin(
        conn,
        "few",
        f,
        bounds,
        terms,
        _keyset_shape(sort, descending, backward, after),
        _keyset_values(after, limit),
        build,
    )
    return [r[0] for r in _run_in_turn(conn, parts, named, limit)]


_WORD = re.compile(r"[^\W_]+")
# ASCII letters and digits kept (lower case), every other ASCII character a space: FTS5's
# unicode61 tokenizer's words, for a text that is all ASCII (folded text nearly always is).
_ASCII_WORDS = bytes(
    ord(chr(c).lower()) if c < 128 and chr(c).isalnum() else 32 for c in range(256)
)


def _matcher(terms: Sequence[str]) -> Any:
    """``_words_match`` for these terms, as a function of the text: on ASCII text by
    substring tests on the text cut into words (no word list built)."""
    *whole, last = terms
    needles = [f" {t} ".encode() for t in whole]
    start = f" {last}".encode()

    def match(text: str) -> bool:
        if not text.isascii():
            return _words_match(text, terms)
        padded = b" " + text.encode().translate(_ASCII_WORDS) + b" "
        return start in padded and all(n in padded for n in needles)

    return match


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
    """Queue rows of these cases, in the order of ``ids`` (already in list order). One
    compiled text per sort (see Thin reads) whatever the number of ids: they go in as one
    value, a JSON list on SQLite and an array on PostgreSQL."""
    if not ids:
        return []
    conn = session if isinstance(session, Connection) else session.connection()
    dialect = conn.dialect.name
    sqlite = dialect == "sqlite"
    named: Values = {"ids": json.dumps(list(ids)) if sqlite else list(ids)}

    def build() -> list[_Prepared]:
        col = _SORT_COLUMNS[sort]
        if sqlite:
            listed: Any = Case.id.in_(
                text("SELECT value FROM json_each(:ids)").bindparams(bindparam("ids"))
            )
        else:
            listed = Case.id == func.any(bindparam("ids"))
        return [_prepare(conn, _QUEUE_ROW.add_columns(col).where(listed), named)]

    (p,) = _cached(("rows", dialect, sort), build)
    by_id = {r[0]: r for r in _run(conn, p, named)}
    return [by_id[i] for i in ids if i in by_id]
