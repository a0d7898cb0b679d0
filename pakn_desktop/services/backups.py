"""Backups for the window and the CLI: the daily copy, a manual copy, a verified restore."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pakn_desktop.store import backup
from pakn_desktop.store.db import Database


class BackupService:
    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def available(self) -> bool:
        """File backups apply to SQLite; PostgreSQL offices use pg_dump (README)."""
        return self._db.file is not None

    def daily(self, folder: Path, today: date) -> Path | None:
        return backup.daily_backup(self._db, folder, today)

    def now(self, folder: Path) -> Path:
        return backup.backup_now(self._db, folder)

    def verify(self, path: Path) -> backup.Verified:
        return backup.verify(path, self._db.head_revision())

    def restore_details(self, path: Path) -> backup.Restored:
        """Restore a verified backup into the live database (other desks keep working and see
        it); PostgreSQL refuses with a message naming pg_restore."""
        return backup.restore(self._db, path)

    def restore(self, path: Path) -> Path:
        """As ``restore_details``; returns where the previous content is now: the verified
        copy, or the damaged file moved aside."""
        done = backup.restore(self._db, path)
        return done.kept or done.damaged or self._db.file or path
