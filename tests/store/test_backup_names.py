"""Backup copies are named with Vietnam's date and time, whatever the PC's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tz_fixture import pc_zone  # noqa: F401  (the fixture)

from pakn_desktop.services import Services
from pakn_desktop.store.backup import PREFIX, backup_now, daily_backup


def test_backups_are_named_in_vietnam_time(tmp_path: Path, pc_zone: str) -> None:  # noqa: F811
    services = Services.open(f"sqlite:///{tmp_path / 'pakn.db'}")
    try:
        before = datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=7)
        manual = backup_now(services.db, tmp_path / "copies")
        daily = daily_backup(services.db, tmp_path / "copies")
        after = datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=7)
    finally:
        services.close()
    named = datetime.strptime(manual.stem.removeprefix(PREFIX), "%Y-%m-%d-%H%M%S")
    assert before.replace(microsecond=0) <= named <= after
    # pakn-<file name>-<the database's id>-YYYY-MM-DD: the date is the last part.
    assert daily is not None and daily.stem[-10:] in (f"{before:%Y-%m-%d}", f"{after:%Y-%m-%d}")
