"""The public gate on the labelled table (tests/data/public_gate.txt): the goals of issue 22
hold (recall of at least 0.95 for names and for home addresses, no clean sentence changed),
and what the table marks is gone from the public text."""

from __future__ import annotations

import pytest

from bench.bench_public_gate import GOAL_RECALL, load_table, score
from pakn_desktop.domain.personal_data import public_text

ROWS, OFFICE = load_table()


def test_the_table_is_large_enough_and_has_both_sides() -> None:
    assert len(ROWS) >= 200
    assert sum(1 for r in ROWS if r.spans) >= 100
    assert sum(1 for r in ROWS if not r.spans) >= 80


def test_goals_on_the_table() -> None:
    result = score(ROWS, OFFICE)
    assert result.recall("name") >= GOAL_RECALL, result.mistakes
    assert result.recall("address") >= GOAL_RECALL, result.mistakes
    assert result.precision("name") >= 0.95 and result.precision("address") >= 0.95
    assert result.changed_clean == []


@pytest.mark.parametrize("row", [r for r in ROWS if not r.spans], ids=lambda r: r.text[:40])
def test_clean_sentences_stay_as_written(row) -> None:  # type: ignore[no-untyped-def]
    assert public_text(row.text, keep=OFFICE) == row.text


def test_examples_of_the_issue() -> None:
    text = (
        "Tôi là Nguyễn Văn Bình, nhà số 15 đường Nguyễn Huệ; mẹ tôi ở 123/4 Lê Lợi, "
        "gọi 84-912-345-678 hoặc đường dây nóng 0260 3862 123."
    )
    assert public_text(text, keep=["0260.3862.123"]) == (
        "Tôi là [họ tên], [địa chỉ]; mẹ tôi ở [địa chỉ], "
        "gọi [số điện thoại] hoặc đường dây nóng 0260 3862 123."
    )
    # The office's hotline is masked like any number when the settings do not name it.
    assert "0260 3862 123" not in public_text(text)


def test_the_submitters_own_details_written_otherwise() -> None:
    known = {
        "name": ["Nguyễn Văn Bình"],
        "address": ["Số 25, ngõ 10, phố Hàng Bông, phường Hàng Trống"],
    }
    assert public_text("ông binh gửi về 25 ngo 10 Hang Bong", known) == (
        "ông [họ tên] gửi về [địa chỉ]"
    )


def test_restored_and_masked_by_hand() -> None:
    text = "Ông Bình nhờ chị Lan ở xưởng Hoa Mai gửi đơn."
    assert public_text(text) == "Ông [họ tên] nhờ chị [họ tên] ở xưởng Hoa Mai gửi đơn."
    assert public_text(text, keep=["Lan"], mask=["xưởng Hoa Mai"]) == (
        "Ông [họ tên] nhờ chị Lan ở [thông tin cá nhân] gửi đơn."
    )
