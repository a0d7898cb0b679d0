"""The audit trail: every change, attributed, in a SHA-256 hash chain nobody can quietly rewrite.

Each record holds who (account id and the name at the time), when, what, before and after, the
hash of the previous record and its own hash over both. Records are numbered gap-free by the
``audit`` counter, whose row lock (PostgreSQL) or the write lock (SQLite) orders every writer,
so the chain never forks. Case history rows (``case_events``) are mirrored into the chain as
they are written (a session hook, so every service that records history is covered), and rows
written in bulk (demo data, history older than the chain) are sealed by one record holding
the digest of the range. :meth:`AuditService.verify` walks the chain and the history and names
the first record that no longer matches.

The chain also vouches for the state it leaves: each write transaction that touched a case,
submitter, account, unit, office settings, calendar day or letter template puts a digest of
each such row, as the transaction left it, into its last record (``state``, part of the hash),
and ``verify`` recomputes today's rows against the last record that touched each. Rows older
than this (or written in bulk) are sealed once, row by row. The head ``SEQ:HASH`` is an anchor
kept outside the database (backups, report footers, the window's settings): a chain cut,
emptied and sealed again, or recomputed no longer holds it."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, event, func, insert, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.store.db import Database, next_serial, next_serials
from pakn_desktop.store.models import (
    AppMeta,
    AuditRecord,
    CalendarAdjustment,
    Case,
    CaseEvent,
    Counter,
    LetterTemplateRow,
    OfficeSettings,
    Submitter,
    Unit,
    User,
)

from .files import write_private
from .views import Actor

GENESIS = "0" * 64
COUNTER = "audit"
KIND_CASE_EVENT = "case_event"
KIND_SEAL = "case_events_sealed"
KIND_STATE_SEAL = "state_sealed"
KIND_STATE = "state.change"
# app_meta: the hash of the chain's first record, kept when the chain starts, so an emptied
# log is reported instead of being sealed again as a new chain.
META_CHAIN = "audit_chain"
STATE_SEAL_CHUNK = 5000


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(_plain(v) for v in value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return value


def _default(value: Any) -> Any:
    """Values JSON has no form for (the encoder asks only for those: fast on plain data)."""
    if isinstance(value, set | frozenset):
        return sorted(_plain(v) for v in value)
    if isinstance(value, datetime | date | Enum | bytes):
        return _plain(value)
    raise TypeError(f"not canonical: {type(value).__name__}")


def canonical(value: Any) -> str:
    """The one text form that is hashed: sorted keys, no spaces, UTF-8 as is. Dates are ISO
    8601, enums their value, sets sorted lists, bytes their SHA-256."""
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_default
    )


def record_hash(
    prev_hash: str,
    seq: int,
    at: datetime,
    actor_id: int | None,
    actor_name: str,
    kind: str,
    target: str,
    case_id: int | None,
    event_id: int | None,
    summary: str,
    details: str,
) -> str:
    content = canonical(
        [seq, at, actor_id, actor_name, kind, target, case_id, event_id, summary, details]
    )
    return hashlib.sha256((prev_hash + "\n" + content).encode("utf-8")).hexdigest()


def with_state(base: str, state: str | None) -> str:
    """A record's hash once the state it vouches for is added (``base`` without one)."""
    if state is None:
        return base
    return hashlib.sha256((base + "\n" + state).encode("utf-8")).hexdigest()


def _hash_of(r: AuditRecord) -> str:
    return with_state(_base_hash_of(r), r.state)


def _base_hash_of(r: AuditRecord) -> str:
    return record_hash(
        r.prev_hash,
        r.seq,
        r.at,
        r.actor_id,
        r.actor_name,
        r.kind,
        r.target,
        r.case_id,
        r.event_id,
        r.summary,
        r.details,
    )


def event_content(
    case_id: int,
    at: datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    public: bool,
    summary: str,
    changes: Any,
) -> str:
    """What of a case history row the chain vouches for."""
    return canonical(
        {
            "case_id": case_id,
            "at": at,
            "actor_id": actor_id,
            "actor_name": actor_name,
            "action": action,
            "public": bool(public),
            "summary": summary,
            "changes": changes or {},
        }
    )


def _event_row_content(e: Any) -> str:
    return event_content(
        e.case_id, e.at, e.actor_id, e.actor_name, e.action, e.public, e.summary, e.changes
    )


def append(
    s: Session,
    *,
    at: datetime,
    actor_id: int | None,
    actor_name: str,
    kind: str,
    target: str = "",
    summary: str = "",
    case_id: int | None = None,
    event_id: int | None = None,
    before: Any = None,
    after: Any = None,
    details: str | None = None,
    state: str | None = None,
) -> AuditRecord:
    """Add the next link of the chain inside the caller's transaction."""
    seq, prev = _next_link(s)
    if details is None:
        details = canonical({"before": before, "after": after})
    summary = summary[:4000]
    target = target[:100]
    rec = AuditRecord(
        seq=seq,
        at=at,
        actor_id=actor_id,
        actor_name=actor_name,
        kind=kind,
        target=target,
        case_id=case_id,
        event_id=event_id,
        summary=summary,
        details=details,
        prev_hash=prev,
        hash=with_state(
            record_hash(
                prev,
                seq,
                at,
                actor_id,
                actor_name,
                kind,
                target,
                case_id,
                event_id,
                summary,
                details,
            ),
            state,
        ),
        state=state,
    )
    s.add(rec)
    s.info["audit_last"] = (seq, rec.hash)
    return rec


