"""The app started as a person starts it, in a process of its own (``pakn_desktop.__main__``,
nothing imported ahead), with a probe that replaces the log-in window's ``exec`` to print what
it sees: for the tests of what start-up leaves until later."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_app(probe: str, url: str, home: Path, timeout: float, *args: str) -> list[str]:
    """The lines ``probe`` (Python source, given ``url`` and then ``args`` as its arguments)
    printed; the program must end cleanly (the probe leaves the log-in window, and the program
    ends)."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, url, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout.splitlines()
