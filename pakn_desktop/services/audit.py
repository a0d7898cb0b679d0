"""The audit trail: every change, attributed, in a SHA-256 hash chain nobody can quietly rewrite.

Each record holds who (account id and the name at the time), when, what, before and after, the
hash of the previous record and its own hash over both. Records are numbered gap-free by the
``audit`` counter, whose row lock (PostgreSQL) or the write lock (SQLite) orders every writer,
so the chain never forks. Case history rows (``case_events``) are mirrored into the chain as
they are written (a session hook, so every service that records history is covered), and rows
written in bulk (demo data, history older than the chain) are sealed by one record holding
the digest of the range. :meth:`AuditService.verify` walks the chain and the history and names
the first record that no longer matches."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, event, func, insert, select
from sqlalchemy.orm import Session

from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.store.db import Database, next_serial
from pakn_desktop.store.models import AuditRecord, Case, CaseEvent, Counter, LetterTemplateRow

from .files import write_private
from .views import Actor

GENESIS = "0" * 64
COUNTER = "audit"
KIND_CASE_EVENT = "case_event"
KIND_SEAL = "case_events_sealed"


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


def _hash_of(r: AuditRecord) -> str:
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
        hash=record_hash(
            prev, seq, at, actor_id, actor_name, kind, target, case_id, event_id, summary, details
        ),
    )
    s.add(rec)
    s.info["audit_last"] = (seq, rec.hash)
    return rec


_AUDIT = cast(Table, AuditRecord.__table__)
# The statements of ``append_event``, made once (SQLAlchemy then keeps them compiled).
_PREV_HASH = select(_AUDIT.c.hash).where(_AUDIT.c.seq == bindparam("seq"))
_INSERT_AUDIT = insert(_AUDIT)


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
    sees only rows added as objects): the same record ``_mirror_events`` would add, written
    with a Core INSERT too."""
    seq, prev = _next_link(s)
    details = event_content(case_id, at, actor_id, actor_name, action, public, summary, changes)
    summary = summary[:4000]
    target = action[:100]
    digest = record_hash(
        prev,
        seq,
        at,
        actor_id,
        actor_name,
        KIND_CASE_EVENT,
        target,
        case_id,
        event_id,
        summary,
        details,
    )
    s.execute(
        _INSERT_AUDIT,
        {
            "seq": seq,
            "at": at,
            "actor_id": actor_id,
            "actor_name": actor_name,
            "kind": KIND_CASE_EVENT,
            "target": target,
            "case_id": case_id,
            "event_id": event_id,
            "summary": summary,
            "details": details,
            "prev_hash": prev,
            "hash": digest,
        },
    )
    s.info["audit_last"] = (seq, digest)


# --- case history mirrored into the chain, whoever writes it ------------------------------
@event.listens_for(Session, "after_flush")
def _collect_events(session: Session, _ctx: Any) -> None:
    new = [o for o in session.new if isinstance(o, CaseEvent)]
    if new:
        session.info.setdefault("audit_pending", []).extend(new)


@event.listens_for(Session, "after_flush_postexec")
def _mirror_events(session: Session, _ctx: Any) -> None:
    pending: list[CaseEvent] = session.info.pop("audit_pending", [])
    for e in sorted(pending, key=lambda e: e.id):
        append(
            session,
            at=e.at,
            actor_id=e.actor_id,
            actor_name=e.actor_name,
            kind=KIND_CASE_EVENT,
            target=f"{e.action}",
            summary=e.summary,
            case_id=e.case_id,
            event_id=e.id,
            details=event_content(
                e.case_id,
                e.at,
                e.actor_id,
                e.actor_name,
                e.action,
                e.public,
                e.summary,
                e.changes,
            ),
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
        """A new chain seals the history that is older than it (one digest over the rows)."""
        with self._db.write() as s:
            if s.scalar(select(Counter.value).where(Counter.name == COUNTER)):
                return
            self._seal(s, None, "Hệ thống")

    def seal_events(self, actor: Actor | None = None) -> int:
        """Cover case history written in bulk (demo data, imports) with one chain record;
        returns how many rows it covered."""
        with self._db.write() as s:
            return self._seal(s, actor.id if actor else None, actor.name if actor else "Hệ thống")

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

    def verify(self) -> Verification:
        """Walk the chain and the case history; the first record that does not match is
        named. Reading only; safe while others work."""
        with self._db.read() as s:
            return _verify(s)

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


def _verify(s: Session) -> Verification:
    prev = GENESIS
    expected = 1
    mirrors: dict[int, tuple[int, str]] = {}
    seals: list[tuple[int, int, int, str]] = []
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
        prev = r.hash
        expected += 1
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
    return Verification(True, count, events, None, "")


__all__ = ["AuditService", "AuditView", "Verification", "canonical", "record_hash"]
