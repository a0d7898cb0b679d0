"""Backups for the window and the CLI: the daily copy, a manual copy, a verified restore.

Manual copies, checks and restores are the administrator's, and each is recorded in the
audit chain. Backup files are readable by their owner only (0600 on Linux and macOS, the
file's ACL on Windows)."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from pakn_desktop import __version__
from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.codes import format_letter_number
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.paths import long_path, on_windows, windows_owner_only
from pakn_desktop.store import backup, summary
from pakn_desktop.store.db import Database
from pakn_desktop.store.models import (
    Attachment,
    AuditRecord,
    Case,
    CaseEvent,
    Counter,
    Letter,
    PortalImport,
    Publication,
    Submitter,
    Unit,
    User,
)

from .accounts import Guard
from .audit import KIND_RESTORE_UNDONE, AuditService, stamp_backup
from .views import Actor

log = logging.getLogger(__name__)

# The first start of a new version: its copy of the database, and the note of the version that
# last used the backup folder.
UPGRADE_PREFIX = "pakn-truoc-nang-cap-"
VERSION_NOTE = "pakn-phien-ban.txt"


def owner_only(path: Path | None) -> None:
    """Files holding the register (database copies, exports, logs) are private to the
    account that runs the program: mode 0600 (0700 for a folder) on Linux and macOS; on
    Windows, where the mode means nothing, the file's ACL (``paths.owner_only_command``)."""
    if path is None or not path.exists():
        return
    if on_windows():
        windows_owner_only(path)
    elif os.name == "posix":
        os.chmod(path, 0o700 if path.is_dir() else 0o600)


def private_sqlite_file(url: str | None) -> None:
    """A new SQLite register is created readable by its owner only (0600), before SQLite
    opens it; its -wal and -shm files follow the main file's mode."""
    from sqlalchemy.engine import make_url

    from pakn_desktop.paths import resolve_url

    u = make_url(resolve_url(url))
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return
    path = Path(u.database)
    if os.name != "posix" or path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):  # another desk created it meanwhile
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def db_sidecars(db: Database) -> list[Path]:
    if db.file is None:
        return []
    return [Path(str(db.file) + suffix) for suffix in ("-wal", "-shm")]


@dataclass(frozen=True)
class LostCase:
    """A case the kept copy holds and the restored register does not."""

    code: str
    title: str
    received_at: datetime
    letters: tuple[str, ...]  # its letters' numbers ("01/PTN")


@dataclass(frozen=True)
class LostLetter:
    """A letter of a case the register has, issued after the backup was taken."""

    number: str
    kind: str
    case_code: str
    year: int


@dataclass(frozen=True)
class Lost:
    kept: Path | None
    cases: tuple[LostCase, ...]
    letters: tuple[LostLetter, ...]

    @property
    def empty(self) -> bool:
        return not self.cases and not self.letters


@dataclass(frozen=True)
class RestoreResult:
    cases: int
    kept: Path | None
    damaged: Path | None
    lost: Lost


@dataclass(frozen=True)
class BroughtBack:
    cases: tuple[str, ...]
    letters: tuple[str, ...]


@dataclass(frozen=True)
class BackupChoice:
    summary: backup.BackupSummary
    this_database: bool


