"""Finding personal data in text that will be published, and the one gate every public text
passes through (DOMAIN.md: "Nội dung này sẽ được công khai. Vui lòng không ghi chi tiết
thông tin cá nhân!"; Nghị định 13/2023/NĐ-CP).

``public_text(text)`` is that gate: whatever the office shows as public (lookup, its history
lines, published letters and answers) goes through it, so no path can forget the masking.

What the detector finds:

* By shape alone: phone numbers in every written form ("0912 345 678", "0912.345.678",
  "+84 912 345 678", "84912345678", "(024) 3823 4567", "(0260) 3 862 123", "0260.3797799",
  old 11-digit 01xx mobiles); CCCD (12 digits starting with a province code and a century
  digit 0-3); CMND (9 digits starting 01-38); email addresses; tax codes (10 digits with a
  valid check digit, or a branch "0100047516-001"); number plates written "82A-123.45".
* After a label, in any grouping: "CCCD: 062 190 001 234", "CMND số 123 456 789",
  "Số tài khoản tại Vietcombank 0071000123456", "STK 1903 6543 2100 12", "Mã số BHXH
  6212345678", "thẻ BHYT GD4797915123456", "Hộ chiếu C1234567", "MST 0101 2345 67" (even
  with a wrong check digit), "Ngày sinh 12/05/1980", "sinh ngày 12 tháng 5 năm 1980",
  "sinh năm 1980", "biển số xe 82B1-123.45", "SĐT: 09 12 34 56 78", "nhà ở số 7 Lê Lợi"
  (a house address, up to the end of its clause). The label makes the
  number personal data even when its digits alone would not; the label itself stays.

Never flagged: document numbers ("Số: 06/QĐ-UBND"), legal references ("20/2008/NĐ-CP"),
dates that are not a birth date ("05/03/2026", "ngày 05 tháng 3 năm 2026"), money
("1.500.000 đồng", "150000000 đồng"), service numbers 1800/1900, years, and digits inside
a longer run of digits or letters ("H33.12-220101-0001", "1234567890123456789").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .text import fold_chars
from .validation import format_phone, normalize_phone

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "LABELS",
    "PLACEHOLDERS",
    "Finding",
    "find_personal_data",
    "gate_findings",
    "public_text",
    "redact",
    "split_private",
]

KINDS: tuple[str, ...] = (
    "phone",
    "cccd",
    "cmnd",
    "email",
    "tax_code",
    "bank_account",
    "social_insurance",
    "passport",
    "birth_date",
    "license_plate",
    "address",
)

PLACEHOLDERS: dict[str, str] = {
    "phone": "[số điện thoại]",
    "cccd": "[số CCCD]",
    "cmnd": "[số CMND]",
    "email": "[email]",
    "tax_code": "[mã số thuế]",
    "bank_account": "[số tài khoản]",
    "social_insurance": "[mã số BHXH]",
    "passport": "[số hộ chiếu]",
    "birth_date": "[ngày sinh]",
    "license_plate": "[biển số xe]",
    "name": "[họ tên]",
    "address": "[địa chỉ]",
    "manual": "[thông tin cá nhân]",
}
FALLBACK_PLACEHOLDER = "[thông tin cá nhân]"

KIND_LABELS: dict[str, str] = {
    "phone": "Số điện thoại",
    "cccd": "Số CCCD",
    "cmnd": "Số CMND",
    "email": "Email",
    "tax_code": "Mã số thuế",
    "bank_account": "Số tài khoản",
    "social_insurance": "Mã số BHXH",
    "passport": "Số hộ chiếu",
    "birth_date": "Ngày sinh",
    "license_plate": "Biển số xe",
    "name": "Họ tên",
    "address": "Địa chỉ",
    "manual": "Thông tin cá nhân (che thêm)",
}
# The name the intake form has always imported.
LABELS = KIND_LABELS

# Province codes that begin a CCCD number (Thông tư 07/2016/TT-BCA, the 63 provinces before
# the 2025 merger). Cards already issued keep their code, so the list does not shrink.
CCCD_PROVINCE_CODES: frozenset[str] = frozenset(
    f"{n:03d}"
    for n in (
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33,
        34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64,
        66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94,
        95, 96,
    )
)  # fmt: skip

_MST_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: ``text == source[start:end]``; ``kind`` is one of
    ``KINDS``."""

    start: int
    end: int
    kind: str
    text: str


