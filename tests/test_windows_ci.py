"""The Windows workflow (.github/workflows/windows.yml) cannot run here; what can be checked
here is that it is well-formed and does each step the issue asks for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_windows_wheels import PYTHONS

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


def test_the_workflow_parses_as_yaml() -> None:
    yaml = pytest.importorskip("yaml", reason="PyYAML is not installed; the text is checked below")
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = flow["jobs"]["windows"]
    assert job["runs-on"] == "windows-latest"
    assert [s.get("uses", "").split("@")[0] for s in job["steps"] if "uses" in s] == [
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
    ]


def test_the_workflow_builds_tests_and_keeps_the_installer() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "\t" not in text  # YAML forbids tabs for indentation
    assert re.search(r"^\s+runs-on: windows-latest$", text, re.M)
    assert "QT_QPA_PLATFORM: offscreen" in text
    steps = re.findall(r"^      - (?:name|uses): (.+)$", text, re.M)
    assert steps[:2] == ["actions/checkout@v4", "actions/setup-python@v5"]
    assert steps[-1] == "actions/upload-artifact@v4"
    runs = text.split("- name: ")
    order = [
        "python -m pytest -q --ignore=tests/ui",
        "python -m pytest -q tests/ui",
        "pyinstaller --noconfirm --clean build.spec",
        'pakn-desktop.exe -ArgumentList "--self-test"',
        "makensis /WX /DVERSION=$version installer\\pakn.nsi",
        "path: dist/pakn-desktop-setup-*.exe",
    ]
    where = [next(i for i, part in enumerate(runs) if cmd in part) for cmd in order]
    assert where == sorted(where), "the steps run in this order"
    # The Pythons it builds with are ones whose Windows wheels are checked here.
    matrix = re.search(r"python: \[(.+)\]", text)
    assert matrix is not None
    assert {v.strip().strip('"') for v in matrix.group(1).split(",")} <= set(PYTHONS)
    # The bundle's name is the one build.spec makes and the installer packs.
    assert 'name="pakn-desktop"' in (ROOT / "build.spec").read_text(encoding="utf-8")


def test_the_it_guide_is_linked_and_covers_what_it_staff_ask() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/it-guide.md)" in readme
    guide = (ROOT / "docs" / "it-guide.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", guide, re.M)
    for words in ("Cài đặt", "Nâng cấp", "Dữ liệu", "máy mới", "PostgreSQL", "Khôi phục", "Cổng"):
        assert any(words in h for h in headings), words
    for needed in ("pg_hba.conf", "pg_dump", "pg_restore", "5432", "%LOCALAPPDATA%\\pakn-desktop"):
        assert needed in guide, needed
    # The names the guide gives are the ones the program and the installer use.
    from pakn_desktop.services.backups import UPGRADE_PREFIX

    assert UPGRADE_PREFIX in guide
    assert "PAKN - Tiếp nhận phản ánh, kiến nghị" in guide
    nsi = (ROOT / "installer" / "pakn.nsi").read_text(encoding="utf-8")
    assert '!define SHORTCUT "PAKN - Tiếp nhận phản ánh, kiến nghị"' in nsi
