"""`make bench` is run by hand, not by the tests: at least every part of it must still import
against the current code (a renamed function once broke the reports part only at run time)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
PARTS = sorted(p.stem for p in BENCH.glob("bench_*.py"))


def test_there_are_bench_parts() -> None:
    assert "bench_queue" in PARTS and "bench_reports" in PARTS and "bench_letters" in PARTS


@pytest.mark.parametrize("part", PARTS)
def test_each_bench_part_imports(part: str) -> None:
    module = importlib.import_module(f"bench.{part}")
    assert callable(getattr(module, "main", None)) or callable(getattr(module, "run", None))
