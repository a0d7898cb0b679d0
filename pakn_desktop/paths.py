"""Where the application keeps its files and which database a URL or path names. Below the
store and the services alike, so the window asks the services (``services.paths``) and never
the store."""

from __future__ import annotations

import getpass
import logging
import ntpath
import os
import subprocess
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

APP_NAME = "pakn-desktop"
log = logging.getLogger(__name__)

__all__ = [
    "APP_NAME",
    "data_dir",
    "default_url",
    "long_path",
    "may_create",
    "on_windows",
    "owner_only_command",
    "resolve_url",
    "sqlite_file",
    "windows_owner_only",
]

# Windows' old limit on a whole path (MAX_PATH, the terminating NUL included).
WINDOWS_MAX_PATH = 260


def data_dir() -> Path:
    path = Path(user_data_dir(APP_NAME, appauthor=False))
    made = not path.is_dir()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if on_windows():
        if made:
            # What is made inside (the database's -wal and -shm, logs, backups) inherits this.
            windows_owner_only(path)
    elif os.name == "posix":
        os.chmod(path, 0o700)  # the register and its logs are the account owner's only
    return path


def cache_dir() -> Path:
    """The per-user cache (what can be made again: the compiled translations)."""
    path = Path(user_cache_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def on_windows() -> bool:
    return os.name == "nt"


def windows_owner_only(path: Path) -> None:
    """Windows' 0600: the file's (or folder's) ACL gives its owner alone full control."""
    done = subprocess.run(
        owner_only_command(path, windows_account()),
        capture_output=True,
        check=False,
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console window flashes
    )
    if done.returncode != 0:
        log.warning("icacls could not make %s private: %r", path, done.stdout[-300:])


def windows_account() -> str:
    """DOMAIN\\user of whoever runs the program (the PC's name as the domain on a PC in no
    domain); the name may hold Vietnamese letters and spaces."""
    user = os.environ.get("USERNAME") or getpass.getuser()
    domain = os.environ.get("USERDOMAIN", "")
    return f"{domain}\\{user}" if domain else user


def owner_only_command(path: Path, account: str) -> list[str]:
    """``icacls`` replacing what ``path`` inherits (Users, Administrators, SYSTEM, ...) by full
    control for ``account`` alone; a folder passes it on to what is made inside it. A list of
    arguments, never a shell line, so spaces and Vietnamese letters need no quoting."""
    grant = f"{account}:(OI)(CI)F" if path.is_dir() else f"{account}:F"
    return ["icacls", str(path), "/inheritance:r", "/grant:r", grant, "/Q"]


def long_path(path: str | os.PathLike[str], *, windows: bool | None = None) -> str:
    r"""On Windows a path of MAX_PATH or more gets the ``\\?\`` prefix (``\\?\UNC\`` for a
    share), so a backup or a letter in a deep folder is written whatever the PC's LongPathsEnabled
    setting; shorter paths and other systems are left as they are. The prefix turns off
    Windows' own clean-up of the path, so the path is made absolute and normalised first."""
    text = os.fspath(path)
    if windows is None:
        windows = on_windows()
    if not windows or text.startswith("\\\\?\\"):
        return text
    full = ntpath.normpath(ntpath.abspath(text) if os.name == "nt" else text)
    if len(full) < WINDOWS_MAX_PATH:
        return text
    if full.startswith("\\\\"):
        return "\\\\?\\UNC\\" + full[2:]
    return "\\\\?\\" + full


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
    # Imported here: the log-in window is shown before SQLAlchemy is loaded (ui/app.py).
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)
