"""`pakn letter`: only what the case calls for, once, nothing numbered when the output cannot
be written, replacements, and receipts for every case."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from builders import a_form

from pakn_desktop.cli import main
from pakn_desktop.services import Services

FORM = a_form(
    address="Thôn 1, xã Ngọc Hồi",
    title="Chậm cấp giấy chứng nhận hộ nghèo",
    content="Đã nộp hồ sơ hơn 30 ngày.",
    channel="walk_in",
)


# Letters are issued by an account: the CLI reads its password from this variable.
AUTH = ("--user", "canbo", "--password-env", "PAKN_TEST_PASSWORD")
PASSWORD = "Mat-khau-thu-nghiem"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main([*AUTH, *argv])
    except SystemExit as exc:  # argparse errors
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def office(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_sqlite: Callable[[Path], str]
) -> tuple[str, list[str]]:
    url = new_sqlite(tmp_path / "cli.db")
    svc = Services.open(url)
    actor = staff_actor(svc)
    admin = svc.office.actor()
    account = svc.accounts.get(admin, actor.id or 0)
    svc.accounts.reset_password(admin, account.id, PASSWORD, expected_version=account.version)
    monkeypatch.setenv("PAKN_TEST_PASSWORD", PASSWORD)
    codes = [svc.cases.receive(FORM, actor).code for _ in range(3)]
    svc.cases.reject(
        codes[1],
        "Không rõ nội dung.",
        actor,
        expected_version=svc.case_reads.get(codes[1], staff_actor(svc)).version,
    )
    svc.close()
    return url, codes


def register(url: str) -> list[str]:
    svc = Services.open(url)
    try:
        return [e.number_text for e in svc.letters.register_entries(staff_actor(svc))]
    finally:
        svc.close()


def test_receipts_for_several_cases(
    office: tuple[str, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, codes = office
    for i, code in enumerate(codes, start=1):
        rc, out, err = run(
            capsys,
            "--db",
            url,
            "letter",
            code,
            "--kind",
            "receipt",
            "-o",
            str(tmp_path / f"{i}.pdf"),
        )
        assert rc == 0, err
        assert f"số {i:02d}/PTN-SNV" in out
    assert sorted(register(url)) == ["01/PTN-SNV", "02/PTN-SNV", "03/PTN-SNV"]


def test_wrong_state_is_refused_before_any_number(
    office: tuple[str, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, codes = office
    for kind in ("rejection", "clarification", "transfer", "progress", "answer"):
        rc, out, err = run(
            capsys, "--db", url, "letter", codes[0], "--kind", kind, "-o", str(tmp_path / "x.pdf")
        )
        assert rc == 2 and out == ""
        assert err.startswith("pakn: ") and "Traceback" not in err and "SELECT" not in err
        assert "chưa" in err
    assert register(url) == [] and not (tmp_path / "x.pdf").exists()


def test_unwritable_output_takes_no_number(
    office: tuple[str, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, codes = office
    for _ in range(3):
        rc, _, err = run(
            capsys,
            "--db",
            url,
            "letter",
            codes[1],
            "--kind",
            "rejection",
            "-o",
            "/no/such/dir/l.pdf",
        )
        assert rc == 2 and "Không có thư mục" in err
    rc, _, err = run(
        capsys, "--db", url, "letter", codes[1], "--kind", "rejection", "-o", str(tmp_path)
    )
    assert rc == 2 and "thư mục" in err
    assert register(url) == []
    rc, out, _ = run(
        capsys,
        "--db",
        url,
        "letter",
        codes[1],
        "--kind",
        "rejection",
        "-o",
        str(tmp_path / "r.pdf"),
    )
    assert rc == 0 and "01/SNV-VP" in out


def test_issuing_twice_saves_the_same_letter(
    office: tuple[str, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, codes = office
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert (
        run(capsys, "--db", url, "letter", codes[1], "--kind", "rejection", "-o", str(first))[0]
        == 0
    )
    rc, out, _ = run(
        capsys, "--db", url, "letter", codes[1], "--kind", "rejection", "-o", str(second)
    )
    assert rc == 0 and "đã được ban hành trước đó" in out and "không cấp số mới" in out
    assert first.read_bytes() == second.read_bytes()
    assert register(url) == ["01/SNV-VP"]


def test_replacement_needs_a_reason_and_takes_the_next_number(
    office: tuple[str, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, codes = office
    out_pdf = str(tmp_path / "a.pdf")
    assert (
        run(capsys, "--db", url, "letter", codes[1], "--kind", "rejection", "-o", out_pdf)[0] == 0
    )
    svc = Services.open(url)
    (entry,) = svc.letters.register_entries(staff_actor(svc))
    svc.close()
    rc, _, err = run(
        capsys, "--db", url, "letter", codes[1], "--kind", "rejection", "-o", out_pdf,
        "--replace", str(entry.id),
    )  # fmt: skip
    assert rc == 2 and "--reason" in err
    rc, out, _ = run(
        capsys, "--db", url, "letter", codes[1], "--kind", "rejection", "-o", out_pdf,
        "--replace", str(entry.id), "--reason", "Sai lý do.",
    )  # fmt: skip
    assert rc == 0 and "02/SNV-VP" in out and "thay thế" in out
    assert sorted(register(url)) == ["01/SNV-VP", "02/SNV-VP"]


def test_missing_certificate_is_one_clear_message(
    office: tuple[str, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, codes = office
    rc, _, err = run(
        capsys, "--db", url, "letter", codes[1], "--kind", "rejection", "-o",
        str(tmp_path / "s.pdf"), "--sign-p12", str(tmp_path / "none.p12"),
    )  # fmt: skip
    assert rc == 2 and "Không tìm thấy tệp chứng thư số" in err and "Traceback" not in err
    assert register(url) == []


def test_preview_is_a_draft(
    office: tuple[str, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, codes = office
    pdf = tmp_path / "draft.pdf"
    rc, out, _ = run(
        capsys, "--db", url, "letter", codes[1], "--kind", "rejection", "--preview", "-o", str(pdf)
    )
    assert rc == 0 and "dự thảo" in out
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        assert (doc.pages[0].extract_text() or "").startswith("DỰ THẢO")
    assert register(url) == []


def test_letter_command_leaves_the_window_and_unused_libraries_unloaded(
    office: tuple[str, list[str]], tmp_path: Path
) -> None:
    """``pakn letter`` loads neither Qt nor the libraries only other commands use."""
    import os
    import subprocess
    import sys

    url, codes = office
    argv = [*AUTH, "--db", url, "letter", codes[0], "--kind", "receipt"]
    argv += ["-o", str(tmp_path / "r.pdf")]
    script = (
        "import sys\n"
        "from pakn_desktop.cli import main\n"
        f"rc = main({argv!r})\n"
        "assert rc == 0, rc\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'PySide6', 'openpyxl', 'pyhanko', 'holidays', 'alembic'}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_signing_a_letter_issued_unsigned_is_refused_with_the_way_to_a_signed_copy(
    office: tuple[str, list[str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os
    import shlex
    import subprocess
    import sys

    monkeypatch.syspath_prepend(str(Path(__file__).parent / "letters"))
    from test_letter_service import make_p12

    from pakn_desktop.letters.signing import check_signatures

    url, codes = office
    unsigned = tmp_path / "tu-choi.pdf"
    rc, _, _ = run(
        capsys, "--db", url, "letter", codes[1], "--kind", "rejection", "-o", str(unsigned)
    )
    assert rc == 0 and register(url) == ["01/SNV-VP"]
    p12, cert = make_p12(tmp_path)
    signed = tmp_path / "ky-so.pdf"
    sign = ("--sign-p12", str(p12), "--sign-password-env", "P12_PASSWORD")
    monkeypatch.setenv("P12_PASSWORD", "mat-khau")
    rc, _, err = run(
        capsys, "--db", url, "letter", codes[1], "--kind", "rejection", "-o", str(signed),
        *sign,
    )  # fmt: skip
    # Refused, not the unsigned letter under the signed file's name.
    assert rc == 2 and not signed.exists() and "Traceback" not in err
    assert "01/SNV-VP" in err and "chưa ký số" in err
    command = next(ln for ln in err.splitlines() if ln.strip().startswith("pakn "))
    argv = shlex.split(command.strip())[1:]
    assert "--replace" in argv and "--sign-p12" in argv
    # The command it gives runs as shown: the same database, account and password variables
    # (in a process of its own: no library warning reaches the terminal either).
    assert argv[: argv.index("letter")] == ["--db", url, *AUTH]
    proc = subprocess.run(
        [sys.executable, "-m", "pakn_desktop.cli", *argv],
        capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": ""},
        timeout=120, cwd=Path(__file__).parents[1],
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "" and "Warning" not in proc.stdout
    (check,) = check_signatures(signed.read_bytes(), trust_roots=[cert])
    assert check.ok
    svc = Services.open(url)
    try:
        entries = svc.letters.register_entries(staff_actor(svc))
    finally:
        svc.close()
    # The register keeps both, and says which is signed.
    assert sorted((e.number_text, e.signed) for e in entries) == [
        ("01/SNV-VP", False),
        ("02/SNV-VP", True),
    ]
