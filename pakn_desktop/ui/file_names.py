"""Default names for the files the app offers to save: Vietnamese words without diacritics, as
the letter window names its files, so they travel through email and USB sticks, with the case
code or the period (``thu-tra-loi-26-000001-9.pdf``,
``bao-cao-pakn-01-01-2026-den-30-06-2026.xlsx``); and every open, save and folder dialog of the
window, made here and nowhere else (``tests/ui/test_file_dialogs.py`` checks).

Only SQLite may open the database file in this process. Qt's file dialog, left to itself, opens
each file of the folder it shows to guess its type (``QMimeDatabase`` reading the content of
``pakn.db``); closing that handle drops every POSIX lock SQLite holds on the file, and the next
program that opens and closes the database deletes the window's live ``-wal`` and ``-shm``.
The dialogs made here name types and icons from the file name only (``NameOnlyIcons``), and
write a file's date as people here write it (``VietnameseDates``: 06/12/2026 14:30, never Qt's
"6 12 2026")."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QFileInfo,
    QIdentityProxyModel,
    QMimeDatabase,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

from pakn_desktop.domain.clock import VN_TZ
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


class NameOnlyIcons(QFileIconProvider):
    """Icons and type names from the file name alone: Qt's own provider reads each file's
    content to guess its type, and closing its handle on the database file would drop
    SQLite's locks (see the module's docstring). Generic file and folder icons; the type is
    the MIME comment matched on the extension only (``MatchExtension`` never opens the file).
    Called from the dialog's file-gathering thread too: it keeps no state."""

    def __init__(self) -> None:
        super().__init__()
        self.setOptions(QAbstractFileIconProvider.Option.DontUseCustomDirectoryIcons)

    def icon(self, what: QFileInfo | QAbstractFileIconProvider.IconType) -> QIcon:
        if isinstance(what, QFileInfo):
            what = (
                QAbstractFileIconProvider.IconType.Folder
                if what.isDir()
                else QAbstractFileIconProvider.IconType.File
            )
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return QCoreApplication.translate("QAbstractFileIconProvider", "Folder")
        mime = QMimeDatabase().mimeTypeForFile(
            info.fileName(), QMimeDatabase.MatchMode.MatchExtension
        )
        if mime.isDefault():
            return QCoreApplication.translate("QAbstractFileIconProvider", "File")
        return mime.comment() or mime.name()


# The file system model's column of modification times (name, size, type, date).
DATE_COLUMN = 3


class VietnameseDates(QIdentityProxyModel):
    """The dialog's list with each file's date as dd/MM/yyyy HH:mm in Vietnam's time: Qt's
    own model writes it in the system locale's short form, which on an office PC set to
    Vietnamese read "6 12 2026". Sorting still goes by the model's time."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if index.column() == DATE_COLUMN and role == Qt.ItemDataRole.DisplayRole:
            source = self.sourceModel()
            when = source.lastModified(self.mapToSource(index))  # type: ignore[attr-defined]
            if when.isValid():
                moment = datetime.fromtimestamp(when.toSecsSinceEpoch(), VN_TZ)
                return f"{moment:%d/%m/%Y %H:%M}"
        return super().data(index, role)


_ICONS: list[NameOnlyIcons] = []  # one provider, kept alive as long as any dialog may use it


def file_dialog(
    parent: QWidget | None,
    title: str,
    start: str = "",
    file_filter: str = "",
    *,
    mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile,
    save: bool = False,
) -> QFileDialog:
    """A file dialog that never opens the files it lists: Qt's own (translated) dialog with
    ``NameOnlyIcons``, given before it lists any folder. ``start`` is a folder, or a file
    name (with or without its folder) proposed as the static QFileDialog functions do."""
    if not _ICONS:
        _ICONS.append(NameOnlyIcons())
    dialog = QFileDialog(parent, title)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setIconProvider(_ICONS[0])
    dialog.setProxyModel(VietnameseDates(dialog))
    dialog.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if file_filter:
        dialog.setNameFilter(file_filter)
    if start:
        where = Path(start)
        if where.is_dir():
            dialog.setDirectory(str(where))
        else:
            if str(where.parent) not in ("", "."):
                dialog.setDirectory(str(where.parent))
            dialog.selectFile(where.name)
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    try:
        return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    finally:
        dialog.deleteLater()


def save_file_name(
    parent: QWidget | None, title: str, start: str = "", file_filter: str = ""
) -> str:
    """The path the person chose to save to, or "" when they cancel (QFileDialog's
    ``getSaveFileName`` without the type sniffing)."""
    chosen = _run(
        file_dialog(parent, title, start, file_filter, mode=QFileDialog.FileMode.AnyFile, save=True)
    )
    return chosen[0] if chosen else ""


def open_file_name(
    parent: QWidget | None, title: str, start: str = "", file_filter: str = ""
) -> str:
    """One existing file the person chose, or ""."""
    chosen = _run(file_dialog(parent, title, start, file_filter))
    return chosen[0] if chosen else ""


def open_file_names(
    parent: QWidget | None, title: str, start: str = "", file_filter: str = ""
) -> list[str]:
    """The existing files the person chose (none when they cancel)."""
    return _run(
        file_dialog(parent, title, start, file_filter, mode=QFileDialog.FileMode.ExistingFiles)
    )


def existing_directory(parent: QWidget | None, title: str, start: str = "") -> str:
    """The folder the person chose, or ""."""
    chosen = _run(file_dialog(parent, title, start, mode=QFileDialog.FileMode.Directory))
    return chosen[0] if chosen else ""


def ask_save_path(
    parent: QWidget | None, title: str, default_name: str, file_filter: str, kind: str
) -> Path | None:
    """Ask where to save, proposing ``default_name`` in the folder last used for ``kind``.
    Qt's own dialog is used (it is translated); None when the person cancels."""
    settings = QSettings()
    folder = str(settings.value(f"save_folder/{kind}", "") or "") or str(Path.home())
    name = save_file_name(parent, title, str(Path(folder) / default_name), file_filter)
    if not name:
        return None
    path = Path(name)
    suffix = Path(default_name).suffix
    if suffix and not path.suffix:
        path = path.with_suffix(suffix)
    settings.setValue(f"save_folder/{kind}", str(path.parent))
    return path
