"""Backups of the SQLite register: consistent copies taken while the app runs (SQLite's online
backup API), a daily copy with rotation, and a verified restore that keeps the current file.

PostgreSQL offices back up with pg_dump (README)."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pakn_desktop.domain.errors import PaknError

from .db import Database, copy_sqlite

DAILY_KEEP = 14
MONTHLY_KEEP = 12
PREFIX = "pakn-"
RESTORE_HINT = "Hãy khôi phục từ một bản sao lưu: pakn --db URL restore TỆP_SAO_LƯU."


class BackupError(PaknError):
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
        raise BackupError(f"Không tìm thấy tệp «{path}».")
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise BackupError(f"Không đọc được tệp «{path.name}»: {exc}") from exc
    if header != b"SQLite format 3\x00":
        raise BackupError(f"Tệp «{path.name}» không phải là cơ sở dữ liệu SQLite.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                detail = "; ".join(str(r[0]) for r in result[:3])
                raise BackupError(f"Tệp «{path.name}» bị hỏng (integrity_check: {detail}).")
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
        raise BackupError(f"Tệp «{path.name}» bị hỏng hoặc không đọc được: {exc}") from exc
    rev = revision[0] if revision else None
    if rev is None or (head_revision is not None and rev > head_revision):
        raise BackupError(
            f"Tệp «{path.name}» có phiên bản cấu trúc dữ liệu «{rev}» mà chương trình này "
            "không biết (có thể được tạo bởi phiên bản mới hơn)."
        )
    return Verified(path, rev, int(cases))


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
        raise BackupError(
            f"Cơ sở dữ liệu «{db.file}» không đọc được ({exc}). Không có gì bị ghi đè. "
            + RESTORE_HINT
        ) from exc


def check_database(db: Database) -> None:
    """On start: a damaged SQLite file is reported, never silently overwritten."""
    if db.file is None or not db.file.exists() or db.file.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(f"file:{db.file}?mode=ro", uri=True, timeout=5)
        try:
            result = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            f"Cơ sở dữ liệu «{db.file}» không đọc được ({exc}). Không có gì bị ghi đè. "
            + RESTORE_HINT
        ) from exc
    if result != [("ok",)]:
        raise BackupError(
            f"Cơ sở dữ liệu «{db.file}» bị hỏng ({result[0][0]}). Không có gì bị ghi đè. "
            + RESTORE_HINT
        )


def backup_now(db: Database, folder: Path, *, stamp: datetime | None = None) -> Path:
    """A manual copy, named with date and time (never rotated away)."""
    stamp = stamp or datetime.now()
    target = folder / f"{PREFIX}{stamp:%Y-%m-%d-%H%M%S}.db"
    db.backup_to(target)
    return target


def daily_backup(db: Database, folder: Path, today: date | None = None) -> Path | None:
    """The day's automatic copy, once per day the app is used, then rotation: the newest
    14 daily copies and the first copy of each of the last 12 months are kept."""
    if db.file is None:
        return None
    today = today or date.today()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{PREFIX}{today:%Y-%m-%d}.db"
    made = None
    if not target.exists():
        db.backup_to(target)
        made = target
    rotate(folder)
    return made


def _backup_day(path: Path) -> date | None:
    try:
        return datetime.strptime(path.stem.removeprefix(PREFIX), "%Y-%m-%d").date()
    except ValueError:
        return None


def rotate(folder: Path, daily: int = DAILY_KEEP, monthly: int = MONTHLY_KEEP) -> list[Path]:
    """Delete automatic copies beyond the rotation; returns what was deleted."""
    dated = sorted(
        ((d, p) for p in folder.glob(f"{PREFIX}????-??-??.db") if (d := _backup_day(p))),
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


def restore(db: Database, source: Path) -> Path:
    """Replace the database with a verified backup; the current file is kept beside it.
    Returns the path the current file was copied to."""
    if db.file is None:
        raise BackupError("Khôi phục trực tiếp chỉ áp dụng cho cơ sở dữ liệu SQLite.")
    checked = verify(source, db.head_revision())
    db.engine.dispose()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = db.file.with_name(f"{db.file.stem}.before-restore-{stamp}{db.file.suffix}")
    if db.file.exists():
        copy_sqlite(db.file, kept)
    tmp = db.file.with_name(db.file.name + ".restoring")
    tmp.unlink(missing_ok=True)
    copy_sqlite(checked.path, tmp)
    for suffix in ("-wal", "-shm"):
        Path(str(db.file) + suffix).unlink(missing_ok=True)
    shutil.move(tmp, db.file)
    return kept
