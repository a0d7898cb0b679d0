"""Nothing typed is discarded without asking, and nothing irreversible happens without a
confirmation (issue 21), driven as a person does it: Esc pressed in the window, the window's X
(a close event sent to the window as the window system sends it: spontaneous), the real
buttons, and the question answered by clicking its button. What the database holds is
checked after every answer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from accounts_fixture import staff_actor
from builders import NGA, a_form
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QProgressDialog,
    QWidget,
)
from pytestqt.qtbot import QtBot
from test_window import staff

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.domain.workflow import Action
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor
from pakn_desktop.ui.accounts import AccountsView
from pakn_desktop.ui.case_editor import CaseEditor, InputDialog, ReceivedAtDialog
from pakn_desktop.ui.letters_ui import LetterDialog
from pakn_desktop.ui.login import Session
from pakn_desktop.ui.main_window import MainWindow

FORM = a_form(**NGA, title="Hỏi chế độ trợ cấp", content="Nội dung hỏi về chế độ.")


@dataclass
class Asked:
    """A question box as the person saw it."""

    name: str
    title: str
    text: str
    buttons: list[str]
    default: str


@dataclass
class Answers:
    """Answers the modal questions with the given buttons, in order, by clicking them; a
    question beyond those (one that should not have been asked) is answered with its escape
    button, so a wrong question fails the test instead of hanging it."""

    qtbot: QtBot
    asked: list[Asked] = field(default_factory=list)
    queue: list[str] = field(default_factory=list)
    timer: QTimer = field(default_factory=QTimer)

    def __post_init__(self) -> None:
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def will(self, *buttons: str) -> None:
        self.queue.extend(buttons)

    def _look(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            return
        if isinstance(modal, InputDialog):  # the official's choice: the first one
            modal.buttons.button(modal.buttons.StandardButton.Ok).click()
            return
        if isinstance(modal, (QProgressDialog, ReceivedAtDialog)):  # not questions
            return
        if not isinstance(modal, QMessageBox):
            if isinstance(modal, QDialog):
                modal.reject()
            self.asked.append(Asked(type(modal).__name__, "", "", [], ""))
            return
        default = modal.defaultButton()
        self.asked.append(
            Asked(
                modal.objectName(),
                modal.windowTitle(),
                modal.text(),
                [b.text() for b in modal.buttons()],
                default.text() if default is not None else "",
            )
        )
        wanted = self.queue.pop(0) if self.queue else None
        button: QAbstractButton | None = None
        if wanted is None:
            button = modal.escapeButton()
        else:
            (button,) = [b for b in modal.buttons() if b.text() == wanted]
        assert button is not None
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def answers(qtbot: QtBot) -> Iterator[Answers]:
    a = Answers(qtbot)
    yield a
    a.stop()


def click_x(window: QWidget) -> None:
    """The window's X: the window system's close request reaches the window (QWindow), which
    gives the widget a spontaneous close event, as it does for a real click on the X."""
    handle = window.windowHandle()
    assert handle is not None
    QApplication.sendEvent(handle, QCloseEvent())


def wait_for(qtbot: QtBot, answers: Answers, n: int) -> None:
    qtbot.waitUntil(lambda: len(answers.asked) >= n, timeout=5_000)


def show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)


def editor_on(qtbot: QtBot, services: Services, who: Actor, code: str) -> CaseEditor:
    editor = CaseEditor(services, who, code)
    editor.resize(1366, 768)
    show(qtbot, editor)
    return editor


def stored(services: Services, code: str):  # type: ignore[no-untyped-def]
    return services.case_reads.get(code, staff_actor(services))


UNSAVED = ["Lưu", "Không lưu", "Quay lại"]


# --- the case editor ------------------------------------------------------------------------
def test_the_editor_without_changes_closes_on_escape_and_x_without_asking(
    qtbot: QtBot, services: Services, actor: Actor, answers: Answers
) -> None:
    code = services.cases.receive(FORM, actor).code
    editor = editor_on(qtbot, services, actor, code)
    qtbot.keyClick(editor.fields.address, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    editor = editor_on(qtbot, services, actor, code)
    click_x(editor)
    assert not editor.isVisible()
    assert answers.asked == []


def test_escape_with_a_change_asks_and_going_back_keeps_the_typing(
    qtbot: QtBot, services: Services, actor: Actor, answers: Answers
) -> None:
    case = services.cases.receive(FORM, actor)
    editor = editor_on(qtbot, services, actor, case.code)
    editor.fields.address.setFocus()
    qtbot.keyClicks(editor.fields.address, ", thon 5")
    answers.will("Quay lại")
    qtbot.keyClick(editor.fields.address, Qt.Key.Key_Escape)
    (asked,) = answers.asked
    assert asked.title == "Lưu các thay đổi chưa lưu?"
    assert f"PAKN {case.code}" in asked.text and sorted(asked.buttons) == sorted(UNSAVED)
    assert editor.isVisible() and editor.fields.address.text() == "Xã Đắk Hà, thon 5"
    assert stored(services, case.code).version == case.version


def test_escape_then_save_saves_as_the_save_button_and_closes(
    qtbot: QtBot, services: Services, actor: Actor, answers: Answers
) -> None:
    case = services.cases.receive(FORM, actor)
    editor = editor_on(qtbot, services, actor, case.code)
    editor.fields.address.setFocus()
    qtbot.keyClicks(editor.fields.address, ", thon 5")
    answers.will("Lưu")
    qtbot.keyClick(editor.fields.address, Qt.Key.Key_Escape)
    assert len(answers.asked) == 1 and not editor.isVisible()
    after = stored(services, case.code)
    assert after.address == "Xã Đắk Hà, thon 5" and after.version > case.version
    assert len(after.events) == len(case.events) + 1  # the edit, in the history


def test_the_x_then_dont_save_discards_and_closes(
    qtbot: QtBot, services: Services, actor: Actor, answers: Answers
) -> None:
    case = services.cases.receive(FORM, actor)
    editor = editor_on(qtbot, services, actor, case.code)
    editor.fields.title.setFocus()
    qtbot.keyClicks(editor.fields.title, " (gap)")
    answers.will("Không lưu")
    click_x(editor)
    assert len(answers.asked) == 1 and not editor.isVisible()
    after = stored(services, case.code)
    assert after.title == FORM.title and after.version == case.version


def test_the_x_then_go_back_keeps_the_window(
    qtbot: QtBot, services: Services, actor: Actor, answers: Answers
) -> None:
    case = services.cases.receive(FORM, actor)
    editor = editor_on(qtbot, services, actor, case.code)
    editor.fields.content.setFocus()
    qtbot.keyClicks(editor.fields.content, " Them.")
    answers.will("Quay lại")
    click_x(editor)
    assert len(answers.asked) == 1 and editor.isVisible()
    assert " Them." in editor.fields.content.toPlainText()


def test_save_refused_keeps_the_window_its_message_and_the_typing(
    qtbot: QtBot, services: Services, actor: Actor, answers: Answers
) -> None:
    case = services.cases.receive(FORM, actor)
    editor = editor_on(qtbot, services, actor, case.code)
    editor.fields.email.setFocus()
    qtbot.keyClicks(editor.fields.email, "khong-phai-email")
    answers.will("Lưu")
    qtbot.keyClick(editor.fields.email, Qt.Key.Key_Escape)
    assert len(answers.asked) == 1
    assert editor.isVisible() and editor.fields.email.text() == "khong-phai-email"
    assert "email" in editor.fields.shown_errors()
    assert stored(services, case.code).version == case.version


def test_the_apps_own_close_never_asks(
    qtbot: QtBot, services: Services, actor: Actor, answers: Answers
) -> None:
    """A log-out or a test's teardown closes the window with close(): no question waits."""
    code = services.cases.receive(FORM, actor).code
    editor = editor_on(qtbot, services, actor, code)
    qtbot.keyClicks(editor.fields.address, " 5")
    assert editor.has_unsaved_changes()
    assert editor.close() and not editor.isVisible()
    assert answers.asked == []


