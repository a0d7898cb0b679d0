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
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 0

    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 5
    assert "tạo mới 5" in dialog.summary.text()
    assert dialog.close_button.isEnabled()

    dialog.report = None
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert "bỏ qua 5" in dialog.summary.text()
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 5


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
    n = services.case_reads.count(CaseFilter(), staff_actor(services))
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


def workbook_on_the_second_sheet(path: Path) -> Path:
    """Sheet 1 an earlier list (headers on row 1, so the guess takes it); sheet 2 today's list
    under a title and a two-row header ("Người gửi" over its three columns), with a blank row
    between its data rows."""
    from openpyxl import Workbook

    wb = Workbook()
    old = wb.active
    assert old is not None
    old.title = "Tháng trước"
    old.append(["Mã PAKN", "Tiêu đề", "Nội dung", "Ngày gửi"])
    old.append(["CU.0001", "PAKN cũ", "Đã nhập tháng trước.", "02/03/2026 08:00"])
    ws = wb.create_sheet("DS PAKN")
    ws.append(["DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ"])  # row 1
    ws.append([])  # row 2
    ws.append(["STT", "Mã PAKN", "Tiêu đề", "Nội dung", "Người gửi", "", "", "Ngày gửi"])  # 3
    ws.append(["", "", "", "", "Họ và tên", "Số điện thoại", "Địa chỉ", ""])  # row 4
    ws.merge_cells("E3:G3")
    data = {5: 1, 6: 2, 8: 3}  # spreadsheet row: list number (row 7 left blank)
    for row in range(5, 9):
        i = data.get(row)
        ws.append(
            []
            if i is None
            else [
                i,
                f"H38.{i:04d}",
                f"Đường hỏng trước nhà số {i}",
                f"Nội dung phản ánh số {i} về con đường bị hỏng.",
                f"Trần Văn Bình {i}",
                f"0912 000 00{i}",
                "Phường Kon Tum",
                "20/04/2026 09:30",
            ]
        )
    wb.save(path)
    return path


def test_sheet_and_header_row_chosen_in_the_dialog(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, services)
    assert not dialog.sheet.isEnabled() and not dialog.header_row.isEnabled()
    assert dialog.load_file(workbook_on_the_second_sheet(tmp_path / "ds.xlsx"))
    # The guess: the first sheet with a header row.
    assert [dialog.sheet.itemText(i) for i in range(dialog.sheet.count())] == [
        "Tháng trước",
        "DS PAKN",
    ]
    assert dialog.sheet.currentText() == "Tháng trước" and dialog.header_row.value() == 1
    assert dialog.first_rows.rowCount() == 1

    # The person picks the second sheet with the keyboard: its two-row header is found.
    dialog.sheet.setFocus()
    qtbot.keyClick(dialog.sheet, Qt.Key.Key_Down)
    assert dialog.sheet.currentText() == "DS PAKN"
    assert dialog.header_row.value() == 4
    assert dialog.first_rows.rowCount() == 3
    assert dialog.columns["submitter_name"].currentText() == "Họ và tên"
    assert dialog.columns["phone"].currentText() == "Số điện thoại"
    assert "dòng 4" in dialog.file_info.text() and "DS PAKN" in dialog.file_info.text()

    # A wrong header row (the title) is read as asked: no import until it is right again.
    dialog.header_row.setFocus()
    dialog.header_row.selectAll()
    qtbot.keyClicks(dialog.header_row, "1")
    qtbot.keyClick(dialog.header_row, Qt.Key.Key_Return)
    assert dialog.header_row.value() == 1
    assert not dialog.import_button.isEnabled()
    assert dialog.first_rows.headerData(0, Qt.Orientation.Horizontal) == (
        "DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ"
    )
    # A blank row is refused with the reason, the file and the choices kept.
    dialog.header_row.selectAll()
    qtbot.keyClicks(dialog.header_row, "2")
    qtbot.keyClick(dialog.header_row, Qt.Key.Key_Return)
    assert "Dòng 2" in dialog.file_info.text() and not dialog.import_button.isEnabled()
    assert dialog.sheet.currentText() == "DS PAKN" and dialog.header_row.isEnabled()
    # Back to the lower header row, with the arrow keys.
    qtbot.keyClick(dialog.header_row, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.header_row, Qt.Key.Key_Up)
    assert dialog.header_row.value() == 4
    assert dialog.first_rows.rowCount() == 3 and dialog.import_button.isEnabled()

    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    report = dialog.report
    assert report is not None
    assert [(r.row, r.portal_code, r.action) for r in report.rows] == [
        (5, "H38.0001", "create"),
        (6, "H38.0002", "create"),
        (8, "H38.0003", "create"),
    ]
    actor = staff_actor(services)
    assert services.case_reads.count(CaseFilter(), actor) == 3
    third = services.case_reads.get(report.rows[2].case_code, actor)
    assert third.title == "Đường hỏng trước nhà số 3"
    assert "dòng 8" in third.events[-1].summary and "ds.xlsx" in third.events[-1].summary
    assert dialog.result_rows.index(2, 0).data() == "8"
