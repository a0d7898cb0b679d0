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

from pakn_desktop.domain.codes import normalize_case_code
from pakn_desktop.domain.enums import Channel, SubmitterKind
from pakn_desktop.domain.errors import InvalidCode, NotFound, PaknError, StaleCase
from pakn_desktop.domain.permissions import Permission as P
from pakn_desktop.domain.personal_data import LABELS as PERSONAL_LABELS
from pakn_desktop.domain.personal_data import find_personal_data, redact
from pakn_desktop.domain.text import clean_text
from pakn_desktop.domain.validation import IntakeForm, validate_intake
from pakn_desktop.store.db import Database
from pakn_desktop.store.models import Case, CaseEvent, Submitter
from pakn_desktop.store.queries import national_pending_condition

from .accounts import Guard
from .cases import CaseService, build_search_text
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


class NationalEntryService:
    def __init__(
        self,
        db: Database,
        cases: CaseService,
        now: Callable[[], datetime] = datetime.now,
        guard: Guard | None = None,
    ) -> None:
        self._db = db
        self._cases = cases
        self._now = now
        self.guard = guard or Guard(db, now)

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
        return _sheet(case)

    def mark_entered(
        self, code: str, system_code: str, actor: Actor, *, expected_version: int
    ) -> CaseDetail:
        """Record that the case was entered into the national system, with the code it got
        there; the case is then found by that code too."""
        actor = self._require(actor)
        system_code = clean_text(system_code)
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
                        func.lower(Case.portal_code) == system_code.lower(), Case.id != case.id
                    )
                )
                if other is not None:
                    raise PaknError(f"Mã «{system_code}» đã là mã của PAKN {other}.")
                case.portal_code = system_code
                case.search_text = build_search_text(case, case.submitter)
                s.add(
                    CaseEvent(
                        case=case,
                        at=self._now(),
                        actor_id=actor.id,
                        actor_name=actor.name,
                        action="national_entry",
                        public=False,
                        summary=(
                            "Đã nhập lên Hệ thống thông tin tiếp nhận, trả lời PAKN; mã trên "
                            f"Hệ thống: {system_code}."
                        ),
                        changes={"portal_code": ["", system_code]},
                    )
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
        from openpyxl.utils import get_column_letter

        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "Nhập lên Hệ thống"
        ws.append([label for _k, label in ENTRY_FIELDS])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for sh in sheets:
            ws.append([f.value for f in sh.fields])
        widths = [16, 24, 36, 16, 26, 40, 70, 24, 30, 18, 16, 16]
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        path = Path(path)
        fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
        os.close(fd)
        try:
            wb.save(tmp)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
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


def _sheet(case: CaseDetail) -> EntrySheet:
    findings = find_personal_data(case.content)
    kind = SubmitterKind(case.submitter_kind).label if case.submitter_kind else ""
    values = {
        "submitter_kind": kind,
        "submitter_name": case.submitter_name,
        "address": case.address,
        "phone": case.phone,
        "email": case.email,
        "title": case.title,
        # The system publishes the content: personal details stay in their own fields.
        "content": redact(case.content, findings),
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
