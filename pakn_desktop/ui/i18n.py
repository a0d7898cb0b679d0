"""Translations: the source strings are English (``tr()``); the Vietnamese catalogue is
``resources/translations/pakn_vi.ts`` plus any ``pakn_vi_<part>.ts`` beside it (one file per
area of the window, so parallel work does not edit one file). They are compiled together into
one ``.qm`` at run time when it is missing or older than any ``.ts`` (pyside6-lrelease ships
with PySide6), so a source checkout and the bundle load the same catalogue.

Qt ships no Vietnamese for its own dialogs; ``pakn_vi_qt.ts`` carries the qtbase strings the
app shows (file and print dialogs, message-box buttons, context menus) under Qt's own contexts,
and Qt's own (non-native) dialogs are used so that these translations reach the screen."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTranslator

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
    """The .qm for ``lang``, compiled now if it is missing or stale."""
    sources = catalogues(lang)
    qm = catalogue(lang).with_suffix(".qm")
    if qm.exists() and all(qm.stat().st_mtime >= ts.stat().st_mtime for ts in sources):
        return qm
    if not sources:
        return qm if qm.exists() else None
    tool = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).with_name("pyside6-lrelease")
    )
    try:
        subprocess.run(
            [tool, "-silent", *map(str, sources), "-qm", str(qm)], check=True, timeout=60
        )
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
    # A native dialog speaks the system's language, not the catalogue's.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    return True