_AUDIT = cast(Table, AuditRecord.__table__)
# The statements of ``append_event``, made once (SQLAlchemy then keeps them compiled).
_PREV_HASH = select(_AUDIT.c.hash).where(_AUDIT.c.seq == bindparam("seq"))
_INSERT_AUDIT = insert(_AUDIT)
_CHAIN_TOP = select(Counter.value).where(Counter.name == COUNTER)


def _next_link(s: Session) -> tuple[int, str]:
    """The next link's number and the hash it follows (the last one this session wrote, when
    it is the one before)."""
    with s.no_autoflush:
        seq = next_serial(s, COUNTER)
        last = s.info.get("audit_last")
        if last is not None and last[0] == seq - 1:
            return seq, str(last[1])
        if seq == 1:
            return seq, GENESIS
        return seq, s.scalar(_PREV_HASH, {"seq": seq - 1}) or GENESIS


def append_event(
    s: Session,
    *,
    event_id: int,
    case_id: int,
    at: datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    public: bool,
    summary: str,
    changes: Any,
) -> None:
    """The link a case history row written with a Core INSERT gets (the session hook below
    sees only rows added as objects)."""
    append_events(
        s,
        [
            {
                "id": event_id,
                "case_id": case_id,
                "at": at,
                "actor_id": actor_id,
                "actor_name": actor_name,
                "action": action,
                "public": public,
                "summary": summary,
                "changes": changes,
            }
        ],
    )


def append_events(s: Session, events: Sequence[Mapping[str, Any]]) -> None:
    """The links of case history rows (their column values, ``id`` included), in the order
    given: numbered with one counter UPDATE and written with one Core INSERT, the same records
    whether the rows were added as objects (the session hook below) or written in bulk."""
    if not events:
        return
    with s.no_autoflush:
        seqs = next_serials(s, COUNTER, len(events))
        last = s.info.get("audit_last")
        if last is not None and last[0] == seqs[0] - 1:
            prev = str(last[1])
        elif seqs[0] == 1:
            prev = GENESIS
        else:
            prev = s.scalar(_PREV_HASH, {"seq": seqs[0] - 1}) or GENESIS
    rows: list[dict[str, Any]] = []
    for seq, e in zip(seqs, events, strict=True):
        at, actor_id, actor_name, case_id = e["at"], e["actor_id"], e["actor_name"], e["case_id"]
        summary = e["summary"]
        details = event_content(
            case_id, at, actor_id, actor_name, e["action"], e["public"], summary, e["changes"]
        )
        summary = summary[:4000]
        target = e["action"][:100]
        digest = record_hash(
            prev,
            seq,
            at,
            actor_id,
            actor_name,
            KIND_CASE_EVENT,
            target,
            case_id,
            e["id"],
            summary,
            details,
        )
        rows.append(
            {
                "seq": seq,
                "at": at,
                "actor_id": actor_id,
                "actor_name": actor_name,
                "kind": KIND_CASE_EVENT,
                "target": target,
                "case_id": case_id,
                "event_id": e["id"],
                "summary": summary,
                "details": details,
                "prev_hash": prev,
                "hash": digest,
                "state": None,
            }
        )
        prev = digest
    s.connection().execute(_INSERT_AUDIT, rows)
    s.info["audit_last"] = (seqs[-1], prev)


# --- case history mirrored into the chain, whoever writes it ------------------------------
@event.listens_for(Session, "after_flush")
def _collect_events(session: Session, _ctx: Any) -> None:
    _touched_rows(session)
    new = [o for o in session.new if isinstance(o, CaseEvent)]
    if new:
        session.info.setdefault("audit_pending", []).extend(new)


@event.listens_for(Session, "after_flush_postexec")
def _mirror_events(session: Session, _ctx: Any) -> None:
    pending: list[CaseEvent] = session.info.pop("audit_pending", [])
    pending.sort(key=lambda e: e.id)
    append_events(
        session,
        [
            {
                "id": e.id,
                "case_id": e.case_id,
                "at": e.at,
                "actor_id": e.actor_id,
                "actor_name": e.actor_name,
                "action": e.action,
                "public": e.public,
                "summary": e.summary,
                "changes": e.changes,
            }
            for e in pending
        ],
    )


