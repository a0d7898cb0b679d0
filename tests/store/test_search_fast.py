"""The search's fast paths (walking the sort index, ordering a rare word's matches in SQL,
the rows read by id, the capped count) give exactly what the straightforward SQL gives, on
both backends, over random cases whose names and titles carry diacritics and đ, some of
them entered with a receipt time earlier than cases entered before them (so the order of
ids is not the order of receipt)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from accounts_fixture import staff_actor

from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.text import search_terms
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.store import queries
from pakn_desktop.store.queries import (
    WALKABLE,
    CaseFilter,
    PageKey,
    SortKey,
    count_statement,
    keyset_statements,
    page_statement,
)

FAMILY = ["Nguyễn", "Đặng", "Đỗ", "Trần", "Lê", "Phạm", "Vũ", "Nguyên"]
MIDDLE = ["Văn", "Thị", "Vân", "Đức", "Vằn", "Hữu"]
GIVEN = ["Đào", "Đông", "Văn", "Hùng", "Nga", "Vàng", "Đạt", "Ngân"]
WORDS = ["đường", "điện", "nghị", "quyết", "68", "đất", "đai", "văn", "bản", "ngập", "nước"]
SEARCHES = [
    "nguyen van",
    "Nguyễn Văn",
    "nguyen v",
    "đặng",
    "dang thi d",
    "Đức",
    "van",
    "đường điện",
    "nghi quyet 6",
    "ng",
    "đ",
    "zzz",
]
PAGE = 7


@pytest.fixture(scope="module")
def mixed(module_services: Services) -> Services:
    """Built once a module and backend (seconds); the tests only read it."""
    services = module_services
    generate_demo(services, 120, seed=5)
    rng = random.Random(2026)
    actor = staff_actor(services)
    now = services.now()
    for i in range(90):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5)))
        services.cases.receive(
            IntakeForm(
                submitter_kind="citizen",
                submitter_name=name,
                address="Phường Đống Đa",
                phone=f"09{rng.randrange(10**8):08d}",
                title=title.capitalize(),
                content=f"Đề nghị xem xét {title}",
                channel="phone",
            ),
            actor,
            # Receipt times out of the order of entry: back-dated by up to three weeks.
            received_at=now - timedelta(days=rng.randint(0, 20), minutes=i),
        )
    return services


def _reference(
    s: Services, f: CaseFilter, sort: SortKey, desc: bool, after: PageKey | None, backward: bool
) -> list[int]:
    b = s.case_reads.bounds()
    terms = search_terms(f.search)
    out: list[int] = []
    with s.db.read() as ses:
        for stmt in keyset_statements(ses, f, b, terms, sort, desc, after, PAGE, backward=backward):
            out.extend(r[0] for r in ses.execute(stmt.limit(PAGE - len(out))))
            if len(out) >= PAGE:
                break
    return out


@pytest.mark.parametrize("few", [0, 10**9], ids=["walk", "few-in-order"])
def test_search_pages_equal_the_plain_sql(
    mixed: Services, few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages through the service (forward, backward, from a key) equal the plain keyset SQL,
    and the first page equals the plain OFFSET page, row for row (every field)."""
    monkeypatch.setattr(queries, "FEW_MATCHES", few)
    actor = staff_actor(mixed)
    filters = [CaseFilter(search=q) for q in SEARCHES]
    # With another filter too (its fixed values are constants of the compiled statement).
    filters += [CaseFilter(search=q, open_only=True) for q in SEARCHES[:4]]
    for f in filters:
        q = f.search
        for sort in sorted(WALKABLE):
            for desc in (False, True):
                first = mixed.case_reads.queue(f, actor, sort=sort, descending=desc, limit=PAGE)
                assert [r.id for r in first] == _reference(mixed, f, sort, desc, None, False), (
                    q,
                    sort,
                    desc,
                )
                with monkeypatch.context() as m:
                    m.setattr(queries, "search_walk", lambda *a, **k: None)
                    from pakn_desktop.services import case_reads as case_service

                    m.setattr(case_service, "search_walk", lambda *a, **k: None)
                    plain = mixed.case_reads.queue(f, actor, sort=sort, descending=desc, limit=PAGE)
                assert first == plain, (q, sort, desc)
                after: PageKey | None = None
                for _ in range(4):
                    page = mixed.case_reads.queue(
                        f, actor, sort=sort, descending=desc, after=after, limit=PAGE
                    )
                    assert [r.id for r in page] == _reference(mixed, f, sort, desc, after, False)
                    back = mixed.case_reads.queue(
                        f, actor, sort=sort, descending=desc, after=after, backward=True, limit=PAGE
                    )
                    expected_back = _reference(mixed, f, sort, desc, after, True)
                    assert [r.id for r in back] == expected_back[::-1], (q, sort, desc, "back")
                    if len(page) < PAGE:
                        break
                    after = PageKey(page[-1].sort_value, page[-1].id)


