"""Statistics and exports for the window and the CLI, guarded (issue 10).

The engines stay in ``pakn_desktop.reports`` (figures in SQL, spreadsheets, PDFs); this
service is the one door to them: it checks who asks, and writes every export file
atomically and readable by its owner only.

Who may do what (README, "Vai trò và quyền"):

- period statistics and every export (periodic report, intake register, overdue list, the
  outgoing register as a spreadsheet) need ``Permission.STATISTICS`` (heads); the outgoing
  register may also be exported by whoever may read it (``LetterService.register_entries``);
- today's work of the whole office needs ``Permission.STATISTICS``; a handling official
  (``Role.OFFICIAL``) without it gets their own list only, and may not ask for anyone
  else's.

An export is written to a temporary file in the target's folder, created with mode 0600,
flushed to disk (fsync) and then moved over the target (``os.replace``): a reader never sees
half a file, a failure or a cancel leaves any earlier file of that name as it was, and the
file holds citizens' personal data so nobody else on the computer can read it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pakn_desktop.domain.enums import DeadlineStatus, Role
from pakn_desktop.domain.errors import PaknError, PermissionDenied
from pakn_desktop.domain.permissions import Permission, parse_roles, refusal
from pakn_desktop.domain.queue import CaseFilter, SortKey
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.reports.stats import (
    Cancelled,
    PeriodStats,
    StatRow,
    UnitHandled,
    month_label,
    quarter,
    vn_int,
    vn_percent,
)
from pakn_desktop.reports.today import WorkItem
from pakn_desktop.store.queries import count_rows

from .accounts import Guard
from .audit import footer_line
from .files import write_private
from .views import Actor, CaseRow

if TYPE_CHECKING:
    from pakn_desktop.reports.pdf import ReportFrame

    from . import Services

T = TypeVar("T")
EXPORT_SUFFIXES = (".xlsx", ".pdf")

__all__ = [
    "Cancelled",
    "PeriodStats",
    "StatRow",
    "StatisticsService",
    "UnitHandled",
    "WorkItem",
    "month_label",
    "quarter",
    "vn_int",
    "vn_percent",
    "write_private",
]


class StatisticsService:
    def __init__(self, services: Services, guard: Guard, now: Callable[[], datetime]) -> None:
        self._services = services
        self._guard = guard
        self._now = now

    # --- who may -------------------------------------------------------------------------
    def may_see_statistics(self, actor: Actor) -> bool:
        """For the window: whether to offer the dashboard and the exports."""
        return self._guard.scope(actor, Permission.STATISTICS) is not None

    def _require(self, actor: Actor) -> Actor:
        return self._guard.require(actor, Permission.STATISTICS)

    def _record_export(self, actor: Actor, kind: str, path: Path, what: str, count: int) -> None:
        """Each export run in the audit chain: who, which file, how many."""
        services = self._services
        with services.db.write() as s:
            services.audit.record(
                s,
                self._guard.require(actor),
                "export." + kind,
                Path(path).name[-100:],
                f"Xuất {what} ra tệp «{Path(path).name}» ({count} dòng).",
                after={"file": Path(path).name, "rows": count},
            )

    # --- figures ---------------------------------------------------------------------------
    def period(
        self,
        actor: Actor,
        start: date,
        end: date,
        cancelled: Callable[[], bool] | None = None,
    ) -> PeriodStats:
        """Every figure of the dashboard for a period (``cancelled()`` is asked between the
        steps; ``Cancelled`` raised when it says so)."""
        self._require(actor)
        _check_period(start, end)
        return self.figures(start, end, cancelled)

    def figures(
        self,
        start: date,
        end: date,
        cancelled: Callable[[], bool] | None = None,
        *,
        fast: bool = True,
    ) -> PeriodStats:
        """The figures of a period with, for a period that includes today, today's panels
        (open cases by deadline status, overdue ones by official). Unchecked: for the
        guarded calls above and below, the demo, the bench and the tests."""
        from pakn_desktop.reports.stats import (
            OPEN_STATUSES,
            add_today,
            open_status_filter,
            overdue_by_official,
            period_stats,
        )

        services = self._services
        st = period_stats(services.db, start, end, cancelled, fast=fast)
        bounds = services.case_reads.bounds()
        if st.start <= bounds.today <= st.end:
            if cancelled is not None and cancelled():
                raise Cancelled()
            with services.db.read() as s:
                overdue = overdue_by_official(s, bounds.today)
            with services.db.quick_read() as conn:
                counts = {
                    status: count_rows(conn, open_status_filter(status), bounds, None)
                    for status in OPEN_STATUSES
                }
            add_today(st, bounds.today, overdue, counts)
        return st

    def frame(self) -> ReportFrame:
        """What a report's pages carry besides its figures: the office, the audit head for
        the footer, today's date in Vietnam."""
        from pakn_desktop.reports.pdf import ReportFrame

        services = self._services
        return ReportFrame(
            services.office.details(), footer_line(services.audit.head()), services.now().date()
        )

    def today(self, actor: Actor, official_id: int | None = None) -> list[WorkItem]:
        """What needs action today and in the next two working days: the whole office (or
        one official) for those with the statistics permission, the official's own list for
        a handling official."""
        verified = self._guard.require(actor)
        if self.may_see_statistics(verified):
            return self._todays_work(verified, official_id)
        if Role.OFFICIAL in parse_roles(verified.roles):
            if official_id is not None and official_id != verified.id:
                raise PermissionDenied("Bạn chỉ được xem danh sách việc cần làm của chính mình.")
            return self._todays_work(verified, verified.id)
        raise PermissionDenied(refusal(Permission.STATISTICS))

    def _todays_work(self, actor: Actor, official_id: int | None) -> list[WorkItem]:
        from pakn_desktop.reports.today import LIMIT, todays_filter, todays_work

        cases = self._services.case_reads
        rows = cases.queue(todays_filter(official_id), actor, sort=SortKey.DEADLINE, limit=LIMIT)
        return todays_work(rows, cases.bounds().due_soon_until)

    # --- exports ---------------------------------------------------------------------------
    def write_report(
        self,
        actor: Actor,
        start: date,
        end: date,
        path: Path,
        cancelled: Callable[[], bool] | None = None,
    ) -> PeriodStats:
        """The periodic report (.xlsx or .pdf, by the file's suffix); returns its figures."""
        from pakn_desktop.reports.excel import write_period_report
        from pakn_desktop.reports.pdf import period_report_pdf

        self._require(actor)
        suffix = _suffix(path)
        _check_period(start, end)
        stats = self.figures(start, end, cancelled)
        frame = self.frame()
        if suffix == ".xlsx":
            office = frame.office.agency_short
            write_private(path, lambda tmp: write_period_report(stats, office, tmp, frame.footer))
        else:
            write_private(path, lambda tmp: period_report_pdf(frame, stats, tmp))
        self._record_export(actor, "report", path, "báo cáo định kỳ", stats.received)
        return stats

    def write_register(
        self,
        actor: Actor,
        start: date,
        end: date,
        path: Path,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """The intake register of a period (.xlsx or .pdf); returns the number of cases."""
        from pakn_desktop.reports import excel, pdf

        self._require(actor)
        suffix = _suffix(path)
        _check_period(start, end)
        db, frame = self._services.db, self.frame()
        if suffix == ".xlsx":
            count = write_private(
                path,
                lambda tmp: excel.write_register(
                    db,
                    start,
                    end,
                    tmp,
                    cancelled,
                    office=frame.office.agency_short,
                    footer=frame.footer,
                ),
            )
        else:
            count = write_private(
                path, lambda tmp: pdf.register_pdf(db, frame, start, end, tmp, cancelled)
            )
        self._record_export(actor, "register", path, "sổ tiếp nhận", count)
        return count

    def write_overdue(
        self, actor: Actor, path: Path, cancelled: Callable[[], bool] | None = None
    ) -> int:
        """The list of overdue cases (PDF) for a meeting; returns how many."""
        from pakn_desktop.reports.pdf import overdue_list_pdf

        self._require(actor)
        if _suffix(path) != ".pdf":
            raise PaknError("Danh sách quá hạn được xuất ra tệp PDF (.pdf).")
        if cancelled is not None and cancelled():
            raise Cancelled()
        overdue = self._overdue_rows(actor)
        frame = self.frame()
        count = write_private(path, lambda tmp: overdue_list_pdf(frame, overdue, tmp))
        self._record_export(actor, "overdue", path, "danh sách quá hạn", count)
        return count

    def _overdue_rows(self, actor: Actor) -> list[CaseRow]:
        """Every overdue case in deadline order, read a page at a time."""
        f = CaseFilter(statuses=frozenset({DeadlineStatus.OVERDUE}))
        rows: list[CaseRow] = []
        while page := self._services.case_reads.queue(
            f, actor, sort=SortKey.DEADLINE, offset=len(rows), limit=500
        ):
            rows.extend(page)
        return rows

    def write_letter_register(
        self,
        actor: Actor,
        path: Path,
        year: int | None = None,
        kind: LetterKind | None = None,
    ) -> int:
        """The outgoing register (sổ đăng ký văn bản đi) as a spreadsheet, with the letters the
        actor may read (``LetterService.register_entries``); returns how many."""
        from pakn_desktop.reports.letter_register import write_register

        if path.suffix.lower() != ".xlsx":
            raise PaknError("Sổ đăng ký văn bản đi được xuất ra tệp Excel (.xlsx).")
        entries = self._services.letters.register_entries(actor, year=year, kind=kind)
        title = "SỔ ĐĂNG KÝ VĂN BẢN ĐI" + (f" NĂM {year}" if year else "")
        office = self._services.office.details().agency_short
        footer = footer_line(self._services.audit.head())
        write_private(path, lambda tmp: write_register(entries, tmp, title, office, footer))
        self._record_export(actor, "letter_register", path, "sổ văn bản đi", len(entries))
        return len(entries)


def _suffix(path: Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise PaknError("Tệp kết quả phải có đuôi .xlsx hoặc .pdf.")
    return suffix


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise PaknError("Ngày kết thúc phải sau ngày bắt đầu của kỳ thống kê.")
