"""Personal data stays private (issue 12): the public gate on lookup and `pakn lookup`, on both
backends, with a case whose every text field holds personal data."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest
from accounts_fixture import staff_actor
from builders import a_form
from pypdf import PdfReader

from pakn_desktop.cli import main
from pakn_desktop.domain.errors import NotFound, PaknError
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.services import Services
from pakn_desktop.services.personal_data import AccessDenied, PersonSearchError
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


FORM = a_form(
    submitter_name="Trần Thị Lan",
    address="Số 7 Lê Lợi, phường Kon Tum",
    email="lan@example.vn",
    title=f"Chậm chi trả trợ cấp, CCCD {CCCD[0]}, ĐT {PHONE[1]}, {EMAIL[0]}, STK {BANK[0]}",
    content=leak("Nội dung"),
    channel="walk_in",
)


def assert_clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked in {text!r}"
    # No run of 9 or more digits survives, however it was grouped (PAKN codes and the
    # SHA-256 of issued letters aside).
    rest = re.sub(r"\d\d-\d{6}-\d|\b[0-9a-f]{64}\b", "", text)
    assert not re.search(r"\d(?:[ .\-]?\d){8,}", rest), text


def leaky_cases(services: Services, actor: Actor) -> list[str]:
    """Three cases whose title, content, notes, reasons, answer and attachment name all hold
    personal data: one answered and closed, one rejected, one transferred."""
    c = services.cases
    a = c.receive(FORM, actor, attachments=[(f"CCCD {CCCD[1]} - {PHONE[1]}.pdf", PDF)])
    c.ask_clarification(
        a.code,
        leak("Cần bổ sung"),
        actor,
        expected_version=services.case_reads.get(a.code, staff_actor(services)).version,
    )
    c.record_supplement(
        a.code,
        leak("Đã bổ sung"),
        actor,
        expected_version=services.case_reads.get(a.code, staff_actor(services)).version,
    )
    c.accept(
        a.code,
        actor,
        official_id=actor.id,
        expected_version=services.case_reads.get(a.code, staff_actor(services)).version,
    )
    c.post_progress(
        a.code,
        leak("Đang xác minh"),
        actor,
        expected_version=services.case_reads.get(a.code, staff_actor(services)).version,
    )
    c.record_result(
        a.code,
        leak("Kết quả"),
        actor,
        expected_version=services.case_reads.get(a.code, staff_actor(services)).version,
    )
    c.publish_answer(
        a.code,
        leak("Trả lời"),
        actor,
        expected_version=services.case_reads.get(a.code, staff_actor(services)).version,
    )
    c.close(
        a.code,
        actor,
        note=leak("Đóng"),
        expected_version=services.case_reads.get(a.code, staff_actor(services)).version,
    )
    b = c.receive(FORM, actor)
    c.reject(
        b.code,
        leak("Lý do"),
        actor,
        expected_version=services.case_reads.get(b.code, staff_actor(services)).version,
    )
    t = c.receive(FORM, actor)
    c.transfer(
        t.code,
        f"UBND xã, ĐT {PHONE[0]}",
        actor,
        reason=leak("Lý do chuyển"),
        expected_version=services.case_reads.get(t.code, staff_actor(services)).version,
    )
    return [a.code, b.code, t.code]


@pytest.fixture
def actor(services: Services) -> Actor:
    """One person holding every role, the administrator's included (the person's data)."""
    return staff_actor(services)


def _leaky_office(services: Services) -> list[str]:
    return leaky_cases(services, staff_actor(services))


@pytest.fixture
def leaky(prepared) -> tuple[Services, Actor, list[str]]:  # type: ignore[no-untyped-def]
    """Services, the actor and the codes of ``leaky_cases``: made once a session and copied
    for each test (the ``prepared`` fixture in tests/conftest.py)."""
    services, codes = prepared("privacy_leaky", _leaky_office)
    return services, staff_actor(services), list(codes)


def test_lookup_by_code_shows_no_personal_data(leaky: tuple[Services, Actor, list[str]]) -> None:
    services, _actor, codes = leaky
    for code in codes:
        (found,) = services.case_reads.lookup(code, staff_actor(services))
        assert not found.by_phone and found.history
        assert_clean(found.title)
        assert "[số CCCD]" in found.title and "[số tài khoản]" in found.title
        for _at, line in found.history:
            assert_clean(line)
    (answered,) = services.case_reads.lookup(codes[0], staff_actor(services))
    text = "\n".join(line for _at, line in answered.history)
    # The lines are still there, with labels in place of the data.
    assert "Cập nhật tình hình xử lý: Đang xác minh: bà [họ tên], CCCD [số CCCD]" in text
    assert "[số điện thoại]" in text and "[email]" in text and "[địa chỉ]" in text


def test_lookup_by_phone_gives_codes_dates_and_states_only(
    leaky: tuple[Services, Actor, list[str]],
) -> None:
    services, _actor, codes = leaky
    found = services.case_reads.lookup("+84 912 345 678", staff_actor(services))
    assert sorted(r.code for r in found) == sorted(codes)
    for r in found:
        assert r.by_phone and r.title == "" and r.history == []
        assert r.public_state and r.received_on
    # The other number in the text is not the submitter's: nothing is found by it.
    with pytest.raises(NotFound):
        services.case_reads.lookup(PHONE[0], staff_actor(services))


def test_cli_lookup_prints_no_personal_data(
    leaky: tuple[Services, Actor, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    services, _actor, codes = leaky
    db_url = services.db.url
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
    (found,) = services.case_reads.lookup(case.code, staff_actor(services))
    assert found.title == plain.title
    assert found.history[0][1] == "Tiếp nhận PAKN qua kênh Trực tiếp."


# --- Dữ liệu của một người -------------------------------------------------------------------


def closed_case(services: Services, actor: Actor, form: IntakeForm = FORM) -> str:
    """A case received, answered and closed on the clock's day."""
    c = services.cases
    case = c.receive(form, actor, attachments=[(f"CCCD {CCCD[1]}.pdf", PDF)])
    c.accept(
        case.code,
        actor,
        official_id=actor.id,
        expected_version=services.case_reads.get(case.code, staff_actor(services)).version,
    )
    c.post_progress(
        case.code,
        leak("Đang xác minh"),
        actor,
        expected_version=services.case_reads.get(case.code, staff_actor(services)).version,
    )
    c.record_result(
        case.code,
        leak("Kết quả"),
        actor,
        expected_version=services.case_reads.get(case.code, staff_actor(services)).version,
    )
    c.publish_answer(
        case.code,
        leak("Trả lời"),
        actor,
        expected_version=services.case_reads.get(case.code, staff_actor(services)).version,
    )
    c.close(
        case.code,
        actor,
        expected_version=services.case_reads.get(case.code, staff_actor(services)).version,
    )
    return case.code