def test_search_counts_equal_the_plain_count(mixed: Services) -> None:
    """The capped count is the exact count when at most the cap, else (cap, False); both
    equal the plain COUNT of the filter, also combined with other filters."""
    actor = staff_actor(mixed)
    b = mixed.case_reads.bounds()
    for q in SEARCHES:
        for f in (CaseFilter(search=q), CaseFilter(search=q, open_only=True)):
            with mixed.db.read() as ses:
                exact = ses.execute(count_statement(ses, f, b, search_terms(q))).scalar_one()
                page_ids = [
                    r[0]
                    for r in ses.execute(
                        page_statement(ses, f, b, search_terms(q), SortKey.CODE, False, 0, 10**6)
                    )
                ]
            assert exact == len(page_ids)
            assert mixed.case_reads.count(f, actor) == exact
            for cap in (0, 1, exact - 1, exact, exact + 1, 10_000):
                if cap < 0:
                    continue
                got = mixed.case_reads.count_upto(f, actor, cap)
                assert got == ((exact, True) if exact <= cap else (cap, False)), (q, cap)


def test_deadline_pages_through_the_cases_without_one(mixed: Services) -> None:
    """The list by deadline, page by page from a key (the part without a deadline read by
    id from its own index), equals the OFFSET pages, both ways."""
    actor = staff_actor(mixed)
    f = CaseFilter()
    for desc in (False, True):
        listed = mixed.case_reads.queue(
            f, actor, sort=SortKey.DEADLINE, descending=desc, limit=10**6
        )
        whole = [r.id for r in listed]
        got: list[int] = []
        after: PageKey | None = None
        while True:
            page = mixed.case_reads.queue(
                f, actor, sort=SortKey.DEADLINE, descending=desc, after=after, limit=25
            )
            got.extend(r.id for r in page)
            if len(page) < 25:
                break
            after = PageKey(page[-1].sort_value, page[-1].id)
        assert got == whole
        last = mixed.case_reads.queue(
            f, actor, sort=SortKey.DEADLINE, descending=desc, backward=True, limit=25
        )
        assert [r.id for r in last] == whole[-25:]


