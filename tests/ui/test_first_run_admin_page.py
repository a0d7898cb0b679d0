"""The first-run wizard says what is wrong with the administrator's user name or password on
that page, when Next is pressed, not at Finish after every other page (and makes nothing
until Finish)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from pakn_desktop.services import Services
from pakn_desktop.ui.first_run import FirstRunWizard


def test_next_checks_the_password_on_the_administrators_page(
    qtbot: QtBot, services: Services
) -> None:
    assert services.accounts.needs_first_admin()
    wizard = FirstRunWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    first = wizard.currentId()
    form = wizard.admin_form
    form.password.clear()
    qtbot.keyClicks(form.password, "ngan")
    qtbot.keyClicks(form.confirm, "ngan")
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == first  # still on the administrator's page
    assert "10" in form.error.text()
    # Two different passwords: said here too.
    form.password.clear()
    form.confirm.clear()
    qtbot.keyClicks(form.password, "mat-khau-quan-tri")
    qtbot.keyClicks(form.confirm, "mat-khau-khac-nhau")
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == first and "không khớp" in form.error.text()
    form.confirm.clear()
    qtbot.keyClicks(form.confirm, "mat-khau-quan-tri")
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() != first and form.error.text() == ""
    assert services.accounts.needs_first_admin()  # nothing made before Finish
