"""Libraries' warnings never reach the person from the desktop application either (issue 23:
signing printed pyHanko's English CryptographyDeprecationWarning): pakn-desktop's start-up
silences them unless a developer asks with -W. The command line's own check is in
tests/test_cli_letters.py (the signed copy's command, run as typed, prints nothing)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# The real start-up (pakn_desktop.__main__.main) with the window replaced by what signing
# loads: pyHanko's signers, whose import warns about cryptography's DSA.
CHILD = """
import sys
import pakn_desktop.ui.app as app

def run(args):
    from pyhanko.sign import signers  # noqa: F401
    return 0

app.run = run
from pakn_desktop.__main__ import main
sys.exit(main([]))
"""


def _start(*options: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    return subprocess.run(
        [sys.executable, *options, "-c", CHILD],
        capture_output=True,
        text=True,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        cwd=Path(__file__).parents[1],
    )


def test_signing_libraries_warn_nobody_at_the_desk() -> None:
    asked = _start("-W", "default")
    assert asked.returncode == 0, asked.stderr
    # What a developer sees when asking: the warning the person must not see.
    assert "CryptographyDeprecationWarning" in asked.stderr
    plain = _start()
    assert plain.returncode == 0, plain.stderr
    assert "Warning" not in plain.stderr and plain.stdout == ""
