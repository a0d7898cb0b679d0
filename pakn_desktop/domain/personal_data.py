"""Finding personal data in text that will be published (DOMAIN.md: "Nội dung này sẽ được công
khai"): phone numbers, citizen ID numbers (CCCD 12 digits, CMND 9), emails and tax codes.

Document numbers ("06/QĐ-UBND"), legal references ("20/2008/NĐ-CP"), dates, money amounts,
service numbers (1800/1900) and digits inside a longer run are not personal data and are not
flagged."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .validation import normalize_phone

# Province codes of the CCCD (Thông tư 07/2016/TT-BCA): 001-096, not all used.
_CCCD_PROVINCES = {
    1,
    2,
    4,
    6,
    8,
    10,
    11,
    12,
    14,
    15,
    17,
    19,
    20,
    22,
    24,
    25,
    26,
    27,
    30,
    31,
    33,
    34,
    35,
    36,
    37,
    38,
    40,
    42,
    44,
    45,
    46,
    48,
    49,
    51,
    52,
    54,
    56,
    58,
    60,
    62,
    64,
    66,
    67,
    68,
    70,
    72,
    74,
    75,
    77,
    79,
    80,
    82,
    83,
    84,
    86,
    87,
    89,
    91,
    92,
    93,
    94,
    95,
    96,
}

PLACEHOLDERS = {
    "phone": "[số điện thoại]",
    "cccd": "[số CCCD]",
    "cmnd": "[số CMND]",
    "email": "[email]",
    "tax_code": "[mã số thuế]",
}
LABELS = {
    "phone": "Số điện thoại",
    "cccd": "Số CCCD",
    "cmnd": "Số CMND",
    "email": "Email",
    "tax_code": "Mã số thuế",
}


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str
    text: str


_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
# A run of digits with single spaces, dots or dashes between groups, optionally +84 first;
# not touching other letters, digits, slashes (document numbers) or commas/dots in amounts.
_NUMBER = re.compile(r"(?<![\w/.,\-])(?:\(?\+84\)?[ .\-]?|\b)\d(?:[ .\-]?\d){7,13}(?![\w/]|[.,]\d)")
_MST = re.compile(r"(?<![\w/.,\-])\d{10}(?:-\d{3})?(?![\w/]|[.,]\d)")


def _mst_valid(d: str) -> bool:
    weights = (31, 29, 23, 19, 17, 13, 7, 5, 3)
    total = sum(int(a) * w for a, w in zip(d[:9], weights, strict=True))
    return (10 - total % 11) == int(d[9])


def _is_date_like(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}[.\-/]\d{1,2}[.\-/]\d{2,4}", text))


def find_personal_data(text: str) -> list[Finding]:
    """Spans of personal data, sorted and non-overlapping."""
    if not text:
        return []
    found: list[Finding] = []
    for m in _EMAIL.finditer(text):
        found.append(Finding(m.start(), m.end(), "email", m.group(0)))
    for m in _NUMBER.finditer(text):
        raw = m.group(0).strip()
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        if _is_date_like(raw):
            continue
        # A thousands-grouped amount "1.500.000" is money, not a number to hide.
        if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", raw):
            continue
        digits = re.sub(r"\D", "", raw)
        kind = None
        if normalize_phone(raw) is not None and not digits.startswith(("1800", "1900")):
            kind = "phone"
        elif len(digits) == 12 and raw.isdigit():
            # Some CMND were issued with 12 digits; a CCCD starts with a province code.
            cccd = int(digits[:3]) in _CCCD_PROVINCES and digits[3] in "0123"
            kind = "cccd" if cccd else "cmnd"
        elif len(digits) == 9 and raw.isdigit():
            kind = "cmnd"
        elif len(digits) == 10 and raw.isdigit() and _mst_valid(digits):
            kind = "tax_code"
        if kind:
            found.append(Finding(start, start + len(raw), kind, raw))
    for m in _MST.finditer(text):
        d = m.group(0)[:10]
        if "-" in m.group(0) and _mst_valid(d):
            found.append(Finding(m.start(), m.end(), "tax_code", m.group(0)))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Finding] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def redact(
    text: str, findings: list[Finding], placeholder_by_kind: dict[str, str] | None = None
) -> str:
    marks = placeholder_by_kind or PLACEHOLDERS
    parts: list[str] = []
    pos = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < pos:
            continue
        parts.append(text[pos : f.start])
        parts.append(marks.get(f.kind, "[đã ẩn]"))
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


def split_private(text: str) -> tuple[str, str]:
    """(public text with personal data replaced, private note of what was moved)."""
    findings = find_personal_data(text)
    note = "\n".join(f"{LABELS[f.kind]}: {f.text}" for f in findings)
    return redact(text, findings), note
