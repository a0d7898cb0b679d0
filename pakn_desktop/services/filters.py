"""The shapes of a case list the window asks for (filter, sort keys, page keys). The store
builds SQL from them; the window names them through the services, never through the store."""

from __future__ import annotations

from pakn_desktop.domain.queue import CaseFilter, PageKey, SortKey

__all__ = ["CaseFilter", "PageKey", "SortKey"]
