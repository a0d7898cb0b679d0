"""The nearest-case tables kept in few Python objects (issue 24): the same neighbours and the
same weights, to the last bit, as the list-of-tuples tables they replace, and a walk of the
garbage collector over them that does not grow with the cases' words."""

from __future__ import annotations

import gc
import heapq
import itertools
import random
from collections import Counter, defaultdict

import pytest

from pakn_desktop.domain.routing import (
    POSTINGS,
    QUERY_WORDS,
    LabelledText,
    NearestCases,
    _idf_vector,
    load_corpus,
    tokens,
)
from pakn_desktop.resources import resource_path


class ListNearestCases:
    """The table as it was before (commit dee4309): a list of words per case, and each
    word's postings a list of (case, weight) tuples. The oracle the compact table must match."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, dict[str, str], dict[str, float]]] = []
        self._toks: list[list[str]] = []
        self.df: Counter[str] = Counter()
        self.index: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self._dirty = False

    def add(self, ref: str, text: str, labels: dict[str, str]) -> None:
        toks = tokens(text)
        self._toks.append(toks)
        self.rows.append((ref, labels, {}))
        for t in set(toks):
            self.df[t] += 1
        self._dirty = True

    def add_now(self, ref: str, text: str, labels: dict[str, str]) -> None:
        if self._dirty or not self.rows:
            self.add(ref, text, labels)
            return
        toks = tokens(text)
        for t in set(toks):
            self.df[t] += 1
        i = len(self.rows)
        self._toks.append(toks)
        self.rows.append((ref, labels, {}))
        for t, v in _idf_vector(toks, self.df, len(self.rows)).items():
            self.index[t].insert(0, (i, v))

    def forget(self, ref: str) -> None:
        for i, row in enumerate(self.rows):
            if row[0] == ref and row[1]:
                self.rows[i] = (ref, {}, {})

    def _build(self) -> None:
        n = len(self.rows)
        self.index = defaultdict(list)
        for i, ((ref, labels, _), toks) in enumerate(zip(self.rows, self._toks, strict=True)):
            vec = _idf_vector(toks, self.df, n)
            self.rows[i] = (ref, labels, {})
            for t, v in vec.items():
                self.index[t].append((i, v))
        self._dirty = False

    def nearest(self, text: str, k: int = 10) -> list[tuple[float, str, dict[str, str]]]:
        if not self.rows:
            return []
        if self._dirty:
            self._build()
        q = _idf_vector(tokens(text), self.df, len(self.rows))
        rare = sorted(q, key=lambda t: self.df.get(t, 0))[:QUERY_WORDS]
        scores: defaultdict[int, float] = defaultdict(float)
        for t in rare:
            w = q[t]
            for i, v in itertools.islice(self.index.get(t, ()), POSTINGS):
                scores[i] += w * v
        best = heapq.nlargest(k, scores.items(), key=lambda kv: kv[1])
        return [(s, self.rows[i][0], self.rows[i][1]) for i, s in best if s > 0]


@pytest.fixture(scope="module")
def corpus() -> list[LabelledText]:
    return load_corpus(resource_path("routing", "corpus.jsonl"))


def office_cases(corpus: list[LabelledText], n: int) -> list[tuple[str, str, dict[str, str]]]:
    """``n`` decided cases made from the training texts, each with words of its own, a few
    of them long enough that a common word has more than POSTINGS cases."""
    rng = random.Random(24)
    train = [t for t in corpus if t.split == "train"]
    extra = ["thôn", "xã", "phường", "tháng", "năm", "hồ", "sơ", "Sở", "đề", "nghị"]
    out = []
    for i in range(n):
        t = rng.choice(train)
        words = " ".join(rng.choice(extra) for _ in range(rng.randint(0, 8)))
        text = f"{t.text} {words} số {rng.randint(1, 500)}"
        labels = {"unit": str(i % 7), "official": str(i % 23)} if i % 5 else {"topic": t.topic}
        out.append((f"26-{i:06d}", text, labels))
    return out


def test_the_compact_table_finds_what_the_list_table_found(corpus: list[LabelledText]) -> None:
    cases = office_cases(corpus, 2_500)
    queries = [t.text for t in corpus if t.split == "test"] + ["", "đề nghị", "khởi tạo"]
    old, new = ListNearestCases(), NearestCases()
    for table in (old, new):
        for ref, text, labels in cases[:2_000]:
            table.add(ref, text, labels)
    # Indexed on the first query; then cases learnt one by one, and decisions changed.
    assert [old.nearest(q, 15) for q in queries] == [new.nearest(q, 15) for q in queries]
    for table in (old, new):
        for ref, text, labels in cases[2_000:]:
            table.add_now(ref, text, labels)
        for ref, _text, _labels in cases[::97]:
            table.forget(ref)
    found_old = [old.nearest(q, 15) for q in queries]
    found_new = [new.nearest(q, 15) for q in queries]
    assert found_new == found_old  # the same cases, labels and float scores, in the same order
    assert sum(len(f) for f in found_new) > 10 * len(queries)  # and they found something
    assert max(len(p) for p in old.index.values()) > POSTINGS  # the cut-off was exercised
    assert len(new) == len(old.rows) == 2_500


def collector_walk(root: object) -> int:
    """How many references the garbage collector follows from the tracked objects reachable
    from ``root``: what each full collection walks, with the interpreter's lock held."""
    gc.collect()  # tuples of plain values are left alone from their first collection on
    seen: set[int] = set()
    todo = [root]
    edges = 0
    while todo:
        obj = todo.pop()
        if id(obj) in seen or not gc.is_tracked(obj) or isinstance(obj, type):
            continue
        seen.add(id(obj))
        referents = gc.get_referents(obj)
        edges += len(referents)
        todo.extend(referents)
    return edges


def test_the_collector_walks_no_more_of_the_table_for_each_case_more(
    corpus: list[LabelledText],
) -> None:
    cases = office_cases(corpus, 3_000)
    growth = []
    for kind in (ListNearestCases, NearestCases):
        walks = []
        for n in (1_500, 3_000):
            table = kind()
            for ref, text, labels in cases[:n]:
                table.add(ref, text, labels)
            table.nearest("khởi tạo")
            walks.append(collector_walk(table))
        growth.append((walks[1] - walks[0]) / 1_500)
    listed, compact = growth
    assert listed > 50  # each case's words and postings, one reference each
    assert compact < 1  # only the words not seen before (a case's code and labels: none)
