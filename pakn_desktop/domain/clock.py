"""Vietnam's clock: the one source of "now" and "today" for every time the app shows, prints,
stamps or keeps for people, whatever zone the PC's clock is set to.

The store keeps naive wall times in Vietnam's time (Asia/Ho_Chi_Minh, +07:00, no daylight
saving since 1975); ``vn_now`` gives such a time, ``vn_aware_now`` and ``to_vn`` the aware
ones for what is printed with its offset (a signature's time, ISO 8601)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo

VN_ZONE_NAME = "Asia/Ho_Chi_Minh"


def _zone() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(VN_ZONE_NAME)
    except Exception:  # no zone database on this PC (Windows without tzdata): same offset
        return timezone(timedelta(hours=7), "+07")


VN_TZ: tzinfo = _zone()


def vn_aware_now() -> datetime:
    """Now, aware, in Vietnam's time."""
    return datetime.now(VN_TZ)


def vn_now() -> datetime:
    """Now as Vietnam's wall time without a zone, as the store keeps times."""
    return vn_aware_now().replace(tzinfo=None)


def vn_today() -> date:
    """Today in Vietnam (deadlines, statistics, letter dates)."""
    return vn_aware_now().date()


def to_vn(when: datetime) -> datetime:
    """An aware time in Vietnam's zone. A naive time is taken as Vietnam's wall time already
    (as the store keeps it)."""
    if when.tzinfo is None:
        return when.replace(tzinfo=VN_TZ)
    return when.astimezone(VN_TZ)


def vn_iso(when: datetime) -> str:
    """ISO 8601 with Vietnam's offset to the second: 2026-03-05T06:09:00+07:00."""
    return to_vn(when).isoformat(timespec="seconds")
