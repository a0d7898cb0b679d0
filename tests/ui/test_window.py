"""The window driven as a person would: keyboard intake, classification, handling, answer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from accounts_fixture import staff_actor
from cups_printer import answer_modal, press
from page_reads import listed, row_shown
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.enums import CaseState, DeadlineStatus, Role
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.domain.workflow import Action
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor
from pakn_desktop.ui.case_model import CaseTableModel, Column
from pakn_desktop.ui.main_window import MainWindow


def staff(services: Services, login: str = "canbo", name: str = "Cán bộ thử nghiệm") -> Actor:
    """One person holding every role (the window tests are about the window, not roles);
    made on first use."""
    if login not in {u.username for u in services.office.users(include_inactive=True)}:
        unit = services.office.units()[0]
        services.office.add_user(
            login, name, frozenset(Role), unit_id=unit.id, actor=services.office.actor()
        )
    return services.office.actor(login)


def make_window(qtbot: QtBot, services: Services, actor: Actor | None = None) -> MainWindow:
    window = MainWindow(services, actor or staff(services), auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=3000)
    return window


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Key presses carrying each character, as a Vietnamese keyboard (IME) delivers them.
    QTest.keyClicks only knows ASCII keys."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def type_into(qtbot: QtBot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    type_text(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def test_phone_pakn_by_keyboard_then_handled_to_the_answer(
    qtbot: QtBot, services: Services
) -> None:
    # She receives, classifies to herself, handles and answers (she holds every role).
    lan = staff(services, "ntlan", "Nguyễn Thị Lan")
    window = make_window(qtbot, services, lan)
    form = window.intake
    assert window.windowTitle().startswith("PAKN Desktop — Tiếp nhận")
    # The phone channel is the default; type the person's details field by field with Tab.
    form.fields.submitter_name.setFocus()
    type_into(qtbot, form.fields.submitter_name, "Phạm Văn Đức")
    type_into(qtbot, form.fields.address, "Thôn 2, xã Đắk Tô, tỉnh Quảng Ngãi")
    type_into(qtbot, form.fields.phone, "0905.111.222")
    qtbot.keyClick(form.fields.email, Qt.Key.Key_Tab)
    type_into(qtbot, form.fields.title, "Chậm chi trả trợ cấp thất nghiệp")
    type_text(form.fields.content, "Đã nộp hồ sơ hơn 20 ngày, gọi lại số 0905 111 222.")
    # Personal data in the published content is flagged and can be moved out.
    assert form.fields.content_privacy.isVisibleTo(form)
    qtbot.mouseClick(form.fields.content_privacy.move_button, Qt.MouseButton.LeftButton)
    assert "0905 111 222" not in form.fields.content.toPlainText()
    assert "0905 111 222" in form.fields.private_note.toPlainText()
    qtbot.keyClick(form.fields.content, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    code = form.code_label.text()
    assert form.message.text() == "Đã lưu.", (
        form.message.text(),
        {k: v.text() for k, v in form.fields.errors.items()},
    )
    assert form.result.isVisibleTo(form) and code.startswith("26-")  # the clock says 2026
    stored = services.case_reads.get(code, staff_actor(services))
    assert stored.state is CaseState.RECEIVED and stored.channel == "phone"
    assert stored.phone == "0905 111 222" and "[số điện thoại]" in stored.content
    assert form.fields.submitter_name.text() == ""  # ready for the next caller

    # The inbox lists it; Enter opens the editor.
    window.nav.setCurrentRow(1)
    window.inbox.refresh()
    qtbot.waitUntil(lambda: not window.inbox.model.busy)  # read on a worker
    assert window.inbox.model.row_at(0).code == code
    editor = window.open_case(code)
    qtbot.addWidget(editor)
    assert editor.buttons[Action.FORWARD].isEnabled()
    assert not editor.buttons[Action.PUBLISH_ANSWER].isEnabled()
    assert editor.do_action(Action.FORWARD, lan.id)
    assert editor.do_action(Action.POST_PROGRESS, "Đang xác minh với Bảo hiểm xã hội tỉnh.")
    assert editor.do_action(Action.RECORD_RESULT, "Đã chi trả ngày 20/11.")
    assert editor.buttons[Action.PUBLISH_ANSWER].isEnabled()
    assert editor.do_action(Action.PUBLISH_ANSWER, "Sở đã chi trả trợ cấp cho Ông.")
    final = services.case_reads.get(code, staff_actor(services))
    assert final.state is CaseState.ANSWERED and final.official_name == "Nguyễn Thị Lan"
    assert editor.header.text().count(code) == 1 and "Đã trả lời" in editor.header.text()
    assert editor.history.topLevelItemCount() == len(final.events) == 5
    assert editor.letter_kind.currentData() == "answer"  # the letter this action calls for


def test_invalid_intake_keeps_what_was_typed(qtbot: QtBot, services: Services) -> None:
    window = make_window(qtbot, services)
    form = window.intake
    type_text(form.fields.submitter_name, "Lê Thị Hồng")
    qtbot.keyClicks(form.fields.phone, "12345")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.fields.errors["phone"].isVisibleTo(form)
    assert "Số điện thoại" in form.fields.errors["phone"].text()
    assert form.fields.errors["address"].text().startswith("Vui lòng")
    assert (
        form.fields.submitter_name.text() == "Lê Thị Hồng" and form.fields.phone.text() == "12345"
    )
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 0


def test_stale_edit_keeps_typed_text(qtbot: QtBot, services: Services) -> None:
    from pakn_desktop.domain.validation import IntakeForm

    actor = staff(services)
    case = services.cases.receive(
        IntakeForm(
            "citizen",
            "Lý Văn Tài",
            "Xã Ia Chim",
            "0912000111",
            "",
            "Hỏi thủ tục",
            "Nội dung",
            "walk_in",
        ),
        actor,
    )
    window = make_window(qtbot, services)
    editor = window.open_case(case.code)
    qtbot.addWidget(editor)
    services.cases.edit(
        case.code,
        IntakeForm(
            "citizen",
            "Lý Văn Tài",
            "Xã Ia Chim",
            "0912000111",
            "",
            "Hỏi thủ tục cấp phép",
            "Nội dung",
            "walk_in",
        ),
        actor,
        expected_version=case.version,
    )
    editor.fields.title.setText("Tiêu đề của tôi")
    editor.save_edit()
    assert "vừa được người khác cập nhật" in editor.banner.text()
    assert editor.fields.title.text() == "Hỏi thủ tục cấp phép"  # reloaded from the other desk
    editor._reapply()
    assert editor.fields.title.text() == "Tiêu đề của tôi"


def test_lookup_reads_public_history(qtbot: QtBot, services: Services) -> None:
    from pakn_desktop.domain.validation import IntakeForm

    case = services.cases.receive(
        IntakeForm(
            "citizen",
            "Đỗ Thị Mai",
            "Phường Kon Tum",
            "0988777666",
            "",
            "Hỏi tiến độ",
            "Nội dung",
            "phone",
        ),
        staff(services),
    )
    window = make_window(qtbot, services)
    window.lookup.query.setText(case.code)
    with qtbot.waitSignal(window.lookup.shown, timeout=5000):
        window.lookup.lookup()
    html = window.lookup.result.toPlainText()
    assert (
        case.code in html and "Chờ xử lý" in html and "Tiếp nhận PAKN qua kênh Điện thoại" in html
    )
    # By phone: codes, dates and states only (issue 12).
    window.lookup.query.setText("0988 777 666")
    with qtbot.waitSignal(window.lookup.shown, timeout=5000):
        window.lookup.lookup()
    html = window.lookup.result.toPlainText()
    assert case.code in html and "Chờ xử lý" in html and "Hỏi tiến độ" not in html
    window.lookup.query.setText("khong-co")
    with qtbot.waitSignal(window.lookup.shown, timeout=5000):
        window.lookup.lookup()
    assert "Không tìm thấy" in window.lookup.result.toPlainText()


def test_case_model_passes_modeltester_and_colours(
    qtmodeltester, qtbot, services: Services
) -> None:  # type: ignore[no-untyped-def]
    from pakn_desktop.demo import generate_demo

    generate_demo(services, 450, seed=5, today=services.now().date())
    model = listed(qtbot, CaseTableModel(services.case_reads, staff_actor(services), CaseFilter()))
    assert model.rowCount() == 450 and model.pages_held == 1  # one page read until asked
    qtmodeltester.check(model)
    model.sort(Column.RECEIVED, Qt.SortOrder.DescendingOrder)
    assert model.busy and model.row_at(0) is None  # read on a worker: «…» meanwhile
    qtbot.waitUntil(lambda: not model.busy)
    first = model.row_at(0)
    assert first is not None
    assert all(first.received_at >= model.row_at(i).received_at for i in range(1, 200))  # type: ignore[union-attr]
    for row in range(0, model.rowCount(), 200):
        row_shown(qtbot, model, row)  # at once on SQLite; by a worker on PostgreSQL
    statuses = {model.row_at(i).status for i in range(model.rowCount())}  # type: ignore[union-attr]
    assert DeadlineStatus.DONE in statuses
    text = model.data(model.index(0, Column.DEADLINE))
    assert any(mark in text for mark in ("⚠", "◐", "✓", "‖", "■"))


def test_letter_dialog_previews_issues_and_prints(
    qtbot: QtBot, services: Services, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from pakn_desktop.domain.validation import IntakeForm
    from pakn_desktop.letters.templates import LetterKind
    from pakn_desktop.ui.letters_ui import (
        letters_issued_on,
        print_letters,
        print_pdf,
    )

    actor = staff(services)
    case = services.cases.receive(
        IntakeForm(
            "citizen",
            "Vũ Thị Nga",
            "Xã Đắk Hà",
            "0977123456",
            "",
            "Hỏi chế độ",
            "Nội dung",
            "walk_in",
        ),
        actor,
    )
    services.cases.ask_clarification(
        case.code, "Bản sao quyết định.", actor, expected_version=case.version
    )
    window = make_window(qtbot, services)
    editor = window.open_case(case.code)
    qtbot.addWidget(editor)
    dialog = editor.preview_letter()
    qtbot.addWidget(dialog)
    assert dialog.current_kind is LetterKind.CLARIFICATION  # the action just taken calls for it
    qtbot.waitUntil(lambda: dialog.op is None, timeout=15_000)  # composed off the GUI thread
    assert dialog._pages is not None and dialog._pages.page_count >= 1
    assert dialog.issue() is not None
    qtbot.waitUntil(lambda: dialog.op is None, timeout=15_000)
    letter = dialog.issued
    assert letter is not None and letter.number == 1 and "01/" in dialog.message.text()
    assert any(e.action == "letter_issued" for e in editor.detail.events)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(printer, letter.pdf) == len(PdfReader(tmp_path / "printed.pdf").pages)
    dialog.kind.setCurrentIndex(dialog.kind.findData("receipt"))
    qtbot.waitUntil(lambda: dialog.op is None, timeout=15_000)
    assert dialog.issue() is not None
    qtbot.waitUntil(lambda: dialog.op is None, timeout=15_000)
    today = letters_issued_on(services, actor, services.now().date())
    assert len(today) == 2
    batch = QPrinter()
    batch.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    batch.setOutputFileName(str(tmp_path / "today.pdf"))
    assert print_letters(window, batch, today) == 2
    assert len(PdfReader(tmp_path / "today.pdf").pages) >= 2


def test_settings_add_office_day_off_and_edit_template(qtbot: QtBot, services: Services) -> None:
    from PySide6.QtCore import QDate

    window = make_window(qtbot, services)
    view = window.settings_view
    view.adj_date.setDate(QDate(2026, 5, 4))
    view.adj_reason.setText("Nghỉ theo quyết định của UBND tỉnh")
    view.add_adjustment()
    assert "Đã lưu" in view.cal_message.text()
    assert any(a.day.isoformat() == "2026-05-04" for a in services.calendar.adjustments())
    view.template_kind.setCurrentIndex(view.template_kind.findData("progress"))
    view.template_body.setPlainText("Sai trường {khong_co}")
    view.save_template()
    assert "{khong_co}" in view.template_message.text()
    view.template_body.setPlainText("Kính báo {nguoi_nhan}.")
    view.save_template()
    assert view.template_message.text() == "Đã lưu."
    view.reset_template()
    assert "{co_quan}" in view.template_body.toPlainText()


def test_first_run_wizard_sets_up_the_office(qtbot: QtBot, services: Services) -> None:
    from pakn_desktop.ui.first_run import FirstRunWizard

    assert services.office.needs_setup()
    wizard = FirstRunWizard(services)
    qtbot.addWidget(wizard)
    wizard.admin_form.password.setText("mat-khau-quan-tri")
    wizard.admin_form.confirm.setText("mat-khau-quan-tri")
    wizard.province.setText("Gia Lai")  # today's province of the governing body
    wizard.fields["agency"].setText("Sở Nội vụ")
    wizard.fields["symbol"].setText("SNV-VP")
    wizard.units.setPlainText("Văn phòng Sở\nPhòng Công chức")
    wizard.people.setPlainText(
        "Trần Văn Bình; lãnh đạo; Chánh Văn phòng; Văn phòng Sở\n"
        "Lê Thị Cúc; xử lý; Chuyên viên; Phòng Công chức"
    )
    wizard.accept()
    assert not services.office.needs_setup()
    assert services.accounts.authenticate("admin", "mat-khau-quan-tri").id == wizard.admin.id  # type: ignore[union-attr]
    assert services.office.details().symbol == "SNV-VP"
    assert services.office.details().place == "Gia Lai"
    people = {u.full_name: u for u in services.office.users()}
    assert people["Trần Văn Bình"].role == "head" and people["Lê Thị Cúc"].role == "official"
    units = {u.id: u.name for u in services.office.units()}
    assert units[people["Lê Thị Cúc"].unit_id] == "Phòng Công chức"  # type: ignore[index]


def test_first_run_wizard_can_be_skipped(qtbot: QtBot, services: Services) -> None:
    from pakn_desktop.ui.first_run import FirstRunWizard

    wizard = FirstRunWizard(services)
    qtbot.addWidget(wizard)
    wizard.skip()  # not without the administrator's password
    assert services.office.needs_setup() and "ít nhất 10 ký tự" in wizard.admin_form.error.text()
    wizard.admin_form.password.setText("mat-khau-quan-tri")
    wizard.admin_form.confirm.setText("mat-khau-quan-tri")
    wizard.skip()
    assert not services.office.needs_setup()
    assert services.office.details().symbol == "SNV-VP"


def test_statistics_view_shows_figures_and_opens_overdue(
    qtbot: QtBot, services: Services, clock
) -> None:  # type: ignore[no-untyped-def]
    from report_fixture import at, build

    from pakn_desktop.reports.stats import quarter

    build(services, clock)
    window = make_window(qtbot, services)
    view = window.statistics
    view.period.setCurrentIndex(view.period.findText("Quý 2/2026"))
    assert view.dates() == quarter(2026, 2)
    view.show_stats(services.statistics.figures(*quarter(2026, 2)))
    text = view.figures.text()
    assert (
        "<b>Tiếp nhận:</b> <a href='received'>6</a>" in text
        and "60,0%" in text
        and "<b>Điểm chỉ số 8:</b> 0" in text
    )
    qtbot.waitUntil(lambda: view.today_op is None)  # the first read, begun on opening
    view.refresh_today()
    qtbot.waitUntil(lambda: view.today_op is None)  # read on a worker
    assert view.today.topLevelItemCount() == 1
    shown: list = []
    view.show_cases.connect(lambda f, title: shown.append(window.show_cases(f, title)))
    for link, expected in (("received", 6), ("handled", 5), ("ontime", 3), ("late", 2)):
        view._link(link)
        qtbot.addWidget(shown[-1])
        assert listed(qtbot, shown[-1].model).total == expected, link
    late_codes = {shown[-1].model.row_at(i).code for i in range(2)}  # type: ignore[union-attr]
    assert len(late_codes) == 2
    # Q2 is over: no figure of today in it. The quarter of today opens its overdue cases
    # in a list of their own, as every other figure; the window stays on the dashboard.
    assert "overdue" not in text
    view.show_stats(services.statistics.figures(*quarter(2026, 3)))
    page = window.nav.currentRow()
    view._link("overdue")
    qtbot.addWidget(shown[-1])
    assert listed(qtbot, shown[-1].model).total == 1
    assert window.nav.currentRow() == page
    assert at("2026-01-01").year == 2026


def test_dashboard_numbers_open_the_cases_behind_them(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, clock
) -> None:
    from report_fixture import build

    from pakn_desktop.reports.stats import quarter

    build(services, clock)
    window = make_window(qtbot, services)
    view = window.statistics
    view.period.setCurrentIndex(view.period.count() - 1)  # custom
    view.start.setDate(view.start.date().fromString("01/04/2026", "dd/MM/yyyy"))
    view.end.setDate(view.end.date().fromString("30/06/2026", "dd/MM/yyyy"))
    view.show_stats(services.statistics.figures(*quarter(2026, 2)))
    channel_group = view.breakdowns.topLevelItem(1)
    assert channel_group is not None
    email = next(
        channel_group.child(i)
        for i in range(channel_group.childCount())
        if channel_group.child(i).text(0) == "Thư điện tử"
    )
    shown: list = []
    view.show_cases.connect(lambda f, title: shown.append(window.show_cases(f, title)))
    view._drill(email, 0)
    (drill,) = shown
    qtbot.addWidget(drill)
    assert listed(qtbot, drill.model).total == int(email.text(1)) == 1
    assert drill.model.row_at(0).channel == "email"  # type: ignore[union-attr]
    everything = view.breakdowns.topLevelItem(0)
    view._drill(everything, 0)
    qtbot.addWidget(shown[-1])
    assert listed(qtbot, shown[-1].model).total == 6  # received in Q2, whatever their state


def test_classify_and_progress_through_the_dialogs_by_keyboard(
    qtbot: QtBot, services: Services
) -> None:
    from PySide6.QtCore import QTimer

    from pakn_desktop.domain.validation import IntakeForm
    from pakn_desktop.ui.case_editor import InputDialog

    htlan = staff(services, "htlan", "Hồ Thị Lan")
    case = services.cases.receive(
        IntakeForm(
            "citizen",
            "Mai Văn Tư",
            "Xã Ia Chim",
            "0934111222",
            "",
            "Hỏi chế độ",
            "Nội dung",
            "phone",
        ),
        htlan,
    )
    window = make_window(qtbot, services, htlan)
    editor = window.open_case(case.code)
    qtbot.addWidget(editor)

    def answer(keys: list, text: str = "") -> None:  # type: ignore[type-arg]
        def act() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, InputDialog)
            if dialog.combo is not None:
                for key in keys:
                    qtbot.keyClick(dialog.combo, key)
            if dialog.text is not None and text:
                type_text(dialog.text, text)
            dialog.accept()

        QTimer.singleShot(0, act)

    answer([])  # the only official is preselected
    answer_modal(press("Giao xử lý"), kind=QMessageBox)  # then assigning asks to confirm
    editor.buttons[Action.FORWARD].setFocus()
    qtbot.keyClick(editor.buttons[Action.FORWARD], Qt.Key.Key_Space)
    assert services.case_reads.get(case.code, staff_actor(services)).official_name == "Hồ Thị Lan"
    answer([], "Đã liên hệ Bảo hiểm xã hội tỉnh.")
    qtbot.keyClick(editor.buttons[Action.POST_PROGRESS], Qt.Key.Key_Space)
    detail = services.case_reads.get(case.code, staff_actor(services))
    assert detail.events[-1].summary.endswith("Đã liên hệ Bảo hiểm xã hội tỉnh.")
    assert editor.history.topLevelItemCount() == 3


def test_backup_now_from_the_menu(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    window = make_window(qtbot, services)
    if not services.backups.available:  # PostgreSQL: the menu is disabled, pg_dump instead
        (backup,) = [a for a in window.menuBar().actions() if a.text() == "&Sao lưu"]
        assert not backup.menu().actions()[0].isEnabled()  # type: ignore[union-attr]
        return
    QSettings().setValue("backup/folder", str(tmp_path / "copies"))
    op = window.backup_now()  # off the GUI thread
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    (copy,) = (tmp_path / "copies").glob("pakn-*.db")
    assert services.backups.verify(copy, services.office.actor()).cases == 0
    assert str(copy) in window.statusBar().currentMessage()


def test_settings_calendar_changed_at_another_desk_is_reloaded_not_overwritten(
    qtbot: QtBot, services: Services, db_url: str, clock
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    window = make_window(qtbot, services)
    window.resize(1366, 768)
    view = window.settings_view
    other = Services.open(db_url, now=clock)  # another desk, same database
    try:
        other.calendar.add_day_off(
            date(2026, 5, 5),
            "Desk B",
            other.office.actor(),
            expected_version=other.calendar.version(),
        )
    finally:
        other.close()
    view.adj_date.setDate(QDate(2026, 5, 4))
    view.adj_reason.setText("Nghỉ theo quyết định của UBND tỉnh")
    view.add_adjustment()
    assert "người khác thay đổi" in view.cal_message.text()
    assert [a.reason for a in services.calendar.adjustments()] == ["Desk B"]
    assert view.adj_reason.text() == "Nghỉ theo quyết định của UBND tỉnh"  # nothing typed lost
    shown = [
        view.holidays.topLevelItem(i).text(2) for i in range(view.holidays.topLevelItemCount())
    ]
    assert any("Desk B" in s for s in shown)  # the calendar as it is now
    view.add_adjustment()  # reloaded: saved now
    assert "Đã lưu" in view.cal_message.text()
    assert len(services.calendar.adjustments()) == 2


def test_an_administrators_window_reads_no_case(qtbot: QtBot, services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    """The table gives administrators no case: their window neither shows nor asks for one
    (the services would refuse), and the case pages are hidden."""
    from pakn_desktop.ui.login import reflect_roles

    services.cases.receive(
        IntakeForm(
            "citizen", "Lê Văn Tám", "Xã Đắk Hà", "0905 135 791", "", "Hỏi", "Nội dung.", "walk_in"
        ),
        staff(services),
    )
    window = make_window(qtbot, services, admin)
    for view in (window.inbox, window.queue):
        assert view.model.rowCount() == 0 and not view.model.may_read
        view.refresh()  # a change notice: still nothing read, nothing refused
    assert window.counts_label.text() == ""
    reflect_roles(window, services, admin)
    for page in (window.inbox, window.queue, window.lookup, window.intake):
        assert window.nav.item(window.stack.indexOf(page)).isHidden()
    # The same window for the front desk lists the case.
    desk = make_window(qtbot, services, staff(services))
    assert listed(qtbot, desk.queue.model).rowCount() == 1
    qtbot.waitUntil(lambda: desk.counts_label.text() != "", timeout=10_000)  # in the background


def test_an_officials_inbox_holds_the_cases_assigned_to_them(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, head, official_actor
) -> None:
    """An official cannot classify: their "Hộp thư đến" lists the open cases assigned to them
    (not every new PAKN); a head's lists the new PAKN waiting to be classified."""
    desk = staff(services)

    def receive(name: str) -> str:
        return services.cases.receive(
            IntakeForm(
                "citizen", name, "Xã Đắk Hà", "0905 135 791", "", "Hỏi", "Nội dung.", "walk_in"
            ),
            desk,
        ).code

    mine, new = receive("Lê Văn Tám"), receive("Phan Thị Chín")
    case = services.case_reads.get(mine, head)
    services.cases.accept(mine, head, official_id=official_actor.id, expected_version=case.version)
    window = make_window(qtbot, services, official_actor)
    listed(qtbot, window.inbox.model)
    assert [window.inbox.model.row_at(i).code for i in range(window.inbox.model.rowCount())] == [  # type: ignore[union-attr]
        mine
    ]
    boss = make_window(qtbot, services, head)
    listed(qtbot, boss.inbox.model)
    assert [boss.inbox.model.row_at(i).code for i in range(boss.inbox.model.rowCount())] == [  # type: ignore[union-attr]
        new
    ]
