"""Fault suite: the register under kill -9, many desks, restores and full disks.

    .venv/bin/python tools/faults.py [--quick] [--backend sqlite|postgres|both] [--pg-url URL]

Scenarios, each on SQLite and (with a PostgreSQL URL) PostgreSQL:
- kill -9 during intakes, during letter issuing and during migrations;
- N desks writing together;
- a restore while another desk writes (PostgreSQL: refused with its message), and kill -9
  during restores while a desk writes;
- four desks starting together on a fresh database;
- a restore, then intakes and receipts: no code or number handed out twice, the later cases
  offered back and brought back (SQLite; PostgreSQL restores with pg_restore);
- four desks running the first-run wizard on a fresh database: one administrator;
- a disk that fills up during intakes (a file-size limit: SQLite sees the same short writes
  as on a full disk; SQLite only).

Desks are forked processes that log every *confirmed* save (after its commit returned) to
their own file; a kill -9 never loses a line that was written. Afterwards the database is
checked: integrity, confirmed saves missing (lost), duplicate codes or letter numbers, gaps in
the serials, refusals with a message, and tracebacks (any error without one). Prints a table;
exits 1 when anything was lost, corrupt, duplicated or raised a traceback.

The PostgreSQL database is wiped (schema ``public`` dropped) before each scenario: give it a
scratch database (``--pg-url``, else PAKN_FAULTS_DATABASE_URL or PAKN_TEST_DATABASE_URL).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402

from pakn_desktop.domain.errors import PaknError  # noqa: E402
from pakn_desktop.domain.validation import IntakeForm  # noqa: E402
from pakn_desktop.services import Services  # noqa: E402
from pakn_desktop.services.views import Actor  # noqa: E402
from pakn_desktop.store.db import Database  # noqa: E402
from pakn_desktop.store.models import Case, Letter, User  # noqa: E402

CTX = multiprocessing.get_context("fork")


@dataclass
class Row:
    scenario: str
    backend: str
    operations: int = 0
    kills: int = 0
    corrupt: int = 0
    lost: int = 0
    duplicates: int = 0
    gaps: int = 0
    refused: int = 0
    tracebacks: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.lost or self.corrupt or self.duplicates or self.gaps or self.tracebacks)


@dataclass(frozen=True)
class Settings:
    intake_kills: int = 12
    letter_kills: int = 8
    migration_kills: int = 8
    restore_kills: int = 6
    desks: int = 4
    per_desk: int = 60
    restore_after: int = 40
    full_disk_room: int = 256 * 1024
    # A desk is killed at a random moment within this window after it starts (seconds).
    kill_window: tuple[float, float] = (0.2, 1.0)
    after_restore: float = 1.0


QUICK = Settings(
    intake_kills=2,
    letter_kills=1,
    migration_kills=1,
    restore_kills=1,
    desks=2,
    per_desk=8,
    restore_after=8,
    kill_window=(0.1, 0.4),
    after_restore=0.3,
)


def form(title: str) -> IntakeForm:
    return IntakeForm(
        "citizen", "Hà Văn Sơn", "Xã Đắk Hà", "0912123123", "", title, "Nội dung", "phone"
    )


# --- desks (forked processes) --------------------------------------------------------------
class Log:
    """Append-only lines; each write() is complete before the next save starts."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def __call__(self, line: str) -> None:
        os.write(self.fd, (line.replace("\n", " ") + "\n").encode())


