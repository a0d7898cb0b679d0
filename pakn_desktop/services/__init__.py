"""Use cases: the one place where workflow rules meet the store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from pakn_desktop.store.db import Database, open_database

from .accounts import AccountService, Guard
from .audit import AuditService
from .backups import BackupService, db_sidecars, owner_only, private_sqlite_file
from .calendar import CalendarService
from .cases import CaseService
from .letters import LetterService
from .national_entry import NationalEntryService
from .office import OfficeService
from .personal_data import PersonalDataService
from .portal import PortalImportService
from .publish import PublishService


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
    portal: PortalImportService = field(init=False)
    national: NationalEntryService = field(init=False)
    publish: PublishService = field(init=False)
    personal_data: PersonalDataService = field(init=False)
    guard: Guard = field(init=False)
    audit: AuditService = field(init=False)
    accounts: AccountService = field(init=False)

    def __post_init__(self) -> None:
        self.guard = Guard(self.db, self.now)
        self.audit = AuditService(self.db, self.now, self.guard)
        self.accounts = AccountService(self.db, self.guard, self.audit, self.now)
        self.calendar = CalendarService(self.db, self.now, self.guard, self.audit)
        self.cases = CaseService(self.db, self.calendar, self.now, self.guard)
        self.office = OfficeService(self.db, self.guard, self.audit, self.accounts, self.now)
        self.backups = BackupService(self.db, self.guard, self.audit, self.now)
        self.personal_data = PersonalDataService(self.db, self.now, self.guard, self.audit)
        self.letters = LetterService(self.db, self.cases, self.office, self.calendar, self.now)
        self.portal = PortalImportService(self.db, self.cases, self.now, self.guard)
        self.national = NationalEntryService(self.db, self.cases, self.now, self.guard)
        self.publish = PublishService(self.db, self.office, self.now, self.guard)

    @classmethod
    def open(cls, url: str | None = None, now: Callable[[], datetime] = datetime.now) -> Services:
        private_sqlite_file(url)
        db = open_database(url)
        for path in (db.file, *db_sidecars(db)):
            owner_only(path)
        services = cls(db, now)
        services.office.ensure_defaults()
        services.audit.start()
        services.calendar.sync_work_days()
        return services

    def close(self) -> None:
        self.db.dispose()