def test_an_action_with_typed_changes_asks_first(
    qtbot: QtBot, services: Services, actor: Actor, answers: Answers
) -> None:
    """An action shows the case again (and may end its editing): the typing is asked
    about first; Quay lại does nothing, Lưu saves it and then acts."""
    case = services.cases.receive(FORM, actor)
    editor = editor_on(qtbot, services, actor, case.code)
    accept = editor.buttons[Action.ACCEPT]
    assert accept.isEnabled()
    editor.fields.address.setFocus()
    qtbot.keyClicks(editor.fields.address, ", thon 5")
    answers.will("Quay lại")
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    assert len(answers.asked) == 1 and editor.fields.address.text() == "Xã Đắk Hà, thon 5"
    assert stored(services, case.code).version == case.version
    answers.will("Lưu")
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    after = stored(services, case.code)
    assert after.address == "Xã Đắk Hà, thon 5" and after.state.value == "in_progress"
    assert len(answers.asked) == 2 and not editor.has_unsaved_changes()


def test_typing_survives_the_case_being_shown_again(
    qtbot: QtBot, services: Services, actor: Actor, answers: Answers
) -> None:
    """A corrected receipt time shows the case again: what was typed stays, still unsaved."""
    case = services.cases.receive(FORM, actor)
    editor = editor_on(qtbot, services, actor, case.code)
    editor.fields.address.setFocus()
    qtbot.keyClicks(editor.fields.address, ", thon 5")
    qtbot.mouseClick(editor.correct_received, Qt.MouseButton.LeftButton)
    dialog = editor.findChild(ReceivedAtDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.reason.setPlainText("Ghi nhầm giờ")
    dialog.when.setDateTime(dialog.when.dateTime().addSecs(-3600))
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert editor.detail.version > case.version  # corrected, and the case shown again
    assert editor.fields.address.text() == "Xã Đắk Hà, thon 5" and editor.has_unsaved_changes()
    assert stored(services, case.code).address == FORM.address
    assert answers.asked == []


# --- assigning ------------------------------------------------------------------------------
def test_assigning_asks_first_and_going_back_records_nothing(
    qtbot: QtBot, services: Services, make_actor, answers: Answers
) -> None:  # type: ignore[no-untyped-def]
    head = make_actor("head", username="lanhdao", name="Lê Thị Thu Hà")
    make_actor("official", username="chuyenvien", name="Nguyễn Văn Hùng")
    case = services.cases.receive(FORM, staff_actor(services))
    editor = editor_on(qtbot, services, head, case.code)
    audit_before = len(services.audit.records(services.office.actor()))
    answers.will("Quay lại")
    qtbot.mouseClick(editor.buttons[Action.FORWARD], Qt.MouseButton.LeftButton)
    (asked,) = answers.asked
    assert asked.title == "Giao công chức xử lý"
    first = services.office.officials()[0].full_name  # the choice preselected
    assert case.code in asked.text and first in asked.text
    assert asked.default == "Quay lại" and sorted(asked.buttons) == ["Giao xử lý", "Quay lại"]
    after = stored(services, case.code)
    assert after.official_name in ("", None) and len(after.events) == len(case.events)
    assert len(services.audit.records(services.office.actor())) == audit_before
    answers.will("Giao xử lý")
    qtbot.mouseClick(editor.buttons[Action.FORWARD], Qt.MouseButton.LeftButton)
    assert len(answers.asked) == 2
    assert stored(services, case.code).official_name == first


# --- issuing a letter -----------------------------------------------------------------------
def rejected(services: Services) -> str:
    actor = staff_actor(services)
    code = services.cases.receive(FORM, actor).code
    services.cases.reject(
        code, "Không rõ nội dung.", actor, expected_version=stored(services, code).version
    )
    return code


def idle(qtbot: QtBot, dialog: LetterDialog) -> None:
    qtbot.waitUntil(lambda: dialog.op is None, timeout=15_000)


def test_issuing_asks_first_and_going_back_takes_no_number(
    qtbot: QtBot, services: Services, answers: Answers
) -> None:
    actor = staff_actor(services)
    code = rejected(services)
    events = len(stored(services, code).events)
    dialog = LetterDialog(services, actor, code, LetterKind.REJECTION)
    show(qtbot, dialog)
    idle(qtbot, dialog)
    assert dialog.issue_button.isEnabled()
    answers.will("Quay lại")
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    (asked,) = answers.asked
    assert asked.title == "Ban hành văn bản" and code in asked.text
    assert LetterKind.REJECTION.label in asked.text and "không thể thu hồi" in asked.text
    assert asked.default == "Quay lại"
    idle(qtbot, dialog)
    assert dialog.issued is None and services.letters.register_entries(actor) == []
    assert len(stored(services, code).events) == events
    answers.will("Ban hành")
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.issued is not None, timeout=15_000)
    assert [e.number for e in services.letters.register_entries(actor)] == [1]
    assert len(answers.asked) == 2