def mst_check_digit_ok(digits: str) -> bool:
    """Whether a 10-digit MST has a valid check digit: 10 - (weighted sum mod 11)."""
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, _MST_WEIGHTS, strict=False))
    return 10 - total % 11 == int(digits[9])


# --- folding that keeps offsets ------------------------------------------------------------


def _fold_same_length(text: str) -> str:
    """Lower case without diacritics, one character for one: offsets in the folded text are
    offsets in the original (labels are matched on it, "Số tài khoản" as "so tai khoan")."""
    return fold_chars(text)


# --- patterns ------------------------------------------------------------------------------

# A number written with digits first starts where no letter or digit touches it, not right
# after "12." or "12-" (the tail of an amount, a date or a code), not after "12," unless it
# opens with four digits ("1,500,000" is an amount; "0912345678,0913456789" a list), and not
# after "@". A number written "+84 ..." or "(024) ..." opens with its own mark.
_LEFT = r"(?<![^\W_])(?<!\d[.\-])(?:(?<!\d,)|(?=\d{4}))(?<!@)"
# ... and ends where no letter or digit follows, nor ".5", "-0" or ",500" (the run goes on),
# "/QĐ-UBND" (a document number) or "@" (an email address).
_RIGHT = r"(?![^\W_])(?![.\-]\d)(?!,\d{1,3}(?!\d))(?!/[A-ZĐ]{2,}(?![^\W\d_]))(?!@)"
_SEP = r"[ .\-]?"


def _digits(n: int) -> str:
    """``n`` more digits, each optionally after one space, dot or dash."""
    return rf"(?:{_SEP}\d){{{n}}}"


# After the country code: mobile 9 digits, landline 10 (area code 2x or 2xx), old mobile 10.
_AFTER_COUNTRY_CODE = rf"(?:[35789]{_digits(8)}|2{_digits(9)}|1[2-9]{_digits(8)})"
_PHONE_RE = re.compile(
    rf"""
    (?:
        # +84 912 345 678, (+84) 912345678, (84) ..., 0084 ..., +84 (0) 912 ...
        (?P<cc>\(\s?\+?\s?84\s?\)|\+\s?84|{_LEFT}0084)[ .\-]?(?:\(0\)[ .\-]?|0[ .\-]?)?
        {_AFTER_COUNTRY_CODE}
      | # 84912345678, 84 912 345 678, 84-912-345-678: without "+" only with spaces or
        # dashes, one kind throughout, so that the amount "84.500.000.000" is not read as a
        # phone number.
        {_LEFT}84\ ?(?:[35789](?:\ ?\d){{8}}|2(?:\ ?\d){{9}})
      | {_LEFT}84-(?:[35789]\d\d(?:-\d{{3}}){{2}}|[35789]\d(?:-?\d){{7}}|2(?:-?\d){{9}})
      | # (024) 3823 4567, (0260) 3797799, (0260) 3 862 123, (0912) 345 678
        (?P<paren>\(0(?:2[48]\)[ .\-]?\d{_digits(7)}
            |2\d\d\)[ .\-]?\d{_digits(6)}
            |[35789]\d\d\)[ .\-]?\d{_digits(5)}))
      | # 0912 345 678, 0260.3958.789, 024 3823 4567, 01689 123 456
        {_LEFT}0(?:[35789]{_digits(8)}|2{_digits(9)}|1[2-9]{_digits(8)})
    )
    {_RIGHT}""",
    re.VERBOSE,
)
_CCCD_RE = re.compile(rf"{_LEFT}\d(?:[ .]?\d){{11}}{_RIGHT}")
_CMND_RE = re.compile(rf"{_LEFT}\d{{9}}{_RIGHT}")
_MST_RE = re.compile(rf"{_LEFT}\d{{10}}(?:-\d{{3}})?{_RIGHT}")
_EMAIL_RE = re.compile(
    r"(?<![\w.%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@(?:[^\W_](?:[\w\-]*[^\W_])?\.)+[^\W\d_]{2,}(?![\w\-@])"
)
# A number plate in its registration shape: "82A-123.45", "29A1-234.56", "51LD-123.45".
# (The left boundary is tested after the first digit, the same as before it: a pattern that
# opens with a digit lets the regex engine skip to the digits.)
_PLATE_RE = re.compile(r"\d(?<![^\W_]\d)\d[A-Z]{1,2}\d?[- ]\d{3}\.\d{2}(?![^\W_]|[.,]\d)")

