"""The fixed vocabularies of a PAKN case: channels, submitter kinds, states, outcomes.

Values are stable ASCII identifiers stored in the database; labels are the Vietnamese words
the portal and the office use, for the CLI and for letters. The window translates through Qt.
"""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    WALK_IN = "walk_in"
    PHONE = "phone"
    LETTER = "letter"
    FAX = "fax"
    EMAIL = "email"
    NATIONAL_PORTAL = "national_portal"
    PROVINCIAL_PORTAL = "provincial_portal"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]

    @property
    def is_portal(self) -> bool:
        return self in (Channel.NATIONAL_PORTAL, Channel.PROVINCIAL_PORTAL)


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.WALK_IN: "Trực tiếp",
    Channel.PHONE: "Điện thoại",
    Channel.LETTER: "Văn bản",
    Channel.FAX: "Fax",
    Channel.EMAIL: "Thư điện tử",
    Channel.NATIONAL_PORTAL: "Cổng DVC quốc gia",
    Channel.PROVINCIAL_PORTAL: "Cổng DVC tỉnh",
}


class SubmitterKind(StrEnum):
    CITIZEN = "citizen"
    BUSINESS = "business"
    ORGANISATION = "organisation"
    STATE_AGENCY = "state_agency"

    @property
    def label(self) -> str:
        return SUBMITTER_KIND_LABELS[self]


SUBMITTER_KIND_LABELS: dict[SubmitterKind, str] = {
    SubmitterKind.CITIZEN: "Người dân",
    SubmitterKind.BUSINESS: "Doanh nghiệp",
    SubmitterKind.ORGANISATION: "Tổ chức",
    SubmitterKind.STATE_AGENCY: "Cơ quan nhà nước",
}


class CaseState(StrEnum):
    RECEIVED = "received"
    AWAITING_CLARIFICATION = "awaiting_clarification"
    REJECTED = "rejected"
    TRANSFERRED = "transferred"
    IN_PROGRESS = "in_progress"
    RESULT_RECORDED = "result_recorded"
    ANSWERED = "answered"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def public_label(self) -> str:
        return PUBLIC_STATE_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATES


STATE_LABELS: dict[CaseState, str] = {
    CaseState.RECEIVED: "Mới tiếp nhận, chờ phân loại",
    CaseState.AWAITING_CLARIFICATION: "Chờ bổ sung, làm rõ",
    CaseState.REJECTED: "Không tiếp nhận",
    CaseState.TRANSFERRED: "Đã chuyển cơ quan có thẩm quyền",
    CaseState.IN_PROGRESS: "Đang xử lý",
    CaseState.RESULT_RECORDED: "Đã có kết quả, chờ trả lời",
    CaseState.ANSWERED: "Đã trả lời",
    CaseState.CLOSED: "Đã đóng",
}

# The small set of words the person hears (QĐ 31/2021/QĐ-TTg style public states).
PUBLIC_STATE_LABELS: dict[CaseState, str] = {
    CaseState.RECEIVED: "Chờ xử lý",
    CaseState.AWAITING_CLARIFICATION: "Chờ bổ sung thông tin",
    CaseState.REJECTED: "Không tiếp nhận",
    CaseState.TRANSFERRED: "Đã chuyển",
    CaseState.IN_PROGRESS: "Đang xử lý",
    CaseState.RESULT_RECORDED: "Đang xử lý",
    CaseState.ANSWERED: "Đã trả lời",
    CaseState.CLOSED: "Đã trả lời",
}

OPEN_STATES: frozenset[CaseState] = frozenset(
    {
        CaseState.RECEIVED,
        CaseState.AWAITING_CLARIFICATION,
        CaseState.IN_PROGRESS,
        CaseState.RESULT_RECORDED,
    }
)


class Outcome(StrEnum):
    """How a case was classified (seed §2)."""

    REJECTED = "rejected"
    CLARIFICATION = "clarification"
    FORWARDED = "forwarded"
    ACCEPTED = "accepted"
    TRANSFERRED = "transferred"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.REJECTED: "Không tiếp nhận",
    Outcome.CLARIFICATION: "Đề nghị bổ sung, làm rõ",
    Outcome.FORWARDED: "Giao công chức xử lý",
    Outcome.ACCEPTED: "Tiếp nhận, tham mưu xử lý",
    Outcome.TRANSFERRED: "Chuyển cơ quan có thẩm quyền",
}


class ScopeCategory(StrEnum):
    """What the PAKN is about. The first four are accepted (seed, "Lưu ý" 1); the last
    three are excluded (seed, "Lưu ý" 2) and lead to a rejection."""

    OFFICIAL_CONDUCT = "official_conduct"
    REGULATION = "regulation"
    INITIATIVE = "initiative"
    RESOLUTION_68 = "resolution_68"
    COMPLAINT = "complaint"
    DENUNCIATION = "denunciation"
    LEGAL_ADVICE = "legal_advice"

    @property
    def label(self) -> str:
        return SCOPE_LABELS[self]

    @property
    def accepted(self) -> bool:
        return self not in EXCLUDED_SCOPES


