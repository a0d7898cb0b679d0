"""Which letter a case calls for, when, and what it must say: one rule table for the services,
the window and the command line (DOMAIN.md, "Which letter, when").

- receipt: any time after intake (handed to the person; its own yearly series);
- rejection: after the case is rejected, with its reason;
- clarification: while the office waits for the person, listing what is missing;
- transfer: after the case is transferred, naming the receiving agency;
- progress: while in handling, once a progress update has been posted;
- answer: once the answer is recorded (answered, or closed after an answer).

A letter answers one event of the case's history (the rejection, the request, the progress
update, ...). It is issued once for that event; issuing again gives the letter already in the
register, and only an explicit replacement, with a reason, takes a new number.

The preset rejection reasons live here too, each with the advice its letter gives once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from .enums import CaseState, Outcome, ScopeCategory
from .errors import PaknError
from .workflow import Action


class LetterKind(StrEnum):
    REJECTION = "rejection"
    CLARIFICATION = "clarification"
    TRANSFER = "transfer"
    PROGRESS = "progress"
    ANSWER = "answer"
    RECEIPT = "receipt"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def numbered(self) -> bool:
        """Every letter takes a number: công văn from the office's outgoing register, intake
        receipts from their own yearly series (RECEIPT_SERIES, receipt_symbol), so each case
        can have one."""
        return True

    @property
    def in_sentence(self) -> str:
        """The label inside a sentence: "thông báo chuyển PAKN" (acronyms kept)."""
        label = self.label
        return label[:1].lower() + label[1:]

    @property
    def published(self) -> bool:
        """Letters that may be published: personal data is removed from what they quote."""
        return self is not LetterKind.RECEIPT


KIND_LABELS: dict[LetterKind, str] = {
    LetterKind.REJECTION: "Thông báo không tiếp nhận",
    LetterKind.CLARIFICATION: "Đề nghị bổ sung, làm rõ",
    LetterKind.TRANSFER: "Thông báo chuyển PAKN",
    LetterKind.PROGRESS: "Thông báo tình hình xử lý",
    LetterKind.ANSWER: "Văn bản trả lời",
    LetterKind.RECEIPT: "Phiếu tiếp nhận",
}

# Intake receipts are numbered in their own series per year ("42/PTN-SNV"), apart from the
# office's công văn, so that a thousand receipts never use up the outgoing register. The
# series' counter is named by RECEIPT_SERIES alone, so a changed symbol never restarts it.
RECEIPT_SERIES = "PTN"


def receipt_symbol(office_symbol: str) -> str:
    """The receipt's symbol as NĐ 30/2020 writes a named document's: its kind's abbreviation
    and the issuing agency's ("PTN-SNV" for an office whose công văn are "SNV-VP"); the
    agency's part is the office symbol before its drafting unit."""
    agency = office_symbol.strip().split("-")[0].strip()
    return f"{RECEIPT_SERIES}-{agency}" if agency else RECEIPT_SERIES


# The letter each workflow action calls for (the case editor offers it right after the action).
LETTER_FOR_ACTION: dict[Action, LetterKind] = {
    Action.REJECT: LetterKind.REJECTION,
    Action.ASK_CLARIFICATION: LetterKind.CLARIFICATION,
    Action.TRANSFER: LetterKind.TRANSFER,
    Action.POST_PROGRESS: LetterKind.PROGRESS,
    Action.PUBLISH_ANSWER: LetterKind.ANSWER,
}

# The history event that calls for each kind.
_EVENT_ACTION: dict[LetterKind, str] = {
    LetterKind.RECEIPT: "receive",
    LetterKind.REJECTION: Action.REJECT.value,
    LetterKind.CLARIFICATION: Action.ASK_CLARIFICATION.value,
    LetterKind.TRANSFER: Action.TRANSFER.value,
    LetterKind.PROGRESS: Action.POST_PROGRESS.value,
    LetterKind.ANSWER: Action.PUBLISH_ANSWER.value,
}
# Events after which an earlier rejection, transfer, request or answer no longer stands.
_SUPERSEDING = frozenset({"reopen", Action.SUPPLEMENT.value})


class LetterNotCalledFor(PaknError):
    """The case does not call for this letter now, or its content is missing."""


@dataclass(frozen=True)
class CaseEventFact:
    id: int
    action: str


@dataclass(frozen=True)
class CaseFacts:
    """What the rule needs to know of a case."""

    code: str
    state: CaseState
    outcome: str | None
    rejection_reason: str
    missing_info: str
    transfer_agency: str
    answer_text: str
    events: Sequence[CaseEventFact]


