"""Translations: the source strings are English (``tr()``); the Vietnamese catalogue is
``resources/translations/pakn_vi.ts`` plus any ``pakn_vi_<part>.ts`` beside it (one file per
area of the window, so parallel work does not edit one file). The bundle ships them compiled
into one ``.qm`` (build.spec); a source checkout or an installed package compiles them at run
time (pyside6-lrelease ships with PySide6) into the per-user cache, never into the program's
own folder (read-only under Program Files, and shared by every user), keyed by the
catalogues' content, so the window and the bundle load the same catalogue.

Qt ships no Vietnamese for its own dialogs; ``pakn_vi_qt.ts`` carries the qtbase strings the
app shows (file and print dialogs, message-box buttons, context menus) under Qt's own contexts,
and Qt's own (non-native) dialogs are used so that these translations reach the screen."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTranslator

# The application's folders from where the services take them (services/paths.py re-exports
# them): importing pakn_desktop.services would load every service before the log-in window.
from pakn_desktop.paths import cache_dir
from pakn_desktop.resources import resource_path

_keep: list[QTranslator] = []


def catalogue(lang: str) -> Path:
    """The main catalogue file of ``lang``."""
    return resource_path("translations", f"pakn_{lang}.ts")


def catalogues(lang: str) -> list[Path]:
    """Every catalogue file of ``lang``: the main one and its parts, in a stable order."""
    main = catalogue(lang)
    return sorted(main.parent.glob(f"pakn_{lang}.ts")) + sorted(
        main.parent.glob(f"pakn_{lang}_*.ts")
    )


def compiled(lang: str) -> Path | None:
    """The .qm for ``lang``: the one shipped beside the catalogues when it is up to date,
    else one compiled now into the per-user cache (once per content of the catalogues)."""
    sources = catalogues(lang)
    shipped = catalogue(lang).with_suffix(".qm")
    if shipped.exists() and all(shipped.stat().st_mtime >= ts.stat().st_mtime for ts in sources):
        return shipped
    if not sources:
        return shipped if shipped.exists() else None
    digest = hashlib.sha256()
    for ts in sources:
        digest.update(ts.name.encode() + b"\0" + ts.read_bytes())
    qm = cache_dir() / "translations" / f"pakn_{lang}-{digest.hexdigest()[:16]}.qm"
    if qm.exists():
        return qm
    tool = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).with_name("pyside6-lrelease")
    )
    try:
        qm.parent.mkdir(parents=True, exist_ok=True)
        part = qm.with_suffix(f".{os.getpid()}.part")
        subprocess.run(
            [tool, "-silent", *map(str, sources), "-qm", str(part)],
            check=True,
            timeout=60,
            capture_output=True,
        )
        os.replace(part, qm)  # whole or not at all, when two windows start together
    except (OSError, subprocess.SubprocessError):
        return shipped if shipped.exists() else None
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
    # A native dialog speaks the system's language, not the catalogue's.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    return True
