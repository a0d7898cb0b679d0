"""The detector's quick path (scans skipped when the text cannot hold what they look for)
finds exactly what the full set of scans finds: on the labelled table, and on texts made of
the pieces the patterns are built from (numbers in every grouping, labels, dates, amounts,
plates, "@", "(0", letters touching digits)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pakn_desktop.domain import personal_data as pd


def _table_texts() -> list[str]:
    """The sentences of the labelled table (tests/domain/test_personal_data.py)."""
    spec = importlib.util.spec_from_file_location(
        "_pd_table_quick", Path(__file__).with_name("test_personal_data.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [text for text, _found in module.CASES]


def _both(text: str) -> tuple[list[pd.Finding], list[pd.Finding]]:
    return pd._find(text, quick=True), pd._find(text, quick=False)


@pytest.mark.parametrize("text", _table_texts())
def test_quick_path_finds_the_same_on_the_table(text: str) -> None:
    quick, full = _both(text)
    assert quick == full


# Texts near each hint's edge: seven digits (no bare number can hold them) against eight, an
# area code in parentheses with few digits after it, a plate's opening without its tail.
EDGES = [
    "Gọi 0912 345 67 nhé",
    "Gọi 0912 345 678 nhé",
    "Số (0260) 3 862 123 của nhà",
    "(0912) 345 678",
    "(024) 3823 4567",
    "(+84) 912345678",
    "+84 (0) 912 345 678",
    "84-912-345-678",
    "xe 82A-123.45 đỗ",
    "xe 82A 123.45 đỗ",
    "mã 12AB",
    "CCCD 062.190.001.234",
    "CMND 123456789",
    "MST 0100109106-001",
    "email a.b@c.vn",
    "nhà ở số 7 Lê Lợi",
    "1.500.000 đồng, ngày 05/03/2026",
    "sinh ngày 12/05/1980",
    "１２３４５６７８９０",  # full-width digits: not ASCII, never a number here
    "٠٩١٢٣٤٥٦٧٨",
    "²³",
]


@pytest.mark.parametrize("text", EDGES)
def test_quick_path_finds_the_same_at_the_edges(text: str) -> None:
    quick, full = _both(text)
    assert quick == full


_PIECES = st.sampled_from(
    [
        " ",
        ".",
        "-",
        ",",
        ":",
        "/",
        "(",
        ")",
        "(0",
        "+84",
        "84",
        "0",
        "09",
        "024",
        "0260",
        "1900",
        "062",
        "19",
        "82A",
        "51LD",
        "123",
        "45",
        "@",
        "a@b.vn",
        "x",
        "A",
        "Đ",
        "QĐ-UBND",
        "số ",
        "SĐT ",
        "CCCD ",
        "CMND: ",
        "STK ",
        "MST ",
        "BHXH ",
        "hộ chiếu ",
        "ngày sinh ",
        "sinh năm ",
        "biển số ",
        "nhà ở ",
        "địa chỉ ",
        "ngõ ",
        "đồng",
        "triệu",
        "ngày ",
        "tháng ",
        "năm ",
        "Lê Lợi",
        "\n",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.from_regex(r"\d{1,12}", fullmatch=True)), max_size=24))
def test_quick_path_finds_the_same_on_made_up_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    quick, full = _both(text)
    assert quick == full
