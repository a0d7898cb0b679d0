"""Personal data stays private (issue 12): the public gate on lookup and `pakn lookup`, on both
backends, with a case whose every text field holds personal data."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from pakn_desktop.cli import main
from pakn_desktop.domain.errors import NotFound
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Each written twice where people write it two ways.
CCCD = ("062 190 001 234", "062190001234")
PHONE = ("0987 654 321", "0987654321")
EMAIL = ("lan.tran@example.vn",)
BANK = ("0071000123456",)
SUBMITTER = ("Trần Thị Lan", "0912 345 678", "0912345678", "lan@example.vn", "Số 7 Lê Lợi")
SECRETS = CCCD + PHONE + EMAIL + BANK + SUBMITTER


def leak(what: str) -> str:
    """A sentence about ``what`` that holds a CCCD, a phone, an email and a bank account."""
    return (
        f"{what}: bà Trần Thị Lan, CCCD {CCCD[0]}, ĐT {PHONE[0]}, email {EMAIL[0]}, "
        f"STK {BANK[0]} tại Agribank, nhà ở Số 7 Lê Lợi, gọi 0912 345 678 hoặc lan@example.vn"
    )


FORM = IntakeForm(
    submitter_kind="citizen",
    submitter_name="Trần Thị Lan",
    address="Số 7 Lê Lợi, phường Kon Tum",
    phone="0912 345 678",
    email="lan@example.vn",
    title=f"Chậm chi trả trợ cấp, CCCD {CCCD[0]}, ĐT {PHONE[1]}, {EMAIL[0]}, STK {BANK[0]}",
    content=leak("Nội dung"),
    channel="walk_in",
)


def assert_clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked in {text!r}"
    # No run of 9 or more digits survives, however it was grouped (PAKN codes aside).
    assert not re.search(r"\d(?:[ .\-]?\d){8,}", re.sub(r"\d\d-\d{6}-\d", "", text)), text


def leaky_cases(services: Services, actor: Actor) -> list[str]:
    """Three cases whose title, content, notes, reasons, answer and attachment name all hold
    personal data: one answered and closed, one rejected, one transferred."""
    c = services.cases
    a = c.receive(FORM, actor, attachments=[(f"CCCD {CCCD[1]} - {PHONE[1]}.pdf", PDF)])
    c.ask_clarification(a.code, leak("Cần bổ sung"), actor)
    c.record_supplement(a.code, leak("Đã bổ sung"), actor)
    c.accept(a.code, actor)
    c.post_progress(a.code, leak("Đang xác minh"), actor)
    c.record_result(a.code, leak("Kết quả"), actor)
    c.publish_answer(a.code, leak("Trả lời"), actor)
    c.close(a.code, actor, note=leak("Đóng"))
    b = c.receive(FORM, actor)
    c.reject(b.code, leak("Lý do"), actor)
    t = c.receive(FORM, actor)
    c.transfer(t.code, f"UBND xã, ĐT {PHONE[0]}", actor, reason=leak("Lý do chuyển"))
    return [a.code, b.code, t.code]


@pytest.fixture
def actor(services: Services) -> Actor:
    return services.office.actor()


def test_lookup_by_code_shows_no_personal_data(services: Services, actor: Actor) -> None:
    codes = leaky_cases(services, actor)
    for code in codes:
        (found,) = services.cases.lookup(code)
        assert not found.by_phone and found.history
        assert_clean(found.title)
        assert "[số CCCD]" in found.title and "[số tài khoản]" in found.title
        for _at, line in found.history:
            assert_clean(line)
    (answered,) = services.cases.lookup(codes[0])
    text = "\n".join(line for _at, line in answered.history)
    # The lines are still there, with labels in place of the data.
    assert "Cập nhật tình hình xử lý: Đang xác minh: bà [họ tên], CCCD [số CCCD]" in text
    assert "[số điện thoại]" in text and "[email]" in text and "[địa chỉ]" in text


def test_lookup_by_phone_gives_codes_dates_and_states_only(
    services: Services, actor: Actor
) -> None:
    codes = leaky_cases(services, actor)
    found = services.cases.lookup("+84 912 345 678")
    assert sorted(r.code for r in found) == sorted(codes)
    for r in found:
        assert r.by_phone and r.title == "" and r.history == []
        assert r.public_state and r.received_on
    # The other number in the text is not the submitter's: nothing is found by it.
    with pytest.raises(NotFound):
        services.cases.lookup(PHONE[0])


def test_cli_lookup_prints_no_personal_data(
    services: Services, actor: Actor, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    codes = leaky_cases(services, actor)
    for query in [*codes, "0912345678"]:
        assert main(["--db", db_url, "lookup", query]) == 0
        out = capsys.readouterr().out
        assert_clean(out)
    assert main(["--db", db_url, "lookup", codes[0]]) == 0
    out = capsys.readouterr().out
    assert "Về việc: Chậm chi trả trợ cấp, CCCD [số CCCD]" in out and "Quá trình xử lý" in out
    assert main(["--db", db_url, "lookup", "0912 345 678"]) == 0
    out = capsys.readouterr().out
    assert "chỉ hiện mã, ngày và tình trạng" in out
    assert all(code in out for code in codes)
    assert "Về việc" not in out and "Chậm chi trả" not in out


def test_lookup_of_a_plain_case_is_unchanged(services: Services, actor: Actor) -> None:
    plain = replace(
        FORM,
        title="Đề nghị hướng dẫn thủ tục cấp giấy phép lao động",
        content="Theo Nghị định 152/2020/NĐ-CP, hồ sơ nộp ngày 05/03/2026.",
    )
    case = services.cases.receive(plain, actor)
    (found,) = services.cases.lookup(case.code)
    assert found.title == plain.title
    assert found.history[0][1] == "Tiếp nhận PAKN qua kênh Trực tiếp."
