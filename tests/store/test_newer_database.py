"""A database whose schema revision this program does not know is refused with words that
say what differs. A development build of the same version (0.1.0 beside 0.1.0) is told apart
by its schema revision alone: the message names the revisions and never says to install the
version already installed. On the CLI (exit 2) and in the window's start-up."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from pakn_desktop import __version__
from pakn_desktop.cli import main as cli
from pakn_desktop.services import Services
from pakn_desktop.store.db import NewerDatabase, head_revision

UNKNOWN = "9999_dev_build"


def _stamp(url: str, revision: str, version: str) -> None:
    """What another build leaves in the database: its schema revision and its version."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
            conn.execute(
                text("UPDATE app_meta SET value = :v WHERE key = 'app_version'"), {"v": version}
            )
    finally:
        engine.dispose()


def _says_the_revision(message: str) -> None:
    assert f"«{UNKNOWN}»" in message and "cấu trúc dữ liệu" in message
    assert f"«{head_revision()}»" in message  # the newest this build knows
    assert "cài phiên bản" not in message and "Hãy cài" not in message
    assert "Không có gì bị thay đổi" in message


@pytest.mark.parametrize("version", [__version__, "0.0.9"])
def test_a_newer_schema_of_the_same_or_an_older_version_is_named_by_its_revision(
    db_url: str,
    clock: Any,
    version: str,
) -> None:
    Services.open(db_url, now=clock).close()
    _stamp(db_url, UNKNOWN, version)
    with pytest.raises(NewerDatabase) as info:
        Services.open(db_url, now=clock)
    _says_the_revision(info.value.message)
    assert f"mới hơn phiên bản đang chạy ({__version__})" not in info.value.message
    if version == __version__:
        assert f"cùng số phiên bản {__version__}" in info.value.message
    else:
        assert f"phiên bản {version}" in info.value.message


def test_a_newer_version_is_still_named_with_what_to_install(db_url: str, clock: Any) -> None:
    Services.open(db_url, now=clock).close()
    _stamp(db_url, UNKNOWN, "9.9.0")
    with pytest.raises(NewerDatabase) as info:
        Services.open(db_url, now=clock)
    assert "Hãy cài phiên bản 9.9.0 hoặc mới hơn" in info.value.message


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """An office file migrated by this build, then by a development build of the same
    version that added a schema revision."""
    path = tmp_path / "office.db"
    Services.open(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (UNKNOWN,))
    conn.close()
    return path


def test_the_cli_names_the_revision_and_exits_2(
    office: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAKN_TEST_PASSWORD", "mat-khau-dai-du")
    argv = ["--db", str(office), "--user", "canbo", "--password-env", "PAKN_TEST_PASSWORD"]
    code = cli([*argv, "lookup", "0912123123"])
    out = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in out.out + out.err
    _says_the_revision(out.out + out.err)
    assert not list(office.parent.glob("*before-migration*"))


def test_the_window_start_up_names_the_revision(
    office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from pakn_desktop.ui.app import run as run_window
    from pakn_desktop.ui.login import LoginDialog

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the window installs its own
    seen: list[str] = []

    def read_and_leave() -> None:  # as a person would: read what is said, then Exit
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.done(0)
            return
        if isinstance(box, LoginDialog) and box.open_failed:
            seen.append(box.message.text())
            box.exit.click()
            return
        QTimer.singleShot(20, read_and_leave)

    QTimer.singleShot(20, read_and_leave)
    code = run_window(argparse.Namespace(db=str(office), user=None, lang="vi", self_test=False))
    assert code == 2
    assert seen
    _says_the_revision(seen[0])
    # "Nothing was changed" once: the window's heading no longer repeats the store's sentence.
    assert seen[0].count("có gì bị thay đổi") == 1, seen[0]
