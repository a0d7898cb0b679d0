"""The portal import dialog driven as a person would: pick a file, check the guessed columns,
preview, import, import again; a file that is not a list; cancel; a saved mapping."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.services import Services
from pakn_desktop.ui.portal_import import PortalImportDialog

HEADERS = ["STT", "Mã PAKN", "PAKN về việc", "Nội dung", "Họ và tên", "SĐT", "Địa chỉ", "Ngày gửi"]


def write_list(path: Path, n: int, encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADERS)
        for i in range(1, n + 1):
            w.writerow(
                [
                    i,
                    f"G{i:06d}",
                    f"Chậm cấp giấy phép số {i}",
                    f"Nội dung phản ánh số {i} về thủ tục cấp phép.",
                    f"Phạm Thị Mai {i}",
                    f"0905 {i:06d}",
                    "Phường Kon Tum",
                    "20/04/2026 10:00",
                ]
            )
    return path


def make_dialog(qtbot: QtBot, services: Services) -> PortalImportDialog:
    dialog = PortalImportDialog(services, staff_actor(services))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_import_in_three_clicks_with_the_guessed_mapping(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, services)
    assert dialog.windowTitle() == "Nhập danh sách PAKN từ Cổng"
    assert not dialog.import_button.isEnabled()
    assert dialog.load_file(write_list(tmp_path / "ds.csv", 5))
    assert dialog.first_rows.rowCount() == 5
    assert dialog.columns["portal_code"].currentText() == "Mã PAKN"
    assert dialog.columns["title"].currentText() == "PAKN về việc"
    assert dialog.columns["phone"].currentText() == "SĐT"
    assert "UTF-8 (BOM)" in dialog.file_info.text()

    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.report is not None and dialog.report.dry_run
    assert dialog.result_rows.rowCount() == 5
    assert dialog.result_rows.index(0, 2).data() == "Tạo mới"
    assert services.cases.count(CaseFilter(), staff_actor(services)) == 0

    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert services.cases.count(CaseFilter(), staff_actor(services)) == 5
    assert "tạo mới 5" in dialog.summary.text()
    assert dialog.close_button.isEnabled()

    dialog.report = None
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert "bỏ qua 5" in dialog.summary.text()
    assert services.cases.count(CaseFilter(), staff_actor(services)) == 5


def test_a_file_that_is_not_a_list(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, services)
    bad = tmp_path / "scan.csv"
    bad.write_bytes(b"%PDF-1.4\x00\x00\x00")
    assert not dialog.load_file(bad)
    assert "nhị phân" in dialog.file_info.text()
    assert not dialog.preview_button.isEnabled() and not dialog.import_button.isEnabled()


def test_a_required_column_left_unmapped_blocks_the_import(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, services)
    dialog.load_file(write_list(tmp_path / "ds.csv", 2))
    dialog.columns["received_at"].setCurrentIndex(0)  # (none)
    assert not dialog.import_button.isEnabled()
    dialog.columns["received_at"].setCurrentIndex(
        dialog.columns["received_at"].findData("Ngày gửi")
    )
    assert dialog.import_button.isEnabled()


def test_cancel_leaves_only_whole_batches(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, services)
    dialog.load_file(write_list(tmp_path / "ds.csv", 450))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isEnabled() and not dialog.close_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    n = services.cases.count(CaseFilter(), staff_actor(services))
    report = dialog.report
    assert report is not None
    # Either it stopped between two batches of 200, or it had already finished.
    assert (report.cancelled and n % 200 == 0 and report.resume_from == n) or n == 450
    if report.cancelled:
        assert "tiếp tục từ dòng" in dialog.summary.text()


def test_save_and_reuse_a_mapping(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = make_dialog(qtbot, services)
    dialog.load_file(write_list(tmp_path / "ds.csv", 2))
    dialog.columns["address"].setCurrentIndex(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Cổng tỉnh Kon Tum", True))
    qtbot.mouseClick(dialog.save_mapping, Qt.MouseButton.LeftButton)
    assert services.portal.mapping("Cổng tỉnh Kon Tum").columns.get("address") is None
    other = make_dialog(qtbot, services)
    other.load_file(write_list(tmp_path / "ds2.csv", 2))
    assert other.columns["address"].currentText() == "Địa chỉ"  # guessed
    other.saved.setCurrentIndex(other.saved.findData("Cổng tỉnh Kon Tum"))
    assert other.columns["address"].currentData() == ""


def test_fits_a_1366x768_screen(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, services)
    dialog.load_file(write_list(tmp_path / "ds.csv", 30))
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700
    assert dialog.width() <= 1366 and dialog.height() <= 740
