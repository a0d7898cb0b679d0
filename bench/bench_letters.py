"""Letters: milliseconds to render one letter (different letters, beside reportlab's own
subsetting and QR encoder in the same run), the time to issue a batch of 1,000 through the
register, each to its own demo case (numbering, composing, rendering, storing the bytes and
SHA-256, history event), and ``pakn letter`` as a whole process. CPU times are printed beside
wall-clock ones: on a shared machine the wall clock also counts waiting for a core."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pakn_desktop.domain.enums import Role
from pakn_desktop.letters.layout import LetterContent, render_letter
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor

BATCH = 1000
ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "mat-khau-do-thu"


def _cli_letter(
    db: Path | str, code: str, out: Path, login: str, *extra: str
) -> tuple[float, float]:
    """Seconds of ``pakn letter`` as a whole new process (interpreter, imports, opening the
    database, the argon2 login, composing, rendering, storing): wall clock and the process's
    CPU time."""
    env = dict(os.environ, PAKN_BENCH_PASSWORD=PASSWORD)
    # An installed program has its bytecode compiled (pip, PyInstaller); let the child keep it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [
        sys.executable,
        "-m",
        "pakn_desktop.cli",
        "--db",
        f"sqlite:///{db}" if isinstance(db, Path) else db,
        "--user",
        login,
        "--password-env",
        "PAKN_BENCH_PASSWORD",
        "letter",
        code,
        "--kind",
        "answer",
        *extra,
        "-o",
        str(out),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _bare_python_s() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - t0


_FLOOR = """
from argon2 import PasswordHasher
import sqlalchemy.orm, reportlab.platypus, pakn_desktop.store.models
hasher = PasswordHasher()
hasher.verify(hasher.hash("mat-khau-do-thu"), "mat-khau-do-thu")
"""


def _floor() -> tuple[float, float]:
    """What ``pakn letter`` cannot do without, in a process of its own: importing SQLAlchemy
    with the program's tables and reportlab, and one argon2 check (kept at the library's
    cost) after hashing the password (a second argon2 run: subtract one check)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", _FLOOR], cwd=ROOT, env=env, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@contextmanager
def _reportlab_path() -> Iterator[None]:
    """Rendering as before this program kept anything between letters: reportlab's own
    subsetting and compression for every letter and the QR encoder's own mask choice (the
    documents still start with the alphabet numbered, which by itself costs nothing)."""
    from reportlab.pdfbase import pdfmetrics

    from pakn_desktop.letters import fonts, layout, qr

    faces = [pdfmetrics.getFont(n) for n in (fonts.REGULAR, fonts.BOLD, fonts.ITALIC)]
    faces.append(pdfmetrics.getFont(fonts.BOLD_ITALIC))
    fonts.LetterFont.caching = False
    for font in faces:
        font.face.makeSubset = super(fonts._SubsetFace, font.face).makeSubset
        font.face.addSubsetObjects = super(fonts._SubsetFace, font.face).addSubsetObjects
    layout.qr_modules = lambda text: qr.qr_modules(text, fast=False)  # type: ignore[assignment]
    layout.qr_runs.cache_clear()
    try:
        yield
    finally:
        fonts.LetterFont.caching = True
        for font in faces:
            del font.face.makeSubset
            del font.face.addSubsetObjects
        layout.qr_modules = qr.qr_modules
        layout.qr_runs.cache_clear()


def _render_ms(contents: list[LetterContent]) -> tuple[float, float]:
    """Median wall and mean CPU milliseconds to render each of ``contents`` (different
    letters: names, codes and QR codes differ)."""
    times = []
    c0 = time.process_time()
    for content in contents:
        t0 = time.perf_counter()
        render_letter(content)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), (time.process_time() - c0) * 1000 / len(contents)


