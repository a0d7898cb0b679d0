"""Text helpers: folding Vietnamese for diacritic-insensitive search, and cleaning input.

``fold("Đường Hà Nội")`` gives ``"duong ha noi"``; the same folding is applied to stored
search text and to queries, so "ha noi" finds "Hà Nội" and "duong" finds "đường"."""

from __future__ import annotations

import re
import unicodedata

_BIDI_AND_ZERO_WIDTH = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF]
)


def _build_fold_table() -> dict[int, str]:
    """The one folding table of the product: one character for one, lower case, no marks."""
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d"}
    for cp in range(0x41, 0x5B):  # A-Z
        table[cp] = chr(cp + 32)
    # Every precomposed Latin letter with marks maps to its base letter.
    for cp in range(0x00C0, 0x1EFF + 1):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base.isascii() and base.isalpha() and base != ch:
            table[cp] = base.lower()
    return table


_FOLD = _build_fold_table()


def fold_chars(text: str) -> str:
    """Lower case without diacritics, one character for one: an offset in the folded text is
    the offset in the original ("Số tài khoản" is matched as "so tai khoan" in place)."""
    return text.translate(_FOLD)


_SPACES = re.compile(r"\s+")
_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower case, no diacritics, đ -> d, single spaces."""
    out = text.translate(_FOLD).lower()
    if not out.isascii():
        # Decomposed input (combining marks typed separately) and any letter the table misses.
        out = _COMBINING.sub("", unicodedata.normalize("NFD", out)).translate(_FOLD)
    return _SPACES.sub(" ", out).strip()


_DIGIT_CHUNK = re.compile(r"\+?[\d.\-]*\d[\d.\-]*")
_TOKEN = re.compile(r"[0-9a-z]+")
_MAX_PHONE_DIGITS = 11


def search_terms(query: str) -> list[str]:
    """Folded alphanumeric tokens of a search query. A phone number or code written in
    groups ("0912 345 678", "0260.3797799", "26-000421-4") becomes one digit token, the way
    it is stored: neighbouring digit groups are joined while they start like a phone number
    (0 or 84) and stay within 11 digits."""
    terms: list[str] = []
    run = ""
    for chunk in fold(clean_text(query or "")).split():
        if _DIGIT_CHUNK.fullmatch(chunk):
            digits = re.sub(r"\D", "", chunk)
            if run and run[0] in "08" and len(run) + len(digits) <= _MAX_PHONE_DIGITS:
                run += digits
                continue
            if run:
                terms.append(run)
            run = digits
            continue
        if run:
            terms.append(run)
            run = ""
        terms.extend(_TOKEN.findall(chunk))
    if run:
        terms.append(run)
    # "+84 912 345 678" is stored as the national form 0912345678.
    return [
        "0" + t[2:] if t.isdigit() and t.startswith("84") and len(t) in (11, 12) else t
        for t in terms
    ]


# Any character clean_text() removes (control characters but newline and tab, bidi controls,
# zero-width characters, surrogates): text without one that is already NFC is only trimmed.
_UNCLEAN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def clean_text(s: str) -> str:
    """NFC, no bidi controls or zero-width characters, no control characters except newline
    and tab, no lone surrogates, trimmed."""
    if not _UNCLEAN.search(s) and unicodedata.is_normalized("NFC", s):
        return s.strip()  # the common case (a value cleaned before), without a pass per char
    s = s.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(s) else s
    s = unicodedata.normalize("NFC", s).translate(_BIDI_AND_ZERO_WIDTH)
    s = "".join(ch for ch in s if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))
    return s.replace("\r\n", "\n").strip()


def _has_surrogate(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
