"""Finding the files the application ships (fonts, translations, icons, templates).

One function serves both a source checkout and the PyInstaller bundle, where everything under
``resources/`` is unpacked beside the executable (``sys._MEIPASS``)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
