"""The window talks to the services only (STYLE.md): no ui module imports the store."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "pakn_desktop" / "ui"


def test_no_ui_module_imports_the_store() -> None:
    offenders = []
    for path in sorted(UI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("pakn_desktop.store")]
    assert offenders == []


def test_no_ui_module_reaches_the_report_engines() -> None:
    """Statistics and exports go through services.statistics (guarded, private files)."""
    offenders = []
    for path in sorted(UI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            offenders += [
                f"{path.name}: {n}" for n in names if n.startswith("pakn_desktop.reports")
            ]
    assert offenders == []


def test_the_queue_shapes_and_the_data_folder_live_outside_the_store() -> None:
    """The filter, sort and page keys are the domain's; the data folder is the application's:
    the store uses them, the window names them through the services."""
    from pakn_desktop.services import filters, paths

    for shape in (filters.CaseFilter, filters.SortKey, filters.PageKey):
        assert shape.__module__ == "pakn_desktop.domain.queue"
    assert paths.data_dir.__module__ == "pakn_desktop.paths"
    assert paths.may_create.__module__ == "pakn_desktop.paths"