class _Carrier:
    """Copies rows of the kept copy (session ``k``) into the register (session ``s``): new
    ids, the same codes and numbers; people and units matched by login and by name."""

    def __init__(self, k: Session, s: Session) -> None:
        self.k, self.s = k, s
        live_users = {r[0]: r[1] for r in s.execute(select(User.username, User.id))}
        self.users = {
            uid: live_users.get(name) for uid, name in k.execute(select(User.id, User.username))
        }
        live_units = {r[0]: r[1] for r in s.execute(select(Unit.name, Unit.id))}
        self.units = {
            uid: live_units.get(name) for uid, name in k.execute(select(Unit.id, Unit.name))
        }
        self.slots = set(s.scalars(select(Letter.slot)))
        self.portal_codes = set(s.scalars(select(PortalImport.portal_code)))
        self.pending: list[tuple[Letter, Letter]] = []

    def _user(self, old: int | None) -> int | None:
        return None if old is None else self.users.get(old)

    def case(self, code: str) -> int:
        k, s = self.k, self.s
        old = k.scalars(select(Case).where(Case.code == code)).one()
        sub = old.submitter
        submitter = Submitter(**_columns(sub, Submitter, skip={"id"}))
        s.add(submitter)
        s.flush()
        fields = _columns(old, Case, skip={"id", "submitter_id", "version"})
        fields.update(
            submitter_id=submitter.id,
            unit_id=None if old.unit_id is None else self.units.get(old.unit_id),
            official_id=self._user(old.official_id),
            created_by_id=self._user(old.created_by_id),
        )
        new = Case(**fields)
        s.add(new)
        s.flush()
        before = summary.case_before(s, None)
        events: dict[int, int] = {}
        for e in k.scalars(
            select(CaseEvent).where(CaseEvent.case_id == old.id).order_by(CaseEvent.id)
        ):
            row = CaseEvent(**_columns(e, CaseEvent, skip={"id", "case_id", "actor_id"}))
            row.case_id, row.actor_id = new.id, self._user(e.actor_id)
            s.add(row)
            s.flush()
            events[e.id] = row.id
        for a in k.scalars(select(Attachment).where(Attachment.case_id == old.id)):
            s.add(Attachment(**_columns(a, Attachment, skip={"id", "case_id"}), case_id=new.id))
        for letter in k.scalars(select(Letter).where(Letter.case_id == old.id).order_by(Letter.id)):
            self._add_letter(letter, new.id, events.get(letter.event_id or -1))
        for pub in k.scalars(select(Publication).where(Publication.case_id == old.id)):
            s.add(Publication(**_columns(pub, Publication, skip={"case_id"}), case_id=new.id))
        imp = k.get(PortalImport, old.id)
        if imp is not None and imp.portal_code not in self.portal_codes:
            s.add(PortalImport(**_columns(imp, PortalImport, skip={"case_id"}), case_id=new.id))
            self.portal_codes.add(imp.portal_code)
        s.flush()
        self._link_replacements()
        summary.case_after(s, new.id, before)
        return new.id

    def letter(self, lost: LostLetter) -> None:
        k, s = self.k, self.s
        number, symbol = lost.number.split("/", 1)
        old = k.scalars(
            select(Letter)
            .where(Letter.year == lost.year, Letter.symbol == symbol, Letter.number == int(number))
            .order_by(Letter.id.desc())
        ).first()
        if old is None:
            return
        case_id = (
            s.scalar(select(Case.id).where(Case.code == lost.case_code)) if lost.case_code else None
        )
        # The history row it answers, when the register has it (same action at the same
        # time); otherwise the letter stands on its own.
        event_id = None
        answered = None if old.event_id is None else k.get(CaseEvent, old.event_id)
        if case_id is not None and answered is not None:
            event_id = s.scalar(
                select(CaseEvent.id).where(
                    CaseEvent.case_id == case_id,
                    CaseEvent.action == answered.action,
                    CaseEvent.at == answered.at,
                )
            )
        self._add_letter(old, case_id, event_id)
        s.flush()
        self._link_replacements()

    def _add_letter(self, old: Letter, case_id: int | None, event_id: int | None) -> None:
        fields = _columns(
            old, Letter, skip={"id", "case_id", "event_id", "replaces_id", "replaced_by_id", "slot"}
        )
        generation = old.slot.rsplit(":", 1)[-1]
        slot = f"{case_id}:{old.kind}:{event_id}:{generation}"
        if slot in self.slots:
            slot = f"{slot}:r{old.id}"[:120]
        self.slots.add(slot)
        new = Letter(**fields, case_id=case_id, event_id=event_id, slot=slot)
        self.s.add(new)
        self.pending.append((old, new))

    def _link_replacements(self) -> None:
        """A replaced letter and its replacement point at each other again."""
        by_old = {old.id: new for old, new in self.pending}
        for old, new in self.pending:
            if old.replaces_id in by_old:
                new.replaces_id = by_old[old.replaces_id].id
            if old.replaced_by_id in by_old:
                new.replaced_by_id = by_old[old.replaced_by_id].id
        self.s.flush()


def _columns(obj: Any, cls: type, skip: set[str]) -> dict[str, Any]:
    mapper: Any = sa_inspect(cls)
    return {c.key: getattr(obj, c.key) for c in mapper.column_attrs if c.key not in skip}


