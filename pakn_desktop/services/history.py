"""One place that writes a line of a case's history (STYLE.md: one record_event).

Services call ``record_event`` inside their own transaction, so the line and the change it
describes commit together; the audit chain mirrors the line on flush (services.audit). An
import's batch writes its lines with ``record_events`` (one statement, the chain's links
written with them)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from pakn_desktop.domain.history import EventAction, HistoryAction
from pakn_desktop.store.db import insert_rows
from pakn_desktop.store.models import Case, CaseEvent

from .audit import append_events
from .views import Actor

__all__ = ["EventAction", "HistoryAction", "event_row", "record_event", "record_events"]


def record_event(
    s: Session,
    case: Case | int,
    actor: Actor,
    action: HistoryAction,
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
        action=action.value,
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


def event_row(
    case_id: int,
    actor: Actor,
    action: HistoryAction,
    summary: str,
    *,
    at: datetime,
    public: bool = False,
    changes: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One history line as column values, for ``record_events`` (the same line record_event
    would add)."""
    return {
        "case_id": case_id,
        "at": at,
        "actor_id": actor.id,
        "actor_name": actor.name,
        "action": action.value,
        "public": public,
        "summary": summary,
        "changes": changes if changes is not None else {},
    }


def record_events(s: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Write many history lines (``event_row``s) at once, in the caller's transaction: one
    executemany, and their links of the audit chain with them (the session's hook sees only
    lines added as objects). Each row gets its ``id``; the ids are returned in order."""
    ids = insert_rows(s, CaseEvent, rows)
    for row, event_id in zip(rows, ids, strict=True):
        row["id"] = event_id
    append_events(s, rows)
    return ids
