"""Issuing official letters for a case: the register the office can trust.

- A letter is issued only when the case calls for it (``pakn_desktop.domain.letters``: one
  rule table for the window, the services and the command line), with its content complete;
  a refusal comes before any number is taken.
- A letter is issued once for the event that calls for it: issuing again gives the letter
  already in the register, byte for byte. A replacement is an explicit action with a reason; it
  takes a new number, names the letter it replaces, and both stay in the register.
- Numbers come from a per-(year, series) counter inside the issuing transaction: 01, 02, ...,
  restarting every 1 January, never reused or skipped, even with two desks issuing at once.
  Công văn use the office's symbol; intake receipts their own series (``RECEIPT_SERIES``),
  written with the agency's part of the symbol ("01/PTN-SNV", ``receipt_symbol``).
  A failure to render or sign rolls the whole transaction back: no number is used up.
- The register keeps the exact PDF bytes and their SHA-256, so a reprint is byte-identical.
- Anything shown or saved before issuing is a draft: marked DỰ THẢO, without a number.

Who may read (README, "Vai trò và quyền"; every read names an actor, checked like a change):

- what a case calls for, its draft and the letter standing for it (``called_for``, ``check``,
  ``standing``, ``preview``, ``compose``): whoever may read the case (``VIEW_CASES``: front
  desk, handling officials, heads), as the letter says what the case file says;
- the outgoing register and the letters in it (``register``, ``register_entries``,
  ``register_years``, ``letter``, ``reprint``): those who issue letters. A head
  (``ISSUE_LETTERS``) reads every letter; the front desk (``ISSUE_RECEIPT`` only) reads the
  intake receipts, which it issues, and no other letter;
- the letter templates (``template``, ``save_template``, ``reset_template``): administrators
  (``TEMPLATES``). A save or a reset names the version of the template it was made from
  (``expected_version``) and is refused when someone changed the template meanwhile."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any, Protocol, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pakn_desktop.domain import deadlines as dl
from pakn_desktop.domain.calendar import WorkingCalendar
from pakn_desktop.domain.clock import to_vn, vn_iso, vn_now
from pakn_desktop.domain.codes import format_letter_number
from pakn_desktop.domain.enums import CaseState, Channel
from pakn_desktop.domain.errors import NotFound, PaknError, PermissionDenied
from pakn_desktop.domain.history import EventAction
from pakn_desktop.domain.letters import (
    RECEIPT_SERIES,
    CaseEventFact,
    CaseFacts,
    LetterCall,
    LetterNotCalledFor,
    RegisterEntry,
    addressee,
    advice_for,
    letter_call,
    letters_called_for,
    receipt_symbol,
    subject_phrase,
)
from pakn_desktop.domain.permissions import (
    LETTER_PERMISSIONS,
    Permission,
    letter_permission,
)
from pakn_desktop.domain.personal_data import public_text
from pakn_desktop.domain.repeats import AnsweredInLinkedCase, answer_refusal
from pakn_desktop.domain.validation import entry_int
from pakn_desktop.domain.wording import as_sentence, day_text, ways_to_send
from pakn_desktop.domain.workflow import Action
from pakn_desktop.letters.content import LetterContent, SignatureAppearance, SignatureBox
from pakn_desktop.letters.signing import SignOptions, load_signer, sign_pdf
from pakn_desktop.letters.templates import (
    DEFAULT_TEMPLATES,
    LetterKind,
    LetterTemplate,
    fill,
    fill_lines,
    unknown_placeholders,
)
from pakn_desktop.store.db import CALENDAR_VERSION, Database, next_serial
from pakn_desktop.store.models import (
    Case,
    CaseEvent,
    Counter,
    Letter,
    LetterTemplateRow,
    OfficeSettings,
    Submitter,
)

from . import repeats
from .audit import append_event
from .calendar import CalendarService
from .cases import CaseService
from .history import record_event
from .office import OfficeDetails, OfficeService
from .public_gate import office_contacts
from .views import Actor, CaseDetail, EventView

CLARIFICATION_REPLY_DAYS = 10
RECEIPTS_ONLY = (
    "Tài khoản của bạn chỉ được xem phiếu tiếp nhận trong sổ đăng ký văn bản đi; "
    "các văn bản khác do lãnh đạo ban hành."
)
STALE_TEMPLATE = (
    "Mẫu văn bản này vừa được người khác sửa hoặc khôi phục. Vui lòng tải lại mẫu rồi sửa lại."
)


@dataclass(frozen=True)
class StoredTemplate:
    """A letter template as the settings form edits it: its wording, the version to name when
    saving it, and whether it is the office's own wording (False: the built-in default)."""

    template: LetterTemplate
    version: int
    custom: bool


def render_letter(content: LetterContent) -> tuple[bytes, SignatureBox | None]:
    """The layout (reportlab, a quarter of a second to import) loaded when first used."""
    from pakn_desktop.letters.layout import render_letter as render

    return render(content)


