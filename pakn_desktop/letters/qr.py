"""The QR code on a letter, with reportlab's encoder (``reportlab.graphics.barcode.qrencoder``)
made fast enough for a batch of letters; the symbols are the encoder's own.

- The encoder is a module that needs nothing else of reportlab, but importing it by name first
  runs its package's ``__init__``, which imports every barcode widget reportlab has (a fifth of
  a second of a ``pakn letter``); so it is loaded from its file where there is one.
- Choosing the mask pattern scores eight candidate symbols; the encoder's scoring walks lists
  of booleans (three quarters of the time of a code). ``lost_points`` gives the same score
  from rows held as strings, so the same mask is chosen (a test compares both on many
  codes)."""

from __future__ import annotations

import functools
import importlib.util
import itertools
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

_ENCODER = "reportlab.graphics.barcode.qrencoder"


@functools.cache
def qr_encoder() -> ModuleType:
    """reportlab's QR encoder module, loaded without its package's widgets where possible
    (a frozen build imports it by name)."""
    if _ENCODER in sys.modules:
        return sys.modules[_ENCODER]
    spec = importlib.util.find_spec("reportlab")
    if spec is not None and spec.origin:
        path = Path(spec.origin).parent / "graphics" / "barcode" / "qrencoder.py"
        file_spec = importlib.util.spec_from_file_location("_pakn_qrencoder", path)
        if path.is_file() and file_spec is not None and file_spec.loader is not None:
            module = importlib.util.module_from_spec(file_spec)
            file_spec.loader.exec_module(module)
            return module
    from reportlab.graphics.barcode import qrencoder

    return qrencoder


_LONG_RUN = re.compile(rb"0{5,}|1{5,}")
_FINDER_LIKE = b"10111010000"
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def lost_points(modules: list[list[bool]]) -> int:
    """The penalty the encoder's ``QRUtil.getLostPoint`` gives a symbol, computed the same way
    rule by rule, including its particulars: runs of five or more in rows and columns score
    their length less two; each 2×2 block of one colour 3; the finder-like pattern
    1011101 0000 (that direction only, in rows only, not overlapping, not at a row's last
    possible place) 40; the dark share 10 for every 5 % away from half."""
    n = len(modules)
    rows = [bytes(row).translate(_DIGITS) for row in modules]
    cols = [bytes(col) for col in zip(*rows, strict=True)]
    score = 0
    for line in rows + cols:
        for run in _LONG_RUN.finditer(line):
            score += run.end() - run.start() - 2
    full = (1 << n) - 1
    ints = [int(r, 2) for r in rows]
    for upper, lower in itertools.pairwise(ints):
        same_vertical = ~(upper ^ lower) & full
        same_horizontal = ~(upper ^ (upper >> 1)) & (full >> 1)
        score += 3 * (same_vertical & (same_vertical >> 1) & same_horizontal).bit_count()
    size = len(_FINDER_LIKE)
    for r in rows:
        j = r.find(_FINDER_LIKE, 0, n - 1)
        while j >= 0:
            score += 40
            j = r.find(_FINDER_LIKE, j + size, n - 1)
    dark = sum(r.count(b"1") for r in rows)
    score += 10 * (abs(100 * dark // (n * n) - 50) // 5)
    return score


@functools.cache
def _code_class() -> Any:
    encoder = qr_encoder()

    class QRCode(encoder.QRCode):  # type: ignore[name-defined]
        def getBestMaskPattern(self) -> int:
            best, pattern = 0, 0
            for i in range(8):
                self.makeImpl(True, i)
                lost = lost_points(self.modules)
                if i == 0 or best > lost:
                    best, pattern = lost, i
            return pattern

    return QRCode


def qr_modules(text: str, *, fast: bool = True) -> list[list[bool]]:
    """The QR code of ``text`` at error correction level M, as rows of dark modules (without
    the quiet zone). ``fast=False``: the encoder's own mask choice, for the tests."""
    encoder = qr_encoder()
    cls = _code_class() if fast else encoder.QRCode
    qr = cls(None, encoder.QRErrorCorrectLevel.M)
    qr.addData(text)
    qr.make()
    n = qr.getModuleCount()
    return [[bool(qr.isDark(r, c)) for c in range(n)] for r in range(n)]
