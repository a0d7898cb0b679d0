"""Logging in, the screen lock, switching user, and the window reflecting each role."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from builders import a_form
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.workflow import Action
from pakn_desktop.services import Services
from pakn_desktop.services.accounts import AccountForm
from pakn_desktop.services.views import Actor
from pakn_desktop.ui.login import FirstAdminDialog, LoginDialog, Session, UnlockDialog
from pakn_desktop.ui.main_window import MainWindow

PASSWORD = "Hoa-mai-vang-2026"
FORM = a_form(
    submitter_name="Rơ Chăm Hiếu",
    address="Xã Ia Chim",
    phone="0934555666",
    title="Hỏi chế độ",
    content="Nội dung",
)


def account(services: Services, login: str, *roles: Role) -> Actor:
    services.accounts.create(
        services.office.actor(), AccountForm(login, f"Cán bộ {login}", frozenset(roles)), PASSWORD
    )
    return services.office.actor(login)


def when_modal(qtbot: QtBot, act: Callable[[QDialog], None]) -> None:
    """Run ``act`` on the next modal dialog, as the person at the desk would."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, run)
            return
        assert isinstance(dialog, QDialog)
        act(dialog)

    QTimer.singleShot(0, run)


def window_for(qtbot: QtBot, services: Services, actor: Actor, **kw) -> tuple[MainWindow, Session]:  # type: ignore[no-untyped-def]
    window = MainWindow(services, actor, auto_backup=False)
    qtbot.addWidget(window)
    session = Session(window, services, actor, **kw)
    window.show()
    return window, session


def test_login_dialog_says_why_and_keeps_the_user_name(qtbot: QtBot, services: Services) -> None:
    desk = account(services, "tiepnhan", Role.FRONT_DESK)
    dialog = LoginDialog(services)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "tiepnhan")
    qtbot.keyClicks(dialog.password, "sai-mat-khau")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.actor is None
    assert "không đúng" in dialog.message.text() and "Còn" not in dialog.message.text()
    assert dialog.username.text() == "tiepnhan" and dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.accept()
    assert dialog.actor is not None and dialog.actor.id == desk.id
    assert dialog.password.text() == ""  # the password does not stay in the widget


def test_deactivated_account_is_told_so_at_login(qtbot: QtBot, services: Services) -> None:
    desk = account(services, "tiepnhan", Role.FRONT_DESK)
    admin = services.office.actor()
    v = services.accounts.get(admin, desk.id or 0).version
    services.accounts.deactivate(admin, desk.id or 0, expected_version=v)
    dialog = LoginDialog(services, "tiepnhan")
    qtbot.addWidget(dialog)
    dialog.password.setText(PASSWORD)
    dialog.accept()
    assert dialog.actor is None and "vô hiệu hóa" in dialog.message.text()


def test_first_administrator_dialog(qtbot: QtBot, services: Services) -> None:
    dialog = FirstAdminDialog(services)
    qtbot.addWidget(dialog)
    dialog.form.password.setText("Quan-tri-2026!")
    dialog.form.confirm.setText("Quan-tri-2027!")
    dialog.accept()
    assert dialog.actor is None and "không khớp" in dialog.form.error.text()
    dialog.form.confirm.setText("Quan-tri-2026!")
    dialog.accept()
    assert dialog.actor is not None and not services.accounts.needs_first_admin()


def test_each_role_sees_its_own_pages(qtbot: QtBot, services: Services) -> None:
    desk = account(services, "tiepnhan", Role.FRONT_DESK)
    window, _ = window_for(qtbot, services, desk)
    visible = {
        name
        for name in ("intake", "inbox", "queue", "lookup", "statistics", "settings_view")
        if not window.nav.item(window.stack.indexOf(getattr(window, name))).isHidden()
    }
    assert visible == {"intake", "inbox", "queue", "lookup"}
    backup = [
        a for a in window.findChildren(type(window.actions()[0])) if a.objectName() == "backup"
    ]
    assert backup and not any(a.isEnabled() for a in backup)
    admin = services.office.actor()
    window2, _ = window_for(qtbot, services, admin)
    assert window2.nav.item(window2.stack.indexOf(window2.intake)).isHidden()
    assert not window2.nav.item(window2.stack.indexOf(window2.settings_view)).isHidden()
    assert not window2.nav.currentItem().isHidden()