# --- the front desk -------------------------------------------------------------------------
def test_the_front_desk_sees_issue_disabled_and_classified_fields_read_only(
    qtbot: QtBot, services: Services, front_desk: Actor, answers: Answers
) -> None:
    code = rejected(services)
    dialog = LetterDialog(services, front_desk, code, LetterKind.REJECTION)
    show(qtbot, dialog)
    idle(qtbot, dialog)
    assert dialog.current_kind is LetterKind.REJECTION
    assert not dialog.issue_button.isEnabled()
    assert "Chỉ Lãnh đạo được ban hành" in dialog.issue_button.toolTip()
    dialog.kind.setCurrentIndex(dialog.kind.findData(LetterKind.RECEIPT.value))
    idle(qtbot, dialog)
    assert dialog.issue_button.isEnabled() and dialog.issue_button.toolTip() == ""
    # The rejected case is classified: the front desk's fields are read-only, Save disabled.
    received = services.cases.receive(FORM, front_desk).code
    services.cases.forward(
        received,
        staff_actor(services).id,
        staff_actor(services),
        expected_version=stored(services, received).version,
    )
    editor = editor_on(qtbot, services, front_desk, received)
    assert editor.fields.address.isReadOnly() and not editor.save_fields.isEnabled()
    fresh = services.cases.receive(FORM, front_desk).code
    editor = editor_on(qtbot, services, front_desk, fresh)
    assert not editor.fields.address.isReadOnly() and editor.save_fields.isEnabled()
    assert answers.asked == []


