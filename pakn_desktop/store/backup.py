"""Backups of the SQLite register: consistent copies taken while the app runs (SQLite's online
backup API), a daily copy with rotation, and a verified restore that keeps the current file.

A restore never loses a confirmed save, even with other desks writing: it replaces the rows of
the live file inside one write transaction (other desks wait for it, then see the restored
content through their own connections, since the file itself is never swapped), and the
current content is copied and verified under that same lock first, so every save confirmed
before the restore is in the kept copy and every save after it is in the live file. A damaged
current file is not read: it is renamed aside and the backup put in its place.

PostgreSQL offices back up with pg_dump and restore with pg_restore (README)."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import NullPool

from pakn_desktop.domain.clock import vn_now, vn_today
from pakn_desktop.domain.errors import NotFound, PaknError
from pakn_desktop.domain.text import fold
from pakn_desktop.domain.wording import file_problem

from .db import (
    BUSY_TIMEOUT_MS,
    CALENDAR_VERSION,
    Database,
    DatabaseBusy,
    DatabaseMissing,
    StoreError,
    copy_sqlite,
    describe_error,
    is_known_revision,
)
from .models import AppMeta

# The counter of the audit chain (services.audit.COUNTER) and the app_meta row naming the
# database (generated once; daily copies carry it in their name).
AUDIT_COUNTER = "audit"
DATABASE_ID = "database_id"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DAILY_KEEP = 14
MONTHLY_KEEP = 12
PREFIX = "pakn-"
RESTORE_HINT = (
    "Vui lòng báo quản trị hệ thống để khôi phục từ bản sao lưu (menu Sao lưu → Khôi phục từ "
    "bản sao lưu…)."
)
# What SQLite said goes to the log; a person reads plain words and what to do.
log = logging.getLogger("pakn_desktop")


class BackupError(PaknError):
    pass


class BackupNotFound(NotFound, BackupError):
    pass


@dataclass(frozen=True)
class Verified:
    path: Path
    revision: str | None
    cases: int


def verify(path: Path, head_revision: str | None) -> Verified:
    """Check a database file before trusting it: it opens, passes PRAGMA integrity_check,
    and carries a schema revision this program knows. Raises BackupError in plain words."""
    if not path.is_file():
        raise BackupNotFound(f"Không tìm thấy tệp sao lưu «{path}».")
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        log.warning("Cannot read %s: %r", path, exc)
        raise BackupError(file_problem(exc, path.name)) from exc
    if header != b"SQLite format 3\x00":
        raise BackupError(f"Tệp «{path.name}» không phải là cơ sở dữ liệu SQLite.")
    try:
        conn = read_copy(path)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                detail = "; ".join(str(r[0]) for r in result[:3])
                log.warning("integrity_check of %s: %s", path, detail)
                raise BackupError(f"Tệp «{path.name}» bị hỏng; vui lòng chọn bản sao lưu khác.")
            try:
                revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
            except sqlite3.Error as exc:
                raise BackupError(
                    f"Tệp «{path.name}» không phải cơ sở dữ liệu của PAKN Desktop."
                ) from exc
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        log.warning("Cannot open %s: %r", path, exc)
        raise BackupError(
            f"Tệp «{path.name}» bị hỏng hoặc không đọc được; vui lòng chọn bản sao lưu khác."
        ) from exc
    rev = revision[0] if revision else None
    # Known means in this program's migrations (revision ids are not ordered as strings once
    # branches are re-chained, e.g. 0009 after 0014).
    if rev is None or (head_revision is not None and not is_known_revision(rev)):
        raise BackupError(
            f"Tệp «{path.name}» có phiên bản cấu trúc dữ liệu «{rev}» mà chương trình này "
            "không biết (có thể do phiên bản mới hơn tạo)."
        )
    return Verified(path, rev, int(cases))


SQLITE_HEADER = b"SQLite format 3\x00"


def open_copy(path: Path) -> Engine:
    """A read-only engine over a kept copy or backup (through ``read_copy``: nothing is
    written beside it), for reading its rows with the models."""
    return create_engine("sqlite://", creator=lambda: read_copy(path), poolclass=NullPool)


@dataclass(frozen=True)
class BackupSummary:
    """What a backup file holds, read from it without changing it: for choosing a backup."""

    path: Path
    taken: datetime  # the file's time, Vietnam time
    office: str
    cases: int
    newest_code: str
    database_id: str
    # Why the file cannot be read as a register ("" when it can).
    problem: str = ""


def summarize(path: Path) -> BackupSummary:
    """The office, time, case count and newest code of a backup, read through SQLite only and
    read-only (nothing is written beside it). A file that is not a register says why."""
    taken = datetime.fromtimestamp(path.stat().st_mtime, VIETNAM).replace(tzinfo=None)
    try:
        conn = read_copy(path)
        try:
            office = conn.execute(
                "SELECT agency FROM office_settings ORDER BY id LIMIT 1"
            ).fetchone()
            cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
            newest = conn.execute("SELECT code FROM cases ORDER BY id DESC LIMIT 1").fetchone()
            try:
                ident = conn.execute(
                    "SELECT value FROM app_meta WHERE key = ?", (DATABASE_ID,)
                ).fetchone()
            except sqlite3.Error:  # a copy older than app_meta
                ident = None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        log.info("Backup %s not read: %s", path, exc)  # the detail to the log
        return BackupSummary(
            path, taken, "", 0, "", "", "không đọc được tệp như một cơ sở dữ liệu PAKN"
        )
    return BackupSummary(
        path,
        taken,
        str(office[0]) if office else "",
        int(cases),
        str(newest[0]) if newest else "",
        str(ident[0]) if ident else "",
    )


def summarize_folder(folder: Path) -> list[BackupSummary]:
    """Every ``*.db`` copy in a backup folder, newest first."""
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("*.db") if p.is_file()]
    files.sort(key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    return [summarize(p) for p in files]


def read_copy(path: Path) -> sqlite3.Connection:
    """A read-only connection to a copy nobody writes (a backup, a kept copy) that leaves
    nothing beside it. A copy in WAL mode opened read-only would get a ``-wal`` and ``-shm``
    that SQLite cannot remove on close; without a ``-wal`` of its own the file is the whole
    content, so it is read as immutable (no locks, no shared memory). A copy that does carry
    a ``-wal`` (taken by hand from a live folder) is read with it."""
    uri = path.resolve().as_uri()
    if Path(f"{path}-wal").exists():
        return sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=5)
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=5)


def check_header(db: Database) -> None:
    """The instant part of the start-up check: an SQLite file that opens and reads its
    schema. The whole-file check (check_database) follows once the window is up."""
    if db.file is None or not db.file.exists() or db.file.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(f"file:{db.file}?mode=ro", uri=True, timeout=5)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        log.error("Database %s cannot be read: %r", db.file, exc)
        mapped = describe_error(exc, str(db.file))
        if isinstance(mapped, DatabaseBusy):  # another desk holds the file (a restore): no damage
            raise mapped from exc
        raise BackupError(
            f"Tệp cơ sở dữ liệu «{db.file}» bị hỏng hoặc không đọc được; chương trình sẽ không "
            "ghi thêm vào tệp này. " + RESTORE_HINT
        ) from exc


def damage_of(path: Path) -> str | None:
    """Why an existing database file is unusable (SQLite's words, for the log), or None when
    it is healthy. Read-only or
    unreachable files are not damaged: those raise a StoreError naming the real cause.

    The file is read through SQLite only, never with a plain file handle first: closing any
    handle on the file drops every POSIX lock this process's open connections hold on it, and
    another desk closing its connection would then delete the WAL this process still uses."""
    if not os.access(path, os.R_OK):
        try:
            path.open("rb").close()  # no connection can be open on an unreadable file
        except OSError as exc:
            mapped = describe_error(exc, str(path))
            log.warning("Cannot read %s: %r", path, exc)
            raise mapped or StoreError(file_problem(exc, str(path))) from exc
    problem = _quick_check(path)
    if problem is None:
        return None
    with path.open("rb") as fh:  # damaged: name a foreign file plainly
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return "phần đầu tệp không phải của cơ sở dữ liệu SQLite"
    return problem


def _quick_check(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            result = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        name = str(getattr(exc, "sqlite_errorname", "") or "")
        if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in str(exc):
            return str(exc)
        mapped = describe_error(exc, str(path))
        if mapped is not None:
            raise mapped from exc
        return str(exc)
    if result != [("ok",)]:
        return str(result[0][0])
    return None


def check_database(db: Database) -> None:
    """On start: a read-only location is named as such; a damaged SQLite file is reported,
    never silently overwritten."""
    if db.file is None or not db.file.exists() or db.file.stat().st_size == 0:
        return
    folder = db.file.parent
    if not os.access(db.file, os.W_OK) or not os.access(folder, os.W_OK):
        from .db import ReadOnlyDatabase

        raise ReadOnlyDatabase(
            f"Cơ sở dữ liệu «{db.file}» nằm trên tệp hoặc ổ đĩa chỉ đọc (hoặc không có quyền "
            "ghi vào thư mục của nó). Hãy chép tệp sang thư mục có quyền ghi, hoặc bỏ thuộc "
            "tính chỉ đọc. Không có gì bị thay đổi."
        )
    problem = damage_of(db.file)
    if problem is not None:
        log.error("Database %s is damaged: %s", db.file, problem)
        raise BackupError(
            f"Tệp cơ sở dữ liệu «{db.file}» bị hỏng; chương trình sẽ không ghi thêm vào tệp "
            "này. " + RESTORE_HINT
        )


def backup_now(db: Database, folder: Path, *, stamp: datetime | None = None) -> Path:
    """A manual copy, named with date and time (never rotated away)."""
    stamp = stamp or vn_now()
    target = folder / f"{PREFIX}{stamp:%Y-%m-%d-%H%M%S}.db"
    db.backup_to(target)
    return target


def database_identity(db: Database) -> str:
    """The database's own id (``app_meta``), made the first time it is asked for: copies of
    one database share it, two databases never do."""
    with db.read() as s:
        found = s.scalar(select(AppMeta.value).where(AppMeta.key == DATABASE_ID))
    if found:
        return str(found)
    try:
        with db.write() as s:
            found = s.scalar(select(AppMeta.value).where(AppMeta.key == DATABASE_ID))
            if not found:
                found = uuid.uuid4().hex
                s.add(AppMeta(key=DATABASE_ID, value=found))
    except IntegrityError:  # PostgreSQL: another desk made it at the same moment
        with db.read() as s:
            found = s.scalar(select(AppMeta.value).where(AppMeta.key == DATABASE_ID))
    return str(found)


def daily_prefix(db: Database) -> str:
    """``pakn-<file name>-<id>-``: the daily copies of one database, apart from any other
    database opened the same day (a test file, another office's register)."""
    name = db.file.stem if db.file is not None else "postgresql"
    readable = re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")[:24] or "pakn"
    return f"{PREFIX}{readable}-{database_identity(db)[:12]}-"


def daily_backup(db: Database, folder: Path, today: date | None = None) -> Path | None:
    """The day's automatic copy of this database, once per day the app is used, then
    rotation: the newest 14 daily copies and the first copy of each of the last 12 months of
    this database are kept."""
    if db.file is None:
        return None
    today = today or vn_today()
    folder.mkdir(parents=True, exist_ok=True)
    prefix = daily_prefix(db)
    target = folder / f"{prefix}{today:%Y-%m-%d}.db"
    made = None
    if not target.exists():
        db.backup_to(target)
        made = target
    rotate(folder, prefix=prefix)
    rotate(folder)  # the copies named before databases had ids, rotated as they were
    return made


def _backup_day(path: Path, prefix: str) -> date | None:
    try:
        return datetime.strptime(path.stem.removeprefix(prefix), "%Y-%m-%d").date()
    except ValueError:
        return None


def rotate(
    folder: Path, daily: int = DAILY_KEEP, monthly: int = MONTHLY_KEEP, *, prefix: str = PREFIX
) -> list[Path]:
    """Delete one database's automatic copies beyond the rotation (``prefix`` names the
    database; the bare prefix, the copies named before databases had ids); returns what was
    deleted."""
    dated = sorted(
        ((d, p) for p in folder.glob(f"{prefix}????-??-??.db") if (d := _backup_day(p, prefix))),
        reverse=True,
    )
    keep: set[Path] = {p for _, p in dated[:daily]}
    firsts: dict[tuple[int, int], Path] = {}
    for d, p in sorted(dated):
        firsts.setdefault((d.year, d.month), p)
    for key in sorted(firsts, reverse=True)[:monthly]:
        keep.add(firsts[key])
    removed = []
    for _, p in dated:
        if p not in keep:
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed


@dataclass(frozen=True)
class Restored:
    cases: int
    # The verified copy of what the database held just before (None if there was no file).
    kept: Path | None
    # A damaged file that was moved aside unread.
    damaged: Path | None
    # The last audit record number the register had reached before the restore (0 when
    # unknown): the chain's numbers are gap-free, so the service carries them forward.
    audit_before: int = 0


def restore(db: Database, source: Path, *, stamp: datetime | None = None) -> Restored:
    """Replace the database's content with a verified backup, keeping what it held first.

    Healthy current file: under one write transaction (other desks wait), the current content
    is copied and verified, then every table's rows are replaced with the backup's (migrated to
    this program's schema first); other desks see the restored content at commit. Damaged
    current file: renamed aside unread, and the backup copied into its place."""
    if db.file is None:
        raise BackupError(
            "Cơ sở dữ liệu đang dùng là PostgreSQL: không thể khôi phục từ tệp sao lưu SQLite. "
            "Hãy khôi phục bằng pg_restore từ bản pg_dump (xem README). Không có gì bị thay đổi."
        )
    if not db.file.parent.is_dir():
        raise DatabaseMissing(
            f"Thư mục «{db.file.parent}» không tồn tại. Không có gì được khôi phục hay tạo ra."
        )
    head = db.head_revision()
    checked = verify(source, head)
    stamp = stamp or vn_now()
    tag = stamp.strftime("%Y%m%d-%H%M%S")
    live = db.file
    work = live.with_name(f"{live.stem}.restoring-{stamp:%Y%m%d-%H%M%S-%f}{live.suffix}")
    db.engine.dispose()
    try:
        _copy_into(checked.path, work)
        if checked.revision != head:
            staged = Database(f"sqlite:///{work}")
            try:
                staged.migrate(backup=False)
            finally:
                staged.engine.dispose()
        if not live.exists() or live.stat().st_size == 0:
            # Nothing to keep: a missing or empty file (SQLite's own new-file state).
            _place(work, live)
            return Restored(checked.cases, None, None)
        problem = damage_of(live)
        if problem is not None:
            damaged = _unused(live.with_name(f"{live.stem}.damaged-{tag}{live.suffix}"))
            _move_aside(live, damaged)
            _place(work, live)
            return Restored(checked.cases, None, damaged)
        db.migrate()
        kept, before = _replace_rows(live, work, head, tag)
        return Restored(checked.cases, kept, None, before.get(AUDIT_COUNTER, 0))
    finally:
        for leftover in (work, Path(f"{work}-wal"), Path(f"{work}-shm")):
            leftover.unlink(missing_ok=True)
        db.engine.dispose()


def _copy_into(source: Path, target: Path) -> None:
    try:
        copy_sqlite(source, target)
    except (sqlite3.Error, OSError) as exc:
        target.unlink(missing_ok=True)
        mapped = describe_error(exc, str(target.parent))
        if mapped is not None:
            raise mapped from exc
        log.warning("Copying %s failed: %r", source, exc)
        raise BackupError(
            f"Không chép được bản sao lưu «{source.name}». Dữ liệu chưa bị thay đổi. "
            "Vui lòng thử lại hoặc báo quản trị hệ thống."
        ) from exc


def _place(work: Path, live: Path) -> None:
    """Put a finished file at the live path (an atomic rename on one filesystem)."""
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    os.replace(work, live)


def _move_aside(live: Path, damaged: Path) -> None:
    try:
        os.replace(live, damaged)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{live}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{damaged}{suffix}"))
    except OSError as exc:
        raise BackupError(
            f"Không đổi tên được tệp hỏng «{live.name}»; có thể một "
            "máy khác đang mở nó. Hãy đóng PAKN Desktop ở mọi máy rồi thử lại."
        ) from exc


def _tables(conn: sqlite3.Connection, schema: str) -> dict[str, list[str]]:
    """Ordinary tables and their columns. Full-text indexes (virtual tables and their shadow
    tables) are left out: the triggers on ``cases`` keep them in step with the rows."""
    listed = conn.execute(f"PRAGMA {schema}.table_list").fetchall()
    names = sorted(r[1] for r in listed if r[2] == "table" and not str(r[1]).startswith("sqlite_"))
    return {n: [r[1] for r in conn.execute(f'PRAGMA {schema}.table_info("{n}")')] for n in names}


def _unused(path: Path) -> Path:
    """``path``, or ``name-2.db``, ``name-3.db``...: a kept copy never overwrites another."""
    candidate, n = path, 1
    while candidate.exists() or Path(f"{candidate}.part").exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _replace_rows(
    live: Path, work: Path, head: str | None, tag: str
) -> tuple[Path, dict[str, int]]:
    """Returns the kept copy of what the live file held, and its counters."""
    conn = sqlite3.connect(live, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    part: Path | None = None
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("ATTACH DATABASE ? AS restored", (str(work),))
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Nobody else can commit now: the kept copy holds every confirmed save.
            current_cases = conn.execute("SELECT count(*) FROM main.cases").fetchone()[0]
            # Named under the lock: two restores in the same second keep two copies.
            kept = _unused(live.with_name(f"{live.stem}.before-restore-{tag}{live.suffix}"))
            part = kept.with_name(kept.name + ".part")
            _copy_into(live, part)
            kept_check = verify(part, head)
            if kept_check.cases != current_cases:
                raise BackupError(
                    "Bản giữ lại của dữ liệu hiện tại không khớp "
                    f"({kept_check.cases} / {current_cases} hồ sơ). Không có gì bị thay đổi."
                )
            os.replace(part, kept)
            mine, theirs = _tables(conn, "main"), _tables(conn, "restored")
            if mine != theirs:
                raise BackupError(
                    "Cấu trúc của bản sao lưu khác cơ sở dữ liệu hiện tại sau khi nâng cấp. "
                    "Không có gì bị thay đổi."
                )
            conn.execute("PRAGMA defer_foreign_keys=ON")
            version = _calendar_version(conn, "main")
            counters = _counters(conn, "main")
            identity = conn.execute(
                "SELECT value FROM main.app_meta WHERE key = ?", (DATABASE_ID,)
            ).fetchone()
            for name in mine:
                conn.execute(f'DELETE FROM main."{name}"')
            for name, columns in mine.items():
                cols = ", ".join(f'"{c}"' for c in columns)
                conn.execute(
                    f'INSERT INTO main."{name}" ({cols}) SELECT {cols} FROM restored."{name}"'
                )
            # Desks holding a cached calendar must rebuild it: the version only goes up.
            version = max(version, _calendar_version(conn, "main")) + 1
            conn.execute("DELETE FROM main.counters WHERE name = ?", (CALENDAR_VERSION,))
            conn.execute(
                "INSERT INTO main.counters (name, value) VALUES (?, ?)", (CALENDAR_VERSION, version)
            )
            _never_backwards(conn, counters)
            if identity is not None:
                # The file stays the same database: its daily copies keep their name.
                conn.execute("DELETE FROM main.app_meta WHERE key = ?", (DATABASE_ID,))
                conn.execute(
                    "INSERT INTO main.app_meta (key, value) VALUES (?, ?)",
                    (DATABASE_ID, identity[0]),
                )
            if conn.execute("PRAGMA main.foreign_key_check").fetchone() is not None:
                raise BackupError(
                    "Bản sao lưu có liên kết dữ liệu không hợp lệ. Không có gì bị thay đổi."
                )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("DETACH DATABASE restored")
        return kept, counters
    except sqlite3.Error as exc:
        mapped = describe_error(exc, str(live))
        if mapped is not None:
            raise mapped from exc
        log.warning("Restore failed: %r", exc)
        raise BackupError(
            "Không khôi phục được từ bản sao lưu. Dữ liệu chưa bị thay đổi. Vui lòng báo quản "
            "trị hệ thống."
        ) from exc
    finally:
        if part is not None:
            part.unlink(missing_ok=True)
        conn.close()


def _calendar_version(conn: sqlite3.Connection, schema: str) -> int:
    row = conn.execute(
        f"SELECT value FROM {schema}.counters WHERE name = ?",
        (CALENDAR_VERSION,),
    ).fetchone()
    return int(row[0]) if row else 0


def _counters(conn: sqlite3.Connection, schema: str) -> dict[str, int]:
    return {
        str(name): int(value)
        for name, value in conn.execute(f"SELECT name, value FROM {schema}.counters")
    }


def _never_backwards(conn: sqlite3.Connection, before: dict[str, int]) -> None:
    """Every number handed out before the restore stays handed out: each counter (case codes
    and letter numbers per year, template versions, ...) is the higher of what the register
    had reached and what the backup holds, so no code or number is given twice. The audit
    chain's counter is left at the backup's: its records are numbered without gaps, and the
    service writes the records that bring it back to where it was."""
    restored = _counters(conn, "main")
    for name, value in before.items():
        if name in (AUDIT_COUNTER, CALENDAR_VERSION) or restored.get(name, 0) >= value:
            continue
        if name in restored:
            conn.execute("UPDATE main.counters SET value = ? WHERE name = ?", (value, name))
        else:
            conn.execute("INSERT INTO main.counters (name, value) VALUES (?, ?)", (name, value))