def desk(job: str, url: str, log_path: Path, args: dict[str, Any]) -> None:
    """One desk: opens the database (migrating and seeding under the start-up lock), then does
    its job. Every outcome is a line; only an unexpected exception writes TRACEBACK."""
    log = Log(log_path)
    try:
        at = args.get("start_at")
        while at and time.time() < at:
            time.sleep(0.001)
        if job == "restore":
            from pakn_desktop.store.backup import restore

            db = Database(url)
            done = restore(db, Path(args["backup"]))
            log(f"RESTORED {done.kept}")
            return
        lite = url.startswith("sqlite")
        if job == "open" and (not lite or Path(url.removeprefix("sqlite:///")).exists()):
            probe = Database(url)
            if probe.needs_migration():
                log("PENDING migration")
            probe.engine.dispose()
        # "open" and "first_admin" start as the window does: its first run makes the tables.
        svc = Services.open(url, create=job in ("open", "first_admin"))
        log("OPENED")
        if job == "first_admin":  # the first-run wizard's account, all desks at one moment
            go = Path(args["go"])  # made once every desk has opened
            deadline = time.monotonic() + 120
            while not go.exists() and time.monotonic() < deadline:
                time.sleep(0.001)
            try:
                svc.accounts.create_first_admin(args["login"], "Quản trị", "Quan-tri-2026!")
                log("ADMIN")
            except PaknError as exc:
                log(f"REFUSED {exc.message}")
            svc.close()
            return
        actor = desk_actor(svc)
        stop = args.get("stop")
        if job == "intake":
            if args.get("fsize"):
                import resource

                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                room = int(args["fsize"])
                size = sum(
                    p.stat().st_size
                    for p in Path(args["file"]).parent.glob(Path(args["file"]).name + "*")
                )
                resource.setrlimit(resource.RLIMIT_FSIZE, (size + room, resource.RLIM_INFINITY))
            for i in range(int(args.get("n", 10**9))):
                if stop and Path(stop).exists():
                    break
                title = f"{args['tag']}-{i}"
                try:
                    svc.cases.receive(form(title), actor)
                except PaknError as exc:
                    log(f"REFUSED {exc.message}")
                    if args.get("fsize") or args.get("stop_on_refusal"):
                        break
                    continue
                log(f"SAVED {title}")
        elif job == "letters":
            from pakn_desktop.letters.templates import LetterKind

            for _ in range(int(args.get("n", 10**9))):
                try:
                    letter = svc.letters.issue(args["code"], LetterKind.CLARIFICATION, actor)
                except PaknError as exc:
                    log(f"REFUSED {exc.message}")
                    continue
                log(f"LETTER {letter.number}")
        svc.close()
        log("DONE")
    except PaknError as exc:
        log(f"REFUSED {exc.message}")
    except BaseException:
        log("TRACEBACK " + traceback.format_exc())
    finally:
        os._exit(0)


def start(job: str, url: str, log: Path, **args: Any) -> multiprocessing.process.BaseProcess:
    p = CTX.Process(target=desk, args=(job, url, log, args))
    p.start()
    return p


def read_logs(paths: list[Path]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"SAVED": [], "LETTER": [], "REFUSED": [], "TRACEBACK": []}
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            kind, _, rest = line.partition(" ")
            if kind in out:
                out[kind].append(rest)
    return out


def kill_after(
    p: multiprocessing.process.BaseProcess, seconds: float, opened: Path | None = None
) -> bool:
    """kill -9 ``seconds`` after the start, or after the desk logged OPENED (so the kill lands
    in its work, not in its start-up)."""
    if opened is not None:
        deadline = time.monotonic() + 120
        while p.is_alive() and time.monotonic() < deadline:
            if opened.exists() and "OPENED" in opened.read_text(encoding="utf-8"):
                break
            time.sleep(0.01)
    p.join(seconds)
    if p.is_alive():
        assert p.pid is not None
        os.kill(p.pid, signal.SIGKILL)
        p.join()
        return True
    return False


# --- checks ------------------------------------------------------------------------------
def integrity(url: str) -> int:
    """1 when the SQLite file fails PRAGMA integrity_check (0 on PostgreSQL: the server's)."""
    if not url.startswith("sqlite"):
        return 0
    path = url.removeprefix("sqlite:///")
    try:
        conn = sqlite3.connect(path)
        try:
            return int(conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)])
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return 1


