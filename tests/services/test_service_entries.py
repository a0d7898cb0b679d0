"""What the service API is handed by the window, the command line and imports (issue 20,
point 6): a time with a zone is kept as Vietnam time; text for a time, a number too large for
the database and None or a number for a code are refused in words (ValidationFailed), never a
TypeError or OverflowError from deep inside."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from accounts_fixture import staff_actor
from builders import a_form

from pakn_desktop.domain.errors import ValidationFailed
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor

FORM = a_form(address="Số 12 đường Trần Hưng Đạo, phường Kon Tum", title="Chậm cấp giấy xác nhận")
HUGE = 10**20


def test_a_time_with_a_zone_is_kept_as_vietnam_time(services: Services, head: Actor) -> None:
    actor = staff_actor(services)  # the clock says 24/04/2026 09:30 in Vietnam
    utc = services.cases.receive(FORM, actor, received_at=datetime(2026, 4, 24, 1, 15, tzinfo=UTC))
    assert utc.received_at == datetime(2026, 4, 24, 8, 15)
    tokyo = timezone(timedelta(hours=9))
    late = services.cases.receive(
        FORM, actor, received_at=datetime(2026, 4, 23, 18, 0, tzinfo=tokyo)
    )
    assert late.received_at == datetime(2026, 4, 23, 16, 0)
    assert services.case_reads.get(late.code, actor).received_at == datetime(2026, 4, 23, 16, 0)
    fixed = services.cases.correct_received_at(
        late.code,
        datetime(2026, 4, 23, 7, 0, tzinfo=UTC),
        "Ghi nhầm giờ",
        head,
        expected_version=late.version,
    )
    assert fixed.received_at == datetime(2026, 4, 23, 14, 0)


def refused(call: Callable[[], Any]) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as exc:
        call()
    assert exc.value.message.startswith("Thông tin chưa hợp lệ")
    return exc.value


def test_wrong_types_and_huge_numbers_are_refused_in_words(services: Services, head: Actor) -> None:
    actor = staff_actor(services)
    case = services.cases.receive(FORM, actor)
    c = services.cases
    r = services.case_reads
    bad: list[Callable[[], Any]] = [
        lambda: c.receive(FORM, actor, received_at="2026-04-20 08:00"),  # type: ignore[arg-type]
        lambda: c.receive(FORM, actor, received_at=20260420),  # type: ignore[arg-type]
        lambda: c.receive(FORM, actor, unit_id=HUGE),
        lambda: r.get(None, actor),  # type: ignore[arg-type]
        lambda: r.get(HUGE, actor),  # type: ignore[arg-type]
        lambda: r.public_lookup(HUGE),  # type: ignore[arg-type]
        lambda: c.accept(case.code, actor, official_id=HUGE, expected_version=case.version),
        lambda: c.accept(case.code, actor, official_id=actor.id, expected_version=HUGE),
        lambda: c.assign(case.code, HUGE, actor, expected_version=case.version),
        lambda: r.attachment_data(HUGE, actor),
        lambda: services.letters.letter(HUGE, actor),
        lambda: c.correct_received_at(
            case.code,
            "hôm qua",  # type: ignore[arg-type]
            "lý do",
            head,
            expected_version=case.version,
        ),
    ]
    for call in bad:
        refused(call)
    assert "received_at" in refused(bad[0]).errors
    assert refused(bad[3]).errors == {"code": "Chưa nhập mã PAKN."}
    # Nothing was changed by any of them.
    assert r.get(case.code, actor).version == case.version
    assert r.count(r.inbox_filter(actor), actor) >= 1
