"""The names of what can happen to a case, as its history records them.

Every line of a case's history carries one name: a workflow step (``domain.workflow.Action``)
or a thing done beside the workflow (``EventAction``: receiving, attaching, correcting the time
received, importing from the portal, reprinting a letter, ...). The store keeps the value;
readers compare with the member, never with a loose string."""

from __future__ import annotations

from enum import StrEnum

from .workflow import Action


class EventAction(StrEnum):
    """What is done to a case beside the workflow; the workflow's own steps are
    ``domain.workflow.Action`` and are written under their own values."""

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


# The name of a line of history: a workflow step or a thing done beside it.
HistoryAction = Action | EventAction

# Every name a line of history may carry. A name in both enums would make two kinds of line
# indistinguishable in the store.
HISTORY_NAMES: frozenset[str] = frozenset(a.value for a in Action) | frozenset(
    e.value for e in EventAction
)
assert len(HISTORY_NAMES) == len(Action) + len(EventAction)


def history_action(name: str) -> HistoryAction:
    """The member a stored name stands for (ValueError for a name no reader knows)."""
    try:
        return Action(name)
    except ValueError:
        return EventAction(name)
