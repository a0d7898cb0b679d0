"""Entering the desk's PAKN into the national PAKN information system (the seed: every PAKN
received by letter, phone, fax or email must be entered there): the list still to enter, each
case's fields in the portal's order ready to copy, the mark "Đã nhập lên Hệ thống" with the code
the system gave it (recorded in the history), and an xlsx of selected cases.

A desk case is "entered" once it carries the system's code (``Case.portal_code``); the queue
filter ``CaseFilter(national_pending=True)`` lists the others."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.codes import normalize_case_code
from pakn_desktop.domain.enums import Channel, SubmitterKind
from pakn_desktop.domain.errors import InvalidCode, NotFound, PaknError, StaleCase
from pakn_desktop.domain.history import EventAction
from pakn_desktop.domain.permissions import Permission as P
from pakn_desktop.domain.personal_data import LABELS as PERSONAL_LABELS
from pakn_desktop.domain.personal_data import gate_findings, public_text
from pakn_desktop.domain.text import clean_text
from pakn_desktop.domain.validation import IntakeForm, validate_intake
from pakn_desktop.store.db import Database
from pakn_desktop.store.models import Case, OfficeSettings, Submitter
from pakn_desktop.store.queries import national_pending_condition

from .accounts import Guard
from .audit import AuditService
from .cases import CaseService, build_search_text
from .history import record_event
from .public_gate import known_of, office_keep
from .views import Actor, CaseDetail

# The fields of the national system's entry form, in its order (DOMAIN.md, intake).
ENTRY_FIELDS: tuple[tuple[str, str], ...] = (
    ("submitter_kind", "Đối tượng PAKN"),
    ("submitter_name", "Người dân"),
    ("address", "Địa chỉ"),
    ("phone", "Số điện thoại"),
    ("email", "Email"),
    ("title", "PAKN về việc"),
    ("content", "Nội dung"),
    ("unit", "Chọn đơn vị tiếp nhận"),
    ("topic", "Chủ đề PAKN"),
    ("received_at", "Ngày tiếp nhận"),
    ("channel", "Kênh tiếp nhận"),
    ("code", "Mã PAKN của cơ quan"),
)


@dataclass(frozen=True)
class PendingRow:
    code: str
    received_at: datetime
    channel: str
    submitter_name: str
    title: str
    version: int


@dataclass(frozen=True)
class EntryField:
    key: str
    label: str
    value: str


@dataclass(frozen=True)
class EntrySheet:
    """One case's fields ready to copy into the national system."""

    code: str
    version: int
    fields: list[EntryField]
    # Personal data taken out of the content (it is published there): what kinds.
    personal_data: list[str]

    def block(self) -> str:
        """All fields as one text block, "Label: value" per field."""
        return "\n".join(f"{f.label}: {f.value}" for f in self.fields)

    def value(self, key: str) -> str:
        return next(f.value for f in self.fields if f.key == key)


# Column widths of the exported sheet (characters): the content column is the widest.
EXPORT_WIDTHS = (12, 18, 22, 12, 18, 26, 50, 18, 16, 11, 10, 11)


