"""The one helper for long work: progress, cancel, errors logged and shown in Vietnamese, and
the "cases changed" notice the views listen to; backup, restore and printing use it."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from builders import NGA, a_form
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.errors import NotFound
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.services import Services
from pakn_desktop.ui.main_window import MainWindow
from pakn_desktop.ui.workers import Changes, Op, Progress, notifier

FORM = a_form(**NGA, title="Hỏi chế độ", content="Nội dung")


def make_window(qtbot: QtBot, services: Services) -> MainWindow:
    window = MainWindow(services, staff_actor(services), auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    return window


def test_progress_result_and_change_notice(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    heard: list[tuple[Changes, object]] = []
    notifier().changed.connect(lambda c, who: heard.append((c, who)))
    results: list[int] = []
    on_gui: list[bool] = []

    def work(progress: Progress) -> int:
        for i in range(6):
            progress.update(i, 6, f"Bước {i + 1}/6")
            time.sleep(0.1)
        return 42

    def success(value: int) -> None:
        on_gui.append(threading.current_thread() is threading.main_thread())
        results.append(value)

    op = Op(parent, work, success=success, label="Đang làm…", changes=Changes(cases=True)).run()
    qtbot.waitUntil(lambda: op.dialog is not None, timeout=3000)
    assert op.dialog is not None and op.dialog.findChild(QAbstractButton) is None  # no Cancel
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [42] and on_gui == [True]
    assert op.finished and op.dialog is None
    assert heard and heard[-1] == (Changes(cases=True), parent)


def test_cancel_stops_the_work_and_shows_no_error(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    steps: list[int] = []
    succeeded: list[object] = []

    def work(progress: Progress) -> int:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            progress.check()
            steps.append(1)
            progress.update(len(steps), 1000)
            time.sleep(0.02)
        return -1

    op = Op(parent, work, success=succeeded.append, cancellable=True, label="Đang in…").run()
    qtbot.waitUntil(lambda: op.dialog is not None, timeout=3000)
    assert op.dialog is not None
    cancel = op.dialog.findChild(QAbstractButton)
    assert cancel is not None and cancel.text() == "Hủy"
    cancel.click()
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    assert succeeded == [] and op.error_box is None and len(steps) < 400


def test_errors_are_logged_and_shown_in_vietnamese(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()

    def refused(_p: Progress) -> None:
        raise NotFound("Không tìm thấy PAKN có mã «26-000009-1».")

    op = Op(parent, refused, title="Tra cứu").run()
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    assert op.error_box is not None and op.error_box.isVisible()
    assert op.error_box.text() == "Không tìm thấy PAKN có mã «26-000009-1»."
    op.error_box.close()

    def broken(_p: Progress) -> None:
        raise RuntimeError("internal detail")

    with caplog.at_level(logging.INFO, logger="pakn_desktop"):
        op2 = Op(parent, broken).run()
        qtbot.waitUntil(lambda: op2.finished, timeout=5000)
    assert op2.error_box is not None
    assert "internal detail" not in op2.error_box.text()
    assert "nhật ký" in op2.error_box.text()  # where the details went
    assert "RuntimeError: internal detail" in caplog.text  # with its traceback
    assert {b.text() for b in op2.error_box.buttons()} == {"Đồng ý"}
    op2.error_box.close()


def test_print_todays_letters_off_the_gui_thread(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    actor = staff_actor(services)
    case = services.cases.receive(FORM, actor)
    services.letters.issue(case.code, LetterKind.RECEIPT, actor)
    services.cases.ask_clarification(
        case.code, "Bản sao quyết định.", actor, expected_version=case.version
    )
    services.letters.issue(case.code, LetterKind.CLARIFICATION, actor)
    window = make_window(qtbot, services)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "hom-nay.pdf"))
    from pakn_desktop.ui.letters_ui import letters_issued_on

    letters = letters_issued_on(services, actor, services.now().date())
    op = window.print_on(printer, letters)
    qtbot.waitUntil(lambda: op.finished, timeout=20_000)
    assert len(PdfReader(tmp_path / "hom-nay.pdf").pages) >= 2
    assert "2" in window.statusBar().currentMessage()


def test_restore_from_a_backup_off_the_gui_thread(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    if not services.backups.available:
        pytest.skip("file backups are for SQLite; PostgreSQL uses pg_dump")
    window = make_window(qtbot, services)
    QSettings().setValue("backup/folder", str(tmp_path / "copies"))
    op = window.backup_now()
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    (copy,) = (tmp_path / "copies").glob("pakn-*.db")
    services.cases.receive(FORM, staff_actor(services))
    clicked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            for b in box.buttons():
                if b.text() in ("Khôi phục", "Để sau", "Đồng ý"):
                    clicked.append(b.text())
                    b.click()
                    break
        try:
            visible = window.isVisible()
        except RuntimeError:  # the test is over and the window gone
            return
        if visible:
            QTimer.singleShot(30, answer)

    QTimer.singleShot(0, answer)
    window.restore_from(copy)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    services.db.dispose()
    # The case received after the backup is offered back (issue 20); left for later here.
    assert clicked == ["Khôi phục", "Để sau"]
    assert (
        services.case_reads.count(CaseFilter(), staff_actor(services)) == 0
    )  # the copy had no case


def test_progress_to_the_last_moment_is_safe(qtbot: QtBot) -> None:
    """Updates still queued when the work ends (a modal progress dialog runs the event loop
    while it shows them) must not touch a dialog that has gone."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    results: list[str] = []

    def work(progress: Progress) -> str:
        time.sleep(0.45)  # long enough for the dialog to be shown
        for i in range(300):
            progress.update(i, 300, f"Thư {i}")
        return "xong"

    for _ in range(3):
        op = Op(parent, work, success=results.append, label="Đang in…").run()
        qtbot.waitUntil(lambda op=op: op.finished, timeout=10_000)  # type: ignore[misc]
        qtbot.wait(50)
    assert results == ["xong"] * 3
