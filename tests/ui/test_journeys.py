"""Each role's day, pressed as a person presses it: the log-in dialog typed and confirmed, then
only the real buttons, menu entries, shortcuts and double-clicks of the main window and the
windows it opens (tests/ui/journey_helpers.py). The database is set up through the services
before the window opens; from then on nothing but the window acts. Printing goes to the CUPS
test printer (tests/ui/cups_printer.py) and each job is checked where it arrived.

The last test lists every button and action the journeys saw a person could press (visible,
enabled, connected) and fails on any no journey pressed, but for the short allow-list below."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cups_printer import CupsPrinter, print_on, require_cups
from journey_helpers import Journey, Registry, ShowHook, button, top_level, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.ui.accounts import AccountsView
from pakn_desktop.ui.audit_view import AuditView
from pakn_desktop.ui.case_editor import CaseEditor, InputDialog
from pakn_desktop.ui.letters_ui import LetterDialog, PdfPages
from pakn_desktop.ui.queue_view import CaseListView
from pakn_desktop.ui.restore_dialog import RestoreDialog

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


def journey_for(qtbot: QtBot, registry: Registry, role: str) -> Iterator[Journey]:
    journey = Journey(qtbot, registry, role)
    try:
        yield journey
    finally:
        journey.stop()
        for w in QApplication.topLevelWidgets():
            if w.isVisible() and not isinstance(w, QMessageBox):
                w.close()


# --- the journeys ------------------------------------------------------------------------------
def front_desk_journey(
    qtbot: QtBot, services: Services, registry: Registry, printer: CupsPrinter
) -> Journey:
    """Intake of a walk-in PAKN → its receipt printed → found again by the person's name."""
    make_accounts(services)
    j = Journey(qtbot, registry, "front_desk")
    try:
        window = j.log_in(services, "tiepnhan", PASSWORD)
        intake = j.page(1)
        fields = intake.fields  # type: ignore[attr-defined]
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
        j.step("intake-typed")
        j.key(fields.content, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        code = intake.code_label.text()  # type: ignore[attr-defined]
        assert code, intake.message.text()  # type: ignore[attr-defined]
        detail = services.cases.get(code, someone(services, "front_desk"))
        assert detail.submitter_name == "Vũ Thị Nga" and detail.channel == "walk_in"
        j.step("intake-saved")

        j.click(intake.open_saved)  # type: ignore[attr-defined]
        editor = top_level(CaseEditor)
        assert editor is not None and editor.detail.code == code
        assert editor.letter_kind.currentData() == "receipt"
        j.step("case-opened", editor)
        j.click(button(editor, "Xem trước, ban hành, in"))
        letter = top_level(LetterDialog)
        assert letter is not None
        wait_idle(qtbot, letter)
        j.click(letter.issue_button, until=lambda: letter.op is None and letter.issued is not None)
        issued = letter.issued
        assert issued is not None and issued.number_text.endswith("/PTN")
        j.step("receipt-issued", letter)
        before = printer.mark()
        j.expect(QPrintDialog, print_on(printer.name))
        j.click(letter.print_button, until=lambda: letter.op is None)
        job = printer.wait_for_job(before)
        assert job.title == letter.default_file_name().removesuffix(".pdf")
        assert job.pages == PdfPages(issued.pdf).page_count
        j.step("receipt-printed", letter)
        j.click(button(letter, "Đóng"))
        j.key(editor, Qt.Key.Key_Escape)
        assert not editor.isVisible()

        lookup = j.page(4)
        lookup.query.setFocus()  # type: ignore[attr-defined]
        qtbot.keyClicks(lookup.query, "vu thi nga")  # type: ignore[attr-defined]
        j.key(lookup.query, Qt.Key.Key_Return)  # type: ignore[attr-defined]
        shown = lookup.result.toPlainText()  # type: ignore[attr-defined]
        assert code in shown and "Vũ Thị Nga" in shown, shown
        j.click(lookup.go)  # type: ignore[attr-defined]
        assert code in lookup.result.toPlainText()  # type: ignore[attr-defined]
        j.step("lookup-by-name")
        assert not j.unexpected, j.unexpected
        registry.journeys.add("front_desk")
        del window
        return j
    finally:
        j.stop()


def test_front_desk_journey(
    qtbot: QtBot, services: Services, registry: Registry, cups_printer: CupsPrinter
) -> None:
    front_desk_journey(qtbot, services, registry, cups_printer)


def input_dialog(
    text: str = "", choose: object = None
) -> Callable[[InputDialog], None]:
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
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        QTest_click(ok)

    return act


def QTest_click(widget) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
    from PySide6.QtTest import QTest

    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_from_list(j: Journey, view: CaseListView, code: str) -> CaseEditor:
    """Find the case's row in a list, select it and press Enter: its editor opens."""
    j.qtbot.waitUntil(lambda: any(
        view.model.index(r, 0).data() == code for r in range(view.model.rowCount())
    ))
    row = next(r for r in range(view.model.rowCount()) if view.model.index(r, 0).data() == code)
    rect = view.table.visualRect(view.model.index(row, 0))
    j.qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    j.key(view.table, Qt.Key.Key_Return)
    editor = top_level(CaseEditor, lambda e: e.detail.code == code)
    assert editor is not None
    j.bring_to_front(editor)
    return editor


def head_journey(
    qtbot: QtBot, services: Services, registry: Registry, printer: CupsPrinter
) -> Journey:
    """Classify a received PAKN → assign it → issue its letter → print it → reprint it from
    the outgoing register → open a statistics figure as its list, with exactly its count."""
    make_accounts(services)
    desk = someone(services, "front_desk")
    code = services.cases.receive(WALK_IN, desk).code
    for i in range(2):  # the period holds more than the one case handled here
        services.cases.receive(
            IntakeForm("citizen", f"Người gửi {i}", "Xã Đắk Hà", f"090000000{i}", "",
                       f"Kiến nghị số {i}", "Nội dung kiến nghị.", "phone"),
            desk,
        )
    official = someone(services, "official")
    j = Journey(qtbot, registry, "head")
    try:
        window = j.log_in(services, "lanhdao", PASSWORD)
        queue = j.page(3)
        assert isinstance(queue, CaseListView)
        j.step("queue")
        editor = open_from_list(j, queue, code)
        j.step("case-received", editor)
        j.click(button(editor, "Tiếp nhận, tham mưu xử lý"))
        assert editor.detail.outcome == "accepted", editor.banner.text()
        j.expect(InputDialog, input_dialog(choose=official.id))
        j.click(button(editor, "Phân công"))
        assert editor.detail.official_name == "Nguyễn Văn Hùng", editor.banner.text()
        j.step("case-assigned", editor)

        j.click(button(editor, "Xem trước, ban hành, in"))
        letter = top_level(LetterDialog)
        assert letter is not None
        wait_idle(qtbot, letter)
        j.click(letter.issue_button, until=lambda: letter.op is None and letter.issued is not None)
        issued = letter.issued
        assert issued is not None and issued.number_text
        j.step("letter-issued", letter)
        before = printer.mark()
        j.expect(QPrintDialog, print_on(printer.name))
        j.click(letter.print_button, until=lambda: letter.op is None)
        job = printer.wait_for_job(before)
        assert job.pages == PdfPages(issued.pdf).page_count
        j.click(button(letter, "Đóng"))
        j.key(editor, Qt.Key.Key_Escape)

        register = j.page(6)
        table = register.table  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: table.model().rowCount() > 0)
        row = next(
            r for r in range(table.model().rowCount())
            if table.model().entry(r).number_text == issued.number_text
        )
        rect = table.visualRect(table.model().index(row, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        j.step("register")
        before = printer.mark()
        j.expect(QPrintDialog, print_on(printer.name))
        j.click(register.print_button, until=lambda: register.op is None)  # type: ignore[attr-defined]
        job = printer.wait_for_job(before)
        assert job.pages == PdfPages(issued.pdf).page_count
        events = [e.summary for e in services.cases.get(code, official).events]
        assert events[-1].startswith("In lại") and issued.number_text in events[-1], events

        stats = j.page(5)
        j.click(stats.compute_button, until=lambda: stats.op is None and stats.stats is not None)  # type: ignore[attr-defined]
        j.step("statistics", stats)
        received = stats.breakdowns.topLevelItem(0)  # type: ignore[attr-defined]
        count = int(received.text(1))
        assert count == 3  # the three PAKN of the period
        j.double_click_item(stats.breakdowns, received)  # type: ignore[attr-defined]
        drill = top_level(CaseListView, lambda v: v.isWindow())
        assert drill is not None
        qtbot.waitUntil(lambda: drill.model.total == count)
        assert drill.model.rowCount() == count
        j.step("statistics-list", drill)
        assert not j.unexpected, j.unexpected
        registry.journeys.add("head")
        del window
        return j
    finally:
        j.stop()


def test_head_journey(
    qtbot: QtBot, services: Services, registry: Registry, cups_printer: CupsPrinter
) -> None:
    head_journey(qtbot, services, registry, cups_printer)


def official_journey(qtbot: QtBot, services: Services, registry: Registry) -> Journey:
    """The official opens the case assigned to them → posts progress → records the result."""
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
        j.expect(InputDialog, input_dialog("Đã sửa xong đoạn đường sạt lở ngày 20/4/2026."))
        j.click(button(editor, "Ghi nhận kết quả"))
        detail = services.cases.get(code, official)
        assert detail.result_text == "Đã sửa xong đoạn đường sạt lở ngày 20/4/2026."
        assert editor.detail.result_text == detail.result_text
        j.step("result-recorded", editor)
        assert not j.unexpected, j.unexpected
        registry.journeys.add("official")
        del window
        return j
    finally:
        j.stop()


def test_official_journey(qtbot: QtBot, services: Services, registry: Registry) -> None:
    official_journey(qtbot, services, registry)


def save_as(path: Path) -> Callable[[QFileDialog], None]:
    def act(dialog: QFileDialog) -> None:
        dialog.selectFile(str(path))
        dialog.accept()

    return act


def admin_journey(
    qtbot: QtBot, services: Services, registry: Registry, tmp_path: Path
) -> Journey:
    """Accounts (a new account made) → a backup → restored from it → the audit log exported."""
    make_accounts(services)
    j = Journey(qtbot, registry, "admin")
    try:
        window = j.log_in(services, "quantri", PASSWORD)
        j.step("start")
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
        made = {u.username: u for u in services.accounts.users(someone(services, "admin"))}
        assert "tiepnhan2" in made and made["tiepnhan2"].roles == frozenset({"front_desk"}), (
            accounts.message.text()
        )
        j.step("account-made", accounts)
        accounts.close()

        folder = window.backup_folder()
        j.trigger(j.entry("Sao lưu ngay"), until=lambda: any(folder.glob("*.db")))
        (backup,) = folder.glob("*.db")
        j.step("backed-up")
        if services.backups.available:
            def restore(dialog: RestoreDialog) -> None:
                qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
                QTest_click(dialog.restore_button)

            j.expect(RestoreDialog, restore)
            j.trigger(j.entry("Khôi phục"), until=lambda: not window.isVisible())
            asked = [q.title for q in j.questions]
            assert "Khôi phục từ bản sao lưu" in asked[0] and "Đã khôi phục" in asked[-1], asked
            # The window closed after restoring, as the app does; it is started again.
            services = Services.open(services.db.url)  # type: ignore[attr-defined]
            window = j.log_in(services, "quantri", PASSWORD)
        j.trigger(j.entry("Nhật ký"))
        audit = top_level(AuditView)
        assert audit is not None
        j.step("audit", audit)
        target = tmp_path / "nhat-ky.csv"
        j.expect(QFileDialog, save_as(target))
        j.click(audit.export_button, until=lambda: audit.op is None and target.exists())
        rows = list(csv.reader(target.open(encoding="utf-8-sig")))
        text = "\n".join(",".join(r) for r in rows)
        assert "tiepnhan2" in text, text[-2000:]
        j.step("audit-exported", audit)
        assert not j.unexpected, j.unexpected
        registry.journeys.add("admin")
        del window, backup
        return j
    finally:
        j.stop()


def test_admin_journey(
    qtbot: QtBot, services: Services, registry: Registry, tmp_path: Path
) -> None:
    admin_journey(qtbot, services, registry, tmp_path)
