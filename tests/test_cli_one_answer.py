"""`pakn letter --kind answer` for a case linked as the same PAKN as an answered one: refused
with the case that carries the answer, exit 2, nothing numbered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from accounts_fixture import staff_actor

from pakn_desktop.cli import main
from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.services import Services

AUTH = ("--user", "canbo", "--password-env", "PAKN_TEST_PASSWORD")
PASSWORD = "Mat-khau-thu-nghiem"
FORM = IntakeForm(
    submitter_kind="citizen",
    submitter_name="Nguyễn Văn An",
    address="Thôn 1, xã Ngọc Hồi",
    phone="0912 345 678",
    title="Chậm cấp giấy chứng nhận hộ nghèo",
    content="Đã nộp hồ sơ hơn 30 ngày mà chưa được cấp giấy chứng nhận hộ nghèo.",
    channel="walk_in",
)


def test_second_answer_refused_on_the_command_line(
    tmp_path: Path,
    new_sqlite: Callable[[Path], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = new_sqlite(tmp_path / "cli.db")
    svc = Services.open(url)
    actor = staff_actor(svc)
    admin = svc.office.actor()
    account = svc.accounts.get(admin, actor.id or 0)
    svc.accounts.reset_password(admin, account.id, PASSWORD, expected_version=account.version)
    monkeypatch.setenv("PAKN_TEST_PASSWORD", PASSWORD)
    codes = []
    for form, steps in (
        (FORM, ("accept", "record_result", "publish_answer")),
        (replace(FORM, channel="email"), ("accept",)),
    ):
        code = svc.cases.receive(form, actor).code
        for step in steps:
            v = svc.case_reads.get(code, actor).version
            if step == "accept":
                svc.cases.accept(code, actor, official_id=actor.id, expected_version=v)
            elif step == "record_result":
                svc.cases.record_result(code, "Đã cấp giấy.", actor, expected_version=v)
            else:
                svc.cases.publish_answer(code, "Sở đã cấp giấy.", actor, expected_version=v)
        codes.append(code)
    svc.routing.link_repeat(actor, codes[1], codes[0])
    svc.close()

    def letter(code: str, out: str) -> tuple[int, str, str]:
        rc = main([*AUTH, "--db", url, "letter", code, "--kind", "answer", "-o", out])
        got = capsys.readouterr()
        return rc, got.out, got.err

    rc, out, err = letter(codes[0], str(tmp_path / "a.pdf"))
    assert rc == 0, err
    rc, out, err = letter(codes[1], str(tmp_path / "b.pdf"))
    assert rc == 2 and out == "" and "Traceback" not in err
    assert codes[0] in err and "chỉ có một văn bản trả lời" in err
    assert not (tmp_path / "b.pdf").exists()
    svc = Services.open(url)
    try:
        kinds = [
            e.case_code
            for e in svc.letters.register(staff_actor(svc), year=vn_now().year)
            if e.kind is LetterKind.ANSWER
        ]
    finally:
        svc.close()
    assert kinds == [codes[0]]
