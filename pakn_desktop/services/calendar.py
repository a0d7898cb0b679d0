"""The office's working-day calendar: the national one plus the office's own adjustments.

Adjustments live in the database; adding or removing one bumps the calendar's version (a row of
``counters``) in the same transaction, rebuilds the calendar and moves the stored deadlines of
every open case at once. Every desk compares that version before computing deadlines, so a
change made at another desk takes effect everywhere at once."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.orm import Session

from pakn_desktop import __version__
from pakn_desktop.domain.calendar import DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR, WorkingCalendar
from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.deadlines import CLOCK_RUNNING_STATES, CaseClock, status_deadline
from pakn_desktop.domain.enums import CaseState
from pakn_desktop.domain.errors import STALE_CALENDAR, PaknError, StaleEdit
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.domain.validation import calendar_day_problem
from pakn_desktop.store import summary
from pakn_desktop.store.db import (
    CALENDAR_VERSION,
    WORK_DAYS_LOCK_KEY,
    Database,
    advisory_xact_lock,
    next_serial,
)
from pakn_desktop.store.models import AppMeta, CalendarAdjustment, Case, Counter, WorkDay

from .accounts import Guard
from .audit import AuditService
from .views import Actor

# The row of ``app_meta`` naming what the SQL copy of the calendar (work_days) was built from,
# written in the same transaction as the copy, with a digest of the rows: while it names this
# program, this holidays package and the calendar's current version, and the rows still have
# that digest (a program without the note may have rewritten them), the copy is the calendar
# and a desk loads the calendar from it instead of building it from the holidays package.
WORK_DAYS_SOURCE = "work-days-source"

Row = tuple[date, bool, int]
_VERSION_READ = select(Counter.value).where(Counter.name == CALENDAR_VERSION)


def work_days_note(version: int, rows: list[Row]) -> str:
    return f"{work_days_source(version)}; {_digest(rows)}"


def _digest(rows: list[Row]) -> str:
    text = "\n".join(f"{d.isoformat()} {int(w)} {q}" for d, w, q in rows)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def work_days_source(version: int) -> str:
    return (
        f"pakn {__version__}; holidays {_holidays_version()}; calendar {version}; "
        f"{DEFAULT_FIRST_YEAR}-{DEFAULT_LAST_YEAR}"
    )


@functools.cache
def _holidays_version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version("holidays")
    except PackageNotFoundError:  # a build without the package's metadata: never trusted
        return f"? {id(_holidays_version)}"


@dataclass(frozen=True)
class AdjustmentView:
    day: date
    working: bool
    reason: str
    entered_by: str
    entered_at: datetime


class CalendarService:
    def __init__(
        self,
        db: Database,
        now: Callable[[], datetime] = vn_now,
        guard: Guard | None = None,
        audit: AuditService | None = None,
    ) -> None:
        self._db = db
        self._now = now
        self._guard = guard or Guard(db)
        self._audit = audit or AuditService(db, now, self._guard)
        self._calendar: WorkingCalendar | None = None
        self._version: int | None = None
        # Whether the calendar in hand was read from the SQL copy (for tests and the bench).
        self.loaded_from_table = False

    def calendar(self, conn: Connection | None = None) -> WorkingCalendar:
        """The current calendar, rebuilt when its version moved (a change at any desk). With
        ``conn`` (a caller's open connection) the version is read there, no session of its
        own: the queue's quick reads check it beside their query."""
        if conn is not None and self._calendar is not None:
            value = conn.execute(_VERSION_READ).scalar()
            if int(value or 0) == self._version:
                return self._calendar
        with self._db.read() as s:
            return self._load(s)

    def calendar_at(self, s: Session, version: int) -> WorkingCalendar:
        """The calendar of ``version``, a version the caller read in ``s`` (its statement read
        other things too): the one kept when it is that version, else loaded in ``s``."""
        if self._calendar is not None and version == self._version:
            return self._calendar
        return self._load(s)

    def version(self) -> int:
        """The calendar's version: raised by every change of the office's adjustments."""
        with self._db.read() as s:
            return self._read_version(s)

    @staticmethod
    def _read_version(s: Session) -> int:
        value = s.scalar(select(Counter.value).where(Counter.name == CALENDAR_VERSION))
        return int(value or 0)

    def _load(self, s: Session) -> WorkingCalendar:
        version = self._read_version(s)
        if self._calendar is None or version != self._version:
            rows = s.scalars(select(CalendarAdjustment)).all()
            days_off = [(r.day, r.reason) for r in rows if not r.working]
            working = [(r.day, r.reason) for r in rows if r.working]
            table = self._noted_table(s, version)
            if table is not None:
                self._calendar = WorkingCalendar.from_table(table, days_off, working)
                self.loaded_from_table = True
            else:
                self._calendar = WorkingCalendar(days_off, working)
                self.loaded_from_table = False
            self._version = version
        return self._calendar

    @staticmethod
    def _stored_source(s: Session) -> str | None:
        return s.scalar(select(AppMeta.value).where(AppMeta.key == WORK_DAYS_SOURCE))

    @staticmethod
    def _table(s: Session) -> list[Row]:
        # Plain rows from the driver in one fetch (SQLite gives the days as text): row by row
        # through the result object this read cost more than building the calendar.
        cursor = s.connection().connection.cursor()
        try:
            cursor.execute("SELECT day, working, seq FROM work_days ORDER BY day")
            table: list[Any] = list(cursor.fetchall())
        finally:
            cursor.close()
        return [(_day(d), bool(w), int(q)) for d, w, q in table]

    def _noted_table(self, s: Session, version: int) -> list[Row] | None:
        """The SQL copy when its note says it is this calendar, else None."""
        stored = self._stored_source(s)
        if stored is None or not stored.startswith(work_days_source(version) + "; "):
            return None
        table = self._table(s)
        return table if stored == work_days_note(version, table) else None

    def adjustments(self) -> list[AdjustmentView]:
        with self._db.read() as s:
            rows = s.scalars(select(CalendarAdjustment).order_by(CalendarAdjustment.day)).all()
            return [
                AdjustmentView(r.day, r.working, r.reason, r.entered_by, r.entered_at) for r in rows
            ]

    def add_day_off(self, day: date, reason: str, actor: Actor, *, expected_version: int) -> int:
        """Add (or replace) the office's day off; ``expected_version`` is the calendar's
        version the person saw (``version()``): a change made meanwhile at another desk is
        refused (StaleEdit), nothing changed."""
        return self._add(day, False, reason, actor, expected_version)

    def add_working_day(
        self, day: date, reason: str, actor: Actor, *, expected_version: int
    ) -> int:
        return self._add(day, True, reason, actor, expected_version)

    def remove(self, day: date, actor: Actor, *, expected_version: int) -> int:
        actor = self._guard.require(actor, Permission.CALENDAR)
        with self._db.write() as s:
            self._bump(s, expected_version)
            row = s.scalar(select(CalendarAdjustment).where(CalendarAdjustment.day == day))
            if row is None:
                raise PaknError(f"Ngày {day:%d/%m/%Y} không có điều chỉnh nào của cơ quan.")
            self._audit.record(
                s,
                actor,
                "calendar.remove",
                f"day:{day.isoformat()}",
                f"Bỏ điều chỉnh lịch ngày {day:%d/%m/%Y}.",
                before=_adjustment(row),
            )
            s.delete(row)
        return self.recompute_deadlines()

    @staticmethod
    def _bump(s: Session, expected_version: int) -> None:
        """Raise the calendar's version, first thing in the write: the counter's row lock
        (PostgreSQL) or the write lock (SQLite) orders two desks, and the second one finds
        a version it did not read."""
        if isinstance(expected_version, bool) or not isinstance(expected_version, int):
            raise PaknError("Thiếu phiên bản lịch làm việc đã đọc: vui lòng tải lại lịch.")
        if next_serial(s, CALENDAR_VERSION) != expected_version + 1:
            raise StaleEdit(STALE_CALENDAR)

    def _add(
        self, day: date, working: bool, reason: str, actor: Actor, expected_version: int
    ) -> int:
        actor = self._guard.require(actor, Permission.CALENDAR)
        if (problem := calendar_day_problem(day)) is not None:
            raise PaknError(problem)
        reason = (reason or "").strip()
        if not reason:
            raise PaknError("Vui lòng nhập lý do điều chỉnh lịch làm việc.")
        if len(reason) > 300:
            raise PaknError("Lý do điều chỉnh không được dài quá 300 ký tự.")
        with self._db.write() as s:
            self._bump(s, expected_version)
            row = s.scalar(select(CalendarAdjustment).where(CalendarAdjustment.day == day))
            before = _adjustment(row) if row is not None else None
            if row is None:
                row = CalendarAdjustment(day=day)
                s.add(row)
            row.working = working
            row.reason = reason
            row.entered_by = actor.name
            row.entered_at = self._now()
            self._audit.record(
                s,
                actor,
                "calendar.working_day" if working else "calendar.day_off",
                f"day:{day.isoformat()}",
                f"Thêm ngày {'làm việc' if working else 'nghỉ'} {day:%d/%m/%Y}: {reason}",
                before=before,
                after=_adjustment(row),
            )
        return self.recompute_deadlines()

    def sync_work_days(self, force: bool = False) -> bool:
        """Keep the SQL copy of the calendar (table work_days) equal to the current one;
        returns True when it was rewritten. A copy noted as built from this program, this
        holidays package and the calendar's current version, whose rows still have the noted
        digest, is left alone without building the calendar."""
        with self._db.write() as s:
            # One rewrite at a time (PostgreSQL; SQLite's write lock already orders them), from
            # the calendar as it is inside this transaction, not as this desk last saw it.
            advisory_xact_lock(s, WORK_DAYS_LOCK_KEY)
            version = self._read_version(s)
            if not force and self._noted_table(s, version) is not None:
                return False
            stored = self._stored_source(s)
            rows = self._load(s).table(
                date(DEFAULT_FIRST_YEAR, 1, 1), date(DEFAULT_LAST_YEAR, 12, 31)
            )
            # Compared row by row: once noted as built from this calendar, desks read the
            # calendar itself from this copy.
            rewrite = force or self._table(s) != rows
            if rewrite:
                moved = summary.calendar_before(s, rows)
                s.execute(delete(WorkDay))
                s.execute(
                    insert(WorkDay),
                    [{"day": d, "working": w, "seq": q} for d, w, q in rows],
                )
                summary.calendar_after(s, moved)
            note = work_days_note(version, rows)
            if stored is None:
                s.add(AppMeta(key=WORK_DAYS_SOURCE, value=note))
            else:
                s.execute(update(AppMeta).where(AppMeta.key == WORK_DAYS_SOURCE).values(value=note))
        return rewrite

    def recompute_deadlines(self) -> int:
        """Store each open case's deadline again under the current calendar; returns how many
        moved."""
        cal = self.calendar()
        self.sync_work_days()
        moved = 0
        with self._db.write() as s:
            rows = s.execute(
                select(Case.id, Case.state, Case.clock_start, Case.result_on, Case.due_on).where(
                    Case.state.in_([a.value for a in CLOCK_RUNNING_STATES])
                )
            ).all()
            changes = []
            for cid, state, start, result_on, due_on in rows:
                sd = status_deadline(cal, CaseClock(CaseState(state), start, result_on))
                new_due = sd.due if sd else None
                if new_due != due_on:
                    changes.append({"cid": cid, "due": new_due})
            for i in range(0, len(changes), 1000):
                for ch in changes[i : i + 1000]:
                    # Plain UPDATE: the recomputation is not an edit of the case, so the
                    # version (used to detect stale edits) is left alone.
                    s.execute(
                        update(Case)
                        .where(Case.id == ch["cid"])
                        .values(due_on=ch["due"])
                        .execution_options(synchronize_session=False)
                    )
            moved = len(changes)
        return moved


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _adjustment(row: CalendarAdjustment) -> dict[str, object]:
    return {"day": row.day, "working": row.working, "reason": row.reason}