# --- accounts -------------------------------------------------------------------------------
def accounts_view(qtbot: QtBot, services: Services) -> AccountsView:
    view = AccountsView(services, services.office.actor())
    view.resize(900, 640)
    show(qtbot, view)
    return view


def select(view: AccountsView, username: str) -> None:
    for i in range(view.list.topLevelItemCount()):
        item = view.list.topLevelItem(i)
        if item is not None and item.text(0) == username:
            view.list.setCurrentItem(item)
            return
    raise AssertionError(username)


def test_accounts_close_without_asking_and_ask_with_changes(
    qtbot: QtBot, services: Services, make_actor, answers: Answers
) -> None:  # type: ignore[no-untyped-def]
    make_actor("official", username="chuyenvien", name="Nguyễn Văn Hùng")
    view = accounts_view(qtbot, services)
    select(view, "chuyenvien")
    qtbot.keyClick(view.list, Qt.Key.Key_Escape)
    assert not view.isVisible() and answers.asked == []
    view = accounts_view(qtbot, services)
    select(view, "chuyenvien")
    view.title.setFocus()
    qtbot.keyClicks(view.title, "Chuyen vien")
    answers.will("Quay lại")
    click_x(view)
    assert view.isVisible() and view.title.text() == "Chuyen vien"
    answers.will("Lưu")
    qtbot.keyClick(view.title, Qt.Key.Key_Escape)
    assert not view.isVisible() and len(answers.asked) == 2
    assert sorted(answers.asked[0].buttons) == sorted(UNSAVED)
    admin = services.office.actor()
    (user,) = [u for u in services.accounts.users(admin) if u.username == "chuyenvien"]
    assert user.title == "Chuyen vien"


