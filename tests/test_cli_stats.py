"""report, register and overdue on the command line go through StatisticsService: a head
writes them (owner-only files), anyone else is refused with exit 2 and nothing written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from report_fixture import build

from pakn_desktop.cli import main as cli
from pakn_desktop.domain.enums import Role
from pakn_desktop.services import Services

PASSWORD = "mat-khau-dai-du"
COMMANDS = [
    ["report", "--from", "2026-04-01", "--to", "2026-06-30", "-o", "{out}/bao-cao.xlsx"],
    ["report", "--from", "2026-04-01", "--to", "2026-06-30", "-o", "{out}/bao-cao.pdf"],
    ["register", "--from", "2026-04-01", "--to", "2026-06-30", "-o", "{out}/so.xlsx"],
    ["register", "--from", "2026-04-01", "--to", "2026-06-30", "-o", "{out}/so.pdf"],
    ["overdue", "-o", "{out}/qua-han.pdf"],
]


@pytest.fixture
def office(services: Services, db_url: str, clock, monkeypatch: pytest.MonkeyPatch) -> str:  # type: ignore[no-untyped-def]
    """The report cases and two accounts, in the test's database (a copy of the migrated
    template, not a migration of its own); the command opens it beside ``services``."""
    monkeypatch.setenv("PAKN_TEST_PASSWORD", PASSWORD)
    build(services, clock)
    admin = services.office.actor()
    for login, role in (("lanhdao", Role.HEAD), ("tiepnhan", Role.FRONT_DESK)):
        services.office.add_user(
            login, login.title(), frozenset({role}), actor=admin, password=PASSWORD
        )
    return db_url


def run(
    capsys: pytest.CaptureFixture[str], url: str, user: str, argv: list[str]
) -> tuple[int, str]:
    code = cli(["--db", url, "--user", user, "--password-env", "PAKN_TEST_PASSWORD", *argv])
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Traceback" not in text
    return code, text


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: Path(a[-1]).name)
def test_a_head_writes_the_file_owner_only(
    office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = [a.replace("{out}", str(out)) for a in argv]
    code, text = run(capsys, office, "lanhdao", args)
    assert code == 0, text
    (written,) = out.iterdir()
    assert written.name == Path(args[-1]).name and written.stat().st_size > 0
    if os.name == "posix":
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
    # Twice: the file is replaced whole, no temporary file left.
    assert run(capsys, office, "lanhdao", args)[0] == 0
    assert [p.name for p in out.iterdir()] == [written.name]


@pytest.mark.parametrize("argv", COMMANDS[::2], ids=lambda a: a[0])
def test_the_front_desk_is_refused_and_nothing_is_written(
    office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, text = run(capsys, office, "tiepnhan", [a.replace("{out}", str(out)) for a in argv])
    assert code == 2 and "không có quyền thống kê, báo cáo" in text
    assert list(out.iterdir()) == []


def test_bad_targets_exit_2_before_anything_is_computed(
    office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = run(capsys, office, "lanhdao", ["overdue", "-o", str(tmp_path / "x.xlsx")])
    assert code == 2 and "PDF" in text
    missing = tmp_path / "khong-co" / "so.xlsx"
    code, text = run(
        capsys,
        office,
        "lanhdao",
        ["register", "--from", "2026-04-01", "--to", "2026-06-30", "-o", str(missing)],
    )
    assert code == 2 and "Không có thư mục" in text
    assert not missing.parent.exists()
