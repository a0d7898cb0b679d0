"""Qt's own dialogs speak Vietnamese (file, print, message box), and the files the app offers
to save have Vietnamese names with the case code or the period."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from pakn_desktop.ui.file_names import (
    ask_save_path,
    case_file_name,
    day_file_name,
    period_file_name,
    safe_file_name,
)


def texts(widget) -> set[str]:  # type: ignore[no-untyped-def]
    return {w.text() for w in widget.findChildren(QLabel)} | {
        b.text() for b in widget.findChildren(QAbstractButton)
    }


def test_standard_dialogs_are_qt_own_and_vietnamese(qtbot: QtBot) -> None:
    assert QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    save = QFileDialog(None, "Lưu thư")
    qtbot.addWidget(save)
    save.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    shown = texts(save)
    assert {"&Tên tệp:", "Loại tệ&p:", "&Lưu", "Hủy"} <= shown
    assert not {"File &name:", "&Save", "Cancel"} & shown
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Hỏi",
        "Tiếp tục?",
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    assert {b.text() for b in box.buttons()} == {"&Có", "&Không", "Hủy"}
    printing = QPrintDialog(QPrinter(), None)
    qtbot.addWidget(printing)
    assert {"Thuộc tín&h", "In tất cả", "Số bản:"} <= texts(printing)


def test_vietnamese_default_file_names() -> None:
    assert case_file_name("Thư trả lời", "26-000001-9", "pdf") == "thu-tra-loi-26-000001-9.pdf"
    assert day_file_name("Thư phát hành", date(2026, 11, 29), ".pdf") == (
        "thu-phat-hanh-ngay-29-11-2026.pdf"
    )
    assert period_file_name("Báo cáo PAKN", date(2026, 1, 1), date(2026, 6, 30), "xlsx") == (
        "bao-cao-pakn-01-01-2026-den-30-06-2026.xlsx"
    )
    assert period_file_name("Báo cáo PAKN", date(2026, 2, 1), date(2026, 2, 28), "xlsx") == (
        "bao-cao-pakn-thang-2-2026.xlsx"
    )
    assert period_file_name("Báo cáo", date(2026, 12, 1), date(2026, 12, 15), "pdf") == (
        "bao-cao-01-12-2026-den-15-12-2026.pdf"
    )
    assert period_file_name("Thống kê", date(2026, 1, 1), date(2026, 12, 31), "pdf") == (
        "thong-ke-nam-2026.pdf"
    )
    assert safe_file_name('Thư: "A/B" <x>?') == "thu-a-b-x"
    assert safe_file_name("  ..  ") == "pakn"
    assert safe_file_name("Đơn đề nghị") == "don-de-nghi"


def test_save_dialog_proposes_the_name_and_remembers_the_folder(
    qtbot: QtBot, tmp_path: Path
) -> None:
    target = tmp_path / "báo cáo"
    target.mkdir()

    def answer(proposed: list[str], typed: str | None) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, lambda: answer(proposed, typed))
            return
        proposed.append(dialog.selectedFiles()[0])
        if typed is None:
            dialog.reject()
            return
        dialog.selectFile(typed)
        dialog.accept()

    first: list[str] = []
    QTimer.singleShot(0, lambda: answer(first, str(target / "Báo cáo PAKN năm 2026")))
    got = ask_save_path(None, "Lưu báo cáo", "Báo cáo PAKN năm 2026.xlsx", "Excel (*.xlsx)", "r")
    assert first and first[0].endswith("Báo cáo PAKN năm 2026.xlsx")
    assert got == target / "Báo cáo PAKN năm 2026.xlsx"  # the extension is added
    again: list[str] = []
    QTimer.singleShot(0, lambda: answer(again, None))
    assert ask_save_path(None, "Lưu", "Thống kê năm 2026.xlsx", "Excel (*.xlsx)", "r") is None
    assert again and Path(again[0]).parent == target  # the folder of the last save
