"""Restores and refused restores leave nothing beside the files they read (issue 20, point 7):
no ``*.before-restore-*.db.part-wal/-shm``, no ``-wal/-shm`` beside a refused backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from accounts_fixture import staff_actor

from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.store.backup import BackupError


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAKN_PASSWORD", "khong-dung")


def form(title: str) -> IntakeForm:
    return IntakeForm(
        "citizen", "Hà Văn Sơn", "Xã Đắk Hà", "0912123123", "", title, "Nội dung", "phone"
    )


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_restore_leaves_no_sidecar_of_its_kept_copy(tmp_path: Path) -> None:
    svc = Services.open(f"sqlite:///{tmp_path / 'office.db'}")
    actor = staff_actor(svc)
    svc.cases.receive(form("trước"), actor)
    good = tmp_path / "good.db"
    svc.db.backup_to(good)
    svc.cases.receive(form("sau"), actor)
    kept = svc.backups.restore(good, actor)
    svc.close()
    names = listing(tmp_path)
    assert kept.name in names
    live_sidecars = {"office.db-wal", "office.db-shm"}  # gone once the last desk closes
    assert set(names) - live_sidecars == {"good.db", kept.name, "office.db"}


def test_a_refused_restore_leaves_no_sidecar_beside_the_backup(tmp_path: Path) -> None:
    svc = Services.open(f"sqlite:///{tmp_path / 'office.db'}")
    actor = staff_actor(svc)
    bad = tmp_path / "newer.db"
    svc.db.backup_to(bad)
    conn = sqlite3.connect(bad)
    conn.execute("UPDATE alembic_version SET version_num = 'tu-phien-ban-moi'")
    conn.commit()
    conn.close()
    assert not Path(f"{bad}-wal").exists()
    with pytest.raises(BackupError, match="không biết"):
        svc.backups.restore(bad, actor)
    assert [n for n in listing(tmp_path) if n.startswith("newer.db")] == ["newer.db"]
    svc.close()
    assert listing(tmp_path) == ["newer.db", "office.db"]
