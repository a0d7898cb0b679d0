"""Personal-data detector: precision and recall on the table of real-looking Vietnamese
sentences in tests/domain/test_personal_data.py (positive and negative), per kind and
overall, and how fast it reads text.

A finding counts as right only if both its kind and its exact text match the table. The
detector was tuned on most of this table, so its figures here are an upper bound; the 18
sentences marked "held out" were written afterwards and first scored precision 1.00, recall
0.94 (one labelled tax code missed, then fixed)."""

from __future__ import annotations

import importlib.util
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

from pakn_desktop.domain.personal_data import find_personal_data

TABLE = Path(__file__).resolve().parent.parent / "tests" / "domain" / "test_personal_data.py"
# The detector before labelled identifiers were added (main at 5a8b6bf), measured once on
# this table when it had BASELINE_ROWS sentences.
BASELINE = {"precision": 0.892, "recall": 0.423}
BASELINE_ROWS = 115


def _table() -> list[tuple[str, list[tuple[str, str]]]]:
    spec = importlib.util.spec_from_file_location("_pd_table", TABLE)
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.CASES)


def score(
    cases: list[tuple[str, list[tuple[str, str]]]],
) -> tuple[Counter[str], Counter[str], Counter[str], list[str]]:
    """(true positives, false positives, false negatives) by kind, and the sentences with
    a mistake."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    wrong: list[str] = []
    for text, expected in cases:
        found = Counter((f.kind, f.text) for f in find_personal_data(text))
        want = Counter(expected)
        for (kind, _value), n in (found & want).items():
            tp[kind] += n
        for (kind, _value), n in (found - want).items():
            fp[kind] += n
        for (kind, _value), n in (want - found).items():
            fn[kind] += n
        if found != want:
            wrong.append(text)
    return tp, fp, fn, wrong


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def main(repeat: int = 200) -> None:
    cases = _table()
    tp, fp, fn, wrong = score(cases)
    positives = sum(1 for _t, e in cases if e)
    print(
        f"table: {len(cases)} sentences ({positives} with personal data, "
        f"{len(cases) - positives} without)"
    )
    print(f"{'kind':<18}{'found':>7}{'wrong':>7}{'missed':>8}{'precision':>11}{'recall':>8}")
    for kind in sorted(set(tp) | set(fp) | set(fn)):
        print(
            f"{kind:<18}{tp[kind]:>7}{fp[kind]:>7}{fn[kind]:>8}"
            f"{_ratio(tp[kind], tp[kind] + fp[kind]):>11.2f}"
            f"{_ratio(tp[kind], tp[kind] + fn[kind]):>8.2f}"
        )
    t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision, recall = _ratio(t, t + f), _ratio(t, t + n)
    print(
        f"overall: precision {precision:.3f} (baseline {BASELINE['precision']:.3f}), "
        f"recall {recall:.3f} (baseline {BASELINE['recall']:.3f})"
    )
    if len(cases) != BASELINE_ROWS:
        print(f"  (the baseline was measured on {BASELINE_ROWS} sentences, not {len(cases)})")
    for text in wrong:
        print(f"  mistake: {text}")
    chars = sum(len(text) for text, _e in cases) * repeat
    t0 = time.perf_counter()
    for _ in range(repeat):
        for text, _e in cases:
            find_personal_data(text)
    elapsed = time.perf_counter() - t0
    print(f"speed: {chars / elapsed / 1000:.0f} k characters/s ({elapsed:.2f} s)")


if __name__ == "__main__":
    main()
