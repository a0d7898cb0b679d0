"""Screenshots at 1366x768 of the province and commune pickers: the first-run wizard's office
page (province, then the commune of the office's seat) and the intake form, each with its list
open (the list is a window of its own, painted onto the grab where it shows on screen).

QT_QPA_PLATFORM=offscreen .venv/bin/python tools/places_screenshots.py docs/screenshots
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from pakn_desktop.domain.enums import Role
from pakn_desktop.services import Services
from pakn_desktop.ui.first_run import FirstRunWizard
from pakn_desktop.ui.i18n import install_translator
from pakn_desktop.ui.main_window import MainWindow

SCREEN = (1366, 768)


def settle(app: QApplication, seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def grab_with_popup(window: QWidget, field: QWidget, path: Path) -> None:
    """The window as the screen shows it, with the field's open completer list painted under
    the field (the offscreen platform places popups on a screen of its own)."""
    shot = QPixmap(*SCREEN)
    shot.fill(Qt.GlobalColor.darkGray)
    painter = QPainter(shot)
    painter.drawPixmap(window.geometry().topLeft(), window.grab())
    popup = QApplication.activePopupWidget()
    if popup is not None and popup.isVisible():
        at = window.geometry().topLeft() + field.mapTo(window, QPoint(0, field.height()))
        painter.drawPixmap(at, popup.grab())
    painter.end()
    shot.save(str(path))


def main(out: Path) -> None:
    QCoreApplication.setOrganizationName("PAKN Desktop Screenshots")
    app = QApplication([])
    install_translator(app, "vi")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        services = Services.open(f"sqlite:///{Path(tmp) / 'places.db'}")
        admin = services.office.add_user(
            "chupanh", "Lê Thị Thu Hà", frozenset(Role), actor=services.office.actor()
        )
        actor = services.office.actor(admin.username)

        wizard = FirstRunWizard(services, actor=actor)
        wizard.setGeometry(233, 40, 900, 690)
        wizard.show()
        wizard.activateWindow()
        settle(app)
        wizard.province.setFocus()
        QTest.keyClicks(wizard.province, "kon tum")
        QTest.keyClick(QApplication.activePopupWidget() or wizard.province, Qt.Key.Key_Tab)
        wizard.fields["signer_name"].setText("Nguyễn Văn An")
        wizard.province.setFocus()
        wizard.province.selectAll()
        QTest.keyClicks(wizard.province, "quang")
        settle(app)
        grab_with_popup(wizard, wizard.province, out / "first-run-province-1366.png")
        QApplication.activePopupWidget() and QApplication.activePopupWidget().hide()  # type: ignore[union-attr]
        wizard.province.setText("Quảng Ngãi")
        wizard.province.settle()
        # The commune of the office's seat, from the province's list; the postal address
        # follows the one taken.
        wizard.fields["postal_address"].setText("Số 52 Hùng Vương, ")
        wizard.commune.setFocus()
        QTest.keyClicks(wizard.commune, "cam")
        settle(app)
        grab_with_popup(wizard, wizard.commune, out / "first-run-commune-1366.png")
        # Down to the first name of the list, Tab takes it.
        QTest.keyClick(QApplication.activePopupWidget() or wizard.commune, Qt.Key.Key_Down)
        QTest.keyClick(QApplication.activePopupWidget() or wizard.commune, Qt.Key.Key_Tab)
        settle(app)
        grab_with_popup(wizard, wizard.commune, out / "first-run-commune-chosen-1366.png")
        wizard.close()

        window = MainWindow(services, actor, auto_backup=False)
        window.setGeometry(0, 0, *SCREEN)
        window.show()
        window.activateWindow()
        settle(app)
        f = window.intake.fields
        f.submitter_name.setText("Nguyễn Thị Hoa")
        f.address.setText("Số 12 đường Trần Hưng Đạo")
        f.phone.setText("0912 345 678")
        f.title.setText("Chậm chi trả trợ cấp thất nghiệp")
        f.content.setPlainText(
            "Tôi nộp hồ sơ hưởng trợ cấp thất nghiệp từ ngày 02/10/2026 nhưng đến nay chưa "
            "được chi trả."
        )
        f.commune.setFocus()
        QTest.keyClicks(f.commune, "Huyen Son Tinh")
        QTest.keyClick(QApplication.activePopupWidget() or f.commune, Qt.Key.Key_Tab)
        settle(app)
        grab_with_popup(window, f.commune, out / "intake-old-district-1366.png")
        f.commune.setFocus()
        f.commune.selectAll()
        QTest.keyClicks(f.commune, "tinh")
        settle(app)
        grab_with_popup(window, f.commune, out / "intake-places-1366.png")
        window.close()
        services.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
