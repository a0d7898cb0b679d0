"""An SQLite database on a network share is refused at open, with the advice to use PostgreSQL
(SQLite's locking is unsafe over SMB/CIFS, NFS and the like; issue 20, point 1). The mount
table is a fake one written by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from pakn_desktop import cli
from pakn_desktop.services import Services
from pakn_desktop.store import db as store_db
from pakn_desktop.store.db import NetworkDatabase, network_filesystem


def fake_mounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, share: Path, kind: str) -> None:
    table = tmp_path / "mounts"
    point = str(share).replace(" ", "\\040")
    table.write_text(
        "/dev/sda1 / ext4 rw,relatime 0 0\n"
        "tmpfs /tmp tmpfs rw 0 0\n"
        f"//server/share {point} {kind} rw,relatime,vers=3.0 0 0\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(store_db, "MOUNTS", table)


@pytest.mark.parametrize("kind", ["cifs", "smb3", "nfs", "nfs4", "9p", "fuse.sshfs"])
def test_a_database_on_a_network_share_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    share = tmp_path / "ổ chung"
    share.mkdir()
    fake_mounts(tmp_path, monkeypatch, share, kind)
    with pytest.raises(NetworkDatabase) as refused:
        Services.open(f"sqlite:///{share / 'phong' / 'pakn.db'}", create=True)
    assert "PostgreSQL" in refused.value.message and "ổ mạng" in refused.value.message
    assert list(share.iterdir()) == []  # nothing created


def test_an_existing_database_on_a_share_is_refused_by_the_cli_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    path = share / "pakn.db"
    Services.open(f"sqlite:///{path}").close()
    before = path.read_bytes()
    fake_mounts(tmp_path, monkeypatch, share, "cifs")
    assert cli.main(["--db", str(path), "lookup", "26-000001-9"]) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "ổ mạng (cifs)" in err and "PostgreSQL" in err and "Traceback" not in err
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_local_disks_and_a_local_mount_inside_a_share_are_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    inner = share / "local"
    inner.mkdir(parents=True)
    table = tmp_path / "mounts"
    table.write_text(
        f"/dev/sda1 / ext4 rw 0 0\n//srv/s {share} cifs rw 0 0\n/dev/sdb1 {inner} ext4 rw 0 0\n",
        encoding="utf-8",
    )
    assert network_filesystem(inner / "pakn.db", table) is None
    assert network_filesystem(share / "pakn.db", table) == "cifs"
    assert network_filesystem(tmp_path / "pakn.db", table) is None
    monkeypatch.setattr(store_db, "MOUNTS", table)
    Services.open(f"sqlite:///{inner / 'pakn.db'}", create=True).close()


def test_a_windows_share_path_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    unc = "\\\\may-chu\\pakn\\pakn.db"
    assert network_filesystem(Path(unc)) == "UNC"
    with pytest.raises(NetworkDatabase):
        Services.open(unc, create=True)
    assert list(tmp_path.iterdir()) == []
