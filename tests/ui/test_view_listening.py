"""Each view reads again only for the changes that concern it (ui/operations.listen, as Anki's
views do in ``on_operation_did_execute``): a change of cases re-reads the lists, the counts,
the dashboard's work of the day and an open case, never the settings; a change of the office
re-reads none of them; letters re-read the register, not the queue; a day off added in the
settings moves deadlines, so the queue, the counts and the open case read again, and the
settings page itself only once.

Which case changed is said (``Changes.case_codes``): an open case reads again when it is its
own (a letter issued for it from another window) or when none is named (an import), not when
another case is saved, while the lists read again for any. People changed in the accounts
window are read by the settings, and those added in the settings show in the accounts window
and the queue's filter. Reads are counted at the services the views call."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from builders import a_case, a_form
from cups_printer import answer_modal, press
from PySide6.QtCore import QDate, QObject, Qt, QThreadPool
from PySide6.QtWidgets import QMessageBox, QPushButton, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.enums import CaseState, Role
from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor
from pakn_desktop.ui import file_names
from pakn_desktop.ui.accounts import AccountsView
from pakn_desktop.ui.audit_view import AuditView
from pakn_desktop.ui.case_editor import CaseEditor
from pakn_desktop.ui.letters_ui import LetterDialog
from pakn_desktop.ui.main_window import MainWindow
from pakn_desktop.ui.portal_import import PortalImportDialog
from pakn_desktop.ui.queue_view import CaseListView
from pakn_desktop.ui.register_view import RegisterView
from pakn_desktop.ui.settings import SettingsView
from pakn_desktop.ui.statistics import StatisticsView
from pakn_desktop.ui.workers import Changes, announce

# What each view reads when it reads again, by the service call that does the reading.
# "editor" is the open case's (the editor reads it whole again); another case's read whole
# counts as "other case".
READS = {
    "queue": ("case_reads", "count_upto"),
    "counts": ("case_reads", "status_counts"),
    "today": ("statistics", "today"),
    "editor": ("case_reads", "get"),
    "calendar": ("calendar", "adjustments"),
    "people": ("office", "users"),
    "register": ("letters", "register_years"),
}


class Scene:
    def __init__(self, qtbot: QtBot, window: MainWindow, editor: CaseEditor, other: str) -> None:
        self.qtbot, self.window, self.editor = qtbot, window, editor
        self.code = editor.detail.code  # the case open in ``editor``
        self.other = other  # another case, not open
        self.reads: Counter[str] = Counter()

    @property
    def queue(self) -> CaseListView:
        return self.window.queue

    @property
    def statistics(self) -> StatisticsView:
        return self.window.statistics

    @property
    def settings(self) -> SettingsView:
        view = self.window.page("settings")
        assert isinstance(view, SettingsView)
        return view

    def settle(self) -> Counter[str]:
        """Until every read started has ended; what was read since the last call."""
        self.qtbot.waitUntil(
            lambda: not self.queue.model.busy and self.statistics.today_op is None,
            timeout=10_000,
        )
        QThreadPool.globalInstance().waitForDone(10_000)
        self.qtbot.wait(20)  # the answers' queued deliveries
        read, self.reads = self.reads, Counter()
        return read

    def announce(self, changes: Changes) -> Counter[str]:
        elsewhere = QObject()  # a dialog of no view's (an import, a batch of letters)
        announce(changes, elsewhere)
        return self.settle()

    def click(self, button: QWidget) -> None:
        assert button.isVisible() and button.isEnabled(), button
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def scene(
    qtbot: QtBot, services: Services, actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Scene]:
    code = services.cases.receive(a_form(), actor).code
    other = services.cases.receive(a_form(title="Đường Lê Lợi ngập nước"), actor).code
    window = MainWindow(services, actor, auto_backup=False, warm_up=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    for key in ("inbox", "queue", "register", "settings"):
        window.page(key)
    window.nav.setCurrentRow(4)  # the dashboard in front: the others are built and hidden
    editor = window.open_case(code)
    qtbot.waitUntil(lambda: editor.detail.complete, timeout=10_000)
    made = Scene(qtbot, window, editor, other)
    made.settle()

    def counted(name: str, read: Callable[..., Any]) -> Callable[..., Any]:
        def counting(*args: Any, **kwargs: Any) -> Any:
            if name == "editor" and args and args[0] != code:
                made.reads["other case"] += 1
            else:
                made.reads[name] += 1
            return read(*args, **kwargs)

        return counting

    for name, (service, method) in READS.items():
        obj = getattr(services, service)
        monkeypatch.setattr(obj, method, counted(name, getattr(obj, method)))
    yield made
    editor.close()


def test_a_change_of_cases_reads_the_lists_the_dashboard_and_the_case_not_the_settings(
    scene: Scene,
) -> None:
    read = scene.announce(Changes(cases=True))
    assert read["queue"] == 2  # the inbox and the queue, behind the dashboard
    assert read["counts"] >= 1 and read["today"] == 1 and read["editor"] == 1
    assert read["calendar"] == read["people"] == read["register"] == 0


def test_a_change_of_the_office_reads_no_list_nor_the_case(scene: Scene) -> None:
    read = scene.announce(Changes(office=True))
    assert not read, read


def test_letters_read_the_register_not_the_queue(scene: Scene) -> None:
    scene.window.nav.setCurrentRow(5)  # the register in front
    scene.settle()
    read = scene.announce(Changes(letters=True))
    assert read["register"] == 1
    assert read["queue"] == read["today"] == read["editor"] == read["calendar"] == 0


def test_the_people_are_read_by_the_settings_when_shown(scene: Scene) -> None:
    read = scene.announce(Changes(people=True))
    assert not read, read  # the settings page is hidden: marked, not read
    scene.window.nav.setCurrentRow(6)
    assert scene.settle()["people"] == 1
    scene.window.nav.setCurrentRow(4)
    scene.window.nav.setCurrentRow(6)  # shown again, nothing changed meanwhile
    assert scene.settle()["people"] == 0


def test_a_day_off_added_in_the_settings_moves_the_queue_and_the_case(
    scene: Scene,
) -> None:
    scene.window.nav.setCurrentRow(6)
    scene.settle()
    settings = scene.settings
    settings.adj_date.setDate(QDate(2026, 5, 4))
    settings.adj_reason.setText("Sửa chữa điện toàn trụ sở")
    add = next(
        b
        for b in settings.findChildren(QPushButton)
        if b.isVisible()
        and b.text().replace("&", "").startswith("Thêm")
        and _in_tab(b, settings.adj_reason)
    )
    scene.qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    read = scene.settle()
    assert "04/05/2026" in [
        settings.holidays.topLevelItem(i).text(0)
        for i in range(settings.holidays.topLevelItemCount())
    ], settings.cal_message.text()
    assert read["queue"] == 2 and read["counts"] >= 1 and read["editor"] == 1
    assert read["calendar"] == 1  # the settings' own read after adding, once
    scene.window.nav.setCurrentRow(4)  # the dashboard: marked stale while hidden
    assert scene.settle()["today"] == 1


def _in_tab(button: QWidget, field: QWidget) -> bool:
    """The button sits in the same tab as the field."""
    return button.parentWidget() is field.parentWidget()


# --- which case changed ---------------------------------------------------------------------
def test_another_case_saved_reads_the_lists_not_this_case(scene: Scene) -> None:
    other = scene.window.open_case(scene.other)
    scene.qtbot.waitUntil(lambda: other.detail.complete, timeout=10_000)
    scene.settle()
    scene.qtbot.keyClicks(other.fields.title, " (lan 2)")
    scene.click(other.save_fields)
    read = scene.settle()
    assert other.detail.title.endswith("(lan 2)"), other.fields_message.text()
    assert read["queue"] == 2 and read["counts"] >= 1 and read["today"] == 1
    assert read["editor"] == 0, read  # the case open beside it did not change
    other.close()


def test_this_case_saved_in_its_editor_is_not_read_again_by_it(scene: Scene) -> None:
    scene.qtbot.keyClicks(scene.editor.fields.title, " (lan 2)")
    scene.click(scene.editor.save_fields)
    read = scene.settle()
    assert scene.editor.detail.title.endswith("(lan 2)")
    assert read["queue"] == 2 and read["editor"] == 0  # it shows its own save already


def _issue_from(scene: Scene, parent: QWidget, code: str) -> LetterDialog:
    """The receipt of ``code`` issued in a letter window opened from ``parent``, with its
    buttons, the confirmation answered."""
    services, actor = scene.window.services, scene.window.actor
    dialog = LetterDialog(services, actor, code, LetterKind.RECEIPT, parent)
    dialog.show()
    scene.qtbot.waitUntil(
        lambda: dialog.op is None and dialog.issue_button.isEnabled(), timeout=10_000
    )
    answer_modal(press("Ban hành"), kind=QMessageBox)
    scene.click(dialog.issue_button)
    scene.qtbot.waitUntil(lambda: dialog.issued is not None, timeout=10_000)
    return dialog


def test_a_letter_issued_for_this_case_elsewhere_reads_it_another_case_s_does_not(
    scene: Scene,
) -> None:
    register = scene.window.page("register")
    mine = _issue_from(scene, register, scene.code)
    read = scene.settle()
    assert read["editor"] == 1 and read["queue"] == 2
    mine.close()
    theirs = _issue_from(scene, register, scene.other)
    read = scene.settle()
    assert read["editor"] == 0 and read["queue"] == 2, read
    theirs.close()


def test_an_answer_closing_this_linked_case_reads_it(scene: Scene) -> None:
    """The answer letter of a case linked as the same PAKN closes this one with it: the
    letter service says which cases it closed, and this case reads again."""
    services, actor = scene.window.services, scene.window.actor
    first = a_case(services, CaseState.ANSWERED, form=a_form(title="Chậm trợ cấp")).code
    services.routing.link_repeat(actor, scene.code, first)
    scene.settle()
    letter = LetterDialog(services, actor, first, LetterKind.ANSWER, scene.window.page("register"))
    letter.show()
    scene.qtbot.waitUntil(
        lambda: letter.op is None and letter.issue_button.isEnabled(), timeout=10_000
    )
    answer_modal(press("Ban hành"), kind=QMessageBox)
    scene.click(letter.issue_button)
    scene.qtbot.waitUntil(lambda: letter.issued is not None, timeout=10_000)
    read = scene.settle()
    assert letter.issued is not None and letter.issued.closed == (scene.code,)
    assert read["editor"] == 1 and str(scene.editor.detail.state) == "closed"
    letter.close()


def test_an_unlink_in_another_editor_reads_the_case_it_named(scene: Scene) -> None:
    services, actor = scene.window.services, scene.window.actor
    services.routing.link_repeat(actor, scene.other, scene.code)
    other = scene.window.open_case(scene.other)
    panel = other.suggestion
    scene.qtbot.waitUntil(lambda: panel.unlink_button.isVisible(), timeout=15_000)
    scene.settle()
    answer_modal(press("Bỏ liên kết"), kind=QMessageBox)
    scene.click(panel.unlink_button)
    assert services.routing.links(actor, scene.other) == []
    read = scene.settle()
    assert read["editor"] == 1 and read["queue"] == 2, read
    other.close()


def test_a_reprint_in_the_register_reads_only_the_case_of_the_letter(
    scene: Scene, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    services, actor = scene.window.services, scene.window.actor
    for code in (scene.other, scene.code):  # the register lists the newest first
        services.letters.issue(code, LetterKind.RECEIPT, actor)
    scene.window.nav.setCurrentRow(5)  # the register in front
    register = scene.window.page("register")
    assert isinstance(register, RegisterView)
    scene.qtbot.waitUntil(lambda: register.model.rowCount() == 2, timeout=10_000)
    scene.settle()
    target = tmp_path / "ban-in.pdf"
    monkeypatch.setattr(file_names, "save_file_name", lambda *_a, **_k: str(target))
    by_code = {register.model.entry(r).case_code: r for r in range(2)}
    for code, reads_editor in ((scene.other, 0), (scene.code, 1)):
        register.table.selectRow(by_code[code])
        scene.click(register.save_button)
        scene.qtbot.waitUntil(lambda: register.op is None, timeout=10_000)
        read = scene.settle()
        assert target.exists()
        assert read["editor"] == reads_editor and read["queue"] == 2, (code, read)
        target.unlink()


def test_an_import_names_no_case_so_the_open_case_reads_again(scene: Scene, tmp_path: Path) -> None:
    menu = next(a for a in scene.window.menuBar().actions() if a.text().replace("&", "") == "Tệp")
    portal = next(a for a in menu.menu().actions() if a.text().startswith("Nhập danh sách PAKN"))
    portal.trigger()
    dialog = scene.window.findChild(PortalImportDialog)
    assert dialog is not None
    assert dialog.load_file(_portal_list(tmp_path / "ds.csv"))
    with scene.qtbot.waitSignal(dialog.imported, timeout=20_000):
        scene.click(dialog.import_button)
    read = scene.settle()
    assert read["editor"] == 1 and read["queue"] == 2
    dialog.close()


def test_a_restore_names_no_case() -> None:
    """The restore announces every kind and no case: every open case reads again (the window
    closes afterwards; the import above drives the same path through the window)."""
    from pakn_desktop.ui.operations import this_case

    restored = Changes(cases=True, letters=True, office=True, calendar=True, people=True)
    assert this_case("26-000001-9")(restored)
    assert not this_case("26-000001-9")(Changes.of_cases("26-000002-7"))
    assert this_case("26-000001-9")(Changes.of_cases("26-000001-9", "26-000002-7"))
    assert this_case("26-000001-9")(Changes(calendar=True))  # deadlines moved
    assert this_case("26-000001-9")(Changes.of_cases(None))  # a letter of no known case


def _portal_list(path: Path) -> Path:
    path.write_text(
        "Mã PAKN,PAKN về việc,Nội dung,Họ và tên,SĐT,Địa chỉ,Ngày gửi\n"
        "G000001,Chậm cấp giấy phép,Nội dung phản ánh về thủ tục cấp phép.,"
        "Phạm Thị Mai,0905 000001,Phường Kon Tum,20/04/2026 10:00\n",
        encoding="utf-8-sig",
    )
    return path


# --- people -----------------------------------------------------------------------------------
def _accounts(scene: Scene) -> AccountsView:
    view = AccountsView(scene.window.services, scene.window.actor)
    scene.qtbot.addWidget(view)
    view.show()
    scene.qtbot.waitExposed(view)
    return view


def test_an_account_saved_in_the_accounts_window_is_read_by_the_settings(scene: Scene) -> None:
    scene.window.nav.setCurrentRow(6)  # the settings in front
    scene.settle()
    accounts = _accounts(scene)
    scene.settle()
    scene.qtbot.keyClicks(accounts.username, "chuyenvien2")
    scene.qtbot.keyClicks(accounts.full_name, "Tran Van Binh")
    accounts.roles[Role.OFFICIAL].setChecked(True)
    scene.qtbot.keyClicks(accounts.password, "mat-khau-dai-du")
    scene.click(accounts.save_button)
    assert accounts.message.text() == "Đã lưu.", accounts.message.text()
    assert scene.settle()["people"] == 1
    people = scene.settings.people
    names = [people.topLevelItem(i).text(0) for i in range(people.topLevelItemCount())]
    assert "Tran Van Binh" in names
    accounts.close()


def test_a_person_added_in_the_settings_shows_in_the_accounts_window_and_the_filter(
    scene: Scene,
) -> None:
    # (QtTest types ASCII only: the names are typed without their accents.)
    accounts = _accounts(scene)
    audit = AuditView(scene.window.services, scene.window.actor)
    scene.qtbot.addWidget(audit)
    audit.show()
    scene.qtbot.keyClicks(accounts.full_name, "Ten dang go")  # typed there, kept
    scene.window.nav.setCurrentRow(6)
    scene.window.activateWindow()
    scene.settle()
    settings = scene.settings
    tabs = settings.findChild(QTabWidget)
    tabs.setCurrentIndex(
        next(i for i in range(tabs.count()) if tabs.tabText(i) == "Đơn vị và cán bộ")
    )
    scene.qtbot.keyClicks(settings.new_name, "Vo Thi Lan")
    scene.qtbot.keyClicks(settings.new_login, "vothilan")
    settings.new_role.setCurrentIndex(settings.new_role.findData(Role.OFFICIAL.value))
    add = next(
        b for b in settings.findChildren(QPushButton) if b.text().replace("&", "") == "Thêm cán bộ"
    )
    scene.click(add)
    assert settings.people_message.text() == "Đã lưu.", settings.people_message.text()
    scene.settle()
    logins = [
        accounts.list.topLevelItem(i).text(0) for i in range(accounts.list.topLevelItemCount())
    ]
    assert "vothilan" in logins
    assert accounts.full_name.text() == "Ten dang go"
    people = [audit.person.itemText(i) for i in range(audit.person.count())]
    assert "Vo Thi Lan (vothilan)" in people
    scene.window.nav.setCurrentRow(2)  # the queue, hidden meanwhile: its filter on show
    scene.settle()
    official = scene.queue.official
    assert any("Vo Thi Lan" in official.itemText(i) for i in range(official.count()))
    accounts.full_name.clear()
    accounts.close()
    audit.close()


def test_a_unit_added_in_the_settings_is_offered_by_the_intake_and_the_filter(
    scene: Scene,
) -> None:
    scene.window.nav.setCurrentRow(0)  # the intake page, built
    scene.window.nav.setCurrentRow(6)
    scene.settle()
    settings = scene.settings
    tabs = settings.findChild(QTabWidget)
    tabs.setCurrentIndex(
        next(i for i in range(tabs.count()) if tabs.tabText(i) == "Đơn vị và cán bộ")
    )
    scene.qtbot.keyClicks(settings.new_unit, "Phong Thanh tra")
    add = next(
        b for b in settings.findChildren(QPushButton) if b.text().replace("&", "") == "Thêm đơn vị"
    )
    scene.click(add)
    assert settings.people_message.text() == "Đã lưu.", settings.people_message.text()
    for row, combo in ((0, lambda: scene.window.intake.unit), (2, lambda: scene.queue.unit)):
        scene.window.nav.setCurrentRow(row)  # hidden when the unit was added: read on show
        scene.settle()
        units = [combo().itemText(i) for i in range(combo().count())]
        assert "Phong Thanh tra" in units, (row, units)


def test_a_closed_window_reads_nothing_again(
    qtbot: QtBot, services: Services, actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A main window closed (and not yet collected) neither hears changes nor counts on its
    timer: it read the counts with its person's log-in for as long as it lived, and a window
    left from an earlier test failed a later one ("Tài khoản thực hiện thao tác không tồn
    tại") when a case editor announced its change."""
    window = MainWindow(services, actor, auto_backup=False, warm_up=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    queue = window.page("queue")
    assert isinstance(queue, CaseListView)
    qtbot.waitUntil(lambda: not queue.model.busy, timeout=10_000)
    QThreadPool.globalInstance().waitForDone(10_000)
    window.close()
    reads: Counter[str] = Counter()
    for name, (service, method) in READS.items():
        real = getattr(getattr(services, service), method)

        def counting(*args: Any, _name: str = name, _real: Any = real, **kwargs: Any) -> Any:
            reads[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(getattr(services, service), method, counting)
    announce(Changes(cases=True, calendar=True, people=True, letters=True))
    QThreadPool.globalInstance().waitForDone(5_000)
    qtbot.wait(50)
    assert not reads, reads
    assert not window.timer.isActive()
