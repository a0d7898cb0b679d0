"""The case editor's reads, in the order it shows them (issue 24: no stall of the window).

``head(code, actor)`` is what shows first: the case's fields, its state and colour, the facts
under the actions, the deadlines' table and what the actions need (allowed actions, assigned
official, version), in one short read: no history, no attachments (nor their contents, which
``CaseService.get`` reads whole), and the days off under each deadline not explained yet
(the explanations need the holiday names, a slow first load). ``rest(code, actor)`` is the
whole case (``CaseService.get``) with the days off explained: the editor calls it off the GUI
thread and fills its tabs and the suggested letter from it.

The head is built from the same domain rules as ``CaseService.get`` (``domain.deadlines`` for
the status and its date, ``workflow.allowed_actions``); a test checks that both agree field
for field, so the two reads cannot drift."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from pakn_desktop.domain import deadlines as dl
from pakn_desktop.domain.calendar import WorkingCalendar
from pakn_desktop.domain.codes import normalize_case_code
from pakn_desktop.domain.enums import CaseState, Outcome
from pakn_desktop.domain.errors import InvalidCode, NotFound
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.domain.validation import entry_code
from pakn_desktop.domain.workflow import allowed_actions
from pakn_desktop.store.models import Case, CaseEvent, Unit, User

from .views import Actor, CaseDetail, DeadlineView

if TYPE_CHECKING:
    from . import Services


class EditorReads:
    """Reads for one editor window; ``services`` is the app's (its guard checks each call)."""

    def __init__(self, services: Services) -> None:
        self._services = services

    def head(self, code: str, actor: Actor) -> CaseDetail:
        """The case without its history and attachments (``complete`` is False), but with
        its history's actions (``event_actions``: what the suggested letter depends on): one
        session, four look-ups by primary key or index."""
        services = self._services
        with services.db.read() as s:
            services.guard.require(actor, Permission.VIEW_CASES, session=s)
            cal = services.calendar.calendar(s.connection())
            today = services.case_reads.today()
            case = _load(s, code)
            unit = s.get(Unit, case.unit_id) if case.unit_id else None
            official = s.get(User, case.official_id) if case.official_id else None
            state = CaseState(case.state)
            clock = dl.CaseClock(state, case.clock_start, case.result_on, case.last_progress_on)
            nd = dl.next_deadline(cal, clock, today)
            sd = dl.status_deadline(cal, clock)
            sub = case.submitter
            return CaseDetail(
                id=case.id,
                code=case.code,
                portal_code=case.portal_code,
                channel=case.channel,
                submitter_kind=case.submitter_kind,
                submitter_name=sub.name,
                address=sub.address,
                province_code=str(case.province_code or ""),
                commune_code=str(case.commune_code or ""),
                phone=sub.phone,
                email=sub.email,
                title=case.title,
                content=case.content,
                private_note=case.private_note,
                topic=case.topic,
                unit_id=case.unit_id,
                unit_name=unit.name if unit else "",
                official_id=case.official_id,
                official_name=official.full_name if official else "",
                state=state,
                outcome=case.outcome,
                scope=case.scope,
                received_at=case.received_at,
                clock_start=case.clock_start,
                due_on=case.due_on,
                status=dl.deadline_status(cal, clock, today),
                next_deadline=nd,
                days_left=dl.working_days_left(cal, today, nd.due) if nd else None,
                status_due=sd.due if sd else None,
                status_days_left=dl.working_days_left(cal, today, sd.due) if sd else None,
                late_days=None
                if state.is_open
                else dl.handled_late_days(
                    cal, case.clock_start, case.outcome, case.classified_on, case.answered_on
                ),
                result_on=case.result_on,
                last_progress_on=case.last_progress_on,
                answered_on=case.answered_on,
                closed_on=case.closed_on,
                rejection_reason=case.rejection_reason,
                missing_info=case.missing_info,
                transfer_agency=case.transfer_agency,
                result_text=case.result_text,
                answer_text=case.answer_text,
                reopen_count=case.reopen_count,
                version=case.version,
                allowed=allowed_actions(state),
                deadlines=deadline_views(cal, case, state, nd, today),
                transfer_reason=case.transfer_reason,
                salutation=case.salutation,
                complete=False,
                event_actions=tuple(
                    (int(i), str(a))
                    for i, a in s.execute(
                        select(CaseEvent.id, CaseEvent.action)
                        .where(CaseEvent.case_id == case.id)
                        .order_by(CaseEvent.id)
                    )
                ),
            )

    def rest(self, code: str, actor: Actor) -> CaseDetail:
        """The whole case, its days off explained already (for a worker: the explanations
        load the holiday names, which may take a second the first time)."""
        detail = self._services.case_reads.get(code, actor)
        for deadline in detail.deadlines:
            len(deadline.skipped)  # worked out here, once, not when the window shows them
        return replace(detail, complete=True)


def deadline_views(
    cal: WorkingCalendar,
    case: Case,
    state: CaseState,
    nd: dl.StageDeadline | None,
    today: date,
) -> list[DeadlineView]:
    """The deadlines' table of a case, as ``CaseService.get`` gives it (the same rules: a test
    compares the two); the days off under each are explained when first read."""
    met = {
        dl.Stage.REJECTION: case.classified_on if case.outcome == Outcome.REJECTED.value else None,
        dl.Stage.CLASSIFICATION: case.classified_on,
        dl.Stage.ANSWER: case.result_on,
    }
    views: list[DeadlineView] = []
    for st in dl.stage_deadlines(cal, case.clock_start):
        # The 2-day rejection stage matters only until the case is classified.
        if st.stage is dl.Stage.REJECTION and not (
            state is CaseState.RECEIVED or case.outcome == Outcome.REJECTED.value
        ):
            continue
        met_on = met.get(st.stage)
        views.append(
            DeadlineView(
                st.stage.value,
                st.stage.label,
                st.due,
                dl.working_days_left(cal, today, st.due),
                met_on,
                cal.skipped_days_later(st.start, st.due),
                max(0, -dl.working_days_left(cal, met_on, st.due)) if met_on else 0,
            )
        )
    if nd is not None and nd.stage in (dl.Stage.PROGRESS, dl.Stage.RECORD_ANSWER):
        views.append(
            DeadlineView(
                nd.stage.value,
                nd.stage.label,
                nd.due,
                dl.working_days_left(cal, today, nd.due),
                None,
                cal.skipped_days_later(nd.start, nd.due),
            )
        )
    return views


def _load(s: Session, code: str) -> Case:
    """The case by its code (or the portal's), as ``CaseService.get`` finds it; not found
    said in Vietnamese."""
    text = entry_code(code)
    try:
        norm: str | None = normalize_case_code(text)
    except InvalidCode:
        norm = None
    case = s.scalar(select(Case).where(Case.code == norm)) if norm is not None else None
    if case is None and text.strip():
        case = s.scalar(select(Case).where(Case.portal_code == text.strip()).limit(1))
    if case is None:
        raise NotFound(f"Không tìm thấy PAKN có mã «{text.strip()[:40]}».")
    return case
