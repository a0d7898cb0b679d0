"""SQLAlchemy 2.0 models: the tables of the office's PAKN register.

Widgets never hold these objects: services read them inside a short session and hand out
plain dataclasses (``pakn_desktop.services.views``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Unit(Base):
    """A receiving or handling unit of the office (phòng, bộ phận)."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class User(Base):
    """Anyone who acts on a case: front desk, handling official, head. Login comes later."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(100), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Accounts (migration 0008): every role held, comma-separated; ``role`` keeps the main one.
    roles: Mapped[str] = mapped_column(String(100), default="", server_default="")
    password_hash: Mapped[str | None] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class Submitter(Base):
    __tablename__ = "submitters"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(500))
    phone: Mapped[str] = mapped_column(String(40))
    phone_norm: Mapped[str] = mapped_column(String(20), index=True)
    email: Mapped[str] = mapped_column(String(254), default="")

    __table_args__ = (Index("ix_submitters_name", "name"),)  # migration 0003


class Case(Base):
    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    portal_code: Mapped[str] = mapped_column(String(50), default="", index=True)
    channel: Mapped[str] = mapped_column(String(20), index=True)
    submitter_id: Mapped[int] = mapped_column(ForeignKey("submitters.id"), index=True)
    # Copied from the submitter so the queue filters without a join.
    submitter_kind: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(300))
    # Where the person lives, in today's units (migration 0022; domain.places codes): the
    # submitter's address parts, kept on the case so statistics and filters need no join.
    # None for an address typed as free text only (every case before 0022).
    province_code: Mapped[int | None] = mapped_column(Integer, index=True)
    commune_code: Mapped[int | None] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    private_note: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str] = mapped_column(String(200), default="", index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    official_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    state: Mapped[str] = mapped_column(String(30))
    outcome: Mapped[str | None] = mapped_column(String(20))
    scope: Mapped[str | None] = mapped_column(String(30))
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    # The day deadlines count from: receipt, or the day a supplement arrived.
    clock_start: Mapped[date] = mapped_column(Date)
    # The deadline the case's colour depends on (domain.deadlines.status_deadline).
    due_on: Mapped[date | None] = mapped_column(Date)
    classified_on: Mapped[date | None] = mapped_column(Date)
    result_on: Mapped[date | None] = mapped_column(Date)
    last_progress_on: Mapped[date | None] = mapped_column(Date)
    answered_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    rejection_reason: Mapped[str] = mapped_column(Text, default="")
    missing_info: Mapped[str] = mapped_column(Text, default="")
    transfer_agency: Mapped[str] = mapped_column(String(300), default="")
    result_text: Mapped[str] = mapped_column(Text, default="")
    answer_text: Mapped[str] = mapped_column(Text, default="")
    # Why the office sent it on (quoted by the transfer notice).
    transfer_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # How letters address the person: "Ông", "Bà", or "" (unknown: "Ông/Bà"; an organisation
    # is addressed by its name).
    salutation: Mapped[str] = mapped_column(String(20), default="", server_default="")
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    # Folded (no diacritics, lower case) code, name, phone, title and content for search.
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    submitter: Mapped[Submitter] = relationship(lazy="joined")
    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", order_by="CaseEvent.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's own dict)
    __table_args__ = (
        Index("ix_cases_state_due_on", "state", "due_on"),
        Index("ix_cases_due_on", "due_on"),
        Index("ix_cases_answered_on", "answered_on"),
        Index("ix_cases_classified_on", "classified_on"),
        Index("ix_cases_received_at_id", "received_at", "id"),  # migration 0003
    )


class CaseEvent(Base):
    """One line of a case's history: who did what, when, and what changed."""

    __tablename__ = "case_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(30))
    # Shown to the person on lookup (receipt, classification, progress, answer), or internal.
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    summary: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    case: Mapped[Case] = relationship(back_populates="events")


class Attachment(Base):
    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(200))


