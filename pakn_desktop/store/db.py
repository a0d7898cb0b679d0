"""Opening the office database: engine setup, migrations and short-lived sessions.

SQLite (the default, one file in the per-user data folder) runs in WAL mode with foreign keys
and a busy timeout; write transactions start with ``BEGIN IMMEDIATE`` so two desks saving at the
same moment queue up instead of failing. PostgreSQL is used by URL for offices with several
desks.
"""

from __future__ import annotations

import ast
import contextlib
import errno
import functools
import os
import re
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from select import select as select_fds
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    bindparam,
    create_engine,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from pakn_desktop import __version__
from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.errors import NotFound, PaknError
from pakn_desktop.domain.wording import file_problem
from pakn_desktop.paths import resolve_url
from pakn_desktop.paths import sqlite_file as _sqlite_file

from .models import Counter

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

BUSY_TIMEOUT_MS = 15_000
SQLITE_CACHE_KIB = 32 * 1024
MIGRATIONS = Path(__file__).with_name("migrations")
# Any fixed 64-bit number: the PostgreSQL advisory lock every desk takes while it migrates and
# seeds a database, and the one calendar rewrites take.
STARTUP_LOCK_KEY = 0x50414B4E0001
WORK_DAYS_LOCK_KEY = 0x50414B4E0002
# The row of ``counters`` bumped in the same transaction as every change of the office's
# calendar; desks compare it before computing deadlines (and a restore raises it too).
CALENDAR_VERSION = "calendar-version"
STALE_RESTORE_SECONDS = 6 * 3600
# A PostgreSQL connection back from the pool is checked with a ping only when it lay idle
# this long: a server restarted or a network dropped overnight is found before the first
# query, while the queue's quick reads, one after the other, pay no extra round trip.
PING_IDLE_SECONDS = 5.0


class StoreError(PaknError):
    """The database cannot do what was asked, for a reason a person can act on."""


class DatabaseMissing(NotFound, StoreError):
    """``--db`` names a file or folder that is not there (never created behind your back)."""


class NewerDatabase(StoreError):
    """The database was migrated by a newer version of the program."""


class DiskFull(StoreError):
    pass


class ReadOnlyDatabase(StoreError):
    pass


class DatabaseBusy(StoreError):
    pass


class DatabaseUnavailable(StoreError):
    """The database server cannot be reached (PostgreSQL), or the file cannot be opened."""


class UnsupportedDatabase(StoreError):
    """``--db`` names something that is neither an SQLite file nor a PostgreSQL server."""


class NotAnOfficeDatabase(StoreError):
    """An existing file that is empty, or not a PAKN Desktop database, given to a command
    that reads one (only ``init``, ``demo`` and the first-run wizard make a database)."""


BACKENDS = ("sqlite", "postgresql")


def check_url(url: str) -> None:
    """Refuse, in words, a URL this program cannot open (another database system, a typo),
    before SQLAlchemy looks for a driver (``mysql://`` ended in a ModuleNotFoundError)."""
    from sqlalchemy.exc import ArgumentError

    shown = url.split("@")[-1][:80]  # never the password
    try:
        backend = make_url(url).get_backend_name()
    except (ArgumentError, ValueError):
        raise UnsupportedDatabase(
            f"Địa chỉ cơ sở dữ liệu «{shown}» không hợp lệ. Dùng đường dẫn tệp SQLite, hoặc "
            "postgresql://người_dùng@máy_chủ/tên_cơ_sở_dữ_liệu."
        ) from None
    if backend not in BACKENDS:
        raise UnsupportedDatabase(
            f"PAKN Desktop không dùng được cơ sở dữ liệu «{backend}». Dùng tệp SQLite, hoặc "
            "PostgreSQL: postgresql://người_dùng@máy_chủ/tên_cơ_sở_dữ_liệu."
        )


NOTHING_SAVED = " Thao tác chưa được lưu; những gì đã nhập vẫn còn, hãy thử lại sau."


def _sqlite_code(exc: BaseException) -> str:
    return str(getattr(exc, "sqlite_errorname", "") or "")


