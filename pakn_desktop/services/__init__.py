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

    def __post_init__(self) -> None:
        self.calendar = CalendarService(self.db, self.now)
        self.cases = CaseService(self.db, self.calendar, self.now)
        self.office = OfficeService(self.db)
        self.backups = BackupService(self.db)
        self.personal_data = PersonalDataService(self.db, self.now)
        self.letters = LetterService(self.db, self.cases, self.office, self.calendar, self.now)
        self.portal = PortalImportService(self.db, self.cases, self.now)
        self.national = NationalEntryService(self.db, self.cases, self.now)
        self.publish = PublishService(self.db, self.office, self.now)

    @classmethod
    def open(cls, url: str | None = None, now: Callable[[], datetime] = datetime.now) -> Services:
        db = open_database(url)
        services = cls(db, now)
        services.office.ensure_defaults()
        services.calendar.sync_work_days()
        return services

    def close(self) -> None:
        self.db.dispose()