class _EventLike(Protocol):
    """What a letter quotes of the history row that called for it."""

    @property
    def actor_name(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def changes(self) -> Any: ...


@dataclass(frozen=True)
class _EventRow:
    id: int
    action: str
    actor_name: str
    summary: str
    changes: Any


@dataclass(frozen=True)
class LetterCase:
    """What a letter says of a case (the fields of ``CaseDetail`` its wording uses), read
    with plain SELECTs inside the issuing transaction: the case view also works out deadlines
    and reads attachments, the unit and the official, none of which a letter quotes."""

    id: int
    code: str
    portal_code: str
    channel: str
    submitter_kind: str
    submitter_name: str
    salutation: str
    address: str
    phone: str
    email: str
    title: str
    scope: str | None
    received_at: datetime
    clock_start: date
    rejection_reason: str
    transfer_reason: str
    missing_info: str
    transfer_agency: str
    answer_text: str
    events: list[_EventRow]


_CASES = cast(Table, Case.__table__)
_SUBMITTERS = cast(Table, Submitter.__table__)
_EVENTS = cast(Table, CaseEvent.__table__)
_LETTERS = cast(Table, Letter.__table__)
_OFFICE = cast(Table, OfficeSettings.__table__)
_TEMPLATES = cast(Table, LetterTemplateRow.__table__)
_COUNTERS = cast(Table, Counter.__table__)
_OFFICE_FIELDS = tuple(f.name for f in fields(OfficeDetails))

# The case a letter is issued for, locked until commit (PostgreSQL; SQLite: the write lock),
# with the versions of what else the letter is made of (office details, the kind's template,
# the calendar), so that the kept copies are checked in the same statement.
_CASE_FOR_LETTER = (
    select(
        _CASES.c.id,
        _CASES.c.code,
        _CASES.c.portal_code,
        _CASES.c.channel,
        _CASES.c.submitter_kind,
        _SUBMITTERS.c.name,
        _CASES.c.salutation,
        _SUBMITTERS.c.address,
        _SUBMITTERS.c.phone,
        _SUBMITTERS.c.email,
        _CASES.c.title,
        _CASES.c.scope,
        _CASES.c.received_at,
        _CASES.c.clock_start,
        _CASES.c.rejection_reason,
        _CASES.c.transfer_reason,
        _CASES.c.missing_info,
        _CASES.c.transfer_agency,
        _CASES.c.answer_text,
        _CASES.c.state,
        _CASES.c.outcome,
        select(_OFFICE.c.version).where(_OFFICE.c.id == 1).scalar_subquery(),
        select(_TEMPLATES.c.version)
        .where(_TEMPLATES.c.kind == bindparam("kind"))
        .scalar_subquery(),
        select(_COUNTERS.c.value).where(_COUNTERS.c.name == CALENDAR_VERSION).scalar_subquery(),
    )
    .select_from(_CASES.join(_SUBMITTERS, _SUBMITTERS.c.id == _CASES.c.submitter_id))
    .where(_CASES.c.code == bindparam("code"))
    .with_for_update(of=_CASES)
)
_CASE_EVENTS = (
    select(
        _EVENTS.c.id, _EVENTS.c.action, _EVENTS.c.actor_name, _EVENTS.c.summary, _EVENTS.c.changes
    )
    .where(_EVENTS.c.case_id == bindparam("case_id"))
    .order_by(_EVENTS.c.id)
)
_OFFICE_ROW = select(*(_OFFICE.c[name] for name in _OFFICE_FIELDS), _OFFICE.c.version).where(
    _OFFICE.c.id == 1
)
_TEMPLATE_ROW = select(
    _TEMPLATES.c.subject, _TEMPLATES.c.body, _TEMPLATES.c.recipients, _TEMPLATES.c.version
).where(_TEMPLATES.c.kind == bindparam("kind"))
_INSERT_LETTER = insert(_LETTERS).returning(_LETTERS.c.id)
_INSERT_EVENT = insert(_EVENTS).returning(_EVENTS.c.id)


@dataclass(frozen=True)
class IssuedLetter:
    id: int
    kind: LetterKind
    number: int
    number_text: str
    year: int
    issued_at: datetime
    issued_by: str
    case_code: str | None
    subject: str
    sha256: str
    pdf: bytes
    signer_name: str = ""
    signed: bool = False
    replaces_id: int | None = None
    replaced_by_id: int | None = None
    replace_reason: str = ""
    # True when issuing found the letter already in the register: no new number was taken.
    already_issued: bool = False
    # The cases linked as the same PAKN that issuing this answer closed (their codes), so
    # the window re-reads those cases too.
    closed: tuple[str, ...] = ()


class LetterService:
    def __init__(
        self,
        db: Database,
        cases: CaseService,
        office: OfficeService,
        calendar: CalendarService,
        now: Callable[[], datetime] = vn_now,
    ) -> None:
        self._db = db
        self._cases = cases
        self._office = office
        self._calendar = calendar
        self._now = now
        # Kept between letters, each checked against its version in the issuing statement,
        # and against the calendar's version read there too: a restore puts older versions
        # back (a later save may reach a kept version with other content) and raises that one.
        self._office_kept: tuple[int | None, int, OfficeDetails] | None = None
        self._templates_kept: dict[tuple[str, int, int], LetterTemplate] = {}

    # --- templates --------------------------------------------------------------------
    def _template(self, kind: LetterKind) -> LetterTemplate:
        with self._db.read() as s:
            row = s.get(LetterTemplateRow, kind.value)
            if row is None:
                return DEFAULT_TEMPLATES[kind]
            return LetterTemplate(kind, row.subject, row.body, row.recipients)

    @staticmethod
    def _template_version(s: Session, kind: LetterKind, row: LetterTemplateRow | None) -> int:
        """A template's version: the row's while the office's wording is kept, else the one
        its last reset left behind (0 for a template never changed), so versions never go
        back and a form read before a reset and a new save is still seen as stale."""
        if row is not None:
            return row.version
        counter = s.get(Counter, _reset_counter(kind))
        return counter.value if counter is not None else 0

    def template(self, kind: LetterKind, actor: Actor) -> StoredTemplate:
        """The wording of a letter kind with its version, for the settings form."""
        self._cases.guard.require(actor, Permission.TEMPLATES)
        with self._db.read() as s:
            row = s.get(LetterTemplateRow, kind.value)
            version = self._template_version(s, kind, row)
            if row is None:
                return StoredTemplate(DEFAULT_TEMPLATES[kind], version, custom=False)
            return StoredTemplate(
                LetterTemplate(kind, row.subject, row.body, row.recipients), version, custom=True
            )

    def save_template(
        self, template: LetterTemplate, actor: Actor, *, expected_version: int
    ) -> int:
        """Save the office's wording of a letter kind; returns the new version."""
        actor = self._cases.guard.require(actor, Permission.TEMPLATES)
        bad = unknown_placeholders(
            "\n".join((template.subject, template.body, template.recipients))
        )
        if bad:
            raise PaknError(
                "Mẫu có trường không có trong danh sách: " + ", ".join("{" + b + "}" for b in bad)
            )
        if not template.body.strip():
            raise PaknError("Nội dung mẫu văn bản không được để trống.")
        try:
            with self._db.write() as s:
                row = s.get(LetterTemplateRow, template.kind.value, with_for_update=True)
                current = self._template_version(s, template.kind, row)
                if current != expected_version:
                    raise PaknError(STALE_TEMPLATE)
                if row is None:
                    row = LetterTemplateRow(kind=template.kind.value)
                    s.add(row)
                values = (
                    template.subject.strip(),
                    template.body.strip(),
                    template.recipients.strip(),
                )
                if row.version is not None and (row.subject, row.body, row.recipients) == values:
                    return current  # nothing changed: no new version, nothing recorded
                row.subject, row.body, row.recipients = values
                row.updated_by = actor.name
                row.updated_at = self._now()
                row.version = current + 1
                return current + 1
        except IntegrityError:
            # Another desk saved the first wording of this kind at the same moment.
            raise PaknError(STALE_TEMPLATE) from None

    def reset_template(self, kind: LetterKind, actor: Actor, *, expected_version: int) -> int:
        """Back to the built-in wording; returns the new version."""
        self._cases.guard.require(actor, Permission.TEMPLATES)
        with self._db.write() as s:
            row = s.get(LetterTemplateRow, kind.value, with_for_update=True)
            current = self._template_version(s, kind, row)
            if current != expected_version:
                raise PaknError(STALE_TEMPLATE)
            if row is None:
                return current  # the default already: nothing to do, nothing recorded
            counter = s.get(Counter, _reset_counter(kind))
            if counter is None:
                s.add(Counter(name=_reset_counter(kind), value=current + 1))
            else:
                counter.value = current + 1
            s.delete(row)
            return current + 1

    # --- which letters a case calls for --------------------------------------------------
    @staticmethod
    def _facts(s: Session, case: Case) -> CaseFacts:
        events = s.execute(
            select(CaseEvent.id, CaseEvent.action)
            .where(CaseEvent.case_id == case.id)
            .order_by(CaseEvent.id)
        ).all()
        return _case_facts(case, [(i, a) for i, a in events])

    def _case(self, s: Session, code: str, *, lock: bool = False) -> Case:
        q = select(Case).where(Case.code == code.strip())
        if lock:
            q = q.with_for_update(of=Case)
        case = s.scalar(q)
        if case is None:
            raise NotFound(f"Không tìm thấy PAKN có mã «{code}».")
        return case

    def called_for(self, code: str, actor: Actor) -> list[LetterKind]:
        """The kinds of letter the case calls for now (the window offers only these)."""
        self._cases.guard.require(actor, Permission.VIEW_CASES)
        with self._db.read() as s:
            case = self._case(s, code)
            called = letters_called_for(self._facts(s, case))
            if LetterKind.ANSWER in called and self._answered_elsewhere(s, case.id, case.code):
                called.remove(LetterKind.ANSWER)
            return called

    def check(self, code: str, kind: LetterKind, actor: Actor) -> LetterCall:
        """Raise LetterNotCalledFor (a Vietnamese message saying what is missing) unless the
        case calls for ``kind`` now."""
        self._cases.guard.require(actor, Permission.VIEW_CASES)
        with self._db.read() as s:
            case = self._case(s, code)
            if kind is LetterKind.ANSWER:
                refused = self._answered_elsewhere(s, case.id, case.code)
                if refused is not None:
                    raise refused
            return letter_call(self._facts(s, case), kind)

    @staticmethod
    def _answered_elsewhere(s: Session, case_id: int, code: str) -> AnsweredInLinkedCase | None:
        """Why no answer letter goes out for this case: another case linked with it as the
        same PAKN carries the answer (``pakn_desktop.domain.repeats``)."""
        ids = repeats.group_ids(s, [case_id])
        if len(ids) < 2:
            return None
        return answer_refusal(code, repeats.members(s, sorted(ids)))

    @staticmethod
    def _standing(s: Session, case_id: int, call: LetterCall) -> Letter | None:
        """The letter in the register for this call that nothing has replaced."""
        return s.scalar(
            select(Letter).where(
                Letter.case_id == case_id,
                Letter.kind == call.kind.value,
                Letter.event_id == call.event_id,
                Letter.replaced_by_id.is_(None),
            )
        )

    def standing(self, code: str, kind: LetterKind, actor: Actor) -> IssuedLetter | None:
        """The letter already issued for what the case calls for now, if any."""
        self._cases.guard.require(actor, Permission.VIEW_CASES)
        return self._standing_letter(code, kind)

    def _standing_letter(self, code: str, kind: LetterKind) -> IssuedLetter | None:
        with self._db.read() as s:
            case = self._case(s, code)
            try:
                call = letter_call(self._facts(s, case), kind)
            except LetterNotCalledFor:
                return None
            letter = self._standing(s, case.id, call)
            return _issued(letter, case.code) if letter else None

    # --- composing -------------------------------------------------------------------
    def _values(
        self,
        detail: CaseDetail | LetterCase,
        kind: LetterKind,
        office: OfficeDetails,
        event: _EventLike | None,
        on: date | None,
        cal: WorkingCalendar,
    ) -> dict[str, str]:
        today = on or self._now().date()
        history: Sequence[EventView | _EventRow] = detail.events
        to = addressee(detail.submitter_kind, detail.submitter_name, detail.salutation)
        progress = ""
        if kind is LetterKind.PROGRESS:
            summary = (event.summary if event is not None else "") or next(
                (e.summary for e in reversed(history) if e.action == Action.POST_PROGRESS), ""
            )
            progress = summary.removeprefix("Cập nhật tình hình xử lý: ")
        advice = ""
        if kind is LetterKind.REJECTION:
            recorded = (event.changes or {}).get("advice") if event is not None else None
            advice = str(recorded) if recorded else advice_for(detail.scope)
        receiver = (
            event.actor_name
            if event is not None and kind is LetterKind.RECEIPT
            else next((e.actor_name for e in history if e.action == EventAction.RECEIVE), "")
        )
        values = {
            "co_quan": office.agency_short,
            "nguoi_nhan": to,
            "ma_pakn": detail.code,
            "ma_cong": detail.portal_code,
            "ngay_tiep_nhan": f"{detail.received_at:%d/%m/%Y}",
            "thoi_diem_tiep_nhan": f"{detail.received_at:%H giờ %M, ngày %d/%m/%Y}",
            "kenh": Channel(detail.channel).label,
            "ve_viec": subject_phrase(detail.title),
            "dia_chi": detail.address,
            "so_dien_thoai": detail.phone,
            "ly_do": _own_lines(as_sentence(detail.rejection_reason)),
            "huong_dan": advice,
            "ly_do_chuyen": _own_lines(as_sentence(detail.transfer_reason)),
            "noi_dung_bo_sung": _own_lines(as_sentence(detail.missing_info)),
            "han_bo_sung": day_text(cal.add_working_days(today, CLARIFICATION_REPLY_DAYS)),
            "co_quan_nhan": detail.transfer_agency,
            "tinh_hinh": as_sentence(progress),
            "noi_dung_tra_loi": as_sentence(detail.answer_text),
            "han_tra_loi": day_text(cal.add_working_days(detail.clock_start, dl.ANSWER_DAYS)),
            "duong_day_nong": office.hotlines.strip(),
            "cong_thong_tin": office.portal_url.strip(),
            "luu": office.archive_mark,
            "nguoi_tiep_nhan": receiver,
            "dia_chi_co_quan": office.postal_address.strip(),
            "thu_dien_tu_co_quan": office.email.strip(),
            "cach_gui": ways_to_send(
                bool(office.postal_address.strip()), bool(office.email.strip())
            ),
        }
        if kind.published:
            known = {
                "address": [detail.address],
                "phone": [detail.phone],
                "email": [detail.email],
            }
            # The office's own hotline and signer stay as the settings give them.
            keep = office_contacts(
                office.hotlines, office.portal_url, office.signer_name, office.agency_short
            )
            for key in (
                "ve_viec",
                "ly_do",
                "huong_dan",
                "ly_do_chuyen",
                "noi_dung_bo_sung",
                "tinh_hinh",
                "noi_dung_tra_loi",
            ):
                # The one public gate; the person's own contacts are masked where quoted (the
                # letter addresses them by name, so the name stays).
                values[key] = public_text(values[key], known, keep=keep)
        # Placeholders inside the values (the advice sentence) are filled after the gate: the
        # person's own name, put in by the office's words, is not their text to mask (the
        # gate took "Ông/Bà Phan Văn Chi" in the advice for a name quoted in it).
        values["huong_dan"] = fill(values["huong_dan"], values)
        return values

    def compose(
        self,
        code: str,
        kind: LetterKind,
        actor: Actor,
        number_text: str | None = None,
        issued_on: date | None = None,
        detail: CaseDetail | None = None,
        *,
        event: CaseEvent | None = None,
        draft: bool = False,
        signature: SignatureAppearance | None = None,
        replaces: str = "",
    ) -> LetterContent:
        actor = self._cases.guard.require(actor, Permission.VIEW_CASES, *LETTER_PERMISSIONS)
        detail = detail or self._cases._detail(code)
        return self._compose(
            detail,
            kind,
            actor,
            self._office.details(),
            self._template(kind),
            self._calendar.calendar(),
            number_text,
            issued_on or self._now().date(),
            event=event,
            draft=draft,
            signature=signature,
            replaces=replaces,
        )

    def _compose(
        self,
        detail: CaseDetail | LetterCase,
        kind: LetterKind,
        actor: Actor,
        office: OfficeDetails,
        template: LetterTemplate,
        cal: WorkingCalendar,
        number_text: str | None,
        on: date,
        *,
        event: _EventLike | None = None,
        draft: bool = False,
        signature: SignatureAppearance | None = None,
        replaces: str = "",
    ) -> LetterContent:
        """The letter's content from what was read (``actor`` verified by the caller)."""
        values = self._values(detail, kind, office, event, on, cal)
        receipt = kind is LetterKind.RECEIPT
        body = _counted_from_supplement(fill_lines(template.body, values), detail)
        if replaces:
            body.insert(-1 if len(body) > 1 else len(body), replaces)
        recipients = fill_lines(template.recipients, values)
        # A draft keeps room for the number, written in at issue time. A receipt's number is
        # of its own series; the PAKN code it carries is in its body and its QR code.
        series = receipt_symbol(office.symbol) if receipt else office.symbol
        shown_number = f"Số: {number_text}" if number_text else "Số:" + "\u00a0" * 8 + f"/{series}"
        return LetterContent(
            parent_agency=office.parent_agency,
            agency=office.agency,
            number_text=shown_number,
            place=office.place,
            issued_on=on,
            subject="" if receipt else fill(template.subject, values),
            title=fill(template.subject, values) if receipt else "",
            addressee="" if receipt else values["nguoi_nhan"],
            paragraphs=body,
            signer_authority="" if receipt else office.signer_authority,
            signer_title="NGƯỜI TIẾP NHẬN" if receipt else office.signer_title,
            # The signer set in the settings signs, whoever prints; a receipt is signed by the
            # person who received the PAKN.
            signer_name=(values["nguoi_tiep_nhan"] or actor.name)
            if receipt
            else office.signer_name,
            recipients=recipients,
            qr_text=f"PAKN:{detail.code}",
            qr_caption=f"Tra cứu PAKN: {detail.code}",
            pdf_title=f"{kind.label} - {detail.code}",
            author=office.agency_short,
            draft=draft,
            signature=signature,
        )

    def preview(self, code: str, kind: LetterKind, actor: Actor) -> bytes:
        """The letter as it will look: marked DỰ THẢO, without a number, nothing recorded.
        Refused, like issuing, when the case does not call for it."""
        actor = self._cases.guard.require(actor, Permission.VIEW_CASES)
        with self._db.read() as s:
            case = self._case(s, code)
            call = letter_call(self._facts(s, case), kind)
            event = s.get(CaseEvent, call.event_id)
            if event is not None:
                s.expunge(event)
        pdf, _ = render_letter(self.compose(code, kind, actor, event=event, draft=True))
        return pdf

    # --- issuing -----------------------------------------------------------------------
    def _signature(
        self, office: OfficeDetails, sign: SignOptions, at: datetime
    ) -> SignatureAppearance:
        images = self._office.signature_images()
        return SignatureAppearance(
            info_lines=(
                f"Người ký: {office.signer_name}",
                # The agency's name as a sentence writes it ("Sở Nội vụ tỉnh Quảng Ngãi"), not
                # the header's capitals.
                f"Cơ quan: {office.agency_short.strip() or office.agency}",
                # ISO 8601 with Vietnam's offset (NĐ 30/2020 Phụ lục I).
                f"Thời gian ký: {vn_iso(at)}",
            ),
            signature_png=images[0],
            seal_png=images[1] if sign.with_seal else None,
        )

    def issue(
        self,
        code: str,
        kind: LetterKind,
        actor: Actor,
        *,
        sign: SignOptions | None = None,
    ) -> IssuedLetter:
        """Issue the letter the case calls for, with the next number of its series. If it was
        issued already for this event, the letter in the register comes back unchanged
        (``already_issued``), and no number is taken."""
        permission = letter_permission(kind)
        if sign is not None:
            # Refused before the certificate is even opened (the issuing transaction checks
            # the account again, as it does for every letter).
            actor = self._cases.guard.require(actor, permission)
        return self._issue(code, kind, actor, sign=sign, permission=permission)

    def replace(
        self,
        letter_id: int,
        reason: str,
        actor: Actor,
        *,
        sign: SignOptions | None = None,
    ) -> IssuedLetter:
        """Issue a corrected letter in place of ``letter_id``: a new number, naming the letter
        it replaces; both stay in the register and in the case history."""
        actor = self._cases.guard.require(actor, Permission.ISSUE_LETTERS)
        reason = " ".join((reason or "").split())
        if not reason:
            raise PaknError("Vui lòng nêu lý do thay thế văn bản đã ban hành.")
        with self._db.read() as s:
            old = s.get(Letter, entry_int(letter_id, "letter"))
            if old is None:
                raise NotFound("Không tìm thấy văn bản trong sổ đăng ký.")
            if old.replaced_by_id is not None:
                newer = s.get(Letter, old.replaced_by_id)
                raise PaknError(
                    "Văn bản này đã được thay bằng văn bản số "
                    f"{format_letter_number(newer.number, newer.symbol) if newer else '?'}: "
                    "chỉ thay thế văn bản đang có hiệu lực."
                )
            case = s.get(Case, old.case_id) if old.case_id is not None else None
            if case is None:
                raise PaknError("Văn bản không gắn với PAKN nào: không thể thay thế.")
            code, kind = case.code, LetterKind(old.kind)
        return self._issue(
            code,
            kind,
            actor,
            sign=sign,
            permission=Permission.ISSUE_LETTERS,
            replacing=letter_id,
            reason=reason,
        )

    def _issue(
        self,
        code: str,
        kind: LetterKind,
        actor: Actor,
        *,
        sign: SignOptions | None,
        permission: Permission,
        replacing: int | None = None,
        reason: str = "",
    ) -> IssuedLetter:
        # Everything that can be checked is checked before a number is taken.
        signer = load_signer(sign) if sign is not None else None
        try:
            with self._db.write() as s:
                return self._issue_in(
                    s, code, kind, actor, permission, sign, signer, replacing, reason
                )
        except IntegrityError:
            # Another desk issued the same letter at the same moment (the slot is unique):
            # theirs stands, and is what this desk gets back.
            if replacing is None:
                existing = self._standing_letter(code, kind)
                if existing is not None:
                    return _found(existing, sign)
            raise

    def _office_in(self, s: Session, version: int | None, restored: int) -> OfficeDetails:
        """The office details of ``version`` (None: no settings row), kept between letters
        while the calendar's version (``restored``; a restore raises it) stays the same."""
        kept = self._office_kept
        if kept is not None and kept[0] == version and kept[1] == restored:
            return kept[2]
        row = s.execute(_OFFICE_ROW).first()
        if row is None:
            details, version = OfficeDetails(), None
        else:
            details = OfficeDetails(*row[: len(_OFFICE_FIELDS)])
            version = row[-1]
        self._office_kept = (version, restored, details)
        return details

    def _template_in(
        self, s: Session, kind: LetterKind, version: int | None, restored: int
    ) -> LetterTemplate:
        """The wording of ``kind`` at ``version`` (None: the built-in default). Versions
        never go back, even across a reset, so a version names one wording; a restore puts
        older ones back, so the kept wording is also keyed by the calendar's version
        (``restored``), which a restore raises."""
        if version is None:
            return DEFAULT_TEMPLATES[kind]
        kept = self._templates_kept.get((kind.value, version, restored))
        if kept is not None:
            return kept
        row = s.execute(_TEMPLATE_ROW, {"kind": kind.value}).first()
        if row is None:
            return DEFAULT_TEMPLATES[kind]
        template = LetterTemplate(kind, row.subject, row.body, row.recipients)
        self._templates_kept[(kind.value, row.version, restored)] = template
        return template

    def _issue_in(
        self,
        s: Session,
        code: str,
        kind: LetterKind,
        actor: Actor,
        permission: Permission,
        sign: SignOptions | None,
        signer: object,
        replacing: int | None,
        reason: str,
    ) -> IssuedLetter:
        """Issue inside the write transaction, with plain statements: the account check, the
        case (locked) with the versions of the office details, template and calendar, its
        history, the letters of its slot, two counters, three INSERTs."""
        now = self._now()
        signed_at = to_vn(now).replace(microsecond=0)  # printed and signed: one time, +07:00
        actor = self._cases.guard.require(actor, permission, session=s)
        group: list[int] = []
        if kind is LetterKind.ANSWER:
            # The same PAKN twice: the rows of every case linked with this one are locked
            # first (in id order, this one among them), so that two desks answering two
            # linked cases at once take turns, and the second finds the first's letter.
            own = s.scalar(select(_CASES.c.id).where(_CASES.c.code == code.strip()))
            if own is not None:
                group = repeats.lock_group(s, [own])
                if len(group) > 1:
                    refused = answer_refusal(code.strip(), repeats.members(s, group))
                    if refused is not None:
                        raise refused
        # The case row is locked (PostgreSQL) or the database is (SQLite) until commit, so a
        # second desk waits here and then finds this letter.
        row = s.execute(_CASE_FOR_LETTER, {"code": code.strip(), "kind": kind.value}).first()
        if row is None:
            self._cases._detail(code)  # the case view's message (a mistyped check digit)
            raise NotFound(f"Không tìm thấy PAKN có mã «{code}».")
        case_id = row.id
        events = [
            _EventRow(e[0], e[1], e[2], e[3], e[4])
            for e in s.execute(_CASE_EVENTS, {"case_id": case_id})
        ]
        facts = _case_facts(row, [(e.id, e.action) for e in events])
        call = letter_call(facts, kind)
        slot = (
            _LETTERS.c.event_id.is_(None)
            if call.event_id is None
            else _LETTERS.c.event_id == call.event_id
        )
        issued = s.execute(
            select(_LETTERS.c.id, _LETTERS.c.replaced_by_id)
            .where(_LETTERS.c.case_id == case_id, _LETTERS.c.kind == kind.value, slot)
            .order_by(_LETTERS.c.id)
        ).all()
        standing_id = next((i for i, newer in issued if newer is None), None)
        old: Any = None
        if replacing is None:
            if standing_id is not None:
                standing = s.get(Letter, standing_id)
                assert standing is not None
                return _found(_issued(standing, row.code), sign)
        else:
            old = s.execute(
                select(
                    _LETTERS.c.id,
                    _LETTERS.c.kind,
                    _LETTERS.c.number,
                    _LETTERS.c.symbol,
                    _LETTERS.c.issued_at,
                    _LETTERS.c.replaced_by_id,
                ).where(_LETTERS.c.id == replacing)
            ).first()
            if old is None or old.replaced_by_id is not None:
                raise PaknError("Văn bản cần thay thế không còn là văn bản đang có hiệu lực.")
            if standing_id is None or old.id != standing_id:
                raise PaknError(
                    "PAKN đã chuyển sang bước khác: văn bản này không còn là văn bản của bước "
                    "hiện tại nên không thể thay thế."
                )
        # 0 for the letter itself, 1, 2, ... for its replacements.
        generation = len(issued)
        calendar_version = int(row[-1] or 0)
        office = self._office_in(s, row[-3], calendar_version)
        template = self._template_in(s, kind, row[-2], calendar_version)
        cal = self._calendar.calendar_at(s, calendar_version)
        if sign is not None:
            sign = _with_location(sign, office.place)
        receipt = kind is LetterKind.RECEIPT
        series = receipt_symbol(office.symbol) if receipt else office.symbol
        # Receipts count in one series whatever the office's symbol (RECEIPT_SERIES).
        number = next_serial(s, f"letter:{now.year}:{RECEIPT_SERIES if receipt else series}")
        number_text = format_letter_number(number, series)
        fields_: list[Any] = [*row[:19], events]
        detail = LetterCase(*fields_)
        event = next((e for e in events if e.id == call.event_id), None)
        replaces_text = ""
        if old is not None:
            replaces_text = (
                f"Văn bản này thay thế {LetterKind(old.kind).in_sentence} số "
                f"{format_letter_number(old.number, old.symbol)} ngày "
                f"{old.issued_at:%d/%m/%Y} của {office.agency_short}."
            )
        content = self._compose(
            detail,
            kind,
            actor,
            office,
            template,
            cal,
            number_text,
            now.date(),
            event=event,
            signature=self._signature(office, sign, signed_at) if sign is not None else None,
            replaces=replaces_text,
        )
        pdf, box = render_letter(content)
        if sign is not None:
            pdf = sign_pdf(pdf, box, sign, signer, signed_at)
        digest = hashlib.sha256(pdf).hexdigest()
        subject = content.subject or content.title
        replaces_id = old.id if old is not None else None
        letter_id: int = s.execute(
            _INSERT_LETTER,
            {
                "case_id": case_id,
                "kind": kind.value,
                "year": now.year,
                "symbol": series,
                "number": number,
                "subject": subject,
                "issued_at": now,
                "issued_by": actor.name,
                "pdf": pdf,
                "sha256": digest,
                "event_id": call.event_id,
                "slot": f"{case_id}:{kind.value}:{call.event_id}:{generation}",
                "replaces_id": replaces_id,
                "replaced_by_id": None,
                "replace_reason": reason,
                "signer_name": content.signer_name,
                "signed": sign is not None,
            },
        ).scalar_one()
        if old is not None:
            s.execute(
                update(_LETTERS).where(_LETTERS.c.id == old.id).values(replaced_by_id=letter_id)
            )
        summary = f"Ban hành {kind.label} số {number_text}" + (" (đã ký số)" if sign else "")
        if old is not None:
            summary += (
                f", thay thế văn bản số {format_letter_number(old.number, old.symbol)}. "
                f"Lý do: {reason}"
            )
        summary = summary.rstrip(".") + "."
        action = "letter_replaced" if old is not None else "letter_issued"
        changes = {
            "kind": kind.value,
            "number": number,
            "series": series,
            "sha256": digest,
            "letter_id": letter_id,
            **({"replaces": old.id, "reason": reason} if old is not None else {}),
        }
        event_id: int = s.execute(
            _INSERT_EVENT,
            {
                "case_id": case_id,
                "at": now,
                "actor_id": actor.id,
                "actor_name": actor.name,
                "action": action,
                "public": False,
                "summary": summary,
                "changes": changes,
            },
        ).scalar_one()
        # The history row's link in the audit chain, as the session hook would add it.
        append_event(
            s,
            event_id=event_id,
            case_id=case_id,
            at=now,
            actor_id=actor.id,
            actor_name=actor.name,
            action=action,
            public=False,
            summary=summary,
            changes=changes,
        )
        closed: list[str] = []
        if len(group) > 1:
            # This letter answers every case linked with this one: those still open close.
            closed = repeats.close_answered_repeats(
                s, repeats.members(s, group), actor, now, self._cases.reads.today()
            )
        return IssuedLetter(
            id=letter_id,
            kind=kind,
            number=number,
            number_text=number_text,
            year=now.year,
            issued_at=now,
            issued_by=actor.name,
            case_code=row.code,
            subject=subject,
            sha256=digest,
            pdf=pdf,
            signer_name=content.signer_name,
            signed=sign is not None,
            replaces_id=replaces_id,
            replace_reason=reason,
            closed=tuple(closed),
        )

    def _reader(self, actor: Actor) -> tuple[Actor, LetterKind | None]:
        """Who reads the register, and the only kind they may read (None: every kind)."""
        actor = self._cases.guard.require(actor, *LETTER_PERMISSIONS)
        if self._cases.guard.scope(actor, Permission.ISSUE_LETTERS) is None:
            return actor, LetterKind.RECEIPT
        return actor, None

    @staticmethod
    def _may_read(letter: Letter, only: LetterKind | None) -> None:
        if only is not None and letter.kind != only.value:
            raise PermissionDenied(RECEIPTS_ONLY)

    def reprint(
        self,
        letter_id: int,
        actor: Actor,
        *,
        deliver: Callable[[bytes], object] | None = None,
    ) -> IssuedLetter:
        """The stored bytes of an issued letter, unchanged; the case history notes it.

        With ``deliver`` (a print job, a file written), the checked bytes are handed to it first
        and the reprint is noted only once it returned: a print that failed, or never reached
        the printer, leaves no trace in the history or the audit log."""
        actor, only = self._reader(actor)
        if deliver is not None:
            with self._db.read() as s:
                letter = self._checked(s, letter_id, only)
                pdf = letter.pdf
            deliver(pdf)
        with self._db.write() as s:
            letter = self._checked(s, letter_id, only)
            code = None
            if letter.case_id is not None:
                case = s.get(Case, letter.case_id)
                code = case.code if case else None
                record_event(
                    s,
                    letter.case_id,
                    actor,
                    EventAction.LETTER_REPRINTED,
                    f"In lại {LetterKind(letter.kind).label}"
                    + (
                        f" số {format_letter_number(letter.number, letter.symbol)}"
                        if letter.number
                        else ""
                    )
                    + ".",
                    at=self._now(),
                    changes={"letter_id": letter.id},
                )
            return _issued(letter, code)

    def _checked(self, s: Session, letter_id: int, only: LetterKind | None) -> Letter:
        """The register's letter, readable by whoever asks, with bytes matching their hash."""
        letter = s.get(Letter, entry_int(letter_id, "letter"))
        if letter is None:
            raise NotFound("Không tìm thấy văn bản trong sổ đăng ký.")
        self._may_read(letter, only)
        if hashlib.sha256(letter.pdf).hexdigest() != letter.sha256:
            raise PaknError(
                "Tệp văn bản trong sổ đăng ký không khớp mã băm SHA-256 đã lưu: "
                "dữ liệu có thể đã bị sửa đổi."
            )
        return letter

    def letter(self, letter_id: int, actor: Actor) -> IssuedLetter:
        """An issued letter with its bytes, without recording anything (to show it)."""
        _actor, only = self._reader(actor)
        with self._db.read() as s:
            letter = s.get(Letter, entry_int(letter_id, "letter"))
            if letter is None:
                raise NotFound("Không tìm thấy văn bản trong sổ đăng ký.")
            self._may_read(letter, only)
            case = s.get(Case, letter.case_id) if letter.case_id is not None else None
            return _issued(letter, case.code if case else None)

    def register(
        self, actor: Actor, *, year: int | None = None, case_code: str | None = None
    ) -> list[IssuedLetter]:
        """The letters of the register with their bytes (those the actor may read)."""
        _actor, only = self._reader(actor)
        with self._db.read() as s:
            q = select(Letter, Case.code).outerjoin(Case, Case.id == Letter.case_id)
            if only is not None:
                q = q.where(Letter.kind == only.value)
            if year is not None:
                q = q.where(Letter.year == year)
            if case_code is not None:
                q = q.where(Case.code == case_code)
            rows = s.execute(q.order_by(Letter.year, Letter.symbol, Letter.number, Letter.id))
            return [_issued(letter, code) for letter, code in rows]

    def register_entries(
        self,
        actor: Actor,
        *,
        year: int | None = None,
        kind: LetterKind | None = None,
        case_code: str | None = None,
    ) -> list[RegisterEntry]:
        """The outgoing register as a list (no PDF bytes): newest first. The front desk reads
        the receipts only; asking it for another kind is refused."""
        _actor, only = self._reader(actor)
        if only is not None:
            if kind is not None and kind is not only:
                raise PermissionDenied(RECEIPTS_ONLY)
            kind = only
        old = Letter.__table__.alias("old")
        new = Letter.__table__.alias("new")
        with self._db.read() as s:
            q = (
                select(
                    Letter.id,
                    Letter.kind,
                    Letter.number,
                    Letter.symbol,
                    Letter.year,
                    Letter.issued_at,
                    Letter.issued_by,
                    Letter.signer_name,
                    Case.code,
                    Letter.subject,
                    Letter.signed,
                    old.c.number,
                    old.c.symbol,
                    new.c.number,
                    new.c.symbol,
                    Letter.replace_reason,
                )
                .outerjoin(Case, Case.id == Letter.case_id)
                .outerjoin(old, old.c.id == Letter.replaces_id)
                .outerjoin(new, new.c.id == Letter.replaced_by_id)
            )
            if year is not None:
                q = q.where(Letter.year == year)
            if kind is not None:
                q = q.where(Letter.kind == kind.value)
            if case_code is not None:
                q = q.where(Case.code == case_code.strip())
            rows: list[Any] = list(
                s.execute(q.order_by(Letter.issued_at.desc(), Letter.id.desc())).all()
            )
        return [
            RegisterEntry(
                id=r[0],
                kind=LetterKind(r[1]),
                number=r[2],
                number_text=format_letter_number(r[2], r[3]),
                year=r[4],
                issued_at=r[5],
                issued_by=r[6],
                signer_name=r[7],
                case_code=r[8],
                subject=r[9],
                signed=bool(r[10]),
                replaces_number=format_letter_number(r[11], r[12]) if r[11] else "",
                replaced_by_number=format_letter_number(r[13], r[14]) if r[13] else "",
                replace_reason=r[15],
            )
            for r in rows
        ]

    def register_years(self, actor: Actor) -> list[int]:
        _actor, only = self._reader(actor)
        with self._db.read() as s:
            q = select(Letter.year).distinct()
            if only is not None:
                q = q.where(Letter.kind == only.value)
            return sorted(s.scalars(q).all(), reverse=True)


def _reset_counter(kind: LetterKind) -> str:
    return f"template_reset:{kind.value}"


def _with_location(sign: SignOptions, place: str) -> SignOptions:
    if sign.location:
        return sign
    return replace(sign, location=place)


def _own_lines(text: str) -> str:
    """Text typed in several lines starts on a line of its own, so that a list typed after
    "các nội dung sau:" keeps its first item with the others."""
    return "\n" + text if "\n" in text else text


def _counted_from_supplement(body: list[str], detail: CaseDetail | LetterCase) -> list[str]:
    """After a supplement the deadline is counted from the day it arrived (DOMAIN.md): the
    letter says so beside the date it gives, not "kể từ ngày tiếp nhận"."""
    if not any(e.action == Action.SUPPLEMENT.value for e in detail.events):
        return body
    since = f"kể từ ngày {detail.clock_start:%d/%m/%Y}, ngày nhận nội dung bổ sung"
    return [line.replace("kể từ ngày tiếp nhận", since) for line in body]


class UnsignedAlreadyIssued(PaknError):
    """Signing was asked for a letter the register holds already without a signature. A
    letter is issued once: its signed copy is a replacement (new number, naming this one)."""

    def __init__(self, letter: IssuedLetter) -> None:
        self.letter = letter
        super().__init__(
            f"{letter.kind.label} số {letter.number_text} đã được ban hành ngày "
            f"{letter.issued_at:%d/%m/%Y} chưa ký số; văn bản đã ban hành không ký số lại được "
            "và bản chưa ký không được trả về thay bản ký số. Để có bản ký số, ban hành văn bản "
            "thay thế có ký số (nút «Thay thế…» với ô ký số được chọn): văn bản mới mang số mới, "
            "nêu văn bản được thay thế; sổ đăng ký giữ cả hai."
        )


def _found(letter: IssuedLetter, sign: SignOptions | None) -> IssuedLetter:
    """The letter already in the register, given back when issuing again; never an unsigned
    one when a signed letter was asked for."""
    if sign is not None and not letter.signed:
        raise UnsignedAlreadyIssued(letter)
    return replace(letter, already_issued=True)


def _issued(letter: Letter, code: str | None) -> IssuedLetter:
    return IssuedLetter(
        id=letter.id,
        kind=LetterKind(letter.kind),
        number=letter.number,
        number_text=format_letter_number(letter.number, letter.symbol) if letter.number else "",
        year=letter.year,
        issued_at=letter.issued_at,
        issued_by=letter.issued_by,
        case_code=code,
        subject=letter.subject,
        sha256=letter.sha256,
        pdf=letter.pdf,
        signer_name=letter.signer_name,
        signed=bool(letter.signed),
        replaces_id=letter.replaces_id,
        replaced_by_id=letter.replaced_by_id,
        replace_reason=letter.replace_reason,
    )


__all__ = [
    "IssuedLetter",
    "LetterService",
    "RegisterEntry",
    "SignatureBox",
    "StoredTemplate",
    "UnsignedAlreadyIssued",
]


def _case_facts(case: Any, events: list[tuple[int, str]]) -> CaseFacts:
    """The rule table's view of a case (a ``Case`` or a row with the same names) and its
    history's (id, action) in order."""
    return CaseFacts(
        code=case.code,
        state=CaseState(case.state),
        outcome=case.outcome,
        rejection_reason=case.rejection_reason,
        missing_info=case.missing_info,
        transfer_agency=case.transfer_agency,
        answer_text=case.answer_text,
        events=[CaseEventFact(i, a) for i, a in events],
    )
