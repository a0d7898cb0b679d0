"""Files the application writes for a person (exports, saved letters, lists): whole or not at
all, and readable by their owner only (0600 on Linux and macOS), since they hold personal data;
and files a person hands the application (attachments, emails, lists, images), read here. The
open database's own files are never read or overwritten as plain files: closing such a handle
would drop SQLite's locks (``store.db.database_file_of``)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.store.db import database_file_of

T = TypeVar("T")

__all__ = ["read_chosen", "refuse_database_file", "write_private"]


def refuse_database_file(path: Path | str) -> None:
    """A person chose the open database (or its -wal/-shm) as an ordinary file to read or to
    write over: refused in plain words, before anything opens it."""
    db = database_file_of(path)
    if db is not None:
        raise PaknError(
            f"«{Path(path).name}» là tệp cơ sở dữ liệu đang mở ({db}); không thể đọc hay ghi "
            "đè nó như một tệp thường. Hãy chọn tệp khác (sao lưu cơ sở dữ liệu bằng chức "
            "năng Sao lưu)."
        )


def read_chosen(path: Path | str) -> bytes:
    """The content of a file a person chose, never the open database's."""
    refuse_database_file(path)
    return Path(path).read_bytes()


def write_private(path: Path, write: Callable[[Path], T]) -> T:
    """Run ``write(tmp)`` on a new owner-only file beside ``path``, fsync it, then move it over
    ``path`` in one step. On any failure (or a cancel raised by ``write``) the temporary file
    is removed and ``path`` is untouched."""
    path = Path(path)
    refuse_database_file(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise PaknError(f"Không có thư mục «{folder}» để ghi tệp {path.name}.")
    if path.is_dir():
        raise PaknError(f"«{path}» là một thư mục, không phải tệp.")
    # mkstemp creates the file 0600 (O_EXCL): private from its first byte.
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        result = write(tmp)
        if os.name == "posix":
            os.chmod(tmp, 0o600)  # an engine that replaced the file keeps it private too
        with open(tmp, "rb+") as fh:
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if os.name == "posix":
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    return result
