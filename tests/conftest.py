"""Shared fixtures: a fresh database per test, on SQLite and, when PAKN_TEST_DATABASE_URL is
set, on PostgreSQL too; a controllable clock."""

from __future__ import annotations

import gc
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from pg_fresh import FreshDatabase, copy_database, ensure_database
from sqlalchemy import create_engine, make_url, text

from pakn_desktop import background

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_URL = os.environ.get("PAKN_TEST_DATABASE_URL", "").strip()
if PG_URL.startswith("postgresql://"):
    PG_URL = "postgresql+psycopg://" + PG_URL[len("postgresql://") :]
if os.environ.get("PAKN_REQUIRE_POSTGRES") and not PG_URL:
    raise pytest.UsageError("PAKN_REQUIRE_POSTGRES is set but PAKN_TEST_DATABASE_URL is not")

# Under pytest-xdist each worker has a PostgreSQL database of its own, named after the given
# one and the worker (test -> test_gw0), made when missing; the environment says so too, so
# that every test and helper reading PAKN_TEST_DATABASE_URL (tests/store/pakn_test_pg.py)
# uses the worker's database. Serial runs use the given database as it is.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if PG_URL and XDIST_WORKER:
    _given = make_url(PG_URL)
    PG_URL = _given.set(database=f"{_given.database}_{XDIST_WORKER}").render_as_string(
        hide_password=False
    )
    os.environ["PAKN_TEST_DATABASE_URL"] = PG_URL

BACKENDS = ["sqlite", "postgres"] if PG_URL else ["sqlite"]

# The tests' PostgreSQL sessions do not wait for each commit to reach the disk (5.6 ms a
# commit here, 0.5 ms without): a test checks what a desk sees, not what survives the
# server's own crash. The programs the tests start (the CLI, the app) inherit it through
# libpq's PGOPTIONS.
if PG_URL:
    os.environ.setdefault("PGOPTIONS", "-c synchronous_commit=off")


def reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _migrate_at_clock_start(url: str) -> None:
    from pakn_desktop.services import Services

    Services.open(url, now=FakeClock(CLOCK_START)).close()


# The PostgreSQL database as ``Services.open`` makes it at CLOCK_START, put back in place for
# each test that opens ``services`` (tests/pg_fresh.py): what the SQLite template is to SQLite.
PG_FRESH = FreshDatabase(PG_URL, _migrate_at_clock_start) if PG_URL else None


# A second PostgreSQL database per worker for data a test module builds once and its tests
# only read (module_services).
PG_SHARED_URL = (
    make_url(PG_URL)
    .set(database=f"{make_url(PG_URL).database}_shared")
    .render_as_string(hide_password=False)
    if PG_URL
    else ""
)
PG_SHARED = FreshDatabase(PG_SHARED_URL, _migrate_at_clock_start) if PG_URL else None


def pytest_sessionstart(session: pytest.Session) -> None:
    if PG_URL:
        ensure_database(PG_URL)
        ensure_database(PG_SHARED_URL)


@pytest.fixture(scope="session", autouse=True)
def collected_on_the_main_thread_only() -> Iterator[None]:
    """Cycles of garbage are collected on the main thread only, as the window's process does
    (pakn_desktop/ui/collector.py): a test's widgets freed by the collector on a worker (a
    routing build's allocations set it off there) were destroyed in the wrong thread, and the
    next test's event loop crashed the worker process (a segmentation fault in CI). Each test
    ends with the pass the automatic collector would have made (``collected_after_each``)."""
    collecting = gc.isenabled()
    gc.disable()
    yield
    gc.collect()
    if collecting:
        gc.enable()


@pytest.fixture(autouse=True)
def collected_after_each() -> Iterator[None]:
    """The pass due at the test's end, on the main thread (after its other fixtures end:
    autouse fixtures of this file are torn down last)."""
    yield
    background.collect_due()