# Spans no unlabelled finding may overlap: dates (05/03/2026, 05-03-2026, 03/2026,
# 2026-03-05) and money (1.500.000, 1,500,000, any number followed by a currency word).
_DATE_RE = re.compile(
    r"(?<![\w.,/\-])(?:\d{1,2}([./\-])\d{1,2}\1\d{2,4}|\d{1,2}[./\-]\d{4}|\d{4}-\d{1,2}-\d{1,2})"
    r"(?![^\W_]|[.,/\-]\d)"
)
_MONEY_RE = re.compile(
    r"(?<![\w.,])(?:"
    r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?"
    r"|[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?"
    r"|(?<!\d )(?:\d{1,3}(?:[ .,]\d{3})+|\d+)(?:[.,]\d+)?"
    r"\s?(?:đồng|đ(?![/\w])|vnđ|vnd|nghìn|ngàn|triệu|tỷ|usd)(?![^\W_])"
    r")(?![^\W_]|[.,]\d)",
    re.IGNORECASE,
)

# --- labelled identifiers (matched on the folded text) ---------------------------------------

# Between a label and its value: punctuation and a few small words ("CCCD số:", "STK của
# tôi là", "mã số BHXH là"), never a digit, a bracket or a line break.
_FILL = (
    r"(?:[ \t:.,=#\-–(]"
    r"|\b(?:so|la|cua|toi|ong|ba|em|minh|chau|nguoi|dan|hien|nay|ca nhan|lien he)\b)*"
)
# A bank account may be named after its bank: "Số tài khoản tại Vietcombank chi nhánh Kon
# Tum: 0071000123456". Up to 60 characters without digits or brackets.
_BANK_FILL = r"[^\d\n\[\]@]{0,60}?"
_GROUPED = r"\d(?:[ .\-]?\d)"
_LABEL_END = r"(?![^\W_])(?![.\-/]\d)(?!,\d)"