def events_of(services: Services, code: str, action: str) -> list:  # type: ignore[type-arg]
    return [
        e for e in services.case_reads.get(code, staff_actor(services)).events if e.action == action
    ]


def test_find_a_person_by_phone_cccd_or_name(leaky: tuple[Services, Actor, list[str]]) -> None:
    services, actor, codes = leaky
    other = services.cases.receive(
        replace(
            FORM,
            submitter_name="Lê Văn Hòa",
            phone="0905 111 222",
            title="Khác",
            content="Không có gì riêng.",
        ),
        actor,
    )
    pd = services.personal_data
    by_phone = pd.find("+84 912 345 678", actor)
    assert by_phone.codes == codes and other.code not in by_phone.codes
    assert by_phone.names == ["Trần Thị Lan"] and by_phone.phones == ["0912 345 678"]
    assert ("Số CCCD", CCCD[0]) in by_phone.identifiers
    assert ("Số tài khoản", BANK[0]) in by_phone.identifiers
    first = by_phone.cases[0]
    assert first.attachments == [f"CCCD {CCCD[1]} - {PHONE[1]}.pdf"]
    assert any("Đang xác minh" in what for _at, _who, what in first.history)
    assert pd.find("062190001234", actor).codes == codes
    assert pd.find(CCCD[0], actor).codes == codes
    assert pd.find("tran thi LAN", actor).codes == codes
    assert pd.find("Lê Văn Hòa", actor).codes == [other.code]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("", "Vui lòng nhập"),
        ("   ", "Vui lòng nhập"),
        ("Lan", "đầy đủ họ và tên"),
        ("12345", "không phải"),
        ("@@@", "không phải"),
    ],
)
def test_unusable_person_searches_are_refused(
    services: Services, actor: Actor, query: str, words: str
) -> None:
    services.cases.receive(FORM, actor)
    with pytest.raises(PaknError) as info:
        services.personal_data.find(query, actor)
    assert words in info.value.message


