"""One writer of case history (services.history.record_event), with names from one enum."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from sqlalchemy import select

import pakn_desktop
from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.history import EventAction
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
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "CaseEvent"
            ):
                builders.append(f"{rel}:{node.lineno}")
    assert builders == []


def test_every_workflow_action_has_its_history_name() -> None:
    for action in Action:
        assert EventAction.of(action) == action.value


def test_a_working_office_writes_only_known_names(services: Services) -> None:
    generate_demo(services, 150, seed=3, today=date(2026, 4, 24))
    with services.db.read() as s:
        names = set(s.scalars(select(CaseEvent.action).distinct()))
    assert names
    assert names <= {e.value for e in EventAction}
    assert {EventAction.RECEIVE, EventAction.ACCEPT} <= names
