"""The same PAKN arriving twice (issue 26, point 5): only one answer goes out.

Cases linked as the same PAKN (by two channels, or a walk-in repeat) form a *group*: every
case reachable through the links. Exactly one answer letter is issued for a group:

- the first answer letter issued in the group carries the answer (whichever case it is: the
  database decides when two desks issue at once);
- every other case of the group that is still open is then closed as answered by that letter,
  its history naming the letter and the case that carries it (the public lookup shows it as
  «Đã trả lời», as the person was answered);
- «Trả lời, công khai kết quả» (publishing the answer) for a second case of the group is
  refused (``PublishedInLinkedCase``), so that only one case of it comes to call for an
  answer letter;
- an answer letter for another case of the group is refused, naming the case that carries
  the answer (``AnsweredInLinkedCase``, a ``LetterNotCalledFor``: the window and the command
  line show it as any other letter the case does not call for). This also holds for groups
  linked before the rule, where two cases may both have published an answer;
- linking a case to a group that was answered already closes it the same way; linking two
  cases that were each answered (published or lettered) is refused (two answers went out);
- unlinking puts a case closed as a repeat back where it was, when nothing happened to it
  since (it was not answered after all).

Pure Python: the service hands in the links and the members, and writes what is decided."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .enums import OPEN_STATES, CaseState
from .errors import PaknError
from .letters import LetterNotCalledFor


class AnsweredInLinkedCase(LetterNotCalledFor):
    """An answer letter asked for a case whose linked group was answered by another case."""

    def __init__(self, message: str, *, carrier_code: str) -> None:
        super().__init__(message)
        self.carrier_code = carrier_code


class PublishedInLinkedCase(PaknError):
    """«Trả lời, công khai kết quả» asked for a case whose linked group was answered by
    another case (its answer published or its answer letter issued)."""

    def __init__(self, message: str, *, carrier_code: str) -> None:
        super().__init__(message)
        self.carrier_code = carrier_code


class RepeatLinkRefused(PaknError):
    """Two cases may not be linked as the same PAKN (itself, linked already, both answered)."""


@dataclass(frozen=True)
class AnswerLetter:
    """The answer letter standing for a case (not replaced by a correction)."""

    case_code: str
    number_text: str
    issued_on: date


@dataclass(frozen=True)
class GroupMember:
    case_id: int
    code: str
    state: CaseState
    answer: AnswerLetter | None = None
    published: date | None = None  # the day its answer was published, while it stands


def group_of(links: Iterable[tuple[int, int]], start: int) -> set[int]:
    """Every case reachable from ``start`` through the links, ``start`` included."""
    near: dict[int, set[int]] = defaultdict(set)
    for a, b in links:
        near[a].add(b)
        near[b].add(a)
    seen = {start}
    todo = [start]
    while todo:
        for other in near[todo.pop()]:
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def carrier(members: Sequence[GroupMember]) -> GroupMember | None:
    """The case of the group whose answer letter went out (None: not answered yet)."""
    answered = [m for m in members if m.answer is not None]
    return min(answered, key=lambda m: m.case_id) if answered else None


def answer_refusal(code: str, members: Sequence[GroupMember]) -> AnsweredInLinkedCase | None:
    """Why no answer letter may be issued for ``code`` (a member of ``members``): another case
    of its group carries the answer. None when ``code`` may carry it."""
    other = [m for m in members if m.code != code and m.answer is not None]
    if not other:
        return None
    c = min(other, key=lambda m: m.case_id)
    assert c.answer is not None
    return AnsweredInLinkedCase(
        f"PAKN {code} được liên kết là cùng một PAKN với PAKN {c.code}, đã được trả lời bằng "
        f"văn bản trả lời số {c.answer.number_text} ngày {c.answer.issued_on:%d/%m/%Y}. Một "
        "PAKN gửi nhiều lần chỉ có một văn bản trả lời: không ban hành thêm văn bản trả lời "
        f"cho PAKN {code}. Nếu đây không phải cùng một PAKN, hãy bỏ liên kết trước.",
        carrier_code=c.code,
    )


def publish_refusal(code: str, members: Sequence[GroupMember]) -> PublishedInLinkedCase | None:
    """Why ``code`` may not publish an answer: another case of its group published one, or
    issued its answer letter. None when it may (it carries the answer then)."""
    other = [
        m for m in members if m.code != code and (m.answer is not None or m.published is not None)
    ]
    if not other:
        return None
    c = min(other, key=lambda m: m.case_id)
    day = c.answer.issued_on if c.answer is not None else c.published
    assert day is not None
    return PublishedInLinkedCase(
        f"PAKN {code} được liên kết là cùng một PAKN với PAKN {c.code}, đã được trả lời ngày "
        f"{day:%d/%m/%Y}. Một PAKN gửi nhiều lần chỉ được trả lời một lần: không trả lời, "
        f"công khai kết quả lần thứ hai ở PAKN {code}. Nếu đây không phải cùng một PAKN, hãy "
        "bỏ liên kết trước.",
        carrier_code=c.code,
    )


def link_refusal(
    code: str, earlier_code: str, already_linked: bool, merged: Sequence[GroupMember]
) -> RepeatLinkRefused | None:
    """Why ``code`` may not be linked to ``earlier_code`` (``merged``: the two groups
    together), or None."""
    if code == earlier_code:
        return RepeatLinkRefused("Không thể liên kết một PAKN với chính nó.")
    if already_linked:
        return RepeatLinkRefused(f"PAKN {code} đã được liên kết với {earlier_code}.")
    answered = [m for m in merged if m.answer is not None or m.published is not None]
    if len(answered) > 1:
        a, b = sorted(answered, key=lambda m: m.case_id)[:2]
        return RepeatLinkRefused(
            f"Không thể liên kết: PAKN {a.code} ({_how(a)}) và PAKN {b.code} ({_how(b)}) đều "
            "đã được trả lời. Một PAKN gửi nhiều lần chỉ được trả lời một lần."
        )
    return None


def _how(m: GroupMember) -> str:
    if m.answer is not None:
        return f"văn bản trả lời số {m.answer.number_text}"
    assert m.published is not None
    return f"trả lời ngày {m.published:%d/%m/%Y}"


def to_close(members: Sequence[GroupMember]) -> list[GroupMember]:
    """The cases to close as answered by the group's carrier: the others still open."""
    c = carrier(members)
    if c is None:
        return []
    return [m for m in members if m.case_id != c.case_id and m.state in OPEN_STATES]


def closed_summary(carrier_code: str, letter: AnswerLetter) -> str:
    return (
        f"Đóng hồ sơ: PAKN trùng với PAKN {carrier_code}, đã được trả lời bằng văn bản trả lời "
        f"số {letter.number_text} ngày {letter.issued_on:%d/%m/%Y} của PAKN {carrier_code}."
    )


def linked_summary(other_code: str) -> str:
    return (
        f"Liên kết là cùng một PAKN với PAKN {other_code}: chỉ một văn bản trả lời được ban "
        "hành cho các PAKN đã liên kết."
    )


def unlinked_summary(other_code: str, restored: CaseState | None) -> str:
    text = f"Bỏ liên kết PAKN trùng với PAKN {other_code}."
    if restored is not None:
        text += (
            " Hồ sơ đã đóng do trùng PAKN nay được mở lại về trạng thái "
            f"«{restored.label}» vì chưa được trả lời."
        )
    return text
