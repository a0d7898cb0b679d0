"""Where the application keeps its files, and whether a database location may be created:
the window asks the services, never the store."""

from __future__ import annotations

from pakn_desktop.paths import cache_dir, data_dir, may_create

__all__ = ["cache_dir", "data_dir", "may_create"]
