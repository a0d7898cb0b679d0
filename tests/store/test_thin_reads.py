"""The queue's thin reads (statements compiled once per shape and run on the driver's cursor,
``page_rows`` / ``keyset_rows``) return exactly what SQLAlchemy returns for the same
statements, for random filters x every sort x both directions x depths, on both backends; and
the service's fast CaseRow is the dataclass its constructor makes."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta
from typing import Any

import pytest
from accounts_fixture import staff_actor
from sqlalchemy import func, select

from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.enums import CaseState, DeadlineStatus
from pakn_desktop.domain.text import search_terms
from pakn_desktop.services import Services
from pakn_desktop.services.views import CaseRow
from pakn_desktop.store import queries
from pakn_desktop.store.models import Case
from pakn_desktop.store.queries import (
    CaseFilter,
    PageKey,
    SortKey,
    apply_filter,
    count_statement,
    keyset_rows,
    keyset_statements,
    page_rows,
    page_statement,
)


@pytest.fixture(scope="module")
def demo(module_services: Services) -> Services:
    """Built once a module and backend (seconds); the tests only read it."""
    generate_demo(module_services, 300, seed=11)
    staff_actor(module_services)
    return module_services


def _pick(rng: random.Random, values: list[Any], most: int = 3) -> frozenset[Any]:
    return frozenset(rng.sample(values, rng.randint(1, min(most, len(values)))))


def _random_filter(rng: random.Random, s: Services) -> CaseFilter:
    with s.db.read() as ses:
        col = {
            name: sorted(v for v in ses.scalars(select(getattr(Case, name)).distinct()) if v)
            for name in ("unit_id", "official_id", "channel", "topic", "submitter_kind", "outcome")
        }
    today = s.case_reads.today()
    kw: dict[str, Any] = {}
    choices: dict[str, Any] = {
        "states": lambda: _pick(rng, [st.value for st in CaseState]),
        "open_only": lambda: True,
        "unit_ids": lambda: _pick(rng, col["unit_id"]),
        "official_ids": lambda: _pick(rng, col["official_id"]),
        "channels": lambda: _pick(rng, col["channel"]),
        "topics": lambda: _pick(rng, col["topic"]),
        "submitter_kinds": lambda: _pick(rng, col["submitter_kind"]),
        "statuses": lambda: _pick(rng, list(DeadlineStatus)),
        "received_from": lambda: today - timedelta(days=rng.randint(0, 400)),
        "received_to": lambda: today - timedelta(days=rng.randint(0, 200)),
        "search": lambda: rng.choice(["nguyen", "nghi quyet", "dat dai", "van", "ng", "0912", "!"]),
        "outcomes": lambda: _pick(rng, [*col["outcome"], ""]),
        "no_unit": lambda: True,
        "no_official": lambda: True,
        "national_pending": lambda: True,
    }
    for name in rng.sample(sorted(choices), rng.randint(0, 3)):
        kw[name] = choices[name]()
    if rng.random() < 0.25:
        start = today - timedelta(days=rng.randint(30, 500))
        kw["handled_from"], kw["handled_to"] = start, start + timedelta(days=rng.randint(0, 400))
        kw["handled_on_time"] = rng.choice([None, True, False])
        if rng.random() < 0.5:
            kw["handled_kinds"] = _pick(rng, ["answered", "rejected", "transferred"])
    return CaseFilter(**kw)


def _terms(f: CaseFilter) -> list[str] | None:
    return search_terms(f.search) if f.search.strip() else None


def test_thin_pages_equal_sqlalchemy_for_random_filters(demo: Services) -> None:
    rng = random.Random(5)
    b = demo.case_reads.bounds()
    checked = 0
    with demo.db.read() as ses, demo.db.engine.connect() as conn:
        for _ in range(40):
            f = _random_filter(rng, demo)
            terms = _terms(f)
            total = ses.execute(apply_filter(ses, select(func.count(Case.id)), f, b, terms))
            n = int(total.scalar_one())
            for sort in SortKey:
                desc = rng.random() < 0.5
                for offset in sorted({0, rng.randint(0, max(n - 1, 0))}):
                    limit = rng.choice([1, 7, 50])
                    ref = ses.execute(page_statement(ses, f, b, terms, sort, desc, offset, limit))
                    want = [tuple(r) for r in ref]
                    got = page_rows(conn, f, b, terms, sort, desc, offset, limit)
                    assert got == want, (f, sort, desc, offset)
                    checked += len(got)
                    if not want:
                        continue
                    anchor = want[-1]
                    key = PageKey(anchor[-1], anchor[0])
                    for backward in (False, True):
                        ref_rows: list[tuple[Any, ...]] = []
                        for stmt in keyset_statements(
                            ses, f, b, terms, sort, desc, key, limit, backward=backward
                        ):
                            ref_rows += [tuple(r) for r in ses.execute(stmt)]
                            if len(ref_rows) >= limit:
                                break
                        got_rows = keyset_rows(
                            conn, f, b, terms, sort, desc, key, limit, backward=backward
                        )
                        assert got_rows == ref_rows[:limit], (f, sort, desc, key, backward)
    assert checked > 1000  # the filters were not all empty


def test_one_compiled_text_serves_every_value_of_a_shape(demo: Services) -> None:
    """Filters of one shape with other values (each field in turn, and other status dates):
    one cached text per shape, and each run answers for its own values."""
    b = demo.case_reads.bounds()
    with demo.db.read() as ses, demo.db.engine.connect() as conn:
        col = {
            name: sorted(v for v in ses.scalars(select(getattr(Case, name)).distinct()) if v)
            for name in ("unit_id", "official_id", "channel", "topic", "submitter_kind", "outcome")
        }
        states = [st.value for st in CaseState]
        start = date(2024, 1, 1)

        def pairs(values: list[Any]) -> list[frozenset[Any]]:
            return [frozenset(values[i : i + 2]) for i in range(len(values) - 1)]

        variants: dict[str, list[tuple[CaseFilter, Any]]] = {
            "states": [(CaseFilter(states=v), b) for v in pairs(states)],
            "unit_ids": [(CaseFilter(unit_ids=v), b) for v in pairs(col["unit_id"])],
            "official_ids": [(CaseFilter(official_ids=v), b) for v in pairs(col["official_id"])],
            "channels": [(CaseFilter(channels=v), b) for v in pairs(col["channel"])],
            "topics": [(CaseFilter(topics=v), b) for v in pairs(col["topic"])],
            "kinds": [(CaseFilter(submitter_kinds=v), b) for v in pairs(col["submitter_kind"])],
            "outcomes": [(CaseFilter(outcomes=v), b) for v in pairs(col["outcome"])],
            "received": [
                (
                    CaseFilter(
                        received_from=start + timedelta(days=60 * i),
                        received_to=start + timedelta(days=60 * i + 90),
                    ),
                    b,
                )
                for i in range(6)
            ],
            "handled": [
                (
                    CaseFilter(
                        handled_from=start + timedelta(days=90 * i),
                        handled_to=start + timedelta(days=90 * i + 120),
                        handled_on_time=False,
                    ),
                    b,
                )
                for i in range(5)
            ],
            "search": [(CaseFilter(search=w), b) for w in ("nguyen", "van", "dat", "ng", "quyet")],
            "status dates": [
                (
                    CaseFilter(
                        statuses=frozenset({DeadlineStatus.OVERDUE, DeadlineStatus.DUE_SOON})
                    ),
                    queries.StatusBounds(
                        b.today + timedelta(days=d), b.today + timedelta(days=d + 3)
                    ),
                )
                for d in (-40, -10, 0, 10, 40)
            ],
        }
        for field, cases in variants.items():
            assert len(cases) >= 2, field
            queries._PREPARED.clear()
            answers = set()
            for f, bounds in cases:
                terms = _terms(f)
                ref = ses.execute(
                    page_statement(ses, f, bounds, terms, SortKey.RECEIVED, True, 0, 1000)
                )
                want = [tuple(r) for r in ref]
                got = page_rows(conn, f, bounds, terms, SortKey.RECEIVED, True, 0, 1000)
                assert got == want, (field, f)
                answers.add(tuple(r[0] for r in got))
            assert len(queries._PREPARED) == 1, field
            assert len(answers) > 1, field  # the values did change the answer


def test_fast_case_rows_are_the_dataclass(demo: Services) -> None:
    rows = demo.case_reads.queue(CaseFilter(), staff_actor(demo), limit=100)
    assert rows
    for r in rows:
        made = CaseRow(**dataclasses.asdict(r))
        assert made == r and hash(made) == hash(r)
        with pytest.raises(dataclasses.FrozenInstanceError):
            r.code = "x"  # type: ignore[misc]


def test_counts_equal_a_plain_count(demo: Services) -> None:
    rng = random.Random(9)
    b = demo.case_reads.bounds()
    # A search alone (SQLite counts it in the full-text index alone), then random filters.
    searches = [CaseFilter(search=w) for w in ("nguyen", "nghi quyet", "ng", "n", "!", "0912")]
    with demo.db.read() as ses:
        for f in [*searches, *(_random_filter(rng, demo) for _ in range(40))]:
            terms = _terms(f)
            plain = ses.execute(apply_filter(ses, select(func.count(Case.id)), f, b, terms))
            want = int(plain.scalar_one())
            assert demo.case_reads.count(f, staff_actor(demo)) == want, f
            assert int(ses.execute(count_statement(ses, f, b, terms)).scalar_one()) == want
            for cap in {0, 1, max(want - 1, 0), want, want + 1, rng.randint(0, 300)}:
                capped = ses.execute(count_statement(ses, f, b, terms, cap)).scalar_one()
                assert capped == min(want, cap + 1), (f, cap)
                exact = want <= cap
                assert demo.case_reads.count_upto(f, staff_actor(demo), cap) == (
                    want if exact else cap,
                    exact,
                ), (f, cap)
