"""`pakn suggest FILE.jsonl`: one answer per line in order, bad lines named, exit 2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from accounts_fixture import STAFF_AUTH, STAFF_PASSWORD, staff_actor

from pakn_desktop.cli import main
from pakn_desktop.domain.enums import Role
from pakn_desktop.services import Services


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def office(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_sqlite: Callable[[Path], str]
) -> str:
    url = new_sqlite(tmp_path / "suggest.db")
    svc = Services.open(url)
    staff_actor(svc)
    svc.office.add_user(
        "vanthu", "Văn thư", Role.OFFICIAL, actor=svc.office.actor(), password=STAFF_PASSWORD
    )
    svc.close()
    monkeypatch.setenv("PAKN_TEST_PASSWORD", STAFF_PASSWORD)
    return url


LINES = [
    {
        "title": "Chậm trả kết quả hồ sơ",
        "content": "Hồ sơ xác nhận thời gian công tác nộp ngày 3/3, hẹn 10/3 nhưng đã quá hạn 2 "
        "tuần, đề nghị Sở đôn đốc.",
        "channel": "national_portal",
    },
    {
        "title": "Khiếu nại",
        "content": "Tôi khiếu nại quyết định dừng hưởng trợ cấp thất nghiệp của tôi.",
        "channel": "email",
    },
    {
        "title": "Sổ đỏ",
        "content": "Gia đình tôi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất 6 tháng chưa có.",
        "channel": "walk_in",
    },
    {"title": "Work permit", "content": "Please tell me how to renew my work permit."},
]


def test_suggest_over_a_file(office: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in LINES) + "\n\n", "utf-8")
    code, out, err = run(capsys, "--db", office, *STAFF_AUTH, "suggest", str(f))
    assert code == 0, err
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3, 4]
    assert [r["scope"] for r in rows] == [
        "accept",
        "complaint",
        "out_of_remit",
        "not_vietnamese",
    ]
    for r in rows:
        assert set(r) >= {"scope", "topic", "unit", "confidence", "why"}
        assert 0 < r["confidence"] <= 1 and r["why"]
    assert rows[1]["phrase"] == "Khiếu nại" and rows[1]["ground"] == "complaint"
    assert rows[2]["unit"] == "Sở Nông nghiệp và Môi trường"
    assert rows[0]["topic"] and rows[0]["unit"]


def test_bad_lines_are_named_and_the_good_ones_kept(office: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "mixed.jsonl"
    f.write_text(
        "\n".join(
            [
                json.dumps(LINES[1], ensure_ascii=False),
                "{không phải json",
                "[1, 2]",
                json.dumps({"title": "", "content": ""}),
                json.dumps({"title": "x", "content": "y", "channel": "pigeon"}),
                json.dumps({"title": 5, "content": "y"}),
                json.dumps(LINES[0], ensure_ascii=False),
            ]
        ),
        "utf-8",
    )
    code, out, err = run(capsys, "--db", office, *STAFF_AUTH, "suggest", str(f))
    assert code == 2
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert rows[0]["scope"] == "complaint" and rows[6]["scope"] == "accept"
    assert all("error" in r for r in rows[1:6])
    for n in (2, 3, 4, 5, 6):
        assert f"dòng {n}:" in err
    assert "pigeon" in err and "Traceback" not in err


def test_needs_an_account_that_receives_or_classifies(office: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps(LINES[0], ensure_ascii=False), "utf-8")
    code, out, err = run(capsys, "--db", office, "suggest", str(f))
    assert code == 2 and "--user" in err and out == ""
    code, out, err = run(
        capsys,
        "--db",
        office,
        "--user",
        "vanthu",
        "--password-env",
        "PAKN_TEST_PASSWORD",
        "suggest",
        str(f),
    )
    assert code == 2 and out == ""
    f.write_bytes("tiêu đề".encode("utf-16"))
    code, out, err = run(capsys, "--db", office, *STAFF_AUTH, "suggest", str(f))
    assert code == 2 and "UTF-8" in err
    code, _, err = run(capsys, "--db", office, *STAFF_AUTH, "suggest", str(tmp_path / "no.jsonl"))
    assert code == 1
