"""Use cases that change a PAKN: receive, classify, supplement, assign, progress, result,
answer, close, reopen, edit. The one place where the workflow rules meet the store; what is
read of cases is in ``case_reads``.

Every call names the acting user, checks the transition, and writes the change with its history
event in one transaction. A caller that read a case passes the version it read; if the case
changed since, the call is refused (StaleCase) instead of overwriting another desk's work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from pakn_desktop.domain import deadlines as dl
from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.codes import format_case_code
from pakn_desktop.domain.enums import (
    CaseState,
    Channel,
    Outcome,
    Role,
    ScopeCategory,
)
from pakn_desktop.domain.errors import (
    MissingInformation,
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
    intake_still_editable,
    parse_roles,
)
from pakn_desktop.domain.permissions import Permission as P
from pakn_desktop.domain.text import clean_text, fold
from pakn_desktop.domain.validation import (
    IntakeForm,
    entry_int,
    entry_time,
    received_at_problem,
    validate_intake,
)
from pakn_desktop.domain.workflow import (
    CLASSIFY_OUTCOME,
    Action,
    next_state,
    require_input,
)
from pakn_desktop.store import summary as summary_rows
from pakn_desktop.store.db import (
    Database,
    insert_rows,
    next_serial,
    next_serials,
)
from pakn_desktop.store.models import (
    Attachment,
    Case,
    OfficeSettings,
    Submitter,
    Unit,
    User,
)

from . import repeats
from .accounts import Guard
from .attachments import check_attachment
from .audit import touch_many
from .calendar import CalendarService
from .case_reads import CaseReads, attachment_view, case_clock, load_case
from .history import event_row, record_event, record_events
from .views import (
    Actor,
    AttachmentView,
    CaseDetail,
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
    """What changes cases. Each call hands back the case as it now is, read by ``reads``
    (``case_reads.CaseReads``, which holds every read of cases)."""

    def __init__(
        self,
        db: Database,
        calendar: CalendarService,
        now: Callable[[], datetime] = vn_now,
        guard: Guard | None = None,
        reads: CaseReads | None = None,
    ) -> None:
        self._db = db
        self._calendar = calendar
        self._now = now
        self.guard = guard or Guard(db)
        self.reads = reads or CaseReads(db, calendar, now, self.guard)
        # Called after a classification is committed (routing.RoutingService listens: the
        # next suggestion learns the decision without waiting for its periodic look).
        self.decided: list[Callable[[], None]] = []

    def _detail(self, code: str) -> CaseDetail:
        """The case as it now is, unchecked: for this service and those that checked their
        own actor first (letters, the national entry)."""
        return self.reads.unchecked_detail(code)

    def _today(self) -> date:
        return self._now().date()

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
        sd = dl.status_deadline(self._calendar.calendar(), case_clock(case))
        case.due_on = sd.due if sd else None

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
                case = load_case(s, code)
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
            case.classified_on = self._today()
            if scope is not None:
                case.scope = scope.value
            changes["outcome"] = case.outcome
            return summary, public, changes

        detail = self._act(code, action, actor, expected_version, apply)
        for heard in self.decided:  # committed: the routing help learns it at once
            heard()
        return detail

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
            {"rejection_reason": reason, "closed_on": self._today()},
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
            {"transfer_agency": agency, "transfer_reason": reason, "closed_on": self._today()},
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
        day = received_on or self._today()
        if day > self._today():
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
            case.closed_on = self._today()
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
            case.last_progress_on = self._today()
            return (
                f"Cập nhật tình hình xử lý: {note}",
                True,
                {
                    "last_progress_on": [
                        old.isoformat() if old else None,
                        self._today().isoformat(),
                    ]
                },
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
            case.result_on = self._today()
            return ("Ghi nhận kết quả xử lý.", False, {"result_on": self._today().isoformat()})

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
            case.answered_on = self._today()
            return (
                "Đã trả lời, công khai kết quả xử lý PAKN.",
                True,
                {"answered_on": self._today().isoformat()},
            )

        return self._act(code, Action.PUBLISH_ANSWER, actor, expected_version, apply)

    def close(
        self, code: str, actor: Actor, *, note: str = "", expected_version: int
    ) -> CaseDetail:
        actor = self.guard.require(actor, P.CLOSE)
        note = _note(note)

        def apply(s: Session, case: Case, _t: CaseState) -> tuple[str, bool, dict[str, Any]]:
            case.closed_on = self._today()
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
                case = load_case(s, code)
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
            case = load_case(s, code)
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
            return attachment_view(att)


def _jsonable(value: Any) -> Any:
    """History changes are stored as JSON: dates become ISO strings."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value
