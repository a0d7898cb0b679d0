"""Where the application keeps its files, and whether a database location may be created:
the window asks the services, never the store."""

from __future__ import annotations

from pakn_desktop.paths import data_dir, may_create

__all__ = ["data_dir", "may_create"]