_LABELLED: list[tuple[str, re.Pattern[str]]] = [
    (
        "id",
        re.compile(
            r"(?<![^\W_])(?P<label>cccd|cmnd|cmtnd|can cuoc(?: cong dan)?|chung minh"
            r"(?: nhan dan| thu)?|(?:so |ma )?dinh danh(?: ca nhan)?)"
            rf"{_FILL}(?P<value>{_GROUPED}{{8,11}}){_LABEL_END}"
        ),
    ),
    (
        "bank_account",
        re.compile(
            r"(?<![^\W_])(?P<label>so tai khoan|stk|tai khoan ngan hang|so tk|tk ngan hang)"
            rf"{_BANK_FILL}(?P<value>{_GROUPED}{{5,18}}){_LABEL_END}"
        ),
    ),
    (
        "social_insurance",
        re.compile(
            r"(?<![^\W_])(?P<label>(?:ma so|so so|ma|so)\s+(?:bhxh|bao hiem xa hoi)"
            r"|so bhxh|bhxh)"
            rf"{_FILL}(?P<value>{_GROUPED}{{9}}){_LABEL_END}"
        ),
    ),
    (
        "social_insurance",
        re.compile(
            r"(?<![^\W_])(?P<label>(?:so |ma )?the (?:bhyt|bao hiem y te)|bhyt)"
            rf"{_FILL}(?P<value>[a-z]{{2}}\d{{13}}|{_GROUPED}{{9}}){_LABEL_END}"
        ),
    ),
    (
        "passport",
        re.compile(
            r"(?<![^\W_])(?P<label>ho chieu|passport)"
            rf"{_FILL}(?P<value>[a-z]\s?\d{{7,8}}){_LABEL_END}"
        ),
    ),
    (
        "tax_code",
        re.compile(
            r"(?<![^\W_])(?P<label>ma so thue|mst|ma so doanh nghiep|msdn)"
            rf"{_FILL}(?P<value>{_GROUPED}{{9}}(?:\s?-\s?\d{{3}})?){_LABEL_END}"
        ),
    ),
    (
        "birth_date",
        re.compile(
            r"(?<![^\W_])(?P<label>ngay sinh|sinh ngay|ngay thang nam sinh|dob|ngay, thang,"
            r" nam sinh)"
            rf"{_FILL}(?P<value>\d{{1,2}}\s?(?P<sep>[./\-])\s?\d{{1,2}}\s?(?P=sep)\s?\d{{2,4}}"
            r"|\d{1,2} thang \d{1,2},? nam \d{4}|\d{1,2}\s?[./\-]\s?\d{1,2}(?![./\-]|\s?\d))"
            rf"{_LABEL_END}"
        ),
    ),
    (
        "birth_date",
        re.compile(
            r"(?<![^\W_])(?P<label>sinh nam|nam sinh)"
            rf"{_FILL}(?P<value>(?:19|20)\d{{2}}){_LABEL_END}"
        ),
    ),
    (
        "license_plate",
        re.compile(
            r"(?<![^\W_])(?P<label>bien so(?: xe)?|bien kiem soat|bks|bsx)"
            rf"{_FILL}(?P<value>\d{{2}}\s?-?\s?[a-z]{{1,2}}\d?\s?[-.]?\s?\d{{3}}\.?\d{{1,2}})"
            rf"{_LABEL_END}"
        ),
    ),
    (
        # A house address after its label: "nhà ở Số 7 Lê Lợi", "địa chỉ: 12/3 Trần Phú",
        # "thường trú tại số 45 ngõ 12 ...", up to the end of the clause. Without a house
        # number ("thôn 3, xã Ia Chim") it is a place, not an address to hide.
        "address",
        re.compile(
            r"(?<![^\W_])(?P<label>dia chi(?: nha| lien he| thuong tru)?|nha o|nha tai|so nha"
            r"|thuong tru|tam tru|cu tru|noi o|o tai)"
            r"(?:[ \t:\-–]|\b(?:la|tai|o|cua toi|cua ong|cua ba|hien nay)\b)*"
            r"(?P<value>(?:so\s+)?\d{1,5}[a-z]?(?:/\d{1,4}[a-z]?)*"
            r"(?:\s+(?:ngo|hem|kiet|ngach)\s+\d{1,4}[a-z]?(?:/\d{1,4})*)*"
            r"\s+[^\W\d_][^\n,.;()\[\]\d]{1,50})"
        ),
    ),
    (
        "phone",
        re.compile(
            r"(?<![^\W_])(?P<label>dien thoai|so dien thoai|sdt|dt|dtdd|di dong|so may|zalo"
            r"|hotline|tel|fax|lien he|goi(?: cho)?)"
            rf"{_FILL}(?P<value>(?:\+\s?84|\(\s?\+?84\s?\)|0)[ .\-()]*(?:\d[ .\-()]{{0,2}})"
            rf"{{8,10}}\d){_LABEL_END}"
        ),
    ),
]


# Words right before a bare number that make it an amount or a count, not an ID.
_AMOUNT_BEFORE = re.compile(
    r"(?<![^\W_])(?:tien|kinh phi|chi phi|tro cap|muc|tong(?: cong| so)?|gia|phi|luong"
    r"|so luong)(?:\s+(?:la|:))?[\s:]*$"
)


def _context_kind(kind: str, digits: str, label: str) -> str | None:
    """The kind of a labelled value, or None when the value does not fit the label."""
    if kind == "id":
        if len(digits) == 12 or label.startswith(("cccd", "can cuoc", "so dinh", "ma dinh")):
            return "cccd"
        if label.startswith("dinh danh"):
            return "cccd"
        return "cmnd"
    if kind == "phone":
        norm = normalize_phone(digits)
        if norm is None or norm.startswith(("1800", "1900")):
            return None
    return kind


def _is_service_number(digits: str) -> bool:
    return digits.startswith(("1800", "1900"))


