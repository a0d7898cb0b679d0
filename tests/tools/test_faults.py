"""The short fault suite (tools/faults.py --quick) inside make test: kill -9 during intakes,
letters and migrations, desks writing and starting together, a restore while a desk writes and
a full disk; nothing confirmed lost, nothing corrupt, duplicated or raising a traceback."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("PAKN_TEST_DATABASE_URL", "").strip()
if PG_URL.startswith("postgresql://"):
    PG_URL = "postgresql+psycopg://" + PG_URL[len("postgresql://") :]


def load_faults() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pakn_faults", ROOT / "tools" / "faults.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pakn_faults"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and fork are POSIX")
def test_quick_fault_suite(tmp_path: Path) -> None:
    faults = load_faults()
    backends = ["sqlite", "postgres"] if PG_URL else ["sqlite"]
    only = faults.quick_selection()
    rows = faults.run(backends, PG_URL or None, faults.QUICK, tmp_path, only)
    print(faults.table(rows))
    assert len(rows) == len(only["sqlite"]) + (len(only["postgres"]) if PG_URL else 0)
    for row in rows:
        assert not row.failed, faults.table([row])
    by_name = {(r.scenario, r.backend): r for r in rows}
    lite = by_name[("kill -9 during intakes", "sqlite")]
    assert lite.kills >= 1 and lite.operations > 0
    assert by_name[("disk fills up during intakes", "sqlite")].refused >= 1
    if PG_URL:
        assert by_name[("restore while another desk writes", "postgres")].refused == 1
        assert by_name[("4 desks starting on a fresh database", "postgres")].lost == 0


def test_the_table_fails_the_run_when_a_confirmed_save_is_lost() -> None:
    faults = load_faults()
    good = faults.Row("x", "sqlite", operations=3)
    bad = faults.Row("y", "sqlite", operations=3, lost=1)
    assert not good.failed and bad.failed
    text = faults.table([good, bad])
    assert "lost" in text.splitlines()[0] and "tracebacks" in text.splitlines()[0]