def test_case_buttons_follow_the_role(qtbot: QtBot, services: Services) -> None:
    desk = account(services, "tiepnhan", Role.FRONT_DESK)
    head = account(services, "lanhdao", Role.HEAD)
    case = services.cases.receive(FORM, desk)
    window, _ = window_for(qtbot, services, desk)
    editor = window.open_case(case.code)
    qtbot.addWidget(editor)
    assert not editor.buttons[Action.REJECT].isEnabled()
    assert not editor.buttons[Action.FORWARD].isEnabled()
    assert editor.save_fields.isEnabled()  # the desk corrects intake until classification
    window2, _ = window_for(qtbot, services, head)
    editor2 = window2.open_case(case.code)
    qtbot.addWidget(editor2)
    assert editor2.buttons[Action.REJECT].isEnabled()


def test_lock_hides_the_window_and_keeps_what_was_typed(qtbot: QtBot, services: Services) -> None:
    desk = account(services, "tiepnhan", Role.FRONT_DESK)
    window, session = window_for(qtbot, services, desk, idle_minutes=1)
    window.intake.fields.submitter_name.setText("Nguyễn Thị Đang Gõ")
    seen: dict[str, object] = {}

    def unlock(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog)
        seen["hidden"] = not window.isVisible()
        dialog.password.setText("sai-mat-khau")
        dialog.accept()  # wrong: stays locked
        seen["message"] = dialog.message.text()
        dialog.reject()  # Escape does not unlock either
        seen["still"] = dialog.isVisible()
        dialog.password.setText(PASSWORD)
        dialog.accept()

    # Idle for longer than the setting: the timer's check locks the screen.
    session.last_activity -= 61
    when_modal(qtbot, unlock)
    session.check_idle()
    assert seen == {"hidden": True, "message": seen["message"], "still": True}
    assert "không đúng" in str(seen["message"])
    assert window.isVisible() and window.intake.fields.submitter_name.text() == "Nguyễn Thị Đang Gõ"


def test_switch_user_from_the_lock(qtbot: QtBot, services: Services) -> None:
    desk = account(services, "tiepnhan", Role.FRONT_DESK)
    head = account(services, "lanhdao", Role.HEAD)
    opened: list[Actor] = []
    window, session = window_for(qtbot, services, desk, switch=opened.append)

    def choose_switch(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog)
        when_modal(qtbot, log_in_as_head)
        dialog._switch()

    def log_in_as_head(dialog: QDialog) -> None:
        if not isinstance(dialog, LoginDialog):  # the lock dialog is still closing
            QTimer.singleShot(20, lambda: log_in_as_head(QApplication.activeModalWidget()))  # type: ignore[arg-type]
            return
        dialog.username.setText("lanhdao")
        dialog.password.setText(PASSWORD)
        dialog.accept()

    when_modal(qtbot, choose_switch)
    assert session.lock() is False
    assert [a.id for a in opened] == [head.id]
    assert not window.isVisible()
    assert not session.timer.isActive()  # the old session no longer locks anything


def test_switch_from_the_lock_asks_before_the_locked_persons_typing_is_dropped(
    qtbot: QtBot, services: Services
) -> None:
    """A case left with typed changes, the screen locked: «Đổi người dùng» on the lock screen
    says what would be dropped; «Quay lại» (the default) keeps the lock screen, and the locked
    person unlocks to find the typing; the other answer drops it and the next person logs in."""
    desk = account(services, "tiepnhan", Role.FRONT_DESK)
    head = account(services, "lanhdao", Role.HEAD)
    opened: list[Actor] = []
    window, session = window_for(qtbot, services, desk, switch=opened.append)
    code = services.cases.receive(FORM, desk).code  # not yet classified: the desk edits it
    editor = window.open_case(code)
    qtbot.addWidget(editor)
    qtbot.waitExposed(editor)
    editor.fields.address.setText("Xã Ia Chim, thôn 3")
    asked: list[str] = []

    def answer(button: str, then: Callable[[QDialog], None]) -> Callable[[QDialog], None]:
        def act(box: QDialog) -> None:
            if not isinstance(box, QMessageBox):  # the lock dialog is still in front
                QTimer.singleShot(20, lambda: act(QApplication.activeModalWidget()))  # type: ignore[arg-type]
                return
            asked.append(box.text())
            assert box.defaultButton().text() == "Quay lại"
            (chosen,) = [b for b in box.buttons() if b.text() == button]
            when_modal(qtbot, then)
            qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)

        return act

    def unlock(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog) and not dialog.switch_requested
        dialog.password.setText(PASSWORD)
        dialog.accept()

    def switch_then(button: str, then: Callable[[QDialog], None]) -> Callable[[QDialog], None]:
        def act(dialog: QDialog) -> None:
            assert isinstance(dialog, UnlockDialog)
            when_modal(qtbot, answer(button, then))
            qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)

        return act

    when_modal(qtbot, switch_then("Quay lại", unlock))
    assert session.lock() is True  # went back, then unlocked by the same person
    assert f"PAKN {code}" in asked[0] and "bỏ các thay đổi" in asked[0]
    assert editor.isVisible() and editor.fields.address.text() == "Xã Ia Chim, thôn 3"
    assert opened == []

    def log_in_as_head(dialog: QDialog) -> None:
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, lambda: log_in_as_head(QApplication.activeModalWidget()))  # type: ignore[arg-type]
            return
        dialog.username.setText("lanhdao")
        dialog.password.setText(PASSWORD)
        dialog.accept()

    when_modal(qtbot, switch_then("Bỏ các thay đổi và đổi người dùng", log_in_as_head))
    assert session.lock() is False
    assert [a.id for a in opened] == [head.id] and len(asked) == 2
    assert services.case_reads.get(code, head).address == "Xã Ia Chim"  # nothing saved