@dataclass(frozen=True)
class LetterCall:
    """A letter the case calls for: its kind and the event it answers."""

    kind: LetterKind
    event_id: int


def _latest(facts: CaseFacts, action: str) -> CaseEventFact | None:
    """The latest ``action`` event still standing: none if a reopen or a supplement came
    after it (the letter it called for belongs to an earlier round)."""
    for e in reversed(facts.events):
        if e.action == action:
            return e
        if e.action in _SUPERSEDING and action != "receive":
            return None
    return None


def _closed_after(facts: CaseFacts, outcome: Outcome) -> bool:
    return facts.state is CaseState.CLOSED and facts.outcome == outcome.value


def letter_call(facts: CaseFacts, kind: LetterKind) -> LetterCall:
    """The event ``kind`` answers; raises LetterNotCalledFor, saying what is missing, when the
    case does not call for that letter now."""
    state = facts.state
    wrong_state = (
        f"PAKN {facts.code} đang ở trạng thái «{state.label}»: "
        f"chưa thể ban hành {kind.in_sentence}."
    )
    if kind is LetterKind.REJECTION:
        if not (state is CaseState.REJECTED or _closed_after(facts, Outcome.REJECTED)):
            raise LetterNotCalledFor(
                wrong_state + " Thông báo không tiếp nhận chỉ ban hành sau khi PAKN được "
                "phân loại «Không tiếp nhận»."
            )
        if not facts.rejection_reason.strip():
            raise LetterNotCalledFor(
                f"PAKN {facts.code} chưa có lý do không tiếp nhận: cần nêu rõ lý do trước khi "
                "ban hành thông báo."
            )
    elif kind is LetterKind.CLARIFICATION:
        if state is not CaseState.AWAITING_CLARIFICATION:
            raise LetterNotCalledFor(
                wrong_state + " Văn bản đề nghị bổ sung chỉ ban hành khi đang chờ người phản "
                "ánh bổ sung, làm rõ."
            )
        if not facts.missing_info.strip():
            raise LetterNotCalledFor(f"PAKN {facts.code} chưa ghi nội dung cần bổ sung, làm rõ.")
    elif kind is LetterKind.TRANSFER:
        if not (state is CaseState.TRANSFERRED or _closed_after(facts, Outcome.TRANSFERRED)):
            raise LetterNotCalledFor(
                wrong_state + " Thông báo chuyển PAKN chỉ ban hành sau khi PAKN được chuyển "
                "cơ quan có thẩm quyền."
            )
        if not facts.transfer_agency.strip():
            raise LetterNotCalledFor(
                f"PAKN {facts.code} chưa ghi cơ quan có thẩm quyền được chuyển đến."
            )
    elif kind is LetterKind.PROGRESS:
        if state is not CaseState.IN_PROGRESS:
            raise LetterNotCalledFor(
                wrong_state + " Thông báo tình hình xử lý chỉ ban hành khi PAKN đang được xử lý."
            )
    elif kind is LetterKind.ANSWER:
        answered = state is CaseState.ANSWERED or (
            state is CaseState.CLOSED and facts.outcome in (Outcome.FORWARDED, Outcome.ACCEPTED)
        )
        if not answered or not facts.answer_text.strip():
            raise LetterNotCalledFor(
                f"PAKN {facts.code} chưa có nội dung trả lời: cần ghi nhận kết quả và nhập nội "
                "dung trả lời («Trả lời, công khai kết quả») trước khi ban hành văn bản trả lời."
            )
    event = _latest(facts, _EVENT_ACTION[kind])
    if event is None:
        if kind is LetterKind.PROGRESS:
            raise LetterNotCalledFor(
                f"PAKN {facts.code} chưa có cập nhật tình hình xử lý nào để thông báo: hãy "
                "«Cập nhật tình hình xử lý» trước."
            )
        raise LetterNotCalledFor(
            f"Không tìm thấy trong lịch sử PAKN {facts.code} sự kiện cần ban hành "
            f"{kind.in_sentence}."
        )
    return LetterCall(kind, event.id)


def letters_called_for(facts: CaseFacts) -> list[LetterKind]:
    """Every kind the case calls for now, receipt first."""
    out = []
    for kind in (
        LetterKind.RECEIPT,
        LetterKind.REJECTION,
        LetterKind.CLARIFICATION,
        LetterKind.TRANSFER,
        LetterKind.PROGRESS,
        LetterKind.ANSWER,
    ):
        try:
            letter_call(facts, kind)
        except LetterNotCalledFor:
            continue
        out.append(kind)
    return out


