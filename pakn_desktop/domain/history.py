"""The names of what can happen to a case, as its history records them.

Every line of a case's history carries one of these names: the workflow's own actions
(``domain.workflow.Action``) and the things done beside the workflow (receiving, attaching,
correcting the time received, importing from the portal, reprinting a letter, ...). The store
keeps the value; readers compare with the member, never with a loose string."""

from __future__ import annotations

from enum import StrEnum

from .workflow import Action


class EventAction(StrEnum):
    # The workflow's actions (same values as domain.workflow.Action).
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
    # Beside the workflow.
    RECEIVE = "receive"
    ATTACH = "attach"
    CORRECT_RECEIVED_AT = "correct_received_at"
    PORTAL_IMPORT = "portal_import"
    NATIONAL_ENTRY = "national_entry"
    LETTER_REPRINTED = "letter_reprinted"
    PUBLISH_MARK = "publish_mark"
    PUBLISH_UNMARK = "publish_unmark"
    PUBLISH_REVIEW = "publish_review"
    PRIVATE_NOTE = "private_note"
    ANONYMISE = "anonymise"
    PERSONAL_DATA_EXPORT = "personal_data_export"
    # The same PAKN twice (domain.repeats): linked, unlinked, closed as answered by the other.
    REPEAT_LINK = "repeat_link"
    REPEAT_UNLINK = "repeat_unlink"
    REPEAT_CLOSED = "repeat_closed"

    @classmethod
    def of(cls, action: Action | EventAction) -> EventAction:
        """The history name of a workflow action (or the name itself)."""
        return cls(action.value)


# A workflow action missing here would be written under a name no reader knows.
assert {a.value for a in Action} <= {e.value for e in EventAction}
