"""A reprint is noted in the case history and the audit log only once the letter was handed
over (to the printer, to a file): a print that failed leaves no trace."""

from __future__ import annotations

import pytest
from accounts_fixture import staff_actor
from builders import a_form

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.services import Services

FORM = a_form(
    submitter_name="Trần Thị Bích",
    address="Thôn 3, xã Đắk Hà",
    phone="0905123456",
    title="Chậm chi trả trợ cấp",
    content="Tôi nộp hồ sơ đã hơn 20 ngày nhưng chưa được chi trả.",
    channel="walk_in",
)


def test_a_failed_print_notes_no_reprint_and_a_delivered_one_does(
    services: Services, admin
) -> None:  # type: ignore[no-untyped-def]
    actor = staff_actor(services)
    code = services.cases.receive(FORM, actor).code
    receipt = services.letters.issue(code, LetterKind.RECEIPT, actor)

    def events() -> list[str]:
        return [e.summary for e in services.case_reads.get(code, staff_actor(services)).events]

    before, audited = events(), len(services.audit.records(admin))

    def jammed(_pdf: bytes) -> None:
        raise PaknError("Không gửi được bản in tới máy in.")

    with pytest.raises(PaknError):
        services.letters.reprint(receipt.id, actor, deliver=jammed)
    assert events() == before
    assert len(services.audit.records(admin)) == audited
    handed: list[bytes] = []
    again = services.letters.reprint(receipt.id, actor, deliver=handed.append)
    assert handed == [receipt.pdf] and again.pdf == receipt.pdf
    assert events() == [*before, "In lại Phiếu tiếp nhận số 01/PTN-SNV."]
    assert len(services.audit.records(admin)) == audited + 1
