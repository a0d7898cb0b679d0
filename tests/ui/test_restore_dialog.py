"""Daily backups belong to a database, and the restore dialog says what each backup holds
(issue 20, points 2 and 3): two databases opened the same day each get their own daily copy;
the dialog lists office, time, case count and newest code read from each file; after a
restore the cases done since the backup are offered back and, accepted, found by their code."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.store.backup import verify
from pakn_desktop.ui.main_window import MainWindow
from pakn_desktop.ui.restore_dialog import RestoreDialog

TODAY = date(2026, 4, 24)


def form(title: str) -> IntakeForm:
    return IntakeForm(
        "citizen", "Vũ Thị Nga", "Xã Đắk Hà", "0977123456", "", title, "Nội dung", "walk_in"
    )


def office(tmp_path: Path, name: str, agency: str, cases: int) -> tuple[Services, list[str]]:
    svc = Services.open(f"sqlite:///{tmp_path / name}")
    admin = svc.office.actor()
    svc.office.save_details(
        replace(svc.office.details(), agency=agency),
        admin,
        expected_version=svc.office.settings_version(),
    )
    actor = staff_actor(svc)
    return svc, [svc.cases.receive(form(f"Hồ sơ {n}"), actor).code for n in range(cases)]


def test_two_databases_opened_the_same_day_each_get_their_own_daily_backup(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "backups"
    empty, _ = office(tmp_path, "thu-nghiem.db", "CƠ QUAN THỬ", 0)
    real, _codes = office(tmp_path, "pakn.db", "SỞ THẬT", 3)
    first = empty.backups.daily(folder, TODAY)
    second = real.backups.daily(folder, TODAY)
    assert first is not None and second is not None and first != second
    assert empty.backups.daily(folder, TODAY) is None  # once a day per database
    head = real.db.head_revision()
    assert verify(first, head).cases == 0 and verify(second, head).cases == 3
    assert second.name.startswith("pakn-pakn-") and first.name.startswith("pakn-thu-nghiem-")
    empty.close()
    real.close()


def click_when_shown(window: MainWindow, texts: tuple[str, ...], clicked: list[str]) -> None:
    """Answer the message boxes the restore shows, pressing the button named in ``texts``."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            for b in box.buttons():
                if b.text() in texts and b.isVisible():
                    clicked.append(b.text())
                    b.click()
                    break
        try:
            visible = window.isVisible()
        except RuntimeError:
            return
        if visible:
            QTimer.singleShot(30, answer)

    QTimer.singleShot(0, answer)


def test_restore_dialog_lists_each_backup_and_later_cases_come_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    QSettings().setValue("backup/folder", str(folder))
    empty, _ = office(tmp_path, "thu-nghiem.db", "CƠ QUAN THỬ", 0)
    real, codes = office(tmp_path, "pakn.db", "SỞ THẬT", 3)
    empty_copy = empty.backups.daily(folder, TODAY)
    real_copy = real.backups.daily(folder, TODAY)
    empty.close()
    actor = staff_actor(real)
    later = [real.cases.receive(form(f"Sau sao lưu {n}"), actor).code for n in range(2)]
    window = MainWindow(real, actor, auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    action = next(
        a
        for a in window.findChildren(type(window.menuBar().actions()[0]))
        if a.text() == "Khôi phục từ bản sao lưu…"
    )
    action.trigger()
    dialog = window.findChild(RestoreDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10_000)
    rows = {
        dialog.model.index(r, 0).data(): [
            dialog.model.index(r, c).data() for c in range(dialog.model.columnCount())
        ]
        for r in range(2)
    }
    assert rows[real_copy.name][1] == "SỞ THẬT"
    assert rows[real_copy.name][3] == "3" and rows[real_copy.name][4] == codes[-1]
    assert rows[real_copy.name][5] == "cơ sở dữ liệu này"
    assert rows[empty_copy.name][1] == "CƠ QUAN THỬ"
    assert rows[empty_copy.name][3] == "0" and rows[empty_copy.name][4] == "—"
    assert rows[empty_copy.name][5] == "cơ sở dữ liệu khác"
    row = next(r for r in range(2) if dialog.model.index(r, 0).data() == real_copy.name)
    dialog.table.selectRow(row)
    clicked: list[str] = []
    click_when_shown(window, ("Khôi phục", "Đưa trở lại", "Đồng ý"), clicked)
    restore = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Khôi phục…")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    assert clicked == ["Khôi phục", "Đưa trở lại", "Đồng ý"]
    for code in codes + later:
        assert real.case_reads.get(code, actor).code == code
    assert real.audit.verify().ok
    real.close()


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAKN_TEST_PASSWORD", "mat-khau-dai-du")
