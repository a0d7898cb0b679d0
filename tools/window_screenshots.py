"""Screenshots of the real window on a 1366×768 screen, for the README: the form recovered
after a crash (offered, then restored), a receipt-time correction, and Qt's file dialog in
Vietnamese, the queue finding an answered case by a name over all states, and the year's
dashboard.

.venv/bin/python tools/window_screenshots.py sqlite:///demo.db docs/screenshots

It runs on its own offscreen 1366×768 screen and a temporary data folder, so the person's
own autosaves and settings are not touched.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

SCREEN = {
    "screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96}]
}


def main(url: str, out: Path) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="pakn-shots-"))
    (scratch / "screen.json").write_text(json.dumps(SCREEN))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={scratch / 'screen.json'}"
    os.environ["XDG_DATA_HOME"] = str(scratch / "data")
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")

    from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QFileDialog

    from pakn_desktop.domain.enums import CaseState, Role
    from pakn_desktop.domain.text import fold
    from pakn_desktop.domain.validation import IntakeForm
    from pakn_desktop.services import Services
    from pakn_desktop.services.filters import CaseFilter
    from pakn_desktop.ui.file_names import case_file_name
    from pakn_desktop.ui.i18n import install_translator
    from pakn_desktop.ui.main_window import MainWindow

    QCoreApplication.setOrganizationName("PAKN Desktop Screenshots")
    app = QApplication([])
    install_translator(app, "vi")
    out.mkdir(parents=True, exist_ok=True)
    services = Services.open(url)

    def screenshot_actor(services: Services):  # type: ignore[no-untyped-def]
        """One account holding every role, so every page shows (as tools/screenshots.py)."""
        if "chupanh" not in {u.username for u in services.office.users(include_inactive=True)}:
            services.office.add_user(
                "chupanh", "Lê Thị Thu Hà", frozenset(Role), actor=services.office.actor()
            )
        return services.office.actor("chupanh")

    def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
        widget.setFocus()
        for ch in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
                )

    # A first window: a PAKN half typed when the power goes.
    first = MainWindow(services, screenshot_actor(services), auto_backup=False)
    first.show()
    form = first.intake
    for name, text in {
        "submitter_name": "Phạm Văn Đức",
        "address": "Thôn 2, xã Đắk Tô, tỉnh Quảng Ngãi",
        "phone": "0905 111 222",
        "title": "Chậm chi trả trợ cấp thất nghiệp",
    }.items():
        type_text(getattr(form.fields, name), text)
    type_text(form.fields.content, "Đã nộp hồ sơ hơn 20 ngày mà chưa nhận được tiền trợ cấp.")
    form.autosave()
    form.release_autosave_slot()
    first.hide()

    # The next start offers it; restoring brings every field back.
    window = MainWindow(services, screenshot_actor(services), auto_backup=False)
    window.show()
    app.processEvents()
    window.grab().save(str(out / "window-recovered-offer.png"))
    window.intake.restore_autosave()
    app.processEvents()
    window.grab().save(str(out / "window-recovered-form.png"))

    case = services.cases.receive(
        IntakeForm(
            "citizen",
            "Vũ Thị Nga",
            "Xã Đắk Hà",
            "0977 123 456",
            "",
            "Hỏi chế độ thai sản",
            "Đề nghị hướng dẫn hồ sơ hưởng chế độ thai sản.",
            "walk_in",
        ),
        screenshot_actor(services),
    )
    editor = window.open_case(case.code)
    dialog = editor.ask_correct_received()
    r = case.received_at
    dialog.when.setDateTime(QDateTime(r.year, r.month, r.day, 8, 0, 0).addDays(-1))
    dialog.reason.setPlainText("Đơn đến từ sáng hôm trước, nhập chậm do mất điện.")
    app.processEvents()
    editor.grab().save(str(out / "window-case-editor.png"))
    dialog.grab().save(str(out / "window-correct-receipt-time.png"))
    dialog.reject()

    save = QFileDialog(window, "Lưu thư")
    save.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    save.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    save.setDirectory(str(scratch))
    save.selectFile(case_file_name("Thư trả lời", case.code, "pdf"))
    save.resize(900, 520)
    save.show()
    app.processEvents()
    save.grab().save(str(out / "window-file-dialog.png"))
    save.hide()

    def settle(done) -> None:  # type: ignore[no-untyped-def]
        """Let background reads (counts, statistics) finish and the window repaint."""
        for _ in range(600):
            app.processEvents()
            if done():
                break
            time.sleep(0.05)
        app.processEvents()

    # The queue: every state, and a name search that finds an answered case.
    reader = screenshot_actor(services)
    (answered,) = services.case_reads.queue(
        CaseFilter(states=frozenset({CaseState.ANSWERED.value})), reader, limit=1
    )
    window.resize(1366, 768)
    window.nav.setCurrentRow(window.stack.indexOf(window.queue))
    queue = window.queue
    queue.search.setText(fold(answered.submitter_name))  # typed without diacritics
    queue.apply_filters()
    settle(lambda: queue.model.rowCount() > 0 and queue.model.total_exact)
    window.grab().save(str(out / "window-queue-search.png"))

    # The year's dashboard: the previous calendar year, with its charts.
    window.nav.setCurrentRow(window.stack.indexOf(window.statistics_page))
    view = window.statistics
    year = services.now().year - 1
    view.period.setCurrentIndex(view.period.count() - 1)  # "Tùy chọn"
    view.start.setDate(QDate(year, 1, 1))
    view.end.setDate(QDate(year, 12, 31))
    op = view.compute()
    settle(lambda: op is None or op.finished or view.stats is not None)
    for tab, name in ((1, "window-year-dashboard.png"), (2, "window-year-outcomes.png")):
        view.charts.setCurrentIndex(tab)  # the months chart, then the outcomes with values
        settle(lambda: True)
        window.grab().save(str(out / name))
    services.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
