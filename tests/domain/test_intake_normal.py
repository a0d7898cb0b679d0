"""One normalisation of an intake (domain.intake), the same for receiving and correcting."""

from __future__ import annotations

from pakn_desktop.domain.intake import clean_intake, phone_fields
from pakn_desktop.domain.validation import IntakeForm


def form(**kw: str) -> IntakeForm:
    base = dict(
        submitter_kind="citizen",
        submitter_name="  Lê Văn Tâm ",
        address="Thôn 2",
        phone="0912.345.678",
        email=" tam@example.vn ",
        title="Chậm chi trả\u200b",
        content="Nội dung",
        channel="walk_in",
        portal_code="G22.99-123",
        topic="Khác",
        salutation="Ông",
    )
    base.update(kw)
    return IntakeForm(**base)


def test_a_phone_is_stored_in_groups_with_its_digits() -> None:
    assert phone_fields("0912.345.678") == ("0912 345 678", "0912345678")
    assert phone_fields(" ext. 12 ") == ("ext. 12", "")


def test_text_is_cleaned_and_a_portal_code_kept_only_for_a_portal() -> None:
    c = clean_intake(form())
    assert c.name == "Lê Văn Tâm"
    assert c.title == "Chậm chi trả"
    assert c.email == "tam@example.vn"
    assert (c.phone, c.phone_norm) == ("0912 345 678", "0912345678")
    assert c.portal_code == ""
    portal = clean_intake(form(channel="national_portal"))
    assert portal.portal_code == "G22.99-123"


def test_an_unknown_salutation_is_unknown_and_a_topic_may_be_given() -> None:
    c = clean_intake(form(salutation="Cụ"), topic="Việc làm")
    assert c.salutation == ""
    assert c.topic == "Việc làm"
