"""Letters: milliseconds to render one letter, and the time to issue a batch of 1,000 through
the register (numbering, rendering, storing the bytes and SHA-256, history event)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.letters.layout import render_letter
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.services import Services

BATCH = 1000


def main(batch: int = BATCH) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        services = Services.open(f"sqlite:///{Path(tmp) / 'letters.db'}")
        # One account holding every role does the whole case.
        login = services.office.add_user(
            "bench", "Cán bộ đo", frozenset(Role), actor=services.office.actor()
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
        numbers = [x.number for x in services.letters.register(actor)]
        services.close()
    print(f"render one answer letter (2 pages): {render_ms:.1f} ms (median of 50)")
    print(
        f"issue {batch:,} letters through the register: {batch_s:.1f} s "
        f"({batch_s / batch * 1000:.1f} ms per letter, numbers 1..{max(numbers)}, "
        f"gap-free: {sorted(numbers) == list(range(1, batch + 1))})"
    )


if __name__ == "__main__":
    main()
