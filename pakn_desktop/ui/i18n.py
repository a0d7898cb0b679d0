"""Translations: the source strings are English (``tr()``); the Vietnamese catalogue is
``resources/translations/pakn_vi.ts``. The compiled ``.qm`` is built from it at run time when
it is missing or older than the ``.ts`` (pyside6-lrelease ships with PySide6), so a source
checkout and the bundle load the same catalogue."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from pakn_desktop.resources import resource_path

_keep: list[QTranslator] = []


def catalogue(lang: str) -> Path:
    return resource_path("translations", f"pakn_{lang}.ts")


def compiled(lang: str) -> Path | None:
    """The .qm for ``lang``, compiled now if it is missing or stale."""
    ts = catalogue(lang)
    qm = ts.with_suffix(".qm")
    if qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.exists():
        return None
    tool = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).with_name("pyside6-lrelease")
    )
    try:
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return qm if qm.exists() else None
    return qm


def install_translator(app: QCoreApplication, lang: str) -> bool:
    if lang == "en":
        return True
    qm = compiled(lang)
    translator = QTranslator(app)
    if qm is None or not translator.load(str(qm)):
        return False
    app.installTranslator(translator)
    _keep.append(translator)
    return True
