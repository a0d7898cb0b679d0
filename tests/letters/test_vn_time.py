"""On a PC whose clock zone is not Vietnam's, a signed letter prints the signature's own time
in +07:00 (read back from the signature), and the services' "now" is Vietnam's."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from accounts_fixture import staff_actor
from pyhanko.pdf_utils.reader import PdfFileReader
from test_letter_service import FORM, make_p12, text_of
from tz_fixture import pc_zone  # noqa: F401  (the fixture)

from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.letters.signing import SignOptions, check_signatures
from pakn_desktop.services import Services


def test_signed_letter_prints_the_signatures_time_in_vietnam_time(
    db_url: str,
    tmp_path: Path,
    pc_zone: str,  # noqa: F811
) -> None:
    services = Services.open(db_url)  # the real clock, as at the office
    try:
        actor = staff_actor(services)
        p12, cert = make_p12(tmp_path)
        c = services.cases.receive(FORM, actor)
        vn_wall = datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=7)
        # The register keeps Vietnam's wall time, whatever the PC's zone.
        assert abs(services.case_reads.get(c.code, actor).received_at - vn_wall) < timedelta(
            minutes=1
        )
        services.cases.reject(c.code, "Không rõ nội dung.", actor, expected_version=c.version)
        letter = services.letters.issue(
            c.code, LetterKind.REJECTION, actor, sign=SignOptions(p12, "mat-khau")
        )
        (check,) = check_signatures(letter.pdf, trust_roots=[cert])
        assert check.ok
        printed = re.search(r"Thời gian ký: (\S+)", text_of(letter.pdf))
        assert printed is not None
        shown = datetime.fromisoformat(printed.group(1))
        assert printed.group(1).endswith("+07:00")
        (sig,) = PdfFileReader(io.BytesIO(letter.pdf)).embedded_signatures
        inside = sig.self_reported_timestamp
        assert inside is not None
        assert shown == inside  # the same instant, to the second
        assert abs(shown - datetime.now(UTC)) < timedelta(minutes=1)
        # The letter's date is Vietnam's today.
        assert f"ngày {vn_wall:%d} tháng {vn_wall:%m} năm {vn_wall:%Y}" in text_of(letter.pdf)
    finally:
        services.close()
