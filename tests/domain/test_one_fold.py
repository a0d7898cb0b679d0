"""One folding table: every diacritic-insensitive match in the product folds with domain.text."""

from __future__ import annotations

import re
from pathlib import Path

import pakn_desktop
from pakn_desktop.domain.people import _f
from pakn_desktop.domain.personal_data import _fold_same_length
from pakn_desktop.domain.text import fold, fold_chars

ROOT = Path(pakn_desktop.__file__).parent
# A table of Vietnamese letters, or a decomposition used to strip marks.
_TABLE = re.compile(r"maketrans\([^)]*[àáảãạđ]|unicodedata\.normalize\(\s*\"NFD\"")


def test_no_module_but_domain_text_builds_a_folding_table() -> None:
    found = [
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*.py")
        if p.name != "text.py" and _TABLE.search(p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_folds_agree_and_keep_offsets() -> None:
    text = "Ông NGUYỄN Văn Đức, Số nhà 25 ngõ Hàng Bông"
    assert fold_chars(text) == "ong nguyen van duc, so nha 25 ngo hang bong"
    assert len(fold_chars(text)) == len(text)
    assert _fold_same_length(text) == fold_chars(text) == _f(text)
    assert fold("  Đường   Hà Nội ") == "duong ha noi"