def test_ambiguous_and_unknown_people_are_refused(services: Services, actor: Actor) -> None:
    pd = services.personal_data
    services.cases.receive(FORM, actor)
    # Same name, another phone: two people.
    services.cases.receive(replace(FORM, phone="0905 111 222"), actor)
    # Same phone, another name (a relative's phone): two people.
    services.cases.receive(replace(FORM, submitter_name="Trần Văn Minh"), actor)
    with pytest.raises(PersonSearchError, match="2 người khác nhau"):
        pd.find("Trần Thị Lan", actor)
    with pytest.raises(PersonSearchError, match="2 người khác nhau"):
        pd.find("0912 345 678", actor)
    assert len(pd.find("0912 345 678", actor, name="Trần Văn Minh").codes) == 1
    with pytest.raises(NotFound):
        pd.find("0977 000 111", actor)
    with pytest.raises(NotFound):
        pd.find("Nguyễn Không Có", actor)
    with pytest.raises(PersonSearchError):
        pd.export_json("Trần Thị Lan", actor, "Theo đơn ngày 01/06/2026")
    assert all(
        not events_of(services, c, "personal_data_export")
        for c in pd.find("0905 111 222", actor).codes
    )


@pytest.mark.parametrize("role", ["front_desk", "official", "head"])
def test_only_an_administrator_may_see_a_person(
    services: Services, actor: Actor, make_actor: Any, clock: Any, role: str
) -> None:
    code = closed_case(services, actor)
    clock.set(datetime(2032, 6, 1, 9, 0))  # old enough to anonymise: only the role stops it
    before = services.case_reads.get(code, staff_actor(services))
    as_clerk = make_actor(role)
    # Roles are read from the database, not from what the caller claims.
    claims_admin = Actor(as_clerk.id, as_clerk.name, "admin", frozenset({"admin"}))
    for who in (as_clerk, claims_admin):
        for call in (
            lambda who=who: services.personal_data.find("0912345678", who),
            lambda who=who: services.personal_data.export_json("0912345678", who, "Theo đơn"),
            lambda who=who: services.personal_data.export_pdf("0912345678", who, "Theo đơn"),
            lambda who=who: services.personal_data.anonymise("0912345678", who, "Hết hạn"),
            lambda who=who: services.personal_data.set_retention_years(3, who),
        ):
            with pytest.raises(AccessDenied, match="không có quyền tra cứu, xuất, ẩn danh"):
                call()
    after = services.case_reads.get(code, staff_actor(services))
    assert after.version == before.version and len(after.events) == len(before.events)
    assert after.submitter_name == before.submitter_name
    assert services.personal_data.retention_years() == 5
    assert services.audit.verify().ok


def test_anonymising_keeps_the_audit_chain_whole(
    services: Services, actor: Actor, clock: Any
) -> None:
    code = closed_case(services, actor)
    services.personal_data.export_json("0912345678", actor, "Theo đơn ngày 20/04/2026")
    services.personal_data.set_retention_years(2, actor)
    clock.set(datetime(2029, 6, 1, 9, 0))
    services.personal_data.anonymise("0912345678", actor, "Hết thời hạn lưu trữ")
    check = services.audit.verify()
    assert check.ok, check.message
    records = services.audit.records(actor)
    assert any(r.kind == "settings.retention" for r in records)
    assert any(r.target == "anonymise" for r in records)
    # The history as it now reads carries none of the person's data.
    for e in services.case_reads.get(code, staff_actor(services)).events:
        assert_clean(e.summary)