@event.listens_for(Session, "before_flush")
def _templates(session: Session, _ctx: Any, _instances: Any) -> None:
    """Letter templates are office settings: each save or reset is recorded, attributed to
    the account the guard verified for this call."""
    from sqlalchemy import inspect

    from .accounts import CURRENT_ACTOR, CURRENT_CLOCK

    changed = [
        (o, "template.save")
        for o in list(session.new) + list(session.dirty)
        if isinstance(o, LetterTemplateRow)
    ] + [(o, "template.reset") for o in session.deleted if isinstance(o, LetterTemplateRow)]
    if not changed:
        return
    actor = CURRENT_ACTOR.get()
    for row, kind in changed:
        state = inspect(row)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for key in ("subject", "body", "recipients"):
            hist = state.attrs[key].history
            if kind == "template.reset":
                before[key] = getattr(row, key)
            elif hist.has_changes():
                before[key] = hist.deleted[0] if hist.deleted else None
                after[key] = hist.added[0] if hist.added else None
        if kind == "template.save" and not after:
            continue
        append(
            session,
            at=CURRENT_CLOCK.get()(),
            actor_id=actor.id if actor else None,
            actor_name=actor.name if actor else "",
            kind=kind,
            target=f"template:{row.kind}",
            summary=("Sửa" if kind == "template.save" else "Khôi phục mặc định")
            + f" mẫu văn bản «{row.kind}».",
            before=before or None,
            after=after or None,
        )


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop("audit_last", None)
        session.info.pop("audit_pending", None)
        session.info.pop("audit_touched", None)


# --- the state the chain vouches for -------------------------------------------------------
@dataclass(frozen=True)
class Entity:
    """A table whose rows the chain vouches for: the key and the columns that matter, named
    once here (a later column is not added silently: digests already written must stay)."""

    name: str
    model: Any
    key: str
    columns: tuple[str, ...]
    label: str

    @property
    def table(self) -> Table:
        return cast(Table, self.model.__table__)


ENTITIES: tuple[Entity, ...] = (
    Entity(
        "case",
        Case,
        "id",
        # Not due_on and search_text (worked out again from the others, e.g. by a calendar
        # change) nor version (the stale-edit counter).
        (
            "code",
            "portal_code",
            "channel",
            "submitter_id",
            "submitter_kind",
            "title",
            "content",
            "private_note",
            "topic",
            "unit_id",
            "official_id",
            "state",
            "outcome",
            "scope",
            "received_at",
            "clock_start",
            "classified_on",
            "result_on",
            "last_progress_on",
            "answered_on",
            "closed_on",
            "rejection_reason",
            "missing_info",
            "transfer_agency",
            "result_text",
            "answer_text",
            "transfer_reason",
            "salutation",
            "reopen_count",
            "created_by_id",
        ),
        "hồ sơ",
    ),
    Entity(
        "submitter",
        Submitter,
        "id",
        ("kind", "name", "address", "phone", "phone_norm", "email"),
        "người gửi",
    ),
    Entity(
        "user",
        User,
        "id",
        # Not the failed log-in count and lock (they change at every wrong password).
        (
            "username",
            "full_name",
            "role",
            "roles",
            "title",
            "unit_id",
            "active",
            "password_hash",
            "password_changed_at",
        ),
        "tài khoản",
    ),
    Entity("unit", Unit, "id", ("name", "active"), "đơn vị"),
    Entity(
        "settings",
        OfficeSettings,
        "id",
        (
            "parent_agency",
            "agency",
            "agency_short",
            "symbol",
            "place",
            "hotlines",
            "portal_url",
            "signer_authority",
            "signer_title",
            "signer_name",
            "archive_mark",
            "signature_png",
            "seal_png",
            "setup_done",
            "retention_years",
            "idle_lock_minutes",
        ),
        "thiết lập cơ quan",
    ),
    Entity(
        "calendar",
        CalendarAdjustment,
        "id",
        ("day", "working", "reason", "entered_by", "entered_at"),
        "ngày điều chỉnh lịch",
    ),
    Entity(
        "template",
        LetterTemplateRow,
        "kind",
        ("subject", "body", "recipients", "updated_by", "updated_at"),
        "mẫu văn bản",
    ),
)
_BY_MODEL: dict[Any, Entity] = {e.model: e for e in ENTITIES}
_BY_NAME: dict[str, Entity] = {e.name: e for e in ENTITIES}


def row_digest(values: Sequence[Any]) -> str:
    """The digest of a row's columns that matter (canonical JSON, SHA-256, 128 bits)."""
    return hashlib.sha256(canonical(list(values)).encode("utf-8")).hexdigest()[:32]


def _select_rows(e: Entity) -> Any:
    t = e.table
    return select(t.c[e.key], *(t.c[c] for c in e.columns))


# The reads of the rows a commit wrote, made once (SQLAlchemy then keeps them compiled).
_ROWS_BY_KEY = {
    e.name: _select_rows(e).where(e.table.c[e.key].in_(bindparam("keys", expanding=True)))
    for e in ENTITIES
}


def _rows_of(s: Session, e: Entity, keys: Sequence[Any] | None = None) -> Any:
    if keys is not None:
        return s.execute(_ROWS_BY_KEY[e.name], {"keys": list(keys)})
    return s.execute(_select_rows(e).order_by(e.table.c[e.key]))


