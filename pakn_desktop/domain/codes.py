"""PAKN codes and letter numbers.

A PAKN code is the two-digit year, a six-digit serial of that year and one Damm check digit,
written ``26-000421-4``. It is short enough to read over the phone, and the check digit
catches every single wrong digit and every swap of two neighbours, the usual mistakes of a
caller reading a code aloud. The serial comes from a per-year counter in the database, so two
desks saving at once never get the same code.
"""

from __future__ import annotations

import re

from .errors import InvalidCode

# Damm's quasigroup of order 10 (weakly totally anti-symmetric).
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

SERIAL_DIGITS = 6
MAX_SERIAL = 10**SERIAL_DIGITS - 1


def damm_check_digit(digits: str) -> int:
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][int(ch)]
    return interim


def format_case_code(year: int, serial: int) -> str:
    if not 1 <= serial <= MAX_SERIAL:
        raise ValueError(f"serial out of range: {serial}")
    body = f"{year % 100:02d}{serial:0{SERIAL_DIGITS}d}"
    return f"{body[:2]}-{body[2:]}-{damm_check_digit(body)}"


# The example messages give: computed, so it always passes the check it illustrates.
EXAMPLE_CODE = format_case_code(2026, 421)

_CODE_DIGITS = re.compile(r"\d")


def normalize_case_code(text: str) -> str:
    """Canonical form of a code typed or read out in any grouping ("26 000421 7", "260004217").

    Raises InvalidCode with a Vietnamese message when it cannot be a PAKN code.
    """
    digits = "".join(_CODE_DIGITS.findall(text or ""))
    stripped = re.sub(r"[\s.\-_/]", "", text or "")
    if len(digits) != 2 + SERIAL_DIGITS + 1 or len(stripped) != len(digits):
        raise InvalidCode(
            f"«{(text or '').strip()[:40]}» không phải là mã PAKN "
            f"(mã gồm 9 chữ số, ví dụ {EXAMPLE_CODE})."
        )
    if damm_check_digit(digits) != 0:
        raise InvalidCode(
            f"Mã PAKN «{(text or '').strip()[:40]}» có chữ số kiểm tra không khớp: "
            "có thể đã đọc hoặc gõ nhầm một chữ số."
        )
    return f"{digits[:2]}-{digits[2:8]}-{digits[8]}"


def format_letter_number(number: int, symbol: str) -> str:
    """ "Số: 05/SLĐTBXH-HCTH": numbers below 10 get a leading zero (NĐ 30/2020)."""
    return f"{number:02d}/{symbol}"


def likely_codes(text: str) -> list[str]:
    """The codes a mistyped or misheard one probably meant, most likely first.

    For nine digits whose check digit does not match ("26-000001-8"): the same year and
    serial with its right check digit, then every swap of two neighbouring digits and every
    single changed digit that gives a valid code (the two mistakes the check digit always
    catches). Anything that is not nine digits, or is already valid, gives no proposals; the
    caller keeps only the codes that exist."""
    stripped = re.sub(r"[\s.\-_/]", "", text or "")
    if len(stripped) != 2 + SERIAL_DIGITS + 1 or not stripped.isdigit():
        return []
    if damm_check_digit(stripped) == 0:
        return []
    body = stripped[:-1]
    found: list[str] = [body + str(damm_check_digit(body))]
    for i in range(len(stripped) - 1):
        swapped = stripped[:i] + stripped[i + 1] + stripped[i] + stripped[i + 2 :]
        if swapped != stripped and damm_check_digit(swapped) == 0:
            found.append(swapped)
    for i in range(len(stripped) - 1):
        for d in "0123456789":
            if d != stripped[i]:
                changed = stripped[:i] + d + stripped[i + 1 :]
                if damm_check_digit(changed) == 0:
                    found.append(changed)
    out: list[str] = []
    for digits in found:
        code = f"{digits[:2]}-{digits[2:8]}-{digits[8]}"
        if code not in out and digits[2:8] != "000000":
            out.append(code)
    return out
