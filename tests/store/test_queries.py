"""The queue's fast paths return exactly what the straightforward queries return, on both
backends: keyset pages (forward, backward, from the end) against OFFSET pages, full-text
search against a plain scan of the folded text."""

from __future__ import annotations

import itertools
import re

import pytest
from accounts_fixture import staff_actor
from sqlalchemy import func, select

from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.enums import DeadlineStatus
from pakn_desktop.domain.text import search_terms
from pakn_desktop.services import Services
from pakn_desktop.store import queries
from pakn_desktop.store.models import Case
from pakn_desktop.store.queries import (
    WALKABLE,
    CaseFilter,
    PageKey,
    SortKey,
    keyset_statements,
    search_walk,
)

PAGE = 50


def _build(services: Services) -> Services:
    generate_demo(services, 240, seed=7)
    staff_actor(services)
    return services


@pytest.fixture(scope="module")
def demo(module_services: Services) -> Services:
    """Built once a module and backend (seconds); the tests that use it only read it."""
    return _build(module_services)


@pytest.fixture
def own_demo(services: Services) -> Services:
    """The same cases in the test's own database, for a test that changes them."""
    return _build(services)


def _offset_walk(s: Services, f: CaseFilter, sort: SortKey, desc: bool) -> list[int]:
    out: list[int] = []
    while True:
        page = s.case_reads.queue(
            f, staff_actor(s), sort=sort, descending=desc, offset=len(out), limit=PAGE
        )
        out.extend(r.id for r in page)
        if len(page) < PAGE:
            return out


def _keyset_walk(s: Services, f: CaseFilter, sort: SortKey, desc: bool) -> list[int]:
    out: list[int] = []
    after: PageKey | None = None
    while True:
        # The first page comes from the plain query, the next ones from the key.
        page = s.case_reads.queue(
            f, staff_actor(s), sort=sort, descending=desc, after=after, limit=PAGE
        )
        out.extend(r.id for r in page)
        if len(page) < PAGE:
            return out
        after = PageKey(page[-1].sort_value, page[-1].id)


def _backward_walk(s: Services, f: CaseFilter, sort: SortKey, desc: bool) -> list[int]:
    out: list[int] = []
    before: PageKey | None = None
    while True:
        page = s.case_reads.queue(
            f, staff_actor(s), sort=sort, descending=desc, after=before, backward=True, limit=PAGE
        )
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
        assert len(reference) == demo.case_reads.count(f, staff_actor(demo))
        assert len(set(reference)) == len(reference)
        assert _keyset_walk(demo, f, sort, desc) == reference, (sort, f, desc)
        assert _backward_walk(demo, f, sort, desc) == reference, (sort, f, desc)


def test_nullable_sorts_put_empty_values_last_both_ways(demo: Services) -> None:
    for sort, attr in ((SortKey.UNIT, "unit_name"), (SortKey.OFFICIAL, "official_name")):
        for desc in (False, True):
            rows = demo.case_reads.queue(
                CaseFilter(), staff_actor(demo), sort=sort, descending=desc, limit=10_000
            )
            names = [getattr(r, attr) for r in rows]
            filled = [n for n in names if n]
            assert filled and len(filled) < len(names)
            assert names[: len(filled)] == filled  # every empty one after every filled one
            values = [r.sort_value for r in rows[: len(filled)]]
            assert values == sorted(values, reverse=desc)


def test_last_page_from_the_end_and_a_key_in_the_middle(demo: Services) -> None:
    f = CaseFilter()
    everything = _offset_walk(demo, f, SortKey.RECEIVED, True)
    last = demo.case_reads.queue(
        f, staff_actor(demo), sort=SortKey.RECEIVED, descending=True, backward=True, limit=10
    )
    assert [r.id for r in last] == everything[-10:]
    mid = demo.case_reads.queue(
        f, staff_actor(demo), sort=SortKey.RECEIVED, descending=True, offset=100, limit=1
    )[0]
    key = PageKey(mid.sort_value, mid.id)
    after = demo.case_reads.queue(
        f, staff_actor(demo), sort=SortKey.RECEIVED, descending=True, after=key, limit=5
    )
    before = demo.case_reads.queue(
        f,
        staff_actor(demo),
        sort=SortKey.RECEIVED,
        descending=True,
        after=key,
        backward=True,
        limit=5,
    )
    assert [r.id for r in after] == everything[101:106]
    assert [r.id for r in before] == everything[95:100]


SEARCHES = ["nghi quyet 6", "ho tro", "giai quyet", "nguyen", "0", "khong co tu nay"]


def _words_match(text: str, terms: list[str]) -> bool:
    words = re.findall(r"[0-9a-z]+", text)
    *whole, last = terms
    return all(t in words for t in whole) and any(w.startswith(last) for w in words)


def test_search_equals_a_plain_scan_of_the_folded_text(demo: Services) -> None:
    with demo.db.read() as s:
        texts = {i: t for i, t in s.execute(select(Case.id, Case.search_text))}
    for q in SEARCHES:
        terms = search_terms(q)
        expected = {i for i, t in texts.items() if _words_match(t, terms)}
        got = {
            r.id
            for r in demo.case_reads.queue(CaseFilter(search=q), staff_actor(demo), limit=10_000)
        }
        assert got == expected, q
        assert demo.case_reads.count(CaseFilter(search=q), staff_actor(demo)) == len(expected), q
    assert (
        demo.case_reads.count(CaseFilter(search="nghi quyet 6"), staff_actor(demo)) > 10
    )  # a common phrase


