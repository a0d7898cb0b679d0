"""Each role's day, pressed as a person presses it: the log-in dialog typed and confirmed, then
only the real buttons, menu entries, shortcuts and double-clicks of the main window and the
windows it opens (tests/ui/journey_helpers.py). The database is set up through the services
before the window opens; from then on nothing but the window acts. Printing goes to the CUPS
test printer (tests/ui/cups_printer.py) and each job is checked where it arrived.

The untriggered-action test lists every button and action the journeys saw a person could
press at one of their steps (visible, enabled, connected to the application) and fails on any
no journey pressed, but for the allow-list ``NOT_IN_A_JOURNEY`` (empty today: every one is
pressed). With PAKN_SCREENSHOTS=dir each step is saved as dir/journey-<role>-<step>.png."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cups_printer import CupsPrinter, print_on, require_cups
from journey_helpers import (
    Journey,
    Registry,
    ShowHook,
    button,
    top_level,
    wait_for_print,
    wait_idle,
)
from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.letters import RejectionGround
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services.letters import IssuedLetter
from pakn_desktop.ui.accounts import AccountsView
from pakn_desktop.ui.audit_view import AuditView
from pakn_desktop.ui.case_editor import CaseEditor, InputDialog, ReceivedAtDialog
from pakn_desktop.ui.intake import IntakeForm_
from pakn_desktop.ui.letters_ui import LetterDialog, PdfPages, letter_file_name
from pakn_desktop.ui.login import ChangePasswordDialog, LoginDialog, UnlockDialog
from pakn_desktop.ui.lookup import LookupView
from pakn_desktop.ui.national_entry import NationalEntryDialog
from pakn_desktop.ui.person_data import PersonDataDialog
from pakn_desktop.ui.portal_import import PortalImportDialog
from pakn_desktop.ui.publish_ui import PublishDialog
from pakn_desktop.ui.queue_view import CaseListView
from pakn_desktop.ui.register_view import LetterViewer, RegisterView
from pakn_desktop.ui.restore_dialog import RestoreDialog
from pakn_desktop.ui.settings import SettingsView
from pakn_desktop.ui.statistics import StatisticsView

# The journeys run in one pytest-xdist worker (`make test` passes --dist loadgroup): the
# last test compares what all of them pressed, and runs again here any journey that ran in
# another worker (half of them, minutes of the suite, when the module was split).
pytestmark = pytest.mark.xdist_group("journeys")

PASSWORD = "mat-khau-hanh-trinh"
ACCOUNTS = {
    "front_desk": ("tiepnhan", "Hoàng Thị Yến"),
    "head": ("lanhdao", "Lê Thị Thu Hà"),
    "official": ("chuyenvien", "Nguyễn Văn Hùng"),
    "admin": ("quantri", "Trần Quản Trị"),
}
WALK_IN = IntakeForm(
    submitter_kind="citizen",
    submitter_name="Phạm Văn Đức",
    address="Thôn 2, xã Đắk Hà",
    phone="0912345678",
    title="Đường liên thôn bị sạt lở",
    content="Đoạn đường liên thôn 2 sạt lở sau mưa lớn, đề nghị sửa chữa.",
    channel="walk_in",
)


# --- setting up the database before the window opens -------------------------------------
def make_accounts(services: Services) -> None:
    """One account per role, each with its password, made by the bootstrap administrator."""
    units = services.office.units()
    for role, (login, name) in ACCOUNTS.items():
        services.office.add_user(
            login,
            name,
            frozenset({Role(role)}),
            unit_id=units[0].id if units else None,
            actor=services.office.actor(),
            password=PASSWORD,
        )


def someone(services: Services, role: str):  # type: ignore[no-untyped-def]
    return services.office.actor(ACCOUNTS[role][0])


# --- the registry, shared by the journeys of the session -----------------------------------
@pytest.fixture(scope="session")
def registry(qapp: QApplication) -> Iterator[Registry]:
    registry = Registry()
    hook = ShowHook(registry)
    qapp.installEventFilter(hook)
    yield registry
    qapp.removeEventFilter(hook)


@pytest.fixture(scope="module")
def cups_printer() -> CupsPrinter:
    return require_cups()


# --- answering the dialogs a press opens -------------------------------------------------
def press(widget: QWidget) -> None:
    """A click on a button inside a dialog being answered (from the dialog's own event loop)."""
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def input_dialog(text: str = "", choose: object = None) -> Callable[[InputDialog], None]:
    """Answer an action's dialog: choose ``choose`` in its list, type ``text``, press OK."""

    def act(dialog: InputDialog) -> None:
        if choose is not None:
            assert dialog.combo is not None
            index = dialog.combo.findData(choose)
            assert index >= 0, choose
            dialog.combo.setCurrentIndex(index)
        if text:
            assert dialog.text is not None
            dialog.text.setPlainText(text)  # Vietnamese: see the front desk's journey
        press(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    return act


def choose_files(*paths: Path) -> Callable[[QFileDialog], None]:
    """Answer a file dialog (open, save or folder) with ``paths``: their folder, then their
    names typed in the file name field, as a person does."""

    def act(dialog: QFileDialog) -> None:
        dialog.setDirectory(str(paths[0].parent))
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        assert edit is not None
        edit.setText(" ".join(f'"{p.name}"' for p in paths) if len(paths) > 1 else paths[0].name)
        dialog.accept()

    return act


def reject(dialog: QDialog) -> None:
    dialog.reject()


def escape(j: Journey, dialog: QWidget) -> None:
    """Esc, as a person leaves a window; one that stays (issue 21: the accounts, audit and
    drill-down windows did) is closed with its title bar's ×, and noted."""
    j.bring_to_front(dialog)
    j.key(dialog, Qt.Key.Key_Escape)
    if dialog.isVisible():
        j.esc_ignored.append(type(dialog).__name__)
        dialog.close()
        j.settle()
    assert not dialog.isVisible(), type(dialog).__name__


def open_from_list(j: Journey, view: CaseListView, code: str) -> CaseEditor:
    """Find the case's row in a list, click it and press Enter: its editor opens."""

    def row_of() -> int | None:
        rows = range(view.model.rowCount())
        return next((r for r in rows if view.model.index(r, 0).data() == code), None)

    j.qtbot.waitUntil(lambda: row_of() is not None)
    rect = view.table.visualRect(view.model.index(row_of(), 0))  # type: ignore[arg-type]
    j.qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    j.key(view.table, Qt.Key.Key_Return)
    editor = top_level(CaseEditor, lambda e: e.detail.code == code)
    assert editor is not None
    j.bring_to_front(editor)
    return editor


def letter_window(j: Journey, editor: CaseEditor) -> LetterDialog:
    j.click(button(editor, "Xem trước, ban hành, in"))
    letter = top_level(LetterDialog)
    assert letter is not None
    wait_idle(j.qtbot, letter)
    return letter


def issue_and_print(j: Journey, letter: LetterDialog, printer: CupsPrinter) -> IssuedLetter:
    j.click(letter.issue_button, until=lambda: letter.op is None and letter.issued is not None)
    issued = letter.issued
    assert issued is not None and issued.number_text
    j.step("letter-issued", letter)
    before = printer.mark()
    j.expect(QPrintDialog, print_on(printer.name))
    j.click(letter.print_button, until=lambda: letter.op is None)
    job = wait_for_print(printer, before, letter.default_file_name().removesuffix(".pdf"))
    assert job.pages == PdfPages(issued.pdf).page_count
    return issued


def image(path: Path, colour: str) -> Path:
    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(QColor(colour))
    assert picture.save(str(path), "PNG")
    return path


# --- the journeys ------------------------------------------------------------------------------
def front_desk_journey(
    qtbot: QtBot, services: Services, registry: Registry, printer: CupsPrinter, tmp_path: Path
) -> Journey:
    """Intake of a walk-in PAKN (with a photo) → its receipt printed, saved, corrected →
    found again by the person's name typed without diacritics; the screen locked and
    unlocked on the way."""
    make_accounts(services)
    j = Journey(qtbot, registry, "front_desk")
    try:
        window = j.log_in(services, "tiepnhan", PASSWORD)
        intake = j.page(1)
        assert isinstance(intake, IntakeForm_)
        fields = intake.fields
        j.step("intake-empty")
        fields.channel.setCurrentIndex(fields.channel.findData("walk_in"))
        # Vietnamese cannot be typed through QTest (keyClicks stops at the first non-ASCII
        # letter): those fields are filled as an input method would; the rest is typed.
        fields.submitter_name.setText("Vũ Thị Nga")
        fields.address.setText("Thôn 3, xã Đắk Hà")
        fields.phone.setFocus()
        qtbot.keyClicks(fields.phone, "0977123456")
        fields.title.setText("Hỏi chế độ trợ cấp người cao tuổi")
        fields.content.setPlainText("Mẹ tôi 81 tuổi, chưa nhận được trợ cấp từ tháng 9.")
        # Two photos attached, the wrong one taken off again.
        for name, colour in (("giay-to.png", "navy"), ("nham.png", "red")):
            j.expect(QFileDialog, choose_files(image(tmp_path / name, colour)))
            j.click(intake.add_file)
        assert intake.attachment_list.count() == 2
        intake.attachment_list.setCurrentRow(1)
        j.click(intake.remove_file)
        assert intake.attachment_list.count() == 1
        # Routing help has read the content: its suggestion (topic, unit) is taken with one
        # press, as at a real desk.
        qtbot.waitUntil(intake.suggestion.take_button.isEnabled, timeout=30000)
        j.click(intake.suggestion.take_button)
        j.step("intake-typed")
        j.click(intake.save_button)
        code = intake.code_label.text()
        assert code, intake.message.text()
        detail = services.case_reads.get(code, someone(services, "front_desk"))
        assert detail.submitter_name == "Vũ Thị Nga" and detail.channel == "walk_in"
        assert [a.filename for a in detail.attachments] == ["giay-to.png"]
        j.step("intake-saved")
        j.click(button(intake, "Sao chép mã"))
        assert QApplication.clipboard().text() == code

        j.click(intake.open_saved)
        editor = top_level(CaseEditor)
        assert editor is not None and editor.detail.code == code
        assert editor.letter_kind.currentData() == "receipt"
        j.step("case-opened", editor)
        # The person corrects the house part; the commune and province stay as chosen.
        editor.fields.address.setText("Thôn 5")
        j.click(editor.save_fields)
        stored = services.case_reads.get(code, someone(services, "front_desk")).address
        assert stored.startswith("Thôn 5, ") and stored.endswith("tỉnh Quảng Ngãi"), (
            f"{stored!r} {editor.fields_message.text()}"
        )
        letter = letter_window(j, editor)
        issued = issue_and_print(j, letter, printer)
        assert issued.number_text.endswith("/PTN-SNV")
        j.step("receipt-printed", letter)
        saved = tmp_path / "phieu.pdf"
        j.expect(QFileDialog, choose_files(saved))
        j.click(letter.save_button, until=lambda: letter.op is None and saved.exists())
        assert saved.read_bytes()[:5] == b"%PDF-"
        j.expect(QFileDialog, reject)  # no certificate to sign with: the dialog is left
        j.click(button(letter, "Chọn"))
        j.click(button(letter, "Đóng"))
        escape(j, editor)

        intake = j.page(1)
        j.click(button(intake, "Nhập mới"))

        # Away from the desk: Ctrl+L locks, the password unlocks.
        def unlock(dialog: UnlockDialog) -> None:
            dialog.password.setText(PASSWORD)
            press(button(dialog, "Mở khóa"))

        j.expect(UnlockDialog, unlock)
        j.key(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert window.isVisible()
        for entry, kind in (
            ("Nhập danh sách PAKN từ Cổng", PortalImportDialog),
            ("Nhập PAKN của cơ quan lên Hệ thống", NationalEntryDialog),
        ):
            j.trigger(j.entry(entry))
            dialog = top_level(kind)
            assert dialog is not None, entry
            escape(j, dialog)
        j.expect(QFileDialog, reject)  # the email is not at hand: nothing changes
        j.trigger(j.entry("Nhập thư điện tử"))

        lookup = j.page(4)
        assert isinstance(lookup, LookupView)
        lookup.query.setFocus()
        qtbot.keyClicks(lookup.query, "vu thi nga")
        with qtbot.waitSignal(lookup.shown, timeout=5000):
            j.key(lookup.query, Qt.Key.Key_Return)
        shown = lookup.result.toPlainText()
        assert code in shown and "Vũ Thị Nga" in shown, shown
        with qtbot.waitSignal(lookup.shown, timeout=5000):
            j.click(lookup.go)
        assert code in lookup.result.toPlainText()
        j.step("lookup-by-name")
        j.trigger(j.entry("Giới thiệu"))
        assert [q.title for q in j.questions][-1] == "Giới thiệu PAKN Desktop"
        from pakn_desktop.ui.help import HelpWindow, ShortcutsWindow

        for entry, kind in (("Hướng dẫn sử dụng", HelpWindow), ("Phím tắt", ShortcutsWindow)):
            j.trigger(j.entry(entry))
            shown = top_level(kind)
            assert shown is not None, entry
            escape(j, shown)
        assert not j.unexpected, j.unexpected
        registry.journeys.add("front_desk")
        return j
    finally:
        j.stop()


def test_front_desk_journey(
    qtbot: QtBot,
    services: Services,
    registry: Registry,
    cups_printer: CupsPrinter,
    tmp_path: Path,
) -> None:
    front_desk_journey(qtbot, services, registry, cups_printer, tmp_path)


def head_journey(
    qtbot: QtBot, services: Services, registry: Registry, printer: CupsPrinter, tmp_path: Path
) -> Journey:
    """Classify a received PAKN → assign it → issue its letter → print it → reprint it from
    the outgoing register → open a statistics figure as its list, with exactly its count.
    On the way the other PAKN of the morning are rejected, sent back for clarification,
    forwarded and transferred, and the day's letters printed and the reports exported."""
    make_accounts(services)
    desk = someone(services, "front_desk")
    code = services.cases.receive(WALK_IN, desk).code
    others = [
        services.cases.receive(
            IntakeForm(
                "citizen",
                f"Người gửi {i}",
                "Xã Đắk Hà",
                f"090000000{i}",
                "",
                f"Kiến nghị số {i}",
                "Nội dung kiến nghị.",
                "phone",
            ),
            desk,
        ).code
        for i in range(4)
    ]
    official = someone(services, "official")
    j = Journey(qtbot, registry, "head")
    try:
        window = j.log_in(services, "lanhdao", PASSWORD)
        queue = j.page(3)
        assert isinstance(queue, CaseListView)
        j.click(queue.reset)
        j.step("queue")
        editor = open_from_list(j, queue, code)
        j.step("case-received", editor)

        def earlier(dialog: ReceivedAtDialog) -> None:
            dialog.when.setDateTime(dialog.when.dateTime().addSecs(-3600))
            dialog.reason.setPlainText("Người dân đến lúc 8 giờ 30, nhập chậm.")
            press(button(dialog, "Sửa"))

        received = editor.detail.received_at
        j.expect(ReceivedAtDialog, earlier)
        j.click(editor.correct_received)
        assert (received - editor.detail.received_at).total_seconds() == 3600
        j.click(button(editor, "Tiếp nhận, tham mưu xử lý"))
        assert editor.detail.outcome == "accepted", editor.banner.text()
        j.expect(InputDialog, input_dialog(choose=official.id))
        j.click(button(editor, "Phân công"))
        assert editor.detail.official_name == "Nguyễn Văn Hùng", editor.banner.text()
        j.step("case-assigned", editor)
        letter = letter_window(j, editor)
        first = issue_and_print(j, letter, printer)

        def why(dialog: QInputDialog) -> None:
            dialog.setTextValue("Ghi sai địa chỉ người gửi.")
            dialog.accept()

        j.expect(QInputDialog, why)  # a mistake seen once printed: a corrected letter
        j.click(letter.replace_button, until=lambda: letter.op is None)
        issued = letter.issued
        assert issued is not None and issued.number_text != first.number_text, letter.message.text()
        assert issued.replaces_id == first.id
        j.click(button(letter, "Đóng"))
        escape(j, editor)

        # The rest of the morning's PAKN, one outcome each.
        outcomes = (
            (
                "Không tiếp nhận",
                input_dialog(
                    "Nội dung không thuộc phạm vi PAKN.", choose=RejectionGround.OTHER.value
                ),
                "rejected",
            ),
            ("Đề nghị bổ sung", input_dialog("Bản sao giấy tờ đất."), "clarification"),
            ("Giao công chức xử lý", input_dialog(choose=official.id), "forwarded"),
            (
                "Chuyển cơ quan có thẩm quyền",
                input_dialog("UBND huyện Đắk Hà\nThuộc thẩm quyền của huyện."),
                "transferred",
            ),
        )
        for other, (label, answer, outcome) in zip(others, outcomes, strict=True):
            j.page(3)
            other_editor = open_from_list(j, queue, other)
            j.expect(InputDialog, answer)
            j.click(button(other_editor, label))
            assert other_editor.detail.outcome == outcome, other_editor.banner.text()
            escape(j, other_editor)

        register = j.page(6)
        assert isinstance(register, RegisterView)
        table = register.table
        qtbot.waitUntil(lambda: register.reading is None and register.model.rowCount() > 0)
        row = next(
            r
            for r in range(register.model.rowCount())
            if register.model.entry(r).number_text == issued.number_text
        )
        rect = table.visualRect(register.model.index(row, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        j.step("register")
        before = printer.mark()
        j.expect(QPrintDialog, print_on(printer.name))
        j.click(register.print_button, until=lambda: register.op is None)
        name = letter_file_name(issued.kind, code, issued.number_text).removesuffix(".pdf")
        job = wait_for_print(printer, before, name)
        assert job.pages == PdfPages(issued.pdf).page_count
        events = [e.summary for e in services.case_reads.get(code, official).events]
        assert events[-1].startswith("In lại") and issued.number_text in events[-1], events
        j.click(register.open_button)
        viewer = top_level(LetterViewer)
        assert viewer is not None
        j.click(button(viewer, "Đóng"))
        for b, name in (
            (register.save_button, "van-ban.pdf"),
            (register.export_button, "so-van-ban-di.xlsx"),
        ):
            target = tmp_path / name
            j.expect(QFileDialog, choose_files(target))
            j.click(b, until=lambda t=target: register.op is None and t.exists())

        before = printer.mark()
        j.expect(QPrintDialog, print_on(printer.name))
        j.trigger(j.entry("In tất cả văn bản ban hành hôm nay"))
        job = wait_for_print(printer, before, "van-ban-ban-hanh")
        qtbot.waitUntil(lambda: "2" in window.statusBar().currentMessage(), timeout=30_000)
        # The day's two letters: the first and the one that replaced it.
        assert job.pages == PdfPages(first.pdf).page_count + PdfPages(issued.pdf).page_count

        stats = j.page(5)
        assert isinstance(stats, StatisticsView)
        j.click(stats.compute_button, until=lambda: stats.op is None and stats.stats is not None)
        j.step("statistics", stats)
        for i, b in enumerate(stats.export_buttons):
            suffix = ".xlsx" if "Excel" in b.text() else ".pdf"
            target = tmp_path / f"bao-cao-{i}{suffix}"
            j.expect(QFileDialog, choose_files(target))
            j.click(b, until=lambda t=target: stats.op is None and t.exists())
            assert target.stat().st_size > 0
        figure = stats.breakdowns.topLevelItem(0)
        count = int(figure.text(1))
        assert count == 5  # the five PAKN of the period
        j.double_click_item(stats.breakdowns, figure)
        drill = top_level(CaseListView, lambda v: v.isWindow())
        assert drill is not None
        qtbot.waitUntil(lambda: drill.model.total == count)
        assert drill.model.rowCount() == count
        j.step("statistics-list", drill)
        escape(j, drill)
        j.trigger(j.entry("Công khai kết quả trả lời"))
        publish = top_level(PublishDialog)
        assert publish is not None
        escape(j, publish)
        assert not j.unexpected, j.unexpected
        registry.journeys.add("head")
        return j
    finally:
        j.stop()


def test_head_journey(
    qtbot: QtBot,
    services: Services,
    registry: Registry,
    cups_printer: CupsPrinter,
    tmp_path: Path,
) -> None:
    head_journey(qtbot, services, registry, cups_printer, tmp_path)


def official_journey(qtbot: QtBot, services: Services, registry: Registry) -> Journey:
    """The official opens the case assigned to them → posts progress → records the result
    (and publishes the answer); then changes their password and hands the desk over."""
    make_accounts(services)
    head, official = someone(services, "head"), someone(services, "official")
    case = services.cases.receive(WALK_IN, someone(services, "front_desk"))
    case = services.cases.accept(case.code, head, expected_version=case.version)
    case = services.cases.assign(case.code, official.id, head, expected_version=case.version)
    code = case.code
    j = Journey(qtbot, registry, "official")
    try:
        window = j.log_in(services, "chuyenvien", PASSWORD)
        inbox = j.page(2)
        assert isinstance(inbox, CaseListView)
        j.step("inbox")
        editor = open_from_list(j, inbox, code)
        j.step("case-assigned", editor)
        j.expect(InputDialog, input_dialog("Đã khảo sát hiện trường, đang lập dự toán sửa chữa."))
        j.click(button(editor, "Cập nhật tình hình xử lý"))
        assert "dự toán" in editor.detail.events[-1].summary, editor.banner.text()
        j.step("progress-posted", editor)
        result = "Đã sửa xong đoạn đường sạt lở ngày 20/4/2026."
        j.expect(InputDialog, input_dialog(result))
        j.click(button(editor, "Ghi nhận kết quả"))
        detail = services.case_reads.get(code, official)
        assert detail.result_text == result and editor.detail.result_text == result
        j.step("result-recorded", editor)
        j.expect(InputDialog, input_dialog())  # the answer proposed is the result: kept
        j.click(button(editor, "Trả lời, công khai kết quả"))
        assert services.case_reads.get(code, official).answer_text == result, editor.banner.text()
        escape(j, editor)

        def new_password(dialog: ChangePasswordDialog) -> None:
            dialog.old.setText(PASSWORD)
            dialog.new.setText("mat-khau-moi-cua-toi")
            dialog.confirm.setText("mat-khau-moi-cua-toi")
            press(button(dialog, "Lưu"))

        j.expect(ChangePasswordDialog, new_password)
        j.trigger(j.entry("Đổi mật khẩu"))
        services.accounts.authenticate("chuyenvien", "mat-khau-moi-cua-toi")

        def head_logs_in(dialog: LoginDialog) -> None:
            dialog.username.setText("lanhdao")
            dialog.password.setText(PASSWORD)
            press(dialog.ok)

        j.expect(LoginDialog, head_logs_in)
        j.trigger(j.entry("Đổi người dùng"))
        assert not window.isVisible()
        assert j.window is not window and j.window is not None
        assert "Lê Thị Thu Hà" in j.window.user_label.text()
        assert not j.unexpected, j.unexpected
        registry.journeys.add("official")
        return j
    finally:
        j.stop()


def test_official_journey(qtbot: QtBot, services: Services, registry: Registry) -> None:
    official_journey(qtbot, services, registry)


def admin_journey(qtbot: QtBot, services: Services, registry: Registry, tmp_path: Path) -> Journey:
    """Accounts (a new account made) → a backup → restored from it → the audit log exported.
    On the way: a day off added to the office calendar and taken off again, the backup
    folder chosen, one person's data looked at."""
    make_accounts(services)
    j = Journey(qtbot, registry, "admin")
    try:
        window = j.log_in(services, "quantri", PASSWORD)
        settings = j.page(7)
        assert isinstance(settings, SettingsView)
        j.step("settings")
        settings.adj_date.setDate(QDate(2026, 5, 4))
        settings.adj_reason.setText("Sửa chữa điện toàn trụ sở")
        j.click(button(settings, "Thêm"))
        tree = settings.holidays
        days = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        added = next(d for d in days if d is not None and d.text(0) == "04/05/2026")
        settings.holidays.setCurrentItem(added)
        j.click(button(settings, "Bỏ ngày điều chỉnh"))
        assert "04/05/2026" not in [
            settings.holidays.topLevelItem(i).text(0)
            for i in range(settings.holidays.topLevelItemCount())
        ]

        j.trigger(j.entry("Quản lý tài khoản"))
        accounts = top_level(AccountsView)
        assert accounts is not None
        j.click(accounts.new_button)
        accounts.username.setFocus()
        qtbot.keyClicks(accounts.username, "tiepnhan2")
        accounts.full_name.setText("Đỗ Thị Hoa")
        qtbot.mouseClick(accounts.roles[Role.FRONT_DESK], Qt.MouseButton.LeftButton)
        qtbot.keyClicks(accounts.password, "mat-khau-moi-du-dai")
        j.step("account-typed", accounts)
        j.click(accounts.save_button)
        admin = someone(services, "admin")
        made = {u.username: u for u in services.accounts.users(admin)}
        assert "tiepnhan2" in made and made["tiepnhan2"].roles == frozenset({"front_desk"}), (
            accounts.message.text()
        )
        j.step("account-made", accounts)
        accounts.password.setFocus()
        qtbot.keyClicks(accounts.password, "mat-khau-dat-lai-moi")
        j.click(accounts.reset_button)
        services.accounts.authenticate("tiepnhan2", "mat-khau-dat-lai-moi")
        j.click(accounts.active_button)  # she leaves the office
        accounts.idle.setValue(15)  # the office's idle lock, beside the accounts
        idle_save = [b for b in accounts.findChildren(QPushButton) if b.text() == "Lưu"][-1]
        j.click(idle_save)
        assert services.office.idle_lock_minutes() == 15, accounts.message.text()
        made = {u.username: u for u in services.accounts.users(admin)}
        assert not made["tiepnhan2"].active, accounts.message.text()
        escape(j, accounts)

        j.trigger(j.entry("Dữ liệu cá nhân"))
        person = top_level(PersonDataDialog)
        assert person is not None
        escape(j, person)

        if services.backups.available:  # SQLite: a file copy (PostgreSQL offices use pg_dump)
            folder = tmp_path / "sao-luu"
            folder.mkdir()
            j.expect(QFileDialog, choose_files(folder))
            j.trigger(j.entry("Chọn thư mục sao lưu"))
            assert window.backup_folder() == folder
            j.trigger(j.entry("Sao lưu ngay"), until=lambda: any(folder.glob("*.db")))
            j.step("backed-up")

            def restore(dialog: RestoreDialog) -> None:
                j.qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
                press(dialog.restore_button)

            j.expect(RestoreDialog, restore)
            j.trigger(j.entry("Khôi phục"), until=lambda: not window.isVisible())
            asked = [q.title for q in j.questions]
            assert "Khôi phục từ bản sao lưu" in asked and asked[-1] == "Đã khôi phục", asked
            # The window closes after a restore, as the app does; the app is started again.
            services = Services.open(services.db.url, now=services.now)
            try:
                window = j.log_in(services, "quantri", PASSWORD)
                audit_export(j, tmp_path)
            finally:
                services.close()
        else:  # the backup menu is there, its entries disabled
            assert not any(a.isEnabled() for a in window.findChildren(QAction, "backup"))
            audit_export(j, tmp_path)
        assert not j.unexpected, j.unexpected
        registry.journeys.add("admin")
        return j
    finally:
        j.stop()


def audit_export(j: Journey, tmp_path: Path) -> None:
    j.trigger(j.entry("Nhật ký"))
    audit = top_level(AuditView)
    assert audit is not None
    j.click(button(audit, "Xem"))
    j.click(audit.verify_button, until=lambda: audit.verify_button.isEnabled())
    j.step("audit", audit)
    target = tmp_path / "nhat-ky.csv"
    j.expect(QFileDialog, choose_files(target))
    j.click(audit.export_button, until=lambda: audit.op is None and target.exists())
    text = target.read_text(encoding="utf-8-sig")
    assert "tiepnhan2" in text, text[-2000:]
    j.step("audit-exported", audit)


def test_admin_journey(
    qtbot: QtBot, services: Services, registry: Registry, tmp_path: Path
) -> None:
    admin_journey(qtbot, services, registry, tmp_path)


# --- every button and action pressed by some journey ---------------------------------------
# Buttons and actions no journey presses, by registry key ("<owner class> · <text>"), each
# with why it cannot reasonably be in one. Empty: the journeys press every one they show.
NOT_IN_A_JOURNEY: dict[str, str] = {}


def test_every_button_and_action_seen_was_pressed_by_a_journey(
    qtbot: QtBot,
    registry: Registry,
    cups_printer: CupsPrinter,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    clock: Callable[[], object],
) -> None:
    """Runs here the journeys that did not run in this session (this test alone, or on a
    -k selection), each on its own database, then compares."""

    def fresh(name: str) -> Services:
        path = tmp_path / f"{name}.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return Services.open(f"sqlite:///{path}", now=clock)

    runs: dict[str, Callable[[Services], object]] = {
        "front_desk": lambda s: front_desk_journey(qtbot, s, registry, cups_printer, tmp_path),
        "head": lambda s: head_journey(qtbot, s, registry, cups_printer, tmp_path),
        "official": lambda s: official_journey(qtbot, s, registry),
        "admin": lambda s: admin_journey(qtbot, s, registry, tmp_path),
    }
    for role, run in runs.items():
        if role not in registry.journeys:
            services = fresh(role)
            try:
                run(services)
            finally:
                for w in QApplication.topLevelWidgets():
                    w.close()
                services.close()
    assert registry.journeys == set(runs)
    never = sorted(set(registry.seen) - registry.pressed - set(NOT_IN_A_JOURNEY))
    assert not never, "\n".join(f"{k}   (seen at {registry.seen[k]})" for k in never)
    stale = sorted(set(NOT_IN_A_JOURNEY) - set(registry.seen))
    assert not stale, f"allowed but no longer seen: {stale}"


class WindowsShown(QObject):
    """Every widget shown as a window of its own."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(f"{type(watched).__name__} «{getattr(watched, 'text', str)()}»")
        return False


def test_the_case_editor_of_a_head_shows_no_stray_window(
    qtbot: QtBot, services: Services, qapp: QApplication
) -> None:
    """Found by the journeys' registry: the head's "Sửa thời điểm tiếp nhận…" button was
    shown before it had a parent, so it opened for a moment as a window of its own."""
    make_accounts(services)
    code = services.cases.receive(WALK_IN, someone(services, "front_desk")).code
    spy = WindowsShown()
    qapp.installEventFilter(spy)
    try:
        editor = CaseEditor(services, someone(services, "head"), code)
        qtbot.addWidget(editor)
        editor.show()
    finally:
        qapp.removeEventFilter(spy)
    assert editor.correct_received.isVisible()
    assert [w for w in spy.shown if not w.startswith("CaseEditor")] == []


def test_a_confirmation_added_to_a_button_is_answered_yes_and_noted(
    qtbot: QtBot, registry: Registry
) -> None:
    """What keeps the journeys going when a press starts asking first (a confirmation before
    issuing, assigning, deactivating; "unsaved changes?" on Esc): the question is answered
    with its affirmative button and noted with the step it was asked at."""
    answers: list[QMessageBox.StandardButton] = []
    holder = QWidget()
    qtbot.addWidget(holder)
    go = QPushButton("Ban hành", holder)
    go.clicked.connect(
        lambda: answers.append(
            QMessageBox.question(holder, "Ban hành văn bản", "Cấp số 01/PTN?")  # default: No
        )
    )
    holder.show()
    j = Journey(qtbot, registry, "test")
    try:
        j.step_name = "issue"
        j.click(go)
    finally:
        j.stop()
    assert answers == [QMessageBox.StandardButton.Yes]
    assert [(q.where, q.title, q.text) for q in j.questions] == [
        ("issue", "Ban hành văn bản", "Cấp số 01/PTN?")
    ]
