"""The register can be trusted: each letter only when the case calls for it, once, complete;
replacements; receipts at volume; failures take no number; page-break rules; the digital
signature as NĐ 30/2020 shows it. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

import pdfplumber
import pytest
from accounts_fixture import staff_actor
from PIL import Image, ImageDraw
from sqlalchemy import select
from test_letter_service import FORM, make_p12, text_of

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.letters import (
    REJECTION_PRESETS,
    LetterKind,
    LetterNotCalledFor,
    RejectionGround,
)
from pakn_desktop.letters import layout
from pakn_desktop.letters.signing import SigningError, SignOptions, check_signatures
from pakn_desktop.services import Services
from pakn_desktop.services.office import OfficeDetails
from pakn_desktop.store.models import Counter, Letter


@pytest.fixture
def actor(services: Services):  # type: ignore[no-untyped-def]
    return staff_actor(services)


def register_size(services: Services) -> int:
    with services.db.read() as s:
        return len(s.scalars(select(Letter.id)).all())


def counters(services: Services) -> dict[str, int]:
    with services.db.read() as s:
        return {c.name: c.value for c in s.scalars(select(Counter))}


def received(services: Services, actor, **changes: str):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return services.cases.receive(replace(FORM, **changes), actor)


# --- letters follow the case -------------------------------------------------------------
NOT_YET = [
    LetterKind.REJECTION,
    LetterKind.CLARIFICATION,
    LetterKind.TRANSFER,
    LetterKind.PROGRESS,
    LetterKind.ANSWER,
]


@pytest.mark.parametrize("kind", NOT_YET)
def test_a_new_case_calls_only_for_a_receipt(services: Services, actor, kind: LetterKind) -> None:  # type: ignore[no-untyped-def]
    c = received(services, actor)
    assert services.letters.called_for(c.code, actor) == [LetterKind.RECEIPT]
    before = counters(services)
    with pytest.raises(LetterNotCalledFor) as err:
        services.letters.issue(c.code, kind, actor)
    assert "chưa thể ban hành" in err.value.message or "chưa có" in err.value.message
    with pytest.raises(LetterNotCalledFor):
        services.letters.preview(c.code, kind, actor)
    assert register_size(services) == 0 and counters(services) == before


def test_each_kind_is_called_for_by_its_event(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    rejected = received(services, actor)
    services.cases.reject(
        rejected.code,
        "Không rõ nội dung.",
        actor,
        expected_version=services.case_reads.get(rejected.code, staff_actor(services)).version,
    )
    called = services.letters.called_for(rejected.code, actor)
    assert called == [LetterKind.RECEIPT, LetterKind.REJECTION]

    asked = received(services, actor)
    services.cases.ask_clarification(
        asked.code,
        "Số quyết định.",
        actor,
        expected_version=services.case_reads.get(asked.code, staff_actor(services)).version,
    )
    assert LetterKind.CLARIFICATION in services.letters.called_for(asked.code, actor)

    moved = received(services, actor)
    services.cases.transfer(
        moved.code,
        "UBND huyện Đắk Hà",
        actor,
        reason="Thuộc huyện.",
        expected_version=services.case_reads.get(moved.code, staff_actor(services)).version,
    )
    assert LetterKind.TRANSFER in services.letters.called_for(moved.code, actor)

    handled = received(services, actor)
    services.cases.accept(
        handled.code,
        actor,
        official_id=actor.id,
        expected_version=services.case_reads.get(handled.code, staff_actor(services)).version,
    )
    # In handling but nothing posted yet: no progress letter to send.
    assert LetterKind.PROGRESS not in services.letters.called_for(handled.code, actor)
    with pytest.raises(LetterNotCalledFor, match="chưa có cập nhật tình hình"):
        services.letters.issue(handled.code, LetterKind.PROGRESS, actor)
    services.cases.post_progress(
        handled.code,
        "Đang xác minh.",
        actor,
        expected_version=services.case_reads.get(handled.code, staff_actor(services)).version,
    )
    assert LetterKind.PROGRESS in services.letters.called_for(handled.code, actor)
    services.cases.record_result(
        handled.code,
        "Đã giải quyết.",
        actor,
        expected_version=services.case_reads.get(handled.code, staff_actor(services)).version,
    )
    # A result without the answer text: no answer letter, and no number used.
    with pytest.raises(LetterNotCalledFor, match="chưa có nội dung trả lời"):
        services.letters.issue(handled.code, LetterKind.ANSWER, actor)
    services.cases.publish_answer(
        handled.code,
        "Sở đã chi trả trợ cấp.",
        actor,
        expected_version=services.case_reads.get(handled.code, staff_actor(services)).version,
    )
    assert LetterKind.ANSWER in services.letters.called_for(handled.code, actor)
    services.cases.close(
        handled.code,
        actor,
        expected_version=services.case_reads.get(handled.code, staff_actor(services)).version,
    )
    assert LetterKind.ANSWER in services.letters.called_for(handled.code, actor)
    assert register_size(services) == 0


def test_a_reopened_case_no_longer_calls_for_its_old_rejection(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = received(services, actor)
    services.cases.reject(
        c.code,
        "Không rõ nội dung.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    first = services.letters.issue(c.code, LetterKind.REJECTION, actor)
    services.cases.reopen(
        c.code,
        "Người dân đã bổ sung.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    with pytest.raises(LetterNotCalledFor):
        services.letters.issue(c.code, LetterKind.REJECTION, actor)
    services.cases.reject(
        c.code,
        "Vẫn không rõ nội dung.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    second = services.letters.issue(c.code, LetterKind.REJECTION, actor)
    # A new rejection is a new event: its own letter, the next number.
    assert (first.number, second.number) == (1, 2) and not second.already_issued
    assert "Vẫn không rõ nội dung." in text_of(second.pdf)


# --- once -----------------------------------------------------------------------------
def test_issuing_again_gives_the_same_letter_and_no_new_number(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = received(services, actor)
    services.cases.reject(
        c.code,
        "Không rõ nội dung.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    first = services.letters.issue(c.code, LetterKind.REJECTION, actor)
    again = services.letters.issue(c.code, LetterKind.REJECTION, actor)
    assert again.already_issued and not first.already_issued
    assert (again.id, again.number, again.pdf) == (first.id, first.number, first.pdf)
    assert register_size(services) == 1
    assert services.letters.standing(c.code, LetterKind.REJECTION, actor) == first
    assert [e.action for e in services.case_reads.get(c.code, staff_actor(services)).events].count(
        "letter_issued"
    ) == 1


def test_two_desks_issuing_the_same_letter_get_one_letter(migrated_db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    desks = [Services.open(migrated_db_url, now=clock) for _ in range(2)]
    actor = staff_actor(desks[0])
    code = desks[0].cases.receive(FORM, actor).code
    desks[0].cases.reject(
        code,
        "Không rõ nội dung.",
        actor,
        expected_version=desks[0].case_reads.get(code, staff_actor(desks[0])).version,
    )
    got: list[int] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def work(desk: Services) -> None:
        barrier.wait()
        try:
            got.append(desk.letters.issue(code, LetterKind.REJECTION, actor).id)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(d,)) for d in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    entries = desks[0].letters.register_entries(actor)
    for d in desks:
        d.close()
    assert errors == [] and len(got) == 2 and got[0] == got[1]
    assert [e.number for e in entries] == [1]


def test_replacement_takes_a_new_number_and_names_the_old_letter(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = received(services, actor)
    services.cases.transfer(
        c.code,
        "UBND huyện Đắk Hà",
        actor,
        reason="Thuộc thẩm quyền huyện.",
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    old = services.letters.issue(c.code, LetterKind.TRANSFER, actor)
    with pytest.raises(PaknError, match="lý do"):
        services.letters.replace(old.id, "  ", actor)
    new = services.letters.replace(old.id, "Sai tên cơ quan nhận.", actor)
    assert (old.number, new.number) == (1, 2) and new.replaces_id == old.id
    text = text_of(new.pdf)
    assert "thay thế thông báo chuyển PAKN số 01/SNV-VP ngày 24/04/2026" in " ".join(text.split())
    # The old one stays, marked replaced; it cannot be replaced twice.
    entries = {e.number: e for e in services.letters.register_entries(actor)}
    assert entries[1].replaced_by_number == "02/SNV-VP"
    assert entries[2].replaces_number == "01/SNV-VP"
    assert entries[2].replace_reason == "Sai tên cơ quan nhận."
    with pytest.raises(PaknError, match="đã được thay bằng"):
        services.letters.replace(old.id, "Lần nữa.", actor)
    # Issuing now gives the replacement, not a third number.
    assert services.letters.issue(c.code, LetterKind.TRANSFER, actor).id == new.id
    history = [e.action for e in services.case_reads.get(c.code, staff_actor(services)).events]
    assert history.count("letter_issued") == 1 and history.count("letter_replaced") == 1


def test_a_replacement_belongs_to_the_current_step(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = received(services, actor)
    services.cases.accept(
        c.code,
        actor,
        official_id=actor.id,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    services.cases.post_progress(
        c.code,
        "Đang xác minh.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    first = services.letters.issue(c.code, LetterKind.PROGRESS, actor)
    services.cases.post_progress(
        c.code,
        "Đã có kết quả xác minh.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    with pytest.raises(PaknError, match="bước khác"):
        services.letters.replace(first.id, "Sai nội dung.", actor)


# --- receipts at volume -------------------------------------------------------------------
def test_every_case_gets_its_receipt_in_its_own_series(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    codes = [received(services, actor).code for _ in range(40)]
    numbers = [services.letters.issue(code, LetterKind.RECEIPT, actor).number for code in codes]
    assert numbers == list(range(1, 41))
    # The công văn series is untouched by receipts.
    c = received(services, actor)
    services.cases.reject(
        c.code,
        "Không rõ nội dung.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    assert services.letters.issue(c.code, LetterKind.REJECTION, actor).number_text == ("01/SNV-VP")


def test_receipts_past_a_thousand_in_a_year(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    with services.db.write() as s:
        s.add(Counter(name="letter:2026:PTN", value=998))
    codes = [received(services, actor).code for _ in range(3)]
    issued = [services.letters.issue(code, LetterKind.RECEIPT, actor) for code in codes]
    assert [x.number_text for x in issued] == ["999/PTN-SNV", "1000/PTN-SNV", "1001/PTN-SNV"]
    assert "Số: 1000/PTN-SNV" in text_of(issued[1].pdf)


# --- failures take no number ---------------------------------------------------------
def test_a_wrong_or_missing_certificate_takes_no_number(
    services: Services, actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    p12, _ = make_p12(tmp_path)
    c = received(services, actor)
    before = counters(services)
    with pytest.raises(SigningError, match="sai mật khẩu"):
        services.letters.issue(c.code, LetterKind.RECEIPT, actor, sign=SignOptions(p12, "sai"))
    with pytest.raises(SigningError, match="Không tìm thấy tệp"):
        services.letters.issue(
            c.code, LetterKind.RECEIPT, actor, sign=SignOptions(tmp_path / "none.p12", "x")
        )
    not_p12 = tmp_path / "not.p12"
    not_p12.write_bytes(b"this is not a certificate")
    with pytest.raises(SigningError):
        services.letters.issue(c.code, LetterKind.RECEIPT, actor, sign=SignOptions(not_p12, ""))
    assert register_size(services) == 0 and counters(services) == before
    # And the next good letter takes number 1.
    assert services.letters.issue(c.code, LetterKind.RECEIPT, actor).number == 1


def test_a_failed_render_takes_no_number(
    services: Services, actor, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from pakn_desktop.services import letters as letters_module

    c = received(services, actor)
    services.cases.reject(
        c.code,
        "Không rõ nội dung.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )

    def broken(_content):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(letters_module, "render_letter", broken)
    with pytest.raises(OSError):
        services.letters.issue(c.code, LetterKind.REJECTION, actor)
    monkeypatch.undo()
    assert register_size(services) == 0
    assert services.letters.issue(c.code, LetterKind.REJECTION, actor).number == 1


# --- drafts ------------------------------------------------------------------------------
def test_a_draft_says_so_and_has_no_number(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = received(services, actor)
    services.cases.reject(
        c.code,
        "Không rõ nội dung.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    draft = text_of(services.letters.preview(c.code, LetterKind.REJECTION, actor))
    assert draft.startswith("DỰ THẢO")
    assert re.search(r"Số:\s+/SNV-VP", draft)
    issued = text_of(services.letters.issue(c.code, LetterKind.REJECTION, actor).pdf)
    assert "DỰ THẢO" not in issued and "Số: 01/SNV-VP" in issued
    # The draft's watermark is an image: the text layer reads like the letter.
    draft_pdf = services.letters.preview(c.code, LetterKind.RECEIPT, actor)
    with pdfplumber.open(io.BytesIO(draft_pdf)) as d:
        assert len(d.pages[0].images) >= 1


# --- wording ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("ground", "words"),
    [
        (RejectionGround.COMPLAINT, "Luật Khiếu nại năm 2011"),
        (RejectionGround.DENUNCIATION, "Luật Tố cáo năm 2018"),
        (RejectionGround.LEGAL_ADVICE, "Trợ giúp pháp lý"),
        (RejectionGround.MISSING_DETAILS, "Điều 7 Nghị định số 20/2008/NĐ-CP"),
    ],
)
def test_each_rejection_ground_gives_its_advice_once(
    services: Services, actor, ground: RejectionGround, words: str
) -> None:  # type: ignore[no-untyped-def]
    c = received(services, actor)
    services.cases.reject_with(
        c.code,
        ground,
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    text = " ".join(text_of(services.letters.preview(c.code, LetterKind.REJECTION, actor)).split())
    assert text.count(words) == 1
    assert "bằng tiếng Việt" not in text or ground is RejectionGround.MISSING_DETAILS
    assert REJECTION_PRESETS[ground].reason.split(",")[0] in text


def test_a_repeat_names_the_earlier_pakn_and_its_answer_date(
    services: Services, actor, clock
) -> None:  # type: ignore[no-untyped-def]
    earlier = received(services, actor)
    services.cases.accept(
        earlier.code,
        actor,
        official_id=actor.id,
        expected_version=services.case_reads.get(earlier.code, staff_actor(services)).version,
    )
    services.cases.record_result(
        earlier.code,
        "Đã giải quyết.",
        actor,
        expected_version=services.case_reads.get(earlier.code, staff_actor(services)).version,
    )
    services.cases.publish_answer(
        earlier.code,
        "Sở đã chi trả.",
        actor,
        expected_version=services.case_reads.get(earlier.code, staff_actor(services)).version,
    )
    c = received(services, actor)
    with pytest.raises(PaknError, match="mã PAKN"):
        services.cases.reject_with(
            c.code,
            RejectionGround.ALREADY_ANSWERED,
            actor,
            expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
        )
    services.cases.reject_with(
        c.code,
        RejectionGround.ALREADY_ANSWERED,
        actor,
        earlier_code=earlier.code,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    text = " ".join(text_of(services.letters.preview(c.code, LetterKind.REJECTION, actor)).split())
    assert f"mã {earlier.code} đã được trả lời ngày 24/04/2026" in text
    assert "bằng tiếng Việt" not in text


def test_out_of_remit_names_the_competent_agency(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = received(services, actor)
    services.cases.reject_with(
        c.code,
        RejectionGround.OUT_OF_REMIT,
        actor,
        competent_agency="Sở Tài chính tỉnh Kon Tum",
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    text = " ".join(text_of(services.letters.preview(c.code, LetterKind.REJECTION, actor)).split())
    assert "gửi phản ánh, kiến nghị đến Sở Tài chính tỉnh Kon Tum" in text


def test_transfer_notice_states_agency_and_reason(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = received(services, actor)
    services.cases.transfer(
        c.code,
        "UBND huyện Đắk Hà",
        actor,
        reason="Việc chi trả do Phòng LĐTBXH huyện thực hiện.",
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    text = " ".join(text_of(services.letters.preview(c.code, LetterKind.TRANSFER, actor)).split())
    assert "Lý do chuyển: Việc chi trả do Phòng LĐTBXH huyện thực hiện." in text
    assert "liên hệ với UBND huyện Đắk Hà" in text


def test_title_is_quoted_and_the_person_addressed_as_entered(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = received(services, actor, title="Tố cáo cán bộ xã gây phiền hà", salutation="Bà")
    services.cases.reject(
        c.code,
        "Nội dung là tố cáo.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    text = " ".join(text_of(services.letters.preview(c.code, LetterKind.REJECTION, actor)).split())
    assert "về việc “Tố cáo cán bộ xã gây phiền hà”" in text
    assert "Kính gửi: Bà Trần Thị Bích" in text and "Ông/Bà" not in text
    org = received(
        services,
        actor,
        submitter_kind="business",
        submitter_name="Công ty TNHH Minh Phát",
        salutation="Ông",
    )
    services.cases.reject(
        org.code,
        "Không rõ nội dung.",
        actor,
        expected_version=services.case_reads.get(org.code, staff_actor(services)).version,
    )
    text = text_of(services.letters.preview(org.code, LetterKind.REJECTION, actor))
    assert "Kính gửi: Công ty TNHH Minh Phát" in text


def test_contact_lines_come_from_the_settings_only(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = received(services, actor)
    services.cases.ask_clarification(
        c.code,
        "Số quyết định.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    text = text_of(services.letters.preview(c.code, LetterKind.CLARIFICATION, actor))
    assert "0260.3958.789" not in text and "liên hệ số điện thoại" not in text
    from dataclasses import replace

    services.office.save_details(
        replace(services.office.details(), hotlines="0260.3861.234"),
        actor,
        expected_version=services.office.settings_version(),
    )
    text = " ".join(
        text_of(services.letters.preview(c.code, LetterKind.CLARIFICATION, actor)).split()
    )
    assert "liên hệ số điện thoại: 0260.3861.234" in text


def test_letters_are_signed_by_the_settings_signer_and_receipts_by_the_receiver(
    services: Services, actor
) -> None:  # type: ignore[no-untyped-def]
    desk = services.office.add_user(
        "canbo03", "Lê Thị Hoa", Role.FRONT_DESK, actor=services.office.actor()
    )
    desk_actor = services.office.actor(desk.username)
    c = services.cases.receive(FORM, desk_actor)
    services.cases.reject(
        c.code,
        "Không rõ nội dung.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    # Letters other than the receipt are approved by a head (here the all-roles actor).
    rejection = services.letters.issue(c.code, LetterKind.REJECTION, actor)
    assert rejection.signer_name == OfficeDetails().signer_name
    receipt = services.letters.issue(c.code, LetterKind.RECEIPT, actor)  # printed by the admin
    assert receipt.signer_name == "Lê Thị Hoa"
    assert "Lê Thị Hoa" in text_of(receipt.pdf) and actor.name not in text_of(receipt.pdf)


# --- pages -----------------------------------------------------------------------------------
def _pages_words(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [p.extract_text() or "" for p in doc.pages]


def test_the_signer_block_never_stands_alone_on_a_page(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = received(services, actor)
    services.cases.accept(
        c.code,
        actor,
        official_id=actor.id,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    sentence = "Sở đã làm việc với Bảo hiểm xã hội tỉnh để rà soát hồ sơ hưởng trợ cấp. "
    checked = 0
    for n in range(4, 26):
        detail = services.cases.post_progress(
            c.code,
            sentence * n,
            actor,
            expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
        )
        content = services.letters.compose(
            c.code, LetterKind.PROGRESS, actor, detail=detail, draft=False
        )
        pdf, _box = layout.render_letter(content)
        pages = _pages_words(pdf)
        last = pages[-1]
        assert "Nơi nhận:" in last
        # Above "Nơi nhận:" on its page stand at least two lines of the body.
        before = last.split("Nơi nhận:")[0].strip().splitlines()
        if len(pages) > 1:
            checked += 1
            body_lines = [ln for ln in before if not re.fullmatch(r"\d+", ln.strip())]
            assert len(body_lines) >= 2, (n, before)
    assert checked > 0


def test_subject_line_leaves_no_word_alone() -> None:
    from pakn_desktop.letters.fonts import REGULAR, register_fonts

    register_fonts()
    text = "V/v trả lời phản ánh, kiến nghị về chậm chi trả trợ cấp thất nghiệp tại huyện"
    width = layout.LEFT_COL - 4
    greedy = layout.balanced_lines(text, REGULAR, layout.SIZE_SUBJECT, 10_000)
    assert len(greedy) == 1
    for avail in range(120, 200, 3):
        lines = layout.balanced_lines(text, REGULAR, layout.SIZE_SUBJECT, avail)
        assert all(
            layout.stringWidth(ln, REGULAR, layout.SIZE_SUBJECT) <= avail or " " not in ln
            for ln in lines
        )
        if len(lines) > 1:
            assert len(lines[-1].split()) >= 2, lines
    assert width > 0


# --- the digital signature as NĐ 30/2020 shows it -------------------------------------------
def _png(colour: tuple[int, int, int], size: tuple[int, int], circle: bool = False) -> bytes:
    img = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    if circle:
        draw.ellipse((4, 4, size[0] - 4, size[1] - 4), outline=(*colour, 255), width=8)
    else:
        draw.line((10, size[1] - 20, size[0] - 10, 20), fill=(*colour, 255), width=6)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def test_signed_letter_shows_signature_seal_and_vietnamese_information(
    services: Services, actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    p12, cert = make_p12(tmp_path)
    with pytest.raises(PaknError, match="PNG"):
        services.office.set_signature_images(
            b"GIF89a", None, actor, expected_version=services.office.settings_version()
        )
    services.office.set_signature_images(
        _png((20, 40, 160), (400, 160)),
        _png((200, 0, 0), (300, 300), circle=True),
        actor,
        expected_version=services.office.settings_version(),
    )
    c = received(services, actor)
    services.cases.reject(
        c.code,
        "Không rõ nội dung.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    letter = services.letters.issue(
        c.code, LetterKind.REJECTION, actor, sign=SignOptions(p12, "mat-khau")
    )
    (check,) = check_signatures(letter.pdf, trust_roots=[cert])
    assert check.ok and check.trusted
    text = text_of(letter.pdf)
    assert "Người ký: Nguyễn Thanh Tính" in text
    assert "Thời gian ký: 2026-04-24T09:30:00+07:00" in text
    for foreign in ("Digitally signed", "þÿ", "NguyÅ", "Signed by"):
        assert foreign not in text
    with pdfplumber.open(io.BytesIO(letter.pdf)) as doc:
        page = doc.pages[-1]
        images = page.images
        assert len(images) == 2  # signature and seal (the QR code is vector)
        sig = max(images, key=lambda i: i["width"] / max(i["height"], 1))
        seal = min(images, key=lambda i: i["width"] / max(i["height"], 1))
        # The seal overlaps the left third of the signature image.
        assert seal["x0"] < sig["x0"] < seal["x1"] <= sig["x0"] + (sig["x1"] - sig["x0"]) / 3 + 1
        # The signature sits between the title and the signer's name.
        words = page.extract_words()
        title = [w for w in words if w["text"] == "ĐỐC"][-1]  # "PHÓ GIÁM ĐỐC"
        name = next(w for w in words if w["text"] == "Tính")
        assert title["bottom"] <= sig["top"] and sig["bottom"] <= name["top"]
        info = [w for w in words if w["text"].startswith("2026-04-24T")]
        assert info and abs(info[0]["bottom"] - info[0]["top"] - 10 * 1.15) < 3
    # Without the seal the agency's image is left out.
    services.cases.reopen(
        c.code,
        "Xem lại.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    services.cases.reject(
        c.code,
        "Vẫn không rõ.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    plain = services.letters.issue(
        c.code, LetterKind.REJECTION, actor, sign=SignOptions(p12, "mat-khau", with_seal=False)
    )
    with pdfplumber.open(io.BytesIO(plain.pdf)) as doc:
        assert len(doc.pages[-1].images) == 1


def test_published_letters_pass_through_the_public_gate(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    secrets = ["062 190 001 234", "0071000123456", "an.nguyen@example.vn", "0912 345 678"]
    c = received(
        services,
        actor,
        title="Chậm trả lương, CCCD: 062 190 001 234, STK 0071000123456",
        content="Liên hệ an.nguyen@example.vn hoặc 0912 345 678.",
    )
    c = services.cases.accept(c.code, actor, official_id=actor.id, expected_version=c.version)
    c = services.cases.post_progress(
        c.code,
        "Đã gọi 0912 345 678 và gửi thư tới an.nguyen@example.vn.",
        actor,
        expected_version=c.version,
    )
    c = services.cases.record_result(
        c.code, "Đã chi trả vào STK 0071000123456.", actor, expected_version=c.version
    )
    c = services.cases.publish_answer(
        c.code,
        "Sở đã chi trả vào số tài khoản 0071000123456 (CCCD: 062 190 001 234).",
        actor,
        expected_version=c.version,
    )
    text = " ".join(text_of(services.letters.preview(c.code, LetterKind.ANSWER, actor)).split())
    for secret in secrets:
        assert secret not in text
    for label in ("[số CCCD]", "[số tài khoản]"):
        assert label in text