def register(url: str) -> tuple[set[str], int, int]:
    """Titles in the register, duplicate codes, gaps in this year's code serials."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            titles = {r[0] for r in conn.execute(select(Case.title))}
            codes = [r[0] for r in conn.execute(select(Case.code))]
    finally:
        engine.dispose()
    dupes = len(codes) - len(set(codes))
    serials = sorted({int(c.split("-")[1]) for c in codes})
    gaps = (serials[-1] - len(serials)) if serials else 0
    return titles, dupes, gaps


def codes_across(urls: list[str]) -> tuple[int, int]:
    """Over the register and the copies its restores kept: codes given to two different
    cases (a code handed out again after a restore), and serials that none of them holds (a
    code handed out before a restore stays in the kept copy, offered back, so no gap)."""
    seen: dict[str, str] = {}
    reused = 0
    for url in urls:
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                for code, title in conn.execute(select(Case.code, Case.title)):
                    if seen.setdefault(code, title) != title:
                        reused += 1
        finally:
            engine.dispose()
    serials = sorted({int(c.split("-")[1]) for c in seen})
    return reused, (serials[-1] - len(serials)) if serials else 0


def letter_numbers(url: str) -> list[int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(select(Letter.number).where(Letter.number > 0))]
    finally:
        engine.dispose()


def count_cases(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count(Case.id))).scalar_one())
    finally:
        engine.dispose()


def fresh(backend: str, work: Path, name: str, pg_url: str | None, *, empty: bool = False) -> str:
    """A scratch register: on SQLite a copy of one that ``Services.open`` migrated and seeded
    once per run (a migration costs a second of CPU; the scenarios are about what follows),
    or with ``empty`` no file at all (the scenarios about a first start); on PostgreSQL an
    empty schema."""
    if backend == "sqlite":
        path = work / f"{name}.db"
        if not empty:
            migrated_copy(path)
        return f"sqlite:///{path}"
    assert pg_url
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return pg_url


# The SQLite register the scenarios copy (fresh): in the run's folder (run), made by the first.
_TEMPLATE: list[Path] = []


def migrated_copy(path: Path) -> None:
    import shutil

    template = _TEMPLATE[0] if _TEMPLATE else path.with_name("template.db")
    if not template.exists():
        Services.open(f"sqlite:///{template}").close()  # checkpointed: the file is whole
    shutil.copyfile(template, path)
    path.chmod(0o600)


def desk_actor(svc: Services) -> Actor:
    """The account the fault suite acts with: every role (made once; a desk that loses the race
    to make it uses the one the other desk made)."""
    from pakn_desktop.domain.enums import Role

    # Made by an earlier job, or by another desk starting at the same time: use that one.
    with contextlib.suppress(PaknError):
        svc.office.add_user("faults", "Bộ kiểm thử lỗi", frozenset(Role), actor=svc.office.actor())
    return svc.office.actor("faults")


def seeded(url: str, cases: int = 0) -> None:
    svc = Services.open(url)
    actor = desk_actor(svc)
    for i in range(cases):
        svc.cases.receive(form(f"seed-{i}"), actor)
    svc.close()


def tally(row: Row, logs: dict[str, list[str]], url: str) -> None:
    titles, dupes, gaps = register(url)
    confirmed = set(logs["SAVED"])
    row.operations += len(confirmed)
    row.lost += len(confirmed - titles)
    row.duplicates += dupes
    row.gaps += gaps
    row.refused += len(logs["REFUSED"])
    row.tracebacks += len(logs["TRACEBACK"])
    row.corrupt += integrity(url)
    for tb in logs["TRACEBACK"][:2]:
        row.notes.append(tb[-300:])


# --- scenarios ---------------------------------------------------------------------------
def kill_intakes(backend: str, work: Path, pg: str | None, s: Settings) -> Row:
    row = Row("kill -9 during intakes", backend)
    url = fresh(backend, work, "kill-intake", pg)
    seeded(url)
    logs = []
    for k in range(s.intake_kills + 1):
        log = work / f"kill-intake-{backend}-{k}.log"
        logs.append(log)
        p = start("intake", url, log, tag=f"k{k}", n=10 if k == s.intake_kills else 10**9)
        if k < s.intake_kills:
            row.kills += kill_after(p, random.uniform(*s.kill_window), opened=log)
        else:
            p.join(120)
    tally(row, read_logs(logs), url)
    return row


def kill_letters(backend: str, work: Path, pg: str | None, s: Settings) -> Row:
    row = Row("kill -9 during letter issuing", backend)
    url = fresh(backend, work, "kill-letters", pg)
    svc = Services.open(url)
    actor = desk_actor(svc)
    case = svc.cases.receive(form("letters"), actor)
    code = case.code
    svc.cases.ask_clarification(code, "Bản sao quyết định.", actor, expected_version=case.version)
    svc.close()
    logs = []
    for k in range(s.letter_kills + 1):
        log = work / f"kill-letters-{backend}-{k}.log"
        logs.append(log)
        p = start("letters", url, log, code=code, n=2 if k == s.letter_kills else 10**9)
        if k < s.letter_kills:
            row.kills += kill_after(p, random.uniform(*s.kill_window), opened=log)
        else:
            p.join(120)
    got = read_logs(logs)
    confirmed = [int(n) for n in got["LETTER"]]
    numbers = letter_numbers(url)
    row.operations = len(confirmed)
    row.lost = len(set(confirmed) - set(numbers))
    row.duplicates = len(numbers) - len(set(numbers))
    row.gaps = (max(numbers) - len(set(numbers))) if numbers else 0
    row.refused = len(got["REFUSED"])
    row.tracebacks = len(got["TRACEBACK"])
    row.corrupt = integrity(url)
    return row


def kill_migrations(backend: str, work: Path, pg: str | None, s: Settings) -> Row:
    from alembic import command

    row = Row("kill -9 during migrations", backend)
    url = fresh(backend, work, "kill-migrate", pg)
    seeded(url, cases=50)
    logs = []
    for k in range(s.migration_kills + 1):
        db = Database(url)
        if not db.needs_migration():
            cfg = db._alembic_config()
            with db.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.downgrade(cfg, "0004")
        db.engine.dispose()
        log = work / f"kill-migrate-{backend}-{k}.log"
        logs.append(log)
        p = start("open", url, log)
        if k < s.migration_kills:
            row.kills += kill_after(p, random.uniform(0.05, 0.5))
        else:
            p.join(120)
    got = read_logs(logs)
    row.operations = s.migration_kills + 1
    pending = killed_pending = 0
    for log in logs:
        lines = log.read_text(encoding="utf-8").split("\n") if log.exists() else []
        if "PENDING migration" in lines:
            pending += 1
            killed_pending += "OPENED" not in lines
    row.notes.append(
        f"{killed_pending} of {row.kills} kills hit a desk with a migration pending "
        f"({pending} starts had one)"
    )
    after = count_cases(url)
    row.lost = max(0, 50 - after)
    db = Database(url)
    if db.needs_migration():
        row.notes.append("not at head after the last start")
        row.lost += 1
    db.engine.dispose()
    row.refused = len(got["REFUSED"])
    row.tracebacks = len(got["TRACEBACK"])
    row.corrupt = integrity(url)
    if backend == "sqlite":
        parts = list(work.glob("kill-migrate.before-migration-*.part"))
        if parts:
            row.notes.append(f"{len(parts)} interrupted migration copies left")
    return row


def kill_restores(backend: str, work: Path, pg: str | None, s: Settings) -> Row:
    """kill -9 during restores while another desk writes: the live file stays whole and every
    confirmed save is in it or in a kept copy."""
    row = Row("kill -9 during restores (desk writing)", backend)
    if backend != "sqlite":
        row.notes.append("not run: PostgreSQL restores with pg_restore")
        return row
    url = fresh(backend, work, "kill-restore", pg)
    seeded(url, cases=30)
    backup = work / "kill-restore-good.db"
    db = Database(url)
    db.backup_to(backup)
    db.engine.dispose()
    stop = work / "kill-restore-stop"
    writer_log = work / "kill-restore-writer.log"
    writer = start("intake", url, writer_log, tag="kr", stop=str(stop))
    logs = []
    for k in range(s.restore_kills + 1):
        while len(read_logs([writer_log])["SAVED"]) < (k + 1) * 5 and writer.is_alive():
            time.sleep(0.02)
        log = work / f"kill-restore-{k}.log"
        logs.append(log)
        p = start("restore", url, log, backup=str(backup))
        if k < s.restore_kills:
            row.kills += kill_after(p, random.uniform(0.05, 0.6))
        else:
            p.join(120)
    time.sleep(s.after_restore)
    stop.touch()
    writer.join(120)
    got = read_logs([writer_log, *logs])
    confirmed = set(got["SAVED"])
    titles, dupes, gaps = register(url)
    kept: set[str] = set()
    copies = sorted(work.glob("kill-restore.before-restore-*.db"))
    for copy in copies:
        row.corrupt += integrity(f"sqlite:///{copy}")
        kept |= register(f"sqlite:///{copy}")[0]
    reused, gaps = codes_across([url, *(f"sqlite:///{c}" for c in copies)])
    restored = sum(1 for log in logs if log.exists() and "RESTORED" in log.read_text("utf-8"))
    row.operations = len(confirmed) + restored
    row.lost = len(confirmed - titles - kept)
    row.duplicates = dupes + reused
    row.gaps = gaps
    row.refused = len(got["REFUSED"])
    row.tracebacks = len(got["TRACEBACK"])
    row.corrupt += integrity(url)
    if restored == 0:
        row.notes.append("no restore completed")
    return row


def desks_writing(backend: str, work: Path, pg: str | None, s: Settings) -> Row:
    row = Row(f"{s.desks} desks writing together", backend)
    url = fresh(backend, work, "desks", pg)
    seeded(url)
    logs = [work / f"desks-{backend}-{i}.log" for i in range(s.desks)]
    at = time.time() + 0.3
    procs = [
        start("intake", url, log, tag=f"d{i}", n=s.per_desk, start_at=at)
        for i, log in enumerate(logs)
    ]
    for p in procs:
        p.join(300)
    tally(row, read_logs(logs), url)
    return row


def restore_while_writing(backend: str, work: Path, pg: str | None, s: Settings) -> Row:
    from pakn_desktop.store.backup import restore

    row = Row("restore while another desk writes", backend)
    url = fresh(backend, work, "restore", pg)
    seeded(url, cases=20)
    if backend != "sqlite":
        svc = Services.open(url)
        lite = work / "restore-source.db"
        Services.open(f"sqlite:///{lite}").close()
        try:
            svc.backups.restore(lite, desk_actor(svc))
            row.notes.append("PostgreSQL accepted a SQLite restore")
            row.lost += 1
        except PaknError:
            row.refused += 1
        svc.close()
        return row
    backup = work / "restore-good.db"
    db = Database(url)
    db.backup_to(backup)
    db.engine.dispose()
    stop = work / "restore-stop"
    log = work / f"restore-{backend}.log"
    p = start("intake", url, log, tag="r", stop=str(stop))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if len(read_logs([log])["SAVED"]) >= s.restore_after:
            break
        time.sleep(0.05)
    live = Database(url)
    try:
        done = restore(live, backup)
    except PaknError as exc:
        row.refused += 1
        row.notes.append(exc.message)
        done = None
    live.engine.dispose()
    time.sleep(s.after_restore)
    stop.touch()
    p.join(120)
    got = read_logs([log])
    confirmed = set(got["SAVED"])
    titles, dupes, gaps = register(url)
    kept: set[str] = set()
    copies = []
    if done is not None and done.kept is not None:
        kept = register(f"sqlite:///{done.kept}")[0]
        row.corrupt += integrity(f"sqlite:///{done.kept}")
        copies.append(f"sqlite:///{done.kept}")
    reused, gaps = codes_across([url, *copies])
    row.operations = len(confirmed) + 1
    row.lost = len(confirmed - titles - kept)
    row.duplicates = dupes + reused
    row.gaps = gaps
    row.refused += len(got["REFUSED"])
    row.tracebacks = len(got["TRACEBACK"])
    row.corrupt += integrity(url)
    if done is not None and not (confirmed & titles):
        row.notes.append("the writer's saves after the restore did not reach the live file")
        row.lost += 1
    return row


def desks_starting(backend: str, work: Path, pg: str | None, s: Settings) -> Row:
    row = Row("4 desks starting on a fresh database", backend)
    url = fresh(backend, work, "start", pg, empty=True)
    if backend == "sqlite":  # the window's first run may create the file
        Path(url.removeprefix("sqlite:///")).touch()
    logs = [work / f"start-{backend}-{i}.log" for i in range(4)]
    at = time.time() + 0.3
    procs = [start("open", url, log, start_at=at) for log in logs]
    for p in procs:
        p.join(120)
    opened = sum(
        "OPENED" in log.read_text(encoding="utf-8").split() for log in logs if log.exists()
    )
    got = read_logs(logs)
    row.operations = 4
    row.lost = 4 - opened  # a desk that could not open
    row.refused = len(got["REFUSED"])
    row.tracebacks = len(got["TRACEBACK"])
    row.corrupt = integrity(url)
    for tb in got["TRACEBACK"][:1]:
        row.notes.append(tb[-300:])
    return row


def restore_then_work(backend: str, work: Path, pg: str | None, s: Settings) -> Row:
    """A restore, then intakes and receipts: no code or letter number handed out before the
    restore is handed out again (duplicates); the cases done after the backup are offered
    back, and once brought back are found by their codes (lost otherwise)."""
    from pakn_desktop.letters.templates import LetterKind

    row = Row("restore, then intakes and letters", backend)
    if backend != "sqlite":
        row.notes.append("PostgreSQL is restored with pg_restore (README): nothing to run")
        return row
    url = fresh(backend, work, "restore-numbers", pg)
    svc = Services.open(url)
    try:
        actor = desk_actor(svc)
        codes, numbers = [], []

        def intake(title: str) -> str:
            code = svc.cases.receive(form(title), actor).code
            numbers.append(svc.letters.issue(code, LetterKind.RECEIPT, actor).number_text)
            return code

        codes += [intake(f"before-{i}") for i in range(max(2, s.desks))]
        backup = work / "backup.db"
        svc.db.backup_to(backup)
        later = [intake(f"after-{i}") for i in range(max(3, s.per_desk // 2))]
        codes += later
        handed = len(numbers)
        done = svc.backups.restore_details(backup, actor)
        fresh_codes = [intake(f"restored-{i}") for i in range(3)]
        row.operations = len(codes) + len(fresh_codes) + len(numbers)
        row.duplicates = len(set(fresh_codes) & set(codes))
        row.duplicates += len(set(numbers[handed:]) & set(numbers[:handed]))
        offered = {c.code for c in done.lost.cases}
        row.lost = len(set(later) - offered)
        if done.kept is not None:
            svc.backups.bring_back(done.kept, actor)
        for code in later:
            try:
                svc.case_reads.get(code, actor)
            except PaknError:
                row.lost += 1
        if not svc.audit.verify().ok:
            row.corrupt += 1
            row.notes.append("the audit chain does not verify after the restore")
        row.notes.append(
            f"{len(later)} later cases offered back and brought back; "
            f"{row.duplicates} codes or numbers reused"
        )
    except PaknError as exc:
        row.refused += 1
        row.notes.append(exc.message)
    except Exception:
        row.tracebacks += 1
        row.notes.append(traceback.format_exc()[-300:])
    finally:
        svc.close()
    row.corrupt += integrity(url)
    return row


def first_run_desks(backend: str, work: Path, pg: str | None, s: Settings) -> Row:
    """Four desks running the first-run wizard's administrator creation at one moment on a
    fresh database: exactly one administrator (duplicates counts the extra ones)."""
    row = Row("first run by 4 desks: administrators", backend)
    url = fresh(backend, work, "first-run", pg, empty=True)
    if backend == "sqlite":
        Path(url.removeprefix("sqlite:///")).touch()
    logs = [work / f"first-run-{backend}-{i}.log" for i in range(4)]
    at = time.time() + 0.3
    # Once every desk has opened (or died trying), all create at once: the go file.
    go = work / "first-run-go"
    procs = [
        start("first_admin", url, log, start_at=at, go=str(go), login=f"quantri{i}")
        for i, log in enumerate(logs)
    ]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not all(
        not p.is_alive() or (log.exists() and "OPENED" in log.read_text(encoding="utf-8"))
        for p, log in zip(procs, logs, strict=True)
    ):
        time.sleep(0.01)
    go.touch()
    for p in procs:
        p.join(120)
    got = read_logs(logs)
    made = sum(log.read_text(encoding="utf-8").count("ADMIN") for log in logs if log.exists())
    db = Database(url)
    try:
        with db.read() as session:
            admins = session.scalar(
                select(func.count(User.id)).where(
                    User.password_hash.is_not(None), User.roles.like("%admin%")
                )
            )
    finally:
        db.dispose()
    row.operations = 4
    row.refused = len(got["REFUSED"])
    row.tracebacks = len(got["TRACEBACK"])
    row.duplicates = max(0, int(admins or 0) - 1)
    row.lost = 0 if admins else 1
    row.corrupt = integrity(url)
    row.notes.append(f"4 desks: {made} said made, {admins} administrator(s) with a password")
    for tb in got["TRACEBACK"][:1]:
        row.notes.append(tb[-300:])
    return row


# The window in a process of its own (a new interpreter, not a fork: Qt starts in it): saves a
# case, opens a file dialog on the database's folder through the window's one dialog maker and
# cancels it, then saves case after case, each line written once confirmed, until killed.
DIALOG_WINDOW = r"""
import os, sys, time
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.ui import file_names