class CalendarAdjustment(Base):
    """An office's own day off or working day, overriding the national calendar."""

    __tablename__ = "calendar_adjustments"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    working: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(String(300))
    entered_by: Mapped[str] = mapped_column(String(200))
    entered_at: Mapped[datetime] = mapped_column(DateTime)


class OfficeSettings(Base):
    """The organisation details that go on letters (DOMAIN.md: settings, never code)."""

    __tablename__ = "office_settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_agency: Mapped[str] = mapped_column(String(200))  # cơ quan chủ quản
    agency: Mapped[str] = mapped_column(String(200))  # cơ quan ban hành
    agency_short: Mapped[str] = mapped_column(String(100))  # how the body text names it
    symbol: Mapped[str] = mapped_column(String(50))  # ký hiệu, e.g. SLĐTBXH-HCTH
    place: Mapped[str] = mapped_column(String(100))  # địa danh, e.g. Kon Tum
    hotlines: Mapped[str] = mapped_column(String(200))
    portal_url: Mapped[str] = mapped_column(String(200))
    signer_authority: Mapped[str] = mapped_column(String(100))  # KT. GIÁM ĐỐC
    signer_title: Mapped[str] = mapped_column(String(100))  # PHÓ GIÁM ĐỐC
    signer_name: Mapped[str] = mapped_column(String(200))
    archive_mark: Mapped[str] = mapped_column(String(100))  # Lưu: VT, HCTH.
    # The signer's handwritten signature and the agency's seal (PNG, transparent background),
    # drawn where NĐ 30/2020 Phụ lục I shows a digital signature.
    signature_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    seal_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    # False until the office completes or skips the first-run wizard.
    setup_done: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Years a person's data is kept after their case closes; then it may be anonymised.
    retention_years: Mapped[int] = mapped_column(Integer, default=5, server_default="5")
    # Migration 0008: stale-edit check for the settings, and the idle lock of the window.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    idle_lock_minutes: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    # Migration 0020: where a person sends what a letter asks for (post, e-mail).
    postal_address: Mapped[str] = mapped_column(String(300), default="", server_default="")
    email: Mapped[str] = mapped_column(String(200), default="", server_default="")


class Counter(Base):
    """Gap-free serials: one row per (purpose, year), incremented inside the caller's
    transaction so a rolled-back save gives its number back."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class Letter(Base):
    """The outgoing register: every issued letter, its number and the exact PDF bytes.

    ``slot`` says which event of which case the letter answers and which issue of it this is
    ("<case>:<kind>:<event>:<n>", n = 0 for the letter, 1, 2, ... for its replacements); its
    uniqueness is what lets a letter be issued once, even by two desks at the same moment."""

    __tablename__ = "letters"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    year: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(50))
    number: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(300), default="")
    issued_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    issued_by: Mapped[str] = mapped_column(String(200))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("case_events.id"))
    slot: Mapped[str] = mapped_column(String(120), unique=True)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id"))
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id"))
    replace_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    signer_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    signed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    __table_args__ = (UniqueConstraint("year", "symbol", "number", name="uq_letters_number"),)


class LetterTemplateRow(Base):
    """The office's own wording of a letter kind; absent means the built-in default."""

    __tablename__ = "letter_templates"
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    recipients: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # Raised by every save; a save or reset names the version it was made from (migration
    # 0016). After a reset the row is gone and the counter "template_reset:<kind>" keeps it.
    version: Mapped[int] = mapped_column(Integer, server_default="1")


class WorkDay(Base):
    """The office calendar in SQL (see migration 0005): filled by CalendarService."""

    __tablename__ = "work_days"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    seq: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_work_days_seq_working", "seq", "working"),)


class AppMeta(Base):
    """Facts about the database itself, e.g. which program version migrated it last (see
    migration 0009), so an older program can name the version to install."""

    __tablename__ = "app_meta"
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class StatsDaily(Base):
    """Daily counts the dashboard reads (migration 0014), kept by ``store.summary``."""

    __tablename__ = "stats_daily"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    measure: Mapped[str] = mapped_column(String(20), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)
    ok: Mapped[int] = mapped_column(Integer)


