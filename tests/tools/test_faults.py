"""The short fault suite (tools/faults.py --quick) inside make test: kill -9 during intakes,
letters and migrations, desks writing and starting together, a restore while a desk writes and
a full disk; nothing confirmed lost, nothing corrupt, duplicated or raising a traceback.

One test per scenario and backend, so that pytest-xdist spreads the suite's longest part over
its workers instead of ending the run with it."""

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
    if "pakn_faults" in sys.modules:
        return sys.modules["pakn_faults"]
    spec = importlib.util.spec_from_file_location("pakn_faults", ROOT / "tools" / "faults.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pakn_faults"] = module
    spec.loader.exec_module(module)
    return module


def quick_cases() -> list[tuple[str, str]]:
    only = load_faults().quick_selection()
    backends = ["sqlite", "postgres"] if PG_URL else ["sqlite"]
    return [(backend, name) for backend in backends for name in only[backend]]


@pytest.fixture(scope="session")
def faults_pg_url() -> str | None:
    """A PostgreSQL database of the worker's own for the scenarios, which empty its schema:
    the worker's test database keeps its state (tests/pg_fresh.py) between them."""
    if not PG_URL:
        return None
    from pg_fresh import ensure_database
    from sqlalchemy import make_url

    url = make_url(PG_URL)
    faults_url = url.set(database=f"{url.database}_faults").render_as_string(hide_password=False)
    ensure_database(faults_url)
    return faults_url


@pytest.fixture(scope="session")
def faults_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the SQLite scenarios' migrated register is made once (tools/faults.py fresh)."""
    return tmp_path_factory.mktemp("faults-template") / "template.db"


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and fork are POSIX")
@pytest.mark.parametrize(("backend", "scenario"), quick_cases())
def test_quick_fault_suite(
    tmp_path: Path, faults_pg_url: str | None, faults_template: Path, backend: str, scenario: str
) -> None:
    faults = load_faults()
    rows = faults.run(
        [backend], faults_pg_url, faults.QUICK, tmp_path, {backend: [scenario]}, faults_template
    )
    print(faults.table(rows))
    assert len(rows) == 1
    (row,) = rows
    assert not row.failed, faults.table([row])
    if (scenario, backend) == ("kill_intakes", "sqlite"):
        assert row.kills >= 1 and row.operations > 0
    if (scenario, backend) == ("disk_full", "sqlite"):
        assert row.refused >= 1
    if (scenario, backend) == ("restore_while_writing", "postgres"):
        assert row.refused == 1
    if (scenario, backend) == ("desks_starting", "postgres"):
        assert row.lost == 0


def test_every_quick_scenario_is_run() -> None:
    """The split above runs what the one run did: every quick scenario on each backend."""
    faults = load_faults()
    only = faults.quick_selection()
    names = {f.__name__ for f in faults.SCENARIOS}
    assert set(only["sqlite"]) == names - set(faults.FULL_ONLY)
    assert set(only["postgres"]) <= names
    assert len(quick_cases()) == len(only["sqlite"]) + (len(only["postgres"]) if PG_URL else 0)


def test_the_table_fails_the_run_when_a_confirmed_save_is_lost() -> None:
    faults = load_faults()
    good = faults.Row("x", "sqlite", operations=3)
    bad = faults.Row("y", "sqlite", operations=3, lost=1)
    assert not good.failed and bad.failed
    text = faults.table([good, bad])
    assert "lost" in text.splitlines()[0] and "tracebacks" in text.splitlines()[0]
