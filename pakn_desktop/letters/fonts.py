"""The letter font: Times New Roman where the system has it (NĐ 30/2020 names it), otherwise
Liberation Serif 2.x, metric-compatible, shipped in resources/fonts under the SIL OFL.

Each letter embeds a subset of each face it uses. reportlab numbers a document's characters in
the order they first appear, so two letters with different names or content would need two
different subset font programs, each cut from the TTF and compressed again (most of the time
of rendering a letter). Here every document starts with the whole Vietnamese alphabet and its
usual punctuation numbered in one fixed order (``PRIMED``) in the regular face, the one that
carries names and content (the other faces carry the template's words, the same in every
letter): letters written in Vietnamese then embed the same subset program of each face, cut and
compressed once per process, and the text, fonts and sizes on the page are unchanged. A letter
grows by about 5 KB (the regular face's glyphs it does not use)."""

from __future__ import annotations

import os
import sys
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, TTFontFace, makeToUnicodeCMap

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


def _vietnamese_letters() -> str:
    """Every precomposed Vietnamese letter outside ASCII (the vowels with their tones, and
    đ), lower then upper case, in a fixed order."""
    vowels = "aăâeêioôơuưy"
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    out = []
    for v in vowels:
        for t in tones:
            ch = unicodedata.normalize("NFC", v + t)
            if len(ch) == 1 and ord(ch) > 127:
                out.append(ch)
    out.append("đ")
    return "".join(out) + "".join(ch.upper() for ch in out)


# Numbered first in every document, in this order (159 places remain in the first subset of
# 256 codes after ASCII; this takes 144 of them).
PRIMED = _vietnamese_letters() + "–—‘’“”…°·×"


class _FlateOnce:
    """reportlab's FlateDecode filter (``zlib.compress`` at its default level, so the bytes
    are the same) remembering its results for the streams every letter repeats."""

    pdfname = "FlateDecode"

    def __init__(self) -> None:
        self._done: dict[bytes | str, bytes] = {}

    def encode(self, content: bytes | str) -> bytes:
        out = self._done.get(content)
        if out is None:
            out = zlib.compress(content.encode("utf8") if isinstance(content, str) else content)
            if len(self._done) >= _CACHED:
                self._done.clear()
            self._done[content] = out
        return out

    def decode(self, encoded: bytes) -> bytes:
        return zlib.decompress(encoded)


class _Formatted(pdfdoc.PDFObject):
    """A PDF value formatted once (the widths of a subset)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


_CACHED = 64  # subsets remembered per face (a letter uses one or two per face)


class _SubsetFace(TTFontFace):
    """A face that cuts each subset program once and compresses it once."""

    _flate: _FlateOnce
    _subsets: dict[tuple[int, ...], bytes]

    def makeSubset(self, subset: list[int]) -> bytes:
        key = tuple(subset)
        out = self._subsets.get(key)
        if out is None:
            out = super().makeSubset(subset)
            if len(self._subsets) >= _CACHED:
                self._subsets.clear()
            self._subsets[key] = out
        return out

    def addSubsetObjects(self, doc: Any, fontname: str, subset: list[int]) -> Any:
        ref = super().addSubsetObjects(doc, fontname, subset)
        stream = doc.idToObject.get(f"fontFile:{self.filename}({fontname})")
        if isinstance(stream, pdfdoc.PDFStream) and stream.filters == [pdfdoc.PDFZCompress]:
            stream.filters = [self._flate]
        return ref


class LetterFont(TTFont):
    """A TrueType face whose documents start with ``primed`` numbered, and which builds the
    PDF objects of a subset it has embedded before from what it kept (``caching``; off, it is
    reportlab's own path, for the tests that compare the two)."""

    caching = True

    def __init__(self, name: str, filename: str, primed: str = PRIMED) -> None:
        super().__init__(name, filename)
        self.primed = primed
        # The face reportlab made, given the cutting and compressing that remember their
        # results (a subclass adding methods only, so the object stays as it was built).
        self.face.__class__ = _SubsetFace
        self.face._flate = _FlateOnce()
        self.face._subsets = {}
        self._primed: tuple[dict[int, int], list[list[int]], int] | None = None
        self._widths: dict[tuple[int, ...], bytes] = {}
        self._cmaps: dict[tuple[str, tuple[int, ...]], str] = {}

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> Any:
        if doc not in self.state and self.primed:
            self._prime(doc)
        return super().splitString(text, doc, encoding)

    def _prime(self, doc: Any) -> None:
        """Number ``primed`` in a new document, as splitting that text first would."""
        if not self.caching or self._primed is None:
            super().splitString(self.primed, doc)
            state = self.state[doc]
            self._primed = (
                dict(state.assignments),
                [list(x) for x in state.subsets],
                state.nextCode,
            )
            return
        assignments, subsets, next_code = self._primed
        state = self.state[doc] = TTFont.State(self._asciiReadable, self)
        state.assignments = dict(assignments)
        state.subsets = [list(x) for x in subsets]
        state.nextCode = next_code

    def addObjects(self, doc: Any) -> None:
        """reportlab's ``TTFont.addObjects`` (one font object per subset, with its widths,
        ToUnicode map and descriptor), reusing the widths, maps and compressed streams of
        subsets embedded before."""
        if not self.caching:
            super().addObjects(doc)
            return
        state = self._assignState(doc)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            key = tuple(subset)
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_font_name = (
                b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            ).decode("pdfdoc")
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name = internal_name
            font.BaseFont = base_font_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = _Formatted(self._formatted_widths(key, doc))
            cmap = pdfdoc.PDFStream()
            cmap.content = self._cmap(base_font_name, key)
            if doc.compression:
                cmap.filters = [self.face._flate]
            font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_font_name)
            font.FontDescriptor = self.face.addSubsetObjects(doc, base_font_name, subset)
            doc.Reference(font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = font
        del self.state[doc]

    def _formatted_widths(self, key: tuple[int, ...], doc: Any) -> bytes:
        out = self._widths.get(key)
        if out is None:
            widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, key)))
            out = pdfdoc.format(widths, doc)
            if len(self._widths) >= _CACHED:
                self._widths.clear()
            self._widths[key] = out
        return out

    def _cmap(self, base_font_name: str, key: tuple[int, ...]) -> str:
        out = self._cmaps.get((base_font_name, key))
        if out is None:
            out = makeToUnicodeCMap(base_font_name, list(key))
            if len(self._cmaps) >= _CACHED:
                self._cmaps.clear()
            self._cmaps[(base_font_name, key)] = out
        return out


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
        # The regular face carries what differs from letter to letter (names, content); the
        # others carry the template's own words, the same in every letter.
        pdfmetrics.registerFont(LetterFont(face, str(path), PRIMED if face == REGULAR else ""))
    for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(FAMILY, bold, italic, face)
    _registered = files
    return files