class BackupService:
    def __init__(
        self,
        db: Database,
        guard: Guard | None = None,
        audit: AuditService | None = None,
        now: Callable[[], datetime] = vn_now,
    ) -> None:
        self._db = db
        self._now = now
        self._guard = guard or Guard(db)
        self._audit = audit or AuditService(db, now, self._guard)

    @property
    def available(self) -> bool:
        """File backups apply to SQLite; PostgreSQL offices use pg_dump (README)."""
        return self._db.file is not None

    def daily(self, folder: Path, today: date, version: str = __version__) -> Path | None:
        """The automatic copy of the day (no person acts; the copy is private), after the
        copy of the first start of a new version (``upgrade_copy``)."""
        folder = Path(long_path(folder))
        folder.mkdir(parents=True, exist_ok=True)
        self.upgrade_copy(folder, version)
        made = backup.daily_backup(self._db, folder, today)
        owner_only(made)
        stamp_backup(made)
        return made

    def upgrade_copy(self, folder: Path, version: str = __version__) -> Path | None:
        """The first start of a new version of the program copies the database into the
        backup folder (``pakn-truoc-nang-cap-OLD-NEW-when.db``, never rotated away) before the
        day's work, whether or not the schema changed (a schema change is also copied before
        the migration, beside the database). The folder remembers the version that last used
        it; a folder with copies but no such note was used by a version older than the note."""
        if self._db.file is None:
            return None
        note = folder / VERSION_NOTE
        try:
            before = note.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            before = "cu" if any(folder.glob(f"{backup.PREFIX}*.db")) else ""
        made = None
        if before and before != version:
            made = folder / f"{UPGRADE_PREFIX}{before}-{version}-{self._now():%Y-%m-%d-%H%M%S}.db"
            self._db.backup_to(made)
            owner_only(made)
            log.info("Copied the database before the first start of %s: %s", version, made)
        if before != version:
            note.write_text(version + "\n", encoding="utf-8")
        return made

    def now(self, folder: Path, actor: Actor) -> Path:
        actor = self._guard.require(actor, Permission.BACKUPS)
        folder = Path(long_path(folder))
        folder.mkdir(parents=True, exist_ok=True)
        path = backup.backup_now(self._db, folder)
        owner_only(path)
        stamp_backup(path)
        self._record(actor, "backup.now", str(path), f"Sao lưu dữ liệu vào {path}.")
        return path

    def to_file(self, target: Path, actor: Actor) -> Path:
        """A copy to a file the administrator names."""
        actor = self._guard.require(actor, Permission.BACKUPS)
        self._db.backup_to(target)
        owner_only(target)
        stamp_backup(target)
        self._record(actor, "backup.now", str(target), f"Sao lưu dữ liệu vào {target}.")
        return target

    def verify(self, path: Path, actor: Actor) -> backup.Verified:
        self._guard.require(actor, Permission.BACKUPS)
        return backup.verify(path, self._db.head_revision())

    def restore_details(self, path: Path, actor: Actor) -> RestoreResult:
        """Restore a verified backup into the live database (other desks keep working and see
        it); PostgreSQL refuses with a message naming pg_restore.

        No number handed out before goes back: the counters stay at least where they were
        (store.backup), the audit chain is carried on to the number it had reached (one
        record for each record the backup lacks, naming it), and what the kept copy holds
        beyond the backup is listed in the result, to be brought back (``bring_back``)."""
        actor = self._guard.require(actor, Permission.BACKUPS)
        done = backup.restore(self._db, path)
        owner_only(self._db.file)
        kept = done.kept or done.damaged
        owner_only(kept)
        # Recorded in the restored register: its chain goes on from the copy's last record.
        try:
            with self._db.write() as s:
                if done.kept is not None:
                    self._carry_audit_numbers(s, actor, done.kept, done.audit_before)
                self._audit.record(
                    s,
                    actor,
                    "backup.restore",
                    str(path)[-100:],
                    f"Khôi phục dữ liệu từ {path}; dữ liệu cũ giữ tại {kept}.",
                )
        except SQLAlchemyError:
            # A copy older than the audit chain has no table for it until it is migrated.
            log.warning("Could not record backup.restore in the audit chain")
        lost = self.lost_since(done.kept, actor) if done.kept is not None else Lost(None, (), ())
        return RestoreResult(done.cases, done.kept, done.damaged, lost)

    def _carry_audit_numbers(self, s: Session, actor: Actor, kept: Path, before: int) -> None:
        """The chain's records are numbered without gaps: each number the register had
        reached but the backup lacks gets a record naming what it held before the restore,
        so the audit number never goes back either."""
        top = s.scalar(select(Counter.value).where(Counter.name == backup.AUDIT_COUNTER)) or 0
        if before <= top:
            return
        engine = backup.open_copy(kept)
        try:
            with Session(engine) as k:
                undone = {
                    r.seq: r
                    for r in k.scalars(
                        select(AuditRecord).where(AuditRecord.seq > top, AuditRecord.seq <= before)
                    )
                }
                for seq in range(top + 1, before + 1):
                    r = undone.get(seq)
                    said = (
                        f"{r.at:%d/%m/%Y %H:%M}, {r.actor_name}: {r.summary}"
                        if r is not None
                        else "không có trong bản giữ lại"
                    )
                    self._audit.record(
                        s,
                        actor,
                        KIND_RESTORE_UNDONE,
                        f"seq:{seq}",
                        f"Bản ghi số {seq} trước khi khôi phục ({said}) không có trong bản sao "
                        f"lưu đã khôi phục; giữ tại {kept.name}.",
                        before=None
                        if r is None
                        else {"seq": seq, "kind": r.kind, "hash": r.hash, "target": r.target},
                    )
        finally:
            engine.dispose()

    # --- what a restore left out, and bringing it back ---------------------------------
    def lost_since(self, kept: Path, actor: Actor) -> Lost:
        """The cases and letters the kept copy holds and the register does not (by code and
        by number): what was done after the backup was taken."""
        self._guard.require(actor, Permission.BACKUPS)
        backup.verify(kept, self._db.head_revision())
        with self._db.read() as s:
            codes = set(s.scalars(select(Case.code)))
            numbers = {
                tuple(r) for r in s.execute(select(Letter.year, Letter.symbol, Letter.number))
            }
        engine = backup.open_copy(kept)
        try:
            with Session(engine) as k:
                code_of = {r[0]: r[1] for r in k.execute(select(Case.id, Case.code))}
                letters = k.execute(
                    select(
                        Letter.year, Letter.symbol, Letter.number, Letter.kind, Letter.case_id
                    ).order_by(Letter.id)
                ).all()
                missing = [(lt, code_of.get(lt.case_id, "")) for lt in letters]
                missing = [
                    (lt, c) for lt, c in missing if (lt.year, lt.symbol, lt.number) not in numbers
                ]
                cases = [
                    LostCase(
                        c.code,
                        c.title,
                        c.received_at,
                        tuple(
                            format_letter_number(lt.number, lt.symbol)
                            for lt, code in missing
                            if code == c.code
                        ),
                    )
                    for c in k.execute(
                        select(Case.code, Case.title, Case.received_at).order_by(Case.id)
                    )
                    if c.code not in codes
                ]
                lost_codes = {c.code for c in cases}
                others = tuple(
                    LostLetter(format_letter_number(lt.number, lt.symbol), lt.kind, code, lt.year)
                    for lt, code in missing
                    if code not in lost_codes
                )
        finally:
            engine.dispose()
        return Lost(kept, tuple(cases), others)

    def bring_back(self, kept: Path, actor: Actor) -> BroughtBack:
        """Carry what the kept copy holds beyond the register back into it: each missing case
        with its submitter, history, attachments and letters (same code, same numbers), and
        each missing letter of a case the register has. Every case's history is mirrored in
        the audit chain and the carrying is recorded there. Numbers cannot clash: the
        counters never went back below them."""
        actor = self._guard.require(actor, Permission.BACKUPS)
        lost = self.lost_since(kept, actor)
        if not lost.cases and not lost.letters:
            return BroughtBack((), ())
        engine = backup.open_copy(kept)
        try:
            with Session(engine) as k, self._db.write() as s:
                carry = _Carrier(k, s)
                for item in lost.cases:
                    case_id = carry.case(item.code)
                    self._audit.record(
                        s,
                        actor,
                        "backup.bring_back",
                        item.code,
                        f"Đưa trở lại hồ sơ {item.code} từ bản giữ lại {kept.name} sau khi "
                        "khôi phục.",
                        after={"code": item.code, "letters": list(item.letters)},
                        case_id=case_id,
                    )
                for letter in lost.letters:
                    carry.letter(letter)
                    self._audit.record(
                        s,
                        actor,
                        "backup.bring_back",
                        letter.number,
                        f"Đưa trở lại văn bản số {letter.number} (hồ sơ {letter.case_code}) từ "
                        f"bản giữ lại {kept.name} sau khi khôi phục.",
                        after={"number": letter.number, "case": letter.case_code},
                    )
        finally:
            engine.dispose()
        return BroughtBack(
            tuple(c.code for c in lost.cases), tuple(letter.number for letter in lost.letters)
        )

    # --- choosing a backup ----------------------------------------------------------------
    def backups_in(self, folder: Path, actor: Actor) -> list[BackupChoice]:
        """The copies in a backup folder, newest first, each with its office, time, case
        count and newest code, and whether it is a copy of this database."""
        self._guard.require(actor, Permission.BACKUPS)
        mine = backup.database_identity(self._db) if self.available else ""
        return [
            BackupChoice(x, bool(x.database_id) and x.database_id == mine)
            for x in backup.summarize_folder(folder)
        ]

    def restore(self, path: Path, actor: Actor) -> Path:
        """As ``restore_details``; returns where the previous content is now: the verified
        copy, or the damaged file moved aside."""
        done = self.restore_details(path, actor)
        return done.kept or done.damaged or self._db.file or path

    def _record(self, actor: Actor, kind: str, target: str, summary: str) -> None:
        try:
            with self._db.write() as s:
                self._audit.record(s, actor, kind, target[-100:], summary)
        except SQLAlchemyError:
            # A copy older than the audit chain has no table for it until it is migrated.
            log.warning("Could not record %s in the audit chain", kind)
