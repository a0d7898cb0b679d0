"""What a case list asks for: its filter, its sort keys and where a page starts. The store
turns these into SQL; the window and the reports name them without knowing any SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from .enums import DeadlineStatus

__all__ = ["CaseFilter", "PageKey", "SortKey"]


class SortKey(StrEnum):
    CODE = "code"
    RECEIVED = "received"
    SUBMITTER = "submitter"
    TITLE = "title"
    CHANNEL = "channel"
    UNIT = "unit"
    OFFICIAL = "official"
    STATE = "state"
    DEADLINE = "deadline"


@dataclass(frozen=True)
class CaseFilter:
    states: frozenset[str] = frozenset()
    unit_ids: frozenset[int] = frozenset()
    official_ids: frozenset[int] = frozenset()
    channels: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    submitter_kinds: frozenset[str] = frozenset()
    statuses: frozenset[DeadlineStatus] = frozenset()
    received_from: date | None = None
    received_to: date | None = None
    open_only: bool = False
    search: str = ""
    # Cases handled (answered, rejected or transferred) in this period, optionally only those
    # handled on time (True) or late (False) against their working-day limits.
    handled_from: date | None = None
    handled_to: date | None = None
    handled_on_time: bool | None = None
    # Statistics drill-downs: only these kinds of handling (answered, rejected, transferred);
    # these outcomes ("" = not classified yet); cases with no unit / no official.
    handled_kinds: frozenset[str] = frozenset()
    outcomes: frozenset[str] = frozenset()
    no_unit: bool = False
    no_official: bool = False
    # Desk PAKN not yet entered into the national PAKN system ("chưa nhập lên Hệ thống").
    national_pending: bool = False
    # Where the person lives (domain.places codes): these provinces / communes, or cases whose
    # address has no province / commune chosen (free text only).
    province_codes: frozenset[int] = frozenset()
    commune_codes: frozenset[int] = frozenset()
    no_province: bool = False
    no_commune: bool = False


@dataclass(frozen=True)
class PageKey:
    """Where a page starts: the sort value and id of the row just before it (keyset paging).
    ``value`` is None for a row whose sort column is empty (no unit, official, deadline)."""

    value: Any
    id: int