url, tag, log_path = sys.argv[1], sys.argv[2], sys.argv[3]
fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
def log(line):
    os.write(fd, (line + "\n").encode())
app = QApplication([])
svc = Services.open(url, create=False)
from pakn_desktop.domain.enums import Role
import contextlib
from pakn_desktop.domain.errors import PaknError
with contextlib.suppress(PaknError):
    svc.office.add_user("faultsw", "Cửa sổ", frozenset(Role), actor=svc.office.actor())
actor = svc.office.actor("faultsw")
def form(title):
    return IntakeForm(
        "citizen", "Hà Văn Sơn", "Xã Đắk Hà", "0912123123", "", title, "Nội dung", "phone"
    )
svc.cases.receive(form(f"{tag}-0"), actor)
log(f"SAVED {tag}-0")
db_file = Path(url.removeprefix("sqlite:///"))
def cancel():
    # Once the dialog lists the database and names its type (the moment Qt's own icon
    # provider would read the file: the detail view's Type column), a person cancels.
    from PySide6.QtWidgets import QFileSystemModel
    box = QApplication.activeModalWidget()
    model = box.findChild(QFileSystemModel) if box is not None else None
    index = model.index(str(db_file)) if model is not None else None
    if index is None or not index.isValid() or model.type(index) == "":
        QTimer.singleShot(20, cancel)
        return
    QTimer.singleShot(300, box.reject)
