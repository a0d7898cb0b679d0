"""Printing as a person prints: the real Print button, the print dialog answered with the CUPS
printer, and the job checked where it arrived (cups-pdf's PDF: its title and page count). A
print is noted in the case history only once the job went to the printer; a cancel notes
nothing. Every button of the letter window and the register can be pressed without an error."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from accounts_fixture import staff_actor
from builders import NGA, a_form
from cups_printer import (
    CupsPrinter,
    answer_modal,
    cancel,
    press,
    print_on,
    require_cups,
    stop_answering,
)
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.services import Services
from pakn_desktop.ui.letters_ui import LetterDialog, PdfPages, letter_file_name
from pakn_desktop.ui.main_window import MainWindow
from pakn_desktop.ui.register_view import RegisterView

FORM = a_form(**NGA, title="Hỏi chế độ trợ cấp", content="Nội dung hỏi về chế độ.")


@pytest.fixture(scope="module")
def cups_printer() -> CupsPrinter:
    return require_cups()


def idle(qtbot: QtBot, window: LetterDialog | RegisterView) -> None:
    qtbot.waitUntil(lambda: window.op is None, timeout=60_000)


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def history(services: Services, code: str) -> list[str]:
    return [e.summary for e in services.case_reads.get(code, staff_actor(services)).events]


def letter_window(qtbot: QtBot, services: Services) -> tuple[LetterDialog, str]:
    actor = staff_actor(services)
    code = services.cases.receive(FORM, actor).code
    dialog = LetterDialog(services, actor, code, LetterKind.RECEIPT)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, dialog)
    return dialog, code


def nothing_printed(printer: CupsPrinter, before: tuple[set[str], set[object]]) -> bool:
    """No job handed to CUPS since ``before``: once the window is idle, its print (if any)
    has returned and its job is listed (checked by ``handed_over`` after each real print)."""
    jobs, files = printer.new_jobs(before)  # type: ignore[arg-type]
    return not jobs and not files and not printer.listed_jobs() - before[0]


def handed_over(printer: CupsPrinter, before: tuple[set[str], set[object]]) -> bool:
    """A job listed since ``before`` the moment the window is idle: what ``nothing_printed``
    relies on instead of waiting."""
    return bool(printer.listed_jobs() - before[0])


def test_the_print_button_of_the_letter_window_prints_on_the_cups_printer(
    qtbot: QtBot, services: Services, cups_printer: CupsPrinter
) -> None:
    dialog, code = letter_window(qtbot, services)
    confirmed = answer_modal(press("Ban hành"), kind=QMessageBox)  # issuing asks first
    click(qtbot, dialog.issue_button)
    assert len(confirmed) == 1
    idle(qtbot, dialog)
    letter = dialog.issued
    assert letter is not None
    # Cancelled: nothing reaches the printer, nothing is noted.
    noted = history(services, code)
    before = cups_printer.mark()
    cancelled = answer_modal(cancel, kind=QPrintDialog)
    click(qtbot, dialog.print_button)
    assert len(cancelled) == 1
    idle(qtbot, dialog)
    assert nothing_printed(cups_printer, before)
    assert history(services, code) == noted
    # Printed on PAKN-PDF: the job carries the letter's name and every page.
    answered = answer_modal(print_on(cups_printer.name), kind=QPrintDialog)
    click(qtbot, dialog.print_button)
    assert len(answered) == 1
    idle(qtbot, dialog)
    assert handed_over(cups_printer, before)
    job = cups_printer.wait_for_job(before)
    assert job.title == dialog.default_file_name().removesuffix(".pdf")
    assert job.pages == PdfPages(letter.pdf).page_count
    assert "Đã gửi" in dialog.message.text() and "máy in" in dialog.message.text()


def test_the_registers_reprint_prints_and_is_noted_only_when_printed(
    qtbot: QtBot, services: Services, cups_printer: CupsPrinter
) -> None:
    actor = staff_actor(services)
    code = services.cases.receive(FORM, actor).code
    receipt = services.letters.issue(code, LetterKind.RECEIPT, actor)
    view = RegisterView(services, actor)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    qtbot.waitUntil(lambda: view.reading is None, timeout=15_000)  # read on a worker
    view.table.selectRow(0)
    noted = history(services, code)
    before = cups_printer.mark()
    cancelled = answer_modal(cancel, kind=QPrintDialog)
    click(qtbot, view.print_button)
    assert len(cancelled) == 1
    idle(qtbot, view)
    assert nothing_printed(cups_printer, before)
    assert history(services, code) == noted  # a cancel notes no reprint
    answered = answer_modal(print_on(cups_printer.name), kind=QPrintDialog)
    click(qtbot, view.print_button)
    assert len(answered) == 1
    idle(qtbot, view)
    assert handed_over(cups_printer, before)
    job = cups_printer.wait_for_job(before)
    name = letter_file_name(receipt.kind, code, receipt.number_text).removesuffix(".pdf")
    assert job.title == name
    assert job.pages == PdfPages(receipt.pdf).page_count
    assert history(services, code) == [*noted, "In lại Phiếu tiếp nhận số 01/PTN-SNV."]
    assert "01/PTN-SNV" in view.message.text()


def test_todays_letters_print_as_one_job_from_the_menu(
    qtbot: QtBot, services: Services, cups_printer: CupsPrinter
) -> None:
    actor = staff_actor(services)
    case = services.cases.receive(FORM, actor)
    first = services.letters.issue(case.code, LetterKind.RECEIPT, actor)
    services.cases.ask_clarification(
        case.code, "Bản sao quyết định.", actor, expected_version=case.version
    )
    second = services.letters.issue(case.code, LetterKind.CLARIFICATION, actor)
    window = MainWindow(services, actor, auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    action = next(
        a
        for a in window.findChildren(QAction)
        if a.text().startswith("In tất cả văn bản ban hành hôm nay")
    )
    before = cups_printer.mark()
    answered = answer_modal(print_on(cups_printer.name), kind=QPrintDialog)
    action.trigger()
    qtbot.waitUntil(lambda: len(answered) == 1, timeout=30_000)
    job = cups_printer.wait_for_job(before)
    assert job.pages == PdfPages(first.pdf).page_count + PdfPages(second.pdf).page_count
    assert job.title.startswith("van-ban-ban-hanh")
    qtbot.waitUntil(lambda: "2" in window.statusBar().currentMessage(), timeout=30_000)


def press_every_button(
    qtbot: QtBot,
    window: QWidget,
    *,
    last: str = "",
    answers: dict[str, Callable[[QWidget], None]] | None = None,
) -> list[str]:
    """Press each enabled button once, whatever dialog it opens being closed unanswered
    (unless ``answers`` says how, by the button's text); pytest-qt fails the test on any
    exception raised in a slot."""
    pressed = []
    buttons = [b for b in window.findChildren(QPushButton) if b.isVisible()]
    buttons.sort(key=lambda b: b.text() == last)  # the one that closes the window goes last
    for button in buttons:
        if not button.isEnabled():
            continue
        answer_modal((answers or {}).get(button.text(), cancel), kind=QDialog, timeout_ms=3_000)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: getattr(window, "op", None) is None, timeout=60_000)
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=10_000)
        stop_answering()  # a button that opened no dialog leaves no answer behind
        pressed.append(button.text())
    return pressed


def test_every_button_of_the_letter_window_and_the_register_can_be_pressed(
    qtbot: QtBot, services: Services, cups_printer: CupsPrinter
) -> None:
    dialog, code = letter_window(qtbot, services)
    before = cups_printer.mark()
    close = QCoreApplication.translate("LetterDialog", "Close")
    # "Ban hành" asks first: confirmed, so the buttons of an issued letter are pressed too.
    confirm = {dialog.issue_button.text(): press("Ban hành")}
    pressed = press_every_button(qtbot, dialog, last=close, answers=confirm)
    named = (dialog.issue_button, dialog.replace_button, dialog.print_button, dialog.save_button)
    assert {b.text() for b in named} | {close} <= set(pressed)
    assert dialog.issued is not None  # "Ban hành" issued it; the rest was cancelled
    view = RegisterView(services, staff_actor(services))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.reading is None, timeout=15_000)  # read on a worker
    view.table.selectRow(0)
    pressed = press_every_button(qtbot, view)
    named = (view.open_button, view.print_button, view.save_button, view.export_button)
    assert {b.text() for b in named} <= set(pressed)
    assert nothing_printed(cups_printer, before)
    assert not any(s.startswith("In lại") for s in history(services, code))
