"""A lookup by name at the desk walks the cases whose text holds the words typed, from the
newest, a batch at a time, reading only their submitters' names: a name that many texts hold
for other reasons ("Lan" in "lấn chiếm", "Hà" in addresses) is still found further down, the
newest cases come first, and the walk stops at its depth."""

from __future__ import annotations

import pytest
from accounts_fixture import staff_actor
from builders import a_form

from pakn_desktop.domain.errors import NotFound
from pakn_desktop.services import Services, case_reads

LAN = a_form(submitter_name="Trần Thị Lan", phone="0905 111 222", title="Hỏi chế độ")


def _other(i: int):  # type: ignore[no-untyped-def]
    # Text that holds "lan" (folded from "lấn"), a person who is not Lan.
    return a_form(
        submitter_name=f"Phạm Văn Hùng {chr(65 + i)}",
        phone=f"0905 222 3{i:02d}",
        title="Lấn chiếm vỉa hè",
        content="Hộ kinh doanh lấn chiếm lối đi chung.",
    )


def test_a_name_found_below_a_batch_of_other_texts(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(case_reads, "_NAME_BATCH", 2)
    monkeypatch.setattr(case_reads, "_NAME_WALK", 20)
    desk = staff_actor(services)
    older = services.cases.receive(LAN, desk)
    newer = services.cases.receive(LAN, desk)
    for i in range(5):  # the five newest texts hold "lan", none of their people is Lan
        services.cases.receive(_other(i), desk)
    found = services.case_reads.lookup("lan", desk)
    assert [f.code for f in found] == [newer.code, older.code]
    assert all(f.found_by == "name" for f in found)


def test_the_walk_stops_at_its_depth(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(case_reads, "_NAME_BATCH", 2)
    monkeypatch.setattr(case_reads, "_NAME_WALK", 4)
    desk = staff_actor(services)
    services.cases.receive(LAN, desk)
    for i in range(5):
        services.cases.receive(_other(i), desk)
    with pytest.raises(NotFound, match="Không tìm thấy PAKN nào của người có tên «lan»"):
        services.case_reads.lookup("lan", desk)


def test_at_most_the_limit_newest_first(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(case_reads, "_NAME_BATCH", 3)
    desk = staff_actor(services)
    made = [services.cases.receive(LAN, desk).code for _ in range(7)]
    with services.db.read() as s:
        found = services.case_reads._by_name(s, "tran thi lan", limit=5)
        codes = [c.code for c in found]
    assert codes == list(reversed(made))[:5]
