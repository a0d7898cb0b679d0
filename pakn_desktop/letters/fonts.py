"""The letter font: Times New Roman where the system has it (NĐ 30/2020 names it), otherwise
Liberation Serif 2.x, metric-compatible, shipped in resources/fonts under the SIL OFL."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from pakn_desktop.resources import resource_path

FAMILY = "PaknSerif"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = (
    f"{FAMILY}",
    f"{FAMILY}-Bold",
    f"{FAMILY}-Italic",
    f"{FAMILY}-BoldItalic",
)


@dataclass(frozen=True)
class FontFiles:
    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


def _times_new_roman() -> FontFiles | None:
    dirs: list[Path] = []
    if sys.platform == "win32":
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
    elif sys.platform == "darwin":
        dirs += [Path("/Library/Fonts"), Path("/System/Library/Fonts/Supplemental")]
    else:
        dirs += [
            Path("/usr/share/fonts/truetype/msttcorefonts"),
            Path.home() / ".local/share/fonts",
            Path.home() / ".fonts",
        ]
    names = {
        "regular": ("times.ttf", "Times_New_Roman.ttf", "Times New Roman.ttf"),
        "bold": ("timesbd.ttf", "Times_New_Roman_Bold.ttf", "Times New Roman Bold.ttf"),
        "italic": ("timesi.ttf", "Times_New_Roman_Italic.ttf", "Times New Roman Italic.ttf"),
        "bold_italic": (
            "timesbi.ttf",
            "Times_New_Roman_Bold_Italic.ttf",
            "Times New Roman Bold Italic.ttf",
        ),
    }
    for d in dirs:
        found: dict[str, Path] = {}
        for style, candidates in names.items():
            for c in candidates:
                if (d / c).is_file():
                    found[style] = d / c
                    break
        if len(found) == 4:
            return FontFiles("Times New Roman", **found)
    return None


def _liberation() -> FontFiles:
    base = resource_path("fonts")
    return FontFiles(
        "Liberation Serif",
        base / "LiberationSerif-Regular.ttf",
        base / "LiberationSerif-Bold.ttf",
        base / "LiberationSerif-Italic.ttf",
        base / "LiberationSerif-BoldItalic.ttf",
    )


_registered: FontFiles | None = None


def register_fonts(prefer_system: bool = True) -> FontFiles:
    """Register the serif family with reportlab once; returns which files are used."""
    global _registered
    if _registered is not None:
        return _registered
    files = (_times_new_roman() if prefer_system else None) or _liberation()
    for face, path in (
        (REGULAR, files.regular),
        (BOLD, files.bold),
        (ITALIC, files.italic),
        (BOLD_ITALIC, files.bold_italic),
    ):
        pdfmetrics.registerFont(TTFont(face, str(path)))
    for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(FAMILY, bold, italic, face)
    _registered = files
    return files
