"""Every string the window shows has a Vietnamese translation."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from pakn_desktop.ui.i18n import catalogues

UI = Path(__file__).resolve().parents[2] / "pakn_desktop" / "ui"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    out = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            out[(name, m.findtext("source") or "")] = m
    return out


def test_every_tr_string_has_a_finished_vietnamese_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run(
        [str(lupdate), *map(str, sorted(UI.glob("*.py"))), "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    shipped: dict[tuple[str, str], ET.Element] = {}
    for ts in catalogues("vi"):
        shipped.update(messages(ts))
    wanted = messages(fresh)
    assert len(wanted) > 150
    missing = []
    for key in wanted:
        m = shipped.get(key)
        tr = m.find("translation") if m is not None else None
        text = "" if tr is None else (tr.text or "".join(n.text or "" for n in tr))
        if tr is None or tr.get("type") == "unfinished" or not text.strip():
            missing.append(key)
    assert missing == [], f"strings without Vietnamese: {missing}"
