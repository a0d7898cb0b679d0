"""How a due date is worded for people: one place, so the window, the lookup and the letters
say the same thing and say what the law counts.

A deadline here is always the *last permitted* day (the N-th working day after the event,
``deadlines``). "trước ngày X" excludes X, so it promises one day less than the law gives;
letters and screens say "chậm nhất ngày X" (the day itself still counts). See
docs/thuat-ngu.md, "Deadlines".

Also here: how a failure is told to a person (plain words and what to do; the technical text
goes to the log).
"""

from __future__ import annotations

import errno
import logging
from datetime import date

DATE_FORMAT = "%d/%m/%Y"
LATEST_BY = "chậm nhất ngày"


def day_text(d: date) -> str:
    """A day as people write it: 13/02/2026."""
    return f"{d:{DATE_FORMAT}}"


def _day(d: date | str) -> str:
    # A string is passed through: letter templates word a placeholder ("{han_bo_sung}").
    return d if isinstance(d, str) else day_text(d)


def latest_by(d: date | str) -> str:
    """ "chậm nhất ngày 13/02/2026": the last permitted day, that day included."""
    return f"{LATEST_BY} {_day(d)}"


_ENDS_SENTENCE = (".", "!", "?", "…")


def as_sentence(text: str) -> str:
    """Typed text as a letter prints it: its last line ends with a full stop ("Không rõ nội
    dung" -> "Không rõ nội dung."); a trailing comma, semicolon or colon becomes one. Text
    ending a sentence already ("...?", "./.", "(...)." ) is left as typed."""
    text = text.strip()
    if not text:
        return ""
    core = text.rstrip(")”\"'»")
    if core.endswith(_ENDS_SENTENCE):
        return text
    if text.endswith((",", ";", ":")):
        return text[:-1].rstrip() + "."
    return text + "."


def ways_to_send(postal: bool, email: bool) -> str:
    """How the person may send what is asked for, naming only the ways the office gave an
    address for: "trực tiếp, qua đường bưu chính hoặc thư điện tử" when both are set, "trực
    tiếp" when neither (a request must not ask for a letter it gives no address for)."""
    ways = ["trực tiếp"]
    if postal:
        ways.append("qua đường bưu chính")
    if email:
        ways.append("qua thư điện tử" if not postal else "thư điện tử")
    if len(ways) == 1:
        return ways[0]
    return ", ".join(ways[:-1]) + " hoặc " + ways[-1]


def official_choice(full_name: str, unit: str, username: str, open_cases: int | None = None) -> str:
    """An official as a picker lists them, so two people of the same name are told apart:
    "Nguyễn Văn An — Phòng Lao động (nvan) · 3 PAKN đang mở"."""
    text = full_name + (f" — {unit}" if unit else "") + f" ({username})"
    if open_cases is not None:
        text += f" · {open_cases} PAKN đang mở" if open_cases else " · chưa có PAKN đang mở"
    return text


# --- failures told in plain words ------------------------------------------------------
# A person reads what happened and what to do; the technical text (the system's English
# errno text, an exception's name, SQL) goes to the log, never into these sentences.
LOGGED = "Chi tiết kỹ thuật đã được ghi vào tệp nhật ký."
ASK_ADMIN = "Vui lòng báo quản trị hệ thống."
# The sentence the store ends a refusal with when it left everything as it was.
NOTHING_CHANGED = "Không có gì bị thay đổi."


def logged(exc: BaseException) -> BaseException | None:
    """Write a failure's technical text to the log; ``raise Plain(...) from logged(exc)``
    then tells the person in plain words and keeps the chain out of the message (None, as
    ``from None``)."""
    logging.getLogger("pakn_desktop").warning("Shown in plain words: %r", exc)
    return None


def file_problem(exc: OSError, name: str = "") -> str:
    """Why a file could not be read or written, naming it, with what to do."""
    where = f" «{name or exc.filename or ''}»" if (name or exc.filename) else ""
    code = exc.errno
    if code == errno.ENOENT:
        return f"Không tìm thấy tệp hoặc thư mục{where}."
    if code in (errno.EACCES, errno.EPERM):
        return (
            f"Không có quyền đọc hoặc ghi tệp{where}. Vui lòng chọn thư mục khác hoặc báo "
            "quản trị hệ thống."
        )
    if code == errno.EROFS:
        return f"Ổ đĩa chỉ cho phép đọc, không ghi được tệp{where}. Vui lòng chọn thư mục khác."
    if code in (errno.ENOSPC, errno.EFBIG):
        return (
            f"Ổ đĩa đã đầy, không ghi được tệp{where}. Vui lòng giải phóng chỗ trống rồi thử lại."
        )
    if code == errno.EISDIR:
        return f"«{name or exc.filename}» là một thư mục, không phải tệp."
    if code == errno.ENOTDIR:
        return f"Đường dẫn{where} không phải là thư mục."
    if code == errno.EEXIST:
        return f"Tệp{where} đã có; vui lòng chọn tên khác."
    return f"Không đọc hoặc ghi được tệp{where}. {LOGGED}"


__all__ = [
    "ASK_ADMIN",
    "DATE_FORMAT",
    "LATEST_BY",
    "LOGGED",
    "day_text",
    "file_problem",
    "latest_by",
    "logged",
    "official_choice",
]
