"""The same PAKN twice: only one answer letter goes out for cases linked as one PAKN
(issue 26, point 5; pakn_desktop.domain.repeats), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from typing import TypeVar

import pytest
from accounts_fixture import staff_actor
from builders import LATE_UNEMPLOYMENT_PAY, a_form
from sqlalchemy import select

from pakn_desktop.domain.enums import CaseState, DeadlineStatus
from pakn_desktop.domain.errors import PermissionDenied
from pakn_desktop.domain.repeats import (
    AnsweredInLinkedCase,
    PublishedInLinkedCase,
    RepeatLinkRefused,
)
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.services import Services
from pakn_desktop.store import summary
from pakn_desktop.store.models import Case, CaseLink

T = TypeVar("T")
E = TypeVar("E", bound=BaseException)


def counts_agree(services: Services) -> bool:
    """The statistics' kept counts moved with the cases closed and reopened here."""
    with services.db.read() as s:
        start, end = date(2026, 1, 1), date(2026, 12, 31)
        return summary.read(s, start, end) == summary.scan(s, start, end)


FORM = a_form(**LATE_UNEMPLOYMENT_PAY)
PORTAL = replace(FORM, channel="national_portal", portal_code="H48.99-251207-0001")


def version(services: Services, code: str) -> int:
    return services.case_reads.get(code, staff_actor(services)).version


def in_progress(services: Services, actor, form: IntakeForm = FORM) -> str:  # type: ignore[no-untyped-def]
    code = services.cases.receive(form, actor).code
    services.cases.accept(
        code, actor, official_id=actor.id, expected_version=version(services, code)
    )
    return code


def answered(services: Services, actor, code: str) -> str:  # type: ignore[no-untyped-def]
    """Record the result and publish the answer: the case now calls for its answer letter."""
    services.cases.record_result(
        code, "Đã đôn đốc chi trả.", actor, expected_version=version(services, code)
    )
    services.cases.publish_answer(
        code,
        "Trung tâm Dịch vụ việc làm đã chi trả tháng thứ hai ngày 10/5/2026.",
        actor,
        expected_version=version(services, code),
    )
    return code


def linked_before_the_rule(services: Services, code: str, earlier: str) -> None:
    """A link made before one answer per group was the rule (migration 0023 had links):
    both cases may have published their answer."""
    with services.db.write() as s:
        ids = dict(
            s.execute(select(Case.code, Case.id).where(Case.code.in_([code, earlier]))).all()
        )
        s.add(
            CaseLink(
                case_id=ids[code],
                earlier_id=ids[earlier],
                kind="repeat",
                at=services.now(),
                actor_name="trước đây",
            )
        )


def answer_letters(services: Services, actor) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        e.case_code or ""
        for e in services.letters.register(actor, year=2026)
        if e.kind is LetterKind.ANSWER
    ]


