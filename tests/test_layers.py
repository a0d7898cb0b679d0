"""Every seam of the house (STYLE.md): data flows one way, ui -> services -> domain + store;
letters and reports format what they are handed. No module imports a layer above its own,
including imports made only for type checking."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "pakn_desktop"

# A layer and what it may never import.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": ("store", "services", "letters", "reports", "ui", "PySide6", "sqlalchemy"),
    "store": ("services", "letters", "reports", "ui", "PySide6"),
    "letters": ("services", "reports", "ui", "PySide6"),
    "reports": ("services", "ui", "PySide6"),
    "services": ("ui", "PySide6"),
    "ui": ("store", "reports"),
}


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # a relative import stays inside its own package
                base = path.parent.relative_to(PKG.parent).parts
                up = base[: len(base) - (node.level - 1)]
                names.append(".".join([*up, *([node.module] if node.module else [])]))
            elif node.module:
                names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [a.name for a in node.names]
    return names


def _layer_of(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] == "pakn_desktop" and len(parts) > 1:
        return parts[1]
    return parts[0] if parts[0] in ("PySide6", "sqlalchemy") else None


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_layer_imports_one_above_it(layer: str) -> None:
    offenders = [
        f"{path.relative_to(PKG)}: {name}"
        for path in sorted((PKG / layer).rglob("*.py"))
        if "migrations" not in path.parts
        for name in _imports(path)
        if _layer_of(name) in FORBIDDEN[layer]
    ]
    assert offenders == []


def test_the_reports_read_no_private_member_of_a_service() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (PKG / "reports").rglob("*.py"))
    assert "._queue(" not in text and "._count(" not in text