def suggested_letter(facts: CaseFacts) -> LetterKind:
    """The letter the case most likely waits for: its latest called-for kind, else the receipt."""
    called = letters_called_for(facts)
    return called[-1] if called else LetterKind.RECEIPT


# --- how letters address the person ------------------------------------------------------
class Salutation(StrEnum):
    UNKNOWN = ""
    MR = "Ông"
    MRS = "Bà"

    @property
    def label(self) -> str:
        return {"": "Ông/Bà (chưa rõ)", "Ông": "Ông", "Bà": "Bà"}[self.value]


def addressee(submitter_kind: str, name: str, salutation: str) -> str:
    """ "Ông Nguyễn Văn An", "Bà ...", "Ông/Bà ..." when unknown; organisations by their name."""
    from .enums import SubmitterKind

    if submitter_kind != SubmitterKind.CITIZEN.value:
        return name
    title = salutation if salutation in (Salutation.MR.value, Salutation.MRS.value) else "Ông/Bà"
    return f"{title} {name}"


def subject_phrase(title: str) -> str:
    """The case title as it reads after "về việc": quoted, so a capitalised or long title reads
    naturally mid-sentence ("về việc “Tố cáo cán bộ …”")."""
    t = " ".join(title.split()).rstrip(" .;,")
    t = t.strip("\"“”«»'")
    return f"“{t}”" if t else ""


# --- rejection reasons ----------------------------------------------------------------------
class RejectionGround(StrEnum):
    COMPLAINT = "complaint"
    DENUNCIATION = "denunciation"
    LEGAL_ADVICE = "legal_advice"
    MISSING_DETAILS = "missing_details"
    NOT_VIETNAMESE_OR_UNCLEAR = "unclear"
    ALREADY_ANSWERED = "already_answered"
    OUT_OF_REMIT = "out_of_remit"
    OTHER = "other"


GROUND_LABELS: dict[RejectionGround, str] = {
    RejectionGround.COMPLAINT: "Nội dung là khiếu nại",
    RejectionGround.DENUNCIATION: "Nội dung là tố cáo",
    RejectionGround.LEGAL_ADVICE: "Yêu cầu hướng dẫn, giải đáp pháp luật",
    RejectionGround.MISSING_DETAILS: "Thiếu họ tên, địa chỉ hoặc số điện thoại",
    RejectionGround.NOT_VIETNAMESE_OR_UNCLEAR: "Không dùng tiếng Việt hoặc nội dung không rõ",
    RejectionGround.ALREADY_ANSWERED: "Trùng PAKN đã được trả lời (ghi mã PAKN trước)",
    RejectionGround.OUT_OF_REMIT: "Không thuộc thẩm quyền (ghi cơ quan có thẩm quyền, nếu biết)",
    RejectionGround.OTHER: "Lý do khác (ghi lý do)",
}


@dataclass(frozen=True)
class RejectionPreset:
    ground: RejectionGround
    reason: str  # the "Lý do:" sentence
    advice: str  # what the person can do instead; placeholders {nguoi_nhan}, {ma_truoc}, ...
    scope: ScopeCategory | None = None


_RESUBMIT = (
    "{nguoi_nhan} có thể gửi lại phản ánh, kiến nghị bằng tiếng Việt, ghi rõ họ tên, địa chỉ, "
    "số điện thoại và nội dung theo quy định tại Điều 7 Nghị định số 20/2008/NĐ-CP (được sửa "
    "đổi, bổ sung tại Nghị định số 92/2017/NĐ-CP)."
)