class NationalEntryService:
    def __init__(
        self,
        db: Database,
        cases: CaseService,
        now: Callable[[], datetime] = vn_now,
        guard: Guard | None = None,
        audit: AuditService | None = None,
    ) -> None:
        self._db = db
        self._cases = cases
        self._now = now
        self.guard = guard or Guard(db, now)
        self._audit = audit or AuditService(db, now, self.guard)

    def _office_name(self) -> str:
        with self._db.read() as s:
            row = s.get(OfficeSettings, 1)
            return row.agency_short if row is not None else ""

    def _require(self, actor: Actor) -> Actor:
        """Entering PAKN on the national system is the front desk's work."""
        return self.guard.require(actor, P.RECEIVE, P.EDIT_INTAKE)

    def pending(self, actor: Actor, limit: int = 500, offset: int = 0) -> list[PendingRow]:
        """Desk PAKN not yet entered into the national system, oldest first."""
        self._require(actor)
        with self._db.read() as s:
            rows = s.execute(
                select(
                    Case.code,
                    Case.received_at,
                    Case.channel,
                    Submitter.name,
                    Case.title,
                    Case.version,
                )
                .join(Submitter, Submitter.id == Case.submitter_id)
                .where(national_pending_condition())
                .order_by(Case.received_at, Case.id)
                .offset(offset)
                .limit(limit)
            ).all()
        return [PendingRow(*r) for r in rows]

    def count_pending(self, actor: Actor) -> int:
        self._require(actor)
        with self._db.read() as s:
            return int(
                s.execute(
                    select(func.count(Case.id)).where(national_pending_condition())
                ).scalar_one()
            )

    def sheet(self, code: str, actor: Actor) -> EntrySheet:
        self._require(actor)
        case = self._cases._detail(code)
        with self._db.read() as s:
            keep = office_keep(s)
        return _sheet(case, keep)

    def mark_entered(
        self, code: str, system_code: str, actor: Actor, *, expected_version: int
    ) -> CaseDetail:
        """Record that the case was entered into the national system, with the code it got
        there; the case is then found by that code too."""
        actor = self._require(actor)
        system_code = clean_text(system_code).strip()
        problem = validate_intake(IntakeForm(channel="national_portal", portal_code=system_code))
        if "portal_code" in problem:
            raise PaknError(
                problem["portal_code"].replace(
                    "PAKN nhận từ Cổng Dịch vụ công cần có mã PAKN trên Cổng.",
                    "Vui lòng nhập mã PAKN mà Hệ thống đã cấp.",
                )
            )
        try:
            with self._db.write() as s:
                case = _load(s, code)
                if case.version != expected_version:
                    raise StaleCase(case.code)
                if Channel(case.channel).is_portal:
                    raise PaknError(
                        f"PAKN {case.code} nhận từ Cổng, đã có trên Hệ thống; không cần nhập lại."
                    )
                if case.portal_code:
                    raise PaknError(
                        f"PAKN {case.code} đã được ghi nhận nhập lên Hệ thống với mã "
                        f"«{case.portal_code}»."
                    )
                other = s.scalar(
                    select(Case.code).where(
                        # Codes compare trimmed, in any letter case (as the portal import).
                        func.upper(func.trim(Case.portal_code)) == system_code.strip().upper(),
                        Case.id != case.id,
                    )
                )
                if other is not None:
                    raise PaknError(f"Mã «{system_code}» đã là mã của PAKN {other}.")
                case.portal_code = system_code
                case.search_text = build_search_text(case, case.submitter)
                record_event(
                    s,
                    case,
                    actor,
                    EventAction.NATIONAL_ENTRY,
                    (
                        "Đã nhập lên Hệ thống thông tin tiếp nhận, trả lời PAKN; mã trên "
                        f"Hệ thống: {system_code}."
                    ),
                    at=self._now(),
                    changes={"portal_code": ["", system_code]},
                )
                case_code = case.code
        except StaleDataError:
            raise StaleCase(code) from None
        return self._cases._detail(case_code)

    def export_xlsx(self, codes: Sequence[str], path: Path, actor: Actor) -> int:
        """The selected cases as an xlsx in the national system's field order; the file is
        replaced only once it is complete."""
        actor = self._require(actor)
        if not codes:
            raise PaknError("Chưa chọn PAKN nào để xuất.")
        sheets = [self.sheet(c, actor) for c in codes]
        # openpyxl (a tenth of a second to import) only when a sheet is written.
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font

        from pakn_desktop.reports.workbook import (
            PrintLayout,
            RowStyle,
            append_row,
            set_print,
            set_widths,
        )

        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "Nhập lên Hệ thống"
        append_row(
            ws,
            [label for _k, label in ENTRY_FIELDS],
            RowStyle(font=Font(bold=True), alignment=Alignment(wrap_text=True, vertical="top")),
        )
        body = RowStyle(alignment=Alignment(wrap_text=True, vertical="top"))
        for sh in sheets:
            append_row(ws, [f.value for f in sh.fields], body)
        set_widths(ws, EXPORT_WIDTHS)
        ws.freeze_panes = "A2"
        office = self._office_name()
        set_print(
            ws,
            PrintLayout(
                "PAKN NHẬP LÊN HỆ THỐNG THÔNG TIN TIẾP NHẬN, TRẢ LỜI PAKN",
                office,
                f"Xuất ngày {self._now():%d/%m/%Y}",
                header_rows="1:1",
                landscape=True,
            ),
        )
        path = Path(path)
        fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
        os.close(fd)
        try:
            wb.save(tmp)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        with self._db.write() as s:
            self._audit.record(
                s,
                actor,
                "export.national_entry",
                path.name[-100:],
                f"Xuất {len(sheets)} PAKN để nhập lên Hệ thống ra tệp «{path.name}».",
                after={"file": path.name, "cases": len(sheets)},
            )
        return len(sheets)


def _load(s: Session, code: str) -> Case:
    try:
        norm = normalize_case_code(code)
    except InvalidCode:
        raise NotFound(f"Không tìm thấy PAKN có mã «{code.strip()[:40]}».") from None
    case = s.scalar(select(Case).where(Case.code == norm))
    if case is None:
        raise NotFound(f"Không tìm thấy PAKN có mã «{norm}».")
    return case


def _sheet(case: CaseDetail, keep: list[str] | None = None) -> EntrySheet:
    # The system publishes what the person wrote: its free-text columns pass the public gate
    # (names and home addresses too, the person's own details however written); the person's
    # own columns (name, address, phone, e-mail) are the form's private fields.
    known = known_of(case.submitter_name, case.address, case.phone, case.email)
    findings = gate_findings(case.content, known, keep=keep or ())
    kind = SubmitterKind(case.submitter_kind).label if case.submitter_kind else ""
    values = {
        "submitter_kind": kind,
        "submitter_name": case.submitter_name,
        "address": case.address,
        "phone": case.phone,
        "email": case.email,
        "title": public_text(case.title, known, keep=keep or ()),
        # The system publishes the content: personal details stay in their own fields.
        "content": public_text(case.content, known, keep=keep or ()),
        "unit": case.unit_name,
        "topic": case.topic,
        "received_at": f"{case.received_at:%d/%m/%Y %H:%M}",
        "channel": Channel(case.channel).label,
        "code": case.code,
    }
    return EntrySheet(
        case.code,
        case.version,
        [EntryField(k, label, values[k]) for k, label in ENTRY_FIELDS],
        sorted({PERSONAL_LABELS[f.kind] for f in findings}),
    )