def test_export_json_and_pdf_hold_everything_and_are_recorded(
    leaky: tuple[Services, Actor, list[str]], clock: Any
) -> None:
    services, actor, codes = leaky
    pd = services.personal_data
    with pytest.raises(PaknError, match="lý do"):
        pd.export_json("0912345678", actor, "  ")
    assert not events_of(services, codes[0], "personal_data_export")
    doc = json.loads(pd.export_json("0912345678", actor, "Theo đơn yêu cầu ngày 20/04/2026"))
    assert doc["người"]["họ_tên"] == ["Trần Thị Lan"]
    assert doc["người_xuất"] == actor.name and doc["lý_do"].startswith("Theo đơn")
    assert [c["mã_pakn"] for c in doc["hồ_sơ"]] == codes
    assert CCCD[0] in doc["hồ_sơ"][0]["nội_dung"]["Nội dung"]
    assert {"loại": "Số tài khoản", "giá_trị": BANK[0]} in doc["người"][
        "thông_tin_định_danh_trong_văn_bản"
    ]
    pdf = pd.export_pdf(CCCD[0], actor, "Theo đơn yêu cầu ngày 20/04/2026")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert "DỮ LIỆU CÁ NHÂN" in flat and "Trần Thị Lan" in flat
    assert all(code in flat for code in codes) and BANK[0] in flat
    for code in codes:
        exports = events_of(services, code, "personal_data_export")
        assert [e.summary.split(")")[0] for e in exports] == [
            "Xuất dữ liệu cá nhân của người phản ánh (JSON",
            "Xuất dữ liệu cá nhân của người phản ánh (PDF",
        ]
        assert all(e.actor_name == actor.name and not e.public for e in exports)
        assert "Theo đơn yêu cầu ngày 20/04/2026" in exports[0].summary
    # The export lines are internal: the public lookup does not show them.
    (found,) = services.case_reads.lookup(codes[0], staff_actor(services))
    assert not any("Xuất dữ liệu" in line for _at, line in found.history)


def test_anonymise_refuses_open_cases_and_young_ones(
    services: Services, actor: Actor, clock: Any
) -> None:
    pd = services.personal_data
    code = closed_case(services, actor)
    still_open = services.cases.receive(FORM, actor)
    clock.set(datetime(2032, 1, 5, 9, 0))
    with pytest.raises(PaknError, match=f"Hồ sơ {still_open.code} .* chưa đóng"):
        pd.anonymise("0912345678", actor, "Hết thời hạn lưu trữ")
    assert pd.find("0912345678", actor).names == ["Trần Thị Lan"]
    services.cases.reject(
        still_open.code,
        "Trùng",
        actor,
        expected_version=services.case_reads.get(still_open.code, staff_actor(services)).version,
    )
    services.cases.close(
        still_open.code,
        actor,
        expected_version=services.case_reads.get(still_open.code, staff_actor(services)).version,
    )  # closed on 05/01/2032: too young
    with pytest.raises(PaknError, match="chỉ được ẩn danh sau ngày 05/01/2037"):
        pd.anonymise("0912345678", actor, "Hết thời hạn lưu trữ")
    assert services.case_reads.get(code, staff_actor(services)).submitter_name == "Trần Thị Lan"
    assert not events_of(services, code, "anonymise")
    # Exactly five years after closing is not yet past the period; the day after is.
    clock.set(datetime(2031, 4, 24, 17, 0))
    with pytest.raises(PaknError, match="24/04/2031"):
        pd.anonymise("Trần Thị Lan", actor, "x", name="")


