"""The first-run wizard asks for today's province of the governing body (typed with or without
diacritics, an old province's name taken as today's and said so); the governing body, the
place name in dates and the agency's name in sentences follow from it until the person writes
their own; Next needs it; an office's saved settings are shown as they are."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from pakn_desktop.services import Services
from pakn_desktop.services.office import DEFAULT_UNITS
from pakn_desktop.ui.first_run import FirstRunWizard


def press(qtbot: QtBot, widget, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.activePopupWidget() or widget, key)


def open_wizard(qtbot: QtBot, services: Services, admin) -> FirstRunWizard:  # type: ignore[no-untyped-def]
    """The first-run wizard in front, as an administrator on an office not set up sees it."""
    wizard = FirstRunWizard(services, actor=admin)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=3000)
    return wizard


def test_the_province_fills_the_governing_body_and_the_place(
    qtbot: QtBot, services: Services, admin
) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, services, admin)
    f = wizard.fields
    # No office by default: a suggestion of a Sở Nội vụ, no province, no place, no signer.
    assert wizard.province.text() == "" and f["place"].text() == ""
    assert f["parent_agency"].text() == "" and f["signer_name"].text() == ""
    assert f["agency"].text() == "SỞ NỘI VỤ" and f["symbol"].text() == "SNV-VP"
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage().isAncestorOf(wizard.province)  # still here
    assert wizard.office_error.text() == (
        "Vui lòng chọn tỉnh, thành phố của cơ quan chủ quản trong danh sách."
    )
    # The old province, typed without diacritics: today's, and said so.
    wizard.province.setFocus()
    qtbot.keyClicks(wizard.province, "kon tum")
    press(qtbot, wizard.province, Qt.Key.Key_Tab)
    assert wizard.province.text() == "Quảng Ngãi"
    assert wizard.province_note.text().startswith("Tỉnh Kon Tum nay thuộc tỉnh Quảng Ngãi")
    assert f["parent_agency"].text() == "UBND TỈNH QUẢNG NGÃI"
    assert f["place"].text() == "Quảng Ngãi"
    assert f["agency_short"].text() == "Sở Nội vụ tỉnh Quảng Ngãi"
    # A field the person wrote keeps what they wrote; the others follow a new province.
    f["place"].setText("Quảng Ngãi")  # unchanged: still the province's
    f["parent_agency"].setText("ỦY BAN NHÂN DÂN TỈNH GIA LAI")
    wizard.province.setFocus()
    wizard.province.selectAll()
    qtbot.keyClicks(wizard.province, "gia lai")
    press(qtbot, wizard.province, Qt.Key.Key_Tab)
    assert wizard.province.text() == "Gia Lai"
    assert f["place"].text() == "Gia Lai"
    assert f["parent_agency"].text() == "ỦY BAN NHÂN DÂN TỈNH GIA LAI"
    assert f["agency_short"].text() == "Sở Nội vụ tỉnh Gia Lai"
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage().isAncestorOf(wizard.units)
    assert wizard.units.toPlainText().splitlines() == list(DEFAULT_UNITS)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    d = services.office.details()
    assert (d.parent_agency, d.agency, d.place) == (
        "ỦY BAN NHÂN DÂN TỈNH GIA LAI",
        "SỞ NỘI VỤ",
        "Gia Lai",
    )
    assert services.office.home_province_code() == "52"
    assert not services.office.needs_setup()


def test_saved_settings_are_shown_as_they_are(qtbot: QtBot, services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    before = services.office.details()
    mine = replace(before, parent_agency="UBND THÀNH PHỐ ĐÀ NẴNG", place="Đà Nẵng", symbol="SNV")
    services.office.save_details(mine, admin, expected_version=services.office.settings_version())
    wizard = FirstRunWizard(services, actor=admin)
    qtbot.addWidget(wizard)
    assert wizard.province.text() == "Đà Nẵng" and wizard.province.code() == "48"
    assert {k: e.text() for k, e in wizard.fields.items()}["parent_agency"] == (
        "UBND THÀNH PHỐ ĐÀ NẴNG"
    )
    assert wizard.fields["symbol"].text() == "SNV"
    # Skipping keeps them.
    wizard.skip()
    assert services.office.details() == mine
