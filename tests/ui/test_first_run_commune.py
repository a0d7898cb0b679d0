"""The first-run wizard's commune picker (issue 23.1: "today's 34 provinces and their
communes"): the commune of the office's seat is chosen from the chosen province's list (typed
without diacritics), the postal address the letters give follows it, the house and street the
person wrote stay, and a new province drops a commune of the old one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot
from test_first_run_province import open_wizard

from pakn_desktop.domain import places
from pakn_desktop.services import Services


def press(qtbot: QtBot, widget, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.activePopupWidget() or widget, key)


def choose(qtbot: QtBot, picker, typed: str) -> None:  # type: ignore[no-untyped-def]
    picker.setFocus()
    picker.selectAll()
    qtbot.keyClicks(picker, typed)
    press(qtbot, picker, Qt.Key.Key_Tab)


def test_the_office_commune_is_picked_and_the_postal_address_follows_it(
    qtbot: QtBot, services: Services, admin
) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, services, admin)
    postal = wizard.fields["postal_address"]
    # The commune row sits on the office's page, just above the postal address.
    assert wizard.currentPage().isAncestorOf(wizard.commune)
    choose(qtbot, wizard.province, "quang ngai")
    assert wizard.province.code() == "51"
    # The house and street written first: the chosen commune and the province go after them.
    postal.setFocus()
    qtbot.keyClicks(postal, "So 52 Hung Vuong")
    choose(qtbot, wizard.commune, "cam thanh")
    chosen = places.commune(wizard.commune.code())
    assert chosen is not None and chosen.province_code == 51
    assert wizard.commune.text() == "Phường Cẩm Thành"
    assert postal.text() == "So 52 Hung Vuong, phường Cẩm Thành, tỉnh Quảng Ngãi"
    # Another commune changes only that tail.
    choose(qtbot, wizard.commune, "ly son")
    assert postal.text() == "So 52 Hung Vuong, đặc khu Lý Sơn, tỉnh Quảng Ngãi"
    # Another province: the commune of the old one is dropped, and with it the tail.
    choose(qtbot, wizard.province, "gia lai")
    assert wizard.commune.code() == "" and wizard.commune.text() == ""
    assert postal.text() == "So 52 Hung Vuong"
    # A commune of another province is not taken from this province's list.
    choose(qtbot, wizard.commune, "ly son")
    assert wizard.commune.code() == ""
    assert postal.text() == "So 52 Hung Vuong"
    # An address the person wrote whole is kept as written.
    postal.setText("Số 52 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi")
    choose(qtbot, wizard.province, "quang ngai")
    choose(qtbot, wizard.commune, "ly son")
    assert wizard.commune.text() == "Đặc khu Lý Sơn"
    assert postal.text() == "Số 52 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi"
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert services.office.details().postal_address == (
        "Số 52 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi"
    )
