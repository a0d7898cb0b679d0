"""The Windows installer (installer/pakn.nsi) compiles with makensis on a stand-in for the
PyInstaller folder, so the script cannot rot; what it installs and what its uninstaller
removes are read from the script. makensis missing fails in CI and skips elsewhere."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "installer" / "pakn.nsi"


def makensis() -> str:
    found = shutil.which("makensis")
    if found is None:
        if os.environ.get("CI") or os.environ.get("PAKN_REQUIRE_POSTGRES"):
            pytest.fail("makensis is missing in CI (apt-get install nsis; .ci/run installs it)")
        pytest.skip("makensis is not installed (apt-get install nsis)")
    return found


def compile_installer(payload: Path, out: Path, *defines: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            makensis(),
            "-WX",  # a warning is an error: the script stays clean
            "-V2",
            f"-DPAYLOAD={payload}",
            f"-DOUTFILE={out}",
            *defines,
            str(SCRIPT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )


def stand_in_bundle(folder: Path) -> Path:
    """What build.spec's COLLECT makes: pakn-desktop.exe beside _internal/."""
    (folder / "_internal" / "resources" / "fonts").mkdir(parents=True)
    (folder / "pakn-desktop.exe").write_bytes(b"MZ" + b"\0" * 62)
    (folder / "_internal" / "base_library.zip").write_bytes(b"PK\5\6" + b"\0" * 18)
    (folder / "_internal" / "resources" / "fonts" / "Phông chữ.txt").write_text("chữ Việt")
    return folder


def test_the_installer_compiles_into_a_windows_program(tmp_path: Path) -> None:
    payload = stand_in_bundle(tmp_path / "Bản dựng" / "pakn-desktop")
    out = tmp_path / "pakn-desktop-setup.exe"
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    done = compile_installer(payload, out, f"-DVERSION={version}")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    data = out.read_bytes()
    assert data[:2] == b"MZ"
    (pe_offset,) = struct.unpack_from("<I", data, 0x3C)
    assert data[pe_offset : pe_offset + 4] == b"PE\0\0"
    assert b"Nullsoft" in data or b"NullsoftInst" in data


def test_without_a_bundle_the_compile_stops_and_says_what_to_build(tmp_path: Path) -> None:
    done = compile_installer(tmp_path / "không có", tmp_path / "x.exe")
    assert done.returncode != 0
    assert "build the bundle first" in done.stdout + done.stderr
    assert not (tmp_path / "x.exe").exists()


def section(text: str, name: str) -> str:
    match = re.search(rf'^Section "{name}".*?^SectionEnd', text, re.M | re.S)
    assert match is not None, name
    return match.group(0)


def test_the_script_keeps_the_office_data_and_speaks_vietnamese() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    assert text.startswith(";") and "\nUnicode true\n" in text
    assert '!insertmacro MUI_LANGUAGE "Vietnamese"' in text
    # Per user by default (%LOCALAPPDATA%\Programs), per machine on request.
    assert "MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER" in text
    assert "MULTIUSER_INSTALLMODE_COMMANDLINE" in text
    # The data folder the program uses (platformdirs' user_data_dir(APP_NAME)) is named right.
    from pakn_desktop.paths import APP_NAME

    assert f'!define DATAFOLDER "{APP_NAME}"' in text
    # The uninstaller removes what the installer put down, never anything of the data folder.
    uninstall = section(text, "Uninstall")
    for line in uninstall.splitlines():
        if line.strip().startswith(("RMDir", "Delete")):
            assert "LOCALAPPDATA" not in line and "DATAFOLDER" not in line, line
            assert "APPDATA" not in line, line
    assert 'RMDir "$INSTDIR"' in uninstall  # without /r: only when empty
    assert 'RMDir /r "$INSTDIR"' not in uninstall
    # Vietnamese names for the shortcuts.
    assert '!define SHORTCUT "PAKN - Tiếp nhận phản ánh, kiến nghị"' in text
    assert '!define UNSHORTCUT "Gỡ cài đặt PAKN Desktop"' in text