def describe_error(exc: BaseException, where: str = "") -> StoreError | None:
    """A plain-words error for a database failure a person can act on, or None.

    ``exc`` is a SQLAlchemy ``DBAPIError``, a ``sqlite3.Error`` or an ``OSError``. The message
    never includes SQL or its parameters (they can hold a citizen's personal data)."""
    orig: BaseException = exc.orig if isinstance(exc, DBAPIError) and exc.orig else exc
    name = _sqlite_code(orig)
    raw = str(orig).lower()
    pgcode = str(getattr(getattr(orig, "diag", None), "sqlstate", "") or "")
    place = f" «{where}»" if where else ""
    if (
        name.startswith("SQLITE_FULL")
        or "disk is full" in raw
        or "no space left" in raw
        or pgcode == "53100"
        or (isinstance(orig, OSError) and orig.errno in (errno.ENOSPC, errno.EFBIG))
    ):
        return DiskFull(
            f"Ổ đĩa chứa cơ sở dữ liệu{place} đã đầy. Hãy giải phóng chỗ trống rồi thử lại."
            + NOTHING_SAVED
        )
    if (
        name.startswith("SQLITE_READONLY")
        or "readonly database" in raw
        or pgcode == "25006"
        or (isinstance(orig, OSError) and orig.errno == errno.EROFS)
    ):
        return ReadOnlyDatabase(
            f"Cơ sở dữ liệu{place} chỉ cho phép đọc (tệp hoặc ổ đĩa chỉ đọc, hoặc không có "
            "quyền ghi). Hãy chép tệp sang thư mục có quyền ghi hoặc hỏi người quản trị máy."
            + NOTHING_SAVED
        )
    if name.startswith("SQLITE_BUSY") or "database is locked" in raw:
        return DatabaseBusy(
            f"Cơ sở dữ liệu{place} đang bận (một máy khác đang ghi hoặc khôi phục dữ liệu)."
            + NOTHING_SAVED
        )
    if name.startswith("SQLITE_CANTOPEN") or "unable to open database" in raw:
        return DatabaseUnavailable(
            f"Không mở được tệp cơ sở dữ liệu{place} (thiếu quyền, ổ đĩa bị rút ra hoặc thư "
            "mục không còn)." + NOTHING_SAVED
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in raw:
        return DatabaseUnavailable(
            f"Lỗi đọc/ghi ổ đĩa chứa cơ sở dữ liệu{place} (ổ đĩa đầy, hỏng hoặc bị rút ra)."
            + NOTHING_SAVED
        )
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return DatabaseUnavailable(f"Mất kết nối tới máy chủ cơ sở dữ liệu{place}." + NOTHING_SAVED)
    module = type(orig).__module__ or ""
    if module.startswith("psycopg") and type(orig).__name__ == "OperationalError":
        return DatabaseUnavailable(
            f"Không kết nối được tới máy chủ cơ sở dữ liệu{place}. Hãy kiểm tra mạng và máy "
            "chủ PostgreSQL." + NOTHING_SAVED
        )
    return None


@contextmanager
def plain_errors(where: str = "") -> Iterator[None]:
    """Turn database failures a person can act on into a StoreError with a message."""
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        mapped = describe_error(exc, where)
        if mapped is None:
            raise
        raise mapped from exc


def _custom_plans(engine: Engine) -> None:
    """PostgreSQL plans every statement for its values. The driver prepares a statement run
    five times, and the server may then keep one generic plan for any values: the queue's
    search runs one SQL text for every search, and a plan that suits no search in
    particular read every match of a common word through the full-text index (a capped count
    of "n" went from 20 ms to 300 ms after a few searches). Parsing is still saved."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        info = getattr(dbapi_connection, "info", None)
        if getattr(info, "server_version", 0) < 120000:  # plan_cache_mode: PostgreSQL 12+
            return
        with dbapi_connection.cursor() as cur:
            cur.execute("SET plan_cache_mode = force_custom_plan")
        dbapi_connection.commit()


def _close_when_given_back_late(engine: Engine, db: Database) -> None:
    """A connection still in use when its pool is let go (``Database.dispose``, or the
    engine's own ``dispose`` as a restore does) is closed when it is given back.
    ``Engine.dispose`` closes only the idle ones: one a worker held went back into the pool
    that was let go and stayed open with it, until the collector found it (psycopg: "deleted
    while still open"); a program that closes or restores its database kept one each time.
    Invalidated, not merely closed: a pool that takes the record back connects it anew."""

    @event.listens_for(engine, "checkout")
    def _taken(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        record.info["pakn_pool"] = weakref.ref(engine.pool)

    @event.listens_for(engine, "checkin")
    def _given_back(dbapi_connection: Any, record: Any) -> None:
        taken_from = record.info.get("pakn_pool")
        late = taken_from is not None and taken_from() is not engine.pool
        if dbapi_connection is not None and (db._disposed or late):
            # A connection already broken has nothing more to close.
            with contextlib.suppress(Exception):
                record.invalidate()


def _ping_when_idle(engine: Engine) -> None:
    """SQLAlchemy's ``pool_pre_ping``, but without the round trip for a connection used a
    moment ago (a ping on every checkout doubled the round trips of a quick read): one idle
    for ``PING_IDLE_SECONDS`` or more is pinged, and so is one with something waiting on its
    socket (a server that ends a session, shutting down or terminating it, says so and
    closes the socket at once). A connection found dead is replaced before it is handed
    out."""

    @event.listens_for(engine, "checkin")
    def _checked_in(dbapi_connection: Any, record: Any) -> None:
        record.info["pakn_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        since = record.info.pop("pakn_idle_since", None)
        if since is None:
            return  # just connected
        if time.monotonic() - since < PING_IDLE_SECONDS and not _input_waiting(dbapi_connection):
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            raise DisconnectionError("the database connection was lost") from exc
        if alive is False:
            raise DisconnectionError("the database connection was lost")


def _input_waiting(dbapi_connection: Any) -> bool:
    """Whether the server sent anything to an idle connection (an error, a notice, or the
    end of the connection); True when that cannot be told."""
    try:
        ready, _w, _x = select_fds([dbapi_connection.fileno()], [], [], 0)
    except Exception:
        return True
    return bool(ready)


# A PostgreSQL server that does not answer (a host that drops packets, a cable pulled) is
# given up after this many seconds, so "Đang mở cơ sở dữ liệu…" and every later read end with
# the usual message instead of waiting for the system's TCP timeout (minutes).
PG_CONNECT_TIMEOUT_S = 10


def pg_connect_args(url: str) -> dict[str, Any]:
    """libpq's connect timeout, unless the URL sets its own."""
    if "connect_timeout" in make_url(url).query:
        return {}
    return {"connect_timeout": PG_CONNECT_TIMEOUT_S}


class Database:
    """An engine plus session factories; one per open database. Nothing is created on disk
    until a connection is made (``open_database`` decides whether a new file is allowed)."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = resolve_url(url)
        check_url(self.url)
        self.is_sqlite = make_url(self.url).get_backend_name() == "sqlite"
        self.file = _sqlite_file(self.url)
        self._lock_depth = 0
        self._lock_guard = threading.Lock()
        kwargs: dict[str, Any] = {"echo": echo}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        else:
            kwargs["pool_pre_ping"] = True
            kwargs["connect_args"] = pg_connect_args(self.url)
        self.engine: Engine = create_engine(self.url, **kwargs)
        if self.is_sqlite:
            _OPEN_DATABASES.add(self)
            _setup_sqlite(self.engine)
            self._quick_engine = self.engine
        else:
            _custom_plans(self.engine)
            # The queue's quick reads have a pool of their own: in autocommit (no BEGIN and
            # no ROLLBACK round trip; each statement still sees a consistent snapshot of its
            # own, as under READ COMMITTED) and without a ping on every checkout
            # (``_ping_when_idle``; a read that meets a connection lost all the same is
            # retried by its service, ``CaseService._retrying``).
            self._quick_engine = create_engine(
                self.url,
                echo=echo,
                isolation_level="AUTOCOMMIT",
                connect_args=pg_connect_args(self.url),
            )
            _ping_when_idle(self._quick_engine)
            _custom_plans(self._quick_engine)
        self._disposed = False
        for engine in {self.engine, self._quick_engine}:
            _close_when_given_back_late(engine, self)
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
        with plain_errors(), self._read() as session:
            yield session

    @contextmanager
    def quick_read(self) -> Iterator[Connection]:
        """A plain Core connection for a few quick reads (the queue's pages and counts): on
        PostgreSQL in autocommit, so a read costs its own round trip and nothing more."""
        with plain_errors(), self._quick_engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits on success and rolls back on any error. A disk that is
        full, a read-only file or a lost server surfaces as a StoreError with a message. While
        the start-up check runs (the window), writes wait for its verdict."""
        self._writes_open.wait()
        if self._write_refusal is not None:
            raise self._write_refusal
        with plain_errors(), self._write() as session, session.begin():
            yield session

    @contextmanager
    def startup_lock(self) -> Iterator[None]:
        """The critical section of start-up (migrations, first-time seeding) that every desk
        respects. PostgreSQL: a session advisory lock held on its own connection. SQLite:
        nothing here; the migration and each seeding step run in ``BEGIN IMMEDIATE``
        transactions, which already queue desks one after the other. Re-entrant."""
        with self._lock_guard:
            outer = self._lock_depth == 0
            self._lock_depth += 1
        try:
            if not outer or self.is_sqlite:
                yield
                return
            with plain_errors(), self.engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": STARTUP_LOCK_KEY})
                conn.commit()
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": STARTUP_LOCK_KEY})
                    conn.commit()
        finally:
            with self._lock_guard:
                self._lock_depth -= 1

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

    def dispose(self, *, optimize: bool = True) -> None:
        """Close the database's connections (those in use as they are given back). Without
        ``optimize`` nothing connects anew (SQLite's statistics hint would, and would make a
        missing file)."""
        if self.is_sqlite and optimize:
            # SQLite's advice for long-lived connections: refresh statistics on close.
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except Exception:  # closing must never fail over a statistics hint
                pass
        # A connection a worker still holds is closed when it comes back (below).
        self._disposed = True
        self.engine.dispose()
        _OPEN_DATABASES.discard(self)
        if self._quick_engine is not self.engine:
            self._quick_engine.dispose()

    # --- migrations -------------------------------------------------------------------
    # Alembic (a tenth of a second to import) is loaded only to migrate or to look a revision
    # up; a database already at the head is recognised with one query (``stored_revision``)
    # against the head read from the migration files (``head_revision``).
    def _alembic_config(self) -> Config:
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return cfg

    def current_revision(self) -> str | None:
        with plain_errors(self.display_name), self.engine.connect() as conn:
            return stored_revision(conn)

    def head_revision(self) -> str | None:
        return head_revision()

    def needs_migration(self) -> bool:
        return self.current_revision() != self.head_revision()

    def migrate(self, *, backup: bool = True) -> Path | None:
        """Bring the schema to the newest revision, under the start-up lock, checking the
        revision again inside it (another desk may just have migrated). An existing SQLite
        file is copied first; if the migration fails its transaction leaves the file as it
        was and the copy is removed again, so retries do not pile up copies. A database
        migrated by a newer program is refused before anything is copied or changed.
        Returns the copy's path."""
        head = head_revision()
        with (
            self.startup_lock(),
            plain_errors(self.display_name),
            self._write_engine.begin() as conn,
        ):
            current = stored_revision(conn)
            if current == head:
                return None
            from alembic import command
            from alembic.script import ScriptDirectory

            cfg = self._alembic_config()
            script = ScriptDirectory.from_config(cfg)
            if current is not None and not _known_revision(script, current):
                raise newer_database_error(conn, current)
            self.remove_interrupted_copies()
            copy: Path | None = None
            if backup and self.file is not None and self.file.exists() and current:
                stamp = vn_now().strftime("%Y%m%d-%H%M%S")
                copy = self.file.with_name(
                    f"{self.file.stem}.before-migration-{current}-{stamp}{self.file.suffix}"
                )
                self.backup_to(copy)
            try:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                _record_app_version(conn)
            except BaseException:
                if copy is not None:
                    copy.unlink(missing_ok=True)
                raise
        return copy

    def remove_interrupted_copies(self) -> list[Path]:
        """``*.before-migration-*.part`` files are copies a killed program never finished;
        they are never a usable backup. Called under the start-up lock."""
        if self.file is None or not self.file.parent.is_dir():
            return []
        removed = []
        for part in self.file.parent.glob(f"{self.file.stem}.before-migration-*.part"):
            part.unlink(missing_ok=True)
            removed.append(part)
        return removed + self.remove_stale_restores()

    def remove_stale_restores(self) -> list[Path]:
        """A restore killed half-way leaves its staging copy; restores take no start-up lock,
        so only copies older than any restore could run are removed (on every start)."""
        if self.file is None or not self.file.parent.is_dir():
            return []
        removed = []
        stale = time.time() - STALE_RESTORE_SECONDS
        for pattern in (".restoring-*", ".before-restore-*.part"):
            for part in self.file.parent.glob(f"{self.file.stem}{pattern}"):
                try:
                    if part.stat().st_mtime < stale:
                        part.unlink()
                        removed.append(part)
                except OSError:
                    continue
        return removed

    def backup_to(self, target: Path) -> None:
        """A consistent copy of an SQLite database through SQLite's online backup API,
        written to ``target.part`` and renamed once complete: a full disk leaves no partial
        file behind."""
        if self.file is None:
            raise StoreError("Sao lưu trực tiếp chỉ áp dụng cho cơ sở dữ liệu SQLite.")
        tmp = target.with_name(target.name + ".part")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            copy_sqlite(self.file, tmp)
            os.replace(tmp, target)
        except BaseException as exc:
            tmp.unlink(missing_ok=True)
            if isinstance(exc, (sqlite3.Error, OSError)):
                mapped = describe_error(exc, str(target.parent))
                if mapped is not None:
                    raise mapped from exc
            raise


# The SQLite databases this process has open. Only SQLite may open their files here: closing
# any other handle on one drops every POSIX lock SQLite holds on it in this process, and the
# next program to close the database deletes the live -wal and -shm (``database_file_of``).
_OPEN_DATABASES: weakref.WeakSet[Database] = weakref.WeakSet()
SIDECARS = ("", "-wal", "-shm", "-journal")


def database_file_of(path: Path | str) -> Path | None:
    """The open database ``path`` is (or is the -wal, -shm or journal of; through a link or a
    hard link too), or None for any other file."""
    where = os.path.realpath(path)
    for db in list(_OPEN_DATABASES):
        if db.file is None:
            continue
        base = os.path.realpath(db.file)
        for suffix in SIDECARS:
            if where == base + suffix:
                return db.file
            try:
                if os.path.samefile(where, base + suffix):
                    return db.file
            except OSError:
                continue
    return None


def copy_sqlite(src: Path, dst: Path) -> None:
    """A consistent page-by-page copy with SQLite's online backup API (safe while other
    connections write), flushed to disk before it returns. Every copy holds the whole
    register: on POSIX it is made readable by its owner only (0600) before a byte is written
    (SQLite gives its journal the same mode), whatever the umask."""
    private_file(dst)
    source = sqlite3.connect(src, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        target = sqlite3.connect(dst)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    with dst.open("rb+") as fh:
        os.fsync(fh.fileno())


def private_file(path: Path) -> None:
    """Create ``path`` if missing and make it 0600 (POSIX; elsewhere the folder's rights
    apply)."""
    if os.name != "posix":
        return
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)


def is_known_revision(revision: str) -> bool:
    """Whether this program's migrations include ``revision``."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return _known_revision(ScriptDirectory.from_config(cfg), revision)


def _known_revision(script: ScriptDirectory, revision: str) -> bool:
    from alembic.util.exc import CommandError

    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.M)


@functools.cache
def head_revision() -> str | None:
    """The newest revision of this program's migrations, read from the files' ``revision`` and
    ``down_revision`` lines without importing alembic; alembic's own answer where the files
    do not name exactly one head (a test checks both agree)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        found: dict[str, str] = {
            m.group(1): m.group(2) for m in _REVISION_LINE.finditer(path.read_text("utf-8"))
        }
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (KeyError, ValueError, SyntaxError):
            return _alembic_head()
        if not isinstance(revision, str):
            return _alembic_head()
        revisions.add(revision)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, (tuple, list)):
            parents.update(str(d) for d in down)
        elif down is not None:
            return _alembic_head()
    heads = revisions - parents
    if len(heads) != 1:
        return _alembic_head()
    return heads.pop()


def _alembic_head() -> str | None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


def stored_revision(conn: Connection) -> str | None:
    """The schema revision recorded in the database (alembic's ``alembic_version`` table), or
    None for a database without one; what alembic's MigrationContext reads, in one query."""
    if conn.dialect.name == "sqlite":
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
    else:
        exists = conn.execute(text("SELECT to_regclass('alembic_version')")).scalar()
    if not exists:
        return None
    rows: list[str] = list(
        conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    )
    if len(rows) > 1:
        # Branches (never made by this program): alembic says what to do.
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()
    return rows[0] if rows else None


def _record_app_version(conn: Connection) -> None:
    """Which program version brought the schema to its revision (for the newer-database
    message of older programs)."""
    from sqlalchemy import delete, insert

    from .models import AppMeta

    conn.execute(delete(AppMeta).where(AppMeta.key == "app_version"))
    conn.execute(insert(AppMeta).values(key="app_version", value=__version__))


def _version_key(version: str) -> tuple[int, ...] | None:
    """``0.1.0`` as (0, 1, 0); None for a version this cannot order (``0.2.0rc1``...)."""
    parts = version.strip().split(".")
    if not all(p.isdigit() for p in parts):
        return None
    return tuple(int(p) for p in parts)


def _is_newer_version(version: str, than: str) -> bool:
    """Whether ``version`` is a later release than ``than``; one that cannot be ordered and
    differs counts as later (the message then names both)."""
    mine, theirs = _version_key(than), _version_key(version)
    if mine is None or theirs is None:
        return version.strip() != than.strip()
    return theirs > mine


def newer_database_error(conn: Connection, revision: str) -> NewerDatabase:
    """The refusal of a database whose schema revision this program does not know. It says
    to install a newer version only when the database names one: a development build of
    the same version (or of an older one) that added a revision is told apart by its schema
    revision alone, and installing the version already installed would change nothing."""
    version = None
    try:
        with conn.begin_nested():
            version = conn.execute(
                text("SELECT value FROM app_meta WHERE key = 'app_version'")
            ).scalar()
    except DBAPIError:
        version = None
    if version and _is_newer_version(str(version), __version__):
        return NewerDatabase(
            f"Cơ sở dữ liệu này do PAKN Desktop phiên bản {version} tạo (cấu trúc dữ "
            f"liệu «{revision}»), mới hơn phiên bản đang chạy ({__version__}). Hãy cài phiên "
            f"bản {version} hoặc mới hơn. Không có gì bị thay đổi."
        )
    if version:
        same = str(version).strip() == __version__
        which = (
            f"cùng số phiên bản {__version__} với chương trình đang chạy"
            if same
            else f"phiên bản {version}, trong khi chương trình đang chạy là {__version__}"
        )
        return NewerDatabase(
            f"Cơ sở dữ liệu này có cấu trúc dữ liệu «{revision}», mới hơn cấu trúc mà "
            f"chương trình đang chạy biết (đến «{head_revision()}»). Nó đã được một bản "
            f"PAKN Desktop khác nâng cấp ({which}; thường là một bản thử nghiệm). Hãy mở cơ "
            "sở dữ liệu bằng đúng bản chương trình đã nâng cấp nó, hoặc báo quản trị hệ "
            "thống. Không có gì bị thay đổi."
        )
    return NewerDatabase(
        f"Cơ sở dữ liệu này do một phiên bản PAKN Desktop mới hơn phiên bản đang "
        f"chạy ({__version__}) tạo (cấu trúc dữ liệu «{revision}»). Hãy cài phiên bản mới hơn. "
        "Không có gì bị thay đổi."
    )


def _switch_to_wal(cur: sqlite3.Cursor) -> None:
    """Put the file in WAL mode (a no-op once it is). Switching a new file needs it to itself,
    and while another desk holds its write lock (migrating it) SQLite answers "database is
    locked" at once, without the busy timeout, since waiting could deadlock: wait for it
    here, as long as the busy timeout, with nothing of ours held between tries."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def _setup_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        _switch_to_wal(cur)
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        # Page cache: 32 MiB (SQLite's default is 2 MiB), taken only as pages are read. A
        # search for a rarer phrase reads a few thousand scattered cases to put them in
        # order; with the default cache every such read goes back to the operating system.
        cur.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front: a deferred transaction that reads and then
        # writes would fail with SQLITE_BUSY instead of waiting its turn.
        if conn.get_execution_options().get("pakn_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def insert_rows(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` (column values) into ``model``'s table in one executemany and give the
    new ids in the rows' order. The ids are taken first, inside the caller's write
    transaction: on SQLite the next ones after the largest (``BEGIN IMMEDIATE`` holds the
    write lock, so nobody else takes them), on PostgreSQL from the table's sequence. No
    objects: a caller that writes history this way mirrors it into the audit chain itself."""
    if not rows:
        return []
    table = model.__table__
    n = len(rows)
    if session.get_bind().dialect.name == "sqlite":
        top = int(session.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0)
        ids = list(range(top + 1, top + 1 + n))
    else:
        taken: Sequence[int] = (
            session.execute(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"
                ),
                {"t": table.name, "n": n},
            )
            .scalars()
            .all()
        )
        ids = sorted(int(v) for v in taken)
    with_ids = [{**r, "id": i} for r, i in zip(rows, ids, strict=True)]
    if not _insert_values(session, table, with_ids):
        session.execute(insert(table), with_ids)
    return ids


# Bound parameters one SQLite statement may hold (SQLITE_MAX_VARIABLE_NUMBER: 32766 since
# 3.32, 999 before).
_SQLITE_MAX_PARAMS = 32766 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999


def _insert_values(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> bool:
    """On SQLite, ``rows`` written with multi-row ``INSERT ... VALUES (...), (...)``
    statements instead of one statement a row: the full-text index of the cases (filled by
    a trigger) then takes a statement's rows together, where a statement a row costs it a
    flush each (half the cost of writing an imported case). The values pass the columns'
    own bind processing and scalar defaults, as ``session.execute(insert(table), rows)``
    does. False (nothing written) elsewhere, or for rows this cannot write the same way
    (rows with different columns, a missing column whose default is not a plain value)."""
    bind = session.get_bind()
    if bind.dialect.name != "sqlite" or len(rows) < 2:
        return False
    keys = rows[0].keys()
    if any(r.keys() != keys for r in rows):
        return False
    prep = bind.dialect.identifier_preparer
    quote = prep.quote
    names: list[str] = []
    getters: list[tuple[str, Any, Any]] = []  # (key or "", fixed value, bind processor)
    for col in table.columns:
        if col.key in keys:
            fixed = None
        elif col.default is None:
            continue  # left to the database (NULL or its server default), as insert() does
        elif col.default.is_scalar:
            fixed = col.default.arg  # type: ignore[attr-defined]
        else:
            return False
        names.append(quote(col.name))
        proc = col.type.dialect_impl(bind.dialect).bind_processor(bind.dialect)
        getters.append((col.key if col.key in keys else "", fixed, proc))
    if not names:
        return False
    per_statement = max(1, _SQLITE_MAX_PARAMS // len(names))
    head = f"INSERT INTO {prep.format_table(table)} ({', '.join(names)}) VALUES "
    one = "(" + ", ".join("?" * len(names)) + ")"
    conn = session.connection()
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        params: list[Any] = []
        for r in chunk:
            for key, fixed, proc in getters:
                value = r[key] if key else fixed
                params.append(proc(value) if proc is not None else value)
        conn.exec_driver_sql(head + ", ".join([one] * len(chunk)), tuple(params))
    return True


def next_serials(session: Session, name: str, count: int) -> range:
    """The next ``count`` numbers of a gap-free counter in one statement (an import's batch),
    with the same locking as ``next_serial``."""
    if count < 1:
        return range(0)
    first = next_serial(session, name, by=count) - count + 1
    return range(first, first + count)


def next_serial(session: Session, name: str, by: int = 1) -> int:
    """The next number of a gap-free counter, inside the caller's transaction.

    The UPDATE takes the row lock (PostgreSQL) or runs under the write lock (SQLite), so two
    desks never get the same number; a rollback gives the number back. It returns the new
    value itself (``RETURNING``, SQLite 3.35 and PostgreSQL): one statement a number."""
    value = session.execute(_BUMP, {"counter": name, "by": by}).scalar()
    if value is None:
        try:
            with session.begin_nested():
                session.add(Counter(name=name, value=0))
        except IntegrityError:
            pass  # another desk created the row first; its lock now orders us after it
        value = session.execute(_BUMP, {"counter": name, "by": by}).scalar_one()
    # A plain UPDATE (the ORM's would cost more than the statement): a counter object this
    # session holds is told the new value, as the ORM's UPDATE would have done.
    held = session.identity_map.get(identity_key(Counter, name))
    if held is not None:
        set_committed_value(held, "value", value)
    return int(value)


_COUNTERS = cast(Table, Counter.__table__)
_BUMP = (
    update(_COUNTERS)
    .where(_COUNTERS.c.name == bindparam("counter"))
    .values(value=_COUNTERS.c.value + bindparam("by"))
    .returning(_COUNTERS.c.value)
)


def advisory_xact_lock(session: Session, key: int) -> None:
    """Serialise a rewrite with other desks on PostgreSQL (released at commit). On SQLite the
    write transaction (``BEGIN IMMEDIATE``) already does."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


class NetworkDatabase(StoreError):
    """An SQLite file on a network share, where its locking cannot be trusted."""


# File systems reached over a network: SQLite's locks are unreliable or missing there, and two
# desks writing one file through them corrupt it (SQLite's "How To Corrupt An SQLite Database
# File", 2.1). Types as /proc/mounts names them.
NETWORK_FILESYSTEMS = frozenset(
    {
        "cifs",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "9p",
        "afs",
        "ncpfs",
        "coda",
        "ceph",
        "glusterfs",
        "lustre",
        "davfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.rclone",
        "fuse.smbnetfs",
    }
)
MOUNTS = Path("/proc/mounts")


def _mount_field(text: str) -> str:
    """A field of /proc/mounts with its octal escapes (``\\040`` for a space) decoded."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), text)


def network_filesystem(path: Path, mounts: Path | None = None) -> str | None:
    """The type of network file system ``path`` lies on (``cifs``, ``nfs4``...), "UNC" for a
    Windows share path or a mapped network drive, or None for a local disk."""
    raw = str(path)
    if raw.startswith("\\\\") or (os.name == "nt" and raw.startswith("//")):
        return "UNC"
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(raw))[0]
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]  # Windows only
        if drive and kernel32.GetDriveTypeW(drive + "\\") == 4:  # DRIVE_REMOTE
            return "UNC"
        return None
    try:
        table = (mounts or MOUNTS).read_text("utf-8", errors="replace")
    except OSError:
        return None
    where = os.path.realpath(path)
    best, best_type = "", None
    for line in table.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _mount_field(fields[1]).rstrip("/") or "/"
        inside = where == point or where.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fields[2]
    if best_type is not None and best_type.lower() in NETWORK_FILESYSTEMS:
        return best_type
    return None


def refuse_network_location(file: Path) -> None:
    """An SQLite database on a network share is refused before it is opened."""
    kind = network_filesystem(file)
    if kind is None:
        return
    raise NetworkDatabase(
        f"Cơ sở dữ liệu «{file}» nằm trên ổ mạng ({kind}). SQLite không khóa được tệp an toàn "
        "qua mạng: các máy cùng ghi một tệp trên ổ chia sẻ sẽ làm hỏng dữ liệu. Nhiều máy "
        "dùng chung hãy dùng PostgreSQL (--db postgresql://máy-chủ/pakn, xem README); một "
        "máy thì chép tệp về ổ đĩa của máy này. Không có gì được mở hay thay đổi."
    )


def refuse_network_url(url: str | None) -> None:
    """``refuse_network_location`` for what ``--db`` names, before anything is created: a
    Windows share path is seen as typed (made absolute it would look like a local name)."""
    check_url(resolve_url(url))
    given = url or ""
    if given.startswith("\\\\"):
        refuse_network_location(Path(given))
    file = _sqlite_file(resolve_url(url))
    if file is not None:
        refuse_network_location(file)


SQLITE_MIN_SIZE = 512  # the smallest page an SQLite file can have


def refuse_foreign_file(file: Path, *, create: bool = False) -> None:
    """A command that reads a database refuses a file that holds none: empty or too small to
    be an SQLite file, or not SQLite at all (SQLite would otherwise make an empty office in
    it, whose administrator has no password). Another program's SQLite database is refused
    even by ``create`` (the office's tables would be added into it). Read through SQLite
    only, read-only, so the file is not changed. A damaged PAKN database is left to the
    start-up check, which names it so."""
    try:
        size = file.stat().st_size
    except OSError:
        return  # the open that follows names the reason
    if file.is_dir():
        raise NotAnOfficeDatabase(
            f"«{file}» là một thư mục, không phải cơ sở dữ liệu. Hãy kiểm tra đường dẫn --db."
        )
    create_hint = (
        "Không có gì bị thay đổi. Hãy kiểm tra đường dẫn --db; cơ sở dữ liệu mới chỉ được tạo "
        f"bằng: pakn --db {file} init (với một tệp chưa có)."
    )
    if size < SQLITE_MIN_SIZE:
        if create:
            return  # the new file of init, demo or the first run (the check that follows)
        raise NotAnOfficeDatabase(
            f"Tệp «{file}» rỗng ({size} byte), không phải cơ sở dữ liệu PAKN. " + create_hint
        )
    try:
        conn = sqlite3.connect(f"file:{file}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            tables = {
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if create or not str(getattr(exc, "sqlite_errorname", "")).startswith("SQLITE_NOTADB"):
            return  # damaged, locked, unreadable: the checks that follow say which
        raise NotAnOfficeDatabase(
            f"Tệp «{file}» không phải cơ sở dữ liệu SQLite của PAKN Desktop. " + create_hint
        ) from None
    if "alembic_version" in tables or (create and not tables):
        return
    raise NotAnOfficeDatabase(
        f"Tệp «{file}» không phải cơ sở dữ liệu của PAKN Desktop (đó là cơ sở dữ liệu SQLite "
        "của một chương trình khác). " + create_hint
    )


def check_location(db: Database, *, create: bool) -> None:
    """``--db`` never creates a database by accident: a missing folder is refused unless
    ``create`` (``pakn init``, ``pakn demo``, the window's first run) and a missing file too.
    A file on a network share is refused (``refuse_network_location``)."""
    if db.file is None:
        return
    refuse_network_location(db.file)
    if db.file.exists():
        refuse_foreign_file(db.file, create=create)
        return
    if not create:
        if not db.file.parent.is_dir():
            raise DatabaseMissing(
                f"Thư mục «{db.file.parent}» không tồn tại, nên không có cơ sở dữ liệu "
                f"«{db.file.name}». Hãy kiểm tra đường dẫn --db (không có gì được tạo)."
            )
        raise DatabaseMissing(
            f"Không tìm thấy cơ sở dữ liệu «{db.file}». Hãy kiểm tra đường dẫn --db, hoặc "
            f"tạo cơ sở dữ liệu mới bằng: pakn --db {db.file} init"
        )
    try:
        db.file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        mapped = describe_error(exc, str(db.file.parent))
        raise mapped or DatabaseUnavailable(
            f"Không tạo được thư mục «{db.file.parent}». " + file_problem(exc)
        ) from exc


def open_database(
    url: str | None = None, *, migrate: bool = True, create: bool = True, check: bool = True
) -> Database:
    """Open, check (a damaged SQLite file is reported, never overwritten) and migrate. A
    missing database is made only with ``create``. With ``check=False`` the whole-file check
    is left to the caller (the window runs it after it is up, holding writes meanwhile); a
    file that must be migrated is still checked first, and one that is not an SQLite database
    at all is refused at once."""
    from .backup import check_database, check_header

    db = Database(resolve_url(url))
    try:
        check_location(db, create=create)
        if not check:
            check_header(db)
        if check or db.needs_migration():
            check_database(db)
        db.remove_stale_restores()
        if migrate:
            db.migrate()
    except BaseException:
        # A refused database (newer, damaged, busy...) leaves no connection open behind it:
        # the revision read before the refusal went back into a pool nobody would close.
        db.dispose(optimize=False)
        raise
    return db
