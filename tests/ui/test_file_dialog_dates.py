"""A file dialog writes a file's date the Vietnamese way (issue 21: "6 12 2026"): dd/MM/yyyy
HH:mm in Vietnam's time, in the details view of every dialog ``file_names`` makes."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QTreeView
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.clock import VN_TZ
from pakn_desktop.ui import file_names


def test_the_date_column_reads_dd_mm_yyyy(qtbot: QtBot, tmp_path: Path) -> None:
    report = tmp_path / "bao-cao.pdf"
    report.write_bytes(b"%PDF-1.4\n")
    # 6 December 2026, 14:30 in Hanoi (07:30 UTC), whatever zone the test machine is in.
    when = datetime(2026, 12, 6, 14, 30, tzinfo=VN_TZ)
    os.utime(report, (when.timestamp(), when.timestamp()))
    dialog = file_names.file_dialog(None, "Mở tệp", str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.show()
    view = dialog.findChild(QTreeView, "treeView")
    assert view is not None
    model = view.model()

    def listed() -> bool:
        root = view.rootIndex()
        return any(
            model.index(r, 0, root).data() == "bao-cao.pdf" for r in range(model.rowCount(root))
        )

    qtbot.waitUntil(listed, timeout=5000)
    root = view.rootIndex()
    (row,) = [
        r for r in range(model.rowCount(root)) if model.index(r, 0, root).data() == "bao-cao.pdf"
    ]
    header = model.headerData(file_names.DATE_COLUMN, view.header().orientation())
    assert header == "Ngày sửa"  # the column is the date of the last change
    assert model.index(row, file_names.DATE_COLUMN, root).data() == "06/12/2026 14:30"
    dialog.reject()
