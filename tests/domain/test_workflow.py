from __future__ import annotations

import pytest

from pakn_desktop.domain.enums import CaseState, Outcome
from pakn_desktop.domain.errors import InvalidTransition, MissingInformation
from pakn_desktop.domain.workflow import (
    Action,
    allowed_actions,
    is_allowed,
    next_state,
    require_input,
)

S = CaseState
A = Action

ALLOWED = {
    (S.RECEIVED, A.REJECT): S.REJECTED,
    (S.RECEIVED, A.ASK_CLARIFICATION): S.AWAITING_CLARIFICATION,
    (S.RECEIVED, A.FORWARD): S.IN_PROGRESS,
    (S.RECEIVED, A.ACCEPT): S.IN_PROGRESS,
    (S.RECEIVED, A.TRANSFER): S.TRANSFERRED,
    (S.RECEIVED, A.ASSIGN): S.RECEIVED,
    (S.RECEIVED, A.EDIT): S.RECEIVED,
    (S.AWAITING_CLARIFICATION, A.SUPPLEMENT): S.RECEIVED,
    (S.AWAITING_CLARIFICATION, A.CLOSE_NO_REPLY): S.CLOSED,
    (S.AWAITING_CLARIFICATION, A.EDIT): S.AWAITING_CLARIFICATION,
    (S.IN_PROGRESS, A.ASSIGN): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.POST_PROGRESS): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.RECORD_RESULT): S.RESULT_RECORDED,
    (S.IN_PROGRESS, A.TRANSFER): S.TRANSFERRED,
    (S.IN_PROGRESS, A.EDIT): S.IN_PROGRESS,
    (S.RESULT_RECORDED, A.ASSIGN): S.RESULT_RECORDED,
    (S.RESULT_RECORDED, A.PUBLISH_ANSWER): S.ANSWERED,
    (S.RESULT_RECORDED, A.EDIT): S.RESULT_RECORDED,
    (S.ANSWERED, A.CLOSE): S.CLOSED,
    (S.REJECTED, A.CLOSE): S.CLOSED,
    (S.TRANSFERRED, A.CLOSE): S.CLOSED,
}
REOPENABLE = {S.REJECTED, S.TRANSFERRED, S.ANSWERED, S.CLOSED}


@pytest.mark.parametrize(("state", "action"), list(ALLOWED))
def test_every_allowed_transition(state: CaseState, action: Action) -> None:
    assert next_state(state, action) is ALLOWED[(state, action)]
    assert is_allowed(state, action)
    assert action in allowed_actions(state)


FORBIDDEN = [
    (s, a)
    for s in CaseState
    for a in Action
    if (s, a) not in ALLOWED and not (a is A.REOPEN and s in REOPENABLE)
]


@pytest.mark.parametrize(("state", "action"), FORBIDDEN)
def test_every_forbidden_transition_raises_in_vietnamese(state: CaseState, action: Action) -> None:
    assert not is_allowed(state, action)
    with pytest.raises(InvalidTransition) as info:
        next_state(state, action)
    assert "Không thể" in info.value.message
    assert state.label in info.value.message
    assert info.value.state == state.value and info.value.action == action.value


def test_forbidden_list_is_not_empty_and_covers_answer_before_result() -> None:
    assert (S.RECEIVED, A.PUBLISH_ANSWER) in FORBIDDEN
    assert (S.CLOSED, A.POST_PROGRESS) in FORBIDDEN
    assert (S.AWAITING_CLARIFICATION, A.FORWARD) in FORBIDDEN


@pytest.mark.parametrize("state", sorted(REOPENABLE))
def test_reopen_goes_back_to_handling_or_classification(state: CaseState) -> None:
    assert next_state(state, A.REOPEN, Outcome.FORWARDED) is S.IN_PROGRESS
    assert next_state(state, A.REOPEN, Outcome.ACCEPTED) is S.IN_PROGRESS
    assert next_state(state, A.REOPEN, Outcome.REJECTED) is S.RECEIVED
    assert next_state(state, A.REOPEN, None) is S.RECEIVED


@pytest.mark.parametrize(
    ("action", "field"),
    [
        (A.REJECT, "reason"),
        (A.ASK_CLARIFICATION, "missing"),
        (A.TRANSFER, "agency"),
        (A.FORWARD, "official"),
        (A.REOPEN, "reason"),
        (A.RECORD_RESULT, "result"),
    ],
)
def test_required_input(action: Action, field: str) -> None:
    for empty in (None, "", "   \n"):
        with pytest.raises(MissingInformation) as info:
            require_input(action, empty)
        assert info.value.field == field
        assert info.value.message.startswith("Vui lòng")
    require_input(action, "có nội dung")