SCOPE_LABELS: dict[ScopeCategory, str] = {
    ScopeCategory.OFFICIAL_CONDUCT: (
        "Hành vi chậm trễ, gây phiền hà hoặc không thực hiện, thực hiện không đúng quy định "
        "của cán bộ, công chức, viên chức trong giải quyết thủ tục hành chính"
    ),
    ScopeCategory.REGULATION: (
        "Cơ chế, chính sách, thủ tục hành chính không phù hợp với thực tế, không đồng bộ, "
        "không thống nhất, không hợp pháp, trái với điều ước quốc tế"
    ),
    ScopeCategory.INITIATIVE: (
        "Giải pháp, sáng kiến ban hành mới quy định về cơ chế, chính sách, thủ tục hành chính"
    ),
    ScopeCategory.RESOLUTION_68: (
        "Chậm trễ, không thực hiện, thực hiện không đúng Nghị quyết 68/NQ-CP "
        "và Quyết định 23/2021/QĐ-TTg"
    ),
    ScopeCategory.COMPLAINT: "Khiếu nại",
    ScopeCategory.DENUNCIATION: "Tố cáo",
    ScopeCategory.LEGAL_ADVICE: "Hướng dẫn giải đáp pháp luật",
}

EXCLUDED_SCOPES: frozenset[ScopeCategory] = frozenset(
    {ScopeCategory.COMPLAINT, ScopeCategory.DENUNCIATION, ScopeCategory.LEGAL_ADVICE}
)


class DeadlineStatus(StrEnum):
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    PAUSED = "paused"
    DONE = "done"

    @property
    def label(self) -> str:
        return DEADLINE_STATUS_LABELS[self]


DEADLINE_STATUS_LABELS: dict[DeadlineStatus, str] = {
    DeadlineStatus.ON_TRACK: "Trong hạn",
    DeadlineStatus.DUE_SOON: "Sắp đến hạn",
    DeadlineStatus.OVERDUE: "Quá hạn",
    DeadlineStatus.PAUSED: "Tạm dừng (chờ bổ sung)",
    DeadlineStatus.DONE: "Đã xong",
}


class Role(StrEnum):
    FRONT_DESK = "front_desk"
    OFFICIAL = "official"
    HEAD = "head"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.FRONT_DESK: "Cán bộ tiếp nhận",
    Role.OFFICIAL: "Công chức xử lý",
    Role.HEAD: "Lãnh đạo",
    Role.ADMIN: "Quản trị hệ thống",
}

# Topics offered by the portal (DOMAIN.md), plus the areas of a provincial Sở Nội vụ after the
# 2025 reorganisation: its own (cán bộ, công chức, viên chức; tổ chức bộ máy and chính quyền
# địa phương; tôn giáo; văn thư, lưu trữ; thi đua, khen thưởng; thanh niên) and labour, wages,
# employment and social insurance, which came from the Sở Lao động - Thương binh và Xã hội.
# A NEW office starts with these (migration 0024 copies them into its ``office_topics``); an
# office that existed before keeps the list it had (``TOPICS_BEFORE_2025``).
LABOUR_TOPIC = "Lao động, tiền lương, việc làm, bảo hiểm xã hội"
DEFAULT_TOPICS: tuple[str, ...] = (
    "PAKN về cải cách TTHC, xây dựng CPĐT, Nghị quyết 68/NQ-CP và Đề án 468",
    "PAKN về hỗ trợ đối phó đại dịch COVID-19",
    LABOUR_TOPIC,
    "Chính sách người có công",
    "Cán bộ, công chức, viên chức",
    "Tổ chức bộ máy, chính quyền địa phương",
    "Tôn giáo, tín ngưỡng",
    "Văn thư, lưu trữ",
    "Thi đua, khen thưởng",
    "Thanh niên",
    "Bảo trợ xã hội",
    "Giáo dục nghề nghiệp",
    "Khác",
)
# The list every office had before (a copy: never changed, an existing office keeps it).
TOPICS_BEFORE_2025: tuple[str, ...] = (
    "PAKN về cải cách TTHC, xây dựng CPĐT, Nghị quyết 68/NQ-CP và Đề án 468",
    "PAKN về hỗ trợ đối phó đại dịch COVID-19",
    "Lao động, việc làm",
    "Chính sách người có công",
    "Bảo trợ xã hội",
    "Giáo dục nghề nghiệp",
    "Khác",
)
# A topic of today's list and the name an older list gives the same area: a suggestion made
# in today's words is shown to such an office in its own.
TOPIC_EARLIER_NAMES: dict[str, tuple[str, ...]] = {LABOUR_TOPIC: ("Lao động, việc làm",)}