REJECTION_PRESETS: dict[RejectionGround, RejectionPreset] = {
    RejectionGround.COMPLAINT: RejectionPreset(
        RejectionGround.COMPLAINT,
        "Nội dung là khiếu nại, không thuộc phạm vi tiếp nhận phản ánh, kiến nghị.",
        "Đối với nội dung khiếu nại, đề nghị {nguoi_nhan} thực hiện theo trình tự, thủ tục "
        "quy định tại Luật Khiếu nại năm 2011.",
        ScopeCategory.COMPLAINT,
    ),
    RejectionGround.DENUNCIATION: RejectionPreset(
        RejectionGround.DENUNCIATION,
        "Nội dung là tố cáo, không thuộc phạm vi tiếp nhận phản ánh, kiến nghị.",
        "Đối với nội dung tố cáo, đề nghị {nguoi_nhan} thực hiện theo trình tự, thủ tục quy "
        "định tại Luật Tố cáo năm 2018.",
        ScopeCategory.DENUNCIATION,
    ),
    RejectionGround.LEGAL_ADVICE: RejectionPreset(
        RejectionGround.LEGAL_ADVICE,
        "Yêu cầu hướng dẫn, giải đáp pháp luật không thuộc phạm vi tiếp nhận phản ánh, kiến nghị.",
        "Đối với yêu cầu hướng dẫn, giải đáp pháp luật, đề nghị {nguoi_nhan} liên hệ Trung tâm "
        "Trợ giúp pháp lý nhà nước của tỉnh hoặc tổ chức hành nghề luật sư để được tư vấn.",
        ScopeCategory.LEGAL_ADVICE,
    ),
    RejectionGround.MISSING_DETAILS: RejectionPreset(
        RejectionGround.MISSING_DETAILS,
        "Phản ánh, kiến nghị không ghi đủ họ tên, địa chỉ hoặc số điện thoại của người phản "
        "ánh, kiến nghị.",
        _RESUBMIT,
    ),
    RejectionGround.NOT_VIETNAMESE_OR_UNCLEAR: RejectionPreset(
        RejectionGround.NOT_VIETNAMESE_OR_UNCLEAR,
        "Phản ánh, kiến nghị không sử dụng tiếng Việt hoặc nội dung không rõ ràng.",
        _RESUBMIT,
    ),
    RejectionGround.ALREADY_ANSWERED: RejectionPreset(
        RejectionGround.ALREADY_ANSWERED,
        "Nội dung trùng với phản ánh, kiến nghị mã {ma_truoc} đã được trả lời ngày {ngay_truoc}.",
        "Đề nghị {nguoi_nhan} tra cứu nội dung trả lời bằng mã PAKN {ma_truoc}.",
    ),
    RejectionGround.OUT_OF_REMIT: RejectionPreset(
        RejectionGround.OUT_OF_REMIT,
        "Nội dung không thuộc phạm vi quản lý, thẩm quyền của {co_quan}.",
        "Đề nghị {nguoi_nhan} gửi phản ánh, kiến nghị đến {co_quan_tham_quyen} để được xem "
        "xét theo thẩm quyền.",
    ),
}


@dataclass(frozen=True)
class Rejection:
    """A rejection as recorded on the case: its reason sentence and its advice, worded once."""

    reason: str
    advice: str
    scope: ScopeCategory | None


def word_rejection(
    ground: RejectionGround,
    *,
    agency: str = "",
    earlier_code: str = "",
    earlier_answered_on: date | None = None,
    competent_agency: str = "",
    other_reason: str = "",
) -> Rejection:
    """The reason and advice of a preset, its own details filled in. Raises PaknError naming
    what the preset still needs (the earlier code, the competent agency...)."""
    if ground is RejectionGround.OTHER:
        if not other_reason.strip():
            raise PaknError("Vui lòng nêu rõ lý do không tiếp nhận.")
        return Rejection(" ".join(other_reason.split()), "", None)
    preset = REJECTION_PRESETS[ground]
    values = {"co_quan": agency or "cơ quan"}
    advice = preset.advice
    if ground is RejectionGround.ALREADY_ANSWERED:
        if not earlier_code.strip() or earlier_answered_on is None:
            raise PaknError(
                "Cần mã và ngày trả lời của PAKN đã được trả lời trước đó (PAKN trùng)."
            )
        values["ma_truoc"] = earlier_code.strip()
        values["ngay_truoc"] = f"{earlier_answered_on:%d/%m/%Y}"
    if ground is RejectionGround.OUT_OF_REMIT:
        if competent_agency.strip():
            values["co_quan_tham_quyen"] = " ".join(competent_agency.split())
        else:
            advice = "Đề nghị {nguoi_nhan} gửi phản ánh, kiến nghị đến cơ quan có thẩm quyền."
    reason = preset.reason
    for key, value in values.items():
        reason = reason.replace("{" + key + "}", value)
        advice = advice.replace("{" + key + "}", value)
    return Rejection(reason, advice, preset.scope)


def advice_for(scope: str | None) -> str:
    """The advice a rejection gives when only its scope is known (older cases, free reasons);
    none when the scope says nothing (a free reason carries its own words)."""
    for preset in REJECTION_PRESETS.values():
        if preset.scope is not None and preset.scope.value == scope:
            return preset.advice
    return ""


@dataclass(frozen=True)
class RegisterEntry:
    """One line of the outgoing register (sổ đăng ký văn bản đi), without the PDF bytes
    (read by the letter service, shown by the window, written by the reports)."""

    id: int
    kind: LetterKind
    number: int
    number_text: str
    year: int
    issued_at: datetime
    issued_by: str
    signer_name: str
    case_code: str | None
    subject: str
    signed: bool
    replaces_number: str
    replaced_by_number: str
    replace_reason: str