def test_second_answer_is_refused_and_the_repeat_closes(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    first = in_progress(services, actor)
    second = in_progress(services, actor, PORTAL)
    assert services.routing.link_repeat(actor, second, first) == []  # nothing answered yet
    status = services.routing.repeat_status(actor, second)
    assert status.linked == (first,) and status.answered_by == ""
    answered(services, actor, first)
    letter = services.letters.issue(first, LetterKind.ANSWER, actor)
    # The repeat is closed as answered by that letter, its history naming letter and case.
    b = services.case_reads.get(second, actor)
    assert b.state is CaseState.CLOSED and b.status is DeadlineStatus.DONE
    line = b.events[-1]
    assert line.action == "repeat_closed"
    assert first in line.summary and letter.number_text in line.summary
    status = services.routing.repeat_status(actor, second)
    assert (status.answered_by, status.letter) == (first, letter.number_text)
    assert status.answered_elsewhere
    assert not services.routing.repeat_status(actor, first).answered_elsewhere
    # Its answer letter is not offered, and refused with the case that carries the answer.
    assert LetterKind.ANSWER not in services.letters.called_for(second, actor)
    with pytest.raises(AnsweredInLinkedCase, match=first) as info:
        services.letters.issue(second, LetterKind.ANSWER, actor)
    assert info.value.carrier_code == first and letter.number_text in info.value.message
    with pytest.raises(AnsweredInLinkedCase):
        services.letters.check(second, LetterKind.ANSWER, actor)
    # Issuing the carrier's answer again gives the same letter; a correction is still its own.
    again = services.letters.issue(first, LetterKind.ANSWER, actor)
    assert again.already_issued and again.id == letter.id
    fixed = services.letters.replace(letter.id, "Sai ngày chi trả.", actor)
    assert fixed.case_code == first
    assert answer_letters(services, actor) == [first, first]


def test_a_second_published_answer_is_refused(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    first = in_progress(services, actor)
    second = in_progress(services, actor, PORTAL)
    services.routing.link_repeat(actor, second, first)
    answered(services, actor, second)  # whichever is answered first carries the answer
    with pytest.raises(PublishedInLinkedCase, match=second) as info:
        answered(services, actor, first)
    assert info.value.carrier_code == second
    assert services.case_reads.get(first, actor).state is CaseState.RESULT_RECORDED  # unchanged
    # Two cases answered each on their own are not linked as one afterwards.
    third = answered(
        services, actor, in_progress(services, actor, replace(FORM, phone="0977 000 111"))
    )
    with pytest.raises(RepeatLinkRefused, match="đều đã được trả lời"):
        services.routing.link_repeat(actor, third, second)


def test_a_group_linked_before_the_rule_gets_one_letter(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    """Both cases published their answer and were linked before the rule: the first letter
    issued carries the answer, the other's is refused."""
    first = answered(services, actor, in_progress(services, actor))
    second = answered(services, actor, in_progress(services, actor, PORTAL))
    linked_before_the_rule(services, first, second)
    assert LetterKind.ANSWER in services.letters.called_for(first, actor)
    services.letters.issue(second, LetterKind.ANSWER, actor)
    with pytest.raises(AnsweredInLinkedCase, match=second):
        services.letters.issue(first, LetterKind.ANSWER, actor)
    assert answer_letters(services, actor) == [second]
    # Already answered (not open): it keeps its state, it is not closed twice.
    assert services.case_reads.get(first, actor).state is CaseState.ANSWERED


def test_a_chain_of_links_is_one_pakn(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    a = in_progress(services, actor)
    b = services.cases.receive(PORTAL, actor).code  # not even classified yet
    c = in_progress(services, actor, replace(FORM, channel="walk_in"))
    services.routing.link_repeat(actor, b, a)
    services.routing.link_repeat(actor, c, b)
    with pytest.raises(RepeatLinkRefused, match="đã được liên kết"):
        services.routing.link_repeat(actor, a, c)  # already one group through b
    answered(services, actor, c)
    services.letters.issue(c, LetterKind.ANSWER, actor)
    assert [services.case_reads.get(x, actor).state for x in (a, b)] == [CaseState.CLOSED] * 2
    with pytest.raises(AnsweredInLinkedCase, match=c):
        services.letters.issue(a, LetterKind.ANSWER, actor)


def test_link_after_answer_closes_the_repeat_and_unlink_reopens_it(  # type: ignore[no-untyped-def]
    services: Services, actor
) -> None:
    first = answered(services, actor, in_progress(services, actor))
    letter = services.letters.issue(first, LetterKind.ANSWER, actor)
    second = in_progress(services, actor, PORTAL)
    due = services.case_reads.get(second, actor).due_on
    assert services.routing.link_repeat(actor, second, first) == [second]
    b = services.case_reads.get(second, actor)
    assert b.state is CaseState.CLOSED
    assert [e.action for e in b.events][-2:] == ["repeat_link", "repeat_closed"]
    assert letter.number_text in b.events[-1].summary
    assert counts_agree(services)
    # A mistake: not the same PAKN after all. It goes back to handling, with its deadline.
    assert services.routing.unlink_repeat(actor, second, first) == [second]
    b = services.case_reads.get(second, actor)
    assert b.state is CaseState.IN_PROGRESS and b.due_on == due
    assert b.events[-1].action == "repeat_unlink" and "mở lại" in b.events[-1].summary
    assert services.routing.links(actor, second) == []
    assert counts_agree(services)
    # Now it has its own answer.
    answered(services, actor, second)
    assert services.letters.issue(second, LetterKind.ANSWER, actor).case_code == second
    # Two answers went out: linking them now is refused, and nothing is linked.
    with pytest.raises(RepeatLinkRefused, match="đều đã được trả lời"):
        services.routing.link_repeat(actor, second, first)
    assert services.routing.links(actor, first) == []


def test_unlink_leaves_a_case_handled_since_alone(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    first = answered(services, actor, in_progress(services, actor))
    services.letters.issue(first, LetterKind.ANSWER, actor)
    second = in_progress(services, actor, PORTAL)
    services.routing.link_repeat(actor, second, first)
    services.cases.reopen(
        second, "Người dân gửi thêm nội dung.", actor, expected_version=version(services, second)
    )
    services.cases.transfer(
        second, "Bảo hiểm xã hội tỉnh", actor, expected_version=version(services, second)
    )
    services.cases.close(second, actor, expected_version=version(services, second))
    assert services.routing.unlink_repeat(actor, first, second) == []
    assert services.case_reads.get(second, actor).state is CaseState.CLOSED


def test_wrong_person_wrong_state_and_twice(  # type: ignore[no-untyped-def]
    services: Services, actor, front_desk, official_actor
) -> None:
    first = in_progress(services, actor)
    second = in_progress(services, actor, PORTAL)
    with pytest.raises(PermissionDenied):
        services.routing.link_repeat(official_actor, second, first)
    with pytest.raises(RepeatLinkRefused, match="chính nó"):
        services.routing.link_repeat(actor, first, first)
    services.routing.link_repeat(front_desk, second, first)  # the desk that received it links
    for a, b in ((second, first), (first, second)):  # twice, and the other way round
        with pytest.raises(RepeatLinkRefused, match="đã được liên kết"):
            services.routing.link_repeat(actor, a, b)
    with pytest.raises(PermissionDenied):
        services.routing.unlink_repeat(front_desk, second, first)  # a head's decision
    with pytest.raises(PermissionDenied):
        services.letters.issue(first, LetterKind.ANSWER, front_desk)  # letters are a head's
    # Wrong state: nothing answered yet; the ordinary refusal, not the repeat one.
    with pytest.raises(Exception, match="chưa có nội dung trả lời") as info:
        services.letters.issue(second, LetterKind.ANSWER, actor)
    assert not isinstance(info.value, AnsweredInLinkedCase)
    services.routing.unlink_repeat(actor, second, first)
    with pytest.raises(RepeatLinkRefused, match="không có liên kết"):
        services.routing.unlink_repeat(actor, second, first)  # twice
    assert answer_letters(services, actor) == []


@pytest.fixture
def two_desks(migrated_db_url: str, clock) -> Iterator[list[Services]]:  # type: ignore[no-untyped-def]
    """Two desks on the same database, each with its own connections."""
    desks = [Services.open(migrated_db_url, now=clock) for _ in range(2)]
    yield desks
    for d in desks:
        d.close()


def at_once(calls: Sequence[Callable[[], T]], refusal: type[E]) -> tuple[list[T], list[E]]:
    """The calls run each on a thread of its own, let go together; what they returned and
    the refusals (``refusal``) they met. Any other error fails the test."""
    barrier = threading.Barrier(len(calls))
    done: list[T] = []
    refused: list[E] = []
    errors: list[BaseException] = []

    def run(call: Callable[[], T]) -> None:
        barrier.wait()
        try:
            done.append(call())
        except refusal as exc:
            refused.append(exc)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return done, refused


def test_two_desks_answering_two_linked_cases_at_once(two_desks: list[Services]) -> None:
    desk = two_desks[0]
    actor = staff_actor(desk)
    codes = [answered(desk, actor, in_progress(desk, actor, form)) for form in (FORM, PORTAL)]
    linked_before_the_rule(desk, codes[1], codes[0])
    issued, refused = at_once(
        [
            partial(d.letters.issue, c, LetterKind.ANSWER, actor)
            for d, c in zip(two_desks, codes, strict=True)
        ],
        AnsweredInLinkedCase,
    )
    assert len(issued) == 1 and len(refused) == 1
    assert refused[0].carrier_code == issued[0].case_code
    assert answer_letters(desk, actor) == [issued[0].case_code]


def test_two_desks_publishing_two_linked_answers_at_once(two_desks: list[Services]) -> None:
    desk = two_desks[0]
    actor = staff_actor(desk)
    codes = [in_progress(desk, actor, form) for form in (FORM, PORTAL)]
    desk.routing.link_repeat(actor, codes[1], codes[0])
    for code in codes:
        desk.cases.record_result(
            code, "Đã đôn đốc chi trả.", actor, expected_version=version(desk, code)
        )
    done, refused = at_once(
        [
            partial(d.cases.publish_answer, c, "Đã chi trả.", actor, expected_version=version(d, c))
            for d, c in zip(two_desks, codes, strict=True)
        ],
        PublishedInLinkedCase,
    )
    assert len(done) == 1 and len(refused) == 1 and refused[0].carrier_code == done[0].code
    states = [desk.case_reads.get(c, actor).state for c in codes]
    assert sorted(states) == sorted([CaseState.ANSWERED, CaseState.RESULT_RECORDED])
