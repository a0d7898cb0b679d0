"""The list's position index (``CaseService.anchors``): the page at a position read by keyset
after its anchor is exactly the page OFFSET would read, for every sort order and direction,
with and without filters, and again after cases were added and deleted (the index read
anew), on both backends."""

from __future__ import annotations

import random

import pytest
from accounts_fixture import staff_actor
from sqlalchemy import delete, select

from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.queue import CaseFilter, SortKey
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor
from pakn_desktop.store.models import Base, Case

EVERY = 7


def _delete_cases(services: Services, ids: list[int]) -> None:
    """Cases gone from the register (with every row that hangs on them)."""
    with services.db.write() as s:
        cases = Case.__table__
        for table in reversed(Base.metadata.sorted_tables):
            for fk in table.foreign_keys:
                if fk.column.table is cases:
                    s.execute(delete(table).where(fk.parent.in_(ids)))
        s.execute(delete(Case).where(Case.id.in_(ids)))


def _check(services: Services, actor: Actor, f: CaseFilter, rng: random.Random) -> int:
    """Compare every block start (and a few positions inside blocks) with OFFSET."""
    cases = services.case_reads
    checked = 0
    total = cases.count(f, actor)
    every = max(2, min(EVERY, total // 8))  # a few blocks however few cases the filter keeps
    for sort in SortKey:
        for desc in (False, True):
            anchors = cases.anchors(f, actor, sort=sort, descending=desc, every=every)
            assert len(anchors) == total // every
            everything = cases.queue(f, actor, sort=sort, descending=desc, limit=total + 1)
            # Each anchor is the last row of its block.
            for k, a in enumerate(anchors):
                row = everything[(k + 1) * every - 1]
                assert (a.id, a.value) == (row.id, row.sort_value)
            starts = list(range(every, total, every))
            for start in rng.sample(starts, min(6, len(starts))):
                k, skip = divmod(start + rng.randrange(every), every)
                position = k * every + skip
                keyed = cases.queue(
                    f, actor, sort=sort, descending=desc, after=anchors[k - 1], limit=5 + skip
                )[skip:]
                offset = cases.queue(f, actor, sort=sort, descending=desc, offset=position, limit=5)
                assert [r.id for r in keyed] == [r.id for r in offset], (sort, desc, position)
                checked += 1
    return checked


@pytest.mark.parametrize(
    "f",
    [CaseFilter(), CaseFilter(open_only=True), CaseFilter(search="nguyen")],
    ids=["all", "open", "search"],
)
def test_a_jump_by_anchor_reads_what_offset_reads(services: Services, f: CaseFilter) -> None:
    generate_demo(services, 160, seed=5, today=services.now().date())
    actor = staff_actor(services)
    rng = random.Random(3)
    assert _check(services, actor, f, rng) > 0

    # Cases come in and others are deleted: the index read anew still matches OFFSET.
    generate_demo(services, 40, seed=6, today=services.now().date())
    with services.db.read() as s:
        ids = list(s.scalars(select(Case.id).order_by(Case.id)))
    _delete_cases(services, rng.sample(ids, 25))
    assert _check(services, actor, f, rng) > 0
