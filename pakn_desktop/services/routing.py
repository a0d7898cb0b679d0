"""Routing help for a PAKN (issue 26): scope, topic, unit and official suggested from the
rules, the built-in corpus and the office's own decisions; what was suggested and whether it
was taken; the same PAKN arriving twice.

Nothing is applied by itself: the window and the CLI show the suggestion, the person decides
through the case service, and ``record_choice`` notes whether the suggestion was taken.

Learning: the engines are built once from the corpus's training part plus the office's
classified cases (the newest ``MAX_LEARNT`` of them). When the number of classified cases or
the newest classification changes, the decisions since the build are learnt case by case
(``_catch_up``: naive Bayes counts added, or taken back and added for a changed decision; the
nearest-case tables extended without indexing again), a few milliseconds instead of a build
of half a minute; a build comes again only when that cannot be exact (a decided text edited
since it was learnt, a decision gone, more than ``CATCH_UP_MAX`` at once). A new office
therefore starts from the corpus alone (cold start) and its own decisions take over as they
accumulate: a case weighs ``OFFICE_WEIGHT`` corpus texts.

As before, a change to an older decision that moves neither the number of classified cases
nor the newest one (a topic corrected later) is learnt at the next build."""

from __future__ import annotations

import ctypes
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pakn_desktop import background
from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.enums import (
    DEFAULT_TOPICS,
    OPEN_STATES,
    Outcome,
    Role,
    ScopeCategory,
)
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.letters import REJECTION_PRESETS
from pakn_desktop.domain.permissions import Permission as P
from pakn_desktop.domain.repeats import RepeatLinkRefused, carrier, link_refusal
from pakn_desktop.domain.routing import (
    DEFAULT_REMIT_ROWS,
    SCOPE_GROUNDS,
    Candidate,
    LabelledText,
    NearestCases,
    RemitRule,
    Scope,
    ScopeEngine,
    ScopeSuggestion,
    TopicEngine,
    features,
    in_office_words,
    joined_text,
    load_corpus,
    parse_remit,
    tokens,
    vote,
)
from pakn_desktop.domain.text import clean_text, fold
from pakn_desktop.domain.validation import normalize_phone
from pakn_desktop.resources import resource_path
from pakn_desktop.store.db import Database
from pakn_desktop.store.models import (
    Case,
    CaseLink,
    OfficeTopic,
    RemitRuleRow,
    RoutingSuggestion,
    Submitter,
    Unit,
    User,
)

from . import repeats
from .accounts import Guard
from .views import Actor

if TYPE_CHECKING:
    from .cases import CaseService

MAX_LEARNT = 50_000  # newest classified cases the engines learn from
LEARN_BATCH = 1_000  # decided cases a build holds the texts of at once
CATCH_UP_MAX = 2_000  # decisions learnt one by one; more than that since a build: build anew
# How long a look at the office's decisions stands: the look counts every classified case
# (70 ms at a million), so a suggestion per keystroke pause does not repeat it. This desk's
# own classifications are heard at once (CaseService.decided); another desk's within this.
DECISIONS_LOOK_S = 3.0
OFFICE_WEIGHT = 3  # one of the office's own decisions counts as this many corpus texts
REPEAT_DAYS = 30  # calendar days back that a repeat is looked for
REPEAT_SCAN = 1_000  # newest cases in that window compared by text
REPEAT_SIMILARITY = 0.6  # share of shared words (Jaccard) that makes two texts the same

# What the engines learn of a decided case.
_LEARN_COLUMNS = (
    Case.id,
    Case.code,
    Case.title,
    Case.content,
    Case.topic,
    Case.unit_id,
    Case.official_id,
    Case.scope,
    Case.outcome,
)

KINDS = ("scope", "topic", "unit", "official", "repeat")
KIND_LABELS = {
    "scope": "Phạm vi",
    "topic": "Chủ đề",
    "unit": "Đơn vị xử lý",
    "official": "Công chức xử lý",
    "repeat": "PAKN trùng",
}


@dataclass(frozen=True)
class OfficialCandidate:
    user_id: int
    name: str
    score: float
    open_cases: int
    refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class RepeatCandidate:
    code: str
    channel: str
    received_at: datetime
    state: str
    why: str  # "cùng số điện thoại", "cùng thư điện tử", "nội dung gần giống"
    similarity: float