@pytest.mark.parametrize("few", [0, queries.FEW_MATCHES], ids=["walk", "few-in-order"])
def test_search_walk_returns_the_rows_of_the_full_text_query(
    demo: Services, few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both ways search_walk answers: walking the sort index (words in many cases) and
    ordering every match (rare words: under FEW_MATCHES, every word of this demo)."""
    monkeypatch.setattr(queries, "FEW_MATCHES", few)
    b = demo.case_reads.bounds()
    sqlite = demo.db.is_sqlite  # PostgreSQL's fast path is the plain statement
    with demo.db.read() as s:
        for q, sort, desc, f, budget in itertools.product(
            SEARCHES,
            sorted(WALKABLE),
            (False, True),
            (CaseFilter(), CaseFilter(open_only=True)),
            (7, 60, 100_000),
        ):
            terms = search_terms(q)
            after: PageKey | None = None
            for _page in range(3):
                reference = []
                for stmt in keyset_statements(s, f, b, terms, sort, desc, after, 10):
                    reference.extend(s.execute(stmt.limit(10 - len(reference))).all())
                walked = search_walk(s, f, b, terms, sort, desc, after, 10, budget=budget)
                if budget == 100_000 or few:
                    assert (walked is not None) == sqlite  # the whole list fits the budget
                if walked is not None:
                    assert walked == [r[0] for r in reference], (q, sort, desc, f, budget)
                # Backward from the same key: the rows before it, nearest first.
                back_ref = []
                for stmt in keyset_statements(s, f, b, terms, sort, desc, after, 10, backward=True):
                    back_ref.extend(s.execute(stmt.limit(10 - len(back_ref))).all())
                    if len(back_ref) >= 10:
                        break
                back = search_walk(
                    s, f, b, terms, sort, desc, after, 10, backward=True, budget=budget
                )
                if back is not None:
                    assert back == [r[0] for r in back_ref], (q, sort, desc, f, budget, "back")
                if len(reference) < 10:
                    break
                after = PageKey(reference[-1][-1], reference[-1][0])
    # Through the service, a page found by walking (or ordering) equals the plain OFFSET page.
    f = CaseFilter(search="ho tro")
    for sort in WALKABLE:
        plain = [
            r.id for r in demo.case_reads.queue(f, staff_actor(demo), sort=sort, offset=1, limit=30)
        ][:29]
        first = demo.case_reads.queue(f, staff_actor(demo), sort=sort, limit=1)[0]
        key = PageKey(first.sort_value, first.id)
        assert [
            r.id
            for r in demo.case_reads.queue(f, staff_actor(demo), sort=sort, after=key, limit=29)
        ] == plain


def test_status_counts_in_one_pass_equal_one_count_per_status(demo: Services) -> None:
    from dataclasses import replace

    for f in (*FILTERS, CaseFilter(channels=frozenset({"phone"}))):
        counts = demo.case_reads.status_counts(f, staff_actor(demo))
        for status in DeadlineStatus:
            assert counts[status] == demo.case_reads.count(
                replace(f, statuses=frozenset({status})), staff_actor(demo)
            )
    assert sum(demo.case_reads.status_counts(None, staff_actor(demo)).values()) > 0


def test_pages_by_official_and_unit_with_a_shared_name_and_an_idle_official(
    own_demo: Services,
) -> None:
    """Sorted by official (or unit), every page read by key (forward, backward, from the end)
    is the page of the plain ORDER BY ... OFFSET statement, when two officials share a full
    name (their cases interleave by id) and one has no case at all. On PostgreSQL these pages
    are read name by name (``grouped_statements``), which this proves."""
    from sqlalchemy import update

    from pakn_desktop.domain.enums import Role
    from pakn_desktop.store.models import User

    demo = own_demo
    admin = demo.office.actor()
    with demo.db.read() as s:
        busiest = s.execute(
            select(User.id, User.full_name)
            .join(Case, Case.official_id == User.id)
            .group_by(User.id, User.full_name)
            .order_by(func.count().desc(), User.id)
            .limit(1)
        ).one()
    twin = demo.office.add_user("trungten", busiest.full_name, Role.OFFICIAL, actor=admin)
    demo.office.add_user("ranhroi", "Cán bộ chưa có việc", Role.OFFICIAL, actor=admin)
    with demo.db.write() as s:
        theirs = sorted(s.scalars(select(Case.id).where(Case.official_id == busiest.id)))
        s.execute(update(Case).where(Case.id.in_(theirs[::2])).values(official_id=twin.id))
    actor = staff_actor(demo)
    b = demo.case_reads.bounds()
    queries._PREPARED.clear()
    for sort, f, desc in (
        (s, f, d) for s in (SortKey.OFFICIAL, SortKey.UNIT) for f in FILTERS for d in (False, True)
    ):
        terms = search_terms(f.search) if f.search else None
        with demo.db.read() as s:
            stmt = queries.page_statement(s, f, b, terms, sort, desc, 0, 100_000)
            reference = [r[0] for r in s.execute(stmt)]
        assert len(reference) == demo.case_reads.count(f, actor)
        assert _keyset_walk(demo, f, sort, desc) == reference, (sort, f, desc)
        assert _backward_walk(demo, f, sort, desc) == reference, (sort, f, desc)
    grouped = [key for key in queries._PREPARED if key[0] == "grouped"]
    assert bool(grouped) == (demo.db.engine.dialect.name == "postgresql")
