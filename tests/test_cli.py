"""The `pakn` command: outputs and exit statuses."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from pakn_desktop.cli import main
from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse errors
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_deadlines_contract_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadlines", "--received", "2026-04-24")
    assert code == 0
    lines = out.splitlines()
    assert "29/04/2026" in lines[1] and "06/05/2026" in lines[2] and "20/05/2026" in lines[3]


@pytest.mark.parametrize(
    "argv",
    [
        ("deadlines", "--received", "2026-02-30"),
        ("deadlines", "--received", "hôm qua"),
        ("demo", "--cases", "-5"),
        ("calendar", "add-day-off", "2026-13-01", "--reason", "x"),
        ("no-such-command",),
    ],
)
def test_bad_input_exits_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "lỗi" in err


def test_lookup_calendar_letter_and_backup(
    tmp_path: Path,
    new_sqlite: Callable[[Path], str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = new_sqlite(tmp_path / "cli.db")
    svc = Services.open(url)
    svc.office.add_user(
        "canbo",
        "Cán bộ thử nghiệm",
        frozenset(Role),
        actor=svc.office.actor(),
        password="mat-khau-dai-du",
    )
    actor = svc.office.actor("canbo")
    monkeypatch.setenv("PAKN_TEST_PASSWORD", "mat-khau-dai-du")
    auth = ("--user", "canbo", "--password-env", "PAKN_TEST_PASSWORD")
    case = svc.cases.receive(
        IntakeForm(
            submitter_kind="business",
            submitter_name="Công ty TNHH Minh Phát",
            address="Phường Kon Tum, tỉnh Quảng Ngãi",
            phone="0260.3797799",
            title="Thủ tục cấp phép lao động nước ngoài kéo dài",
            content="Đề nghị rút ngắn thời gian giải quyết.",
            channel="national_portal",
            portal_code="H26.12-260424-0001",
        ),
        actor,
    )
    svc.close()
    code, out, _ = run(capsys, "--db", url, "lookup", case.code)
    assert code == 0 and case.code in out and "Chờ xử lý" in out
    code, out, _ = run(capsys, "--db", url, "lookup", "H26.12-260424-0001")
    assert code == 0 and case.code in out
    code, _, err = run(capsys, "--db", url, "lookup", "26-999999-0")
    assert code == 1 and "Không tìm thấy" in err
    code, _, err = run(capsys, "--db", url, "lookup", "26-000001-0")
    assert code == 1
    code, out, _ = run(
        capsys,
        "--db",
        url,
        *auth,
        "calendar",
        "add-day-off",
        f"{case.due_on:%d/%m/%Y}",
        "--reason",
        "Nghỉ bù địa phương",
    )
    assert code == 0 and "1 hồ sơ đổi thời hạn" in out and "Lưu ý" not in out
    assert case.due_on is not None
    # A Sunday is already a day off: added, but the command says what it already was.
    code, out, _ = run(
        capsys, "--db", url, *auth, "calendar", "add-day-off", "06/12/2026", "--reason", "Nghỉ"
    )
    assert code == 0 and "Lưu ý: trước đó đã là Chủ nhật, 06/12/2026: ngày nghỉ cuối tuần." in out
    assert "0 hồ sơ đổi thời hạn" in out
    code, out, _ = run(capsys, "--db", url, "calendar", "list", "--year", str(case.due_on.year))
    assert "Nghỉ bù địa phương" in out and "Quốc khánh" in out
    code, out, _ = run(capsys, "--db", url, "calendar", "list", "--year", "2026")
    assert "Giỗ Tổ" in out and "22/08/2026" in out
    pdf = tmp_path / "phieu.pdf"
    code, out, _ = run(
        capsys, "--db", url, *auth, "letter", case.code, "--kind", "receipt", "-o", str(pdf)
    )
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")
    code, _, err = run(
        capsys, "--db", url, *auth, "letter", "xyz", "--kind", "answer", "-o", str(pdf)
    )
    assert code == 1
    backup = tmp_path / "backups"
    backup.mkdir()
    code, out, _ = run(capsys, "--db", url, *auth, "backup", str(backup))
    assert code == 0
    (copy,) = backup.glob("*.db")
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT code FROM cases").fetchall() == [(case.code,)]


def test_lookup_without_an_account_is_public_and_with_one_is_checked(
    tmp_path: Path,
    new_sqlite: Callable[[Path], str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = new_sqlite(tmp_path / "cli.db")
    svc = Services.open(url)
    admin = svc.office.actor()
    for login, roles in (("canbo", frozenset(Role)), ("quantri", frozenset({Role.ADMIN}))):
        svc.office.add_user(login, "Cán bộ", roles, actor=admin, password="mat-khau-dai-du")
    case = svc.cases.receive(
        IntakeForm(
            submitter_kind="citizen",
            submitter_name="Rơ Châm Thị Hoa",
            address="Xã Ia Grai",
            phone="0905 246 810",
            title="Hỏi về trợ cấp",
            content="Đề nghị trả lời.",
            channel="walk_in",
        ),
        svc.office.actor("canbo"),
    )
    svc.close()
    monkeypatch.setenv("PAKN_TEST_PASSWORD", "mat-khau-dai-du")

    def auth(login: str) -> tuple[str, ...]:
        return ("--user", login, "--password-env", "PAKN_TEST_PASSWORD")

    code, out, _ = run(capsys, "--db", url, "lookup", "0905246810")
    assert code == 0 and case.code in out and "Rơ Châm" not in out
    # By name: titled as a name search; the name only to a desk's account.
    code, out, _ = run(capsys, "--db", url, "lookup", "Ro Cham Thi Hoa")
    assert code == 0 and "Tra cứu theo họ tên" in out and "Rơ Châm" not in out
    code, out, _ = run(capsys, "--db", url, *auth("canbo"), "lookup", "Ro Cham Thi Hoa")
    assert code == 0 and case.code in out and "Người gửi: Rơ Châm Thị Hoa" in out
    code, out, _ = run(capsys, "--db", url, *auth("canbo"), "lookup", case.code)
    assert code == 0 and case.code in out and "Hỏi về trợ cấp" in out
    # An administrator's account may not look cases up (the role table), nor read them.
    code, out, err = run(capsys, "--db", url, *auth("quantri"), "lookup", case.code)
    assert code == 2 and "không có quyền tra cứu" in err and case.code not in out
    code, out, err = run(capsys, "--db", url, *auth("quantri"), "lookup", case.code, "--internal")
    assert code == 2 and "không có quyền xem hồ sơ" in err and "Rơ Châm" not in out
