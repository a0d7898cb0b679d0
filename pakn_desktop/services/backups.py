"""Backups for the window and the CLI: the daily copy, a manual copy, a verified restore.

Manual copies, checks and restores are the administrator's, and each is recorded in the
audit chain. Backup files are readable by their owner only (0600 on Linux and macOS, the
file's ACL on Windows)."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from pakn_desktop import __version__
from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.paths import long_path, on_windows, windows_owner_only
from pakn_desktop.store import backup
from pakn_desktop.store.db import Database

from .accounts import Guard
from .audit import AuditService, stamp_backup
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

    def restore_details(self, path: Path, actor: Actor) -> backup.Restored:
        """Restore a verified backup into the live database (other desks keep working and see
        it); PostgreSQL refuses with a message naming pg_restore."""
        actor = self._guard.require(actor, Permission.BACKUPS)
        done = backup.restore(self._db, path)
        owner_only(self._db.file)
        kept = done.kept or done.damaged
        owner_only(kept)
        # Recorded in the restored register: its chain goes on from the copy's last record.
        self._record(
            actor,
            "backup.restore",
            str(path),
            f"Khôi phục dữ liệu từ {path}; dữ liệu cũ giữ tại {kept}.",
        )
        return done

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