def _groups_ok(written: str, max_groups: int, min_group: int) -> bool:
    """A written number's digit groups look like one number, not a list ("09 08 07 06 05"
    is five marks, not a phone number)."""
    groups = re.findall(r"\d+", written)
    if groups and groups[0] == "0":  # the "(0)" or "0" after +84
        groups = groups[1:]
    return 1 <= len(groups) <= max_groups and all(len(g) >= min_group for g in groups)


def _scan(pattern: re.Pattern[str], text: str) -> Iterable[re.Match[str]]:
    """Every match, overlapping ones included: a match the caller rejects (a date followed
    by a phone number) must not hide a valid one starting a character later."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


class _Blocked:
    """Dates and amounts in the text, merged and sorted, for quick overlap tests. Found on
    the first test: most texts have no candidate to test (a portal list's rows)."""

    def __init__(self, text: str, *, dates: bool = True) -> None:
        self._text = text
        self._dates = dates
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    def _find(self) -> list[int]:
        text = self._text
        spans = sorted(
            ([m.span() for m in _DATE_RE.finditer(text)] if self._dates else [])
            + [m.span() for m in _MONEY_RE.finditer(text)]
        )
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self._starts = [start for start, _end in merged]
        self._ends = [end for _start, end in merged]
        return self._starts

    def overlaps(self, start: int, end: int) -> bool:
        starts = self._starts if self._starts is not None else self._find()
        i = bisect_left(starts, end) - 1
        return i >= 0 and self._ends[i] > start


def _label_part(pattern: str) -> str:
    """The ``(?P<label>...)`` group of a labelled pattern, as written."""
    start = pattern.index("(?P<label>")
    depth = 0
    for i in range(start, len(pattern)):
        if pattern[i] == "\\":
            continue
        if pattern[i] == "(" and (i == 0 or pattern[i - 1] != "\\"):
            depth += 1
        elif pattern[i] == ")" and pattern[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return pattern[start + len("(?P<label>") : i]
    raise ValueError(pattern)


# Every labelled value starts with its label: one pass over all the labels tells which of the
# patterns can match at all (most texts have one label or none, and eleven full passes cost a
# third of a portal import).
_ANY_LABEL = re.compile(
    r"(?<![^\W_])(?:"
    + "|".join(f"(?P<l{i}>{_label_part(p.pattern)})" for i, (_k, p) in enumerate(_LABELLED))
    + ")"
)


def _labelled(text: str, folded: str, blocked: _Blocked) -> list[Finding]:
    """Values right after their label. An amount is never one ("số tài khoản nhận 1.500.000
    đồng"), nor a date unless the label asks for a birth date."""
    present = {int(m.lastgroup[1:]) for m in _scan(_ANY_LABEL, folded) if m.lastgroup}
    money: _Blocked | None = None
    out: list[Finding] = []
    for i, (kind, pattern) in enumerate(_LABELLED):
        if i not in present:
            continue
        for m in pattern.finditer(folded):
            start, end = m.span("value")
            end = start + len(text[start:end].rstrip())
            written = text[start:end]
            if any(ch.isdigit() and not ch.isascii() for ch in written):
                continue
            digits = "".join(ch for ch in written if ch.isdigit())
            real = _context_kind(kind, digits, m.group("label"))
            guard = blocked
            if real == "birth_date":  # a birth date is a date: only amounts block it
                money = money or _Blocked(text, dates=False)
                guard = money
            if guard.overlaps(start, end):
                continue
            if real is not None:
                out.append(Finding(start, end, real, written))
    return out


# What every bare number the detector knows holds: eight digits in a row, each after at most
# one space, dot or dash (a phone number, CCCD, CMND, tax code), or "(0" opening an area
# code in parentheses ("(0260) 3 862 123"). A text without either has none of them, and the
# four scans that look for them are skipped (most texts of a portal list have none).
_NUMBER_HINT = re.compile(r"\d(?:[ .\-]?\d){7}|\(0")
# Two digits then a capital letter: where a number plate ("82A-123.45") opens.
_PLATE_HINT = re.compile(r"\d\d[A-Z]")
_DIGIT_OR_AT = re.compile(r"[\d@]")


def _candidates(text: str, *, quick: bool = True) -> list[tuple[Finding, int]]:
    """Every plausible finding with a priority (lower wins among equally long ones).
    ``quick``: skip the scans that cannot match (the same result; False runs them all, to
    prove it)."""
    out: list[tuple[Finding, int]] = []
    blocked = _Blocked(text)

    def add(m: re.Match[str], kind: str, priority: int) -> None:
        out.append((Finding(m.start(), m.end(), kind, m.group()), priority))

    def numbers(pattern: re.Pattern[str]) -> Iterable[re.Match[str]]:
        # \d also matches other scripts' digits; Vietnamese numbers are written in ASCII.
        return (m for m in _scan(pattern, text) if m.group().isascii())

    if not quick or "@" in text:
        for m in _EMAIL_RE.finditer(text):
            add(m, "email", 0)

    folded = _fold_same_length(text)
    for f in _labelled(text, folded, blocked):
        out.append((f, 1))

    if not quick or _PLATE_HINT.search(text):
        for m in _PLATE_RE.finditer(text):
            add(m, "license_plate", 6)
    if quick and not _NUMBER_HINT.search(text):
        return out

    tax_spans: set[tuple[int, int]] = set()
    for m in numbers(_MST_RE):
        written = m.group()
        if blocked.overlaps(*m.span()) or not mst_check_digit_ok(written[:10]):
            continue
        # A bare 10-digit number that can be a phone or service number is taken as one.
        if len(written) == 10 and (
            normalize_phone(written) is not None or _is_service_number(written)
        ):
            continue
        tax_spans.add(m.span())
        add(m, "tax_code", 2)

    for m in numbers(_PHONE_RE):
        written = m.group()
        if m.span() in tax_spans or blocked.overlaps(*m.span()):
            continue
        national = written[m.end("cc") - m.start() :] if m.group("cc") else written
        # "(0260) 3 862 123": the area code in parentheses says it is one number.
        if not m.group("paren") and not _groups_ok(national, max_groups=4, min_group=2):
            continue
        if normalize_phone(written) is None:
            continue
        add(m, "phone", 3)

    for m in numbers(_CCCD_RE):
        written = m.group()
        digits = "".join(ch for ch in written if ch.isdigit())
        if digits[:3] not in CCCD_PROVINCE_CODES or digits[3] not in "0123":
            continue
        if written != digits and not (
            _groups_ok(written, max_groups=4, min_group=3)
            and len(set(re.findall(r"\D", written))) == 1
        ):
            continue
        if blocked.overlaps(*m.span()):
            continue
        add(m, "cccd", 4)

    for m in numbers(_CMND_RE):
        written = m.group()
        if not 1 <= int(written[:2]) <= 38 or blocked.overlaps(*m.span()):
            continue
        if _is_service_number(written):
            continue
        # Nine bare digits after "số tiền", "kinh phí", "tổng cộng" are an amount.
        if _AMOUNT_BEFORE.search(folded, max(0, m.start() - 30), m.start()):
            continue
        add(m, "cmnd", 5)
    return out


def find_personal_data(text: str) -> list[Finding]:
    """The personal data in ``text``, sorted by start and non-overlapping.

    Where candidates overlap, the one starting first wins, then the longer one (an email
    address over the phone number in its local part), then a labelled value over a bare
    shape, then by kind: email, tax code, phone, CCCD, CMND, plate.
    """
    return _find(text)


def _find(text: str, *, quick: bool = True) -> list[Finding]:
    # Every pattern needs an ASCII digit or "@" (a text of other digits alone has nothing).
    if not text or not _DIGIT_OR_AT.search(text):
        return []
    candidates = sorted(
        _candidates(text, quick=quick),
        key=lambda c: (c[0].start, -(c[0].end - c[0].start), c[1]),
    )
    chosen: list[Finding] = []
    for finding, _priority in candidates:
        if chosen and finding.start < chosen[-1].end:
            continue
        chosen.append(finding)
    return chosen


# --- moving it out ---------------------------------------------------------------------------


def redact(
    text: str,
    findings: Iterable[Finding],
    placeholder_by_kind: Mapping[str, str] | None = None,
) -> str:
    """``text`` with each finding replaced by a placeholder such as "[số điện thoại]".

    ``placeholder_by_kind`` overrides the default placeholders kind by kind. Findings are
    taken in order of start; one overlapping an earlier one, or outside the text, is skipped.
    """
    marks = dict(PLACEHOLDERS)
    if placeholder_by_kind:
        marks.update(placeholder_by_kind)
    parts: list[str] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if f.start < pos or f.end > len(text) or f.start >= f.end:
            continue
        parts.append(text[pos : f.start])
        parts.append(marks.get(f.kind, FALLBACK_PLACEHOLDER))
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


def _note_value(f: Finding) -> str:
    if f.kind == "phone":
        norm = normalize_phone(f.text)
        return format_phone(norm) if norm else f.text
    if f.kind in ("cccd", "cmnd", "social_insurance", "bank_account"):
        digits = "".join(ch for ch in f.text if ch.isdigit())
        return digits if f.text[:1].isdigit() else f.text
    return f.text


_MIN_REPEAT = 6


def _mask(
    text: str,
    first: list[Finding] | None = None,
    accept: Callable[[Finding], bool] | None = None,
) -> tuple[str, list[Finding]]:
    """``text`` with every finding replaced, and the findings. A number the detector left
    alone because of what touched it ("82A-123.45-0912 345 678") can stand alone once its
    neighbour is a placeholder, so masking repeats until nothing more is found; a value
    found once is masked wherever else it appears."""
    findings = find_personal_data(text) if first is None else first
    found: list[Finding] = []
    for _round in range(6):
        if not findings:
            break
        found.extend(findings)
        text = redact(text, findings)
        # The same value written again where the detector could not see it
        # ("0912345678CCCD") is the same personal data.
        for f in sorted(found, key=lambda f: -len(f.text)):
            if len(f.text) >= _MIN_REPEAT and f.text in text:
                text = text.replace(f.text, PLACEHOLDERS.get(f.kind, FALLBACK_PLACEHOLDER))
        findings = find_personal_data(text)
        if accept is not None:
            findings = [f for f in findings if accept(f)]
    else:
        text = redact(text, findings)
    return text, found


def split_private(text: str) -> tuple[str, str]:
    """(public text with the personal data replaced, private note of what was moved).

    The note has one line per distinct value, in order of first appearance, e.g.
    "Số điện thoại: 0912 345 678" or "Số CCCD: 062190001234". Empty when nothing was found.
    """
    public, findings = _mask(text)
    lines: list[str] = []
    for f in findings:
        line = f"{KIND_LABELS.get(f.kind, f.kind)}: {_note_value(f)}"
        if line not in lines:
            lines.append(line)
    return public, "\n".join(lines)


# --- the public gate ----------------------------------------------------------------------------

_MIN_KNOWN = 4  # shorter known values ("An") would mask ordinary words


def _known_spans(text: str, known: Mapping[str, Iterable[str]]) -> list[Finding]:
    """Where the person's own name, address, phone or email (as the office holds them)
    appear verbatim, ignoring case and diacritics."""
    folded = _fold_same_length(text)
    out: list[Finding] = []
    for kind, values in known.items():
        values = list(values)
        if kind == "address":
            # "Số 7 Lê Lợi, phường Kon Tum": the part with the house number is the person's
            # own; the ward or province alone is a public place name.
            values += [p for v in values for p in v.split(",") if any(c.isdigit() for c in p)]
        for value in values:
            v = _fold_same_length(" ".join((value or "").split()))
            if len(v) < _MIN_KNOWN:
                continue
            words = v.split(" ")
            if not all(w in folded for w in words):
                continue  # cannot match: no pattern to build (most letters quote none)
            # Any run of whitespace in the text matches the single spaces of the value.
            pattern = r"(?<![^\W_])" + r"\s+".join(map(re.escape, words)) + r"(?![^\W_])"
            for m in re.finditer(pattern, folded):
                out.append(Finding(m.start(), m.end(), kind, text[m.start() : m.end()]))
    return out


def _kept(keep: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(phone numbers, folded texts) that the gate leaves alone: the office's own contacts,
    words the person restored."""
    return _kept_values(tuple(keep))


@lru_cache(maxsize=64)
def _kept_values(keep: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    # The same office contacts are passed for every text of an export: read them once.
    phones: set[str] = set()
    texts: set[str] = set()
    for value in keep:
        value = " ".join((value or "").split())
        if not value:
            continue
        texts.add(_fold_same_length(value))
        for f in find_personal_data(value):
            if f.kind == "phone" and (norm := normalize_phone(f.text)):
                phones.add(norm)
            texts.add(_fold_same_length(f.text))
        norm = normalize_phone(value)
        if norm:
            phones.add(norm)
    return frozenset(phones), frozenset(texts)


def _is_kept(f: Finding, phones: frozenset[str], texts: frozenset[str]) -> bool:
    if f.kind == "manual":
        return False
    if f.kind == "phone" and normalize_phone(f.text) in phones:
        return True
    return _fold_same_length(" ".join(f.text.split())) in texts


def _union(findings: Iterable[Finding], text: str) -> list[Finding]:
    """Overlapping findings joined into one (the kind of the longest), so that no part of
    either is left showing."""
    out: list[Finding] = []
    longest: list[int] = []
    for f in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if out and f.start < out[-1].end:
            last = out[-1]
            kind = last.kind if longest[-1] >= f.end - f.start else f.kind
            if f.kind == "manual" or last.kind == "manual":
                kind = "manual" if last.kind == f.kind else kind
            end = max(last.end, f.end)
            out[-1] = Finding(last.start, end, kind, text[last.start : end])
            longest[-1] = max(longest[-1], f.end - f.start)
        else:
            out.append(f)
            longest.append(f.end - f.start)
    return out


def gate_findings(
    text: str,
    known: Mapping[str, Iterable[str]] | None = None,
    *,
    keep: Iterable[str] = (),
    mask: Iterable[str] = (),
) -> list[Finding]:
    """What the public gate masks in ``text``, sorted and non-overlapping: identifiers
    (``find_personal_data``), people's names and home addresses (``people.find_people``),
    the person's own details in ``known``, and the words in ``mask``; less what ``keep``
    holds (the office's own numbers and addresses, words a person restored)."""
    if not text:
        return []
    from .people import find_people, given_name_spans, known_address_spans

    found: list[Finding] = list(find_personal_data(text))
    spans = find_people(text)
    if known:
        found += _known_spans(text, known)
        spans += known_address_spans(text, known.get("address", ()))
        spans += given_name_spans(text, known.get("name", ()))
    found += [Finding(p.start, p.end, p.kind, text[p.start : p.end]) for p in spans]
    manual = [" ".join((m or "").split()) for m in mask]
    folded = _fold_same_length(text)
    for value in manual:
        if len(value) < 2:
            continue
        words = _fold_same_length(value).split(" ")
        pattern = r"(?<![^\W_])" + r"\s+".join(map(re.escape, words)) + r"(?![^\W_])"
        for m in re.finditer(pattern, folded):
            found.append(Finding(m.start(), m.end(), "manual", text[m.start() : m.end()]))
    keep = tuple(keep)
    phones, texts = _kept(keep)
    if phones or texts:
        found = [f for f in found if not _is_kept(f, phones, texts)]
    return _union(found, text)


def public_text(
    text: str,
    known: Mapping[str, Iterable[str]] | None = None,
    *,
    keep: Iterable[str] = (),
    mask: Iterable[str] = (),
) -> str:
    """The one gate for everything the office shows as public: ``text`` with every piece of
    personal data replaced by its label ("[số điện thoại]", "[số CCCD]", "[email]", ...).

    ``known`` adds what the office already holds about the person, by kind ("name",
    "address", "phone", "email"): those values are masked wherever they appear, even where
    the detector alone would not recognise them (a name, a street address). People's names
    and home addresses are found in any text (``people.find_people``). ``keep`` is never
    masked: the office's own hotline, e-mail and address, words a person restored before
    publishing; ``mask`` is masked wherever it appears (what the person masked by hand).
    """
    if not text:
        return ""
    keep = tuple(keep)
    phones, texts = _kept(keep)
    findings = gate_findings(text, known, keep=keep, mask=mask)
    if not findings:
        return text
    # Numbers that stood touching a masked word can stand alone once it is a placeholder.
    out, _found = _mask(text, findings, lambda f: not _is_kept(f, phones, texts))
    return out