QTimer.singleShot(0, cancel)
file_names.open_file_name(None, "Chọn tệp", str(db_file.parent), "")
log("DIALOG")
i = 1
while True:
    svc.cases.receive(form(f"{tag}-{i}"), actor)
    log(f"SAVED {tag}-{i}")
    i += 1
    time.sleep(0.01)
"""


def _deleted_handles(pid: int, folder: Path) -> list[str]:
    """The files of ``folder`` that process ``pid`` still holds after they were deleted."""
    out = []
    with contextlib.suppress(OSError):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                target = os.readlink(fd)
                if target.startswith(str(folder)) and target.endswith(" (deleted)"):
                    out.append(Path(target.removesuffix(" (deleted)")).name)
    return sorted(set(out))


def dialog_while_desks_write(backend: str, work: Path, pg: str | None, s: Settings) -> Row:
    """A file dialog shown and cancelled on the database's folder in the window's process,
    other desks opening, writing and closing the database, then the window killed: what the
    window confirmed after the dialog must be in the file (issue 20: the dialog once dropped
    SQLite's locks and the next desk deleted the live WAL)."""
    row = Row("file dialog on the folder while desks write", backend)
    if backend != "sqlite":
        row.notes.append("not run: no file on this computer")
        return row
    folder = work / "dialog"  # the default name in a folder of its own, as on a desk
    folder.mkdir(exist_ok=True)
    migrated_copy(folder / "pakn.db")
    url = f"sqlite:///{folder / 'pakn.db'}"
    seeded(url)
    log = work / f"dialog-{backend}.log"
    root = Path(__file__).resolve().parents[1]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    window = subprocess.Popen(
        [sys.executable, "-c", DIALOG_WINDOW, url, "win", str(log)], env=env, cwd=root
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and window.poll() is None:
        if log.exists() and "DIALOG" in log.read_text(encoding="utf-8"):
            break
        time.sleep(0.02)
    desk_logs = [work / f"dialog-desk-{i}-{backend}.log" for i in range(s.desks)]
    desks = [
        start("intake", url, path, tag=f"desk{i}", n=s.per_desk) for i, path in enumerate(desk_logs)
    ]
    for p in desks:
        p.join(120)
    time.sleep(0.3)  # the window saves on after the last desk closed the file
    held = _deleted_handles(window.pid, folder)
    if held:
        row.notes.append(f"the window writes into deleted files: {', '.join(held)}")
        row.corrupt += 1
    window.send_signal(signal.SIGKILL)
    window.wait(30)
    row.kills = 1
    got = read_logs([log, *desk_logs])
    confirmed = set(got["SAVED"])
    titles, dupes, gaps = register(url)
    row.operations = len(confirmed)
    row.lost = len(confirmed - titles)
    row.duplicates = dupes
    row.gaps = gaps
    row.refused = len(got["REFUSED"])
    row.tracebacks = len(got["TRACEBACK"])
    row.corrupt = integrity(url)
    if "DIALOG" not in log.read_text(encoding="utf-8"):
        row.notes.append("the window never showed its dialog")
        row.lost += 1
    return row


def disk_full(backend: str, work: Path, pg: str | None, s: Settings) -> Row:
    row = Row("disk fills up during intakes", backend)
    if backend != "sqlite":
        row.notes.append("not run: the server's disk")
        return row
    url = fresh(backend, work, "full", pg)
    seeded(url)
    log = work / f"full-{backend}.log"
    file = url.removeprefix("sqlite:///")
    p = start("intake", url, log, tag="f", n=5000, fsize=s.full_disk_room, file=file)
    p.join(300)
    got = read_logs([log])
    tally(row, got, url)
    if not got["REFUSED"]:
        row.notes.append("the disk never filled")
    return row


def small_filesystem(backend: str, work: Path, pg: str | None, s: Settings) -> Row:
    """A real full disk: a small tmpfs (needs root; skipped with a note elsewhere). Intakes
    until the disk is full, then a backup onto the same full disk."""
    import shutil
    import subprocess

    row = Row("disk full on a small filesystem", backend)
    if backend != "sqlite":
        row.notes.append("not run: the server's disk")
        return row
    seed = work / "seed.db"
    seeded(f"sqlite:///{seed}")
    mount = work / "small"
    mount.mkdir()
    size = seed.stat().st_size + 512 * 1024
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        row.notes.append("not run: this machine cannot mount a small filesystem")
        return row
    try:
        shutil.copy(seed, mount / "office.db")
        url = f"sqlite:///{mount / 'office.db'}"
        log = work / "small.log"
        p = start("intake", url, log, tag="s", n=5000, stop_on_refusal=True)
        p.join(300)
        got = read_logs([log])
        tally(row, got, url)
        if not got["REFUSED"]:
            row.notes.append("the disk never filled")
        db = Database(url)
        try:
            db.backup_to(mount / "copy.db")
            row.notes.append("a backup onto the full disk did not fail")
        except PaknError:
            row.refused += 1
        except Exception:
            row.tracebacks += 1
        finally:
            db.engine.dispose()
        leftovers = list(mount.glob("*.part"))
        if leftovers or (mount / "copy.db").exists():
            row.notes.append(f"left on the full disk: {[x.name for x in leftovers]}")
            row.corrupt += len(leftovers)
    finally:
        if subprocess.run(["umount", str(mount)], capture_output=True, check=False).returncode:
            subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)
    return row


def audit_tampering(backend: str, work: Path, pg: str | None, s: Settings) -> Row:
    """The audit tampering matrix (tools/tamper.py): each change made behind the program's
    back must be found by ``pakn audit verify`` with the anchor kept before it. Operations is
    the number of changes; one not found counts as corrupt."""
    sys.path.insert(0, str(ROOT / "tools"))
    import tamper

    row = Row("audit tampering matrix", backend)
    found = 0
    for i in range(len(tamper.MATRIX)):
        url = fresh(backend, work, f"tamper-{i}", pg)
        try:
            name, _, detected, _ = tamper.run_one(lambda url=url: Services.open(url), i)
        except Exception:
            row.tracebacks += 1
            row.notes.append(traceback.format_exc()[-300:])
            continue
        row.operations += 1
        found += detected
        if not detected:
            row.corrupt += 1
            row.notes.append(f"not found: {name}")
    row.notes.append(f"detected {found}/{len(tamper.MATRIX)}")
    return row


SCENARIOS: list[Callable[[str, Path, str | None, Settings], Row]] = [
    kill_intakes,
    kill_letters,
    kill_migrations,
    desks_writing,
    restore_while_writing,
    kill_restores,
    desks_starting,
    restore_then_work,
    first_run_desks,
    disk_full,
    small_filesystem,
    audit_tampering,
    dialog_while_desks_write,
]


# The short version's PostgreSQL part (make test's time budget): the scenarios that failed
# there before (desks starting together) plus kill -9 and the refused restore.
QUICK_POSTGRES = ["kill_intakes", "restore_while_writing", "desks_starting", "first_run_desks"]
# Mounting a filesystem is for make faults, not for every test run.
FULL_ONLY = ["small_filesystem"]


def quick_selection() -> dict[str, list[str]]:
    everything = [f.__name__ for f in SCENARIOS if f.__name__ not in FULL_ONLY]
    return {"sqlite": everything, "postgres": QUICK_POSTGRES}


def run(
    backends: list[str],
    pg_url: str | None,
    settings: Settings,
    work: Path,
    only: dict[str, list[str]] | None = None,
    template: Path | None = None,
) -> list[Row]:
    """Every scenario on every backend (``only``: scenario function names per backend;
    ``template``: where the migrated SQLite register the scenarios copy is, or is made)."""
    rows = []
    _TEMPLATE[:] = [template or work / "template.db"]
    for backend in backends:
        for scenario in SCENARIOS:
            if only and backend in only and scenario.__name__ not in only[backend]:
                continue
            folder = work / backend / scenario.__name__
            folder.mkdir(parents=True, exist_ok=True)
            rows.append(scenario(backend, folder, pg_url, settings))
    return rows


COLUMNS = [f.name for f in fields(Row) if f.name not in ("scenario", "backend", "notes")]


def table(rows: list[Row]) -> str:
    head = ["scenario", "backend", *COLUMNS]
    body = [[r.scenario, r.backend, *(str(getattr(r, c)) for c in COLUMNS)] for r in rows]
    widths = [max(len(x) for x in col) for col in zip(head, *body, strict=True)]

    def line(cells: list[str]) -> str:
        pairs = enumerate(zip(cells, widths, strict=True))
        return "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in pairs)

    out = [line(head), "  ".join("-" * w for w in widths)]
    out += [line(b) for b in body]
    for r in rows:
        for note in r.notes:
            out.append(f"  note [{r.scenario}, {r.backend}]: {note}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="faults", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="the short version (make test)")
    p.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    p.add_argument("--pg-url", default=None)
    p.add_argument("--seed", type=int, default=None)
    args = p.parse_args(argv)
    pg = (
        args.pg_url
        or os.environ.get("PAKN_FAULTS_DATABASE_URL")
        or os.environ.get("PAKN_TEST_DATABASE_URL")
    )
    if pg and pg.startswith("postgresql://"):
        pg = "postgresql+psycopg://" + pg[len("postgresql://") :]
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    if "postgres" in backends and not pg:
        if args.backend == "postgres":
            print("faults: no PostgreSQL URL (--pg-url or PAKN_FAULTS_DATABASE_URL)")
            return 2
        print("faults: no PostgreSQL URL given; SQLite only")
        backends = ["sqlite"]
    random.seed(args.seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="pakn-faults-", ignore_cleanup_errors=True) as tmp:
        only = quick_selection() if args.quick else None
        rows = run(backends, pg, QUICK if args.quick else Settings(), Path(tmp), only)
        print(table(rows))
    print(f"({time.monotonic() - started:.0f} s)")
    return 1 if any(r.failed for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
