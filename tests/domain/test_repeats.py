"""The rule for the same PAKN twice, without a database (pakn_desktop.domain.repeats)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pakn_desktop.domain.enums import CaseState
from pakn_desktop.domain.letters import LetterNotCalledFor
from pakn_desktop.domain.repeats import (
    AnswerLetter,
    GroupMember,
    answer_refusal,
    carrier,
    group_of,
    link_refusal,
    publish_refusal,
    to_close,
)

LETTER = AnswerLetter("PAKN-A", "07/SNV-VP", date(2026, 5, 12))


def test_group_follows_links_either_way() -> None:
    links = [(2, 1), (3, 2), (5, 4)]
    assert group_of(links, 1) == {1, 2, 3} == group_of(links, 3)
    assert group_of(links, 4) == {4, 5}
    assert group_of(links, 9) == {9}


def test_one_answer_for_the_group() -> None:
    a = GroupMember(1, "PAKN-A", CaseState.ANSWERED, LETTER)
    b = GroupMember(2, "PAKN-B", CaseState.IN_PROGRESS)
    c = GroupMember(3, "PAKN-C", CaseState.REJECTED)
    d = GroupMember(4, "PAKN-D", CaseState.RECEIVED)
    group = [a, b, c, d]
    assert carrier(group) == a
    assert answer_refusal("PAKN-A", group) is None  # the carrier's own (a reissue, a fix)
    refused = answer_refusal("PAKN-B", group)
    assert isinstance(refused, LetterNotCalledFor)  # shown as any letter not called for
    assert refused.carrier_code == "PAKN-A"
    assert "07/SNV-VP" in refused.message and "12/05/2026" in refused.message
    # Only the open ones close; a rejected repeat keeps its own ending.
    assert [m.code for m in to_close(group)] == ["PAKN-B", "PAKN-D"]
    assert to_close([b, d]) == [] and carrier([b, d]) is None


def test_link_refusals() -> None:
    a = GroupMember(1, "PAKN-A", CaseState.ANSWERED, LETTER)
    b = GroupMember(
        2, "PAKN-B", CaseState.ANSWERED, AnswerLetter("PAKN-B", "09/SNV-VP", LETTER.issued_on)
    )
    assert link_refusal("PAKN-A", "PAKN-A", False, [a]) is not None
    assert "đã được liên kết" in str(link_refusal("PAKN-B", "PAKN-A", True, [a, b]))
    both = link_refusal("PAKN-B", "PAKN-A", False, [a, b])
    assert both is not None and "07/SNV-VP" in both.message and "09/SNV-VP" in both.message
    assert (
        link_refusal("PAKN-B", "PAKN-A", False, [a, GroupMember(2, "PAKN-B", CaseState.RECEIVED)])
        is None
    )


def test_one_published_answer_for_the_group() -> None:
    a = GroupMember(1, "PAKN-A", CaseState.ANSWERED, None, date(2026, 5, 11))
    b = GroupMember(2, "PAKN-B", CaseState.RESULT_RECORDED)
    refused = publish_refusal("PAKN-B", [a, b])
    assert refused is not None and refused.carrier_code == "PAKN-A"
    assert "11/05/2026" in refused.message
    assert publish_refusal("PAKN-A", [a, b]) is None
    assert publish_refusal("PAKN-B", [b, GroupMember(3, "PAKN-C", CaseState.CLOSED)]) is None
    both = link_refusal("PAKN-B", "PAKN-A", False, [a, replace(b, published=date(2026, 5, 12))])
    assert both is not None and "12/05/2026" in both.message