def touch(s: Session, entity: str, key: Any) -> None:
    """Say that this transaction wrote a row the ORM did not see (a Core statement): its
    state goes into the chain at commit, as for rows written as objects."""
    s.info.setdefault("audit_touched", set()).add((entity, key))


def touch_many(s: Session, entity: str, keys: Iterable[Any]) -> None:
    """touch() for many rows of one table (a batch written with Core statements)."""
    s.info.setdefault("audit_touched", set()).update((entity, k) for k in keys)


def _touched_rows(session: Session) -> None:
    touched: set[tuple[str, Any]] | None = None
    for objects in (session.new, session.dirty, session.deleted):
        for o in objects:
            e = _BY_MODEL.get(type(o))
            if e is None:
                continue
            identity = sa_inspect(o).identity
            key = identity[0] if identity else getattr(o, e.key)
            if touched is None:
                touched = session.info.setdefault("audit_touched", set())
            touched.add((e.name, key))


def _state_of(s: Session, touched: set[tuple[str, Any]]) -> str:
    """Canonical JSON {"entity:key": digest or null (deleted)} of the touched rows now."""
    by_entity: dict[str, list[Any]] = {}
    for name, key in touched:
        by_entity.setdefault(name, []).append(key)
    state: dict[str, str | None] = {}
    for name, keys in by_entity.items():
        e = _BY_NAME[name]
        for key in keys:
            state[f"{name}:{key}"] = None
        for i in range(0, len(keys), 500):
            for row in _rows_of(s, e, keys[i : i + 500]):
                state[f"{name}:{row[0]}"] = row_digest(row[1:])
    return canonical(state)


@event.listens_for(Session, "before_commit")
def _vouch_for_state(session: Session) -> None:
    """At commit, the last record of the transaction takes the digests of the rows it wrote
    (one UPDATE of that record; a record of its own when the transaction wrote none)."""
    if session.in_nested_transaction():
        return
    for _ in range(5):
        # The flush that commit would make, here, so its rows are seen (and the history
        # records it mirrors are written, which flush once more).
        if not (session.new or session.dirty or session.deleted):
            break
        session.flush()
    touched = session.info.pop("audit_touched", None)
    if not touched:
        return
    last = session.info.get("audit_last")
    if last is None and not session.scalar(_CHAIN_TOP):
        return  # no chain yet: its start seals every row there is (AuditService.start)
    state = _state_of(session, touched)
    if last is None:
        from .accounts import CURRENT_ACTOR, CURRENT_CLOCK

        actor = CURRENT_ACTOR.get()
        append(
            session,
            at=CURRENT_CLOCK.get()(),
            actor_id=actor.id if actor else None,
            actor_name=actor.name if actor else "Hệ thống",
            kind=KIND_STATE,
            summary="Ghi dữ liệu.",
            state=state,
        )
        session.flush()
        return
    seq, base = last
    digest = with_state(str(base), state)
    session.execute(update(_AUDIT).where(_AUDIT.c.seq == seq).values(state=state, hash=digest))
    session.info["audit_last"] = (seq, digest)


# --- reading and checking ------------------------------------------------------------------
@dataclass(frozen=True)
class AuditView:
    seq: int
    at: datetime
    actor_id: int | None
    actor_name: str
    kind: str
    target: str
    case_id: int | None
    summary: str
    before: Any
    after: Any
    hash: str


@dataclass(frozen=True)
class AuditFilter:
    actor_id: int | None = None
    case_id: int | None = None
    case_code: str = ""
    kind: str = ""
    start: date | None = None
    end: date | None = None
    limit: int = 1000


@dataclass(frozen=True)
class Verification:
    ok: bool
    records: int
    events: int
    broken_seq: int | None = None
    message: str = ""
    # Every row found changed, added or deleted outside the program (the first 50).
    problems: tuple[str, ...] = ()
    # An anchor kept outside the database is no longer in the chain.
    anchor_failed: bool = False


