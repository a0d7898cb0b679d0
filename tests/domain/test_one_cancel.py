"""One Cancelled for every long job: a report's cancel and an Op's cancel are the same class."""

from __future__ import annotations

import ast
from pathlib import Path

import pakn_desktop
from pakn_desktop.domain.errors import Cancelled, PaknError

ROOT = Path(pakn_desktop.__file__).parent


def test_one_cancelled_class() -> None:
    defined = [
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*.py")
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and node.name == "Cancelled"
    ]
    assert defined == ["domain/errors.py"]


def test_the_op_and_the_reports_raise_the_same_cancel() -> None:
    from pakn_desktop.reports.stats import Cancelled as ReportCancelled
    from pakn_desktop.ui.workers import Progress

    assert ReportCancelled is Cancelled
    p = Progress()
    p.cancel()
    try:
        p.check()
    except Cancelled as exc:
        assert isinstance(exc, PaknError)
        assert exc.message == "Đã hủy theo yêu cầu."
    else:
        raise AssertionError("a cancelled Progress must raise Cancelled")