# argon2id at the app's cost (64 MiB, three passes, four lanes) takes about 0.2 s of CPU a
# hash, and most tests hash a password or check one (staff_actor, every log-in): minutes of
# the suite. Tests hash at the lowest cost argon2id allows; the app's own hasher is handed to
# the tests about its parameters (production_hasher). A hash made here at the low cost is
# still verified by a program the tests start (the CLI), which then rehashes it at its cost.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(scope="session", autouse=True)
def production_hasher() -> Iterator[PasswordHasher]:
    """The app's password hasher; tests meanwhile hash with CHEAP_HASHER."""
    from pakn_desktop.services import accounts

    production = accounts._hasher
    accounts._hasher = CHEAP_HASHER
    yield production
    accounts._hasher = production


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The test's database, fresh: a file not yet made on SQLite; on PostgreSQL an empty
    schema, or, for a test that opens ``services``, the database as ``Services.open`` makes
    it at CLOCK_START (which ``services`` empties again when the test's clock starts later)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'pakn-test.db'}"
    else:
        assert PG_FRESH is not None
        if "services" in request.fixturenames or "migrated_db_url" in request.fixturenames:
            PG_FRESH.fresh()
            request.node.stash[FRESH_AT_CLOCK_START] = True
        else:
            reset_postgres(PG_URL)
        yield PG_URL


FRESH_AT_CLOCK_START = pytest.StashKey[bool]()


class FakeClock:
    """``now`` for services: fixed until a test moves it."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def set(self, when: datetime) -> None:
        self.current = when


CLOCK_START = datetime(2026, 4, 24, 9, 30)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(CLOCK_START)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite database migrated and seeded as ``Services.open`` makes it, at the clock's
    start: each test's database is a copy (a migration costs a second or more, a copy a few
    milliseconds)."""
    from pakn_desktop.services import Services

    path = tmp_path_factory.mktemp("template") / "pakn-test.db"
    Services.open(f"sqlite:///{path}", now=FakeClock(CLOCK_START)).close()
    assert not Path(f"{path}-wal").exists()  # checkpointed on close: the file is whole
    return path


@pytest.fixture(scope="session")
def sqlite_template_now(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """As ``sqlite_template``, made with the real clock: for tests that open their own file
    with ``Services.open(url)`` (the CLI's tests) and are about what follows, not the start."""
    from pakn_desktop.services import Services

    path = tmp_path_factory.mktemp("template-now") / "pakn-test.db"
    Services.open(f"sqlite:///{path}").close()
    assert not Path(f"{path}-wal").exists()  # checkpointed on close: the file is whole
    return path


@pytest.fixture
def new_sqlite(sqlite_template_now: Path) -> Callable[[Path], str]:
    """``new_sqlite(path)``: the URL of a SQLite register at ``path`` as ``Services.open``
    makes a new one (migrated and seeded), copied from ``sqlite_template_now`` in
    milliseconds instead of migrated in a second or more."""

    def make(path: Path) -> str:
        assert not path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sqlite_template_now, path)
        path.chmod(0o600)
        return f"sqlite:///{path}"

    return make


@pytest.fixture
def migrated_db_url(request: pytest.FixtureRequest, db_url: str, clock: FakeClock) -> str:
    """``db_url`` holding what ``Services.open`` makes at CLOCK_START (as ``services`` has
    it), for a test that opens its own ``Services`` on it (desks of its own) and is about
    what follows the start, not the start: a copy or a restore instead of a migration."""
    assert clock.current == CLOCK_START
    if db_url.startswith("sqlite:///"):
        target = Path(db_url[len("sqlite:///") :])
        if not target.exists():  # else ``services`` made it first
            shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
            target.chmod(0o600)
    return db_url


@pytest.fixture
def services(request: pytest.FixtureRequest, db_url: str, clock: FakeClock):  # type: ignore[no-untyped-def]
    from pakn_desktop.services import Services

    if db_url.startswith("sqlite:///") and clock.current == CLOCK_START:
        target = Path(db_url[len("sqlite:///") :])
        if not target.exists():
            shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
            target.chmod(0o600)
    elif request.node.stash.get(FRESH_AT_CLOCK_START, False) and clock.current != CLOCK_START:
        reset_postgres(db_url)  # seeded at another time: migrated and seeded here, as before
    svc = Services.open(db_url, now=clock)
    yield svc
    _wait_for_workers()
    svc.close()


def _wait_for_workers() -> None:
    """A GUI test's background reads (ui/workers.py, Qt's global thread pool) end before the
    database closes: one still running would hold a connection that the close cannot return,
    collected later as a ResourceWarning in another test."""
    if "PySide6.QtCore" in sys.modules:
        from qt_teardown import delete_closed_widgets

        from pakn_desktop.ui.workers import wait_for_workers

        delete_closed_widgets()
        assert wait_for_workers(60_000), "a worker outlived its test"
        delete_closed_widgets()


@pytest.fixture(scope="module", params=BACKENDS)
def module_services(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Services on a database fresh at CLOCK_START (as ``services`` has it) that lives as
    long as the test module: for data that costs seconds to build and that the module's tests
    only read. Build it in a module-scoped fixture; a test that writes uses ``services``."""
    from pakn_desktop.services import Services

    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("module") / "pakn-test.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        path.chmod(0o600)
        url = f"sqlite:///{path}"
    else:
        assert PG_SHARED is not None
        PG_SHARED.fresh()
        url = PG_SHARED_URL
    svc = Services.open(url, now=FakeClock(CLOCK_START))
    yield svc
    _wait_for_workers()
    svc.close()


# --- who acts in a test ------------------------------------------------------------------
# Every service call names an account that exists, is active and holds the right roles
# (pakn_desktop.domain.permissions). Tests get their actors here:
#   admin                  the bootstrap administrator (accounts, settings, calendar, backups)
#   actor                  one person holding every role, for tests about something else
#   make_actor(*roles)     a new account with exactly these roles
#   front_desk, head, official_actor   one role each
ALL_ROLES = ("front_desk", "official", "head", "admin")


@pytest.fixture
def make_actor(services):  # type: ignore[no-untyped-def]
    from pakn_desktop.domain.enums import Role

    made = [0]

    def make(*roles: Role | str, username: str = "", name: str = "", password: str | None = None):  # type: ignore[no-untyped-def]
        made[0] += 1
        login = username or f"tester{made[0]:02d}"
        units = services.office.units()
        user = services.office.add_user(
            login,
            name or f"Người thử {made[0]:02d}",
            frozenset(Role(r) for r in roles),
            unit_id=units[0].id if units else None,
            actor=services.office.actor(),
            password=password,
        )
        return services.office.actor(user.username)

    return make


@pytest.fixture
def admin(services):  # type: ignore[no-untyped-def]
    return services.office.actor()


@pytest.fixture
def actor(services):  # type: ignore[no-untyped-def]
    from accounts_fixture import staff_actor

    return staff_actor(services)


@pytest.fixture
def front_desk(make_actor):  # type: ignore[no-untyped-def]
    return make_actor("front_desk", username="tiepnhan", name="Hoàng Thị Yến")


@pytest.fixture
def head(make_actor):  # type: ignore[no-untyped-def]
    return make_actor("head", username="lanhdao", name="Lê Thị Thu Hà")


@pytest.fixture
def official_actor(make_actor):  # type: ignore[no-untyped-def]
    return make_actor("official", username="chuyenvien", name="Nguyễn Văn Hùng")


# --- a database prepared once and copied per test -----------------------------------------
# Some modules give each test the same starting office (accounts, cases in given states):
# seconds of service calls per test. ``prepared(name, build)`` runs ``build(services)`` once a
# session (per worker and backend) on top of what ``Services.open`` makes at CLOCK_START, and
# gives each test its own copy of the result: a file copy on SQLite, on PostgreSQL a database
# of its own put back in place (tests/pg_fresh.py). ``build``'s return value (codes, ids) comes
# back with the services; the copy holds exactly those rows, so each test is as fresh as one
# that built the office itself.
_PREPARED_SQLITE: dict[str, tuple[Path, object]] = {}
_PREPARED_PG: dict[str, tuple[FreshDatabase, dict[str, object]]] = {}


@pytest.fixture(params=BACKENDS)
def prepared(request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock):  # type: ignore[no-untyped-def]
    """``prepared(name, build) -> (services, what build returned)`` on a fresh copy."""
    from pakn_desktop.services import Services

    opened: list[Services] = []

    def _build(url: str, build: Callable[[Services], object]) -> object:
        svc = Services.open(url, now=FakeClock(CLOCK_START))
        try:
            return build(svc)
        finally:
            _wait_for_workers()
            svc.close()

    def open_prepared(name: str, build: Callable[[Services], object]) -> tuple[Services, object]:
        assert clock.current == CLOCK_START and not opened
        if request.param == "sqlite":
            if name not in _PREPARED_SQLITE:
                base = request.getfixturevalue("tmp_path_factory").mktemp(f"prepared-{name}")
                path = base / "pakn-test.db"
                shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
                made = _build(f"sqlite:///{path}", build)
                assert not Path(f"{path}-wal").exists()  # checkpointed on close: whole
                _PREPARED_SQLITE[name] = (path, made)
            source, made = _PREPARED_SQLITE[name]
            target = tmp_path / "pakn-test.db"
            shutil.copyfile(source, target)
            target.chmod(0o600)
            url = f"sqlite:///{target}"
        else:
            if name not in _PREPARED_PG:
                pg_url = (
                    make_url(PG_URL)
                    .set(database=f"{make_url(PG_URL).database}_{name}")
                    .render_as_string(hide_password=False)
                )
                result: dict[str, object] = {}

                def make(u: str) -> None:
                    _migrate_at_clock_start(u)
                    result["made"] = _build(u, build)

                fresh = FreshDatabase(pg_url, make)
                # A copy of the worker's database fresh at CLOCK_START rather than a
                # migration; migrated as a last resort (``fresh`` does, knowing no state).
                assert PG_FRESH is not None
                PG_FRESH.fresh()
                if copy_database(PG_URL, pg_url):
                    result["made"] = _build(pg_url, build)
                    fresh.adopt()
                else:
                    ensure_database(pg_url)
                _PREPARED_PG[name] = (fresh, result)
            fresh, result = _PREPARED_PG[name]
            fresh.fresh()
            url, made = fresh.url, result["made"]
        svc = Services.open(url, now=clock)
        opened.append(svc)
        return svc, made

    yield open_prepared
    for svc in opened:
        _wait_for_workers()
        svc.close()
