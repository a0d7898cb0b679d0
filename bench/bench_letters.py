"""Letters: milliseconds to render one letter, and the time to issue a batch of 1,000 through
the register (numbering, rendering, storing the bytes and SHA-256, history event)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.letters.layout import render_letter
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.services import Services

BATCH = 1000
ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "mat-khau-do-thu"


def _cli_letter_s(db: Path, code: str, out: Path, login: str) -> float:
    """Seconds for ``pakn letter`` as a whole new process (interpreter, imports, opening the
    database, the argon2 login, rendering, storing), issuing an answer letter that was
    already issued (so the register does not grow: the stored bytes are written again)."""
    env = dict(os.environ, PAKN_BENCH_PASSWORD=PASSWORD)
    cmd = [
        sys.executable,
        "-m",
        "pakn_desktop.cli",
        "--db",
        f"sqlite:///{db}",
        "--user",
        login,
        "--password-env",
        "PAKN_BENCH_PASSWORD",
        "letter",
        code,
        "--kind",
        "answer",
        "-o",
        str(out),
    ]
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _cli_preview_s(db: Path, code: str, out: Path, login: str) -> float:
    """The same with ``--preview``: a fresh rendering every time (nothing stored)."""
    env = dict(os.environ, PAKN_BENCH_PASSWORD=PASSWORD)
    cmd = [
        sys.executable,
        "-m",
        "pakn_desktop.cli",
        "--db",
        f"sqlite:///{db}",
        "--user",
        login,
        "--password-env",
        "PAKN_BENCH_PASSWORD",
        "letter",
        code,
        "--kind",
        "answer",
        "--preview",
        "-o",
        str(out),
    ]
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _bare_python_s() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - t0


def main(batch: int = BATCH) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        services = Services.open(f"sqlite:///{Path(tmp) / 'letters.db'}")
        # One account holding every role does the whole case.
        login = services.office.add_user(
            "bench", "Cán bộ đo", frozenset(Role), actor=services.office.actor(), password=PASSWORD
        ).username
        actor = services.office.actor(login)
        case = services.cases.receive(
            IntakeForm(
                "citizen",
                "Nguyễn Văn An",
                "Phường Kon Tum",
                "0912345678",
                "",
                "Chậm giải quyết hồ sơ trợ cấp",
                "Nội dung phản ánh.",
                "walk_in",
            ),
            actor,
        )
        case = services.cases.accept(
            case.code, actor, official_id=actor.id, expected_version=case.version
        )
        case = services.cases.record_result(
            case.code, "Đã giải quyết.", actor, expected_version=case.version
        )
        services.cases.publish_answer(
            case.code, "Sở đã giải quyết hồ sơ. " * 40, actor, expected_version=case.version
        )
        content = services.letters.compose(case.code, LetterKind.ANSWER, actor, "Số: 01/SLĐTBXH")
        render_letter(content)  # fonts loaded once, as in a running app
        times = []
        for _ in range(50):
            t0 = time.perf_counter()
            render_letter(content)
            times.append((time.perf_counter() - t0) * 1000)
        render_ms = statistics.median(times)
        t0 = time.perf_counter()
        for _ in range(batch):
            services.letters.issue(case.code, LetterKind.ANSWER, actor)
        batch_s = time.perf_counter() - t0
        numbers = [x.number for x in services.letters.register()]
        services.close()
        db, out = Path(tmp) / "letters.db", Path(tmp) / "out.pdf"
        issue_s = min(_cli_letter_s(db, case.code, out, login) for _ in range(3))
        preview_s = min(_cli_preview_s(db, case.code, out, login) for _ in range(3))
        bare_s = min(_bare_python_s() for _ in range(3))
    print(f"render one answer letter (2 pages): {render_ms:.1f} ms (median of 50)")
    print(
        f"issue {batch:,} letters through the register: {batch_s:.1f} s "
        f"({batch_s / batch * 1000:.1f} ms per letter, numbers 1..{max(numbers)}, "
        f"gap-free: {sorted(numbers) == list(range(1, batch + 1))})"
    )
    per_letter = batch_s / batch * 1000
    verdict = "met" if per_letter <= 8 else f"missed by {per_letter - 8:.1f} ms"
    print(f"  goal ≤ 8 ms a letter in a batch: {verdict}")
    for what, secs in (("issued again (stored bytes)", issue_s), ("preview (rendered)", preview_s)):
        verdict = "met" if secs <= 0.4 else f"missed by {secs - 0.4:.2f} s"
        print(
            f"`pakn letter` as a whole process, {what}: {secs:.2f} s (best of 3; bare "
            f"interpreter {bare_s:.2f} s; goal ≤ 0.4 s: {verdict})"
        )


if __name__ == "__main__":
    main()
