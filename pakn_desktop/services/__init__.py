"""Use cases: the one place where workflow rules meet the store."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from pakn_desktop.store.db import Database, open_database

from .backups import BackupService
from .calendar import CalendarService
from .cases import CaseService
from .letters import LetterService
from .office import OfficeService


@dataclass(frozen=True)
class StartupReport:
    checked_s: float  # the whole-file check
    total_s: float  # with the statistics refresh and the calendar sync
    synced: bool  # the SQL copy of the calendar was rewritten


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
        defer_checks: bool = False,
    ) -> Services:
        """Open, check and migrate the database. With ``defer_checks`` (the window) nothing
        that grows with the database runs now: ``after_start`` runs the whole-file check,
        the statistics refresh and the calendar sync later, and writes wait for the check."""
        db = open_database(url, check=not defer_checks)
        services = cls(db, now)
        services.office.ensure_defaults()
        if defer_checks:
            if db.file is not None and db.file.stat().st_size > 0:
                db.hold_writes()
        else:
            services.calendar.sync_work_days()
        return services

    def after_start(self) -> StartupReport:
        """The start-up work deferred by ``open(defer_checks=True)``, for a background
        thread: the whole-file check (a damaged file keeps refusing every write, with the
        restore guidance, and raises it here), then the query planner's statistics and the
        calendar sync. Returns what was done, for the status bar."""
        from pakn_desktop.store.backup import check_database

        t0 = time.perf_counter()
        try:
            check_database(self.db)
        except Exception as exc:
            self.db.release_writes(exc)
            raise
        self.db.release_writes()
        checked = time.perf_counter() - t0
        self.db.optimize()
        synced = self.calendar.sync_work_days()
        return StartupReport(checked_s=checked, total_s=time.perf_counter() - t0, synced=synced)

    def close(self) -> None:
        self.db.dispose()
