"""Intake validation: per-field messages in Vietnamese, and Vietnamese phone numbers in the
forms people really write them (DOMAIN.md, NĐ 20/2008 Điều 7: name, address, phone number and
clear content are required)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .enums import Channel, SubmitterKind
from .errors import ValidationFailed

FIELD_LABELS: dict[str, str] = {
    "submitter_kind": "Đối tượng PAKN",
    "submitter_name": "Họ tên người phản ánh (hoặc tên tổ chức)",
    "address": "Địa chỉ",
    "province_code": "Tỉnh, thành phố",
    "commune_code": "Xã, phường",
    "phone": "Số điện thoại",
    "email": "Email",
    "title": "PAKN về việc",
    "content": "Nội dung",
    "topic": "Chủ đề PAKN",
    "channel": "Kênh tiếp nhận",
    "portal_code": "Mã PAKN trên Cổng",
}

MAX_LENGTHS: dict[str, int] = {
    "submitter_name": 200,
    "address": 500,
    "phone": 40,
    "email": 254,
    "title": 300,
    "content": 20_000,
    "topic": 200,
    "portal_code": 50,
}

REQUIRED: dict[str, str] = {
    "submitter_kind": (
        "Vui lòng chọn đối tượng PAKN (người dân, doanh nghiệp, tổ chức hay cơ quan nhà nước)."
    ),
    "submitter_name": "Vui lòng nhập họ tên người phản ánh, kiến nghị (hoặc tên tổ chức).",
    "address": "Vui lòng nhập địa chỉ.",
    "phone": "Vui lòng nhập số điện thoại.",
    "title": "Vui lòng nhập tiêu đề (PAKN về việc).",
    "content": "Vui lòng nhập nội dung phản ánh, kiến nghị.",
    "channel": "Vui lòng chọn kênh tiếp nhận.",
}

MOBILE_PREFIXES = ("03", "05", "07", "08", "09")


@dataclass(frozen=True)
class IntakeForm:
    submitter_kind: str = ""
    submitter_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    title: str = ""
    content: str = ""
    channel: str = ""
    portal_code: str = ""
    topic: str = ""
    # How letters address a citizen: "Ông", "Bà", or "" when unknown ("Ông/Bà").
    salutation: str = ""
    # Today's province and commune (domain.places codes, as text; "" when not chosen). With
    # them the stored address is written from these and the free part of ``address`` (house,
    # street, village; a trailing commune or province there is not repeated); without them
    # ``address`` is the whole address as typed.
    province_code: str = ""
    commune_code: str = ""


_PHONE_CHARS = re.compile(r"^[\d\s.\-()+]+$")


def normalize_phone(s: str) -> str | None:
    """Canonical national digits ("0912345678", "02603797799", "19001234"), or None if the
    text is not a plausible Vietnamese phone number."""
    s = (s or "").strip()
    if not s or len(s) > 40 or not _PHONE_CHARS.match(s) or s.count("+") > 1:
        return None
    digits = re.sub(r"\D", "", s)
    if s.lstrip("(").startswith("+") and not digits.startswith("84"):
        return None  # a foreign number
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if digits.startswith(("1800", "1900")) and 8 <= len(digits) <= 10:
        return digits
    if len(digits) == 10 and digits.startswith(MOBILE_PREFIXES):
        return digits
    if len(digits) == 11 and digits.startswith("02"):
        return digits  # landline: 02 + area code + subscriber number
    if len(digits) == 11 and digits.startswith("01"):
        return digits  # old 11-digit mobile, still in old records
    return None


def format_phone(digits: str) -> str:
    """Readable grouping: "0912 345 678", "0260 3797 799", "1900 1234"."""
    d = digits
    if len(d) == 10 and d.startswith(MOBILE_PREFIXES):
        return f"{d[:4]} {d[4:7]} {d[7:]}"
    if len(d) == 11 and d.startswith("02"):
        if d.startswith(("024", "028")):
            return f"{d[:3]} {d[3:7]} {d[7:]}"
        return f"{d[:4]} {d[4:8]} {d[8:]}"
    if d.startswith(("1800", "1900")):
        return f"{d[:4]} {d[4:]}"
    if len(d) == 11:
        return f"{d[:4]} {d[4:7]} {d[7:]}"
    return d


_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)


def validate_email(s: str) -> bool:
    """Pragmatic check: local@domain.tld in ASCII (internationalised domains are entered in
    their xn-- form), no spaces, at most 254 characters."""
    s = (s or "").strip()
    if not s or len(s) > 254 or ".." in s:
        return False
    local = s.split("@")[0]
    return len(local) <= 64 and bool(_EMAIL.match(s))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PORTAL_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-/_]*$")


def validate_intake(form: IntakeForm) -> dict[str, str]:
    """Every problem of the form as {field: message in Vietnamese}; empty when valid."""
    errors: dict[str, str] = {}
    values = {f.name: (getattr(form, f.name) or "") for f in fields(IntakeForm)}
    for name, value in values.items():
        if not isinstance(value, str):
            errors[name] = f"{FIELD_LABELS.get(name, name)} không hợp lệ."
            continue
        limit = MAX_LENGTHS.get(name)
        if limit is not None and len(value) > limit:
            errors[name] = (
                f"{FIELD_LABELS[name]} không được dài quá {limit:,} ký tự (hiện có {len(value):,})."
            ).replace(",", ".")
        elif _CONTROL.search(value):
            errors[name] = f"{FIELD_LABELS[name]} chứa ký tự điều khiển không hợp lệ."
    errors.update(_place_errors(values["province_code"], values["commune_code"]))
    for name, message in REQUIRED.items():
        if name == "address" and name not in errors and values["province_code"].strip():
            # A commune and its province are an address (the street part is free); a province
            # alone is not: the free part is needed then.
            from .places import street_part

            free = street_part(values["address"], None, values["province_code"])
            if not values["commune_code"].strip() and not free.strip():
                errors[name] = message
            continue
        if name not in errors and not values[name].strip():
            errors[name] = message
    if "submitter_kind" not in errors and values["submitter_kind"] not in {
        k.value for k in SubmitterKind
    }:
        errors["submitter_kind"] = "Đối tượng PAKN không hợp lệ."
    channel = None
    if "channel" not in errors:
        try:
            channel = Channel(values["channel"])
        except ValueError:
            errors["channel"] = "Kênh tiếp nhận không hợp lệ."
    if "phone" not in errors and normalize_phone(values["phone"]) is None:
        errors["phone"] = (
            "Số điện thoại không đúng định dạng số điện thoại Việt Nam "
            "(ví dụ 0912 345 678 hoặc 0260.3797799)."
        )
    email = values["email"].strip()
    if "email" not in errors and email and not validate_email(email):
        errors["email"] = "Địa chỉ email không hợp lệ (ví dụ: ten@example.vn)."
    code = values["portal_code"].strip()
    if channel is not None and channel.is_portal and "portal_code" not in errors:
        if not code:
            errors["portal_code"] = "PAKN nhận từ Cổng Dịch vụ công cần có mã PAKN trên Cổng."
        elif not _PORTAL_CODE.match(code):
            errors["portal_code"] = "Mã PAKN trên Cổng chỉ gồm chữ, số và các dấu . - / _."
    for name in ("submitter_name", "title", "content", "address"):
        if (
            name not in errors
            and values[name].strip()
            and not any(ch.isalnum() for ch in values[name])
        ):
            errors[name] = f"{FIELD_LABELS[name]} phải có chữ hoặc số."
    return errors


def _place_errors(province_code: str, commune_code: str) -> dict[str, str]:
    from .places import commune, province

    errors: dict[str, str] = {}
    p = province(province_code) if province_code.strip() else None
    if province_code.strip() and p is None:
        errors["province_code"] = "Tỉnh, thành phố không có trong danh sách 34 tỉnh, thành phố."
    if commune_code.strip():
        c = commune(commune_code)
        if c is None:
            errors["commune_code"] = "Xã, phường không có trong danh sách hiện nay."
        elif not province_code.strip():
            errors["province_code"] = "Vui lòng chọn tỉnh, thành phố của xã, phường đã chọn."
        elif p is not None and c.province_code != p.code:
            errors["commune_code"] = f"{c.name} không thuộc {p.full_name}."
    return errors


# --- date bounds -----------------------------------------------------------------------
# Receipt dates: from 01/01/2000 (no office register is older; a 1926 or 1900 date is a typo,
# and would share a code series with 2026 or 2000) up to now.
FIRST_RECEIPT_DATE = date(2000, 1, 1)
# Calendars and reports: the years the holiday data covers (the ``holidays`` package computes
# Vietnam's lunar holidays for 1901-2100; receipts start in 2000).
CALENDAR_FIRST_YEAR = 2000
CALENDAR_LAST_YEAR = 2100


def received_at_problem(received_at: datetime | date, now: datetime) -> str | None:
    """Why a receipt time cannot be accepted, or None."""
    day = received_at.date() if isinstance(received_at, datetime) else received_at
    if day < FIRST_RECEIPT_DATE:
        return (
            f"Ngày tiếp nhận {day:%d/%m/%Y} không hợp lệ: phải từ "
            f"{FIRST_RECEIPT_DATE:%d/%m/%Y} đến hôm nay."
        )
    later = received_at > now if isinstance(received_at, datetime) else day > now.date()
    if later:
        return "Thời điểm tiếp nhận không được ở sau thời điểm hiện tại."
    return None


def calendar_year_problem(year: int) -> str | None:
    if CALENDAR_FIRST_YEAR <= year <= CALENDAR_LAST_YEAR:
        return None
    return (
        f"Năm {year} nằm ngoài khoảng lịch làm việc được hỗ trợ "
        f"({CALENDAR_FIRST_YEAR}-{CALENDAR_LAST_YEAR})."
    )


def calendar_day_problem(day: date) -> str | None:
    problem = calendar_year_problem(day.year)
    if problem is None:
        return None
    return f"Ngày {day:%d/%m/%Y}: {problem[0].lower()}{problem[1:]}"


def period_problem(start: date, end: date) -> str | None:
    """Why a report period cannot be used, or None."""
    for label, day in (("Ngày bắt đầu", start), ("Ngày kết thúc", end)):
        if not CALENDAR_FIRST_YEAR <= day.year <= CALENDAR_LAST_YEAR:
            return (
                f"{label} {day:%d/%m/%Y} nằm ngoài khoảng được hỗ trợ "
                f"(01/01/{CALENDAR_FIRST_YEAR} - 31/12/{CALENDAR_LAST_YEAR})."
            )
    if end < start:
        return "Ngày kết thúc phải sau ngày bắt đầu."
    return None


# --- values handed to the services ---------------------------------------------------------
# The services are called by the window, the command line and imports; a value of the wrong
# type or too large for the database is refused here, in words, before it reaches SQL.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_STORED_INT = 2**63 - 1  # the largest integer SQLite and PostgreSQL's bigint hold


def entry_time(value: object, field: str = "received_at") -> datetime:
    """A time given to a service, as the store keeps it: naive Vietnam time. A time with a
    zone is converted to Vietnam time; anything but a date and time is refused."""
    if not isinstance(value, datetime):
        raise ValidationFailed(
            {field: f"Thời điểm tiếp nhận «{str(value)[:40]}» không phải ngày giờ hợp lệ."}
        )
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.astimezone(VIETNAM).replace(tzinfo=None)
    return value.replace(tzinfo=None)


def entry_int(value: object, field: str, *, optional: bool = False) -> int | None:
    """A number (an id, a version) given to a service: an integer the database can hold."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationFailed({field: f"«{str(value)[:40]}» không phải số nguyên hợp lệ."})
    if not 0 <= value <= MAX_STORED_INT:
        raise ValidationFailed({field: f"Số {str(value)[:40]} nằm ngoài khoảng cho phép."})
    return value


def entry_code(value: object, field: str = "code") -> str:
    """A PAKN code (or phone, or name) given to a service: text."""
    if value is None:
        raise ValidationFailed({field: "Chưa nhập mã PAKN."})
    if not isinstance(value, str):
        raise ValidationFailed(
            {field: f"Mã PAKN «{str(value)[:40]}» không hợp lệ: mã có dạng 26-000001-9."}
        )
    return value
