"""One place that writes a line of a case's history (STYLE.md: one record_event).

Services call ``record_event`` inside their own transaction, so the line and the change it
describes commit together; the audit chain mirrors the line on flush (services.audit)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from pakn_desktop.domain.history import EventAction
from pakn_desktop.domain.workflow import Action
from pakn_desktop.store.models import Case, CaseEvent

from .views import Actor

__all__ = ["EventAction", "record_event"]


def record_event(
    s: Session,
    case: Case | int,
    actor: Actor,
    action: EventAction | Action,
    summary: str,
    *,
    at: datetime,
    public: bool = False,
    changes: dict[str, Any] | None = None,
) -> CaseEvent:
    """Add one history line for ``case`` (the row, or its id) to the session and return it."""
    event = CaseEvent(
        at=at,
        actor_id=actor.id,
        actor_name=actor.name,
        action=EventAction.of(action).value,
        public=public,
        summary=summary,
        changes=changes if changes is not None else {},
    )
    if isinstance(case, Case):
        event.case = case
    else:
        event.case_id = case
    s.add(event)
    return event
