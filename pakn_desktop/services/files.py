"""Files the application writes for a person (exports, saved letters, lists): whole or not at
all, and readable by their owner only (0600 on Linux and macOS), since they hold personal data."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pakn_desktop.domain.errors import PaknError

T = TypeVar("T")

__all__ = ["write_private"]


def write_private(path: Path, write: Callable[[Path], T]) -> T:
    """Run ``write(tmp)`` on a new owner-only file beside ``path``, fsync it, then move it over
    ``path`` in one step. On any failure (or a cancel raised by ``write``) the temporary file
    is removed and ``path`` is untouched."""
    path = Path(path)
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
