"""One normalisation of an intake: what is stored for a form, whoever hands it in.

The desk's intake, a correction of it, the portal import (new rows and later changes) and the
e-mail intake all store a PAKN through these functions, so a phone number is kept the same way
(national digits for search, written in groups for people) and a portal code only on a case
that came from a portal, whichever way it arrived."""

from __future__ import annotations

from dataclasses import dataclass

from .enums import Channel
from .letters import Salutation
from .places import structured
from .text import clean_text
from .validation import IntakeForm, format_phone, normalize_phone


@dataclass(frozen=True)
class CleanIntake:
    """The stored values of one intake form (submitter and case)."""

    submitter_kind: str
    name: str
    address: str
    province_code: int | None
    commune_code: int | None
    phone: str
    phone_norm: str
    email: str
    title: str
    content: str
    channel: str
    portal_code: str
    topic: str
    salutation: str


def phone_fields(text: str) -> tuple[str, str]:
    """(phone as shown, national digits for search) of what was typed: a plausible number is
    written in groups; anything else is kept as typed (cleaned), with no digits to search."""
    norm = normalize_phone(text) or ""
    return (format_phone(norm) if norm else clean_text(text)), norm


def salutation_of(value: str) -> str:
    """ "Ông" or "Bà" when known; anything else is unknown ("Ông/Bà" in letters)."""
    value = (value or "").strip()
    return value if value in (Salutation.MR.value, Salutation.MRS.value) else ""


def clean_intake(form: IntakeForm, *, topic: str | None = None) -> CleanIntake:
    """What is stored for ``form`` (already validated): text cleaned, phone normalised, the
    address written from today's units where chosen, the portal code kept only for a portal."""
    channel = Channel(form.channel)
    address, province_code, commune_code = structured(
        clean_text(form.address), form.province_code, form.commune_code
    )
    phone, phone_norm = phone_fields(form.phone)
    return CleanIntake(
        submitter_kind=form.submitter_kind,
        name=clean_text(form.submitter_name),
        address=address,
        province_code=province_code,
        commune_code=commune_code,
        phone=phone,
        phone_norm=phone_norm,
        email=clean_text(form.email),
        title=clean_text(form.title),
        content=clean_text(form.content),
        channel=channel.value,
        portal_code=clean_text(form.portal_code) if channel.is_portal else "",
        topic=clean_text(topic if topic is not None else form.topic),
        salutation=salutation_of(form.salutation),
    )
