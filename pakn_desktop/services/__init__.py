"""Use cases: the one place where workflow rules meet the store."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from pakn_desktop.domain.clock import vn_now
from pakn_desktop.store.db import Database, open_database, refuse_network_url

from .accounts import AccountService, Guard
from .audit import AuditService
from .backups import BackupService, db_sidecars, owner_only, private_sqlite_file
from .calendar import CalendarService
from .case_reads import CaseReads
from .cases import CaseService
from .letters import LetterService
from .national_entry import NationalEntryService
from .office import OfficeService
from .personal_data import PersonalDataService
from .portal import PortalImportService
from .publish import PublishService
from .routing import RoutingService
from .statistics import StatisticsService


@dataclass(frozen=True)
class StartupReport:
    checked_s: float  # the whole-file check
    total_s: float  # with the statistics refresh and the calendar sync
    synced: bool  # the SQL copy of the calendar was rewritten


@dataclass
class Services:
    """Everything the window and the CLI call, built on one open database."""

    db: Database
    now: Callable[[], datetime] = vn_now
    calendar: CalendarService = field(init=False)
    case_reads: CaseReads = field(init=False)  # every read of cases
    cases: CaseService = field(init=False)  # what changes cases
    office: OfficeService = field(init=False)
    letters: LetterService = field(init=False)
    backups: BackupService = field(init=False)
    portal: PortalImportService = field(init=False)
    national: NationalEntryService = field(init=False)
    publish: PublishService = field(init=False)
    personal_data: PersonalDataService = field(init=False)
    guard: Guard = field(init=False)
    audit: AuditService = field(init=False)
    accounts: AccountService = field(init=False)
    statistics: StatisticsService = field(init=False)
    routing: RoutingService = field(init=False)

    def __post_init__(self) -> None:
        self.guard = Guard(self.db, self.now)
        self.audit = AuditService(self.db, self.now, self.guard)
        self.accounts = AccountService(self.db, self.guard, self.audit, self.now)
        self.calendar = CalendarService(self.db, self.now, self.guard, self.audit)
        self.case_reads = CaseReads(self.db, self.calendar, self.now, self.guard)
        self.cases = CaseService(self.db, self.calendar, self.now, self.guard, self.case_reads)
        self.office = OfficeService(self.db, self.guard, self.audit, self.accounts, self.now)
        self.backups = BackupService(self.db, self.guard, self.audit, self.now)
        self.personal_data = PersonalDataService(self.db, self.now, self.guard, self.audit)
        self.letters = LetterService(self.db, self.cases, self.office, self.calendar, self.now)
        self.portal = PortalImportService(self.db, self.cases, self.now, self.guard)
        self.national = NationalEntryService(self.db, self.cases, self.now, self.guard)
        self.publish = PublishService(self.db, self.office, self.now, self.guard)
        self.statistics = StatisticsService(self, self.guard, self.now)
        self.routing = RoutingService(self.db, self.guard, self.now, cases=self.cases)

    @classmethod
    def open(
        cls,
        url: str | None = None,
        now: Callable[[], datetime] = vn_now,
        *,
        create: bool = True,
        defer_checks: bool = False,
    ) -> Services:
        """Open (``create``: a missing SQLite file may be made, private to its owner), migrate
        and seed. Migration and first-time seeding form one critical section that every desk
        respects, so desks starting together on a fresh database all open. With
        ``defer_checks`` (the window) nothing that grows with the database runs now:
        ``after_start`` runs the whole-file check, the statistics refresh and the calendar
        sync later, and writes wait for the check."""
        refuse_network_url(url)  # before a file or folder is made on a share
        if create:
            private_sqlite_file(url)
        db = open_database(url, migrate=False, create=create, check=not defer_checks)
        try:
            with db.startup_lock():
                db.migrate()
                for path in (db.file, *db_sidecars(db)):
                    owner_only(path)
                services = cls(db, now)
                services.office.ensure_defaults()
                services.audit.start()
                if not defer_checks:
                    services.calendar.sync_work_days()
            if defer_checks and db.file is not None and db.file.stat().st_size > 0:
                db.hold_writes()
        except BaseException:
            db.dispose()
            raise
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
