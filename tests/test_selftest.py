"""The installation self-test runs from source (and, with PAKN_TEST_DIST=1, from the bundle)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_self_test_from_source(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-m", "pakn_desktop", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "5 passed, 0 failed" in out.stdout
    assert "29/04, 06/05, 20/05/2026" in out.stdout


@pytest.mark.skipif(os.environ.get("PAKN_TEST_DIST") != "1", reason="bundle not requested")
def test_self_test_of_the_frozen_bundle(tmp_path: Path) -> None:
    exe = ROOT / "dist" / "pakn-desktop" / "pakn-desktop"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)}
    out = subprocess.run(
        [str(exe), "--self-test"], capture_output=True, text=True, env=env, timeout=300
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 failed" in out.stdout
