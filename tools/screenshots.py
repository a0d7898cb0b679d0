"""Screenshots of the real window on a demo database, for the README.

QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py sqlite:///demo.db docs/screenshots
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from pakn_desktop.domain.enums import Role
from pakn_desktop.reports.stats import period_stats
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor
from pakn_desktop.ui.audit_view import AuditView
from pakn_desktop.ui.i18n import install_translator
from pakn_desktop.ui.login import LoginDialog
from pakn_desktop.ui.main_window import MainWindow


def screenshot_actor(services: Services) -> Actor:
    """One account holding every role, so every page and button shows."""
    if "chupanh" not in {u.username for u in services.office.users(include_inactive=True)}:
        services.office.add_user(
            "chupanh", "Lê Thị Thu Hà", frozenset(Role), actor=services.office.actor()
        )
    return services.office.actor("chupanh")


def main(url: str, out: Path) -> None:
    QCoreApplication.setOrganizationName("PAKN Desktop Screenshots")
    app = QApplication([])
    install_translator(app, "vi")
    out.mkdir(parents=True, exist_ok=True)
    services = Services.open(url)
    login = LoginDialog(services, "lanhdao")
    login.password.setText("••••••••••••")
    login.message.setText("")
    login.show()
    app.processEvents()
    login.grab().save(str(out / "login.png"))
    login.close()
    window = MainWindow(services, screenshot_actor(services), auto_backup=False)
    window.resize(1440, 900)
    window.show()
    intake = window.intake
    intake.submitter_name.setText("Nguyễn Thị Hoa")
    intake.address.setText("Số 12 đường Trần Hưng Đạo, Phường Kon Tum, Tỉnh Quảng Ngãi")
    intake.phone.setText("0912 345 678")
    intake.title.setText("Chậm chi trả trợ cấp thất nghiệp")
    intake.content.setPlainText(
        "Tôi nộp hồ sơ hưởng trợ cấp thất nghiệp từ ngày 02/10/2026 nhưng đến nay chưa được "
        "chi trả. Liên hệ: 0912 345 678."
    )
    intake.update_similar()
    app.processEvents()
    window.grab().save(str(out / "intake.png"))
    window.nav.setCurrentRow(2)
    app.processEvents()
    window.grab().save(str(out / "queue.png"))
    row = window.queue.model.row_at(0)
    assert row is not None
    editor = window.open_case(row.code)
    editor.resize(1300, 820)
    editor.deadlines.expandAll()
    app.processEvents()
    editor.grab().save(str(out / "case-editor.png"))
    window.nav.setCurrentRow(3)
    window.lookup.query.setText(row.code)
    window.lookup.lookup()
    app.processEvents()
    window.grab().save(str(out / "lookup.png"))
    window.nav.setCurrentRow(4)
    stats = window.statistics
    stats.period.setCurrentIndex(2)
    stats.show_stats(period_stats(services, *stats.dates()))
    for _ in range(20):
        app.processEvents()
        time.sleep(0.05)
    window.grab().save(str(out / "statistics.png"))
    audit = AuditView(services, services.office.actor())
    audit.resize(1300, 700)
    audit.show()
    audit.verify()
    for _ in range(40):
        app.processEvents()
        time.sleep(0.05)
    audit.grab().save(str(out / "audit.png"))
    QTimer.singleShot(0, app.quit)
    services.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
