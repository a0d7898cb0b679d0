"""One writer of case history (services.history.record_event), with names from one enum."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from sqlalchemy import select

import pakn_desktop
from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.history import HISTORY_NAMES, EventAction, history_action
from pakn_desktop.domain.workflow import Action
from pakn_desktop.services import Services
from pakn_desktop.store.models import CaseEvent

ROOT = Path(pakn_desktop.__file__).parent
# Restoring a backup copies rows that were written by record_event in their time.
_COPIES = {"services/backups.py"}


def test_only_record_event_builds_a_history_line() -> None:
    builders = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        if rel in {"services/history.py", *_COPIES}:
            continue
        source = path.read_text(encoding="utf-8")
        if "CaseEvent" not in source:  # no such name, no such call: not worth parsing
            continue
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "CaseEvent"
            ):
                builders.append(f"{rel}:{node.lineno}")
    assert builders == []


def test_every_history_name_reads_back_as_its_member() -> None:
    for action in [*Action, *EventAction]:
        assert history_action(action.value) is action
    assert {a.value for a in Action} | {e.value for e in EventAction} == HISTORY_NAMES


def test_no_name_is_both_a_workflow_step_and_a_thing_beside_it() -> None:
    # One name in both would make two kinds of line indistinguishable in the store.
    assert not {a.value for a in Action} & {e.value for e in EventAction}


def test_a_working_office_writes_only_known_names(services: Services) -> None:
    generate_demo(services, 150, seed=3, today=date(2026, 4, 24))
    with services.db.read() as s:
        names = set(s.scalars(select(CaseEvent.action).distinct()))
    assert names
    assert names <= HISTORY_NAMES
    assert {EventAction.RECEIVE, Action.ACCEPT} <= names
