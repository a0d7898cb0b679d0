"""The command line authenticates: --user with a password from a prompt or --password-env."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pakn_desktop.cli import main
from pakn_desktop.domain.enums import Role
from pakn_desktop.services import Services
from pakn_desktop.services.accounts import AccountForm

PASSWORD = "Mat-khau-cua-canbo"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse errors
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def office(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_sqlite: Callable[[Path], str]
) -> str:
    url = new_sqlite(tmp_path / "office.db")
    services = Services.open(url)
    admin = services.office.actor()
    for login, role in (("tiepnhan", Role.FRONT_DESK), ("quantri", Role.ADMIN)):
        services.accounts.create(
            admin, AccountForm(login, f"Cán bộ {login}", frozenset({role})), PASSWORD
        )
    services.close()
    monkeypatch.setenv("PAKN_PW", PASSWORD)
    monkeypatch.setenv("PAKN_WRONG", "sai-mat-khau-roi")
    return url


def test_changes_need_an_account_with_the_role(
    office: str, capsys: pytest.CaptureFixture[str]
) -> None:
    day_off = ("calendar", "add-day-off", "2026-06-05", "--reason", "Nghỉ địa phương")
    code, _, err = run(capsys, "--db", office, *day_off)
    assert code == 2 and "--user" in err
    code, _, err = run(
        capsys, "--db", office, "--user", "khongco", "--password-env", "PAKN_PW", *day_off
    )
    assert code == 2 and "không đúng" in err
    code, _, err = run(
        capsys, "--db", office, "--user", "quantri", "--password-env", "PAKN_WRONG", *day_off
    )
    assert code == 2 and "không đúng" in err and "Còn" not in err
    code, _, err = run(
        capsys, "--db", office, "--user", "quantri", "--password-env", "KHONG_CO_BIEN", *day_off
    )
    assert code == 2 and "KHONG_CO_BIEN" in err
    code, _, err = run(
        capsys, "--db", office, "--user", "tiepnhan", "--password-env", "PAKN_PW", *day_off
    )
    assert code == 2 and "không có quyền điều chỉnh lịch làm việc" in err
    code, out, _ = run(
        capsys, "--db", office, "--user", "quantri", "--password-env", "PAKN_PW", *day_off
    )
    assert code == 0 and "Đã thêm ngày nghỉ 05/06/2026" in out
    # Reading the public calendar and the deadlines needs no account.
    assert run(capsys, "--db", office, "calendar", "list", "--year", "2026")[0] == 0
    assert run(capsys, "deadlines", "--received", "2026-04-24")[0] == 0
    assert run(capsys, "--db", office, "audit", "verify")[0] == 0


def test_password_prompt(
    office: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    typed: list[str] = []

    def prompt(text: str) -> str:
        typed.append(text)
        return PASSWORD

    monkeypatch.setattr("getpass.getpass", prompt)
    code, _, err = run(
        capsys, "--db", office, "--user", "quantri", "calendar", "remove", "2026-06-05"
    )
    assert typed == ["Mật khẩu của quantri: "]
    # Logged in; the day simply has no adjustment to remove.
    assert code == 2 and "không có điều chỉnh nào" in err


def test_locked_account_on_the_cli(office: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("--db", office, "--user", "quantri", "--password-env")
    for _ in range(5):
        assert run(capsys, *args, "PAKN_WRONG", "backup", "x.db")[0] == 2
    code, _, err = run(capsys, *args, "PAKN_PW", "backup", "x.db")
    assert code == 2 and "bị khóa" in err


def test_demo_on_a_fresh_database_prints_the_passwords_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    code, out, _ = run(capsys, "--db", url, "demo", "--cases", "20")
    assert code == 0
    lines = [line for line in out.splitlines() if "mật khẩu" in line and "tên đăng nhập" in line]
    assert len(lines) == 4
    login = lines[2].split("tên đăng nhập ")[1].split(",")[0]
    password = lines[2].split("mật khẩu ")[1].strip()
    services = Services.open(url)
    try:
        assert services.accounts.authenticate(login, password).has("head")
    finally:
        services.close()
    # With the demo's administrator able to log in, more demo data needs that login.
    code, _, err = run(capsys, "--db", url, "demo", "--cases", "5")
    assert code == 2 and "--user" in err
    admin_line = next(line for line in lines if "Quản trị" in line)
    monkeypatch.setenv("DEMO_PW", admin_line.split("mật khẩu ")[1].strip())
    code, out, _ = run(
        capsys,
        "--db",
        url,
        "--user",
        "quantri",
        "--password-env",
        "DEMO_PW",
        "demo",
        "--cases",
        "5",
    )
    assert code == 0 and "mật khẩu" not in out
