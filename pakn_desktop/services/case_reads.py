"""What the case list, the editor and the desk's lookup read: pages of the list in any order,
counts, the list's position index, one case in full, the person's public lookup and possible
repeats. Nothing here changes a case (``cases.CaseService`` does).

Each read of case data checks its actor, but ``unchecked_detail``: that one is for services
that checked their own actor first (the case they just changed, the letter they word).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload

from pakn_desktop.domain import deadlines as dl
from pakn_desktop.domain.calendar import WorkingCalendar
from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.codes import likely_codes, normalize_case_code
from pakn_desktop.domain.enums import CaseState, DeadlineStatus, Outcome
from pakn_desktop.domain.errors import InvalidCode, NotFound, PaknError
from pakn_desktop.domain.permissions import Permission as P
from pakn_desktop.domain.permissions import Scope, parse_roles, scope_of
from pakn_desktop.domain.personal_data import public_text
from pakn_desktop.domain.queue import CaseFilter, PageKey, SortKey
from pakn_desktop.domain.text import clean_text, fold, search_terms
from pakn_desktop.domain.validation import entry_code, entry_int, format_phone, normalize_phone
from pakn_desktop.domain.workflow import allowed_actions
from pakn_desktop.store.db import Database, StoreError
from pakn_desktop.store.models import Attachment, Case, CaseEvent, Submitter, Unit, User
from pakn_desktop.store.queries import (
    StatusBounds,
    anchor_rows,
    count_rows,
    keyset_rows,
    matching_ids_newest,
    page_rows,
    rows_by_id,
    search_walk,
    status_count_statement,
)

from .accounts import Guard
from .calendar import CalendarService
from .public_gate import office_keep
from .views import (
    Actor,
    AttachmentView,
    CaseDetail,
    CaseRow,
    DeadlineView,
    EventView,
    PublicLookup,
)

# A lookup by name looks at the newest cases holding the words, this many at a time, and at
# this many at most (the old rule: the 1,000 newest; now twenty times as deep, as fast).
_NAME_BATCH = 1000
_NAME_WALK = 20_000


def _looks_like_name(text: str) -> bool:
    """Letters and spaces (a person's name), not a code or a phone number."""
    folded = fold(clean_text(text))
    return any(ch.isalpha() for ch in folded) and not any(ch.isdigit() for ch in folded)


def _terms(f: CaseFilter) -> list[str] | None:
    """The filter's search words, None when it searches nothing."""
    return search_terms(f.search) if f.search.strip() else None


def _name_matches(words: list[str], terms: Sequence[str]) -> bool:
    return all(any(w.startswith(t) for w in words) for t in terms)


T = TypeVar("T")


def _retrying(read: Callable[[], T]) -> T:
    """A quick read, once more if its connection turned out lost (PostgreSQL restarted or a
    network cut since the connection's last use): the pool then holds fresh connections.
    Reads only; nothing was changed by the failed attempt."""
    try:
        return read()
    except StoreError as exc:
        cause = exc.__cause__
        if isinstance(cause, DBAPIError) and cause.connection_invalidated:
            return read()
        raise


def load_case(s: Session, code: str) -> Case:
    """The case of a code (ours, or the portal's), or NotFound naming the existing codes a
    wrong check digit probably meant."""
    code = entry_code(code)
    try:
        norm = normalize_case_code(code)
    except InvalidCode:
        norm = None
    case = None
    if norm is not None:
        case = s.scalar(select(Case).where(Case.code == norm))
    if case is None and code.strip():
        case = s.scalar(select(Case).where(Case.portal_code == code.strip()).limit(1))
    if case is None:
        near = existing_codes(s, likely_codes(code))
        if near:
            raise NotFound(
                f"Mã PAKN «{code.strip()[:40]}» có chữ số kiểm tra không khớp. "
                f"Có phải là: {', '.join(near)}?"
            )
        raise NotFound(f"Không tìm thấy PAKN có mã «{code.strip()[:40]}».")
    return case


def existing_codes(s: Session, codes: Sequence[str]) -> list[str]:
    if not codes:
        return []
    have = set(s.scalars(select(Case.code).where(Case.code.in_(codes))))
    return [c for c in codes if c in have]


def case_clock(case: Case) -> dl.CaseClock:
    return dl.CaseClock(
        CaseState(case.state), case.clock_start, case.result_on, case.last_progress_on
    )


class CaseReads:
    def __init__(
        self,
        db: Database,
        calendar: CalendarService,
        now: Callable[[], datetime] = vn_now,
        guard: Guard | None = None,
    ) -> None:
        self._db = db
        self._calendar = calendar
        self._now = now
        self.guard = guard or Guard(db)

    def today(self) -> date:
        return self._now().date()

    @property
    def reads_in_process(self) -> bool:
        """Whether a read is answered inside this process (SQLite: a page in a few
        milliseconds), rather than by a server over a connection (PostgreSQL: each read a
        round trip to another process, which a busy machine can keep waiting a long while)."""
        return self._db.is_sqlite

    def bounds(self) -> StatusBounds:
        return self._bounds()

    def _bounds(self, conn: Connection | None = None) -> StatusBounds:
        cal = self._calendar.calendar(conn)
        today = self.today()
        return StatusBounds(today, dl.due_soon_limit(cal, today))

    def inbox_filter(self, actor: Actor) -> CaseFilter:
        """What a person's "Hộp thư đến" holds: the new PAKN waiting to be classified, or, for
        someone who only handles cases (an official without a desk or head role), the open
        cases assigned to them, the only ones they can act on."""
        roles = parse_roles(actor.roles)
        handles_only = scope_of(roles, P.POST_PROGRESS) is Scope.ASSIGNED and not (
            scope_of(roles, P.CLASSIFY) or scope_of(roles, P.RECEIVE)
        )
        if handles_only and actor.id is not None:
            return CaseFilter(official_ids=frozenset({actor.id}), open_only=True)
        return CaseFilter(states=frozenset({CaseState.RECEIVED.value}))

    def likely_codes(self, code: str, actor: Actor) -> list[str]:
        """Existing codes a code with a wrong check digit probably meant, most likely first
        (empty when the code is valid or nothing close exists). It tells which codes exist:
        the actor must be allowed to look up or see cases."""
        self.guard.require(actor, P.LOOKUP, P.VIEW_CASES)
        with self._db.read() as s:
            return existing_codes(s, likely_codes(code))

    def attachment_data(self, attachment_id: int, actor: Actor) -> tuple[str, bytes]:
        self.guard.require(actor, P.VIEW_CASES)
        with self._db.read() as s:
            att = s.get(Attachment, entry_int(attachment_id, "attachment"))
            if att is None:
                raise NotFound("Không tìm thấy tệp đính kèm.")
            return att.filename, att.data

    # --- reading -----------------------------------------------------------------------
    def get(self, code: str, actor: Actor) -> CaseDetail:
        """The whole case with its personal data, for an actor allowed to see cases."""
        self.guard.require(actor, P.VIEW_CASES)
        return self.unchecked_detail(code)

    def unchecked_detail(self, code: str) -> CaseDetail:
        """``get`` without the check: for services that checked their own actor first (the
        case they just changed, the letter they word). Never called by the window or CLI."""
        cal = self._calendar.calendar()
        today = self.today()
        with self._db.read() as s:
            case = load_case(s, code)
            s.refresh(case, attribute_names=["events"])
            atts = s.scalars(
                select(Attachment).where(Attachment.case_id == case.id).order_by(Attachment.id)
            ).all()
            return case_detail(
                s,
                case,
                cal,
                today,
                events=[
                    EventView(
                        e.at, e.actor_name, e.action, e.summary, e.public, dict(e.changes), e.id
                    )
                    for e in case.events
                ],
                attachments=[attachment_view(a) for a in atts],
            )

    def lookup(self, code_or_phone: str, actor: Actor) -> list[PublicLookup]:
        """The desk's lookup (``public_lookup``) for an actor allowed to look cases up."""
        self.guard.require(actor, P.LOOKUP)
        return self.public_lookup(code_or_phone, _names=True)

    def public_lookup(self, code_or_phone: str, *, _names: bool = False) -> list[PublicLookup]:
        """What the person may hear about their PAKN, by code (ours or the portal's), by
        phone number or by the submitter's name: state and public history only, every text
        through the public gate (``public_text``), the person's own name, address, phone and
        email masked too. A code with a wrong check digit is refused with the existing codes
        it probably meant.

        By phone number or name anyone at the desk could type anything, so only the codes,
        dates and states of the cases found are given (``by_phone``); the title and history
        need the code, or a role that may open the case.

        Nothing here is more than the person may hear, so the command line's ``pakn lookup``
        calls it without an account (README); the window goes through ``lookup``."""
        text = "" if code_or_phone is None else entry_code(code_or_phone).strip()
        if not text:
            raise PaknError("Vui lòng nhập mã PAKN, số điện thoại hoặc họ tên người gửi.")
        cal = self._calendar.calendar()
        with self._db.read() as s:
            cases: list[Case] = []
            phone = normalize_phone(text)
            found_by = "code"
            try:
                cases = [load_case(s, text)]
            except NotFound:
                if phone is None and not _looks_like_name(text):
                    raise
                found_by = "phone"
                if phone is None:
                    cases = self._by_name(s, text)
                    found_by = "name"
                by_phone = True  # found by phone or name: codes, dates and states only
            else:
                by_phone = False
            if not cases and phone is not None:
                cases = list(
                    s.scalars(
                        select(Case)
                        .join(Submitter, Submitter.id == Case.submitter_id)
                        .where(Submitter.phone_norm == phone)
                        .order_by(Case.received_at.desc())
                        .limit(50)
                    )
                )
                if not cases:
                    raise NotFound(f"Không có PAKN nào của số điện thoại {format_phone(phone)}.")
            out = []
            for case in cases:
                state = CaseState(case.state)
                expected = (
                    cal.add_working_days(case.clock_start, dl.ANSWER_DAYS)
                    if state in dl.CLOCK_RUNNING_STATES
                    else None
                )
                title, history = "", []
                if not by_phone:
                    sub = case.submitter
                    known = {
                        "name": [sub.name],
                        "address": [sub.address],
                        "phone": [sub.phone, sub.phone_norm],
                        "email": [sub.email],
                    }
                    events = s.scalars(
                        select(CaseEvent)
                        .where(CaseEvent.case_id == case.id, CaseEvent.public.is_(True))
                        .order_by(CaseEvent.id)
                    ).all()
                    keep = office_keep(s)  # the office's own hotline stays
                    title = public_text(case.title, known, keep=keep)
                    history = [(e.at, public_text(e.summary, known, keep=keep)) for e in events]
                out.append(
                    PublicLookup(
                        code=case.code,
                        portal_code=case.portal_code,
                        title=title,
                        received_on=case.received_at.date(),
                        public_state=state.public_label,
                        expected_answer_by=expected,
                        history=history,
                        by_phone=by_phone,
                        found_by=found_by,
                        submitter_name=case.submitter.name if _names and found_by == "name" else "",
                    )
                )
            return out

    def _by_name(self, s: Session, name: str, limit: int = 50) -> list[Case]:
        """Cases whose submitter's name holds every word typed (diacritics optional, each
        word at least the start of a word of the name), the last entered first. The cases
        whose text holds the words are walked from the newest, a batch at a time, and only
        their submitters' names read, until ``limit`` names match or ``_NAME_WALK`` cases
        were looked at (a name common in the texts, "Lan" against "lấn chiếm", no longer
        sorts a quarter of a million cases by date: 5 s at a million cases, now milliseconds).
        """
        terms = search_terms(name)
        found: list[int] = []
        below: int | None = None
        for _batch in range(_NAME_WALK // _NAME_BATCH):
            ids = matching_ids_newest(s, terms, below=below, limit=_NAME_BATCH)
            if not ids:
                break
            names: dict[int, str] = {
                case_id: name
                for case_id, name in s.execute(
                    select(Case.id, Submitter.name)
                    .join(Submitter, Submitter.id == Case.submitter_id)
                    .where(Case.id.in_(ids))
                )
            }
            found += [i for i in ids if _name_matches(fold(names[i]).split(), terms)]
            if len(found) >= limit or len(ids) < _NAME_BATCH:
                break
            below = ids[-1]
        if not found:
            raise NotFound(
                f"Không tìm thấy PAKN nào của người có tên «{clean_text(name)[:60]}». "
                "Có thể tra cứu bằng mã PAKN hoặc số điện thoại."
            )
        return list(
            s.scalars(
                select(Case)
                .where(Case.id.in_(found[:limit]))
                .options(selectinload(Case.submitter))
                .order_by(Case.received_at.desc(), Case.id.desc())
            )
        )

    def queue(
        self,
        f: CaseFilter,
        actor: Actor,
        *,
        sort: SortKey = SortKey.DEADLINE,
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
        after: PageKey | None = None,
        backward: bool = False,
    ) -> list[CaseRow]:
        """A page of the list in its order (``_queue``), for an actor allowed to see cases."""

        def read() -> list[CaseRow]:
            with self._viewer_read(actor) as conn:
                return self._queue(
                    f,
                    sort=sort,
                    descending=descending,
                    offset=offset,
                    limit=limit,
                    after=after,
                    backward=backward,
                    conn=conn,
                )

        return _retrying(read)

    @contextmanager
    def _viewer_read(self, actor: Actor) -> Iterator[Connection]:
        """A quick-read connection (``Database.quick_read``) for an actor allowed to see
        cases, checked on that same connection: one connection and no transaction for the
        check, the calendar's version and the query together."""
        with self._db.quick_read() as conn:
            with Session(bind=conn) as s:
                self.guard.require(actor, P.VIEW_CASES, session=s)
            yield conn

    def _queue(
        self,
        f: CaseFilter,
        *,
        sort: SortKey = SortKey.DEADLINE,
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
        after: PageKey | None = None,
        backward: bool = False,
        conn: Connection | None = None,
    ) -> list[CaseRow]:
        """A page of the list in its order. With ``after`` (keyset paging; ``offset`` is then
        ignored) the rows following that row, or with ``backward`` the rows before it, still
        in list order; ``backward`` without ``after`` gives the last page. Unchecked: for
        services and reports whose caller checked the actor (statistics, the overdue list)."""
        terms = _terms(f)
        # Thin read: a Core connection and plain rows, no ORM session or entities; the
        # calendar's version is checked on the same connection.
        with self._quick(conn) as s:
            cal = self._calendar.calendar(s)
            b = StatusBounds(self.today(), dl.due_soon_limit(cal, self.today()))
            # A search walks the list's index first (words in many cases); see search_walk.
            ids = None
            if terms is not None and (after is not None or backward or offset == 0):
                ids = search_walk(s, f, b, terms, sort, descending, after, limit, backward=backward)
            if ids is not None:
                rows = rows_by_id(s, ids, sort)
            elif after is None and not backward:
                rows = page_rows(s, f, b, terms, sort, descending, offset, limit)
            else:
                rows = keyset_rows(
                    s, f, b, terms, sort, descending, after, limit, backward=backward
                )
            if backward:
                rows.reverse()
        out = []
        # Rows of a page share their dates (a list sorted by deadline most of all): each
        # combination is worked out once.
        known: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        for r in rows:
            dates = (r[8], r[9], r[10], r[11], r[12], r[14], r[15], r[16])
            worked = known.get(dates)
            if worked is None:
                state = CaseState(r[8])
                clock = dl.CaseClock(state, r[9], r[10], r[11])
                # The row shows the deadline its colour depends on (so an overdue row shows
                # the missed date and a negative count), plus the next progress update when
                # one is due.
                sd = dl.status_deadline(cal, clock)
                nd = dl.next_deadline(cal, clock, b.today)
                worked = known[dates] = (
                    state,
                    sd.stage.value if sd else None,
                    sd.due if sd else None,
                    dl.working_days_left(cal, b.today, sd.due) if sd else None,
                    nd.due if nd is not None and nd.stage is dl.Stage.PROGRESS else None,
                    dl.status_for(state, r[12], b.today, cal),
                    dl.working_days_left(cal, b.today, nd.due)
                    if nd is not None and nd.stage is dl.Stage.PROGRESS
                    else None,
                    None if state.is_open else dl.handled_late_days(cal, r[9], r[14], r[15], r[16]),
                )
            out.append(
                _case_row(
                    {
                        "id": r[0],
                        "code": r[1],
                        "received_at": r[2],
                        "submitter_name": r[3],
                        "title": r[4],
                        "channel": r[5],
                        "unit_name": r[6] or "",
                        "official_name": r[7] or "",
                        "state": worked[0],
                        "next_stage": worked[1],
                        "next_due": worked[2],
                        "days_left": worked[3],
                        "progress_due": worked[4],
                        "status": worked[5],
                        "progress_days_left": worked[6],
                        "version": r[13],
                        "late_days": worked[7],
                        "sort_value": r[17],
                    }
                )
            )
        return out

    def count(self, f: CaseFilter, actor: Actor) -> int:
        def read() -> int:
            with self._viewer_read(actor) as conn:
                return self._count(f, conn)

        return _retrying(read)

    def _count(self, f: CaseFilter, conn: Connection | None = None) -> int:
        """Unchecked, as ``_queue``."""
        terms = _terms(f)
        with self._quick(conn) as c:
            return count_rows(c, f, self._bounds(c), terms)

    @contextmanager
    def _quick(self, conn: Connection | None) -> Iterator[Connection]:
        if conn is not None:
            yield conn
        else:
            with self._db.quick_read() as c:
                yield c

    def count_upto(self, f: CaseFilter, actor: Actor, cap: int) -> tuple[int, bool]:
        """The filter's cases counted no further than ``cap``: (count, True), or (cap, False)
        when there are more (then ``count`` gives the exact number, which takes longer)."""
        terms = _terms(f)

        def read() -> int:
            with self._viewer_read(actor) as conn:
                return count_rows(conn, f, self._bounds(conn), terms, cap)

        n = _retrying(read)
        return (n, True) if n <= cap else (cap, False)

    def anchors(
        self,
        f: CaseFilter,
        actor: Actor,
        *,
        sort: SortKey = SortKey.DEADLINE,
        descending: bool = False,
        every: int = 200,
    ) -> list[PageKey]:
        """The list's position index (``anchor_rows``): the key of the last row of each block
        of ``every`` rows, so the page at position ``k * every`` is ``queue(after=anchors[k -
        1])``. One pass over the list (a second or so at a million cases): for a worker."""
        terms = _terms(f)

        def read() -> list[PageKey]:
            with self._viewer_read(actor) as conn:
                return anchor_rows(conn, f, self._bounds(conn), terms, sort, descending, every)

        return _retrying(read)

    def status_counts(self, f: CaseFilter | None, actor: Actor) -> dict[DeadlineStatus, int]:
        """Cases of the filter (all cases when None) per deadline status, in one pass."""
        self.guard.require(actor, P.VIEW_CASES)
        base = f or CaseFilter()
        terms = _terms(base)
        out = dict.fromkeys(DeadlineStatus, 0)
        with self._db.read() as s:
            stmt = status_count_statement(s, base, self.bounds(), terms)
            for row in s.execute(stmt):
                if row[0] is not None:
                    out[DeadlineStatus(row[0])] = int(row[1])
        return out

    def similar(
        self, actor: Actor, phone: str = "", title: str = "", limit: int = 10
    ) -> list[CaseRow]:
        """Earlier PAKN from the same phone number or with a close title (possible repeats).
        The rows name other people and their requests: seeing cases is required (the front
        desk holds it; receiving alone would not be enough)."""
        self.guard.require(actor, P.VIEW_CASES)
        phone_norm = normalize_phone(phone) if phone else None
        rows: list[CaseRow] = []
        seen: set[int] = set()
        if phone_norm:
            with self._db.read() as s:
                codes = s.scalars(
                    select(Case.code)
                    .join(Submitter, Submitter.id == Case.submitter_id)
                    .where(Submitter.phone_norm == phone_norm)
                    .order_by(Case.received_at.desc())
                    .limit(limit)
                ).all()
            for c in codes:
                for r in self._queue(CaseFilter(search=c), limit=1):
                    if r.id not in seen:
                        rows.append(r)
                        seen.add(r.id)
        words = [t for t in search_terms(title) if len(t) >= 3][:8]
        if len(words) >= 2:
            for r in self._queue(
                CaseFilter(search=" ".join(words)),
                sort=SortKey.RECEIVED,
                descending=True,
                limit=limit,
            ):
                if r.id not in seen:
                    rows.append(r)
                    seen.add(r.id)
        return rows[:limit]


# A page builds 200 rows; a frozen dataclass's __init__ sets each of CaseRow's 16 fields
# through object.__setattr__, which took longer than SQLite reading the page. Filling the
# instance's __dict__ gives the same object (equal, hashable, still frozen) at a thirtieth of


_FILL_ROWS = not hasattr(CaseRow, "__slots__") and not hasattr(CaseRow, "__post_init__")


def _case_row(values: dict[str, Any]) -> CaseRow:
    if not _FILL_ROWS:
        return CaseRow(**values)
    row = object.__new__(CaseRow)
    row.__dict__.update(values)
    return row


def case_detail(
    s: Session,
    case: Case,
    cal: WorkingCalendar,
    today: date,
    *,
    events: Sequence[EventView] = (),
    attachments: Sequence[AttachmentView] = (),
    complete: bool = True,
    event_actions: tuple[tuple[int, str], ...] = (),
) -> CaseDetail:
    """One case as the editor and the services see it: its fields, its unit and official (read
    here by primary key), its state's deadlines and colour from ``domain.deadlines``. The one
    builder of ``CaseDetail``: ``CaseReads.unchecked_detail`` hands it the history and the
    attachments, the editor's first read (``EditorReads.head``) only the history's actions."""
    unit = s.get(Unit, case.unit_id) if case.unit_id else None
    official = s.get(User, case.official_id) if case.official_id else None
    clock = case_clock(case)
    state = CaseState(case.state)
    nd = dl.next_deadline(cal, clock, today)
    sd = dl.status_deadline(cal, clock)  # the one the colour (and the queue) shows
    sub = case.submitter
    return CaseDetail(
        id=case.id,
        code=case.code,
        portal_code=case.portal_code,
        channel=case.channel,
        submitter_kind=case.submitter_kind,
        submitter_name=sub.name,
        address=sub.address,
        province_code=str(case.province_code or ""),
        commune_code=str(case.commune_code or ""),
        phone=sub.phone,
        email=sub.email,
        title=case.title,
        content=case.content,
        private_note=case.private_note,
        topic=case.topic,
        unit_id=case.unit_id,
        unit_name=unit.name if unit else "",
        official_id=case.official_id,
        official_name=official.full_name if official else "",
        state=state,
        outcome=case.outcome,
        scope=case.scope,
        received_at=case.received_at,
        clock_start=case.clock_start,
        due_on=case.due_on,
        status=dl.deadline_status(cal, clock, today),
        next_deadline=nd,
        days_left=dl.working_days_left(cal, today, nd.due) if nd else None,
        status_due=sd.due if sd else None,
        status_days_left=dl.working_days_left(cal, today, sd.due) if sd else None,
        late_days=None
        if state.is_open
        else dl.handled_late_days(
            cal, case.clock_start, case.outcome, case.classified_on, case.answered_on
        ),
        result_on=case.result_on,
        last_progress_on=case.last_progress_on,
        answered_on=case.answered_on,
        closed_on=case.closed_on,
        rejection_reason=case.rejection_reason,
        missing_info=case.missing_info,
        transfer_agency=case.transfer_agency,
        result_text=case.result_text,
        answer_text=case.answer_text,
        reopen_count=case.reopen_count,
        version=case.version,
        allowed=allowed_actions(state),
        deadlines=deadline_views(cal, case, state, nd, today),
        events=list(events),
        attachments=list(attachments),
        transfer_reason=case.transfer_reason,
        salutation=case.salutation,
        complete=complete,
        event_actions=event_actions,
    )


def deadline_views(
    cal: WorkingCalendar,
    case: Case,
    state: CaseState,
    nd: dl.StageDeadline | None,
    today: date,
) -> list[DeadlineView]:
    """The deadlines' table of a case: each stage's due date, whether and when it was met; the
    days off under each are explained when first read."""
    met = {
        dl.Stage.REJECTION: case.classified_on if case.outcome == Outcome.REJECTED.value else None,
        dl.Stage.CLASSIFICATION: case.classified_on,
        dl.Stage.ANSWER: case.result_on,
    }
    views: list[DeadlineView] = []
    for st in dl.stage_deadlines(cal, case.clock_start):
        # The 2-day rejection stage matters only until the case is classified.
        if st.stage is dl.Stage.REJECTION and not (
            state is CaseState.RECEIVED or case.outcome == Outcome.REJECTED.value
        ):
            continue
        met_on = met.get(st.stage)
        views.append(
            DeadlineView(
                st.stage.value,
                st.stage.label,
                st.due,
                dl.working_days_left(cal, today, st.due),
                met_on,
                cal.skipped_days_later(st.start, st.due),
                max(0, -dl.working_days_left(cal, met_on, st.due)) if met_on else 0,
            )
        )
    if nd is not None and nd.stage in (dl.Stage.PROGRESS, dl.Stage.RECORD_ANSWER):
        views.append(
            DeadlineView(
                nd.stage.value,
                nd.stage.label,
                nd.due,
                dl.working_days_left(cal, today, nd.due),
                None,
                cal.skipped_days_later(nd.start, nd.due),
            )
        )
    return views


def attachment_view(a: Attachment) -> AttachmentView:
    return AttachmentView(a.id, a.filename, a.media_type, a.size, a.sha256, a.added_at, a.added_by)