def _demo(services: Services, batch: int) -> tuple[Actor, list[str], list[str]]:
    """Demo cases (different people, subjects and content) on ``services``; an account with
    every role; ``batch`` codes whose answer letter is due and a few spare ones."""
    from pakn_desktop.demo import generate_demo
    from pakn_desktop.services.filters import CaseFilter

    generate_demo(services, batch + batch // 3 + 100, seed=14)
    login = services.office.add_user(
        "bench", "Cán bộ đo", frozenset(Role), actor=services.office.actor(), password=PASSWORD
    ).username
    actor = services.office.actor(login)
    codes = [
        r.code
        for r in services.case_reads.queue(CaseFilter(), actor, limit=batch + batch // 3 + 100)
        if LetterKind.ANSWER in services.letters.called_for(r.code, actor)
    ]
    return actor, codes[:batch], codes[batch:]


def _issue_batch(services: Services, actor: Actor, codes: list[str]) -> tuple[float, float, bool]:
    """Seconds (wall, CPU) to issue an answer letter to each case, and whether the numbers
    came out gap-free."""
    c0, t0 = time.process_time(), time.perf_counter()
    for code in codes:
        services.letters.issue(code, LetterKind.ANSWER, actor)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    numbers = sorted(x.number for x in services.letters.register(actor))
    return wall, cpu, numbers == list(range(1, len(codes) + 1))


def _postgres_batch(
    batch: int, out: Path
) -> tuple[tuple[float, float, bool], list[tuple[float, float]]] | None:
    """The same batch on PostgreSQL (PAKN_BENCH_PG_URL), in a schema of its own made afresh,
    then ``pakn letter`` as a whole process on that database."""
    from sqlalchemy import create_engine, text

    from bench._db import postgres_url

    base = postgres_url()
    if base is None:
        return None
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS bench_letters CASCADE"))
        conn.execute(text("CREATE SCHEMA bench_letters"))
    engine.dispose()
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options=-csearch_path%3Dbench_letters"
    services = Services.open(url)
    try:
        actor, codes, spare = _demo(services, batch)
        result = _issue_batch(services, actor, codes)
    finally:
        services.close()
    return result, [_cli_letter(url, code, out, "bench") for code in spare[:3]]


def _batch_line(label: str, batch: int, result: tuple[float, float, bool]) -> None:
    wall, cpu, gap_free = result
    per_letter = wall / batch * 1000
    verdict = "met" if per_letter <= 8 else f"missed by {per_letter - 8:.1f} ms"
    print(
        f"issue {batch:,} letters through the register (each to its own case), {label}: "
        f"{wall:.1f} s ({per_letter:.1f} ms a letter, CPU {cpu / batch * 1000:.1f} ms; numbers "
        f"gap-free: {gap_free}; goal ≤ 8 ms: {verdict})"
    )


def main(batch: int = BATCH) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "letters.db"
        services = Services.open(f"sqlite:///{db}")
        actor, codes, spare = _demo(services, batch)
        login = "bench"  # the account _demo made
        contents = [
            services.letters.compose(c, LetterKind.ANSWER, actor, f"Số: {i:02d}/SLĐTBXH")
            for i, c in enumerate(codes[:60])
        ]
        render_letter(contents[0])  # fonts loaded once, as in a running app
        render_ms, render_cpu = _render_ms(contents[1:])
        with _reportlab_path():
            base_ms, base_cpu = _render_ms(contents[1:])
        sqlite_batch = _issue_batch(services, actor, codes)
        services.close()
        out = Path(tmp) / "out.pdf"
        issued = [_cli_letter(db, code, out, login) for code in spare[:3]]
        previews = [_cli_letter(db, spare[3], out, login, "--preview") for _ in range(3)]
        bare_s = min(_bare_python_s() for _ in range(3))
        floor_s, floor_cpu = min(_floor() for _ in range(3))
        pg = _postgres_batch(batch, out)
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(
        f"render one answer letter: {render_ms:.1f} ms (median of {len(contents) - 1} "
        f"different letters; CPU {render_cpu:.1f} ms); reportlab's own subsetting and QR "
        f"encoder, same run: {base_ms:.1f} ms (CPU {base_cpu:.1f} ms)"
    )
    _batch_line("SQLite", batch, sqlite_batch)
    if pg is not None:
        _batch_line("PostgreSQL", batch, pg[0])
    cli = [("issuing a letter", issued), ("a preview (draft)", previews)]
    if pg is not None:
        cli.append(("issuing a letter on PostgreSQL", pg[1]))
    for what, runs in cli:
        wall, cpu = min(runs)
        verdict = "met" if wall <= 0.4 else f"missed by {wall - 0.4:.2f} s"
        print(
            f"`pakn letter` as a whole process, {what}: {wall:.2f} s (best of 3; CPU "
            f"{cpu:.2f} s; bare interpreter {bare_s:.2f} s; goal ≤ 0.4 s: {verdict})"
        )
    print(
        f"  floor: importing SQLAlchemy with the tables and reportlab, hashing and checking a "
        f"password with argon2: {floor_s:.2f} s (CPU {floor_cpu:.2f} s)"
    )


if __name__ == "__main__":
    main()
