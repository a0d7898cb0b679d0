"""Realistic demo data: Vietnamese names, addresses from the 34 provinces and their wards
(``vietnam-provinces``), every channel, topic, submitter kind and state, received over the two
years before today, with every date and deadline consistent with the working-day calendar.

Rows are written with bulk Core inserts in batches (no ORM objects per row), so 100,000 cases
take seconds, not minutes. Existing cases are kept; codes continue after them."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pakn_desktop.domain import deadlines as dl
from pakn_desktop.domain import places
from pakn_desktop.domain.codes import format_case_code
from pakn_desktop.domain.enums import (
    LABOUR_TOPIC,
    TOPICS_BEFORE_2025,
    CaseState,
    Channel,
    Outcome,
    Role,
    ScopeCategory,
    SubmitterKind,
)
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.text import fold
from pakn_desktop.domain.validation import format_phone
from pakn_desktop.store.models import Case, CaseEvent, Counter, Submitter
from pakn_desktop.store.summary import rebuild as rebuild_summary

if TYPE_CHECKING:
    from pakn_desktop.services import Services

BATCH = 5000

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "A",
    "Y",
    "Rơ Chăm",
    "Đinh",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Xuân", "Kim"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Đức",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Phúc",
    "Phương",
    "Quân",
    "Quỳnh",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Tuấn",
    "Vân",
    "Việt",
    "Yến",
    "Blơng",
    "H'Hen",
]
BUSINESS = ["Công ty TNHH {}", "Công ty Cổ phần {}", "Hợp tác xã {}", "Doanh nghiệp tư nhân {}"]
BRAND = [
    "Minh Phát",
    "Tây Nguyên Xanh",
    "Đại Lộc",
    "Hưng Thịnh",
    "An Khang",
    "Sao Việt",
    "Kon Plông",
    "Ngọc Linh",
    "Trường Sơn",
    "Phú Gia",
]
ORGS = [
    "Hội Nông dân xã {}",
    "Hội Liên hiệp Phụ nữ phường {}",
    "Hội Cựu chiến binh xã {}",
    "Ban đại diện Hội người cao tuổi {}",
]
AGENCIES = ["UBND xã {}", "UBND phường {}", "Trường Tiểu học {}", "Trạm Y tế xã {}"]
STREETS = [
    "Trần Hưng Đạo",
    "Lê Hồng Phong",
    "Phan Đình Phùng",
    "Nguyễn Huệ",
    "Hùng Vương",
    "Bà Triệu",
    "Lê Lợi",
    "Ure",
    "Trường Chinh",
    "Phạm Văn Đồng",
]
PROCEDURES = [
    "cấp giấy phép lao động cho người nước ngoài",
    "giải quyết trợ cấp thất nghiệp",
    "xác nhận người có công với cách mạng",
    "trợ cấp xã hội hằng tháng cho người cao tuổi",
    "cấp thẻ bảo hiểm y tế cho người thuộc hộ nghèo",
    "đăng ký nội quy lao động",
    "hỗ trợ người lao động theo Nghị quyết 68/NQ-CP",
    "cấp giấy chứng nhận hộ nghèo",
    "điều chỉnh trợ cấp thương binh",
    "cấp phép hoạt động giáo dục nghề nghiệp",
    "trợ cấp mai táng phí",
    "chi trả chế độ ưu đãi giáo dục",
]
TITLES = {
    ScopeCategory.OFFICIAL_CONDUCT: [
        "Chậm giải quyết hồ sơ {p}",
        "Cán bộ yêu cầu nộp thêm giấy tờ không đúng quy định khi {p}",
        "Hồ sơ {p} quá hạn chưa có kết quả",
    ],
    ScopeCategory.REGULATION: [
        "Thủ tục {p} còn rườm rà",
        "Đề nghị sửa đổi quy định về {p}",
        "Quy định về {p} chưa thống nhất giữa các địa phương",
    ],
    ScopeCategory.INITIATIVE: [
        "Kiến nghị cho phép nộp trực tuyến toàn trình thủ tục {p}",
        "Đề xuất đơn giản hóa thành phần hồ sơ {p}",
    ],
    ScopeCategory.RESOLUTION_68: [
        "Chưa nhận được hỗ trợ theo Nghị quyết 68/NQ-CP",
        "Chậm chi trả hỗ trợ theo Quyết định 23/2021/QĐ-TTg",
    ],
    ScopeCategory.COMPLAINT: ["Khiếu nại quyết định {p}", "Không đồng ý với kết quả {p}"],
    ScopeCategory.DENUNCIATION: ["Tố cáo cán bộ nhận tiền khi {p}"],
    ScopeCategory.LEGAL_ADVICE: ["Hỏi về quy định pháp luật liên quan đến {p}"],
}
CONTENT = [
    "Tôi đã nộp hồ sơ {p} tại Bộ phận Một cửa từ ngày {d} nhưng đến nay chưa nhận được kết quả, "
    "cũng không được thông báo lý do. Đề nghị cơ quan xem xét, giải quyết.",
    "Khi thực hiện thủ tục {p}, tôi được yêu cầu bổ sung nhiều lần các giấy tờ không có trong "
    "danh mục thành phần hồ sơ đã công bố. Đề nghị làm rõ và hướng dẫn cụ thể.",
    "Quy định hiện hành về {p} yêu cầu nộp bản sao có chứng thực trong khi dữ liệu đã có trên "
    "Cơ sở dữ liệu quốc gia về dân cư. Kiến nghị bỏ yêu cầu này để giảm chi phí cho người dân.",
    "Đơn vị chúng tôi đề xuất cho phép thực hiện thủ tục {p} trực tuyến toàn trình trên Cổng "
    "Dịch vụ công, giảm thời gian đi lại cho người lao động ở vùng sâu, vùng xa.",
]
_OUT_OF_SCOPE = "không thuộc phạm vi tiếp nhận phản ánh, kiến nghị."
REJECT_REASONS = {
    ScopeCategory.COMPLAINT: f"Nội dung là khiếu nại, {_OUT_OF_SCOPE}",
    ScopeCategory.DENUNCIATION: f"Nội dung là tố cáo, {_OUT_OF_SCOPE}",
    ScopeCategory.LEGAL_ADVICE: f"Yêu cầu hướng dẫn, giải đáp pháp luật {_OUT_OF_SCOPE}",
}
# Other agencies of the office's province ("tỉnh" is followed by its name when a case is made:
# a letter names the agency it went to, "Sở Y tế tỉnh Quảng Ngãi"); none is the demo office
# itself (a Sở Nội vụ) and none was dissolved in 2025.
TRANSFER_AGENCIES = [
    "Sở Y tế tỉnh",
    "Sở Giáo dục và Đào tạo tỉnh",
    "Sở Xây dựng tỉnh",
    "Sở Nông nghiệp và Môi trường tỉnh",
    "UBND xã Đắk Hà",
    "Sở Tài chính tỉnh",
]


def _of_province(agency: str, province: places.Province | None) -> str:
    """ "Sở Y tế tỉnh" -> "Sở Y tế tỉnh Quảng Ngãi" (the office's province)."""
    if province is None or not agency.endswith(" tỉnh"):
        return agency
    return f"{agency.removesuffix(' tỉnh')} {province.full_name}"


CHANNEL_WEIGHTS = {
    Channel.NATIONAL_PORTAL: 30,
    Channel.PROVINCIAL_PORTAL: 20,
    Channel.WALK_IN: 15,
    Channel.PHONE: 12,
    Channel.LETTER: 10,
    Channel.EMAIL: 10,
    Channel.FAX: 3,
}
KIND_WEIGHTS = {
    SubmitterKind.CITIZEN: 75,
    SubmitterKind.BUSINESS: 15,
    SubmitterKind.ORGANISATION: 6,
    SubmitterKind.STATE_AGENCY: 4,
}
DEMO_OFFICIALS = [
    ("Lê Thị Thu Hà", Role.HEAD, "Trưởng phòng"),
    ("Nguyễn Văn Hùng", Role.OFFICIAL, "Chuyên viên"),
    ("Trần Minh Quân", Role.OFFICIAL, "Chuyên viên"),
    ("Phạm Thị Lan", Role.OFFICIAL, "Chuyên viên chính"),
    ("Võ Đức Thắng", Role.HEAD, "Phó Trưởng phòng"),
    ("Đặng Thu Trang", Role.OFFICIAL, "Chuyên viên"),
    ("Bùi Quốc Việt", Role.OFFICIAL, "Chuyên viên"),
    ("Y Blơng", Role.OFFICIAL, "Chuyên viên"),
    ("Hoàng Thị Yến", Role.FRONT_DESK, "Văn thư"),
]

# Seven of today's topics (a demo office is new): as many as the demo always drew from, so
# that the same seed still makes the same office.
DEMO_TOPICS: tuple[str, ...] = tuple(
    LABOUR_TOPIC if t == "Lao động, việc làm" else t for t in TOPICS_BEFORE_2025
)


@dataclass
class _Plan:
    received: datetime
    state: CaseState
    outcome: Outcome | None = None
    scope: ScopeCategory | None = None
    clock_start: date | None = None
    classified_on: date | None = None
    result_on: date | None = None
    progress: list[date] = field(default_factory=list)
    answered_on: date | None = None
    closed_on: date | None = None
    asked_on: date | None = None
    supplemented_on: date | None = None


@lru_cache(maxsize=1)
def _places() -> list[places.Commune]:
    """Every commune of today (34 provinces, two tiers)."""
    return [c for p in places.provinces() for c in places.communes(p.code)]


# Most PAKN come from the office's own province; the rest from anywhere in the country.
HOME_SHARE = 0.7


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.85:
        return rng.choice(["09", "03", "08", "07", "05"]) + f"{rng.randrange(10**8):08d}"
    return (
        "02"
        + rng.choice(["60", "4", "8", "55", "62"]).ljust(2, "0")
        + f"{rng.randrange(10**7):07d}"
    )


def _plan(rng: random.Random, cal: Any, received: datetime, today: date) -> _Plan:
    r = received.date()

    def wd(start: date, lo: int, hi: int) -> date:
        return cal.add_working_days(start, rng.randint(lo, hi))

    p = _Plan(received, CaseState.RECEIVED, clock_start=r)
    roll = rng.random()
    if roll < 0.08:  # outside the scope: rejected within 2 working days (a few late)
        p.scope = rng.choice(list(REJECT_REASONS))
        day = wd(r, 1, 2 if rng.random() < 0.9 else 4)
        if day <= today:
            p.state, p.outcome, p.classified_on, p.closed_on = (
                CaseState.REJECTED,
                Outcome.REJECTED,
                day,
                day,
            )
        return p
    p.scope = rng.choice(
        [
            ScopeCategory.OFFICIAL_CONDUCT,
            ScopeCategory.REGULATION,
            ScopeCategory.INITIATIVE,
            ScopeCategory.RESOLUTION_68,
        ]
    )
    if roll < 0.13:
        day = wd(r, 1, 5)
        if day <= today:
            p.state, p.outcome, p.classified_on = CaseState.TRANSFERRED, Outcome.TRANSFERRED, day
            p.closed_on = day
        return p
    if roll < 0.21:  # unclear: ask for clarification, maybe a supplement comes
        ask = wd(r, 1, 5)
        if ask > today:
            return p
        p.state, p.outcome, p.asked_on, p.classified_on = (
            CaseState.AWAITING_CLARIFICATION,
            Outcome.CLARIFICATION,
            ask,
            ask,
        )
        if rng.random() < 0.6:
            sup = wd(ask, 2, 12)
            if sup <= today:
                p.supplemented_on = sup
                p.clock_start = sup
                p.state, p.outcome, p.classified_on = CaseState.RECEIVED, None, None
                return _handle(rng, cal, p, today)
        elif cal.working_days_between(ask, today) > 25:
            p.state, p.closed_on = CaseState.CLOSED, wd(ask, 20, 25)
        return p
    return _handle(rng, cal, p, today)


def _handle(rng: random.Random, cal: Any, p: _Plan, today: date) -> _Plan:
    start = p.clock_start or p.received.date()
    cls = cal.add_working_days(
        start, rng.randint(1, 5) if rng.random() < 0.95 else rng.randint(6, 9)
    )
    if cls > today:
        return p
    p.state = CaseState.IN_PROGRESS
    p.outcome = Outcome.FORWARDED if rng.random() < 0.7 else Outcome.ACCEPTED
    p.classified_on = cls
    span = rng.randint(3, 15) if rng.random() < 0.85 else rng.randint(16, 40)
    result = cal.add_working_days(start, max(span, cal.working_days_between(start, cls) + 1))
    answer_due = cal.add_working_days(start, dl.ANSWER_DAYS)
    # Progress updates every 5 working days after the 15, up to the result or today.
    upd = cal.add_working_days(answer_due, dl.PROGRESS_CYCLE_DAYS)
    while upd <= min(result, today) and upd > answer_due:
        if rng.random() < 0.85:
            p.progress.append(upd)
        upd = cal.add_working_days(upd, dl.PROGRESS_CYCLE_DAYS)
    if result > today:
        return p
    p.state, p.result_on = CaseState.RESULT_RECORDED, result
    ans = cal.add_working_days(
        result, rng.randint(1, 2) if rng.random() < 0.9 else rng.randint(3, 5)
    )
    if ans > today:
        return p
    p.state, p.answered_on = CaseState.ANSWERED, ans
    if cal.working_days_between(ans, today) > 10 and rng.random() < 0.7:
        p.state, p.closed_on = CaseState.CLOSED, cal.add_working_days(ans, rng.randint(3, 10))
    return p


# One account per role that can log in, with a password shown once by ``pakn demo``.
# Their names are people's names, as a receipt's signature prints them ("Phan Văn Tâm (quản
# trị)" signed demo receipts); the login names say the role.
DEMO_ACCOUNTS = [
    ("tiepnhan", "Đỗ Thị Hồng Nhung", Role.FRONT_DESK, "Văn thư"),
    ("chuyenvien", "Ngô Văn Khánh", Role.OFFICIAL, "Chuyên viên"),
    ("lanhdao", "Trương Thị Minh Thư", Role.HEAD, "Trưởng phòng"),
    ("quantri", "Phan Văn Tâm", Role.ADMIN, "Quản trị hệ thống"),
]


def _ensure_officials(services: Services) -> list[str]:
    """The demo staff (names to assign cases to) and the four demo accounts; returns the
    lines that show the new accounts' passwords (only when they are created)."""
    import secrets

    try:
        admin = services.office.actor()
    except PaknError:
        return []
    have = {u.full_name for u in services.office.users()}
    units = services.office.units()
    logins = {u.username for u in services.office.users(include_inactive=True)}
    for i, (name, role, title) in enumerate(DEMO_OFFICIALS):
        if name not in have:
            username = f"demo{i + 1:02d}"
            if username in logins:
                continue
            services.office.add_user(
                username,
                name,
                role,
                title=title,
                unit_id=units[i % len(units)].id if units else None,
                actor=admin,
            )
    lines: list[str] = []
    for username, name, role, title in DEMO_ACCOUNTS:
        if username in logins:
            continue
        password = secrets.token_urlsafe(12)
        services.office.add_user(
            username,
            name,
            role,
            title=title,
            unit_id=units[0].id if units else None,
            actor=admin,
            password=password,
        )
        lines.append(f"  {role.label}: tên đăng nhập {username}, mật khẩu {password}")
    if lines:
        lines.insert(0, "Tài khoản mẫu (mật khẩu chỉ hiện một lần này):")
    return lines


def generate_demo(
    services: Services,
    n: int,
    *,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    today: date | None = None,
) -> list[str]:
    """Add ``n`` demo cases; returns summary lines in Vietnamese."""
    rng = random.Random(seed)
    today = today or services.now().date()
    cal = services.calendar.calendar()
    account_lines = _ensure_officials(services)
    officials = [u for u in services.office.officials()]
    # The front desk receives (and signs the receipts); an administrator only when the office
    # has no front desk (a receipt signed "Quản trị hệ thống" is not an office's).
    users = services.office.users()
    desk = [u for u in users if u.role == Role.FRONT_DESK.value] or [
        u for u in users if u.role == Role.ADMIN.value
    ]
    everywhere = _places()
    home = places.communes(services.office.home_province_code()) or everywhere
    province = places.province(services.office.home_province_code())
    db = services.db
    with db.read() as s:
        next_case = (s.scalar(select(func.max(Case.id))) or 0) + 1
        next_sub = (s.scalar(select(func.max(Submitter.id))) or 0) + 1
        next_event = (s.scalar(select(func.max(CaseEvent.id))) or 0) + 1
        counters = {c.name: c.value for c in s.scalars(select(Counter))}
    start_day = today - timedelta(days=730)
    received: list[datetime] = []
    for _ in range(n):
        d = start_day + timedelta(days=rng.randrange(731))
        if d.weekday() >= 5 and rng.random() < 0.85:
            d -= timedelta(days=d.weekday() - 4)
        minute = (
            rng.randrange(7 * 60 + 30, 17 * 60) if rng.random() < 0.9 else rng.randrange(24 * 60)
        )
        received.append(datetime.combine(d, time(minute // 60, minute % 60)))
    received.sort()
    counts: dict[CaseState, int] = {}
    done = 0
    for b0 in range(0, n, BATCH):
        subs: list[dict[str, Any]] = []
        cases: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        for at in received[b0 : b0 + BATCH]:
            p = _plan(rng, cal, at, today)
            counts[p.state] = counts.get(p.state, 0) + 1
            kind = _pick(rng, KIND_WEIGHTS)
            place = rng.choice(home if rng.random() < HOME_SHARE else everywhere)
            ward = place.name
            if kind is SubmitterKind.CITIZEN:
                name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            elif kind is SubmitterKind.BUSINESS:
                name = rng.choice(BUSINESS).format(rng.choice(BRAND))
            elif kind is SubmitterKind.ORGANISATION:
                name = rng.choice(ORGS).format(ward.split(" ", 1)[-1])
            else:
                name = rng.choice(AGENCIES).format(ward.split(" ", 1)[-1])
            address = places.address_text(
                f"Số {rng.randint(1, 300)} đường {rng.choice(STREETS)}",
                place.code,
                place.province_code,
            )
            phone = _phone(rng)
            email = f"lienhe{rng.randrange(10**5)}@example.vn" if rng.random() < 0.3 else ""
            channel = _pick(rng, CHANNEL_WEIGHTS)
            year = at.year
            serial = counters.get(f"case:{year}", 0) + 1
            counters[f"case:{year}"] = serial
            code = format_case_code(year, serial)
            portal = (
                f"H{year % 100:02d}.{rng.randint(10, 99)}-{at:%y%m%d}-{rng.randrange(10**4):04d}"
                if channel.is_portal
                else ""
            )
            proc = rng.choice(PROCEDURES)
            assert p.scope is not None
            title = rng.choice(TITLES[p.scope]).format(p=proc)
            content = rng.choice(CONTENT).format(p=proc, d=f"{at:%d/%m/%Y}")
            official = (
                rng.choice(officials)
                if officials and p.outcome in (Outcome.FORWARDED, Outcome.ACCEPTED)
                else None
            )
            actor = rng.choice(desk) if desk else None
            actor_name = actor.full_name if actor else "Quản trị hệ thống"
            head = official.full_name if official else actor_name
            cid, sid = next_case, next_sub
            next_case += 1
            next_sub += 1
            subs.append(
                {
                    "id": sid,
                    "kind": kind.value,
                    "name": name,
                    "address": address,
                    "phone": format_phone(phone),
                    "phone_norm": phone,
                    "email": email,
                }
            )
            clock_start = p.clock_start or at.date()
            sd = dl.status_deadline(cal, dl.CaseClock(p.state, clock_start, p.result_on))
            cases.append(
                {
                    "id": cid,
                    "code": code,
                    "portal_code": portal,
                    "channel": channel.value,
                    "submitter_id": sid,
                    "submitter_kind": kind.value,
                    "title": title,
                    "province_code": place.province_code,
                    "commune_code": place.code,
                    "content": content,
                    "private_note": "",
                    "topic": rng.choice(DEMO_TOPICS),
                    "unit_id": official.unit_id if official else None,
                    "official_id": official.id if official else None,
                    "state": p.state.value,
                    "outcome": p.outcome.value if p.outcome else None,
                    "scope": p.scope.value,
                    "received_at": at,
                    "clock_start": clock_start,
                    "due_on": sd.due if sd else None,
                    "classified_on": p.classified_on,
                    "result_on": p.result_on,
                    "last_progress_on": p.progress[-1] if p.progress else None,
                    "answered_on": p.answered_on,
                    "closed_on": p.closed_on,
                    "rejection_reason": REJECT_REASONS.get(p.scope, "")
                    if p.state is CaseState.REJECTED
                    else "",
                    "missing_info": "Số hồ sơ đã nộp, ngày nộp và bản chụp giấy hẹn trả kết quả."
                    if p.asked_on
                    else "",
                    "transfer_agency": _of_province(rng.choice(TRANSFER_AGENCIES), province)
                    if p.outcome is Outcome.TRANSFERRED
                    else "",
                    "result_text": "Đã kiểm tra, giải quyết hồ sơ theo quy định."
                    if p.result_on
                    else "",
                    # Fits every subject and every sender (a person, a business, an
                    # association): a procedure named here was not always the one in the title.
                    "answer_text": "Qua kiểm tra, nội dung phản ánh, kiến nghị nêu trên đã "
                    "được xem xét, giải quyết theo quy định."
                    if p.answered_on
                    else "",
                    "reopen_count": 0,
                    "search_text": fold(
                        " ".join((code, code.replace("-", ""), portal, name, phone, title, content))
                    ),
                    "created_by_id": actor.id if actor else None,
                    "version": 1,
                }
            )

            def ev(
                day: date | datetime,
                who: str,
                action: str,
                summary: str,
                public: bool,
                *,
                cid: int = cid,
                events: list[dict[str, Any]] = events,
            ) -> None:
                nonlocal next_event
                when = (
                    day
                    if isinstance(day, datetime)
                    else datetime.combine(day, time(9, 0)) + timedelta(minutes=rng.randrange(480))
                )
                events.append(
                    {
                        "id": next_event,
                        "case_id": cid,
                        "at": when,
                        "actor_id": None,
                        "actor_name": who,
                        "action": action,
                        "public": public,
                        "summary": summary,
                        "changes": {},
                    }
                )
                next_event += 1

            ev(at, actor_name, "receive", f"Tiếp nhận PAKN qua kênh {channel.label}.", True)
            if p.state is CaseState.REJECTED and p.classified_on:
                ev(
                    p.classified_on,
                    actor_name,
                    "reject",
                    f"Không tiếp nhận PAKN. Lý do: {REJECT_REASONS[p.scope]}",
                    True,
                )
            if p.asked_on:
                ev(
                    p.asked_on,
                    actor_name,
                    "ask_clarification",
                    "Đề nghị bổ sung, làm rõ: số hồ sơ và ngày nộp.",
                    True,
                )
            if p.supplemented_on:
                ev(
                    p.supplemented_on,
                    actor_name,
                    "supplement",
                    f"Đã nhận nội dung bổ sung ngày {p.supplemented_on:%d/%m/%Y}. "
                    "Thời hạn được tính lại từ ngày nhận bổ sung.",
                    True,
                )
            if p.outcome is Outcome.TRANSFERRED and p.classified_on:
                ev(
                    p.classified_on,
                    actor_name,
                    "transfer",
                    f"Chuyển PAKN đến {cases[-1]['transfer_agency']}.",
                    True,
                )
            if p.outcome in (Outcome.FORWARDED, Outcome.ACCEPTED) and p.classified_on:
                action = "forward" if p.outcome is Outcome.FORWARDED else "accept"
                text = (
                    f"Chuyển công chức {head} trực tiếp xử lý."
                    if action == "forward"
                    else "Tiếp nhận PAKN thuộc thẩm quyền, tham mưu xử lý."
                )
                ev(p.classified_on, actor_name, action, text, True)
            for upd in p.progress:
                ev(
                    upd,
                    head,
                    "post_progress",
                    "Cập nhật tình hình xử lý: đang phối hợp xác minh hồ sơ.",
                    True,
                )
            if p.result_on:
                ev(p.result_on, head, "record_result", "Ghi nhận kết quả xử lý.", False)
            if p.answered_on:
                ev(
                    p.answered_on,
                    head,
                    "publish_answer",
                    "Đã trả lời, công khai kết quả xử lý PAKN.",
                    True,
                )
            if p.closed_on and p.state is CaseState.CLOSED:
                action = "close_no_reply" if p.asked_on and not p.answered_on else "close"
                ev(p.closed_on, actor_name, action, "Đóng hồ sơ.", False)
        with db.write() as s:
            _bulk_insert(s, Submitter.__table__, subs)
            _insert_cases(s, cases)
            _bulk_insert(s, CaseEvent.__table__, events)
        done += len(cases)
        if progress:
            progress(done, n)
    with db.write() as s:
        for name, value in counters.items():
            if not name.startswith("case:"):
                continue
            row = s.get(Counter, name)
            if row is None:
                s.add(Counter(name=name, value=value))
            elif row.value < value:
                row.value = value
    with db.write() as s:
        # Bulk rows bypass the services, so the statistics' daily summary is rebuilt here.
        rebuild_summary(s)
    if db.engine.dialect.name == "postgresql":
        _reset_pg_sequences(services)
    # Fresh statistics, so the planners pick the queue's indexes (e.g. the submitter sort).
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    # The history written in bulk joins the audit chain as one sealed range.
    services.audit.seal_events()
    ordered = sorted(counts.items(), key=lambda kv: -kv[1])
    return [
        f"  {state.label}: " + f"{count:,}".replace(",", ".") for state, count in ordered
    ] + account_lines


def _sqlite_value(v: Any) -> Any:
    # The same text forms SQLAlchemy's SQLite types write, so the ORM reads them back.
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, dict):
        return json.dumps(v)
    if isinstance(v, bool):
        return int(v)
    return v


def _bulk_insert(s: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Core insert; on SQLite straight through the driver's executemany, which skips
    SQLAlchemy's per-row parameter processing (the larger part of the time for 100,000 cases)."""
    if not rows:
        return
    if s.get_bind().dialect.name != "sqlite":
        s.execute(insert(table), rows)
        return
    cols = list(rows[0])
    sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    data = [tuple(_sqlite_value(r[c]) for c in cols) for r in rows]
    s.connection().exec_driver_sql(sql, data)


def _insert_cases(s: Session, rows: list[dict[str, Any]]) -> None:
    """On SQLite the search index is filled with one INSERT ... SELECT per batch instead of
    one trigger call per case. The trigger is dropped and re-created inside the same
    transaction, so no other connection ever sees the table without it."""
    if s.get_bind().dialect.name != "sqlite" or not rows:
        _bulk_insert(s, Case.__table__, rows)
        return
    conn = s.connection()
    trigger = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type='trigger' AND name='cases_fts_ai'"
    ).scalar()
    if trigger:
        conn.exec_driver_sql("DROP TRIGGER cases_fts_ai")
    _bulk_insert(s, Case.__table__, rows)
    conn.exec_driver_sql(
        "INSERT INTO cases_fts(rowid, search_text) "
        "SELECT id, search_text FROM cases WHERE id BETWEEN ? AND ?",
        (rows[0]["id"], rows[-1]["id"]),
    )
    if trigger:
        conn.exec_driver_sql(trigger)


def _reset_pg_sequences(services: Services) -> None:
    """Explicit ids leave PostgreSQL's sequences behind; move them past the rows we wrote."""
    from sqlalchemy import text

    with services.db.write() as s:
        for table in ("submitters", "cases", "case_events"):
            s.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
            )