def test_accounts_dont_save_leaves_the_account_as_it_was(
    qtbot: QtBot, services: Services, make_actor, answers: Answers
) -> None:  # type: ignore[no-untyped-def]
    make_actor("official", username="chuyenvien", name="Nguyễn Văn Hùng")
    view = accounts_view(qtbot, services)
    select(view, "chuyenvien")
    view.roles[Role.HEAD].click()
    answers.will("Không lưu")
    qtbot.keyClick(view.list, Qt.Key.Key_Escape)
    assert not view.isVisible() and len(answers.asked) == 1
    assert services.office.actor("chuyenvien").roles == frozenset({"official"})


def click_row(qtbot: QtBot, view: AccountsView, username: str) -> None:
    """Click the account's row in the list, as a person does."""
    for i in range(view.list.topLevelItemCount()):
        item = view.list.topLevelItem(i)
        if item is not None and item.text(0) == username:
            rect = view.list.visualItemRect(item)
            qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(username)


def test_choosing_another_account_asks_about_the_typed_one(
    qtbot: QtBot, services: Services, make_actor, answers: Answers
) -> None:  # type: ignore[no-untyped-def]
    make_actor("official", username="chuyenvien", name="Nguyễn Văn Hùng")
    make_actor("front_desk", username="tiepnhan", name="Hoàng Thị Yến")
    view = accounts_view(qtbot, services)
    click_row(qtbot, view, "chuyenvien")
    view.title.setFocus()
    qtbot.keyClicks(view.title, "Chuyen vien")
    answers.will("Quay lại")
    click_row(qtbot, view, "tiepnhan")
    (asked,) = answers.asked
    assert "«chuyenvien»" in asked.text
    assert view.username.text() == "chuyenvien" and view.title.text() == "Chuyen vien"
    assert [i.text(0) for i in view.list.selectedItems()] == ["chuyenvien"]
    answers.will("Không lưu")
    click_row(qtbot, view, "tiepnhan")
    assert view.username.text() == "tiepnhan" and len(answers.asked) == 2
    admin = services.office.actor()
    titles = {u.username: u.title for u in services.accounts.users(admin)}
    assert titles["chuyenvien"] == ""
    view.title.setFocus()
    qtbot.keyClicks(view.title, "Tiep nhan")
    answers.will("Lưu")
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert len(answers.asked) == 3 and view.username.text() == ""
    titles = {u.username: u.title for u in services.accounts.users(admin)}
    assert titles["tiepnhan"] == "Tiep nhan"
    click_row(qtbot, view, "chuyenvien")  # nothing typed: no question
    assert view.username.text() == "chuyenvien" and len(answers.asked) == 3


def test_deactivating_asks_first_and_going_back_records_nothing(
    qtbot: QtBot, services: Services, make_actor, answers: Answers
) -> None:  # type: ignore[no-untyped-def]
    make_actor("official", username="chuyenvien", name="Nguyễn Văn Hùng")
    admin = services.office.actor()
    view = accounts_view(qtbot, services)
    select(view, "chuyenvien")
    audit_before = len(services.audit.records(admin))
    answers.will("Quay lại")
    qtbot.mouseClick(view.active_button, Qt.MouseButton.LeftButton)
    (asked,) = answers.asked
    assert asked.title == "Vô hiệu hóa tài khoản"
    assert "«chuyenvien»" in asked.text and "Nguyễn Văn Hùng" in asked.text
    assert asked.default == "Quay lại"
    (user,) = [u for u in services.accounts.users(admin) if u.username == "chuyenvien"]
    assert user.active and len(services.audit.records(admin)) == audit_before
    answers.will("Vô hiệu hóa")
    qtbot.mouseClick(view.active_button, Qt.MouseButton.LeftButton)
    (user,) = [u for u in services.accounts.users(admin) if u.username == "chuyenvien"]
    assert not user.active and len(services.audit.records(admin)) == audit_before + 1
    # Activating again is not irreversible: no question.
    qtbot.mouseClick(view.active_button, Qt.MouseButton.LeftButton)
    assert len(answers.asked) == 2
    assert services.office.actor("chuyenvien").id is not None
    (user,) = [u for u in services.accounts.users(admin) if u.username == "chuyenvien"]
    assert user.active


