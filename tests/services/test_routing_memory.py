"""The routing warm-up's memory (issue 24): the build learns the decided cases as their rows
come, a batch at a time, instead of holding every title and content at once; what it keeps
of each case shares its topic string; the nearest-case tables keep of each word only the
postings a query reads."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from builders import LATE_UNEMPLOYMENT_PAY, a_form
from sqlalchemy import event
from sqlalchemy.orm import Session

from pakn_desktop.domain import routing as domain_routing
from pakn_desktop.domain.enums import ScopeCategory
from pakn_desktop.domain.routing import NearestCases
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services import routing as routing_service

# A decided PAKN of the office (tests/builders): its topic is learnt.
FORM = a_form(**LATE_UNEMPLOYMENT_PAY, topic="Việc làm")


def _decide(services: Services, actor: Any, n: int, form: IntakeForm = FORM) -> None:
    """``n`` PAKN like ``form`` received and forwarded to the office's own unit: decided
    cases the routing learns from."""
    unit = next(u.id for u in services.office.units() if u.name == "Văn phòng Sở")
    for i in range(n):
        case = services.cases.receive(
            replace(form, phone=f"0905 222 3{i:02d}", title=f"{form.title} lần {i}"), actor
        )
        services.cases.forward(
            case.code,
            actor.id,
            actor,
            scope=ScopeCategory.OFFICIAL_CONDUCT,
            unit_id=unit,
            expected_version=case.version,
        )


class _Counted:
    """A result whose rows are counted as they are handed out."""

    def __init__(self, result: Any, fetched: list[int]) -> None:
        self._result, self._fetched = result, fetched

    def __iter__(self) -> Any:
        for row in self._result:
            self._fetched[0] += 1
            yield row

    def partitions(self, *args: Any) -> Any:
        for part in self._result.partitions(*args):
            self._fetched[0] += len(part)
            yield part

    def __getattr__(self, name: str) -> Any:
        return getattr(self._result, name)


def test_the_build_holds_one_batch_of_decided_rows_at_a_time(
    services: Services, actor, monkeypatch
) -> None:
    _decide(services, actor, 12)
    monkeypatch.setattr(routing_service, "LEARN_BATCH", 3, raising=False)
    fetched, learnt, ahead = [0], [0], [0]
    execute = Session.execute

    def counting_execute(self: Session, statement: Any, *args: Any, **kwargs: Any) -> Any:
        result = execute(self, statement, *args, **kwargs)
        if "content" in getattr(statement, "selected_columns", {}):
            return _Counted(result, fetched)
        return result

    learn = routing_service._learn

    def counting_learn(*args: Any, **kwargs: Any) -> None:
        # Rows read from the database and not yet learnt: their texts are held.
        ahead[0] = max(ahead[0], fetched[0] - learnt[0])
        learn(*args, **kwargs)
        learnt[0] += 1

    monkeypatch.setattr(Session, "execute", counting_execute)
    monkeypatch.setattr(routing_service, "_learn", counting_learn)
    assert services.routing.warm_up(actor) == 12
    assert learnt[0] == fetched[0] == 12
    assert 1 <= ahead[0] <= 3  # all 12 at once before


def test_the_facts_share_one_string_per_topic(services: Services, actor) -> None:
    _decide(services, actor, 4)
    assert services.routing.warm_up(actor) == 4
    facts = list(services.routing.engines().facts.values())
    topics = [fact[2] for fact in facts]
    assert topics[0] == FORM.topic
    assert all(t is topics[0] for t in topics)  # one string, not one per case read
    # No text is kept: plain short values and the text's hash.
    assert all(len(fact) == 6 and isinstance(fact[5], int) for fact in facts)
    assert not any(isinstance(v, str) and FORM.content in v for fact in facts for v in fact)


def test_the_tables_keep_only_the_postings_a_query_reads(monkeypatch) -> None:
    texts = [(f"PA-{i}", f"tro cap that nghiep dot {i} xa {i % 3}") for i in range(10)]

    def table() -> NearestCases:
        t = NearestCases()
        for ref, text in texts:
            t.add(ref, text, {"unit": str(len(ref))})
        t.build_index()
        return t

    full = table()  # POSTINGS 1,500: nothing left out
    monkeypatch.setattr(domain_routing, "POSTINGS", 4)
    capped = table()
    assert max(len(ids) for ids, _w in capped.index.values()) == 4
    assert len(full.index["tro"][0]) == 10
    queries = ["tro cap dot 7 xa 1", "that nghiep xa 2", "dot 3"]
    assert [capped.nearest(q, 5) for q in queries] == [full.nearest(q, 5) for q in queries]
    # A case added to the table in use goes first, as it would in the full postings.
    for t in (full, capped):
        t.add_now("PA-new", "tro cap dot 7 moi", {"unit": "9"})
    assert [capped.nearest(q, 5) for q in queries] == [full.nearest(q, 5) for q in queries]


def test_the_build_gives_back_the_page_cache_its_read_filled(
    services: Services, actor: Any, monkeypatch: Any
) -> None:
    _decide(services, actor, 2)
    statements: list[str] = []
    released: list[bool] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(services.db.engine, "before_cursor_execute", seen)
    monkeypatch.setattr(
        routing_service, "_release_freed_memory", lambda: released.append(True), raising=False
    )
    try:
        assert services.routing.warm_up(actor) == 2
    finally:
        event.remove(services.db.engine, "before_cursor_execute", seen)
    shrunk = "PRAGMA shrink_memory" in statements
    assert shrunk == services.db.is_sqlite  # PostgreSQL's cache is the server's
    assert released == [True]


def test_the_tables_keep_word_ids_in_two_bytes_until_they_need_four(monkeypatch: Any) -> None:
    monkeypatch.setattr(domain_routing, "_SHORT_IDS", 5, raising=False)
    t = NearestCases()
    t.add("PA-1", "tro cap that nghiep", {"unit": "1"})
    assert t._tokens.typecode == "H" and t._tokens.itemsize == 2
    t.add("PA-2", "tro cap hoc bong sinh vien", {"unit": "2"})  # 7 words: more than 5
    assert t._tokens.typecode == "i" and t._tokens.itemsize == 4
    assert list(t._tokens) == [0, 1, 2, 3, 0, 1, 4, 5, 6, 7]
    assert [r for _s, r, _l in t.nearest("hoc bong tro cap", 2)] == ["PA-2", "PA-1"]