# Read from the index alone: overdue cases by official (the dashboard's "today" figures),
# and the cases in flight on a day the calendar flips (store.summary.calendar_before).
Index("ix_cases_state_due_on_official", Case.state, Case.due_on, Case.official_id)
Index("ix_cases_answered_on_clock_start", Case.answered_on, Case.clock_start)
Index("ix_cases_classified_on_clock_start", Case.classified_on, Case.clock_start)


class PortalMapping(Base):
    """A saved mapping of a portal list's column headers to intake fields, by name."""

    __tablename__ = "portal_mappings"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # {intake field: column header as written in the file}
    columns: Mapped[dict[str, str]] = mapped_column(JSON)
    channel: Mapped[str] = mapped_column(String(20))
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class PortalImport(Base):
    """A case that came from a portal list: the field values as last taken from the file, so
    a later import can tell what the portal changed from what the office edited."""

    __tablename__ = "portal_imports"
    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    portal_code: Mapped[str] = mapped_column(String(50), unique=True)
    fields: Mapped[dict[str, str]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(255))
    imported_at: Mapped[datetime] = mapped_column(DateTime)


class Publication(Base):
    """An answered case the head marked for publication on the office's website."""

    __tablename__ = "publications"
    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    marked_by: Mapped[str] = mapped_column(String(200))
    marked_at: Mapped[datetime] = mapped_column(DateTime)


class AuditRecord(Base):
    """One link of the audit hash chain (services.audit): who did what, when, before/after.

    ``hash`` is SHA-256 over ``prev_hash`` and the record's canonical content, so a row edited
    or deleted directly in the database breaks the chain at that record."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40), index=True)
    target: Mapped[str] = mapped_column(String(100), default="")
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # The case_events row this record mirrors (its history is covered by the chain too).
    event_id: Mapped[int | None] = mapped_column(Integer, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    # Canonical JSON of {"before": ..., "after": ...}; kept as text so it hashes the same
    # on every backend.
    details: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # Migration 0019: canonical JSON {"case:12": digest, ...} of the rows the record's
    # transaction left (services.audit.ENTITIES); part of the hash when present.
    state: Mapped[str | None] = mapped_column(Text)


class RoutingSuggestion(Base):
    """What routing help suggested for a case (migration 0023), and what the person chose:
    the monthly agreement rate per kind is read from here. ``kind`` is scope, topic, unit,
    official or repeat; ``taken`` is empty until the person decides."""

    __tablename__ = "routing_suggestions"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    suggested: Mapped[str] = mapped_column(String(300))
    chosen: Mapped[str | None] = mapped_column(String(300))
    taken: Mapped[bool | None] = mapped_column(Boolean)
    confidence: Mapped[int] = mapped_column(Integer, default=0)  # percent
    why: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor_name: Mapped[str] = mapped_column(String(200))


class CaseLink(Base):
    """Two cases that are the same PAKN arriving twice (by two channels, or a walk-in
    repeat): only one answer goes out (migration 0021)."""

    __tablename__ = "case_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    earlier_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="repeat")
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_name: Mapped[str] = mapped_column(String(200))

    __table_args__ = (UniqueConstraint("case_id", "earlier_id"),)


class OfficeTopic(Base):
    """One topic of the office's list (migration 0024): what the intake form and the queue's
    filter offer. A new office starts with today's ``DEFAULT_TOPICS``; an office that existed
    before keeps its list."""

    __tablename__ = "office_topics"
    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))


class RemitRuleRow(Base):
    """One line of the remit table (migration 0023): an agency and the words that name its
    matters, which the office edits; seeded with today's provincial departments."""

    __tablename__ = "remit_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    agency: Mapped[str] = mapped_column(String(300))
    words: Mapped[str] = mapped_column(Text)
