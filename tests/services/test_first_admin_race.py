"""Four desks running the first-run wizard at once on one fresh database make exactly one
administrator (issue 20, point 4): on PostgreSQL too, where each desk's transaction sees no
administrator unless the creation runs in the start-up critical section."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.services import Services
from pakn_desktop.store.models import User

DESKS = 4
TRIALS = 3


def _fresh_url(db_url: str, tmp_path: Path, trial: int) -> str:
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / f'first-run-{trial}.db'}"
    engine = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return db_url


def _admins(url: str) -> int:
    svc = Services.open(url, now=lambda: datetime(2026, 4, 24, 9, 30))
    try:
        with svc.db.read() as s:
            return int(
                s.scalar(
                    select(func.count(User.id)).where(
                        User.password_hash.is_not(None), User.roles.like("%admin%")
                    )
                )
                or 0
            )
    finally:
        svc.close()


@pytest.mark.parametrize("trial", range(TRIALS))
def test_four_desks_first_run_make_one_administrator(
    db_url: str, tmp_path: Path, trial: int
) -> None:
    url = _fresh_url(db_url, tmp_path, trial)
    desks = [Services.open(url, now=lambda: datetime(2026, 4, 24, 9, 30)) for _ in range(DESKS)]
    barrier = threading.Barrier(DESKS)
    made: list[str] = []
    refused: list[str] = []
    unexpected: list[BaseException] = []

    def run_wizard(n: int, svc: Services) -> None:
        barrier.wait()
        try:
            svc.accounts.create_first_admin(f"quantri{n}", f"Quản trị {n}", "Quan-tri-2026!")
            made.append(f"quantri{n}")
        except PaknError as exc:
            refused.append(exc.message)
        except BaseException as exc:  # reported by the assertion below
            unexpected.append(exc)

    threads = [threading.Thread(target=run_wizard, args=(n, d)) for n, d in enumerate(desks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for d in desks:
        d.close()
    assert not unexpected
    assert len(made) == 1, made
    assert len(refused) == DESKS - 1
    assert all("đã được tạo" in m for m in refused), refused
    assert _admins(url) == 1
