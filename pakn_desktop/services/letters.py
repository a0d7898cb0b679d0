"""Issuing official letters for a case: preview, issue with the next register number, reprint,
and the office's own templates.

Numbers come from a per-(year, symbol) counter inside the issuing transaction: 01, 02, ...,
restarting every 1 January, never reused or skipped, even with two desks issuing at once. The
register keeps the exact PDF bytes and their SHA-256, so a reprint is byte-identical."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from pakn_desktop.domain import deadlines as dl
from pakn_desktop.domain.codes import format_letter_number
from pakn_desktop.domain.enums import Channel, ScopeCategory, SubmitterKind
from pakn_desktop.domain.errors import NotFound, PaknError
from pakn_desktop.domain.permissions import LETTER_PERMISSIONS, Permission, letter_permission
from pakn_desktop.domain.personal_data import find_personal_data, redact
from pakn_desktop.letters.layout import LetterContent, SignatureBox, render_letter
from pakn_desktop.letters.signing import SignOptions, sign_pdf
from pakn_desktop.letters.templates import (
    DEFAULT_TEMPLATES,
    LetterKind,
    LetterTemplate,
    fill,
    unknown_placeholders,
)
from pakn_desktop.store.db import Database, next_serial
from pakn_desktop.store.models import Case, CaseEvent, Letter, LetterTemplateRow

from .calendar import CalendarService
from .cases import CaseService
from .office import OfficeDetails, OfficeService
from .views import Actor, CaseDetail

CLARIFICATION_REPLY_DAYS = 10

_WHERE_INSTEAD: dict[str, str] = {
    ScopeCategory.COMPLAINT.value: (
        "Đối với nội dung khiếu nại, đề nghị {nguoi_nhan} thực hiện theo trình tự, thủ tục "
        "quy định tại Luật Khiếu nại năm 2011."
    ),
    ScopeCategory.DENUNCIATION.value: (
        "Đối với nội dung tố cáo, đề nghị {nguoi_nhan} thực hiện theo trình tự, thủ tục quy "
        "định tại Luật Tố cáo năm 2018."
    ),
    ScopeCategory.LEGAL_ADVICE.value: (
        "Đối với yêu cầu hướng dẫn, giải đáp pháp luật, đề nghị {nguoi_nhan} liên hệ Trung tâm "
        "Trợ giúp pháp lý nhà nước hoặc tổ chức hành nghề luật sư để được tư vấn."
    ),
}
_RESUBMIT = (
    "{nguoi_nhan} có thể gửi lại phản ánh, kiến nghị bằng tiếng Việt, ghi rõ họ tên, địa chỉ, "
    "số điện thoại và nội dung theo quy định tại Điều 7 Nghị định số 20/2008/NĐ-CP (được sửa "
    "đổi, bổ sung tại Nghị định số 92/2017/NĐ-CP)."
)


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


def _addressee(detail: CaseDetail) -> str:
    if detail.submitter_kind == SubmitterKind.CITIZEN.value:
        return f"Ông/Bà {detail.submitter_name}"
    return detail.submitter_name


class LetterService:
    def __init__(
        self,
        db: Database,
        cases: CaseService,
        office: OfficeService,
        calendar: CalendarService,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._db = db
        self._cases = cases
        self._office = office
        self._calendar = calendar
        self._now = now

    # --- templates --------------------------------------------------------------------
    def template(self, kind: LetterKind) -> LetterTemplate:
        with self._db.read() as s:
            row = s.get(LetterTemplateRow, kind.value)
            if row is None:
                return DEFAULT_TEMPLATES[kind]
            return LetterTemplate(kind, row.subject, row.body, row.recipients)

    def save_template(self, template: LetterTemplate, actor: Actor) -> None:
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
        with self._db.write() as s:
            row = s.get(LetterTemplateRow, template.kind.value)
            if row is None:
                row = LetterTemplateRow(kind=template.kind.value)
                s.add(row)
            row.subject = template.subject.strip()
            row.body = template.body.strip()
            row.recipients = template.recipients.strip()
            row.updated_by = actor.name
            row.updated_at = self._now()

    def reset_template(self, kind: LetterKind, actor: Actor) -> None:
        self._cases.guard.require(actor, Permission.TEMPLATES)
        with self._db.write() as s:
            row = s.get(LetterTemplateRow, kind.value)
            if row is not None:
                s.delete(row)

    # --- composing -------------------------------------------------------------------
    def values(self, detail: CaseDetail, kind: LetterKind, office: OfficeDetails) -> dict[str, str]:
        cal = self._calendar.calendar()
        today = self._now().date()
        addressee = _addressee(detail)
        progress = [e.summary for e in detail.events if e.action == "post_progress"]
        reason = detail.rejection_reason
        where = _WHERE_INSTEAD.get(detail.scope or "", _RESUBMIT)
        values = {
            "co_quan": office.agency_short,
            "nguoi_nhan": addressee,
            "ma_pakn": detail.code,
            "ma_cong": detail.portal_code,
            "ngay_tiep_nhan": f"{detail.received_at:%d/%m/%Y}",
            "thoi_diem_tiep_nhan": f"{detail.received_at:%H giờ %M, ngày %d/%m/%Y}",
            "kenh": Channel(detail.channel).label,
            "ve_viec": detail.title.rstrip(". "),
            "dia_chi": detail.address,
            "so_dien_thoai": detail.phone,
            "ly_do": reason if kind is not LetterKind.TRANSFER else "",
            "huong_dan": where,
            "noi_dung_bo_sung": detail.missing_info,
            "han_bo_sung": f"{cal.add_working_days(today, CLARIFICATION_REPLY_DAYS):%d/%m/%Y}",
            "co_quan_nhan": detail.transfer_agency,
            "tinh_hinh": progress[-1].removeprefix("Cập nhật tình hình xử lý: ")
            if progress
            else "đang xác minh, làm rõ các nội dung liên quan.",
            "noi_dung_tra_loi": detail.answer_text or detail.result_text,
            "han_tra_loi": f"{cal.add_working_days(detail.clock_start, dl.ANSWER_DAYS):%d/%m/%Y}",
            "duong_day_nong": office.hotlines,
            "cong_thong_tin": office.portal_url,
            "luu": office.archive_mark,
        }
        # Placeholders inside the values (the "where instead" sentence) are filled too.
        values["huong_dan"] = fill(values["huong_dan"], values)
        if kind.published:
            for key in ("ve_viec", "ly_do", "noi_dung_bo_sung", "tinh_hinh", "noi_dung_tra_loi"):
                values[key] = redact(values[key], find_personal_data(values[key]))
        return values

    def compose(
        self,
        code: str,
        kind: LetterKind,
        actor: Actor,
        number_text: str | None = None,
        issued_on: date | None = None,
        detail: CaseDetail | None = None,
    ) -> LetterContent:
        detail = detail or self._cases.get(code)
        office = self._office.details()
        template = self.template(kind)
        values = self.values(detail, kind, office)
        symbol = office.symbol
        receipt = kind is LetterKind.RECEIPT
        body = [line for line in fill(template.body, values).splitlines() if line.strip()]
        recipients = [r for r in fill(template.recipients, values).splitlines() if r.strip()]
        return LetterContent(
            parent_agency=office.parent_agency,
            agency=office.agency,
            number_text=(
                f"Mã PAKN: {detail.code}"
                if receipt
                # A draft keeps room for the number, written in by hand or at issue time.
                else number_text or "Số:" + "\u00a0" * 8 + f"/{symbol}"
            ),
            place=office.place,
            issued_on=issued_on or self._now().date(),
            subject="" if receipt else fill(template.subject, values),
            title=fill(template.subject, values) if receipt else "",
            addressee="" if receipt else values["nguoi_nhan"],
            paragraphs=body,
            signer_authority="" if receipt else office.signer_authority,
            signer_title="NGƯỜI TIẾP NHẬN" if receipt else office.signer_title,
            signer_name=actor.name if receipt else office.signer_name,
            recipients=recipients,
            qr_text=f"PAKN:{detail.code}",
            qr_caption=f"Tra cứu PAKN: {detail.code}",
            pdf_title=f"{kind.label} - {detail.code}",
            author=office.agency_short,
        )

    def preview(self, code: str, kind: LetterKind, actor: Actor) -> bytes:
        """The letter as it will look, without a number, and nothing recorded."""
        actor = self._cases.guard.require(actor, Permission.VIEW_CASES)
        pdf, _ = render_letter(self.compose(code, kind, actor))
        return pdf

    # --- issuing -----------------------------------------------------------------------
    def issue(
        self,
        code: str,
        kind: LetterKind,
        actor: Actor,
        *,
        sign: SignOptions | None = None,
    ) -> IssuedLetter:
        actor = self._cases.guard.require(actor, letter_permission(kind))
        office = self._office.details()
        now = self._now()
        detail = self._cases.get(code)
        with self._db.write() as s:
            case = s.scalar(select(Case).where(Case.code == detail.code))
            if case is None:
                raise NotFound(f"Không tìm thấy PAKN có mã «{code}».")
            number = 0
            number_text = ""
            if kind.numbered:
                number = next_serial(s, f"letter:{now.year}:{office.symbol}")
                number_text = f"Số: {format_letter_number(number, office.symbol)}"
            if case.version != detail.version:
                detail = self._cases.get(code)  # changed meanwhile: word it from the latest
            content = self.compose(
                case.code, kind, actor, number_text or None, now.date(), detail=detail
            )
            pdf, box = render_letter(content)
            if sign is not None:
                pdf = sign_pdf(pdf, box, _with_location(sign, office.place))
            digest = hashlib.sha256(pdf).hexdigest()
            letter = Letter(
                case_id=case.id,
                kind=kind.value,
                year=now.year,
                symbol=office.symbol,
                number=number,
                subject=content.subject or content.title,
                issued_at=now,
                issued_by=actor.name,
                pdf=pdf,
                sha256=digest,
            )
            s.add(letter)
            s.add(
                CaseEvent(
                    case_id=case.id,
                    at=now,
                    actor_id=actor.id,
                    actor_name=actor.name,
                    action="letter_issued",
                    public=False,
                    summary=f"Ban hành {kind.label}"
                    + (f" số {format_letter_number(number, office.symbol)}" if number else "")
                    + (" (đã ký số)" if sign else "")
                    + ".",
                    changes={"kind": kind.value, "number": number, "sha256": digest},
                )
            )
            s.flush()
            return _issued(letter, case.code)

    def reprint(self, letter_id: int, actor: Actor) -> IssuedLetter:
        """The stored bytes of an issued letter, unchanged; the case history notes it."""
        actor = self._cases.guard.require(actor, *LETTER_PERMISSIONS)
        with self._db.write() as s:
            letter = s.get(Letter, letter_id)
            if letter is None:
                raise NotFound("Không tìm thấy văn bản trong sổ đăng ký.")
            if hashlib.sha256(letter.pdf).hexdigest() != letter.sha256:
                raise PaknError(
                    "Tệp văn bản trong sổ đăng ký không khớp mã băm SHA-256 đã lưu: "
                    "dữ liệu có thể đã bị sửa đổi."
                )
            code = None
            if letter.case_id is not None:
                case = s.get(Case, letter.case_id)
                code = case.code if case else None
                s.add(
                    CaseEvent(
                        case_id=letter.case_id,
                        at=self._now(),
                        actor_id=actor.id,
                        actor_name=actor.name,
                        action="letter_reprinted",
                        public=False,
                        summary=f"In lại {LetterKind(letter.kind).label}"
                        + (
                            f" số {format_letter_number(letter.number, letter.symbol)}"
                            if letter.number
                            else ""
                        )
                        + ".",
                        changes={"letter_id": letter.id},
                    )
                )
            return _issued(letter, code)

    def register(self, year: int | None = None, case_code: str | None = None) -> list[IssuedLetter]:
        with self._db.read() as s:
            q = select(Letter, Case.code).outerjoin(Case, Case.id == Letter.case_id)
            if year is not None:
                q = q.where(Letter.year == year)
            if case_code is not None:
                q = q.where(Case.code == case_code)
            rows = s.execute(q.order_by(Letter.year, Letter.symbol, Letter.number, Letter.id))
            return [_issued(letter, code) for letter, code in rows]


def _with_location(sign: SignOptions, place: str) -> SignOptions:
    if sign.location:
        return sign
    return SignOptions(sign.p12_path, sign.passphrase, sign.reason, place)


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
    )


__all__ = ["IssuedLetter", "LetterService", "SignatureBox"]