def test_anonymise_keeps_cases_statistics_and_letters(
    services: Services, actor: Actor, clock: Any
) -> None:
    pd = services.personal_data
    codes = [closed_case(services, actor)]
    rejected = services.cases.receive(FORM, actor)
    services.cases.reject(
        rejected.code,
        leak("Lý do"),
        actor,
        expected_version=services.case_reads.get(rejected.code, staff_actor(services)).version,
    )
    codes.append(rejected.code)
    moved = services.cases.receive(FORM, actor)
    services.cases.transfer(
        moved.code,
        "UBND xã Ia Chim",
        actor,
        reason=leak("Lý do chuyển"),
        expected_version=services.case_reads.get(moved.code, staff_actor(services)).version,
    )
    codes.append(moved.code)
    other = replace(FORM, submitter_name="Lê Văn Hòa", phone="0905111222", title="Đường hỏng")
    keep = services.cases.receive(replace(other, content="Đề nghị sửa đường."), actor)
    letter = services.letters.issue(codes[0], LetterKind.ANSWER, actor)
    assert pd.retention_years() == 5
    with pytest.raises(PaknError, match="từ 1 đến 50"):
        pd.set_retention_years(0, actor)
    pd.set_retention_years(2, actor)
    clock.set(datetime(2028, 4, 25, 9, 0))
    start, end = date(2026, 4, 1), date(2026, 6, 30)
    before = services.statistics.figures(start, end)
    with pytest.raises(PaknError, match="lý do"):
        pd.anonymise("0912345678", actor, "")
    result = pd.anonymise("0912345678", actor, "Hết thời hạn lưu trữ 2 năm, bà Trần Thị Lan")
    assert result.codes == codes and result.retention_years == 2
    assert services.statistics.figures(start, end) == before
    with pytest.raises(NotFound):
        pd.find("0912345678", actor)
    with pytest.raises(NotFound):
        pd.find(CCCD[0], actor)
    with pytest.raises(NotFound):
        services.case_reads.lookup("0912345678", staff_actor(services))
    for code in codes:
        d = services.case_reads.get(code, staff_actor(services))
        assert d.submitter_name == "[đã ẩn danh]" and d.phone == d.email == d.address == ""
        assert d.private_note == ""
        everything = "\n".join(
            [
                d.title,
                d.content,
                d.rejection_reason,
                d.missing_info,
                d.result_text,
                d.answer_text,
                d.transfer_agency,
            ]
            + [e.summary + json.dumps(e.changes, ensure_ascii=False) for e in d.events]
            + [a.filename for a in d.attachments]
        )
        assert_clean(everything)
        assert d.state.value in ("closed", "rejected", "transferred") and d.closed_on is not None
        assert all(
            services.case_reads.attachment_data(a.id, actor)[1] == b"" for a in d.attachments
        )
        (anon,) = [e for e in d.events if e.action == "anonymise"]
        assert anon.actor_name == actor.name
        assert "Lý do: Hết thời hạn lưu trữ 2 năm, bà [họ tên]" in anon.summary
    # Someone else's case is untouched, the letter register too.
    assert services.case_reads.get(keep.code, staff_actor(services)).submitter_name == "Lê Văn Hòa"
    (kept,) = services.letters.register(actor, case_code=codes[0])
    assert kept.sha256 == letter.sha256 and kept.pdf == letter.pdf
    # Twice: there is no one left to find.
    with pytest.raises(NotFound):
        pd.anonymise("0912345678", actor, "Lần nữa")


def test_moved_personal_data_is_kept_in_the_private_note(services: Services, actor: Actor) -> None:
    case = services.cases.receive(FORM, actor, private_note="Gọi sau 17 giờ")
    services.personal_data.keep_private(case.code, "Số CCCD: 062190001234", actor)
    services.personal_data.keep_private(case.code, "  ", actor)
    d = services.case_reads.get(case.code, staff_actor(services))
    assert d.private_note == "Gọi sau 17 giờ\nSố CCCD: 062190001234"
    (event,) = [e for e in d.events if e.action == "private_note"]
    assert not event.public and "062190001234" not in event.summary
    with pytest.raises(NotFound):
        services.personal_data.keep_private("26-999999-0", "x", actor)


def test_anonymise_clears_old_values_kept_by_an_edit(
    services: Services, actor: Actor, clock: Any
) -> None:
    first = replace(
        FORM,
        submitter_name="Trần Thị Lan Anh",
        phone="0905 999 888",
        address="Thôn 3, xã Ia Chim",
        title="Hỏi chế độ",
        content="Nội dung.",
    )
    case = services.cases.receive(first, actor)
    services.cases.edit(
        case.code,
        replace(FORM, title="Hỏi chế độ", content="Nội dung."),
        actor,
        expected_version=case.version,
    )
    services.cases.reject(
        case.code,
        "Trùng",
        actor,
        expected_version=services.case_reads.get(case.code, staff_actor(services)).version,
    )
    services.cases.close(
        case.code,
        actor,
        expected_version=services.case_reads.get(case.code, staff_actor(services)).version,
    )
    edit = events_of(services, case.code, "edit")[0]
    assert "Trần Thị Lan Anh" in json.dumps(edit.changes, ensure_ascii=False)
    clock.set(datetime(2032, 1, 5, 9, 0))
    services.personal_data.anonymise("0912 345 678", actor, "Hết thời hạn lưu trữ")
    edit = events_of(services, case.code, "edit")[0]
    dumped = json.dumps(edit.changes, ensure_ascii=False)
    for old in ("Lan Anh", "0905 999 888", "0905999888", "Thôn 3"):
        assert old not in dumped
    assert edit.changes["name"] == "(đã ẩn danh)"


