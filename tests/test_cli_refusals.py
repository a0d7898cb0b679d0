"""The command line refuses in words (issue 20, points 6 and 7): files it writes are private
(0600) whatever the umask; a file that holds no office database is refused by every command
that reads one, and left as it was; bad types and huge numbers are refused with exit 2 and a
Vietnamese message, never a traceback; ``backup`` into a missing folder creates nothing."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from builders import a_form

from pakn_desktop.cli import EXIT_BAD_INPUT, EXIT_NOT_FOUND, main
from pakn_desktop.domain.enums import Role
from pakn_desktop.services import Services

FORM = a_form(
    address="Thôn 1, xã Ngọc Hồi",
    title="Chậm cấp giấy chứng nhận hộ nghèo",
    content="Đã nộp hồ sơ hơn 30 ngày.",
    channel="walk_in",
)
AUTH = ("--user", "canbo", "--password-env", "PAKN_TEST_PASSWORD")
PASSWORD = "Mat-khau-thu-nghiem"
HUGE = "100000000000000000000"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = main([*AUTH, *argv])
    except SystemExit as exc:  # argparse's refusals
        code = int(exc.code or 0)
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text
    return code, text


@pytest.fixture
def office(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_sqlite: Callable[[Path], str]
) -> tuple[Path, str]:
    path = tmp_path / "office.db"
    svc = Services.open(new_sqlite(path))
    actor = staff_actor(svc)
    admin = svc.office.actor()
    account = svc.accounts.get(admin, actor.id or 0)
    svc.accounts.reset_password(admin, account.id, PASSWORD, expected_version=account.version)
    assert set(svc.accounts.get(admin, actor.id or 0).roles) >= {Role.HEAD.value}
    monkeypatch.setenv("PAKN_TEST_PASSWORD", PASSWORD)
    code = svc.cases.receive(FORM, actor).code
    svc.close()
    return path, code


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_letters_and_previews_written_by_the_cli_are_private(
    capsys: pytest.CaptureFixture[str], office: tuple[Path, str], tmp_path: Path, open_umask: None
) -> None:
    db, code = office
    preview = tmp_path / "du-thao.pdf"
    assert (
        run(
            capsys,
            "--db",
            str(db),
            "letter",
            code,
            "--kind",
            "receipt",
            "-o",
            str(preview),
            "--preview",
        )[0]
        == 0
    )
    letter = tmp_path / "phieu.pdf"
    assert (
        run(capsys, "--db", str(db), "letter", code, "--kind", "receipt", "-o", str(letter))[0] == 0
    )
    again = tmp_path / "ban-sao.pdf"
    again.write_bytes(b"old")  # an existing 0644 file is replaced by a private one
    assert mode(again) == 0o644
    assert (
        run(capsys, "--db", str(db), "letter", code, "--kind", "receipt", "-o", str(again))[0] == 0
    )
    for path in (preview, letter, again):
        assert path.read_bytes().startswith(b"%PDF")
        assert mode(path) == 0o600, path
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('x')")
    conn.commit()
    conn.close()


FILES = {
    "empty": lambda p: p.write_bytes(b""),
    "one byte": lambda p: p.write_bytes(b"\n"),
    "text": lambda p: p.write_text("Danh sách cán bộ\n" * 200, encoding="utf-8"),
    "other program's SQLite": foreign_sqlite,
}
READERS = {
    "lookup": ["lookup", "26-000001-9"],
    "calendar": ["calendar", "list"],
    "audit": ["audit", "verify"],
    "deadlines": ["deadlines", "--received", "2026-04-20"],
    "letter": ["letter", "26-000001-9", "--kind", "receipt", "-o", "{tmp}/l.pdf"],
    "report": ["report", "--from", "2026-01-01", "--to", "2026-03-31", "-o", "{tmp}/r.xlsx"],
    "overdue": ["overdue", "-o", "{tmp}/o.pdf"],
    "backup": ["backup", "{tmp}/b.db"],
    "import": ["import", "portal", "{tmp}/list.csv", "--dry-run"],
}


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in folder.iterdir()
    }


@pytest.mark.parametrize("kind", FILES)
def test_a_file_holding_no_office_is_refused_by_every_reading_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    path = folder / "pakn.db"
    FILES[kind](path)
    (tmp_path / "list.csv").write_text(
        "Mã PAKN,Tiêu đề,Nội dung,Ngày gửi\nA1,Thử,Nội dung thử,20/04/2026\n", encoding="utf-8"
    )
    before = fingerprint(folder)
    for name, argv in READERS.items():
        args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
        code, text = run(capsys, "--db", str(path), *args)
        assert code == EXIT_BAD_INPUT, (name, text)
        assert "không phải cơ sở dữ liệu" in text and "init" in text, (name, text)
        assert fingerprint(folder) == before, name  # no -wal, -shm or journal either
    assert not (tmp_path / "b.db").exists() and not (tmp_path / "l.pdf").exists()
    if kind != "other program's SQLite":  # init makes the office in a file holding nothing
        path.write_bytes(b"")
        assert run(capsys, "--db", str(path), "init")[0] == 0
        assert run(capsys, "--db", str(path), "calendar", "list", "--year", "2026")[0] == 0
    else:  # nor does init put the office's tables into another program's database
        assert run(capsys, "--db", str(path), "init")[0] == EXIT_BAD_INPUT
        assert fingerprint(folder) == before


BAD_ARGUMENTS = [
    (
        [
            "letter",
            "{code}",
            "--kind",
            "answer",
            "-o",
            "{tmp}/x.pdf",
            "--replace",
            HUGE,
            "--reason",
            "r",
        ],
        "số ID văn bản",
    ),
    (
        [
            "letter",
            "{code}",
            "--kind",
            "answer",
            "-o",
            "{tmp}/x.pdf",
            "--replace",
            "ba",
            "--reason",
            "r",
        ],
        "không phải số nguyên",
    ),
    (
        [
            "letter",
            "{code}",
            "--kind",
            "answer",
            "-o",
            "{tmp}/x.pdf",
            "--replace",
            "-1",
            "--reason",
            "r",
        ],
        "số ID văn bản",
    ),
    (["demo", "--cases", "1", "--seed", HUGE], "--seed"),
    (["demo", "--cases", HUGE], "số lượng"),
    (["calendar", "list", "--year", HUGE], "Năm"),
    (["deadlines", "--received", "31/02/2026"], "không hợp lệ"),
    (["lookup", HUGE], None),
]


def test_bad_numbers_and_types_are_refused_in_words(
    capsys: pytest.CaptureFixture[str], office: tuple[Path, str], tmp_path: Path
) -> None:
    """cli.py's argument types one by one: ids, seeds, counts, years, dates, codes."""
    db, code = office
    for argv, says in BAD_ARGUMENTS:
        args = [a.replace("{tmp}", str(tmp_path)).replace("{code}", code) for a in argv]
        status, text = run(capsys, "--db", str(db), *args)
        if says is None:  # a number where a code is meant: simply not found
            assert status == EXIT_NOT_FOUND and "Không tìm thấy" in text
            continue
        assert status == EXIT_BAD_INPUT, (argv, text)
        assert says in text, (argv, text)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("mysql://canbo@may-chu/pakn", "«mysql»"),
        ("oracle://canbo:mat-khau@may-chu/pakn", "«oracle»"),
        ("nonsense://x", "«nonsense»"),
        ("postgresql://canbo@may-chu:cong/pakn", "không hợp lệ"),
    ],
)
def test_a_database_url_the_program_cannot_use_is_refused_in_words(
    capsys: pytest.CaptureFixture[str], url: str, says: str
) -> None:
    for argv in (["lookup", "26-000001-9"], ["init"], ["restore", "x.db"]):
        status, text = run(capsys, "--db", url, *argv)
        assert status == EXIT_BAD_INPUT, text
        assert (says in text and "PostgreSQL" in text) or "postgresql://" in text
        assert "mat-khau" not in text


def test_backup_into_a_missing_folder_creates_nothing(
    capsys: pytest.CaptureFixture[str], office: tuple[Path, str], tmp_path: Path
) -> None:
    db, _code = office
    for target in (tmp_path / "missing" / "dir" / "b.db", tmp_path / "missing" / "dir"):
        status, text = run(capsys, "--db", str(db), "backup", str(target))
        assert status == EXIT_NOT_FOUND, text
        assert "không tồn tại" in text
        assert not (tmp_path / "missing").exists()
    # Nor over the database itself (or its WAL): that would replace the live file.
    before = db.read_bytes()
    for target in (db, Path(f"{db}-wal")):
        status, text = run(capsys, "--db", str(db), "backup", str(target))
        assert status == EXIT_BAD_INPUT and "cơ sở dữ liệu đang mở" in text, text
    assert db.read_bytes() == before
    # A new folder in a folder that exists is still made, as before.
    status, text = run(capsys, "--db", str(db), "backup", str(tmp_path / "sao-luu"))
    assert status == 0, text
    assert len(list((tmp_path / "sao-luu").glob("*.db"))) == 1
