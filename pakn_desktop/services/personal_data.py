"""Dữ liệu của một người: what the office holds about one person, for an administrator (Nghị
định 13/2023/NĐ-CP and the 2025 Law on Personal Data Protection: let the person know what is
held, keep it only as long as needed).

* ``find``: everything held about a person found by phone number, CCCD/CMND number or full
  name: their details as submitter, each case with its texts, private notes, history,
  attachments and letters, and the identifiers written in those texts.
* ``export_json`` / ``export_pdf``: the same as a file for the person.
* ``anonymise``: once the retention period (an office setting, 5 years by default) has passed
  since each of the person's cases closed, their name, address, phone, email, private notes,
  attachment contents and the identifiers in every text are removed. The case rows, their
  states, dates, channel, topic, unit and submitter type stay, so statistics do not change;
  the letter register (issued letters and their PDFs) is left untouched.

Every export and anonymisation is written in each case's history with who did it and why.
Searches that are empty, match no one, or match more than one person are refused, as are
anonymisations while a case is open or before the retention period ends: nothing changes.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.enums import CaseState
from pakn_desktop.domain.errors import NotFound, PaknError, PermissionDenied
from pakn_desktop.domain.history import EventAction
from pakn_desktop.domain.permissions import Permission as P
from pakn_desktop.domain.personal_data import (
    KIND_LABELS,
    find_personal_data,
    public_text,
)
from pakn_desktop.domain.text import clean_text, fold
from pakn_desktop.domain.validation import format_phone, normalize_phone
from pakn_desktop.domain.wording import file_problem
from pakn_desktop.store.db import Database
from pakn_desktop.store.models import (
    Attachment,
    Case,
    CaseEvent,
    Letter,
    OfficeSettings,
    Submitter,
)

from .accounts import Guard
from .audit import KIND_CASE_EVENT, AuditService, append, event_content
from .cases import build_search_text
from .files import write_private
from .history import record_event
from .views import Actor

DEFAULT_RETENTION_YEARS = 5
MAX_REASON = 500
MAX_NAME_CANDIDATES = 5000
# History entries of an edit keep old and new values by field: these are the person's own.
PERSONAL_FIELDS = frozenset({"name", "address", "phone", "phone_norm", "email", "private_note"})
ANONYMISED_NAME = "[đã ẩn danh]"
# The texts of a case that may hold personal data, and how each is shown in an export.
CASE_TEXTS: dict[str, str] = {
    "title": "PAKN về việc",
    "content": "Nội dung",
    "private_note": "Ghi chú nội bộ",
    "missing_info": "Nội dung đề nghị bổ sung",
    "rejection_reason": "Lý do không tiếp nhận",
    "transfer_agency": "Chuyển đến",
    "result_text": "Kết quả xử lý",
    "answer_text": "Nội dung trả lời",
}
# Free-text columns the schema may carry besides (the transfer notice's reason is being added
# by the letters work): covered as soon as the column exists, so none is left out.
CASE_TEXTS.update(
    {k: v for k, v in {"transfer_reason": "Lý do chuyển"}.items() if hasattr(Case, k)}
)


class PersonSearchError(PaknError):
    """An empty, unusable or ambiguous search for a person."""


# Refusals come from the guard (PermissionDenied); the old name stays for callers.
AccessDenied = PermissionDenied


@dataclass(frozen=True)
class PersonCase:
    code: str
    received_on: date
    state: str
    closed_on: date | None
    texts: dict[str, str]
    attachments: list[str]
    history: list[tuple[datetime, str, str]]
    letters: list[str]
    # The first day its data may be anonymised (closed + retention period), if closed.
    anonymisable_from: date | None = None


@dataclass(frozen=True)
class PersonData:
    """Everything held about one person, as plain data."""

    query: str
    names: list[str]
    addresses: list[str]
    phones: list[str]
    emails: list[str]
    identifiers: list[tuple[str, str]]
    cases: list[PersonCase] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.cases]


@dataclass(frozen=True)
class AnonymiseResult:
    codes: list[str]
    retention_years: int


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _mask_json(value: Any, known: dict[str, list[str]]) -> Any:
    if isinstance(value, str):
        return public_text(value, known)
    if isinstance(value, list):
        return [_mask_json(v, known) for v in value]
    if isinstance(value, dict):
        return {
            k: "(đã ẩn danh)" if k in PERSONAL_FIELDS else _mask_json(v, known)
            for k, v in value.items()
        }
    return value


class PersonalDataService:
    def __init__(
        self,
        db: Database,
        now: Callable[[], datetime] = vn_now,
        guard: Guard | None = None,
        audit: AuditService | None = None,
    ) -> None:
        self._db = db
        self._now = now
        self.guard = guard or Guard(db, now)
        self._audit = audit or AuditService(db, now, self.guard)

    # --- settings -------------------------------------------------------------------------
    def retention_years(self) -> int:
        with self._db.read() as s:
            row = s.get(OfficeSettings, 1)
            return row.retention_years if row is not None else DEFAULT_RETENTION_YEARS

    def set_retention_years(self, years: int, actor: Actor) -> int:
        actor = self.guard.require(actor, P.PERSONAL_DATA)
        if not isinstance(years, int) or not 1 <= years <= 50:
            raise PaknError("Thời hạn lưu trữ dữ liệu cá nhân phải từ 1 đến 50 năm.")
        with self._db.write() as s:
            row = s.get(OfficeSettings, 1)
            if row is None:
                raise NotFound("Chưa có thông tin cơ quan; vui lòng hoàn tất thiết lập ban đầu.")
            before = row.retention_years
            if before == years:
                return years
            row.retention_years = years
            self._audit.record(
                s,
                actor,
                "settings.retention",
                "office",
                f"Đổi thời hạn lưu trữ dữ liệu cá nhân: {before} → {years} năm.",
                before={"retention_years": before},
                after={"retention_years": years},
            )
        return years

    # --- the private note of a case ---------------------------------------------------------
    def keep_private(self, code: str, note: str, actor: Actor) -> None:
        """Append what a person moved out of a public text to the case's private note, with
        a history line that does not repeat it."""
        actor = self.guard.require(actor, P.VIEW_CASES)
        note = clean_text(note or "").strip()
        if not note:
            return
        with self._db.write() as s:
            case = s.scalar(select(Case).where(Case.code == code))
            if case is None:
                raise NotFound(f"Không tìm thấy PAKN có mã «{code[:40]}».")
            existing = (case.private_note or "").strip()
            case.private_note = (existing + "\n" if existing else "") + note
            self._event(
                s,
                case,
                actor,
                EventAction.PRIVATE_NOTE,
                "Chuyển thông tin cá nhân từ nội dung công khai vào ghi chú nội bộ.",
                {"private_note": "(đã sửa)"},
            )

    # --- finding a person -------------------------------------------------------------------
    def find(self, query: str, actor: Actor, *, name: str = "") -> PersonData:
        """Everything held about the one person matching ``query`` (phone number, CCCD or
        CMND number, or full name); ``name`` narrows a phone or ID search to one person."""
        self.guard.require(actor, P.PERSONAL_DATA)
        with self._db.read() as s:
            cases = self._person_cases(s, query, name)
            return self._collect(s, query, cases, self.retention_years())

    def export_json(
        self, query: str, actor: Actor, reason: str, *, name: str = "", path: Path | None = None
    ) -> bytes:
        """The person's data as JSON; written to ``path`` when given, before the export is
        recorded (a file that could not be written is not recorded as exported)."""
        actor = self.guard.require(actor, P.PERSONAL_DATA)
        reason = self._reason(reason)
        data = self.find(query, actor, name=name)
        doc = {
            "tài_liệu": "Dữ liệu cá nhân do cơ quan lưu giữ (Nghị định 13/2023/NĐ-CP)",
            "thời_điểm_xuất": self._now().isoformat(timespec="seconds"),
            "người_xuất": actor.name,
            "lý_do": reason,
            "người": {
                "họ_tên": data.names,
                "địa_chỉ": data.addresses,
                "số_điện_thoại": data.phones,
                "email": data.emails,
                "thông_tin_định_danh_trong_văn_bản": [
                    {"loại": k, "giá_trị": v} for k, v in data.identifiers
                ],
            },
            "hồ_sơ": [
                {
                    "mã_pakn": c.code,
                    "ngày_tiếp_nhận": c.received_on.isoformat(),
                    "tình_trạng": c.state,
                    "ngày_đóng": c.closed_on.isoformat() if c.closed_on else None,
                    "nội_dung": {CASE_TEXTS[k]: v for k, v in c.texts.items() if v},
                    "tệp_đính_kèm": c.attachments,
                    "lịch_sử": [
                        {"thời_điểm": at.isoformat(timespec="minutes"), "người": who, "việc": what}
                        for at, who, what in c.history
                    ],
                    "văn_bản_đã_ban_hành": c.letters,
                }
                for c in data.cases
            ],
        }
        out = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
        _write(path, out)
        self._record_export(data, actor, reason, "JSON")
        return out

    def export_pdf(
        self, query: str, actor: Actor, reason: str, *, name: str = "", path: Path | None = None
    ) -> bytes:
        """The person's data as a PDF; written to ``path`` as for ``export_json``."""
        actor = self.guard.require(actor, P.PERSONAL_DATA)
        reason = self._reason(reason)
        data = self.find(query, actor, name=name)
        out = _render_pdf(data, actor, reason, self._now())
        _write(path, out)
        self._record_export(data, actor, reason, "PDF")
        return out

    # --- anonymising ----------------------------------------------------------------------
    def anonymise(
        self, query: str, actor: Actor, reason: str, *, name: str = ""
    ) -> AnonymiseResult:
        """Remove the person's data from all their cases, once every one of them has been
        closed for longer than the retention period; otherwise refuse and change nothing."""
        actor = self.guard.require(actor, P.PERSONAL_DATA)
        reason = self._reason(reason)
        years = self.retention_years()
        today = self._now().date()
        with self._db.write() as s:
            cases = self._person_cases(s, query, name)
            for case in cases:
                state = CaseState(case.state)
                if case.closed_on is None or state.is_open:
                    raise PaknError(
                        f"Hồ sơ {case.code} ({state.label.lower()}) chưa đóng: chỉ ẩn danh dữ "
                        "liệu của hồ sơ đã đóng. Không có gì được thay đổi."
                    )
                until = _add_years(case.closed_on, years)
                if today <= until:
                    raise PaknError(
                        f"Hồ sơ {case.code} đóng ngày {case.closed_on:%d/%m/%Y}; chỉ được ẩn "
                        f"danh sau ngày {until:%d/%m/%Y} (thời hạn lưu trữ {years} năm). "
                        "Không có gì được thay đổi."
                    )
            # Everything known about the person across their cases (an address may have
            # changed between two PAKN), gathered before any of it is removed.
            known: dict[str, list[str]] = {}
            for case in cases:
                for kind, values in _known(case.submitter).items():
                    known.setdefault(kind, []).extend(v for v in values if v)
            reason = public_text(reason, known)
            for case in cases:
                self._anonymise_case(s, case, actor, reason, years, known)
            codes = [c.code for c in cases]
        return AnonymiseResult(codes, years)

    def _anonymise_case(
        self,
        s: Session,
        case: Case,
        actor: Actor,
        reason: str,
        years: int,
        known: dict[str, list[str]],
    ) -> None:
        sub = case.submitter
        for attr in CASE_TEXTS:
            if attr == "private_note":
                continue
            setattr(case, attr, public_text(getattr(case, attr) or "", known))
        case.private_note = ""
        masked_events: set[int] = set()
        for e in s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)):
            summary = public_text(e.summary or "", known)
            changes = _mask_json(dict(e.changes or {}), known)
            if summary == e.summary and changes == (e.changes or {}):
                continue
            e.summary, e.changes = summary, changes
            masked_events.add(e.id)
            # The chain vouches for the history as it now reads: a new link, naming the
            # event, carries its masked content (the verifier reads the latest one).
            append(
                s,
                at=self._now(),
                actor_id=actor.id,
                actor_name=actor.name,
                kind=KIND_CASE_EVENT,
                target="anonymise_history",
                summary=f"Ẩn danh dòng lịch sử số {e.id} của hồ sơ {case.code}.",
                case_id=case.id,
                event_id=e.id,
                details=event_content(
                    e.case_id, e.at, e.actor_id, e.actor_name, e.action, e.public, summary, changes
                ),
            )
        if masked_events:
            # History older than the audit chain is vouched for by a seal over its rows: the
            # seal is renewed over the rows it still covers (each masked row has its own link).
            self._audit.reseal(s, masked_events, actor)
        for att in s.scalars(select(Attachment).where(Attachment.case_id == case.id)):
            # Scans of the person's papers: the contents go, the row stays in the history.
            att.filename = public_text(att.filename, known)
            att.data = b""
        sub.name = ANONYMISED_NAME
        sub.address = ""
        sub.phone = ""
        sub.phone_norm = ""
        sub.email = ""
        case.search_text = build_search_text(case, sub)
        self._event(
            s,
            case,
            actor,
            EventAction.ANONYMISE,
            f"Ẩn danh dữ liệu cá nhân (đã quá thời hạn lưu trữ {years} năm kể từ ngày đóng "
            f"hồ sơ). Lý do: {reason}",
            {"retention_years": years},
        )

    # --- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _reason(reason: str) -> str:
        reason = clean_text(reason or "").strip()
        if not reason:
            raise PaknError(
                "Vui lòng nêu lý do (ví dụ: theo yêu cầu của người dân ngày ..., số đơn ...)."
            )
        if len(reason) > MAX_REASON:
            raise PaknError(f"Lý do không được dài quá {MAX_REASON} ký tự.")
        return reason

    def _event(
        self,
        s: Session,
        case: Case,
        actor: Actor,
        action: EventAction,
        summary: str,
        changes: dict[str, Any],
    ) -> None:
        record_event(s, case, actor, action, summary, at=self._now(), changes=changes)

    def _record_export(self, data: PersonData, actor: Actor, reason: str, fmt: str) -> None:
        actor = self.guard.require(actor, P.PERSONAL_DATA)
        with self._db.write() as s:
            for case in s.scalars(select(Case).where(Case.code.in_(data.codes))):
                self._event(
                    s,
                    case,
                    actor,
                    EventAction.PERSONAL_DATA_EXPORT,
                    f"Xuất dữ liệu cá nhân của người phản ánh ({fmt}). Lý do: {reason}",
                    {"format": fmt.lower(), "cases": len(data.codes)},
                )

    def _person_cases(self, s: Session, query: str, name: str) -> list[Case]:
        q = clean_text(query or "").strip()
        if not q:
            raise PersonSearchError(
                "Vui lòng nhập số điện thoại, số CCCD/CMND hoặc họ tên của người cần tra cứu."
            )
        digits = _digits(q)
        phone = normalize_phone(q)
        if phone is not None:
            cases = list(
                s.scalars(
                    select(Case)
                    .join(Submitter, Submitter.id == Case.submitter_id)
                    .where(Submitter.phone_norm == phone)
                )
            )
            what = f"số điện thoại {format_phone(phone)}"
        elif len(digits) in (9, 12) and len(digits) * 2 >= len(q):
            cases = self._cases_with_id(s, digits)
            what = f"số CCCD/CMND {digits}"
        elif sum(ch.isalpha() for ch in q) >= 2 and not digits:
            words = fold(q).split()
            if len(words) < 2:
                raise PersonSearchError(
                    "Vui lòng nhập đầy đủ họ và tên (ít nhất hai từ), hoặc tra cứu theo số "
                    "điện thoại, số CCCD."
                )
            target = " ".join(words)
            candidates = list(
                s.scalars(
                    select(Case)
                    .where(Case.search_text.contains(target, autoescape=True))
                    .limit(MAX_NAME_CANDIDATES + 1)
                )
            )
            if len(candidates) > MAX_NAME_CANDIDATES:
                raise PersonSearchError(
                    f"Họ tên «{q[:80]}» xuất hiện trong quá nhiều hồ sơ; vui lòng tra cứu theo "
                    "số điện thoại hoặc số CCCD."
                )
            cases = [c for c in candidates if fold(c.submitter.name) == target]
            what = f"họ tên «{q[:80]}»"
        else:
            raise PersonSearchError(
                f"«{q[:40]}» không phải số điện thoại, số CCCD/CMND hay họ tên đầy đủ."
            )
        if name.strip():
            wanted = fold(name)
            cases = [c for c in cases if fold(c.submitter.name) == wanted]
        if not cases:
            raise NotFound(f"Không tìm thấy dữ liệu nào theo {what}.")
        people = {(fold(c.submitter.name), c.submitter.phone_norm) for c in cases}
        if len(people) > 1:
            raise PersonSearchError(
                f"Có {len(people)} người khác nhau theo {what} (khác họ tên hoặc số điện "
                "thoại). Vui lòng ghi thêm họ tên, hoặc tra cứu theo số điện thoại, để chỉ rõ "
                "một người. Không có gì được xuất hay thay đổi."
            )
        return sorted(cases, key=lambda c: (c.received_at, c.id))

    @staticmethod
    def _cases_with_id(s: Session, digits: str) -> list[Case]:
        """Cases whose texts hold this CCCD/CMND number, however it is grouped."""
        columns = [getattr(Case, attr) for attr in CASE_TEXTS]
        # Any grouping keeps the last three digits together: a cheap filter before reading.
        tail = f"%{digits[-3:]}%"
        candidates = s.scalars(select(Case).where(or_(*(col.like(tail) for col in columns))))
        out = []
        for case in candidates:
            for attr in CASE_TEXTS:
                if any(
                    f.kind in ("cccd", "cmnd") and _digits(f.text) == digits
                    for f in find_personal_data(getattr(case, attr) or "")
                ):
                    out.append(case)
                    break
        return out

    def _collect(self, s: Session, query: str, cases: Sequence[Case], years: int) -> PersonData:
        names: list[str] = []
        addresses: list[str] = []
        phones: list[str] = []
        emails: list[str] = []
        identifiers: list[tuple[str, str]] = []
        out: list[PersonCase] = []
        for case in cases:
            sub = case.submitter
            for values, v in (
                (names, sub.name),
                (addresses, sub.address),
                (phones, sub.phone),
                (emails, sub.email),
            ):
                if v and v not in values:
                    values.append(v)
            texts = {attr: getattr(case, attr) or "" for attr in CASE_TEXTS}
            for text in texts.values():
                for f in find_personal_data(text):
                    item = (KIND_LABELS.get(f.kind, f.kind), f.text)
                    if item not in identifiers:
                        identifiers.append(item)
            events = s.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
            ).all()
            atts = s.scalars(
                select(Attachment.filename)
                .where(Attachment.case_id == case.id)
                .order_by(Attachment.id)
            ).all()
            letters = s.execute(
                select(Letter.number, Letter.year, Letter.symbol, Letter.kind, Letter.issued_at)
                .where(Letter.case_id == case.id)
                .order_by(Letter.id)
            ).all()
            out.append(
                PersonCase(
                    code=case.code,
                    received_on=case.received_at.date(),
                    state=CaseState(case.state).label,
                    closed_on=case.closed_on,
                    texts=texts,
                    attachments=list(atts),
                    history=[(e.at, e.actor_name, e.summary) for e in events],
                    letters=[
                        f"Số {n:02d}/{sym} ({kind}, {at:%d/%m/%Y})"
                        for n, _y, sym, kind, at in letters
                    ],
                    anonymisable_from=_anonymisable_from(case, years),
                )
            )
        return PersonData(query, names, addresses, phones, emails, identifiers, out)