class AuditService:
    def __init__(
        self,
        db: Database,
        now: Callable[[], datetime] = vn_now,
        guard: Any = None,
    ) -> None:
        self._db = db
        self._now = now
        self._guard = guard

    def record(
        self,
        s: Session,
        actor: Actor,
        kind: str,
        target: str,
        summary: str,
        *,
        before: Any = None,
        after: Any = None,
        case_id: int | None = None,
    ) -> None:
        append(
            s,
            at=self._now(),
            actor_id=actor.id,
            actor_name=actor.name,
            kind=kind,
            target=target,
            summary=summary,
            case_id=case_id,
            before=before,
            after=after,
        )

    def start(self) -> None:
        """A new chain seals the history and the rows that are older than it, once: the hash
        of its first record is kept (app_meta), and a log found emptied later is not sealed
        again (``verify`` reports it)."""
        with self._db.write() as s:
            if s.get(AppMeta, META_CHAIN) is not None:
                return
            self._seal(s, None, "Hệ thống")
            self._seal_state(s, None, "Hệ thống")
            if s.scalar(select(func.count()).select_from(AuditRecord)) == 0:
                append(
                    s,
                    at=self._now(),
                    actor_id=None,
                    actor_name="Hệ thống",
                    kind="audit.start",
                    summary="Bắt đầu nhật ký thay đổi.",
                )
                s.flush()
            first = s.scalar(select(AuditRecord.hash).where(AuditRecord.seq == 1))
            if first is not None:
                s.add(AppMeta(key=META_CHAIN, value=first))

    def seal_events(self, actor: Actor | None = None) -> int:
        """Cover case history and rows written in bulk (demo data, imports) with chain
        records; returns how many history rows it covered."""
        actor_id, name = (actor.id, actor.name) if actor else (None, "Hệ thống")
        with self._db.write() as s:
            n = self._seal(s, actor_id, name)
            self._seal_state(s, actor_id, name)
            return n

    def _seal_state(self, s: Session, actor_id: int | None, actor_name: str) -> int:
        """Rows no record vouches for yet (older than the chain, or written in bulk) get
        their digests in seal records, a chunk of rows each. Returns how many rows."""
        s.flush()
        covered = _covered_state(s)
        sealed = 0
        chunks: list[tuple[Entity, dict[str, str]]] = []
        for e in ENTITIES:
            chunk: dict[str, str] = {}
            for row in _rows_of(s, e):
                key = f"{e.name}:{row[0]}"
                if key in covered:
                    continue
                chunk[key] = row_digest(row[1:])
                sealed += 1
                if len(chunk) >= STATE_SEAL_CHUNK:
                    chunks.append((e, chunk))
                    chunk = {}
            if chunk:
                chunks.append((e, chunk))
        for e, chunk in chunks:
            append(
                s,
                at=self._now(),
                actor_id=actor_id,
                actor_name=actor_name,
                kind=KIND_STATE_SEAL,
                target=e.name,
                summary=f"Niêm phong trạng thái {len(chunk)} dòng ({e.label}) ghi trước "
                "nhật ký hoặc ghi hàng loạt.",
                state=canonical(chunk),
            )
        return sealed

    def head(self) -> str:
        """The chain's newest record as ``SEQ:HASH`` (an anchor to keep outside)."""
        with self._db.read() as s:
            return head_of(s)

    def _seal(self, s: Session, actor_id: int | None, actor_name: str) -> int:
        covered = self._covered_until(s)
        last = s.scalar(select(func.max(CaseEvent.id))) or 0
        if last <= covered:
            return 0
        digest = hashlib.sha256()
        count = 0
        for e in s.execute(
            select(CaseEvent).where(CaseEvent.id > covered).order_by(CaseEvent.id)
        ).scalars():
            digest.update(_event_row_content(e).encode("utf-8") + b"\n")
            count += 1
        append(
            s,
            at=self._now(),
            actor_id=actor_id,
            actor_name=actor_name,
            kind=KIND_SEAL,
            target=f"{covered + 1}-{last}",
            summary=f"Niêm phong {count} dòng lịch sử hồ sơ ghi hàng loạt.",
            details=canonical(
                {"first": covered + 1, "last": last, "count": count, "sha256": digest.hexdigest()}
            ),
        )
        return count

    def reseal(self, s: Session, event_ids: set[int], actor: Actor) -> int:
        """After history rows covered by a seal were rewritten on purpose (anonymisation) and
        each re-vouched by a record of its own: the seals of their ranges are renewed with a
        new record holding the digest of the rows they still vouch for (the rows without a
        record of their own), so the check goes on passing. Returns how many seals."""
        s.flush()
        renewed = 0
        for first, last, count in _latest_seals(s):
            if not any(first <= i <= last for i in event_ids):
                continue
            mirrored = set(
                s.scalars(
                    select(AuditRecord.event_id).where(
                        AuditRecord.event_id >= first, AuditRecord.event_id <= last
                    )
                )
            )
            digest = hashlib.sha256()
            kept = 0
            for e in s.execute(
                select(CaseEvent)
                .where(CaseEvent.id >= first, CaseEvent.id <= last)
                .order_by(CaseEvent.id)
            ).scalars():
                if e.id in mirrored:
                    continue
                digest.update(_event_row_content(e).encode("utf-8") + b"\n")
                kept += 1
            append(
                s,
                at=self._now(),
                actor_id=actor.id,
                actor_name=actor.name,
                kind=KIND_SEAL,
                target=f"{first}-{last}",
                summary=(
                    f"Niêm phong lại {kept} dòng lịch sử hồ sơ (trước: {count}) sau khi ẩn danh "
                    "dữ liệu cá nhân; các dòng đã ẩn danh có bản ghi riêng."
                ),
                details=canonical(
                    {"first": first, "last": last, "count": kept, "sha256": digest.hexdigest()}
                ),
            )
            renewed += 1
        return renewed

    @staticmethod
    def _covered_until(s: Session) -> int:
        mirrored = s.scalar(select(func.max(AuditRecord.event_id))) or 0
        sealed = 0
        for details in s.scalars(select(AuditRecord.details).where(AuditRecord.kind == KIND_SEAL)):
            try:
                sealed = max(sealed, int(json.loads(details)["last"]))
            except (ValueError, KeyError, TypeError):
                continue
        return max(mirrored, sealed)

    def verify(self, anchors: Sequence[str] = ()) -> Verification:
        """Walk the chain, the case history and the rows the chain vouches for; the first
        record that does not match is named, and each anchor (``SEQ:HASH`` seen earlier
        outside the database) must still be in the chain. Reading only; safe while others
        work. Raises PaknError for an anchor that is not of that form."""
        parsed = [parse_anchor(a) for a in anchors]
        with self._db.read() as s:
            return _verify(s, parsed)

    def records(self, actor: Actor, f: AuditFilter | None = None) -> list[AuditView]:
        if self._guard is not None:
            self._guard.require(actor, Permission.AUDIT)
        f = f or AuditFilter()
        q = select(AuditRecord)
        if f.actor_id is not None:
            q = q.where(AuditRecord.actor_id == f.actor_id)
        if f.case_id is not None:
            q = q.where(AuditRecord.case_id == f.case_id)
        if f.case_code.strip():
            code = f.case_code.strip().upper()
            q = q.where(
                AuditRecord.case_id.in_(
                    select(Case.id).where((Case.code == code) | (Case.portal_code == code))
                )
            )
        if f.kind:
            q = q.where(AuditRecord.kind.like(f"{f.kind}%"))
        if f.start is not None:
            q = q.where(AuditRecord.at >= datetime.combine(f.start, datetime.min.time()))
        if f.end is not None:
            q = q.where(AuditRecord.at <= datetime.combine(f.end, datetime.max.time()))
        q = q.order_by(AuditRecord.seq.desc()).limit(max(1, min(f.limit, 100_000)))
        with self._db.read() as s:
            return [_view(r) for r in s.scalars(q)]

    def export_csv(self, actor: Actor, path: Path, f: AuditFilter | None = None) -> int:
        rows = self.records(actor, f)

        def write(tmp: Path) -> None:
            with tmp.open("w", newline="", encoding="utf-8-sig") as fh:
                w = csv.writer(fh)
                w.writerow(
                    [
                        "Số",
                        "Thời điểm",
                        "Mã người",
                        "Người thực hiện",
                        "Loại",
                        "Đối tượng",
                        "Mã hồ sơ",
                        "Nội dung",
                        "Trước",
                        "Sau",
                        "SHA-256",
                    ]
                )
                for r in rows:
                    w.writerow(
                        [
                            r.seq,
                            f"{r.at:%d/%m/%Y %H:%M:%S}",
                            r.actor_id or "",
                            r.actor_name,
                            r.kind,
                            r.target,
                            r.case_id or "",
                            r.summary,
                            canonical(r.before),
                            canonical(r.after),
                            r.hash,
                        ]
                    )

        write_private(path, write)
        return len(rows)