def test_accounts_view_creates_edits_and_resets(qtbot: QtBot, services: Services) -> None:
    from pakn_desktop.ui.accounts import AccountsView

    admin = services.office.actor()
    view = AccountsView(services, admin)
    qtbot.addWidget(view)
    view.username.setText("chuyenvien")
    view.full_name.setText("Nguyễn Văn Hùng")
    view.roles[Role.OFFICIAL].setChecked(True)
    view.password.setText("ngan")
    view.save()
    assert "ít nhất 10" in view.message.text()
    assert view.full_name.text() == "Nguyễn Văn Hùng"  # nothing typed is lost
    view.password.setText(PASSWORD)
    view.save()
    assert services.accounts.authenticate("chuyenvien", PASSWORD).roles == frozenset({"official"})
    view.roles[Role.HEAD].setChecked(True)
    view.save()
    assert services.office.actor("chuyenvien").roles == frozenset({"official", "head"})
    view.toggle_active()
    assert not services.accounts.get(admin, view._selected.id).active  # type: ignore[union-attr]
    assert view.active_button.text() == "Kích hoạt lại"
    view.idle.setValue(3)
    view.save_idle()
    assert services.office.idle_lock_minutes() == 3
    desk = account(services, "tiepnhan", Role.FRONT_DESK)
    _, session = window_for(qtbot, services, desk)
    assert session.idle_seconds == 180


def test_audit_view_filters_exports_and_checks(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    from pakn_desktop.ui.audit_view import AuditView

    desk = account(services, "tiepnhan", Role.FRONT_DESK)
    services.cases.receive(FORM, desk)
    admin = services.office.actor()
    view = AuditView(services, admin)
    qtbot.addWidget(view)
    assert view.list.topLevelItemCount() >= 2
    view.kind.setCurrentIndex(view.kind.findData("case_event"))
    view.refresh()
    assert view.list.topLevelItemCount() == 1
    assert view.list.topLevelItem(0).text(2) == "Cán bộ tiepnhan"
    op = view.export(tmp_path / "nhat-ky.csv")
    assert op is not None
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    assert "case_event" in (tmp_path / "nhat-ky.csv").read_text(encoding="utf-8-sig")
    assert view.status.text() == f"Đã ghi 1 bản ghi vào {tmp_path / 'nhat-ky.csv'}."
    with services.db.engine.begin() as conn:
        conn.execute(text("UPDATE case_events SET summary = 'khác'"))
    view.verify()
    qtbot.waitUntil(lambda: view.verify_button.isEnabled(), timeout=10_000)
    assert "Dòng lịch sử hồ sơ số 1" in view.status.text()


def test_startup_check_warns_the_administrator(qtbot: QtBot, services: Services) -> None:
    desk = account(services, "tiepnhan", Role.FRONT_DESK)
    services.cases.receive(FORM, desk)
    with services.db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor_name = 'Người khác' WHERE seq = 1"))
    _, session = window_for(qtbot, services, desk)
    assert session.chain_warning is None  # the desk is not told
    _, admin_session = window_for(qtbot, services, services.office.actor())
    qtbot.waitUntil(lambda: admin_session.chain_warning is not None, timeout=10_000)
    assert "số 1" in admin_session.chain_warning.text()  # type: ignore[union-attr]


def test_new_windows_fit_a_1366x768_screen(qtbot: QtBot, services: Services) -> None:
    from pakn_desktop.ui.accounts import AccountsView
    from pakn_desktop.ui.audit_view import AuditView

    admin = services.office.actor()
    desk = account(services, "tiepnhan", Role.FRONT_DESK)
    for widget in (
        AccountsView(services, admin),
        AuditView(services, admin),
        LoginDialog(services),
        UnlockDialog(services, desk),
        FirstAdminDialog(services),
    ):
        qtbot.addWidget(widget)
        hint = widget.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 740, type(widget).__name__
