"""Every copy the store makes of the register is private to its owner (0600 on POSIX),
whatever the umask: the copy before a migration, backups, the kept copy of a restore."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command

from pakn_desktop.services import Services
from pakn_desktop.store.backup import backup_now, restore
from pakn_desktop.store.db import Database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that would make every new file readable by all (0644)."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_copy_before_a_migration_is_owner_only(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "office.db"
    db = Database(f"sqlite:///{path}")
    cfg = db._alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
    db.engine.dispose()
    os.chmod(path, 0o644)  # an old file made before the program cared
    copy = Database(f"sqlite:///{path}").migrate()
    assert copy is not None and copy.exists()
    assert copy.name.startswith("office.before-migration-0005-")
    assert _mode(copy) == 0o600


def test_backups_and_the_kept_copy_of_a_restore_are_owner_only(
    tmp_path: Path, open_umask: None
) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    services = Services.open(url)
    try:
        made = backup_now(services.db, tmp_path / "backups")
        assert _mode(made) == 0o600
        target = tmp_path / "chosen.db"
        services.db.backup_to(target)
        assert _mode(target) == 0o600
        done = restore(services.db, made)
        assert done.kept is not None and _mode(done.kept) == 0o600
        assert _mode(tmp_path / "office.db") == 0o600
    finally:
        services.close()
