"""The case editor's reads, in the order it shows them (issue 24: no stall of the window).

``head(code, actor)`` is what shows first: the case's fields, its state and colour, the facts
under the actions, the deadlines' table and what the actions need (allowed actions, assigned
official, version), in one short read: no history, no attachments (nor their contents, which
``CaseService.get`` reads whole), and the days off under each deadline not explained yet
(the explanations need the holiday names, a slow first load). ``rest(code, actor)`` is the
whole case (``CaseService.get``) with the days off explained: the editor calls it off the GUI
thread and fills its tabs and the suggested letter from it.

The head and ``CaseService.get`` are built by one builder (``case_reads.case_detail``), which
each hands what it read: the head the history's actions only, ``get`` the history and the
attachments; a test checks that both agree field for field."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from pakn_desktop import background
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.store.models import Case, CaseEvent

from .case_reads import case_detail, load_case
from .views import Actor, CaseDetail

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
            return self._head(s, code)

    def _head(self, s: Session, code: str) -> CaseDetail:
        services = self._services
        case = load_case(s, code)
        return case_detail(
            s,
            case,
            services.calendar.calendar(s.connection()),
            services.case_reads.today(),
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

    def compile_ahead(self) -> None:
        """The head's statements compiled before anyone has logged in (the opening thread,
        behind the log-in window: ``ui.app.warm_up_main_window``): the newest case's head read
        and thrown away, without the guard (nobody sees it). SQLAlchemy compiles each
        statement once per process; on the GUI thread the first case opened paid 20-50 ms for
        it. Nothing is read on an empty database."""
        with self._services.db.read() as s:
            code = s.scalar(select(Case.code).order_by(Case.id.desc()).limit(1))
            if code is not None:
                self._head(s, code)

    def warm_up(self, actor: Actor) -> None:
        """The newest case read once as the editor reads it (head, links, rest) and thrown
        away: the statements' first compilation (SQLAlchemy compiles each once per process,
        10-25 ms in all) and the holidays' names the rest explains the days off with (half
        a second the first time, on a worker that holds the interpreter's lock in long
        stretches) happen here, not in the first case opened."""
        services = self._services
        with services.db.read() as s:
            code = s.scalar(select(Case.code).order_by(Case.id.desc()).limit(1))
        if code is not None:
            # Each part waits while the person is using the window (pakn_desktop.background):
            # the holidays' names hold the interpreter's lock in long stretches.
            background.rest()
            self.head(code, actor)
            background.rest()
            services.routing.repeat_status(actor, code)
            background.rest()
            self.rest(code, actor)

    def rest(self, code: str, actor: Actor) -> CaseDetail:
        """The whole case, its days off explained already (for a worker: the explanations
        load the holiday names, which may take a second the first time)."""
        detail = self._services.case_reads.get(code, actor)
        for deadline in detail.deadlines:
            len(deadline.skipped)  # worked out here, once, not when the window shows them
        return replace(detail, complete=True)