@dataclass(frozen=True)
class UnitCandidate:
    unit_id: int
    name: str
    score: float
    refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """Everything the panel and the CLI show for one PAKN."""

    scope: ScopeSuggestion
    text: str  # what the scope's span points into (title + ". " + content)
    topics: tuple[Candidate, ...] = ()
    units: tuple[UnitCandidate, ...] = ()
    officials: tuple[OfficialCandidate, ...] = ()
    repeats: tuple[RepeatCandidate, ...] = ()
    learnt_from: int = 0  # the office's own decided cases the engines learnt from

    @property
    def topic(self) -> str:
        return self.topics[0].value if self.topics else ""

    @property
    def unit(self) -> str:
        """The suggested unit's name, or the competent agency for another agency's matter."""
        if self.scope.scope is Scope.OUT_OF_REMIT:
            return self.scope.agency
        return self.units[0].name if self.units else ""

    @property
    def confidence(self) -> float:
        return self.scope.confidence

    @property
    def why(self) -> str:
        parts = [self.scope.why]
        if self.topics and self.topics[0].refs:
            parts.append(f"Chủ đề theo: {', '.join(self.topics[0].refs)}.")
        if self.repeats:
            r = self.repeats[0]
            parts.append(f"Có thể trùng PAKN {r.code} ({r.why}).")
        return " ".join(parts)


@dataclass(frozen=True)
class RepeatStatus:
    """A case's place among the cases linked as the same PAKN."""

    code: str
    linked: tuple[str, ...] = ()  # the other cases of its group
    answered_by: str = ""  # the case whose answer letter went out for the group
    letter: str = ""  # that letter's number

    @property
    def answered_elsewhere(self) -> bool:
        return bool(self.answered_by) and self.answered_by != self.code


@dataclass(frozen=True)
class AgreementRow:
    month: str  # YYYY-MM
    kind: str
    suggested: int
    decided: int
    taken: int

    @property
    def rate(self) -> float | None:
        return self.taken / self.decided if self.decided else None


class _Breather:
    """A long build on a worker leaves Python's lock free for a moment after each few
    milliseconds of work. A thread that reads the database gives the lock up at every row
    and waits to get it back while the build runs: a page of the list took 212 ms instead of
    2 ms during the warm-up at a million cases, and the window stalled 370-990 ms in the
    steps a person takes (with the warm-up switched off, every step under 60 ms). The build
    takes about a third longer, in the background. While the person presses, drags, scrolls
    or types, it rests until they pause (``pakn_desktop.background``): the lock's hand-overs
    still cost a drag of the scroll bar 240-300 ms instead of 30."""

    def __init__(self, work_s: float = 0.004, rest_s: float = 0.002) -> None:
        self.work_s, self.rest_s = work_s, rest_s
        self._since = time.perf_counter()

    def __call__(self) -> None:
        if time.perf_counter() - self._since >= self.work_s:
            # What was built so far is left out of the collector's full passes (in the
            # window's process: pakn_desktop.background.set_aside).
            background.set_aside()
            # Longer while the person is using the window (pakn_desktop.background).
            if not background.rest():
                time.sleep(self.rest_s)
            self._since = time.perf_counter()


def _release_freed_memory() -> None:
    """Hand the memory a build freed back to the operating system where the C library keeps
    it otherwise (glibc: the page cache given back above stayed in the process, 33 MB at
    100,000 cases). Elsewhere nothing is done."""
    if not sys.platform.startswith("linux"):
        return
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return
    trim(0)


@dataclass
class _Engines:
    signature: tuple[int, int]
    scope: ScopeEngine
    topic: TopicEngine
    near: NearestCases  # the office's cases only, with unit and official labels
    learnt: int = 0
    unit_names: dict[int, str] = field(default_factory=dict)
    topics: tuple[str, ...] = ()  # the office's list, in whose words topics are suggested
    # What was learnt of each case (by id), to take it back when its decision changes: each
    # a _Fact as a plain tuple (see _Fact).
    facts: dict[int, _FactRow] = field(default_factory=dict)
    since: date | None = None  # decisions from this day on are read again to catch up


class _Fact(NamedTuple):
    """What the engines learnt from one decided case. Kept as a plain tuple of plain values
    (``_FactRow``: the scope as its word, "" for none), which the garbage collector stops
    following once it has seen it: the engines keep one for each of 50,000 cases, and every
    full collection of the window's process, with the interpreter's lock held, would walk
    them all (issue 24). A named tuple is always followed, as any object of a class."""

    code: str
    decided: str  # the Scope's value, "" when the case has no decided scope
    topic: str
    unit_id: int | None
    official_id: int | None
    text_key: int  # the text's hash: the same text can be unlearnt from the case as it is

    def plain(self) -> _FactRow:
        return (self.code, self.decided, self.topic, self.unit_id, self.official_id, self.text_key)


_FactRow = tuple[str, str, str, int | None, int | None, int]


def _fact(code: str, text: str, row: Sequence[Any]) -> _Fact:
    topic, unit_id, official_id, case_scope, outcome = row
    decided = _office_scope(case_scope, outcome)
    # The topic interned: one string per topic, not one per case, in the facts kept for
    # 50,000 cases (each row read brings its own copy).
    return _Fact(
        code,
        decided.value if decided else "",
        sys.intern(topic or ""),
        unit_id,
        official_id,
        hash(text),
    )


