"""Where the application keeps its files and which database a URL or path names. Below the
store and the services alike, so the window asks the services (``services.paths``) and never
the store."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy.engine import make_url

APP_NAME = "pakn-desktop"

__all__ = ["APP_NAME", "data_dir", "default_url", "may_create", "resolve_url", "sqlite_file"]


def data_dir() -> Path:
    path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)  # the register and its logs are the account owner's only
    return path


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'pakn.db'}"


def resolve_url(url: str | None) -> str:
    """``--db URL`` wins, then ``PAKN_DATABASE_URL``, then the per-user SQLite file."""
    url = url or os.environ.get("PAKN_DATABASE_URL") or default_url()
    if "://" not in url:
        # A plain file path: the SQLite file it names.
        url = f"sqlite:///{Path(url).expanduser().absolute()}"
    if url.startswith("postgresql://"):
        # psycopg 3 is the driver we ship.
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def may_create(url: str | None) -> bool:
    """The window's first run: the per-user file, or a new file in a folder that exists; never
    a folder that is not there (a mistyped path must not start an empty office register)."""
    if not url and not os.environ.get("PAKN_DATABASE_URL"):
        return True
    file = sqlite_file(resolve_url(url))
    return file is None or file.parent.is_dir()


def sqlite_file(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)
