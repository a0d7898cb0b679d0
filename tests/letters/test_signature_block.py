"""The signer's block of a signed letter, measured on the PDF (issue 23): the signature image
centred on the title and the name, the signing information inside the signer's column (not
starting under "Nơi nhận") and naming the agency as a sentence does, not in capitals."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pdfplumber
from accounts_fixture import staff_actor
from test_letter_service import FORM, make_p12
from test_register import _png

from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.letters.layout import MARGIN_LEFT, SIGNER_COL, TEXT_WIDTH
from pakn_desktop.letters.signing import SignOptions
from pakn_desktop.services import Services

MM = 72 / 25.4
LONG_NAME = "Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp tỉnh Quảng Ngãi"


def _signed_rejection(services: Services, tmp_path: Path, agency_short: str) -> bytes:
    actor = staff_actor(services)
    admin = services.office.actor()
    details = services.office.details()
    services.office.save_details(
        replace(details, agency_short=agency_short),
        admin,
        expected_version=services.office.settings_version(),
    )
    # A wide signature drawn off-centre within its own image would hide an off-centre box:
    # the image is a plain line across its whole width.
    services.office.set_signature_images(
        _png((20, 40, 160), (400, 160)),
        None,
        admin,
        expected_version=services.office.settings_version(),
    )
    p12, _cert = make_p12(tmp_path)
    c = services.cases.receive(FORM, actor)
    services.cases.reject(c.code, "Không rõ nội dung.", actor, expected_version=c.version)
    return services.letters.issue(
        c.code, LetterKind.REJECTION, actor, sign=SignOptions(p12, "mat-khau", with_seal=False)
    ).pdf


def _found(page: pdfplumber.page.Page, text: str) -> dict:  # type: ignore[type-arg]
    """Where ``text`` is printed as the signer's block prints it (bold, 14 pt)."""
    (match,) = [
        m
        for m in page.search(text, regex=False, return_chars=True)
        if all(
            "Bold" in c["fontname"] and round(c["size"]) == 14
            for c in m["chars"]
            if c["text"] != " "
        )
    ]
    return match  # type: ignore[no-any-return]


def test_the_signature_image_is_centred_on_the_title_and_the_name(
    services: Services, tmp_path: Path
) -> None:
    pdf = _signed_rejection(services, tmp_path, "Sở Nội vụ tỉnh Quảng Ngãi")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[-1]
        (image,) = page.images
        centre = (image["x0"] + image["x1"]) / 2
        for text in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thanh Tính"):
            found = _found(page, text)
            assert abs((found["x0"] + found["x1"]) / 2 - centre) <= 1 * MM, (text, found, centre)


def test_the_signing_information_stays_in_the_signers_column_in_sentence_case(
    services: Services, tmp_path: Path
) -> None:
    pdf = _signed_rejection(services, tmp_path, LONG_NAME)
    column = MARGIN_LEFT + TEXT_WIDTH - SIGNER_COL
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[-1]
        recipients = [c for c in page.chars if c["size"] in (11, 12) and c["x0"] < column]
        assert recipients  # "Nơi nhận:" and its lines, left of the signer's column
        # The signing information is the page's only 10 pt text, one line per top.
        info: dict[float, list[dict]] = {}  # type: ignore[type-arg]
        for c in page.chars:
            if round(c["size"], 1) == 10:
                info.setdefault(round(c["top"], 1), []).append(c)
        lines = ["".join(c["text"] for c in info[top]) for top in sorted(info)]
        # Every line of it (the long name goes on over a second line) is within the signer's
        # column, right of every "Nơi nhận" character.
        assert len(lines) >= 4, lines
        for top, chars in info.items():
            assert min(c["x0"] for c in chars) >= column - 0.5, (top, chars[0])
            assert min(c["x0"] for c in chars) > max(r["x1"] for r in recipients)
            assert max(c["x1"] for c in chars) <= MARGIN_LEFT + TEXT_WIDTH + 0.5
        said = " ".join(lines)
        assert f"Cơ quan: {LONG_NAME}" in said
        assert "Cơ quan: BAN" not in said and "SỞ" not in said


def test_the_signing_information_leaves_room_above_the_name(
    services: Services, tmp_path: Path
) -> None:
    """Image, then every line of the information (four with a long agency name), then at
    least 1.5 mm before the signer's name: nothing printed over the name."""
    pdf = _signed_rejection(services, tmp_path, LONG_NAME)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[-1]
        (image,) = page.images
        info = [c for c in page.chars if round(c["size"], 1) == 10]
        name = _found(page, "Nguyễn Thanh Tính")
        title = _found(page, "PHÓ GIÁM ĐỐC")
    assert title["bottom"] <= image["top"]
    assert image["bottom"] <= min(c["top"] for c in info)
    assert max(c["bottom"] for c in info) <= name["top"] - 1.5 * MM, (
        max(c["bottom"] for c in info),
        name["top"],
    )
