"""The queue's fast paths return exactly what the straightforward queries return, on both
backends: keyset pages (forward, backward, from the end) against OFFSET pages, full-text
search against a plain scan of the folded text."""

from __future__ import annotations

from typing import Any

import pytest

from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.enums import DeadlineStatus
from pakn_desktop.services import Services
from pakn_desktop.store.queries import CaseFilter, PageKey, SortKey

PAGE = 50


@pytest.fixture
def demo(services: Services) -> Services:
    generate_demo(services, 240, seed=7)
    return services


def _offset_walk(s: Services, f: CaseFilter, sort: SortKey, desc: bool) -> list[int]:
    out: list[int] = []
    while True:
        page = s.cases.queue(f, sort=sort, descending=desc, offset=len(out), limit=PAGE)
        out.extend(r.id for r in page)
        if len(page) < PAGE:
            return out


def _keyset_walk(s: Services, f: CaseFilter, sort: SortKey, desc: bool) -> list[int]:
    out: list[int] = []
    after: PageKey | None = None
    while True:
        # The first page comes from the plain query, the next ones from the key.
        page = s.cases.queue(f, sort=sort, descending=desc, after=after, limit=PAGE)
        out.extend(r.id for r in page)
        if len(page) < PAGE:
            return out
        after = PageKey(page[-1].sort_value, page[-1].id)


def _backward_walk(s: Services, f: CaseFilter, sort: SortKey, desc: bool) -> list[int]:
    out: list[int] = []
    before: PageKey | None = None
    while True:
        page = s.cases.queue(f, sort=sort, descending=desc, after=before, backward=True, limit=PAGE)
        out[:0] = [r.id for r in page]
        if len(page) < PAGE:
            return out
        before = PageKey(page[0].sort_value, page[0].id)


FILTERS = [
    CaseFilter(),
    CaseFilter(open_only=True),
    CaseFilter(statuses=frozenset({DeadlineStatus.OVERDUE, DeadlineStatus.DONE})),
    CaseFilter(search="nguyen"),
]


def test_keyset_pages_equal_offset_pages_for_every_sort(demo: Services) -> None:
    for sort, f, desc in ((s, f, d) for s in SortKey for f in FILTERS for d in (False, True)):
        reference = _offset_walk(demo, f, sort, desc)
        assert len(reference) == demo.cases.count(f)
        assert len(set(reference)) == len(reference)
        assert _keyset_walk(demo, f, sort, desc) == reference, (sort, f, desc)
        assert _backward_walk(demo, f, sort, desc) == reference, (sort, f, desc)


def test_nullable_sorts_put_empty_values_last_both_ways(demo: Services) -> None:
    for sort, attr in ((SortKey.UNIT, "unit_name"), (SortKey.OFFICIAL, "official_name")):
        for desc in (False, True):
            rows = demo.cases.queue(CaseFilter(), sort=sort, descending=desc, limit=10_000)
            names = [getattr(r, attr) for r in rows]
            filled = [n for n in names if n]
            assert filled and len(filled) < len(names)
            assert names[: len(filled)] == filled  # every empty one after every filled one
            values = [r.sort_value for r in rows[: len(filled)]]
            assert values == sorted(values, reverse=desc)


def test_last_page_from_the_end_and_a_key_in_the_middle(demo: Services) -> None:
    f = CaseFilter()
    everything = _offset_walk(demo, f, SortKey.RECEIVED, True)
    last = demo.cases.queue(f, sort=SortKey.RECEIVED, descending=True, backward=True, limit=10)
    assert [r.id for r in last] == everything[-10:]
    mid = demo.cases.queue(f, sort=SortKey.RECEIVED, descending=True, offset=100, limit=1)[0]
    key = PageKey(mid.sort_value, mid.id)
    after = demo.cases.queue(f, sort=SortKey.RECEIVED, descending=True, after=key, limit=5)
    before = demo.cases.queue(
        f, sort=SortKey.RECEIVED, descending=True, after=key, backward=True, limit=5
    )
    assert [r.id for r in after] == everything[101:106]
    assert [r.id for r in before] == everything[95:100]


def _scan(services: Services, terms: list[str], f: Any = None) -> set[int]:
    """Reference search: every term starts a word of the folded text, checked in Python."""
    from sqlalchemy import select

    from pakn_desktop.store.models import Case

    with services.db.read() as s:
        rows = s.execute(select(Case.id, Case.search_text)).all()
    found = set()
    for case_id, text in rows:
        words = text.split()
        if all(any(w.startswith(t) for w in words) for t in terms):
            found.add(case_id)
    return found
