"""A driver script run in a process of its own on a 1366×768 offscreen screen (the commonest
office laptop), at a given scaling (QT_SCALE_FACTOR 1.25 gives 1093×614 logical pixels): the
screen is fixed when Qt starts, so each size needs a new process. The script prints one line
``RESULT {json}``; :func:`run_on_laptop_screen` returns that JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

# The driver imports this checkout's package (not an installed copy of another one).
ROOT = Path(__file__).resolve().parents[2]

LAPTOP = {
    "screens": [
        {
            "name": "laptop",
            "x": 0,
            "y": 0,
            "width": 1366,
            "height": 768,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
    ]
}


def laptop_size(scale: str) -> tuple[int, int]:
    """The logical screen size a window sees at ``scale``."""
    return (1366, 768) if scale == "1" else (1093, 614)


def run_on_laptop_screen(tmp_path: Path, driver: str, args: list[str], scale: str) -> Any:
    """Run ``driver`` (Python source) with ``args`` on the laptop screen at ``scale``; its
    RESULT line's JSON (the test fails with the driver's stderr when there is none)."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(LAPTOP))
    script = tmp_path / "driver.py"
    script.write_text(driver, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
            "QT_SCALE_FACTOR": scale,
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
            ),
        },
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    assert line is not None, done.stderr[-3000:]
    return json.loads(line[len("RESULT ") :])
