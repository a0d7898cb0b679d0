"""The catalogues are compiled into the per-user cache, never into the program's own folder
(read-only under Program Files, shared by every user), and only once per content."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pakn_desktop.ui import i18n


def test_compiled_catalogue_goes_to_the_cache_not_the_program_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "program" / "translations"
    shutil.copytree(i18n.catalogue("vi").parent, program, ignore=shutil.ignore_patterns("*.qm"))
    monkeypatch.setattr(i18n, "catalogue", lambda lang: program / f"pakn_{lang}.ts")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    os.chmod(program, 0o555)  # as under Program Files
    try:
        before = sorted(p.name for p in program.iterdir())
        qm = i18n.compiled("vi")
        assert qm is not None and qm.is_relative_to(tmp_path / "cache")
        assert qm.stat().st_size > 10_000
        assert sorted(p.name for p in program.iterdir()) == before  # nothing written there
        stamp = qm.stat().st_mtime_ns
        assert i18n.compiled("vi") == qm and qm.stat().st_mtime_ns == stamp  # made once
        # A changed catalogue is compiled anew.
        os.chmod(program, 0o755)
        part = program / "pakn_vi_window.ts"
        part.write_text(part.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        again = i18n.compiled("vi")
        assert again is not None and again != qm
    finally:
        os.chmod(program, 0o755)


def test_an_up_to_date_shipped_catalogue_is_used_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "translations"
    shutil.copytree(i18n.catalogue("vi").parent, program, ignore=shutil.ignore_patterns("*.qm"))
    shipped = program / "pakn_vi.qm"
    shutil.copyfile(i18n.compiled("vi"), shipped)  # type: ignore[arg-type]
    monkeypatch.setattr(i18n, "catalogue", lambda lang: program / f"pakn_{lang}.ts")
    assert i18n.compiled("vi") == shipped