def _write(path: Path | None, data: bytes) -> None:
    if path is None:
        return
    try:
        write_private(path, lambda tmp: tmp.write_bytes(data))
    except OSError as exc:
        raise PaknError(file_problem(exc, str(path))) from None


def _anonymisable_from(case: Case, years: int) -> date | None:
    if case.closed_on is None or CaseState(case.state).is_open:
        return None
    return _add_years(case.closed_on, years) + timedelta(days=1)


def _known(sub: Submitter) -> dict[str, list[str]]:
    return {
        "name": [sub.name],
        "address": [sub.address],
        "phone": [sub.phone, sub.phone_norm],
        "email": [sub.email],
    }


def _render_pdf(data: PersonData, actor: Actor, reason: str, now: datetime) -> bytes:
    """The export as a readable A4 document in the letter font (Vietnamese glyphs)."""
    # Here, not at the top: xml.sax.saxutils loads urllib.request and http.client, which
    # nothing else at start-up needs.
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from pakn_desktop.letters.fonts import BOLD, REGULAR, register_fonts

    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=12, leading=15, spaceAfter=3)
    head = ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=13, spaceBefore=8)
    title = ParagraphStyle("title", parent=head, fontSize=15, alignment=1, spaceAfter=8)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    story: list[Any] = [
        p("DỮ LIỆU CÁ NHÂN DO CƠ QUAN LƯU GIỮ", title),
        p("Theo Nghị định số 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân."),
        p(f"Thời điểm xuất: {now:%d/%m/%Y %H:%M}. Người xuất: {actor.name}. Lý do: {reason}"),
        p("Người phản ánh, kiến nghị", head),
        p("Họ tên: " + "; ".join(data.names)),
        p("Địa chỉ: " + "; ".join(data.addresses)),
        p("Số điện thoại: " + "; ".join(data.phones)),
        p("Email: " + ("; ".join(data.emails) or "-")),
    ]
    if data.identifiers:
        story.append(p("Thông tin định danh ghi trong các văn bản", head))
        for label, value in data.identifiers:
            story.append(p(f"- {label}: {value}"))
    for c in data.cases:
        closed = f", đóng ngày {c.closed_on:%d/%m/%Y}" if c.closed_on else ""
        story.append(
            p(f"Hồ sơ {c.code}: tiếp nhận ngày {c.received_on:%d/%m/%Y}, {c.state}{closed}", head)
        )
        for attr, text in c.texts.items():
            if text:
                story.append(p(f"{CASE_TEXTS[attr]}: {text}"))
        if c.attachments:
            story.append(p("Tệp đính kèm: " + "; ".join(c.attachments)))
        if c.letters:
            story.append(p("Văn bản đã ban hành: " + "; ".join(c.letters)))
        story.append(p("Quá trình xử lý:"))
        for at, who, what in c.history:
            story.append(p(f"- {at:%d/%m/%Y %H:%M} {who}: {what}"))
        story.append(Spacer(1, 4 * mm))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title="Dữ liệu cá nhân",
        author=actor.name,
        invariant=1,
    )
    doc.build(story)
    return buf.getvalue()


__all__ = [
    "DEFAULT_RETENTION_YEARS",
    "AccessDenied",
    "AnonymiseResult",
    "PersonCase",
    "PersonData",
    "PersonSearchError",
    "PersonalDataService",
]
