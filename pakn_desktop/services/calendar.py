"""The office's working-day calendar: the national one plus the office's own adjustments.

Adjustments live in the database; adding or removing one rebuilds the calendar and moves the
stored deadlines of every open case at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, insert, select, update

from pakn_desktop.domain.calendar import WorkingCalendar
from pakn_desktop.domain.deadlines import CaseClock, status_deadline
from pakn_desktop.domain.enums import OPEN_STATES, CaseState
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.store import summary
from pakn_desktop.store.db import Database
from pakn_desktop.store.models import CalendarAdjustment, Case, WorkDay

from .views import Actor


@dataclass(frozen=True)
class AdjustmentView:
    day: date
    working: bool
    reason: str
    entered_by: str
    entered_at: datetime


class CalendarService:
    def __init__(self, db: Database, now: Callable[[], datetime] = datetime.now) -> None:
        self._db = db
        self._now = now
        self._calendar: WorkingCalendar | None = None
        self._signature: tuple[int, int] | None = None

    def calendar(self) -> WorkingCalendar:
        """The current calendar, rebuilt when another desk changed the adjustments."""
        with self._db.read() as s:
            sig = s.execute(
                select(
                    func.count(CalendarAdjustment.id),
                    func.coalesce(func.max(CalendarAdjustment.id), 0),
                )
            ).one()
            signature = (int(sig[0]), int(sig[1]))
            if self._calendar is None or signature != self._signature:
                rows = s.scalars(select(CalendarAdjustment)).all()
                self._calendar = WorkingCalendar(
                    extra_days_off=[(r.day, r.reason) for r in rows if not r.working],
                    extra_working_days=[(r.day, r.reason) for r in rows if r.working],
                )
                self._signature = signature
        return self._calendar

    def adjustments(self) -> list[AdjustmentView]:
        with self._db.read() as s:
            rows = s.scalars(select(CalendarAdjustment).order_by(CalendarAdjustment.day)).all()
            return [
                AdjustmentView(r.day, r.working, r.reason, r.entered_by, r.entered_at) for r in rows
            ]

    def add_day_off(self, day: date, reason: str, actor: Actor) -> int:
        return self._add(day, False, reason, actor)

    def add_working_day(self, day: date, reason: str, actor: Actor) -> int:
        return self._add(day, True, reason, actor)

    def remove(self, day: date, actor: Actor) -> int:
        with self._db.write() as s:
            row = s.scalar(select(CalendarAdjustment).where(CalendarAdjustment.day == day))
            if row is None:
                raise PaknError(f"Ngày {day:%d/%m/%Y} không có điều chỉnh nào của cơ quan.")
            s.delete(row)
        return self.recompute_deadlines()

    def _add(self, day: date, working: bool, reason: str, actor: Actor) -> int:
        reason = (reason or "").strip()
        if not reason:
            raise PaknError("Vui lòng nhập lý do điều chỉnh lịch làm việc.")
        if len(reason) > 300:
            raise PaknError("Lý do điều chỉnh không được dài quá 300 ký tự.")
        with self._db.write() as s:
            row = s.scalar(select(CalendarAdjustment).where(CalendarAdjustment.day == day))
            if row is None:
                row = CalendarAdjustment(day=day)
                s.add(row)
            row.working = working
            row.reason = reason
            row.entered_by = actor.name
            row.entered_at = self._now()
        # A replaced adjustment keeps the same row count and id: drop the cache explicitly.
        self._calendar = None
        return self.recompute_deadlines()

    def sync_work_days(self, force: bool = False) -> bool:
        """Keep the SQL copy of the calendar (table work_days) equal to the current one;
        returns True when it was rewritten."""
        from pakn_desktop.domain.calendar import DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR

        rows = self.calendar().table(
            date(DEFAULT_FIRST_YEAR, 1, 1), date(DEFAULT_LAST_YEAR, 12, 31)
        )
        signature = (len(rows), sum(seq for _, _, seq in rows))
        with self._db.write() as s:
            have = s.execute(
                select(func.count(WorkDay.day), func.coalesce(func.sum(WorkDay.seq), 0))
            ).one()
            if not force and (int(have[0]), int(have[1])) == signature:
                return False
            moved = summary.calendar_before(s, rows)
            s.execute(delete(WorkDay))
            s.execute(
                insert(WorkDay),
                [{"day": d, "working": w, "seq": q} for d, w, q in rows],
            )
            summary.calendar_after(s, moved)
        return True

    def recompute_deadlines(self) -> int:
        """Store each open case's deadline again under the current calendar; returns how many
        moved."""
        self._calendar = None
        cal = self.calendar()
        self.sync_work_days()
        active = [CaseState.RECEIVED, CaseState.IN_PROGRESS, CaseState.RESULT_RECORDED]
        moved = 0
        with self._db.write() as s:
            rows = s.execute(
                select(Case.id, Case.state, Case.clock_start, Case.result_on, Case.due_on).where(
                    Case.state.in_([a.value for a in active])
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
        assert all(s in OPEN_STATES for s in active)
        return moved
