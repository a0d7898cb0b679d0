"""The office's settings in the window: an office whose settings still name a dissolved province
and department has its administrator told once where to change them; the postal address and
e-mail the letters give are settings."""

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


def test_the_office_postal_address_and_email_are_settings(qtbot: QtBot, services: Services) -> None:
    from PySide6.QtWidgets import QPushButton

    from pakn_desktop.ui.settings import SettingsView

    view = SettingsView(services, services.office.actor())
    qtbot.addWidget(view)
    view.show()
    save = next(b for b in view.findChildren(QPushButton) if b.text() == "Lưu thông tin cơ quan")
    address, email = view.office_fields["postal_address"], view.office_fields["email"]
    qtbot.keyClicks(address, "52 Hung Vuong, Quang Ngai")
    qtbot.keyClicks(email, "vanthu@")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "không hợp lệ" in view.office_message.text()
    assert services.office.details().email == ""
    qtbot.keyClicks(email, "example.gov.vn")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    details = services.office.details()
    assert details.email == "vanthu@example.gov.vn"
    assert details.postal_address == "52 Hung Vuong, Quang Ngai"