# --- settings and templates -----------------------------------------------------------------
def settings_window(qtbot: QtBot, services: Services) -> MainWindow:
    window = MainWindow(services, staff(services), auto_backup=False)
    window.resize(1366, 768)
    show(qtbot, window)
    window.nav.setCurrentRow(window.stack.indexOf(window.settings_view))
    qtbot.waitExposed(window.settings_view)
    return window


def test_the_main_window_asks_about_the_settings_changes(
    qtbot: QtBot, services: Services, answers: Answers
) -> None:
    window = settings_window(qtbot, services)
    view = window.settings_view
    place = view.office_fields["place"]
    before = services.office.details().place
    place.setFocus()
    qtbot.keyClicks(place, "Kon Tum")
    answers.will("Quay lại")
    click_x(window)
    assert window.isVisible() and place.text() == before + "Kon Tum"
    (asked,) = answers.asked
    assert "Cài đặt" in asked.text and sorted(asked.buttons) == sorted(UNSAVED)
    answers.will("Không lưu")
    click_x(window)
    assert not window.isVisible() and services.office.details().place == before


def test_settings_save_from_the_question_then_close_without_asking(
    qtbot: QtBot, services: Services, answers: Answers
) -> None:
    window = settings_window(qtbot, services)
    place = window.settings_view.office_fields["place"]
    place.setFocus()
    place.selectAll()
    qtbot.keyClicks(place, "Kon Tum")
    answers.will("Lưu")
    click_x(window)
    assert not window.isVisible() and services.office.details().place == "Kon Tum"
    window = settings_window(qtbot, services)
    click_x(window)
    assert not window.isVisible() and len(answers.asked) == 1


def test_a_typed_add_row_asks_and_save_adds_it_as_its_add_button(
    qtbot: QtBot, services: Services, answers: Answers
) -> None:
    """The settings' "add" rows (an office day's reason, a new unit) hold typing too: the X
    asks; Quay lại keeps it, Lưu adds through the row's own Add, Không lưu adds nothing."""
    window = settings_window(qtbot, services)
    view = window.settings_view
    days_before = len(services.calendar.adjustments())
    view.adj_reason.setFocus()
    qtbot.keyClicks(view.adj_reason, "Nghi dot xuat")
    answers.will("Quay lại")
    click_x(window)
    assert window.isVisible() and view.adj_reason.text() == "Nghi dot xuat"
    assert "Cài đặt" in answers.asked[0].text
    answers.will("Lưu")
    click_x(window)
    assert not window.isVisible()
    (added,) = [a for a in services.calendar.adjustments() if a.reason == "Nghi dot xuat"]
    assert len(services.calendar.adjustments()) == days_before + 1 and not added.working
    units_before = [u.name for u in services.office.units()]
    window = settings_window(qtbot, services)
    window.settings_view.new_unit.setFocus()
    qtbot.keyClicks(window.settings_view.new_unit, "Phong Thu nghiem")
    answers.will("Không lưu")
    click_x(window)
    assert not window.isVisible() and [u.name for u in services.office.units()] == units_before
    assert len(answers.asked) == 3


