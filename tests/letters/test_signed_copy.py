"""Signing asked for a letter issued unsigned: refused with the way to a signed copy (a
replacement), never the unsigned letter given back as if signed."""

from __future__ import annotations

from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from test_letter_service import FORM, make_p12

from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.letters.signing import SignOptions, check_signatures
from pakn_desktop.services import Services
from pakn_desktop.services.letters import UnsignedAlreadyIssued


def test_a_letter_issued_unsigned_is_not_returned_for_a_signed_one(
    services: Services, tmp_path: Path
) -> None:
    actor = staff_actor(services)
    p12, cert = make_p12(tmp_path)
    c = services.cases.receive(FORM, actor)
    plain = services.letters.issue(c.code, LetterKind.RECEIPT, actor)
    assert not plain.signed
    with pytest.raises(UnsignedAlreadyIssued, match="Thay thế") as refused:
        services.letters.issue(c.code, LetterKind.RECEIPT, actor, sign=SignOptions(p12, "mat-khau"))
    assert refused.value.letter.id == plain.id
    # Unsigned again: the same letter, as before.
    again = services.letters.issue(c.code, LetterKind.RECEIPT, actor)
    assert again.already_issued and again.sha256 == plain.sha256
    # The way it names: a signed replacement; both in the register, the signed one marked.
    signed = services.letters.replace(
        plain.id, "Ban hành bản có chữ ký số.", actor, sign=SignOptions(p12, "mat-khau")
    )
    (check,) = check_signatures(signed.pdf, trust_roots=[cert])
    assert check.ok and signed.signed
    assert {(e.number_text, e.signed) for e in services.letters.register_entries(actor)} == {
        (plain.number_text, False),
        (signed.number_text, True),
    }
    # A signed letter asked for again, signed: the signed letter itself, no new number.
    same = services.letters.issue(
        c.code, LetterKind.RECEIPT, actor, sign=SignOptions(p12, "mat-khau")
    )
    assert same.already_issued and same.id == signed.id