def _learn(eng: _Engines, fact: _Fact, text: str, *, now: bool) -> None:
    feats = features(text)
    if fact.decided:
        eng.scope.model.add(Scope(fact.decided), feats, OFFICE_WEIGHT)
    labels = {}
    if fact.unit_id is not None:
        labels["unit"] = str(fact.unit_id)
    if fact.official_id is not None:
        labels["official"] = str(fact.official_id)
    if now:
        eng.topic.learn_now(text, fact.topic, ref=fact.code, weight=OFFICE_WEIGHT)
        if labels:
            eng.near.add_now(fact.code, text, labels)
    else:
        eng.topic.learn(text, fact.topic, ref=fact.code, weight=OFFICE_WEIGHT)
        if labels:
            eng.near.add(fact.code, text, labels)


def _unlearn(eng: _Engines, fact: _Fact, text: str) -> None:
    if fact.decided:
        eng.scope.model.remove(Scope(fact.decided), features(text), OFFICE_WEIGHT)
    eng.topic.unlearn(text, fact.topic, ref=fact.code, weight=OFFICE_WEIGHT)
    eng.near.forget(fact.code)


def _office_scope(case_scope: str | None, outcome: str | None) -> Scope | None:
    """What the office decided, in the scope words: the ground of a rejection, a transfer,
    a request for details, or an acceptance."""
    if case_scope in (ScopeCategory.COMPLAINT, ScopeCategory.DENUNCIATION):
        return Scope(case_scope)
    if case_scope == ScopeCategory.LEGAL_ADVICE:
        return Scope.LEGAL_ADVICE
    match outcome:
        case Outcome.TRANSFERRED:
            return Scope.OUT_OF_REMIT
        case Outcome.CLARIFICATION:
            return Scope.MISSING_DETAILS
        case Outcome.ACCEPTED | Outcome.FORWARDED:
            return Scope.ACCEPT
    return None