def test_a_name_in_too_many_cases_is_refused(
    services: Services, actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pakn_desktop.services.personal_data as module

    monkeypatch.setattr(module, "MAX_NAME_CANDIDATES", 1)
    services.cases.receive(FORM, actor)
    services.cases.receive(FORM, actor)
    with pytest.raises(PersonSearchError, match="quá nhiều hồ sơ"):
        services.personal_data.find("Trần Thị Lan", actor)


def test_an_export_that_cannot_be_written_is_not_recorded(
    services: Services, actor: Actor, tmp_path: Any
) -> None:
    case = services.cases.receive(FORM, actor)
    with pytest.raises(PaknError, match=r"Không ghi được tệp|Không có thư mục"):
        services.personal_data.export_pdf(
            "0912345678", actor, "Theo đơn", path=tmp_path / "no-such-folder" / "x.pdf"
        )
    assert not events_of(services, case.code, "personal_data_export")
    services.personal_data.export_json("0912345678", actor, "Theo đơn", path=tmp_path / "x.json")
    assert json.loads((tmp_path / "x.json").read_text("utf-8"))["hồ_sơ"][0]["mã_pakn"] == case.code
    assert len(events_of(services, case.code, "personal_data_export")) == 1


def test_a_desk_holding_the_case_cannot_write_back_over_an_anonymisation(
    services: Services, actor: Actor, clock: Any
) -> None:
    from pakn_desktop.domain.errors import StaleCase

    code = closed_case(services, actor)
    held = services.case_reads.get(code, staff_actor(services))  # another desk has the case open
    clock.set(datetime(2032, 1, 5, 9, 0))
    services.personal_data.anonymise("0912345678", actor, "Hết thời hạn lưu trữ")
    with pytest.raises(StaleCase):
        services.cases.reopen(code, "Mở lại", actor, expected_version=held.version)
    assert services.case_reads.get(code, staff_actor(services)).submitter_name == "[đã ẩn danh]"


def test_anonymising_history_older_than_the_audit_chain_keeps_the_check_passing(
    services: Services, actor: Actor, clock: Any
) -> None:
    """An office whose history was written in bulk (or before the chain existed) has it sealed
    by one digest; anonymising such rows renews the seal, and tampering is still found."""
    from sqlalchemy import text

    from pakn_desktop.demo import generate_demo

    generate_demo(services, 120, seed=7, today=clock().date())
    assert services.audit.verify().ok
    with services.db.read() as s:
        phone = s.execute(
            text(
                "SELECT sub.phone_norm FROM submitters sub JOIN cases c ON c.submitter_id = sub.id"
                " GROUP BY sub.phone_norm HAVING sum(CASE WHEN c.state = 'closed' THEN 0 ELSE 1"
                " END) = 0 ORDER BY count(*) DESC LIMIT 1"
            )
        ).scalar_one()
        case_id = s.execute(
            text(
                "SELECT c.id FROM cases c JOIN submitters sub ON sub.id = c.submitter_id"
                " WHERE sub.phone_norm = :p LIMIT 1"
            ),
            {"p": phone},
        ).scalar_one()
    # A history line written in bulk (as an import or an older version did), naming the
    # person's phone, then sealed like every such line.
    with services.db.write() as s:
        s.execute(
            text(
                "INSERT INTO case_events (case_id, at, actor_id, actor_name, action, public,"
                " summary, changes) VALUES (:c, :at, NULL, 'Nhập dữ liệu cũ', 'note', :pub,"
                " :summary, '{}')"
            ),
            {"c": case_id, "at": datetime(2026, 1, 5, 8, 0), "pub": False,
             "summary": f"Đã gọi lại số {phone} để xác minh."},
        )  # fmt: skip
    assert services.audit.seal_events() == 1
    assert services.audit.verify().ok
    clock.set(datetime(2045, 1, 2, 9, 0))
    result = services.personal_data.anonymise(phone, actor, "Hết thời hạn lưu trữ")
    assert result.codes
    check = services.audit.verify()
    assert check.ok, check.message
    with services.db.write() as s:
        s.execute(text("UPDATE case_events SET summary = summary || ' (sửa)' WHERE id = 1"))
    assert not services.audit.verify().ok
