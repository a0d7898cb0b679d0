"""The QR code on a letter, with reportlab's encoder (``reportlab.graphics.barcode.qrencoder``)
made fast enough for a batch of letters; the symbols are the encoder's own.

- The encoder is a module that needs nothing else of reportlab, but importing it by name first
  runs its package's ``__init__``, which imports every barcode widget reportlab has (a fifth of
  a second of a ``pakn letter``); so it is loaded from its file where there is one.
- Choosing the mask pattern scores eight candidate symbols, which the encoder builds one by
  one (``makeImpl``) and scores walking lists of booleans. Here the function patterns, the
  data modules' places and each mask's modules are taken once per version from the encoder
  itself, the data bits are placed once, and each mask is the data XOR its modules; the
  symbol is one integer of n·n bits and each penalty rule a few operations on it. The score
  is ``lost_points`` (the encoder's ``getLostPoint`` on rows held as strings), so the same
  mask is chosen, the lowest on a tie (tests compare all three on many codes).
- The error correction codewords: the encoder builds its generator polynomial again for every
  block and divides with lists; here the generator (the encoder's) is kept per size and the
  remainder taken by shift register (a test compares the codewords with ``createData``)."""

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


class _Layout:
    """What does not depend on the data, for one version and level: the symbol as one integer
    of n·n bits (row 0, column 0 the highest bit; module (r, c) is bit n·n − 1 − (n·r + c)).

    Everything is taken from the encoder itself: ``makeImpl`` run with no data bits gives, for
    each mask, the function patterns (format and version information as scored, and as
    drawn) and the mask's dark modules in the data area; ``_dataPosIterator`` gives the data
    modules in placement order."""

    def __init__(self, version: int, level: int) -> None:
        code = qr_encoder().QRCode(version, level)
        code.dataCache = []  # makeImpl then maps no bits: a data module is its mask alone
        code.dataList = []
        code.makeImpl(True, 0)  # sets the module count the data places are found from
        n = code.getModuleCount()
        self.n = n
        top = n * n - 1
        self.positions = [top - (n * row + col) for col, row in code.dataPosIterator()]
        area = 0
        for p in self.positions:
            area |= 1 << p
        outside = ((1 << (n * n)) - 1) ^ area

        def symbol(test: bool, mask: int) -> int:
            code.makeImpl(test, mask)
            bits = "".join("1" if dark else "0" for row in code.modules for dark in row)
            return int(bits, 2)

        self.masks: list[int] = []
        self.scored: list[int] = []  # function patterns as the encoder scores a mask
        self.drawn: list[int] = []  # and as it draws the chosen one
        for mask in range(8):
            scored = symbol(True, mask)
            self.masks.append(scored & area)
            self.scored.append(scored & outside)
            self.drawn.append(symbol(False, mask) & outside)
        row = (1 << n) - 1
        # Penalty masks: a module with its right neighbour in the row (not the last column),
        # with the one below (not the last row), a place the finder-like pattern can start.
        self.pairs_across = sum(((1 << (n - 1)) - 1) << (n * r) for r in range(n))
        self.pairs_down = (1 << (n * (n - 1))) - 1
        self.finder_starts = sum((row ^ ((1 << 11) - 1)) << (n * r) for r in range(n))

    def place(self, data: list[int]) -> int:
        """The data codewords at their modules, unmasked."""
        bits = format(int.from_bytes(bytes(data), "big"), f"0{8 * len(data)}b")
        if len(bits) > len(self.positions):
            raise ValueError("more data bits than data modules")
        placed = 0
        for position, bit in zip(self.positions, bits, strict=False):
            if bit == "1":
                placed |= 1 << position
        return placed

    def penalty(self, x: int) -> int:
        """``lost_points`` of the symbol ``x``, every rule on the whole symbol at once."""
        n = self.n
        # N1: runs of five or more, as runs of four or more equal neighbour pairs; a run of k
        # pairs leaves k − 3 bits in ``t`` and one run end, and scores k − 1.
        across = ~(x ^ (x >> 1)) & self.pairs_across
        t = across & (across >> 1) & (across >> 2) & (across >> 3)
        score = t.bit_count() + 2 * (t & ~(t >> 1)).bit_count()
        down = ~(x ^ (x >> n)) & self.pairs_down
        t = down & (down >> n) & (down >> 2 * n) & (down >> 3 * n)
        score += t.bit_count() + 2 * (t & ~(t >> n)).bit_count()
        # N2: 2×2 blocks of one colour (``down`` sits on the lower row, ``across`` on the upper).
        score += 3 * (down & (down >> 1) & (across >> n)).bit_count()
        # N3: 1011101 0000 in rows, starting at bit B when bit B − k is the pattern's k-th.
        light = (x << 1) | (x << 5) | (x << 7) | (x << 8) | (x << 9) | (x << 10)
        found = x & (x << 2) & (x << 3) & (x << 4) & (x << 6) & ~light & self.finder_starts
        score += 40 * found.bit_count()
        # N4: the dark share.
        score += 10 * (abs(100 * x.bit_count() // (n * n) - 50) // 5)
        return score


@functools.cache
def _layout(version: int, level: int) -> _Layout:
    return _Layout(version, level)


@functools.cache
def _generator(ec_count: int) -> tuple[int, ...]:
    """The logarithms of the encoder's Reed-Solomon generator polynomial's coefficients after
    the leading 1 (the encoder builds the polynomial again for every block of every code)."""
    encoder = qr_encoder()
    coefficients = encoder.QRUtil.getErrorCorrectPolynomial(ec_count).num
    assert coefficients[0] == 1 and len(coefficients) == ec_count + 1
    return tuple(encoder.LOG_TABLE[c] for c in coefficients[1:])


def _codewords(version: int, level: int, data_list: list[Any]) -> list[int]:
    """``QRCode.createData``: the data bits, terminator and padding (the encoder's own
    writers), each block's error correction codewords (the remainder of the division by the
    generator, as the encoder's polynomial ``mod``, by shift register), interleaved."""
    encoder = qr_encoder()
    blocks = encoder.QRRSBlock.getRSBlocks(version, level)
    buffer = encoder.QRBitBuffer()
    for data in data_list:
        data.write(buffer, version)
    capacity = 8 * sum(block.dataCount for block in blocks)
    if buffer.getLengthInBits() > capacity:
        raise ValueError(f"code length overflow. ({buffer.getLengthInBits()} > {capacity})")
    if buffer.getLengthInBits() + 4 <= capacity:
        buffer.put(0, 4)
    while buffer.getLengthInBits() % 8:
        buffer.putBit(False)
    pads = itertools.cycle((encoder.QRCode.PAD0, encoder.QRCode.PAD1))
    codewords = list(buffer.buffer)
    codewords += [next(pads) for _ in range(capacity // 8 - len(codewords))]
    exp, log = encoder.EXP_TABLE, encoder.LOG_TABLE
    dcdata, ecdata, offset = [], [], 0
    for block in blocks:
        dc = codewords[offset : offset + block.dataCount]
        offset += block.dataCount
        generator = _generator(block.totalCount - block.dataCount)
        rest = [0] * len(generator)
        for byte in dc:
            factor = byte ^ rest[0]
            rest = rest[1:]
            rest.append(0)
            if factor:
                shift = log[factor]
                for j, g in enumerate(generator):
                    rest[j] ^= exp[(shift + g) % 255]
        dcdata.append(dc)
        ecdata.append(rest)
    return [
        d
        for group in itertools.chain(itertools.zip_longest(*dcdata), itertools.zip_longest(*ecdata))
        for d in group
        if d is not None
    ]


def _fast_modules(text: str) -> list[list[bool]]:
    encoder = qr_encoder()
    level = encoder.QRErrorCorrectLevel.M
    qr = encoder.QRCode(None, level)
    qr.addData(text)
    version = qr.calculate_version()
    layout = _layout(version, level)
    data = layout.place(_codewords(version, level, qr.dataList))
    best, pattern = 0, 0
    for mask in range(8):
        lost = layout.penalty(layout.scored[mask] | (data ^ layout.masks[mask]))
        if mask == 0 or best > lost:
            best, pattern = lost, mask
    n = layout.n
    bits = format(layout.drawn[pattern] | (data ^ layout.masks[pattern]), f"0{n * n}b")
    return [[b == "1" for b in bits[i : i + n]] for i in range(0, n * n, n)]


def qr_modules(text: str, *, fast: bool = True) -> list[list[bool]]:
    """The QR code of ``text`` at error correction level M, as rows of dark modules (without
    the quiet zone). ``fast=False``: the encoder's own mask choice, for the tests."""
    if fast:
        return _fast_modules(text)
    encoder = qr_encoder()
    qr = encoder.QRCode(None, encoder.QRErrorCorrectLevel.M)
    qr.addData(text)
    qr.make()
    n = qr.getModuleCount()
    return [[bool(qr.isDark(r, c)) for c in range(n)] for r in range(n)]
