"""Run a test with the process's time zone set as on a PC elsewhere (TZ + time.tzset),
restored afterwards."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

PC_ZONES = ["UTC", "America/New_York"]


@pytest.fixture(params=PC_ZONES)
def pc_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()
