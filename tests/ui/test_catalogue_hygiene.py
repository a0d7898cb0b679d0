"""The Vietnamese catalogues stay clean: no stale entries, placeholders kept, one ellipsis and
one quotation style, accelerators unique within each context (every tr() string having a
finished translation is test_i18n's)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

from pakn_desktop.ui.i18n import catalogues

UI = Path(__file__).resolve().parents[2] / "pakn_desktop" / "ui"
OWN = [ts for ts in catalogues("vi") if ts.name != "pakn_vi_qt.ts"]  # Qt's own are Qt's


def text_of(m: ET.Element) -> str:
    t = m.find("translation")
    if t is None:
        return ""
    forms = [n.text or "" for n in t.iter("numerusform")]
    return "\n".join(forms) if forms else (t.text or "")


def entries(files: list[Path]) -> list[tuple[str, str, str, ET.Element]]:
    out = []
    for ts in files:
        for ctx in ET.parse(ts).getroot().iter("context"):
            name = ctx.findtext("name") or ""
            for m in ctx.iter("message"):
                out.append((ts.name, name, m.findtext("source") or "", m))
    return out


def startup_strings() -> set[tuple[str, str]]:
    """startup._tr("…") calls, which lupdate cannot see."""
    tree = ast.parse((UI / "startup.py").read_text(encoding="utf-8"))
    return {
        ("startup", node.args[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "_tr"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def test_no_stale_entries(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run(
        [str(lupdate), *map(str, sorted(UI.glob("*.py"))), "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    used = {(ctx, src) for _, ctx, src, _ in entries([fresh])} | startup_strings()
    stale = sorted({(f, ctx, src) for f, ctx, src, _ in entries(OWN) if (ctx, src) not in used})
    assert stale == []


PLACEHOLDER = re.compile(r"%L?(n|\d)")  # %Ln and %n, %L1 and %1 are one placeholder
TAG = re.compile(r"</?[a-zA-Z]+")


@pytest.mark.parametrize("files", [OWN, catalogues("vi")], ids=["own", "with-qt"])
def test_placeholders_and_markup_are_kept(files: list[Path]) -> None:
    wrong = []
    for f, ctx, src, m in entries(files):
        text = text_of(m)
        forms = text.split("\n") if m.get("numerus") == "yes" else [text]
        for form in forms:
            if sorted(set(PLACEHOLDER.findall(src))) != sorted(set(PLACEHOLDER.findall(form))):
                wrong.append((f, ctx, src, form))
            if sorted(TAG.findall(src)) != sorted(TAG.findall(form)):
                wrong.append((f, ctx, src, form))
    assert wrong == []


def test_one_ellipsis_and_one_quotation_style() -> None:
    """ "…" (one character), never "..."; «» around names and quoted words, never “” or "."""
    wrong = [
        (f, ctx, text_of(m))
        for f, ctx, _, m in entries(catalogues("vi"))
        if "..." in text_of(m) or re.search(r"[“”„\"]", text_of(m))
    ]
    assert wrong == []


MNEMONIC = re.compile(r"&(?!&)(.)")
ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+);")


def test_accelerators_are_unique_within_each_context_and_typeable() -> None:
    """A context is one window class: its menus, buttons and labels share Alt. (Qt's own
    dialogs, whose contexts also hold context menus, are checked on screen in
    test_accelerators.)"""
    keys: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    untypeable = []
    for f, ctx, _, m in entries(catalogues("vi")):
        # "&nbsp;" in rich text is an entity, not an accelerator.
        text = ENTITY.sub("", text_of(m).replace("&&", ""))
        found = MNEMONIC.search(text)
        if found:
            if f != "pakn_vi_qt.ts":
                keys[(f, ctx, found.group(1).lower())].append(text)
            if not found.group(1).isascii():  # Alt+ô cannot be typed on any keyboard layout
                untypeable.append((f, ctx, text))
    assert {k: v for k, v in keys.items() if len(v) > 1} == {}
    assert untypeable == []


def test_no_message_is_in_two_catalogues() -> None:
    """lrelease keeps one of two copies and warns; the other copy's wording is lost."""
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f, ctx, src, _ in entries(catalogues("vi")):
        seen[(ctx, src)].append(f)
    assert {k: v for k, v in seen.items() if len(v) > 1} == {}
