"""Vietnam's clock whatever the PC's zone, and no other clock in the package."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tz_fixture import pc_zone  # noqa: F401  (the fixture)

from pakn_desktop.domain.clock import to_vn, vn_aware_now, vn_iso, vn_now, vn_today

PACKAGE = Path(__file__).resolve().parents[2] / "pakn_desktop"


def test_now_is_vietnam_time_on_any_pc(pc_zone: str) -> None:  # noqa: F811
    assert time.localtime().tm_gmtoff != 7 * 3600  # the PC is not on Vietnam's time
    utc = datetime.now(UTC).replace(tzinfo=None)
    assert abs(vn_now() - (utc + timedelta(hours=7))) < timedelta(seconds=5)
    assert vn_now().tzinfo is None
    aware = vn_aware_now()
    assert aware.utcoffset() == timedelta(hours=7)
    assert vn_today() == (utc + timedelta(hours=7)).date()


def test_aware_times_are_shown_in_vietnam_time(pc_zone: str) -> None:  # noqa: F811
    # 23:09 UTC is 06:09 the next morning in Vietnam.
    at = datetime(2026, 3, 4, 23, 9, 0, tzinfo=UTC)
    assert vn_iso(at) == "2026-03-05T06:09:00+07:00"
    assert to_vn(at).replace(tzinfo=None) == datetime(2026, 3, 5, 6, 9)
    # A naive time is Vietnam's wall time already, as the store keeps it.
    assert vn_iso(datetime(2026, 3, 5, 6, 9)) == "2026-03-05T06:09:00+07:00"


CLOCK_CALLS = re.compile(
    r"\b(?:datetime\.now|datetime\.today|datetime\.utcnow|date\.today|time\.localtime|"
    r"time\.strftime|QDate\.currentDate|QDateTime\.currentDateTime)\b|\.astimezone\(\)"
)


def test_no_clock_but_vietnams_in_the_package() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "clock.py" and path.parent.name == "domain":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if CLOCK_CALLS.search(line.split("#", 1)[0]):
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
