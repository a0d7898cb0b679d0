"""An office whose settings still name a dissolved province and department: its administrator
is told once, in the window, where to change them; others are not."""

from __future__ import annotations

from dataclasses import replace

from accounts_fixture import staff_actor
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pakn_desktop.services import Services
from pakn_desktop.ui.main_window import MainWindow


def _window(qtbot: QtBot, services: Services, actor) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(services, actor, auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    return window


def _notice(window: MainWindow) -> QMessageBox | None:
    return window.findChild(QMessageBox, "reorganisation_notice")


def test_an_administrator_is_told_once_of_dissolved_units(
    qtbot: QtBot, services: Services, make_actor
) -> None:  # type: ignore[no-untyped-def]
    admin = services.office.actor()
    services.office.save_details(
        replace(
            services.office.details(),
            parent_agency="UBND TỈNH KON TUM",
            agency="SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
            agency_short="Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum",
            place="Kon Tum",
        ),
        admin,
        expected_version=services.office.settings_version(),
    )
    # Someone without the settings is not told (and the notice is kept for the administrator).
    desk = make_actor("front_desk", username="tiepnhan")
    assert _notice(_window(qtbot, services, desk)) is None

    window = _window(qtbot, services, staff_actor(services))
    box = _notice(window)
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=3000)
    assert "tỉnh Kon Tum (nay thuộc tỉnh Quảng Ngãi)" in box.text()
    assert "Sở Nội vụ" in box.text() and "Cài đặt" in box.text() and "«Cơ quan»" in box.text()
    assert box.windowTitle() == "Cần cập nhật thông tin cơ quan"
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _notice(window) is None, timeout=3000)
    # Once told, not again.
    assert _notice(_window(qtbot, services, staff_actor(services))) is None
