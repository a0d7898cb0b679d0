"""Opening the office database: engine setup, migrations and short-lived sessions.

SQLite (the default, one file in the per-user data folder) runs in WAL mode with foreign keys
and a busy timeout; write transactions start with ``BEGIN IMMEDIATE`` so two desks saving at the
same moment queue up instead of failing. PostgreSQL is used by URL for offices with several
desks.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from .models import Counter

APP_NAME = "pakn-desktop"
BUSY_TIMEOUT_MS = 15_000
MIGRATIONS = Path(__file__).with_name("migrations")


def data_dir() -> Path:
    path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'pakn.db'}"


def resolve_url(url: str | None) -> str:
    """``--db URL`` wins, then ``PAKN_DATABASE_URL``, then the per-user SQLite file."""
    url = url or os.environ.get("PAKN_DATABASE_URL") or default_url()
    if url.startswith("postgresql://"):
        # psycopg 3 is the driver we ship.
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def _sqlite_file(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


class Database:
    """An engine plus session factories; one per open database."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = resolve_url(url)
        self.is_sqlite = make_url(self.url).get_backend_name() == "sqlite"
        self.file = _sqlite_file(self.url)
        if self.file is not None:
            self.file.parent.mkdir(parents=True, exist_ok=True)
        kwargs: dict[str, Any] = {"echo": echo}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(self.url, **kwargs)
        if self.is_sqlite:
            _setup_sqlite(self.engine)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine = self.engine.execution_options(pakn_write=True)
        self._write = sessionmaker(self._write_engine, expire_on_commit=False)
        # While the start-up check of an SQLite file runs after the window is up, writes wait
        # for its verdict; a damaged file refuses them (hold_writes / release_writes).
        self._writes_open = threading.Event()
        self._writes_open.set()
        self._write_refusal: Exception | None = None

    @property
    def display_name(self) -> str:
        if self.file is not None:
            return str(self.file)
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits on success and rolls back on any error."""
        self._writes_open.wait()
        if self._write_refusal is not None:
            raise self._write_refusal
        with self._write() as session, session.begin():
            yield session

    def hold_writes(self) -> None:
        """Writes wait from now until ``release_writes``."""
        self._writes_open.clear()

    def release_writes(self, refusal: Exception | None = None) -> None:
        """Let writes through, or with ``refusal`` refuse every one with that error."""
        self._write_refusal = refusal
        self._writes_open.set()

    def optimize(self) -> None:
        """Refresh the query planner's statistics where they are stale (SQLite's PRAGMA
        optimize, cheap when nothing changed; PostgreSQL's autovacuum does this itself)."""
        if self.is_sqlite:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA analysis_limit=1000")
                conn.exec_driver_sql("PRAGMA optimize=0x10002")

    def dispose(self) -> None:
        if self.is_sqlite:
            # SQLite's advice for long-lived connections: refresh statistics on close.
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except Exception:  # closing must never fail over a statistics hint
                pass
        self.engine.dispose()

    # --- migrations -------------------------------------------------------------------
    def _alembic_config(self) -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return cfg

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def head_revision(self) -> str | None:
        return ScriptDirectory.from_config(self._alembic_config()).get_current_head()

    def needs_migration(self) -> bool:
        return self.current_revision() != self.head_revision()

    def migrate(self, *, backup: bool = True) -> Path | None:
        """Bring the schema to the newest revision. An existing SQLite file is copied first,
        so a failed migration never costs the office its register. Returns the copy's path."""
        if not self.needs_migration():
            return None
        copy: Path | None = None
        if backup and self.file is not None and self.file.exists() and self.current_revision():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            copy = self.file.with_name(
                f"{self.file.stem}.before-migration-{stamp}{self.file.suffix}"
            )
            self.backup_to(copy)
        cfg = self._alembic_config()
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        return copy

    def backup_to(self, target: Path) -> None:
        """A consistent copy of an SQLite database through SQLite's online backup API."""
        if self.file is None:
            raise RuntimeError("Sao lưu trực tiếp chỉ áp dụng cho cơ sở dữ liệu SQLite.")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        copy_sqlite(self.file, tmp)
        shutil.move(tmp, target)


def copy_sqlite(src: Path, dst: Path) -> None:
    """A consistent page-by-page copy with SQLite's online backup API (safe while other
    connections write)."""
    import sqlite3

    source = sqlite3.connect(src, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        target = sqlite3.connect(dst)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _setup_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front: a deferred transaction that reads and then
        # writes would fail with SQLITE_BUSY instead of waiting its turn.
        if conn.get_execution_options().get("pakn_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def next_serial(session: Session, name: str) -> int:
    """The next number of a gap-free counter, inside the caller's transaction.

    The UPDATE takes the row lock (PostgreSQL) or runs under the write lock (SQLite), so two
    desks never get the same number; a rollback gives the number back."""
    result = session.execute(
        update(Counter).where(Counter.name == name).values(value=Counter.value + 1)
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]  # CursorResult has rowcount
        try:
            with session.begin_nested():
                session.add(Counter(name=name, value=0))
        except IntegrityError:
            pass  # another desk created the row first; its lock now orders us after it
        session.execute(update(Counter).where(Counter.name == name).values(value=Counter.value + 1))
    return session.execute(select(Counter.value).where(Counter.name == name)).scalar_one()


def open_database(url: str | None = None, *, migrate: bool = True, check: bool = True) -> Database:
    """Open, check (a damaged SQLite file is reported, never overwritten) and migrate.
    With ``check=False`` the whole-file check is left to the caller (the window runs it after
    it is up, holding writes meanwhile); a file that must be migrated is still checked first,
    and one that is not an SQLite database at all is refused at once."""
    from .backup import check_database, check_header

    db = Database(resolve_url(url))
    if not check:
        check_header(db)
    if check or (migrate and db.needs_migration()):
        check_database(db)
    if migrate:
        db.migrate()
    return db
