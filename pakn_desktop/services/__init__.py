"""Use cases: the one place where workflow rules meet the store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from pakn_desktop.store.db import Database, open_database

from .backups import BackupService
from .calendar import CalendarService
from .cases import CaseService
from .letters import LetterService
from .office import OfficeService


@dataclass
class Services:
    """Everything the window and the CLI call, built on one open database."""

    db: Database
    now: Callable[[], datetime] = datetime.now
    calendar: CalendarService = field(init=False)
    cases: CaseService = field(init=False)
    office: OfficeService = field(init=False)
    letters: LetterService = field(init=False)
    backups: BackupService = field(init=False)

    def __post_init__(self) -> None:
        self.calendar = CalendarService(self.db, self.now)
        self.cases = CaseService(self.db, self.calendar, self.now)
        self.office = OfficeService(self.db)
        self.backups = BackupService(self.db)
        self.letters = LetterService(self.db, self.cases, self.office, self.calendar, self.now)

    @classmethod
    def open(
        cls,
        url: str | None = None,
        now: Callable[[], datetime] = datetime.now,
        *,
        create: bool = True,
    ) -> Services:
        """Open (``create``: a missing SQLite file may be made), migrate and seed. Migration
        and first-time seeding form one critical section that every desk respects, so desks
        starting together on a fresh database all open."""
        db = open_database(url, migrate=False, create=create)
        try:
            with db.startup_lock():
                db.migrate()
                services = cls(db, now)
                services.office.ensure_defaults()
                services.calendar.sync_work_days()
        except BaseException:
            db.dispose()
            raise
        return services

    def close(self) -> None:
        self.db.dispose()
