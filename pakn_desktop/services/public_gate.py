"""What the services give the domain's public gate (``domain.personal_data.public_text``)
besides the text: what the office holds about the submitter (masked wherever the text quotes
it), the office's own contacts from its settings (never masked: the hotline in an answer is
there to be called), and the person's review before publishing (words masked by hand, words
restored), read from the case's history."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pakn_desktop.domain.history import EventAction
from pakn_desktop.store.models import CaseEvent, OfficeSettings

# The history action that records a review before publishing (changes: {"mask", "keep"}).
REVIEW_ACTION = EventAction.PUBLISH_REVIEW
MAX_REVIEW_WORDS = 200
MAX_REVIEW_WORD = 200


@dataclass(frozen=True)
class Review:
    """A person's corrections to the gate for one case: ``mask`` is masked wherever it
    appears, ``keep`` is never masked."""

    mask: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    by: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def office_contacts(
    hotlines: str, portal_url: str = "", signer_name: str = "", agency: str = ""
) -> list[str]:
    """The office's own numbers, e-mail, website and signer, as the settings hold them."""
    values = [v.strip() for v in re.split(r"[;\n]|,(?!\d)| - | – ", hotlines or "")]
    values += [portal_url, signer_name, agency]
    return [v for v in values if v and v.strip()]


def office_keep(s: Session) -> list[str]:
    """``office_contacts`` of the office settings row, read in the caller's session."""
    row = s.get(OfficeSettings, 1)
    if row is None:
        return []
    return office_contacts(row.hotlines, row.portal_url, row.signer_name, row.agency_short)


def known_of(name: str, address: str, phone: str, email: str) -> dict[str, list[str]]:
    """What the office holds about the submitter, by kind, for ``public_text``."""
    return {"name": [name], "address": [address], "phone": [phone], "email": [email]}


def clean_words(words: Iterable[str]) -> tuple[str, ...]:
    """Review words as stored: single-spaced, non-empty, each once, bounded."""
    out: list[str] = []
    for w in words:
        w = " ".join((w or "").split())[:MAX_REVIEW_WORD]
        if w and w not in out:
            out.append(w)
    return tuple(out[:MAX_REVIEW_WORDS])


def review_of(s: Session, case_id: int) -> Review:
    """The latest review recorded for the case, or an empty one."""
    event = s.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case_id, CaseEvent.action == REVIEW_ACTION)
        .order_by(CaseEvent.id.desc())
        .limit(1)
    ).first()
    if event is None:
        return Review()
    changes = dict(event.changes or {})
    return Review(
        clean_words(changes.get("mask", [])),
        clean_words(changes.get("keep", [])),
        event.actor_name,
    )