def test_quick_reads_ping_a_connection_only_after_it_lay_idle(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL: a connection back from the pool soon after its last use is not pinged; one
    idle longer is (and a dead one is replaced, the read still answering)."""
    if services.db.is_sqlite:
        pytest.skip("PostgreSQL's pool")
    from pakn_desktop.store import db as db_module

    pings: list[int] = []
    with services.db.quick_read() as conn:
        dialect = conn.dialect
    real_ping = dialect.do_ping

    def ping(conn):  # type: ignore[no-untyped-def]
        pings.append(1)
        return real_ping(conn)

    monkeypatch.setattr(dialect, "do_ping", ping)
    actor = staff_actor(services)
    services.case_reads.count(CaseFilter(), actor)
    services.case_reads.count(CaseFilter(), actor)
    assert pings == []
    monkeypatch.setattr(db_module, "PING_IDLE_SECONDS", 0.0)
    services.case_reads.count(CaseFilter(), actor)
    assert pings
    # A connection that died while idle in the pool is found and replaced before a read.
    with services.db.quick_read() as conn:
        dead = conn.connection.dbapi_connection
    assert dead is not None
    dead.close()
    for _ in range(6):
        assert services.case_reads.count(CaseFilter(), actor) >= 0


def test_postgresql_plans_each_search_for_its_words(services: Services) -> None:
    """One SQL text serves every search; PostgreSQL must not settle on one generic plan for
    it (a plan fit for no word in particular), even once the driver prepared it."""
    if services.db.is_sqlite:
        pytest.skip("PostgreSQL's plan cache")
    with services.db.quick_read() as conn:
        assert conn.exec_driver_sql("SHOW plan_cache_mode").scalar() == "force_custom_plan"
    with services.db.read() as s:
        assert s.connection().exec_driver_sql("SHOW plan_cache_mode").scalar() == (
            "force_custom_plan"
        )


@pytest.mark.parametrize("few", [0, 10**9], ids=["walk", "few-in-order"])
def test_search_with_unit_and_official_filters_equals_the_plain_sql(
    mixed: Services, few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search with the unit and official filters (and open_only), paged forward, backward
    and from the end, gives the plain keyset SQL's pages."""
    from sqlalchemy import func, select

    from pakn_desktop.store.models import Case

    monkeypatch.setattr(queries, "FEW_MATCHES", few)
    actor = staff_actor(mixed)
    with mixed.db.read() as s:
        units = [
            u
            for (u,) in s.execute(
                select(Case.unit_id)
                .where(Case.unit_id.is_not(None))
                .group_by(Case.unit_id)
                .order_by(func.count().desc())
                .limit(2)
            )
        ]
        officials = [
            o
            for (o,) in s.execute(
                select(Case.official_id)
                .where(Case.official_id.is_not(None))
                .group_by(Case.official_id)
                .order_by(func.count().desc())
                .limit(2)
            )
        ]
    assert units and officials
    filters = []
    for q in ("van", "nguyen v", "đ", "ng"):
        filters += [
            CaseFilter(search=q, unit_ids=frozenset(units[:1])),
            CaseFilter(search=q, unit_ids=frozenset(units), open_only=True),
            CaseFilter(search=q, official_ids=frozenset(officials[:1])),
            CaseFilter(search=q, official_ids=frozenset(officials), unit_ids=frozenset(units)),
        ]
    for f in filters:
        for sort in sorted(WALKABLE):
            for desc in (False, True):
                last = mixed.case_reads.queue(
                    f, actor, sort=sort, descending=desc, backward=True, limit=PAGE
                )
                assert [r.id for r in last] == _reference(mixed, f, sort, desc, None, True)[::-1], (
                    f,
                    sort,
                    desc,
                )
                after: PageKey | None = None
                for _ in range(3):
                    page = mixed.case_reads.queue(
                        f, actor, sort=sort, descending=desc, after=after, limit=PAGE
                    )
                    assert [r.id for r in page] == _reference(mixed, f, sort, desc, after, False), (
                        f,
                        sort,
                        desc,
                    )
                    back = mixed.case_reads.queue(
                        f, actor, sort=sort, descending=desc, after=after, backward=True, limit=PAGE
                    )
                    assert [r.id for r in back] == _reference(mixed, f, sort, desc, after, True)[
                        ::-1
                    ], (f, sort, desc, "back")
                    if len(page) < PAGE:
                        break
                    after = PageKey(page[-1].sort_value, page[-1].id)
                assert mixed.case_reads.count(f, actor) == len(
                    [
                        r
                        for r in mixed.case_reads.queue(
                            f, actor, sort=sort, descending=desc, limit=10_000
                        )
                    ]
                )
