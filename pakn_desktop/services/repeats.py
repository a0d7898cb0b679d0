"""The same PAKN twice, in the store: the linked group of a case, locked while an answer
letter is issued or a link changes, and the cases closed or reopened as the rule in
``pakn_desktop.domain.repeats`` decides.

Two desks at once: every change that can make a second answer go out (issuing an answer
letter, linking, unlinking) first locks the rows of every case of the group, in the order of
their ids, inside its write transaction (PostgreSQL: ``SELECT … FOR UPDATE``; SQLite: the
write transaction's ``BEGIN IMMEDIATE`` already holds the database). The second desk waits,
then reads the group as the first left it: the database decides which answer goes out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from pakn_desktop.domain.codes import format_letter_number
from pakn_desktop.domain.enums import CaseState
from pakn_desktop.domain.history import EventAction
from pakn_desktop.domain.repeats import (
    AnswerLetter,
    GroupMember,
    RepeatLinkRefused,
    carrier,
    closed_summary,
    group_of,
    linked_summary,
    publish_refusal,
    to_close,
    unlinked_summary,
)
from pakn_desktop.domain.workflow import Action
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.store import summary as summary_rows
from pakn_desktop.store.models import Case, CaseEvent, CaseLink, Letter

from .history import record_event
from .views import Actor

_WORKFLOW = frozenset(a.value for a in Action)


def group_ids(s: Session, starts: Iterable[int]) -> set[int]:
    """The cases linked to ``starts``, directly or through others, ``starts`` included."""
    seen = set(starts)
    frontier = set(seen)
    links: list[tuple[int, int]] = []
    while frontier:
        rows = s.execute(
            select(CaseLink.case_id, CaseLink.earlier_id).where(
                or_(CaseLink.case_id.in_(frontier), CaseLink.earlier_id.in_(frontier))
            )
        ).all()
        links.extend((a, b) for a, b in rows)
        found = {x for a, b in rows for x in (a, b)} - seen
        seen |= found
        frontier = found
    out: set[int] = set()
    for start in starts:
        out |= group_of(links, start)
    return out


def lock_group(s: Session, starts: Iterable[int]) -> list[int]:
    """Lock the rows of every case in the groups of ``starts`` (in id order, so two desks
    never wait on each other in a circle) and return their ids. The group is read again once
    locked: a link committed meanwhile by another desk brings its cases in too."""
    starts = list(starts)
    locked: set[int] = set()
    ids = group_ids(s, starts)
    while not ids <= locked:
        new = sorted(ids - locked)
        s.execute(select(Case.id).where(Case.id.in_(new)).order_by(Case.id).with_for_update())
        locked |= set(new)
        ids = group_ids(s, starts)
    return sorted(ids)


def members(s: Session, ids: Sequence[int]) -> list[GroupMember]:
    """The cases ``ids`` with the answer letter standing for each (the newest one nothing
    replaced), in id order."""
    if not ids:
        return []
    answers: dict[int, AnswerLetter] = {}
    for case_id, code, number, symbol, issued_at in s.execute(
        select(Letter.case_id, Case.code, Letter.number, Letter.symbol, Letter.issued_at)
        .join(Case, Case.id == Letter.case_id)
        .where(
            Letter.case_id.in_(ids),
            Letter.kind == LetterKind.ANSWER.value,
            Letter.replaced_by_id.is_(None),
        )
        .order_by(Letter.id)
    ).all():
        if case_id is None:
            continue
        answers[case_id] = AnswerLetter(
            code, format_letter_number(number, symbol), issued_at.date()
        )
    out = []
    for cid, code, state, answered_on in s.execute(
        select(Case.id, Case.code, Case.state, Case.answered_on)
        .where(Case.id.in_(ids))
        .order_by(Case.id)
    ).all():
        st = CaseState(state)
        # A published answer stands while the case is answered or closed after it (a case
        # closed as a repeat was never answered itself: it has no answer day).
        published = answered_on if st in (CaseState.ANSWERED, CaseState.CLOSED) else None
        out.append(GroupMember(cid, code, st, answers.get(cid), published))
    return out


def check_publish(s: Session, case_id: int, code: str) -> None:
    """Inside the write transaction of «Trả lời, công khai kết quả»: lock the case's linked
    group and refuse a second answer for it (``PublishedInLinkedCase``)."""
    ids = lock_group(s, [case_id])
    if len(ids) > 1:
        refused = publish_refusal(code, members(s, ids))
        if refused is not None:
            raise refused


def close_answered_repeats(
    s: Session, group: Sequence[GroupMember], actor: Actor, now: datetime, today: date
) -> list[str]:
    """Close the group's other open cases as answered by its carrier's letter, each with a
    history line naming the letter and the case. Returns their codes."""
    c = carrier(group)
    closed = []
    for m in to_close(group):
        assert c is not None and c.answer is not None
        case = s.get(Case, m.case_id)
        assert case is not None
        counted = summary_rows.case_before(s, case.id)
        before = case.state
        case.state = CaseState.CLOSED.value
        case.closed_on = today
        case.due_on = None  # closed: no deadline runs
        record_event(
            s,
            case,
            actor,
            EventAction.REPEAT_CLOSED,
            closed_summary(c.code, c.answer),
            at=now,
            public=True,
            changes={
                "state": [before, CaseState.CLOSED.value],
                "answered_by": c.code,
                "letter": c.answer.number_text,
            },
        )
        s.flush()
        summary_rows.case_after(s, case.id, counted)
        closed.append(case.code)
    return closed


def link(
    s: Session,
    case_id: int,
    earlier_id: int,
    actor: Actor,
    now: datetime,
    today: date,
    refusal: Callable[[bool, list[GroupMember]], RepeatLinkRefused | None],
) -> list[str]:
    """Link two cases as the same PAKN inside the caller's write transaction; closes the
    cases the link makes answered. Returns the codes closed."""
    already = earlier_id in group_ids(s, [case_id])
    ids = lock_group(s, [case_id, earlier_id])
    already = already or earlier_id in group_ids(s, [case_id])
    group = members(s, ids)
    refused = refusal(already, group)
    if refused is not None:
        raise refused
    codes = {m.case_id: m.code for m in group}
    s.add(
        CaseLink(
            case_id=case_id, earlier_id=earlier_id, kind="repeat", at=now, actor_name=actor.name
        )
    )
    for a, b in ((case_id, earlier_id), (earlier_id, case_id)):
        record_event(
            s,
            a,
            actor,
            EventAction.REPEAT_LINK,
            linked_summary(codes[b]),
            at=now,
            changes={"linked": codes[b]},
        )
    s.flush()
    return close_answered_repeats(s, group, actor, now, today)


def unlink(
    s: Session,
    case_id: int,
    other_id: int,
    actor: Actor,
    now: datetime,
    refresh_due: Callable[[Case], None],
) -> list[str]:
    """Remove the link between two cases. A case that was closed as a repeat and is no longer
    in its carrier's group goes back to the state it had, when nothing happened to it since.
    Returns the codes reopened."""
    lock_group(s, [case_id, other_id])
    pair = or_(
        (CaseLink.case_id == case_id) & (CaseLink.earlier_id == other_id),
        (CaseLink.case_id == other_id) & (CaseLink.earlier_id == case_id),
    )
    gone = list(s.scalars(select(CaseLink.id).where(pair)))
    if gone:
        s.execute(delete(CaseLink).where(CaseLink.id.in_(gone)))
    cases = {cid: s.get(Case, cid) for cid in (case_id, other_id)}
    if not gone:
        a, b = (cases[case_id], cases[other_id])
        raise RepeatLinkRefused(
            f"PAKN {a.code if a else case_id} không được liên kết trực tiếp với PAKN "
            f"{b.code if b else other_id}: không có liên kết để bỏ."
        )
    reopened = []
    for cid, oid in ((case_id, other_id), (other_id, case_id)):
        case, other = cases[cid], cases[oid]
        assert case is not None and other is not None
        restored = _restorable(s, case)
        if restored is not None:
            counted = summary_rows.case_before(s, case.id)
            case.state = restored.value
            case.closed_on = None
            refresh_due(case)
            reopened.append(case.code)
        record_event(
            s,
            case,
            actor,
            EventAction.REPEAT_UNLINK,
            unlinked_summary(other.code, restored),
            at=now,
            public=restored is not None,
            changes={"unlinked": other.code}
            | ({"state": [CaseState.CLOSED.value, restored.value]} if restored else {}),
        )
        if restored is not None:
            s.flush()
            summary_rows.case_after(s, case.id, counted)
    return reopened


def _restorable(s: Session, case: Case) -> CaseState | None:
    """The state a case closed as a repeat goes back to once it is no longer linked to the
    case that answered it: None if it is not closed as a repeat, if something was done to it
    since, or if the carrier is still in its group through another link."""
    if case.state != CaseState.CLOSED.value:
        return None
    latest = s.execute(
        select(CaseEvent.action, CaseEvent.changes)
        .where(
            CaseEvent.case_id == case.id,
            CaseEvent.action.in_([*_WORKFLOW, EventAction.REPEAT_CLOSED.value]),
        )
        .order_by(CaseEvent.id.desc())
        .limit(1)
    ).first()
    if latest is None or latest.action != EventAction.REPEAT_CLOSED.value:
        return None
    changes = latest.changes or {}
    carrier_code = changes.get("answered_by", "")
    still = s.scalar(
        select(Case.id).where(Case.code == carrier_code, Case.id.in_(group_ids(s, [case.id])))
    )
    if still is not None:
        return None
    return CaseState(changes["state"][0])
