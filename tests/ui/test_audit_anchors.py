"""The administrator's audit window keeps the heads it saw, outside the database, and its
check holds the chain to them: a chain recomputed after the window saw it is caught, though
the chain alone checks out."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pakn_desktop.services import Services
from pakn_desktop.ui.audit_view import AuditView

ROOT = Path(__file__).resolve().parents[2]


def _tamper():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("pakn_tamper", ROOT / "tools" / "tamper.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pakn_tamper"] = module
    spec.loader.exec_module(module)
    return module


def _check(qtbot: QtBot, view: AuditView) -> str:
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.verify_button.isEnabled(), timeout=20_000)
    return view.status.text()


def test_the_window_keeps_anchors_and_catches_a_recomputed_chain(
    qtbot: QtBot, db_url: str, clock
) -> None:  # type: ignore[no-untyped-def]
    tamper = _tamper()
    services = Services.open(db_url, now=clock)
    office = tamper.prepare(services)
    view = AuditView(services, services.office.actor())
    qtbot.addWidget(view)
    first = _check(qtbot, view)
    head = services.audit.head()
    assert "toàn vẹn" in first and head in first
    assert view.seen_anchors() == [head]
    view.close()
    services.close()

    tamper._recomputed(office)  # the chain alone checks out again
    services = Services.open(db_url, now=clock)
    try:
        assert services.audit.verify().ok
        view = AuditView(services, services.office.actor())
        qtbot.addWidget(view)
        assert view.seen_anchors() == [head]  # kept outside the database
        second = _check(qtbot, view)
        assert "toàn vẹn" not in second
        assert head.split(":")[0] in second  # the anchor that no longer holds is named
        assert view.seen_anchors() == [head]  # a failed check keeps no new anchor
    finally:
        services.close()
