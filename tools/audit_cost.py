"""What the audit chain costs an intake: ms per ``receive`` on a fresh register (SQLite file,
or the PostgreSQL URL given), median of batches.

    .venv/bin/python tools/audit_cost.py [URL] [N]"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pakn_desktop.domain.validation import IntakeForm  # noqa: E402
from pakn_desktop.services import Services  # noqa: E402


def main() -> None:
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    with tempfile.TemporaryDirectory() as tmp:
        url = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{tmp}/cost.db"
        svc = Services.open(url, create=True)
        from pakn_desktop.domain.enums import Role

        desk = svc.office.add_user("cost", "Đo chi phí", frozenset(Role), actor=svc.office.actor())
        admin = svc.office.actor(desk.username)
        form = IntakeForm(
            submitter_kind="citizen",
            submitter_name="Y Moan",
            address="Buôn Đôn",
            phone="0988 123 456",
            title="Hỏi chính sách",
            content="Đề nghị hướng dẫn.",
            channel="walk_in",
        )
        for _ in range(20):
            svc.cases.receive(form, admin)
        batches = []
        for _ in range(5):
            t0 = time.perf_counter()
            for _ in range(n // 5):
                svc.cases.receive(form, admin)
            batches.append((time.perf_counter() - t0) * 1000 / (n // 5))
        svc.close()
    print(f"{statistics.median(batches):.3f} ms per intake (median of 5 batches of {n // 5})")


if __name__ == "__main__":
    main()
