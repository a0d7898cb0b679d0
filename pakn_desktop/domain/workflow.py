"""The case workflow as pure code: which action is allowed in which state, and where it leads.

received ─┬─ reject ─────────────► rejected
          ├─ ask clarification ─► awaiting clarification ─┬─ supplement ─► received (clock
          │                                               │                restarts)
          │                                               └─ close (no reply) ─► closed
          ├─ forward / accept ────► in progress ── post progress (stays) ── record result
          └─ transfer ────────────► transferred                          ► result recorded
result recorded ── publish answer ─► answered ── close ─► closed
rejected / transferred / answered / closed ── reopen (reason) ─► received or in progress
"""

from __future__ import annotations

from enum import StrEnum

from .enums import CaseState, Outcome
from .errors import InvalidTransition, MissingInformation


class Action(StrEnum):
    REJECT = "reject"
    ASK_CLARIFICATION = "ask_clarification"
    FORWARD = "forward"
    ACCEPT = "accept"
    TRANSFER = "transfer"
    SUPPLEMENT = "supplement"
    CLOSE_NO_REPLY = "close_no_reply"
    ASSIGN = "assign"
    POST_PROGRESS = "post_progress"
    RECORD_RESULT = "record_result"
    PUBLISH_ANSWER = "publish_answer"
    CLOSE = "close"
    REOPEN = "reopen"
    EDIT = "edit"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[Action, str] = {
    Action.REJECT: "không tiếp nhận",
    Action.ASK_CLARIFICATION: "đề nghị bổ sung, làm rõ",
    Action.FORWARD: "chuyển công chức xử lý",
    Action.ACCEPT: "tiếp nhận, tham mưu xử lý",
    Action.TRANSFER: "chuyển cơ quan có thẩm quyền",
    Action.SUPPLEMENT: "ghi nhận nội dung bổ sung",
    Action.CLOSE_NO_REPLY: "đóng do không bổ sung",
    Action.ASSIGN: "phân công công chức",
    Action.POST_PROGRESS: "cập nhật tình hình xử lý",
    Action.RECORD_RESULT: "ghi nhận kết quả xử lý",
    Action.PUBLISH_ANSWER: "trả lời, công khai kết quả",
    Action.CLOSE: "đóng hồ sơ",
    Action.REOPEN: "mở lại hồ sơ",
    Action.EDIT: "sửa thông tin",
}

S = CaseState
_TARGETS: dict[tuple[CaseState, Action], CaseState] = {
    (S.RECEIVED, Action.REJECT): S.REJECTED,
    (S.RECEIVED, Action.ASK_CLARIFICATION): S.AWAITING_CLARIFICATION,
    (S.RECEIVED, Action.FORWARD): S.IN_PROGRESS,
    (S.RECEIVED, Action.ACCEPT): S.IN_PROGRESS,
    (S.RECEIVED, Action.TRANSFER): S.TRANSFERRED,
    (S.RECEIVED, Action.ASSIGN): S.RECEIVED,
    (S.RECEIVED, Action.EDIT): S.RECEIVED,
    (S.AWAITING_CLARIFICATION, Action.SUPPLEMENT): S.RECEIVED,
    (S.AWAITING_CLARIFICATION, Action.CLOSE_NO_REPLY): S.CLOSED,
    (S.AWAITING_CLARIFICATION, Action.EDIT): S.AWAITING_CLARIFICATION,
    (S.IN_PROGRESS, Action.ASSIGN): S.IN_PROGRESS,
    (S.IN_PROGRESS, Action.POST_PROGRESS): S.IN_PROGRESS,
    (S.IN_PROGRESS, Action.RECORD_RESULT): S.RESULT_RECORDED,
    (S.IN_PROGRESS, Action.TRANSFER): S.TRANSFERRED,
    (S.IN_PROGRESS, Action.EDIT): S.IN_PROGRESS,
    (S.RESULT_RECORDED, Action.ASSIGN): S.RESULT_RECORDED,
    (S.RESULT_RECORDED, Action.PUBLISH_ANSWER): S.ANSWERED,
    (S.RESULT_RECORDED, Action.EDIT): S.RESULT_RECORDED,
    (S.ANSWERED, Action.CLOSE): S.CLOSED,
    (S.REJECTED, Action.CLOSE): S.CLOSED,
    (S.TRANSFERRED, Action.CLOSE): S.CLOSED,
}
_REOPENABLE = frozenset({S.REJECTED, S.TRANSFERRED, S.ANSWERED, S.CLOSED})

# What each action needs from the person, and how to ask for it.
REQUIRED_INPUT: dict[Action, tuple[str, str]] = {
    Action.REJECT: ("reason", "Vui lòng nêu rõ lý do không tiếp nhận."),
    Action.ASK_CLARIFICATION: ("missing", "Vui lòng nêu nội dung cần bổ sung, làm rõ."),
    Action.FORWARD: ("official", "Vui lòng chọn công chức trực tiếp xử lý."),
    Action.TRANSFER: ("agency", "Vui lòng nhập tên cơ quan có thẩm quyền được chuyển đến."),
    Action.SUPPLEMENT: ("note", "Vui lòng ghi tóm tắt nội dung đã bổ sung."),
    Action.ASSIGN: ("official", "Vui lòng chọn công chức được phân công."),
    Action.POST_PROGRESS: ("note", "Vui lòng nhập nội dung tình hình xử lý."),
    Action.RECORD_RESULT: ("result", "Vui lòng nhập kết quả xử lý."),
    Action.PUBLISH_ANSWER: ("answer", "Vui lòng nhập nội dung trả lời."),
    Action.REOPEN: ("reason", "Vui lòng nêu lý do mở lại hồ sơ."),
}

CLASSIFY_OUTCOME: dict[Action, Outcome] = {
    Action.REJECT: Outcome.REJECTED,
    Action.ASK_CLARIFICATION: Outcome.CLARIFICATION,
    Action.FORWARD: Outcome.FORWARDED,
    Action.ACCEPT: Outcome.ACCEPTED,
    Action.TRANSFER: Outcome.TRANSFERRED,
}


def reopen_target(outcome: Outcome | None) -> CaseState:
    """A reopened case goes back to handling if it had been taken on, else to classification."""
    if outcome in (Outcome.FORWARDED, Outcome.ACCEPTED):
        return S.IN_PROGRESS
    return S.RECEIVED


def allowed_actions(state: CaseState) -> list[Action]:
    actions = [a for (s, a) in _TARGETS if s == state]
    if state in _REOPENABLE:
        actions.append(Action.REOPEN)
    return actions


def is_allowed(state: CaseState, action: Action) -> bool:
    return (state, action) in _TARGETS or (action is Action.REOPEN and state in _REOPENABLE)


def next_state(state: CaseState, action: Action, outcome: Outcome | None = None) -> CaseState:
    """Where ``action`` leads from ``state``; raises InvalidTransition if it is not allowed."""
    if action is Action.REOPEN and state in _REOPENABLE:
        return reopen_target(outcome)
    try:
        return _TARGETS[(state, action)]
    except KeyError:
        raise InvalidTransition(
            f"Không thể {action.label} khi hồ sơ đang ở trạng thái «{state.label}».",
            state=state.value,
            action=action.value,
        ) from None


def require_input(action: Action, value: object) -> None:
    """Raise MissingInformation if ``action`` needs a value the person did not give."""
    need = REQUIRED_INPUT.get(action)
    if need is None:
        return
    if value is None or (isinstance(value, str) and not value.strip()):
        raise MissingInformation(need[1], field=need[0])
