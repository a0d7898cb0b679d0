"""Plain, immutable views of cases that services hand to the window and the CLI.

No ORM object leaves a service: widgets hold these dataclasses only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pakn_desktop.domain.countdown import days_left_words, done_words, status_words
from pakn_desktop.domain.deadlines import StageDeadline
from pakn_desktop.domain.enums import CaseState, DeadlineStatus
from pakn_desktop.domain.workflow import Action


@dataclass(frozen=True)
class Actor:
    """Who is acting: an account id, its name and roles as last read.

    The services never trust this object: every call resolves ``id`` against the database
    (active account, roles as stored) and records the stored name. ``role`` is the main role,
    ``roles`` every role held (values of ``domain.enums.Role``)."""

    id: int | None
    name: str
    role: str = ""
    roles: frozenset[str] = frozenset()

    def has(self, *roles: str) -> bool:
        return any(str(r) in self.roles for r in roles)


@dataclass(frozen=True)
class CaseRow:
    id: int
    code: str
    received_at: datetime
    submitter_name: str
    title: str
    channel: str
    unit_name: str
    official_name: str
    state: CaseState
    next_stage: str | None
    next_due: date | None
    days_left: int | None
    status: DeadlineStatus
    version: int
    progress_due: date | None = None
    # The value the list is sorted by, for paging on from this row (keyset).
    sort_value: Any = None
    # Working days until the next progress update (when one is due), as ``days_left``.
    progress_days_left: int | None = None
    # A finished case: working days it was handled late (0: in time; None: no handling date).
    late_days: int | None = None

    @property
    def status_text(self) -> str:
        """ "Quá hạn", "Đã xong đúng hạn", "Đã xong, trễ 3 ngày" (``countdown.status_words``)."""
        return status_words(self.status, self.late_days)


@dataclass(frozen=True)
class EventView:
    at: datetime
    actor_name: str
    action: str
    summary: str
    public: bool
    changes: dict[str, Any]
    id: int = 0


@dataclass(frozen=True)
class AttachmentView:
    id: int
    filename: str
    media_type: str
    size: int
    sha256: str
    added_at: datetime
    added_by: str


@dataclass(frozen=True)
class DeadlineView:
    stage: str
    label: str
    due: date
    days_left: int  # from today; meaningful only while the stage is not met
    met_on: date | None
    skipped: Sequence[tuple[date, str]]  # worked out when first read
    met_late_days: int = 0  # working days after ``due`` it was met (0: in time)

    @property
    def left_text(self) -> str:
        """ "còn 3 ngày", "trễ 9 ngày" while open; nothing once met."""
        return "" if self.met_on else days_left_words(self.days_left)

    @property
    def met_text(self) -> str:
        return done_words(self.met_on, self.met_late_days) if self.met_on else ""


@dataclass(frozen=True)
class CaseDetail:
    id: int
    code: str
    portal_code: str
    channel: str
    submitter_kind: str
    submitter_name: str
    address: str
    phone: str
    email: str
    title: str
    content: str
    private_note: str
    topic: str
    unit_id: int | None
    unit_name: str
    official_id: int | None
    official_name: str
    state: CaseState
    outcome: str | None
    scope: str | None
    received_at: datetime
    clock_start: date
    due_on: date | None
    status: DeadlineStatus
    next_deadline: StageDeadline | None
    days_left: int | None
    result_on: date | None
    last_progress_on: date | None
    answered_on: date | None
    closed_on: date | None
    rejection_reason: str
    missing_info: str
    transfer_agency: str
    result_text: str
    answer_text: str
    reopen_count: int
    version: int
    allowed: list[Action]
    deadlines: list[DeadlineView] = field(default_factory=list)
    events: list[EventView] = field(default_factory=list)
    attachments: list[AttachmentView] = field(default_factory=list)
    transfer_reason: str = ""
    # "Ông", "Bà" or "" (unknown): how letters address a citizen.
    salutation: str = ""
    # The deadline the colour depends on (the same date the queue shows) and the working
    # days from today to it, negative once past it. None while paused or done.
    status_due: date | None = None
    status_days_left: int | None = None
    # A finished case: working days it was handled late (0: in time; None: no handling date).
    late_days: int | None = None
    # False for the head of a case only (``EditorReads.head``): what the editor shows first,
    # without the deadlines' table, the history and the attachments, which come after.
    complete: bool = True
    # The head's stand-in for ``events`` where only the facts are needed (the letter a case
    # waits for): (id, action) of each history line, oldest first.
    event_actions: tuple[tuple[int, str], ...] = ()

    @property
    def status_text(self) -> str:
        """The status as the queue says it (``countdown.status_words``)."""
        return status_words(self.status, self.late_days)

    # Today's province and commune of the address (domain.places codes as text, "" when the
    # address is free text only): ``address`` is then written from them and its free part.
    province_code: str = ""
    commune_code: str = ""


@dataclass(frozen=True)
class PublicLookup:
    """What a caller may hear: the state and the public history, no internal notes, no
    personal data. Found by phone number (``by_phone``): code, dates and state only."""

    code: str
    portal_code: str
    title: str
    received_on: date
    public_state: str
    expected_answer_by: date | None
    history: list[tuple[datetime, str]]
    by_phone: bool = False  # found by phone or by name: codes, dates and states only
    found_by: str = "code"  # "code", "phone" or "name": what the person typed
    # The submitter's name, for the desk's lookup by name only (several people may share a
    # name: the clerk tells them apart); never in the account-less public lookup.
    submitter_name: str = ""


@dataclass(frozen=True)
class UnitView:
    id: int
    name: str
    active: bool


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    full_name: str
    role: str
    title: str
    unit_id: int | None
    active: bool
    roles: frozenset[str] = frozenset()
    has_password: bool = False
    locked_until: datetime | None = None
    version: int = 1