def _view(r: AuditRecord) -> AuditView:
    try:
        d = json.loads(r.details)
    except ValueError:
        d = {}
    before = d.get("before") if isinstance(d, dict) and "before" in d else None
    after = d.get("after") if isinstance(d, dict) and "after" in d else d
    return AuditView(
        r.seq,
        r.at,
        r.actor_id,
        r.actor_name,
        r.kind,
        r.target,
        r.case_id,
        r.summary,
        before,
        after,
        r.hash,
    )


def _latest_seals(s: Session) -> list[tuple[int, int, int]]:
    """(first, last, count) of each sealed range, as its latest seal record says."""
    out: dict[tuple[int, int], int] = {}
    for details in s.scalars(
        select(AuditRecord.details).where(AuditRecord.kind == KIND_SEAL).order_by(AuditRecord.seq)
    ):
        try:
            d = json.loads(details)
            out[(int(d["first"]), int(d["last"]))] = int(d.get("count", 0))
        except (ValueError, KeyError, TypeError):
            continue
    return [(a, b, n) for (a, b), n in out.items()]


def stamp_backup(path: Path | None) -> str | None:
    """Write the copy's own head into a database copy just made (app_meta ``audit_head``) and
    return it: the anchor the copy carries, to check the live register against later. The copy
    is closed by nobody else yet; a copy without a chain is left as it is."""
    import sqlite3

    if path is None:
        return None
    conn = sqlite3.connect(path, timeout=5)
    try:
        with conn:
            row = conn.execute(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            head = f"{row[0]}:{row[1]}" if row else f"0:{GENESIS}"
            conn.execute("DELETE FROM app_meta WHERE key = 'audit_head'")
            conn.execute("INSERT INTO app_meta (key, value) VALUES ('audit_head', ?)", (head,))
        return head
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def footer_line(head: str) -> str:
    """The line exported reports and registers end with: the chain's head when they were made,
    an anchor to check the register against later (``pakn audit verify --anchor``)."""
    return f"Mốc nhật ký thay đổi khi lập: {head}"


def head_of(s: Session) -> str:
    row = s.execute(
        select(AuditRecord.seq, AuditRecord.hash).order_by(AuditRecord.seq.desc()).limit(1)
    ).first()
    return f"{row[0]}:{row[1]}" if row else f"0:{GENESIS}"


def parse_anchor(text: str) -> tuple[int, str]:
    """``SEQ:HASH`` as ``pakn audit head`` prints it; PaknError in Vietnamese otherwise."""
    seq_text, _, digest = str(text).strip().partition(":")
    digest = digest.strip().lower()
    if (
        not seq_text.isdigit()
        or len(seq_text) > 12
        or len(digest) != 64
        or any(c not in "0123456789abcdef" for c in digest)
    ):
        raise PaknError(
            f"Mốc nhật ký «{str(text)[:80]}» không đúng dạng SỐ:MÃ_BĂM (số bản ghi, dấu hai "
            "chấm, 64 chữ số hex), như lệnh «pakn audit head» in ra."
        )
    return int(seq_text), digest


def _short(anchor: tuple[int, str]) -> str:
    return f"{anchor[0]}:{anchor[1][:12]}…"


KIND_RESTORE_UNDONE = "backup.restore_undone"


def _undone_hash(details: str | None) -> str | None:
    """The hash a record had before a restore undid it (``BackupService`` writes it)."""
    try:
        before = json.loads(details or "{}").get("before") or {}
        return str(before["hash"]) if "hash" in before else None
    except (ValueError, TypeError, AttributeError):
        return None


def _anchor_problem(anchor: tuple[int, str], count: int, hashes: dict[int, str]) -> str | None:
    seq, digest = anchor
    if seq == 0:
        return None
    if seq > count:
        return (
            f"Mốc {_short(anchor)} không còn trong nhật ký: nhật ký nay chỉ có {count} bản ghi. "
            f"Điều đó chứng tỏ các bản ghi từ số {count + 1} đến {seq} đã từng được ghi rồi "
            "bị xóa (nhật ký bị cắt phần cuối, hoặc bị xóa hết rồi bắt đầu lại)."
        )
    if hashes.get(seq) != digest:
        return (
            f"Bản ghi nhật ký số {seq} không còn mang mã băm của mốc {_short(anchor)} đã lưu "
            "bên ngoài cơ sở dữ liệu. Điều đó chứng tỏ nhật ký đến bản ghi này đã bị viết "
            "lại: bị tính lại chuỗi băm, niêm phong lại, hoặc bị xóa hết rồi bắt đầu lại; "
            "chuỗi hiện tại có thể tự khớp nhưng không còn là chuỗi đã có lúc lấy mốc."
        )
    return None


def _covered_state(s: Session) -> dict[str, str | None]:
    """The digest of each row by the last record that vouches for it."""
    covered: dict[str, str | None] = {}
    for state in s.scalars(
        select(AuditRecord.state).where(AuditRecord.state.is_not(None)).order_by(AuditRecord.seq)
    ):
        try:
            covered.update(json.loads(state or "{}"))
        except (ValueError, TypeError):
            continue
    return covered


def _state_problems(s: Session, covered: dict[str, tuple[int, str | None]]) -> list[str]:
    """Today's rows against the last record of each: changed, added or deleted outside."""
    problems: list[str] = []
    for e in ENTITIES:
        for row in _rows_of(s, e):
            key = f"{e.name}:{row[0]}"
            last = covered.pop(key, None)
            if last is None:
                problems.append(
                    f"{e.label.capitalize()} «{key}» không có trong nhật ký: dòng được thêm "
                    "trực tiếp vào cơ sở dữ liệu."
                )
            elif last[1] != row_digest(row[1:]):
                verb = "xuất hiện lại sau khi đã xóa" if last[1] is None else "bị sửa"
                problems.append(
                    f"{e.label.capitalize()} «{key}» đã {verb} trực tiếp trong cơ sở dữ "
                    f"liệu (không khớp trạng thái ở bản ghi nhật ký số {last[0]})."
                )
    for key, (seq, digest) in covered.items():
        if digest is not None:
            name = key.partition(":")[0]
            label = _BY_NAME[name].label if name in _BY_NAME else name
            problems.append(
                f"{label.capitalize()} «{key}» đã bị xóa trực tiếp khỏi cơ sở dữ liệu "
                f"(bản ghi nhật ký số {seq} còn ghi nhận dòng này)."
            )
    return problems


def _verify(s: Session, anchors: Sequence[tuple[int, str]] = ()) -> Verification:
    prev = GENESIS
    expected = 1
    mirrors: dict[int, tuple[int, str]] = {}
    seals: list[tuple[int, int, int, str]] = []
    states: dict[str, tuple[int, str | None]] = {}
    wanted = {seq for seq, _ in anchors}
    hashes: dict[int, str] = {}
    # Records a restore undid: the number, and the hash it had before (what an anchor taken
    # then holds); the restore and these records are themselves links of the chain.
    undone: dict[int, str | None] = {}
    count = 0
    for r in s.execute(select(AuditRecord).order_by(AuditRecord.seq)).scalars():
        count += 1
        if r.seq != expected:
            return Verification(
                False,
                count,
                0,
                expected,
                f"Nhật ký bị đứt: thiếu bản ghi số {expected} (đã bị xóa khỏi cơ sở dữ liệu).",
            )
        if r.prev_hash != prev:
            return Verification(
                False,
                count,
                0,
                r.seq,
                f"Bản ghi nhật ký số {r.seq} không nối với bản ghi trước (chuỗi băm bị sửa).",
            )
        if _hash_of(r) != r.hash:
            return Verification(
                False,
                count,
                0,
                r.seq,
                f"Bản ghi nhật ký số {r.seq} ({r.at:%d/%m/%Y %H:%M}, {r.actor_name}) đã bị "
                "sửa trực tiếp trong cơ sở dữ liệu: nội dung không khớp mã băm.",
            )
        if r.event_id is not None:
            mirrors[r.event_id] = (r.seq, r.details)
        elif r.kind == KIND_SEAL:
            d = json.loads(r.details)
            first, last = int(d["first"]), int(d["last"])
            # A later seal of the same range (renewed after an anonymisation) replaces it.
            seals = [x for x in seals if (x[0], x[1]) != (first, last)]
            seals.append((first, last, r.seq, str(d["sha256"])))
        if r.state is not None:
            for key, digest in json.loads(r.state).items():
                states[key] = (r.seq, digest)
        if r.seq in wanted or r.seq == 1:
            hashes[r.seq] = r.hash
        if r.kind == KIND_RESTORE_UNDONE and r.seq in wanted:
            undone[r.seq] = _undone_hash(r.details)
        prev = r.hash
        expected += 1
    for anchor in anchors:
        if anchor[0] in undone and undone[anchor[0]] == anchor[1]:
            continue  # taken before a restore that undid it, as the chain itself records
        problem = _anchor_problem(anchor, count, hashes)
        if problem is not None:
            return Verification(False, count, 0, anchor[0], problem, anchor_failed=True)
    mark = s.get(AppMeta, META_CHAIN)
    if mark is not None and hashes.get(1) != mark.value:
        return Verification(
            False,
            count,
            0,
            1,
            "Nhật ký đã bị xóa hết rồi bắt đầu lại: bản ghi đầu tiên không còn là bản ghi "
            "đã có khi nhật ký bắt đầu (các thay đổi trước đó không còn được chứng thực).",
        )
    top = s.scalar(select(Counter.value).where(Counter.name == COUNTER)) or 0
    if top > count:
        return Verification(
            False,
            count,
            0,
            count + 1,
            f"Nhật ký bị cắt: các bản ghi từ số {count + 1} đến {top} đã bị xóa.",
        )
    seen: set[int] = set()
    digests = {seq: hashlib.sha256() for _, _, seq, _ in seals}
    events = 0
    for e in s.execute(
        select(
            CaseEvent.id,
            CaseEvent.case_id,
            CaseEvent.at,
            CaseEvent.actor_id,
            CaseEvent.actor_name,
            CaseEvent.action,
            CaseEvent.public,
            CaseEvent.summary,
            CaseEvent.changes,
        ).order_by(CaseEvent.id)
    ):
        events += 1
        content = _event_row_content(e)
        mirror = mirrors.get(e.id)
        if mirror is not None:
            seen.add(e.id)
            if mirror[1] != content:
                return Verification(
                    False,
                    count,
                    events,
                    mirror[0],
                    f"Dòng lịch sử hồ sơ số {e.id} đã bị sửa trực tiếp trong cơ sở dữ liệu "
                    f"(không khớp bản ghi nhật ký số {mirror[0]}).",
                )
            continue
        seal = next((x for x in seals if x[0] <= e.id <= x[1]), None)
        if seal is None:
            return Verification(
                False,
                count,
                events,
                None,
                f"Dòng lịch sử hồ sơ số {e.id} không có trong nhật ký "
                "(được thêm trực tiếp vào cơ sở dữ liệu).",
            )
        digests[seal[2]].update(content.encode("utf-8") + b"\n")
    for event_id, (seq, _) in sorted(mirrors.items()):
        if event_id not in seen:
            return Verification(
                False,
                count,
                events,
                seq,
                f"Dòng lịch sử hồ sơ số {event_id} (bản ghi nhật ký số {seq}) đã bị xóa.",
            )
    for _, _, seq, expected_digest in seals:
        if digests[seq].hexdigest() != expected_digest:
            return Verification(
                False,
                count,
                events,
                seq,
                f"Lịch sử hồ sơ được niêm phong ở bản ghi nhật ký số {seq} đã bị sửa hoặc xóa.",
            )
    problems = _state_problems(s, states)
    if problems:
        return Verification(False, count, events, None, problems[0], tuple(problems[:50]))
    return Verification(True, count, events, None, "")


__all__ = [
    "AuditService",
    "AuditView",
    "Verification",
    "canonical",
    "parse_anchor",
    "record_hash",
    "touch",
]