class RoutingService:
    def __init__(
        self,
        db: Database,
        guard: Guard | None = None,
        now: Callable[[], datetime] = vn_now,
        corpus: Sequence[LabelledText] | None = None,
        cases: CaseService | None = None,
    ) -> None:
        self._db = db
        self._cases = cases  # its deadline rule, for a case reopened by an unlink
        self._looked: float | None = None  # time.monotonic() of the last look, or None
        # The words of the cases the repeat check reads again on every suggestion (the newest
        # REPEAT_SCAN): by case id, with the texts they came from (an edited case is read anew).
        self._words: dict[int, tuple[str, str, frozenset[str]]] = {}
        if cases is not None:
            cases.decided.append(self.decisions_changed)
        self._now = now
        self.guard = guard or Guard(db, now)
        self._corpus = corpus
        self._engines: _Engines | None = None
        self._lock = threading.Lock()  # guards _engines and builds
        self._build_lock = threading.Lock()  # one build at a time
        self.builds = 0  # how many times the engines were built (a read for tests and logs)
        self.updates = 0  # how many times new decisions were learnt without a build
        # Held while the engines are read for a suggestion or changed in place by a catch-up.
        self._use = threading.RLock()
        self._generation = 0  # moved on by a new remit table: a build begun before is stale

    # --- the engines -----------------------------------------------------------------------
    def corpus(self) -> Sequence[LabelledText]:
        if self._corpus is None:
            texts = load_corpus(resource_path("routing", "corpus.jsonl"))
            # The held-out part is for the bench: never learnt from, here either.
            self._corpus = [t for t in texts if t.split == "train"]
        return self._corpus

    def _signature(self, s: Session) -> tuple[int, int]:
        n, newest = s.execute(
            select(func.count(Case.id), func.coalesce(func.max(Case.id), 0)).where(
                Case.classified_on.is_not(None)
            )
        ).one()
        return int(n), int(newest)

    def decisions_changed(self) -> None:
        """A classification was committed here: the next suggestion looks again."""
        with self._lock:
            self._looked = None

    def engines(self) -> _Engines:
        """The engines for the office's decisions as they stand; rebuilt when they changed.
        Safe to call from a worker thread: one build at a time, and a caller that waited for
        another's build (the warm-up after log-in) takes its result."""
        with self._lock:
            looked = self._looked
            if (
                self._engines is not None
                and looked is not None
                and time.monotonic() - looked < DECISIONS_LOOK_S
            ):
                return self._engines
        with self._db.read() as s:
            sig = self._signature(s)
        with self._lock:
            if self._engines is not None and self._engines.signature == sig:
                self._looked = time.monotonic()
                return self._engines
        with self._build_lock:
            with self._lock:
                eng = self._engines
                if eng is not None and eng.signature == sig:
                    return eng
            if eng is not None:
                caught_up = self._catch_up(eng)
                if caught_up is not None:
                    return caught_up
            return self._build()

    def _catch_up(self, eng: _Engines) -> _Engines | None:
        """Learn the decisions made since the engines were built, one case at a time: a
        new decision adds its counts, a changed one takes the old counts back first (the
        engines in use are changed in place, under ``_use``). None when that cannot be done
        and a full build is needed: too many changes, a decided text edited since it was
        learnt, or a case no longer decided."""
        assert eng.since is not None
        with self._lock:
            generation = self._generation
        with self._db.read() as s:
            sig = self._signature(s)
            rows = s.execute(
                select(*_LEARN_COLUMNS)
                .where(Case.classified_on >= eng.since - timedelta(days=1))
                .order_by(Case.id)
                .limit(CATCH_UP_MAX + 1)
            ).all()
            unit_names = {uid: name for uid, name in s.execute(select(Unit.id, Unit.name)).all()}
        if len(rows) > CATCH_UP_MAX:
            return None
        plan: list[tuple[int, _Fact | None, _Fact, str]] = []
        for case_id, code, title, content, *rest in rows:
            text = joined_text(title, content)
            new = _fact(code, text, rest)
            kept = eng.facts.get(case_id)
            old = _Fact._make(kept) if kept is not None else None
            if old == new:
                continue
            if old is not None and old.text_key != new.text_key:
                return None  # the text it was learnt from is gone
            plan.append((case_id, old, new, text))
        added = sum(old is None for _i, old, _n, _t in plan)
        if sig[0] != eng.signature[0] + added:
            return None  # a decision left (or came otherwise than by a classification)
        with self._use:
            for case_id, old, new, text in plan:
                if old is not None:
                    _unlearn(eng, old, text)
                _learn(eng, new, text, now=True)
                eng.facts[case_id] = new.plain()
            eng.signature = sig
            eng.since = self._now().date()
            eng.learnt += added
            eng.unit_names = unit_names
        with self._lock:
            self.updates += 1
            if generation != self._generation:
                return None  # the remit table changed meanwhile: build anew
            self._looked = time.monotonic()
        return eng

    def warm(self) -> bool:
        """Whether the engines are built for the office's decisions as they stand (the next
        suggestion will not rebuild them). Reads only."""
        with self._db.read() as s:
            sig = self._signature(s)
        with self._lock:
            return self._engines is not None and self._engines.signature == sig

    def warm_up(self, actor: Actor) -> int:
        """Build the engines now, ahead of the first suggestion (the window starts this off
        the GUI thread after log-in, for those who receive or classify). Returns the number
        of the office's own decisions learnt from."""
        self.guard.require(actor, P.RECEIVE, P.CLASSIFY)
        return self.engines().learnt

    def _build(self) -> _Engines:
        with self._lock:
            generation = self._generation
        corpus = self.corpus()
        breathe = _Breather()
        with self._db.read() as s:
            sig = self._signature(s)
            remit = self._remit_rules(s)
            unit_names = {uid: name for uid, name in s.execute(select(Unit.id, Unit.name)).all()}
            office_topics = self._topics(s)
            scope = ScopeEngine(corpus, remit)
            topic = TopicEngine(corpus)
            near = NearestCases()
            built = _Engines(
                sig, scope, topic, near, 0, unit_names, office_topics, since=self._now().date()
            )
            # Learnt as the rows come, LEARN_BATCH at a time, in the same order (newest
            # first): the 50,000 titles and contents held at once in one list, as before,
            # were a peak of tens of megabytes that the allocator kept after the build
            # (issue 24). One read, as before: the signature and the rows are one snapshot.
            result = s.execute(
                select(*_LEARN_COLUMNS)
                .where(Case.classified_on.is_not(None))
                .order_by(Case.id.desc())
                .limit(MAX_LEARNT)
                .execution_options(yield_per=LEARN_BATCH)
            )
            for batch in result.partitions():
                for case_id, code, title, content, *rest in batch:
                    text = joined_text(title, content)
                    fact = _fact(code, text, rest)
                    _learn(built, fact, text, now=False)
                    built.facts[case_id] = fact.plain()
                    built.learnt += 1
                    breathe()
                del batch
            if self._db.is_sqlite:
                # The read filled this connection's page cache (up to 32 MiB) with the pages
                # of old decided cases that nothing else reads: give them back.
                s.connection().exec_driver_sql("PRAGMA shrink_memory")
        # The nearest-case tables index themselves on their first query (seconds at 50,000
        # cases): do it here, resting as above, so that a warm-up leaves nothing for the
        # first suggestion and no two threads index the same table at once.
        near.build_index(breathe)
        topic.near.build_index(breathe)
        _release_freed_memory()
        with self._lock:
            self.builds += 1
            if generation == self._generation:
                self._engines = built
                self._looked = time.monotonic()
        return built

    # --- suggestions -----------------------------------------------------------------------
    def suggest(
        self,
        actor: Actor,
        title: str,
        content: str,
        *,
        channel: str = "",
        phone: str = "",
        email: str = "",
        contact_missing: bool = False,
        received_at: datetime | None = None,
        exclude_case_id: int | None = None,
    ) -> Suggestion:
        """The suggestion for a PAKN being entered or classified. Reads only."""
        actor = self.guard.require(actor, P.RECEIVE, P.CLASSIFY, P.VIEW_CASES)
        title, content = clean_text(title or ""), clean_text(content or "")
        eng = self.engines()
        text = joined_text(title, content)
        with self._use:  # a catch-up may be changing the engines in place
            scope = eng.scope.suggest(title, content, contact_missing=contact_missing)
            topics = tuple(
                in_office_words(eng.topic.suggest(title, content, top=5), eng.topics)[:3]
            )
            neighbours = eng.near.nearest(text, 15)
            learnt = eng.learnt
            unit_names = dict(eng.unit_names)
        with self._db.read() as s:
            officials = self._officials(s, neighbours)
            units = self._units(neighbours, topics, unit_names, officials)
            repeats = self._repeats(
                s, text, channel, phone, email, received_at or self._now(), exclude_case_id
            )
        if scope.scope is not Scope.ACCEPT:
            # Another agency's matter, a complaint …: nobody here handles it.
            officials = ()
        return Suggestion(scope, text, topics, units, officials, repeats, learnt_from=learnt)

    def suggest_for_case(self, actor: Actor, code: str) -> Suggestion:
        with self._db.read() as s:
            row = s.execute(
                select(
                    Case.id,
                    Case.title,
                    Case.content,
                    Case.channel,
                    Case.received_at,
                    Submitter.phone,
                    Submitter.email,
                    Submitter.name,
                    Submitter.address,
                )
                .join(Submitter, Submitter.id == Case.submitter_id)
                .where(Case.code == code)
            ).one_or_none()
        if row is None:
            raise PaknError(f"Không tìm thấy PAKN {code}.")
        case_id, title, content, channel, received_at, phone, email, name, address = row
        missing = not (name or "").strip() or not (address or "").strip() or not (phone or "")
        return self.suggest(
            actor,
            title,
            content,
            channel=channel,
            phone=phone or "",
            email=email or "",
            contact_missing=missing,
            received_at=received_at,
            exclude_case_id=case_id,
        )

    def _officials(
        self, s: Session, neighbours: Sequence[tuple[float, str, dict[str, str]]]
    ) -> tuple[OfficialCandidate, ...]:
        """Officials who handled the nearest cases, weighed by how many open cases each
        holds now: an official with 10 open cases counts half of one with none."""
        people = {
            uid: (name, unit_id)
            for uid, name, unit_id, roles, role in s.execute(
                select(User.id, User.full_name, User.unit_id, User.roles, User.role).where(
                    User.active.is_(True)
                )
            ).all()
            if Role.OFFICIAL in (roles or role or "").split(",") or role == Role.OFFICIAL
        }
        if not people:
            return ()
        # The official as an expression, not the column: the database counts from the open
        # states' index (a few thousand rows) instead of walking every case each official
        # ever held (1.2 s at a million cases).
        official = func.coalesce(Case.official_id, 0)
        load = {
            uid: n
            for uid, n in s.execute(
                select(official, func.count(Case.id))
                .where(Case.state.in_([x.value for x in OPEN_STATES]), official.in_(people))
                .group_by(official)
            ).all()
        }
        votes = vote(neighbours, "official", top=10)
        out = []
        for c in votes:
            uid = int(c.value)
            if uid not in people:
                continue  # left the office or no longer handles cases
            open_cases = int(load.get(uid, 0))
            out.append(
                OfficialCandidate(
                    uid,
                    people[uid][0],
                    round(c.score / (1 + open_cases / 10), 3),
                    open_cases,
                    c.refs,
                )
            )
        if not out:
            # Cold start: nobody has decided cases yet; the least loaded officials.
            out = [
                OfficialCandidate(uid, name, 0.0, int(load.get(uid, 0)))
                for uid, (name, _u) in people.items()
            ]
            out.sort(key=lambda o: (o.open_cases, o.name))
        else:
            out.sort(key=lambda o: -o.score)
        return tuple(out[:3])

    @staticmethod
    def _units(
        neighbours: Sequence[tuple[float, str, dict[str, str]]],
        topics: Sequence[Candidate],
        unit_names: dict[int, str],
        officials: Sequence[OfficialCandidate],
    ) -> tuple[UnitCandidate, ...]:
        out = [
            UnitCandidate(int(c.value), unit_names[int(c.value)], c.score, c.refs)
            for c in vote(neighbours, "unit", top=3)
            if int(c.value) in unit_names
        ]
        if out:
            return tuple(out)
        # Cold start: the unit whose name shares the most words with the likely topics
        # ("Lao động, việc làm" -> "Phòng Lao động - Việc làm").
        scored: Counter[int] = Counter()
        for rank, t in enumerate(topics):
            words = set(tokens(t.value)) - {"phong", "chinh", "sach", "pakn", "ve", "va"}
            for uid, name in unit_names.items():
                shared = len(words & set(tokens(name)))
                if shared:
                    scored[uid] += shared * (3 - rank)
        return tuple(
            UnitCandidate(uid, unit_names[uid], round(score / 10, 3))
            for uid, score in scored.most_common(3)
        )

    def _repeats(
        self,
        s: Session,
        text: str,
        channel: str,
        phone: str,
        email: str,
        received_at: datetime,
        exclude_case_id: int | None,
    ) -> tuple[RepeatCandidate, ...]:
        """Earlier cases within ``REPEAT_DAYS`` from the same phone or e-mail, or with
        nearly the same words: the same PAKN arriving by another channel or again."""
        since = received_at - timedelta(days=REPEAT_DAYS)
        base = (
            select(
                Case.id,
                Case.code,
                Case.channel,
                Case.received_at,
                Case.state,
                Case.title,
                Case.content,
                Submitter.email,
            )
            .join(Submitter, Submitter.id == Case.submitter_id)
            .where(Case.received_at >= since, Case.received_at <= received_at + timedelta(days=1))
        )
        if exclude_case_id is not None:
            base = base.where(Case.id != exclude_case_id)
        found: dict[str, RepeatCandidate] = {}
        words = set(tokens(text))
        conds = []
        phone_norm = normalize_phone(phone) if phone else None
        if phone_norm:
            conds.append(Submitter.phone_norm == phone_norm)
        mail = email.strip().lower()
        if mail:
            conds.append(func.lower(Submitter.email) == mail)
        if conds:
            for cid, code, ch, at, state, t, c, e in s.execute(base.where(or_(*conds))).all():
                same = self._case_words(cid, t, c)
                sim = len(words & same) / len(words | same) if words | same else 0.0
                how = (
                    "cùng thư điện tử"
                    if mail and (e or "").lower() == mail
                    else "cùng số điện thoại"
                )
                # The same person may send two different PAKN: the text must still be alike.
                if sim >= REPEAT_SIMILARITY / 2:
                    found[code] = RepeatCandidate(code, ch, at, state, how, round(sim, 2))
        if len(words) >= 6:
            recent = s.execute(base.order_by(Case.received_at.desc()).limit(REPEAT_SCAN)).all()
            for cid, code, ch, at, state, t, c, _e in recent:
                if code in found:
                    continue
                same = self._case_words(cid, t, c)
                union = words | same
                sim = len(words & same) / len(union) if union else 0.0
                if sim >= REPEAT_SIMILARITY:
                    found[code] = RepeatCandidate(
                        code, ch, at, state, "nội dung gần giống", round(sim, 2)
                    )
        return tuple(sorted(found.values(), key=lambda r: (-r.similarity, r.received_at))[:3])

    def _case_words(self, case_id: int, title: str, content: str) -> frozenset[str]:
        """A case's words, kept while its title and content stay as they were."""
        kept = self._words.get(case_id)
        if kept is not None and kept[0] == title and kept[1] == content:
            return kept[2]
        if len(self._words) > 4 * REPEAT_SCAN:
            self._words.clear()  # the newest cases moved on: start again
        words = frozenset(tokens(joined_text(title, content)))
        self._words[case_id] = (title, content, words)
        return words

    # --- what was suggested, and whether it was taken ---------------------------------------
    def record_suggestion(self, actor: Actor, code: str, suggestion: Suggestion) -> None:
        """Note what was suggested for a case (one row per kind), before the person decides."""
        actor = self.guard.require(actor, P.RECEIVE, P.CLASSIFY)
        values = {
            "scope": str(suggestion.scope.scope),
            "topic": suggestion.topic,
            "unit": suggestion.units[0].name if suggestion.units else "",
            "official": suggestion.officials[0].name if suggestion.officials else "",
            "repeat": suggestion.repeats[0].code if suggestion.repeats else "",
        }
        with self._db.write() as s:
            case_id = self._case_id(s, code)
            for kind, value in values.items():
                if not value:
                    continue
                s.add(
                    RoutingSuggestion(
                        case_id=case_id,
                        kind=kind,
                        suggested=value[:300],
                        confidence=round(suggestion.confidence * 100),
                        # The rule's reason only: the phrase is the person's own text, which
                        # stays with the case (and is anonymised with it).
                        why=suggestion.scope.reason if kind == "scope" else "",
                        at=self._now(),
                        actor_name=actor.name,
                    )
                )

    def record_choice(self, actor: Actor, code: str, kind: str, chosen: str) -> bool | None:
        """What the person chose for ``kind``; returns whether the latest suggestion of that
        kind was taken (None when nothing of that kind was suggested)."""
        if kind not in KINDS:
            raise PaknError(f"Loại gợi ý không hợp lệ: {kind}.")
        actor = self.guard.require(actor, P.RECEIVE, P.CLASSIFY)
        with self._db.write() as s:
            case_id = self._case_id(s, code)
            row = s.scalars(
                select(RoutingSuggestion)
                .where(RoutingSuggestion.case_id == case_id, RoutingSuggestion.kind == kind)
                .order_by(RoutingSuggestion.id.desc())
                .limit(1)
            ).first()
            if row is None:
                return None
            row.chosen = chosen[:300]
            row.taken = fold(chosen) == fold(row.suggested)
            return row.taken

    def record_decision(self, actor: Actor, code: str) -> dict[str, bool]:
        """After the person classified the case: what was chosen for each kind suggested,
        read from the case as stored (its outcome and ground, topic, unit and official).
        Returns {kind: taken} for the kinds that had a suggestion."""
        actor = self.guard.require(actor, P.RECEIVE, P.CLASSIFY)
        with self._db.read() as s:
            row = s.execute(
                select(
                    Case.outcome,
                    Case.scope,
                    Case.rejection_reason,
                    Case.topic,
                    Unit.name,
                    User.full_name,
                )
                .outerjoin(Unit, Unit.id == Case.unit_id)
                .outerjoin(User, User.id == Case.official_id)
                .where(Case.code == code)
            ).one_or_none()
        if row is None:
            raise PaknError(f"Không tìm thấy PAKN {code}.")
        outcome, case_scope, reason, topic, unit, official = row
        chosen: dict[str, str] = {
            "topic": topic or "",
            "unit": unit or "",
            "official": official or "",
        }
        decided = _office_scope(case_scope, outcome)
        if decided is None and outcome == Outcome.REJECTED:
            decided = next(
                (
                    sc
                    for sc, g in SCOPE_GROUNDS.items()
                    if REJECTION_PRESETS[g].reason.split("{")[0] in (reason or "")
                ),
                None,
            )
        if outcome:
            chosen["scope"] = str(decided) if decided else str(outcome)
        out: dict[str, bool] = {}
        for kind, value in chosen.items():
            if not value:
                continue
            taken = self.record_choice(actor, code, kind, value)
            if taken is not None:
                out[kind] = taken
        return out

    def agreement(self, actor: Actor, months: int = 12) -> list[AgreementRow]:
        """The monthly agreement rate per kind of suggestion, newest month first."""
        self.guard.require(actor, P.STATISTICS, P.CLASSIFY)
        since = self._now() - timedelta(days=31 * months)
        with self._db.read() as s:
            rows = s.execute(
                select(RoutingSuggestion.at, RoutingSuggestion.kind, RoutingSuggestion.taken).where(
                    RoutingSuggestion.at >= since
                )
            ).all()
        acc: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        for at, kind, taken in rows:
            a = acc[(at.strftime("%Y-%m"), kind)]
            a[0] += 1
            if taken is not None:
                a[1] += 1
                a[2] += bool(taken)
        return [
            AgreementRow(month, kind, n, d, t)
            for (month, kind), (n, d, t) in sorted(
                acc.items(), key=lambda kv: (kv[0][0], KINDS.index(kv[0][1])), reverse=False
            )
        ][::-1]

    # --- repeats ---------------------------------------------------------------------------
    def link_repeat(self, actor: Actor, code: str, earlier_code: str) -> list[str]:
        """Mark ``code`` as the same PAKN as ``earlier_code``: only one answer goes out for
        the cases so linked (``pakn_desktop.domain.repeats``). When one of them was answered
        already, the others still open are closed as answered by its letter. Returns the
        codes so closed. Refused (RepeatLinkRefused): itself, linked already, both answered."""
        actor = self.guard.require(actor, P.RECEIVE, P.CLASSIFY)
        if code == earlier_code:
            raise RepeatLinkRefused("Không thể liên kết một PAKN với chính nó.")
        now = self._now()
        try:
            with self._db.write() as s:
                closed = repeats.link(
                    s,
                    self._case_id(s, code),
                    self._case_id(s, earlier_code),
                    actor,
                    now,
                    now.date(),
                    lambda already, group: link_refusal(code, earlier_code, already, group),
                )
        except IntegrityError:
            raise RepeatLinkRefused(f"PAKN {code} đã được liên kết với {earlier_code}.") from None
        # A repeat that was suggested and is now linked counts as taken.
        self.record_choice(actor, code, "repeat", earlier_code)
        return closed

    def unlink_repeat(self, actor: Actor, code: str, other_code: str) -> list[str]:
        """Undo a link made by mistake (a head's decision: it can reopen a case). A case
        closed as answered by the other goes back to where it was, when nothing happened to
        it since. Returns the codes so reopened."""
        actor = self.guard.require(actor, P.CLASSIFY)
        with self._db.write() as s:
            return repeats.unlink(
                s,
                self._case_id(s, code),
                self._case_id(s, other_code),
                actor,
                self._now(),
                self._refresh_due,
            )

    def _refresh_due(self, case: Case) -> None:
        if self._cases is None:
            raise PaknError("Thiếu dịch vụ hồ sơ để tính lại thời hạn.")
        self._cases._refresh_due(case)

    def links(self, actor: Actor, code: str) -> list[str]:
        """Codes of the cases linked to ``code`` as the same PAKN, either way."""
        self.guard.require(actor, P.VIEW_CASES, P.RECEIVE)
        with self._db.read() as s:
            cid = self._case_id(s, code)
            ids = [
                b if a == cid else a
                for a, b in s.execute(
                    select(CaseLink.case_id, CaseLink.earlier_id).where(
                        or_(CaseLink.case_id == cid, CaseLink.earlier_id == cid)
                    )
                ).all()
            ]
            return list(s.scalars(select(Case.code).where(Case.id.in_(ids)).order_by(Case.id)))

    def repeat_status(self, actor: Actor, code: str) -> RepeatStatus:
        """What the window says of a case linked as a repeat: the cases linked with it (the
        whole group) and the case whose answer letter goes, or went, out for them all."""
        self.guard.require(actor, P.VIEW_CASES, P.RECEIVE)
        with self._db.read() as s:
            cid = self._case_id(s, code)
            group = repeats.members(s, sorted(repeats.group_ids(s, [cid])))
        c = carrier(group)
        return RepeatStatus(
            code=code,
            linked=tuple(m.code for m in group if m.case_id != cid),
            answered_by=c.code if c is not None else "",
            letter=c.answer.number_text if c is not None and c.answer is not None else "",
        )

    # --- the office's topics -----------------------------------------------------------------
    @staticmethod
    def _topics(s: Session) -> tuple[str, ...]:
        names = tuple(s.scalars(select(OfficeTopic.name).order_by(OfficeTopic.position)))
        return names or DEFAULT_TOPICS

    def topics(self) -> tuple[str, ...]:
        """The office's list of topics, offered by the intake form and the queue's filter: a
        new office's is today's ``DEFAULT_TOPICS``, an older office keeps its own (0024)."""
        with self._db.read() as s:
            return self._topics(s)

    # --- the remit table -------------------------------------------------------------------
    def _remit_rules(self, s: Session) -> list[RemitRule]:
        rows = s.execute(
            select(RemitRuleRow.agency, RemitRuleRow.words).order_by(RemitRuleRow.position)
        ).all()
        return parse_remit("".join(f"{a}: {w}\n" for a, w in rows))

    def remit_text(self) -> str:
        with self._db.read() as s:
            rows = s.execute(
                select(RemitRuleRow.agency, RemitRuleRow.words).order_by(RemitRuleRow.position)
            ).all()
        return "".join(f"{a}: {w}\n" for a, w in rows)

    def save_remit(self, actor: Actor, text: str) -> int:
        """Replace the remit table from its text (one agency a line, "Agency: word, word");
        a wrong line raises PaknError naming it and nothing changes. Returns the rows kept."""
        self.guard.require(actor, P.OFFICE_SETTINGS)
        parse_remit(text)  # a wrong line raises, naming it
        lines = [
            line.strip().partition(":")
            for line in clean_text(text).splitlines()
            if line.strip() and not line.strip().startswith("#")
        ]
        with self._db.write() as s:
            s.query(RemitRuleRow).delete()
            for i, (agency, _sep, words) in enumerate(lines):
                s.add(RemitRuleRow(position=i, agency=agency.strip()[:300], words=words.strip()))
        with self._lock:
            self._engines = None
            self._generation += 1
        return len(lines)

    @staticmethod
    def default_remit_text() -> str:
        return "".join(f"{a}: {w}\n" for a, w in DEFAULT_REMIT_ROWS)

    @staticmethod
    def _case_id(s: Session, code: str) -> int:
        cid = s.scalar(select(Case.id).where(Case.code == code))
        if cid is None:
            raise PaknError(f"Không tìm thấy PAKN {code}.")
        return int(cid)


def suggestion_record(s: Suggestion) -> dict[str, object]:
    """The plain record of a suggestion (``pakn suggest``): the scope word, the top topic,
    the unit (or the competent agency), the confidence and the reason, plus what a person
    checks next."""
    out: dict[str, object] = {
        "scope": str(s.scope.scope),
        "topic": s.topic,
        "unit": s.unit,
        "confidence": s.confidence,
        "why": s.why,
    }
    if s.scope.phrase:
        out["phrase"] = s.scope.phrase
    if s.scope.mixed_with:
        out["mixed_with"] = str(s.scope.mixed_with)
    if s.scope.ground:
        out["ground"] = str(s.scope.ground)
    if s.officials:
        out["official"] = s.officials[0].name
    if s.repeats:
        out["repeat_of"] = s.repeats[0].code
    return out
