"""A question before what cannot be taken back (issuing a numbered letter, assigning a case,
deactivating an account): it names the object, the safe answer is the default (Enter and Esc
both go back), and going back changes nothing (the service is not called at all)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget, title: str, question: str, do_it: str) -> bool:
    """True when the person pressed ``do_it``; the other button is «Quay lại», the default."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent
    )
    box.setObjectName("confirmation")
    go = box.addButton(do_it, QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton(
        QCoreApplication.translate("Confirm", "Go back"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is go
