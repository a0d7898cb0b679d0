"""Default names for the files the app offers to save: Vietnamese words without diacritics, as
the letter window names its files, so they travel through email and USB sticks, with the case
code or the period (``thu-tra-loi-26-000001-9.pdf``,
``bao-cao-pakn-01-01-2026-den-30-06-2026.xlsx``); and one save dialog that uses Qt's own,
translated dialog and remembers the folder of each kind of file."""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from pakn_desktop.domain.text import fold

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def safe_file_name(text: str) -> str:
    """``text`` as a file name safe everywhere: lower case, no diacritics, words joined by
    hyphens ("Thư trả lời 26-000001-9" -> "thu-tra-loi-26-000001-9")."""
    name = _NOT_WORD.sub("-", fold(text)).strip("-")
    return name[:150].rstrip("-") or "pakn"


def case_file_name(what: str, code: str, ext: str) -> str:
    """``thu-tra-loi-26-000001-9.pdf``: what the file is, then the case code."""
    return safe_file_name(f"{what} {code}") + "." + ext.lstrip(".")


def day_file_name(what: str, day: date, ext: str) -> str:
    """``thu-phat-hanh-ngay-29-11-2026.pdf``."""
    return safe_file_name(f"{what} ngày {day:%d-%m-%Y}") + "." + ext.lstrip(".")


def period_file_name(what: str, start: date, end: date, ext: str) -> str:
    """``bao-cao-pakn-01-01-2026-den-30-06-2026.xlsx``; a whole month or year says so
    (``bao-cao-pakn-thang-2-2026.xlsx``, ``thong-ke-nam-2026.pdf``)."""
    if start.day == 1 and start.month == 1 and (end.month, end.day) == (12, 31):
        label = f"năm {start.year}" if start.year == end.year else f"{start.year}-{end.year}"
    elif (
        start.day == 1
        and (start.year, start.month) == (end.year, end.month)
        and end.day == calendar.monthrange(end.year, end.month)[1]
    ):
        label = f"tháng {start.month}-{start.year}"
    else:
        label = f"{start:%d-%m-%Y} đến {end:%d-%m-%Y}"
    return safe_file_name(f"{what} {label}") + "." + ext.lstrip(".")


def ask_save_path(
    parent: QWidget | None, title: str, default_name: str, file_filter: str, kind: str
) -> Path | None:
    """Ask where to save, proposing ``default_name`` in the folder last used for ``kind``.
    Qt's own dialog is used (it is translated); None when the person cancels."""
    settings = QSettings()
    folder = str(settings.value(f"save_folder/{kind}", "") or "") or str(Path.home())
    name, _ = QFileDialog.getSaveFileName(
        parent,
        title,
        str(Path(folder) / default_name),
        file_filter,
        options=QFileDialog.Option.DontUseNativeDialog,
    )
    if not name:
        return None
    path = Path(name)
    suffix = Path(default_name).suffix
    if suffix and not path.suffix:
        path = path.with_suffix(suffix)
    settings.setValue(f"save_folder/{kind}", str(path.parent))
    return path