def test_a_refused_add_row_keeps_the_window_its_message_and_the_typing(
    qtbot: QtBot, services: Services, answers: Answers
) -> None:
    """A person typed without a login name: Lưu is refused by the service, nothing is added,
    the window stays with the service's message and the name as typed."""
    window = settings_window(qtbot, services)
    view = window.settings_view
    people_before = len(services.office.users())
    view.new_name.setFocus()
    qtbot.keyClicks(view.new_name, "Tran Van Moi")
    answers.will("Lưu")
    click_x(window)
    assert window.isVisible() and view.new_name.text() == "Tran Van Moi"
    assert "tên đăng nhập" in view.people_message.text().lower(), view.people_message.text()
    assert len(services.office.users()) == people_before
    answers.will("Không lưu")
    click_x(window)
    assert not window.isVisible() and len(services.office.users()) == people_before


def test_choosing_another_template_asks_about_the_shown_ones_changes(
    qtbot: QtBot, services: Services, answers: Answers
) -> None:
    window = settings_window(qtbot, services)
    view = window.settings_view
    actor = staff(services)
    first = view.template_kind.currentText()
    first_kind = LetterKind(view.template_kind.currentData())
    view.template_subject.setFocus()
    view.template_subject.selectAll()
    qtbot.keyClicks(view.template_subject, "Ve viec tiep nhan")
    answers.will("Quay lại")
    view.template_kind.setFocus()
    qtbot.keyClick(view.template_kind, Qt.Key.Key_Down)
    (asked,) = answers.asked
    assert f"«{first}»" in asked.text
    assert view.template_kind.currentText() == first
    assert view.template_subject.text() == "Ve viec tiep nhan"
    answers.will("Lưu")
    qtbot.keyClick(view.template_kind, Qt.Key.Key_Down)
    assert view.template_kind.currentText() != first
    stored_template = services.letters.template(first_kind, actor).template
    assert stored_template.subject == "Ve viec tiep nhan"
    assert view.template_subject.text() != "Ve viec tiep nhan"  # the next template, as stored
    assert len(answers.asked) == 2


def test_the_main_windows_x_asks_once_about_an_open_case_with_changes(
    qtbot: QtBot, services: Services, answers: Answers
) -> None:
    """Closing the main window ends the app and takes its case windows along: it asks."""
    actor = staff(services)
    window = MainWindow(services, actor, auto_backup=False)
    window.resize(1366, 768)
    show(qtbot, window)
    code = services.cases.receive(FORM, actor).code
    editor = window.open_case(code)
    qtbot.addWidget(editor)  # closed at the end, as a person's windows are
    qtbot.waitExposed(editor)
    qtbot.keyClicks(editor.fields.address, " 5")
    answers.will("Quay lại")
    click_x(window)
    (asked,) = answers.asked
    assert f"PAKN {code}" in asked.text
    assert window.isVisible() and editor.isVisible()
    answers.will("Lưu")
    click_x(window)
    assert not window.isVisible() and len(answers.asked) == 2
    assert stored(services, code).address == "Xã Đắk Hà 5"


# --- switching user -------------------------------------------------------------------------
def test_switching_user_asks_once_and_going_back_keeps_everything(
    qtbot: QtBot, services: Services, answers: Answers
) -> None:
    actor = staff(services)
    window = MainWindow(services, actor, auto_backup=False)
    window.session = Session(window, services, actor, lambda _who: None)  # type: ignore[attr-defined]
    window.resize(1366, 768)
    show(qtbot, window)
    code = services.cases.receive(FORM, actor).code
    editor = window.open_case(code)
    qtbot.addWidget(editor)  # closed at the end, as a person's windows are
    qtbot.waitExposed(editor)
    qtbot.keyClicks(editor.fields.address, " 5")
    answers.will("Quay lại")
    window.session.switch_action.trigger()  # type: ignore[attr-defined]
    (asked,) = answers.asked  # no log-in box: the switch stopped at the question
    assert f"PAKN {code}" in asked.text
    assert window.isVisible() and editor.isVisible()
    assert editor.fields.address.text() == "Xã Đắk Hà 5"
    window.session.stop()  # type: ignore[attr-defined]
