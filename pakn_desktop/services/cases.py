"""Use cases of a PAKN: receive, classify, supplement, assign, progress, result, answer, close,
reopen, look up. The one place where the workflow rules meet the store.

Every call names the acting user, checks the transition, and writes the change with its history
event in one transaction. A caller that read a case passes the version it read; if the case
changed since, the call is refused (StaleCase) instead of overwriting another desk's work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from pakn_desktop.domain import deadlines as dl
from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.codes import format_case_code, likely_codes, normalize_case_code
from pakn_desktop.domain.enums import (
    CaseState,
    Channel,
    DeadlineStatus,
    Outcome,
    Role,
    ScopeCategory,
)
from pakn_desktop.domain.errors import (
    InvalidCode,
    MissingInformation,
    NotFound,
    PaknError,
    PermissionDenied,
    StaleCase,
    ValidationFailed,
)
from pakn_desktop.domain.history import EventAction
from pakn_desktop.domain.intake import clean_intake
from pakn_desktop.domain.letters import RejectionGround, word_rejection
from pakn_desktop.domain.permissions import (
    ACTION_PERMISSION,
    Scope,
    intake_still_editable,
    parse_roles,
    scope_of,
)
from pakn_desktop.domain.permissions import Permission as P
from pakn_desktop.domain.personal_data import public_text
from pakn_desktop.domain.queue import CaseFilter, PageKey, SortKey
from pakn_desktop.domain.text import clean_text, fold, search_terms
from pakn_desktop.domain.validation import (
    IntakeForm,
    entry_code,
    entry_int,
    entry_time,
    format_phone,
    normalize_phone,
    received_at_problem,
    validate_intake,
)
from pakn_desktop.domain.workflow import (
    CLASSIFY_OUTCOME,
    Action,
    allowed_actions,
    next_state,
    require_input,
)
from pakn_desktop.store import summary as summary_rows
from pakn_desktop.store.db import (
    Database,
    StoreError,
    insert_rows,
    next_serial,
    next_serials,
)
from pakn_desktop.store.models import (
    Attachment,
    Case,
    CaseEvent,
    OfficeSettings,
    Submitter,
    Unit,
    User,
)
from pakn_desktop.store.queries import (
    StatusBounds,
    anchor_rows,
    count_rows,
    keyset_rows,
    page_rows,
    rows_by_id,
    search_condition,
    search_walk,
    status_count_statement,
)

from . import repeats
from .accounts import Guard
from .attachments import check_attachment
from .audit import touch_many
from .calendar import CalendarService
from .history import event_row, record_event, record_events
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

MAX_NOTE = 20_000


def build_search_text(case: Case, submitter: Submitter) -> str:
    return search_text_of(
        case.code, case.portal_code, submitter.name, submitter.phone_norm, case.title, case.content
    )


def search_text_of(
    code: str, portal_code: str, name: str, phone_norm: str, title: str, content: str
) -> str:
    """The folded words a case is found by (its codes, the submitter, title and content)."""
    return fold(
        " ".join((code, code.replace("-", ""), portal_code, name, phone_norm, title, content))
    )


def _note(value: str | None, what: str = "Nội dung") -> str:
    text = clean_text(value or "")
    if len(text) > MAX_NOTE:
        raise PaknError(f"{what} không được dài quá {MAX_NOTE:,} ký tự.".replace(",", "."))
    return text


def _looks_like_name(text: str) -> bool:
    """Letters and spaces (a person's name), not a code or a phone number."""
    folded = fold(clean_text(text))
    return any(ch.isalpha() for ch in folded) and not any(ch.isdigit() for ch in folded)


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


@dataclass(frozen=True)
class Received:
    """A case an import's batch received: its id and its code."""

    id: int
    code: str


@dataclass(frozen=True)
class _ReceivedRows:
    """The rows of one received case, as column values (ids filled in as they are written)."""

    submitter: dict[str, Any]
    case: dict[str, Any]
    event: dict[str, Any]  # record_event's arguments after the case and the actor


class CaseService:
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

    # --- helpers ------------------------------------------------------------------------
    def today(self) -> date:
        return self._now().date()

    def bounds(self) -> StatusBounds:
        return self._bounds()

    def _bounds(self, conn: Connection | None = None) -> StatusBounds:
        cal = self._calendar.calendar(conn)
        today = self.today()
        return StatusBounds(today, dl.due_soon_limit(cal, today))

    def _load(self, s: Session, code: str) -> Case:
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
            near = self._existing_codes(s, likely_codes(code))
            if near:
                raise NotFound(
                    f"Mã PAKN «{code.strip()[:40]}» có chữ số kiểm tra không khớp. "
                    f"Có phải là: {', '.join(near)}?"
                )
            raise NotFound(f"Không tìm thấy PAKN có mã «{code.strip()[:40]}».")
        return case

    @staticmethod
    def _existing_codes(s: Session, codes: Sequence[str]) -> list[str]:
        if not codes:
            return []
        have = set(s.scalars(select(Case.code).where(Case.code.in_(codes))))
        return [c for c in codes if c in have]

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
            return self._existing_codes(s, likely_codes(code))

    def _user(self, s: Session, user_id: int | None, what: str) -> User | None:
        if user_id is None:
            return None
        user = s.get(User, entry_int(user_id, "official"))
        if user is None or not user.active:
            raise MissingInformation(f"Không tìm thấy {what} đã chọn.", field="official")
        if not {Role.OFFICIAL, Role.HEAD} & parse_roles(user.roles or user.role):
            raise MissingInformation(
                f"«{user.full_name}» không phải công chức xử lý hoặc lãnh đạo.", field="official"
            )
        return user

    def _event(
        self,
        s: Session,
        case: Case,
        actor: Actor,
        action: Action | EventAction,
        summary: str,
        *,
        public: bool = False,
        changes: dict[str, Any] | None = None,
        at: datetime | None = None,
    ) -> None:
        record_event(
            s,
            case,
            actor,
            action,
            summary,
            at=at or self._now(),
            public=public,
            changes=_jsonable(changes or {}),
        )

    def _refresh_due(self, case: Case) -> None:
        sd = dl.status_deadline(self._calendar.calendar(), self._clock(case))
        case.due_on = sd.due if sd else None

    @staticmethod
    def _clock(case: Case) -> dl.CaseClock:
        return dl.CaseClock(
            CaseState(case.state), case.clock_start, case.result_on, case.last_progress_on
        )

    def _act(
        self,
        code: str,
        action: Action,
        actor: Actor,
        expected_version: int,
        apply: Callable[[Session, Case, CaseState], tuple[str, bool, dict[str, Any]]],
    ) -> CaseDetail:
        """Load, check the actor on this case, version and transition, apply, record the
        event, commit. ``actor`` is the one the guard verified at the top of the method."""
        if not isinstance(expected_version, int):
            raise PaknError("Thiếu phiên bản hồ sơ đã đọc: vui lòng tải lại hồ sơ.")
        entry_int(expected_version, "version")
        try:
            with self._db.write() as s:
                case = self._load(s, code)
                self._check_case(actor, action, case)
                if case.version != expected_version:
                    raise StaleCase(case.code)
                counted = summary_rows.case_before(s, case.id)
                before_state = CaseState(case.state)
                target = next_state(
                    before_state, action, Outcome(case.outcome) if case.outcome else None
                )
                summary, public, changes = apply(s, case, target)
                if case.state != target.value:
                    changes.setdefault("state", [before_state.value, target.value])
                    case.state = target.value
                self._refresh_due(case)
                # Every action is a new version of the case, also one that changed only the
                # person's row (address, email): older reads at other desks become stale.
                flag_modified(case, "state")
                self._event(s, case, actor, action, summary, public=public, changes=changes)
                case_code = case.code
                summary_rows.case_after(s, case.id, counted)
        except StaleDataError:
            raise StaleCase(code) from None
        return self._detail(case_code)

    def _check_case(self, actor: Actor, action: Action, case: Case) -> None:
        if action is Action.EDIT:
            # Front desk corrects intake fields until the case is classified; a head corrects
            # any open case.
            if self.guard.scope(actor, P.CORRECT_CASE) is not None:
                return
            if not intake_still_editable(CaseState(case.state)):
                raise PermissionDenied(
                    "Bạn không có quyền sửa hồ sơ đã được phân loại: bộ phận tiếp nhận chỉ sửa "
                    "thông tin trước khi phân loại, sau đó việc sửa do lãnh đạo thực hiện."
                )
            self.guard.check_case(actor, P.EDIT_INTAKE, case.official_id)
            return
        self.guard.check_case(actor, ACTION_PERMISSION[action], case.official_id)

    # --- intake -------------------------------------------------------------------------
    def receive(
        self,
        form: IntakeForm,
        actor: Actor,
        *,
        received_at: datetime | None = None,
        unit_id: int | None = None,
        private_note: str = "",
        attachments: Iterable[tuple[str, bytes]] = (),
    ) -> CaseDetail:
        """Enter a new PAKN and give it its code. Raises ValidationFailed with per-field
        Vietnamese messages; nothing is saved then."""
        actor = self.guard.require(actor, P.RECEIVE)
        received_at = self._now() if received_at is None else entry_time(received_at)
        unit_id = entry_int(unit_id, "unit", optional=True)
        errors = self._intake_errors(form, received_at)
        checked: list[tuple[str, str, str, bytes]] = []
        for name, data in attachments:
            try:
                checked.append((*check_attachment(name, data), data))
            except PaknError as exc:
                errors["attachments"] = exc.message
        if errors:
            raise ValidationFailed(errors)
        for attempt in range(3):
            try:
                return self._detail(
                    self._insert(form, actor, received_at, unit_id, private_note, checked)
                )
            except IntegrityError:
                # Another desk took the same serial between our read and write on a backend
                # without row locks; the counter has moved on, so try again.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _intake_errors(self, form: IntakeForm, received_at: datetime) -> dict[str, str]:
        return {**validate_intake(form), **self._time_errors(received_at)}

    def _time_errors(self, received_at: datetime) -> dict[str, str]:
        problem = received_at_problem(received_at, self._now())
        return {} if problem is None else {"received_at": problem}

    def receive_in(
        self, s: Session, form: IntakeForm, actor: Actor, *, received_at: datetime
    ) -> str:
        """receive() inside the caller's transaction, for imports that commit in batches;
        returns the new case's code. Raises ValidationFailed before anything is added."""
        actor = self.guard.require(actor, P.RECEIVE)
        received_at = entry_time(received_at)
        errors = self._intake_errors(form, received_at)
        if errors:
            raise ValidationFailed(errors)
        return self._insert(form, actor, received_at, None, "", (), session=s)

    def receive_many_in(
        self,
        s: Session,
        items: Sequence[tuple[IntakeForm, datetime]],
        actor: Actor,
        *,
        validated: bool = False,
    ) -> list[Received | dict[str, str]]:
        """receive_in() for a batch of an import, in the caller's transaction: each item gives
        its new case (written, with its id and code) or its per-field errors. The same checks,
        codes, deadlines, history event and summary counts as one by one, with the actor
        checked, the calendar read once and each table written with one statement for the
        batch (the history mirrored into the audit chain, the rows' state vouched for).
        ``validated``: the caller ran validate_intake() on each form itself (an import's plan
        lists those errors before anything is written); the receipt time is checked here."""
        actor = self.guard.require(actor, P.RECEIVE)
        now = self._now()
        cal = self._calendar.calendar()
        checked = [
            (form, at, self._time_errors(at) if validated else self._intake_errors(form, at))
            for form, at in items
        ]
        # The codes of the batch's new cases, a year's worth in one statement.
        years = Counter(at.year for _f, at, errors in checked if not errors)
        serials = {y: iter(next_serials(s, f"case:{y}", n)) for y, n in sorted(years.items())}
        rows = [
            self._received_rows(form, at, next(serials[at.year]), actor, now, cal)
            for form, at, errors in checked
            if not errors
        ]
        out: list[Received | dict[str, str]] = []
        if rows:
            ins = insert_rows
            sub_ids = ins(s, Submitter, [r.submitter for r in rows])
            for r, sid in zip(rows, sub_ids, strict=True):
                r.case["submitter_id"] = sid
            case_ids = ins(s, Case, [r.case for r in rows])
            record_events(
                s, [event_row(cid, actor, **r.event) for r, cid in zip(rows, case_ids, strict=True)]
            )
            touch_many(s, "submitter", sub_ids)
            touch_many(s, "case", case_ids)
            summary_rows.cases_added(s, case_ids)
            made = iter(zip(case_ids, rows, strict=True))
        for _form, _at, errors in checked:
            if errors:
                out.append(errors)
            else:
                cid, r = next(made)
                out.append(Received(cid, r.case["code"]))
        return out

    def _received_rows(
        self,
        form: IntakeForm,
        received_at: datetime,
        serial: int,
        actor: Actor,
        now: datetime,
        cal: Any,
        *,
        unit_id: int | None = None,
        private_note: str = "",
    ) -> _ReceivedRows:
        """A checked intake as the rows of a received case: its submitter, the case with its
        deadline and its history event (for one intake, or one item of an import's batch)."""
        c = clean_intake(form)
        submitter = {
            "kind": c.submitter_kind,
            "name": c.name,
            "address": c.address,
            "phone": c.phone,
            "phone_norm": c.phone_norm,
            "email": c.email,
        }
        code = format_case_code(received_at.year, serial)
        clock = dl.CaseClock(CaseState.RECEIVED, received_at.date(), None, None)
        sd = dl.status_deadline(cal, clock)
        case = {
            "code": code,
            "portal_code": c.portal_code,
            "channel": c.channel,
            "submitter_kind": c.submitter_kind,
            "title": c.title,
            "province_code": c.province_code,
            "commune_code": c.commune_code,
            "content": c.content,
            "private_note": _note(private_note, "Ghi chú nội bộ"),
            "topic": c.topic,
            "salutation": c.salutation,
            "unit_id": unit_id,
            "official_id": None,
            "state": CaseState.RECEIVED.value,
            "outcome": None,
            "scope": None,
            "received_at": received_at,
            "clock_start": received_at.date(),
            "due_on": sd.due if sd else None,
            "classified_on": None,
            "result_on": None,
            "last_progress_on": None,
            "answered_on": None,
            "closed_on": None,
            "rejection_reason": "",
            "missing_info": "",
            "transfer_agency": "",
            "result_text": "",
            "answer_text": "",
            "transfer_reason": "",
            "reopen_count": 0,
            "search_text": search_text_of(
                code, c.portal_code, c.name, c.phone_norm, c.title, c.content
            ),
            "created_by_id": actor.id,
            "version": 1,
        }
        event = {  # record_event's arguments
            "action": EventAction.RECEIVE,
            "summary": f"Tiếp nhận PAKN qua kênh {Channel(c.channel).label}.",
            "at": now,
            "public": True,
            "changes": {"received_at": received_at.isoformat(timespec="minutes")},
        }
        return _ReceivedRows(submitter, case, event)

    def _add_received(
        self,
        s: Session,
        form: IntakeForm,
        received_at: datetime,
        serial: int,
        actor: Actor,
        now: datetime,
        cal: Any,
        *,
        unit_id: int | None = None,
        private_note: str = "",
    ) -> Case:
        """A checked intake added to ``s`` as a received case with its submitter, deadline
        and history event, as objects (one intake at the desk)."""
        rows = self._received_rows(
            form, received_at, serial, actor, now, cal, unit_id=unit_id, private_note=private_note
        )
        submitter = Submitter(**rows.submitter)
        values = dict(rows.case)
        del values["version"]  # the ORM numbers the versions itself
        case = Case(**values, submitter=submitter)
        s.add(submitter)
        s.add(case)
        record_event(s, case, actor, **rows.event)
        return case

    def _insert(
        self,
        form: IntakeForm,
        actor: Actor,
        received_at: datetime,
        unit_id: int | None,
        private_note: str,
        checked: Sequence[tuple[str, str, str, bytes]],
        session: Session | None = None,
    ) -> str:
        with self._db.write() if session is None else nullcontext(session) as s:
            if unit_id is not None and s.get(Unit, unit_id) is None:
                raise ValidationFailed({"unit": "Không tìm thấy đơn vị tiếp nhận đã chọn."})
            serial = next_serial(s, f"case:{received_at.year}")
            case = self._add_received(
                s,
                form,
                received_at,
                serial,
                actor,
                self._now(),
                self._calendar.calendar(),
                unit_id=unit_id,
                private_note=private_note,
            )
            s.flush()
            summary_rows.case_after(s, case.id, {})
            for name, media, digest, data in checked:
                s.add(
                    Attachment(
                        case_id=case.id,
                        filename=name,
                        media_type=media,
                        size=len(data),
                        sha256=digest,
                        data=data,
                        added_at=self._now(),
                        added_by=actor.name,
                    )
                )
            code = case.code
        return code

    # --- classification ---------------------------------------------------------------
    def _classify(
        self,
        code: str,
        action: Action,
        actor: Actor,
        expected_version: int,
        summary: str,
        public: bool,
        fields: dict[str, Any],
        scope: ScopeCategory | None,
        extra_changes: dict[str, Any] | None = None,
    ) -> CaseDetail:
        def apply(s: Session, case: Case, _t: CaseState) -> tuple[str, bool, dict[str, Any]]:
            changes: dict[str, Any] = dict(extra_changes or {})
            for key, value in fields.items():
                old = getattr(case, key)
                if old != value:
                    changes[key] = [old, value]
                setattr(case, key, value)
            case.outcome = CLASSIFY_OUTCOME[action].value
            case.classified_on = self.today()
            if scope is not None:
                case.scope = scope.value
            changes["outcome"] = case.outcome
            return summary, public, changes

        return self._act(code, action, actor, expected_version, apply)

    def reject(
        self,
        code: str,
        reason: str,
        actor: Actor,
        *,
        scope: ScopeCategory | None = None,
        advice: str = "",
        expected_version: int,
    ) -> CaseDetail:
        """Not accepted, with its reason; ``advice`` is what the rejection letter tells the
        person to do instead (domain.letters.word_rejection words both from a preset)."""
        actor = self.guard.require(actor, P.CLASSIFY)
        require_input(Action.REJECT, reason)
        reason = _note(reason, "Lý do")
        advice = _note(advice, "Hướng dẫn") if advice else ""
        return self._classify(
            code,
            Action.REJECT,
            actor,
            expected_version,
            f"Không tiếp nhận PAKN. Lý do: {reason}",
            True,
            {"rejection_reason": reason, "closed_on": self.today()},
            scope,
            extra_changes={"advice": advice} if advice else None,
        )

    def reject_with(
        self,
        code: str,
        ground: RejectionGround,
        actor: Actor,
        *,
        earlier_code: str = "",
        competent_agency: str = "",
        other_reason: str = "",
        expected_version: int,
    ) -> CaseDetail:
        """Reject on a preset ground, its reason and advice worded by the domain. For a repeat
        of an answered PAKN the earlier case's code and answer date are looked up."""
        actor = self.guard.require(actor, P.CLASSIFY)
        answered_on = None
        if ground is RejectionGround.ALREADY_ANSWERED:
            if not earlier_code.strip():
                raise MissingInformation(
                    "Vui lòng nhập mã PAKN đã được trả lời trước đó.", field="earlier_code"
                )
            earlier = self._detail(earlier_code.strip())
            if earlier.answered_on is None:
                raise MissingInformation(
                    f"PAKN {earlier.code} chưa được trả lời nên không thể chọn lý do «Trùng PAKN "
                    "đã được trả lời».",
                    field="earlier_code",
                )
            earlier_code, answered_on = earlier.code, earlier.answered_on
        with self._db.read() as s:
            office = s.get(OfficeSettings, 1)
            agency = office.agency_short if office is not None else ""
        worded = word_rejection(
            ground,
            agency=agency,
            earlier_code=earlier_code,
            earlier_answered_on=answered_on,
            competent_agency=competent_agency,
            other_reason=other_reason,
        )
        return self.reject(
            code,
            worded.reason,
            actor,
            scope=worded.scope,
            advice=worded.advice,
            expected_version=expected_version,
        )

    def ask_clarification(
        self,
        code: str,
        missing: str,
        actor: Actor,
        *,
        expected_version: int,
    ) -> CaseDetail:
        actor = self.guard.require(actor, P.CLASSIFY)
        require_input(Action.ASK_CLARIFICATION, missing)
        missing = _note(missing)
        return self._classify(
            code,
            Action.ASK_CLARIFICATION,
            actor,
            expected_version,
            f"Đề nghị bổ sung, làm rõ: {missing}",
            True,
            {"missing_info": missing},
            None,
        )

    def forward(
        self,
        code: str,
        official_id: int | None,
        actor: Actor,
        *,
        scope: ScopeCategory | None = None,
        unit_id: int | None = None,
        expected_version: int,
    ) -> CaseDetail:
        actor = self.guard.require(actor, P.CLASSIFY)
        require_input(Action.FORWARD, official_id)
        with self._db.read() as s:
            official = self._user(s, official_id, "công chức")
            name = official.full_name if official else ""
            unit = unit_id if unit_id is not None else (official.unit_id if official else None)
        fields: dict[str, Any] = {"official_id": official_id}
        if unit is not None:
            fields["unit_id"] = unit
        return self._classify(
            code,
            Action.FORWARD,
            actor,
            expected_version,
            f"Giao công chức {name} trực tiếp xử lý.",
            True,
            fields,
            scope,
        )

    def accept(
        self,
        code: str,
        actor: Actor,
        *,
        official_id: int | None = None,
        scope: ScopeCategory | None = None,
        expected_version: int,
    ) -> CaseDetail:
        actor = self.guard.require(actor, P.CLASSIFY)
        fields: dict[str, Any] = {}
        if official_id is not None:
            with self._db.read() as s:
                self._user(s, official_id, "công chức")
            fields["official_id"] = official_id
        return self._classify(
            code,
            Action.ACCEPT,
            actor,
            expected_version,
            "Tiếp nhận PAKN thuộc thẩm quyền, tham mưu xử lý.",
            True,
            fields,
            scope,
        )

    def transfer(
        self,
        code: str,
        agency: str,
        actor: Actor,
        *,
        reason: str = "",
        expected_version: int,
    ) -> CaseDetail:
        actor = self.guard.require(actor, P.CLASSIFY)
        require_input(Action.TRANSFER, agency)
        agency = clean_text(agency)[:300]
        reason = _note(reason, "Lý do")
        summary = f"Chuyển PAKN đến {agency}" + (f". Lý do: {reason}" if reason else ".")
        # A transfer is a classification from "received"; from "in progress" it hands the
        # case on when handling shows another agency is competent.
        return self._classify(
            code,
            Action.TRANSFER,
            actor,
            expected_version,
            summary,
            True,
            {"transfer_agency": agency, "transfer_reason": reason, "closed_on": self.today()},
            None,
        )

    # --- clarification -------------------------------------------------------------------
    def record_supplement(
        self,
        code: str,
        note: str,
        actor: Actor,
        *,
        received_on: date | None = None,
        expected_version: int,
    ) -> CaseDetail:
        """The person sent what was missing: the PAKN counts as received on that day
        (DOMAIN.md clock rule), and goes back to classification."""
        actor = self.guard.require(actor, P.RECORD_SUPPLEMENT)
        require_input(Action.SUPPLEMENT, note)
        note = _note(note)
        day = received_on or self.today()
        if day > self.today():
            raise PaknError("Ngày nhận nội dung bổ sung không được ở sau ngày hôm nay.")

        def apply(s: Session, case: Case, _t: CaseState) -> tuple[str, bool, dict[str, Any]]:
            if day < case.clock_start:
                raise PaknError("Ngày nhận bổ sung không được trước ngày tiếp nhận PAKN.")
            changes = {"clock_start": [case.clock_start.isoformat(), day.isoformat()]}
            case.clock_start = day
            case.outcome = None
            case.content = clean_text(case.content)
            return (
                f"Đã nhận nội dung bổ sung ngày {day:%d/%m/%Y}: {note}. "
                "Thời hạn được tính lại từ ngày nhận bổ sung.",
                True,
                changes,
            )

        return self._act(code, Action.SUPPLEMENT, actor, expected_version, apply)

    def close_no_reply(
        self, code: str, actor: Actor, *, note: str = "", expected_version: int
    ) -> CaseDetail:
        actor = self.guard.require(actor, P.CLOSE)
        note = _note(note)

        def apply(s: Session, case: Case, _t: CaseState) -> tuple[str, bool, dict[str, Any]]:
            case.closed_on = self.today()
            text = "Đóng hồ sơ do tổ chức, cá nhân không bổ sung, làm rõ theo đề nghị."
            return (text + (f" {note}" if note else ""), True, {})

        return self._act(code, Action.CLOSE_NO_REPLY, actor, expected_version, apply)

    # --- handling ------------------------------------------------------------------------
    def assign(
        self, code: str, official_id: int, actor: Actor, *, expected_version: int
    ) -> CaseDetail:
        actor = self.guard.require(actor, P.ASSIGN)
        require_input(Action.ASSIGN, official_id)

        def apply(s: Session, case: Case, _t: CaseState) -> tuple[str, bool, dict[str, Any]]:
            official = self._user(s, official_id, "công chức")
            assert official is not None
            old = case.official_id
            case.official_id = official_id
            if official.unit_id is not None:
                case.unit_id = official.unit_id
            verb = "Phân công lại" if old else "Phân công"
            return (
                f"{verb} công chức {official.full_name} xử lý.",
                False,
                {"official_id": [old, official_id]},
            )

        return self._act(code, Action.ASSIGN, actor, expected_version, apply)

    def post_progress(
        self, code: str, note: str, actor: Actor, *, expected_version: int
    ) -> CaseDetail:
        actor = self.guard.require(actor, P.POST_PROGRESS)
        require_input(Action.POST_PROGRESS, note)
        note = _note(note)

        def apply(s: Session, case: Case, _t: CaseState) -> tuple[str, bool, dict[str, Any]]:
            old = case.last_progress_on
            case.last_progress_on = self.today()
            return (
                f"Cập nhật tình hình xử lý: {note}",
                True,
                {"last_progress_on": [old.isoformat() if old else None, self.today().isoformat()]},
            )

        return self._act(code, Action.POST_PROGRESS, actor, expected_version, apply)

    def record_result(
        self, code: str, result: str, actor: Actor, *, expected_version: int
    ) -> CaseDetail:
        actor = self.guard.require(actor, P.RECORD_RESULT)
        require_input(Action.RECORD_RESULT, result)
        result = _note(result, "Kết quả")

        def apply(s: Session, case: Case, _t: CaseState) -> tuple[str, bool, dict[str, Any]]:
            case.result_text = result
            case.result_on = self.today()
            return ("Ghi nhận kết quả xử lý.", False, {"result_on": self.today().isoformat()})

        return self._act(code, Action.RECORD_RESULT, actor, expected_version, apply)

    def publish_answer(
        self, code: str, answer: str, actor: Actor, *, expected_version: int
    ) -> CaseDetail:
        actor = self.guard.require(actor, P.DRAFT_ANSWER)
        require_input(Action.PUBLISH_ANSWER, answer)
        answer = _note(answer, "Nội dung trả lời")

        def apply(s: Session, case: Case, _t: CaseState) -> tuple[str, bool, dict[str, Any]]:
            # The same PAKN twice: one answer for the cases linked as one (services.repeats).
            repeats.check_publish(s, case.id, case.code)
            case.answer_text = answer
            case.answered_on = self.today()
            return (
                "Đã trả lời, công khai kết quả xử lý PAKN.",
                True,
                {"answered_on": self.today().isoformat()},
            )

        return self._act(code, Action.PUBLISH_ANSWER, actor, expected_version, apply)

    def close(
        self, code: str, actor: Actor, *, note: str = "", expected_version: int
    ) -> CaseDetail:
        actor = self.guard.require(actor, P.CLOSE)
        note = _note(note)

        def apply(s: Session, case: Case, _t: CaseState) -> tuple[str, bool, dict[str, Any]]:
            case.closed_on = self.today()
            return ("Đóng hồ sơ." + (f" {note}" if note else ""), False, {})

        return self._act(code, Action.CLOSE, actor, expected_version, apply)

    def reopen(self, code: str, reason: str, actor: Actor, *, expected_version: int) -> CaseDetail:
        actor = self.guard.require(actor, P.REOPEN)
        require_input(Action.REOPEN, reason)
        reason = _note(reason, "Lý do")

        def apply(s: Session, case: Case, target: CaseState) -> tuple[str, bool, dict[str, Any]]:
            case.reopen_count += 1
            case.closed_on = None
            if target is CaseState.RECEIVED:
                case.outcome = None
            if target is CaseState.IN_PROGRESS:
                case.result_on = None
            return (f"Mở lại hồ sơ. Lý do: {reason}", True, {"reopen_count": case.reopen_count})

        return self._act(code, Action.REOPEN, actor, expected_version, apply)

    # --- receipt time -------------------------------------------------------------------
    def received_at_warning(self, received_at: datetime) -> str | None:
        """Why a receipt time typed at intake deserves a second look, or None: a time in the
        future, or more than one working day before today."""
        now = self._now()
        if received_at > now:
            return "Thời điểm tiếp nhận ở sau thời điểm hiện tại."
        cal = self._calendar.calendar()
        if cal.working_days_between(received_at.date(), now.date()) > 1:
            return (
                f"Thời điểm tiếp nhận {received_at:%d/%m/%Y %H:%M} sớm hơn hôm nay quá một "
                "ngày làm việc: thời hạn xử lý được tính từ ngày đó."
            )
        return None

    def may_correct_received_at(self, actor: Actor) -> bool:
        """Only a head corrects a receipt time after intake (what the window shows; the
        service checks again)."""
        return self.guard.scope(actor, P.CORRECT_CASE) is not None

    def correct_received_at(
        self,
        code: str,
        received_at: datetime,
        reason: str,
        actor: Actor,
        *,
        expected_version: int | None,
    ) -> CaseDetail:
        """Correct the receipt time of a case with a reason: recorded in the history, the
        clock start moved with it (unless a later supplement restarted the clock) and the
        deadlines recomputed."""
        actor = self.guard.require(actor, P.CORRECT_CASE)
        if expected_version is None:
            raise PaknError("Thiếu phiên bản hồ sơ: hãy tải lại hồ sơ rồi sửa lại.")
        reason = _note(reason, "Lý do")
        if not reason:
            raise MissingInformation("Cần ghi lý do sửa thời điểm tiếp nhận.", field="reason")
        received_at = entry_time(received_at).replace(second=0, microsecond=0)
        if (problem := received_at_problem(received_at, self._now())) is not None:
            raise ValidationFailed({"received_at": problem})
        try:
            with self._db.write() as s:
                case = self._load(s, code)
                if case.version != expected_version:
                    raise StaleCase(case.code)
                counted = summary_rows.case_before(s, case.id)
                old_at, old_start = case.received_at, case.clock_start
                if old_at == received_at:
                    raise PaknError("Thời điểm tiếp nhận mới trùng với thời điểm đang ghi.")
                if case.clock_start == old_at.date() or received_at.date() > case.clock_start:
                    case.clock_start = received_at.date()
                case.received_at = received_at
                self._refresh_due(case)
                changes: dict[str, Any] = {
                    "received_at": [
                        old_at.isoformat(timespec="minutes"),
                        received_at.isoformat(timespec="minutes"),
                    ]
                }
                if case.clock_start != old_start:
                    changes["clock_start"] = [old_start, case.clock_start]
                self._event(
                    s,
                    case,
                    actor,
                    EventAction.CORRECT_RECEIVED_AT,
                    f"Sửa thời điểm tiếp nhận từ {old_at:%d/%m/%Y %H:%M} thành "
                    f"{received_at:%d/%m/%Y %H:%M}. Lý do: {reason}",
                    changes=changes,
                )
                s.flush()
                # The receipt day is a dashboard figure: the daily summary moves with it.
                summary_rows.case_after(s, case.id, counted)
                case_code = case.code
        except StaleDataError:
            raise StaleCase(code) from None
        return self._detail(case_code)

    def edit(
        self,
        code: str,
        form: IntakeForm,
        actor: Actor,
        *,
        expected_version: int,
        private_note: str | None = None,
        topic: str | None = None,
        unit_id: int | None = None,
    ) -> CaseDetail:
        """Correct the intake fields while the case is still open."""
        actor = self.guard.require(actor, P.EDIT_INTAKE, P.CORRECT_CASE)
        errors = validate_intake(form)
        if errors:
            raise ValidationFailed(errors)
        c = clean_intake(form, topic=topic)

        def apply(s: Session, case: Case, _t: CaseState) -> tuple[str, bool, dict[str, Any]]:
            sub = case.submitter
            changes: dict[str, Any] = {}
            new_values: dict[tuple[object, str], object] = {
                (sub, "kind"): c.submitter_kind,
                (sub, "name"): c.name,
                (sub, "address"): c.address,
                (case, "province_code"): c.province_code,
                (case, "commune_code"): c.commune_code,
                (sub, "phone"): c.phone,
                (sub, "phone_norm"): c.phone_norm,
                (sub, "email"): c.email,
                (case, "submitter_kind"): c.submitter_kind,
                (case, "title"): c.title,
                (case, "content"): c.content,
                (case, "channel"): c.channel,
                # A code typed for a case that did not come from a portal is not kept; one the
                # case already holds (the national system's, after national entry) stays.
                (case, "portal_code"): c.portal_code
                if Channel(c.channel).is_portal
                else case.portal_code,
                (case, "topic"): c.topic,
                (case, "salutation"): c.salutation,
            }
            if private_note is not None:
                new_values[(case, "private_note")] = _note(private_note, "Ghi chú nội bộ")
            if unit_id is not None:
                new_values[(case, "unit_id")] = unit_id
            for (obj, attr), value in new_values.items():
                old = getattr(obj, attr)
                if old != value:
                    # Private notes are not copied into history: it may be read more widely.
                    changes[attr] = "(đã sửa)" if attr == "private_note" else [old, value]
                    setattr(obj, attr, value)
            case.search_text = build_search_text(case, sub)
            fields = ", ".join(changes) or "không có thay đổi"
            return (f"Sửa thông tin: {fields}.", False, changes)

        return self._act(code, Action.EDIT, actor, expected_version, apply)

    def add_attachment(self, code: str, filename: str, data: bytes, actor: Actor) -> AttachmentView:
        actor = self.guard.require(actor, P.ATTACH)
        name, media, digest = check_attachment(filename, data)
        with self._db.write() as s:
            case = self._load(s, code)
            self.guard.check_case(actor, P.ATTACH, case.official_id)
            att = Attachment(
                case_id=case.id,
                filename=name,
                media_type=media,
                size=len(data),
                sha256=digest,
                data=data,
                added_at=self._now(),
                added_by=actor.name,
            )
            s.add(att)
            self._event(s, case, actor, EventAction.ATTACH, f"Thêm tệp đính kèm «{name}».")
            s.flush()
            return _attachment_view(att)

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
        return self._detail(code)

    def _detail(self, code: str) -> CaseDetail:
        """``get`` without the check: for services that checked their own actor first (the
        case they just changed, the letter they word). Never called by the window or CLI."""
        cal = self._calendar.calendar()
        today = self.today()
        with self._db.read() as s:
            case = self._load(s, code)
            s.refresh(case, attribute_names=["events"])
            unit = s.get(Unit, case.unit_id) if case.unit_id else None
            official = s.get(User, case.official_id) if case.official_id else None
            atts = s.scalars(
                select(Attachment).where(Attachment.case_id == case.id).order_by(Attachment.id)
            ).all()
            clock = self._clock(case)
            state = CaseState(case.state)
            nd = dl.next_deadline(cal, clock, today)
            sd = dl.status_deadline(cal, clock)  # the one the colour (and the queue) shows
            views: list[DeadlineView] = []
            met = {
                dl.Stage.REJECTION: case.classified_on
                if case.outcome == Outcome.REJECTED.value
                else None,
                dl.Stage.CLASSIFICATION: case.classified_on,
                dl.Stage.ANSWER: case.result_on,
            }
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
                deadlines=views,
                events=[
                    EventView(
                        e.at, e.actor_name, e.action, e.summary, e.public, dict(e.changes), e.id
                    )
                    for e in case.events
                ],
                attachments=[_attachment_view(a) for a in atts],
                transfer_reason=case.transfer_reason,
                salutation=case.salutation,
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
                cases = [self._load(s, text)]
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
        word at least the start of a word of the name), newest first."""
        terms = search_terms(name)
        candidates = s.scalars(
            select(Case)
            .where(search_condition(s, terms))
            .order_by(Case.received_at.desc(), Case.id.desc())
            .limit(limit * 20)
        ).all()
        out = [c for c in candidates if _name_matches(fold(c.submitter.name).split(), terms)]
        if not out:
            raise NotFound(
                f"Không tìm thấy PAKN nào của người có tên «{clean_text(name)[:60]}». "
                "Có thể tra cứu bằng mã PAKN hoặc số điện thoại."
            )
        return out[:limit]

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
        terms = search_terms(f.search) if f.search.strip() else None
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
        terms = search_terms(f.search) if f.search.strip() else None
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
        terms = search_terms(f.search) if f.search.strip() else None

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
        terms = search_terms(f.search) if f.search.strip() else None

        def read() -> list[PageKey]:
            with self._viewer_read(actor) as conn:
                return anchor_rows(conn, f, self._bounds(conn), terms, sort, descending, every)

        return _retrying(read)

    def status_counts(self, f: CaseFilter | None, actor: Actor) -> dict[DeadlineStatus, int]:
        """Cases of the filter (all cases when None) per deadline status, in one pass."""
        self.guard.require(actor, P.VIEW_CASES)
        base = f or CaseFilter()
        terms = search_terms(base.search) if base.search.strip() else None
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
# the cost; with slots or a __post_init__ it would not, so then the constructor is used.
_FILL_ROWS = not hasattr(CaseRow, "__slots__") and not hasattr(CaseRow, "__post_init__")


def _case_row(values: dict[str, Any]) -> CaseRow:
    if not _FILL_ROWS:
        return CaseRow(**values)
    row = object.__new__(CaseRow)
    row.__dict__.update(values)
    return row


def _jsonable(value: Any) -> Any:
    """History changes are stored as JSON: dates become ISO strings."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _attachment_view(a: Attachment) -> AttachmentView:
    return AttachmentView(a.id, a.filename, a.media_type, a.size, a.sha256, a.added_at, a.added_by)
