"""What the window leaves until after it is shown: the dashboard is built when first opened
(through the page list), the status bar's counts arrive from the background and
equal the ones read at once, and a person without the statistics permission still never sees
the page."""

from __future__ import annotations

import sys

from page_reads import listed
from pytestqt.qtbot import QtBot

from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.enums import Role
from pakn_desktop.services import Services
from pakn_desktop.ui.login import reflect_roles
from pakn_desktop.ui.main_window import MainWindow


def make_window(qtbot: QtBot, services: Services, actor=None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(services, actor or services.office.actor(), auto_backup=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_dashboard_is_built_when_first_opened(qtbot: QtBot, services: Services, head) -> None:  # type: ignore[no-untyped-def]
    generate_demo(services, 120, seed=5)
    window = make_window(qtbot, services, head)
    assert window._statistics is None
    slot = window.statistics_page
    row = window.stack.indexOf(slot)
    assert row == 4 and window.nav.item(row).text()
    window.nav.setCurrentRow(2)
    window.nav.setCurrentRow(4)  # what the page list and Ctrl+5 do
    view = window._statistics
    assert view is not None and window.statistics is view
    assert window.stack.currentWidget() is view and window.stack.indexOf(view) == 4
    assert window.statistics_page is view and window.stack.count() == 7
    # The "today" list was filled on opening.
    officials = {it.official for it in services.statistics.today(head)}
    qtbot.waitUntil(lambda: view.today_op is None)  # read on a worker, the page shown first
    assert view.today.topLevelItemCount() == len(officials)
    # Back and forth: the same page, built once.
    window.nav.setCurrentRow(2)
    window.nav.setCurrentRow(4)
    assert window.stack.currentWidget() is view


def test_asking_for_the_dashboard_builds_it_in_place(qtbot: QtBot, services: Services) -> None:
    window = make_window(qtbot, services)
    window.nav.setCurrentRow(2)
    view = window.statistics
    assert window.stack.indexOf(view) == 4
    assert window.stack.currentIndex() == 2  # the queue stays in front


def test_the_status_counts_arrive_from_the_background(
    qtbot: QtBot, services: Services, head
) -> None:  # type: ignore[no-untyped-def]
    # A head: an administrator's window shows no case figures (guarded reads).
    generate_demo(services, 150, seed=6)
    window = make_window(qtbot, services, head)
    qtbot.waitUntil(lambda: window._counts_shown, timeout=10_000)
    shown = window.counts_label.text()
    window.refresh_counts()
    assert window.counts_label.text() == shown and shown


def test_no_dashboard_for_a_front_desk(qtbot: QtBot, services: Services) -> None:
    admin = services.office.actor()
    login = services.office.add_user(
        "tiepnhan", "Lễ tân", Role.FRONT_DESK, actor=admin, password="mat-khau-dai-du"
    ).username
    desk = services.office.actor(login)
    window = make_window(qtbot, services, desk)
    hidden = reflect_roles(window, services, desk)
    assert window.nav.item(4).isHidden() and hidden
    assert window._statistics is None  # hiding the page did not build it


def test_the_window_module_does_not_load_the_charts() -> None:
    """The dashboard's charts and exports are loaded when it is first opened."""
    import subprocess

    code = (
        "import sys\n"
        "import pakn_desktop.ui.main_window\n"
        "print([m for m in ('pakn_desktop.ui.statistics', 'PySide6.QtCharts', 'openpyxl',"
        " 'reportlab', 'alembic', 'holidays', 'pakn_desktop.ui.case_editor',"
        " 'pakn_desktop.ui.settings', 'pakn_desktop.ui.register_view', 'PySide6.QtPdf',"
        " 'PySide6.QtPrintSupport', 'pakn_desktop.ui.publish_ui') if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def test_only_the_page_in_front_is_built_at_start_up(
    qtbot: QtBot, services: Services, head
) -> None:  # type: ignore[no-untyped-def]
    """The remembered page is the only one built: the others (queue, settings with its
    calendar, register, dashboard) read the database when first shown; the page list and
    Ctrl+N build them in place, and the window's attributes still reach every page."""
    from PySide6.QtCore import QSettings

    from pakn_desktop.ui.main_window import PAGE_KEYS

    generate_demo(services, 40, seed=7)
    QSettings().setValue("main/page", PAGE_KEYS.index("queue"))
    window = make_window(qtbot, services, head)
    assert [k for k in PAGE_KEYS if window.built(k) is not None] == ["queue"]
    assert window.stack.currentWidget() is window.queue
    assert listed(qtbot, window.queue.model).rowCount() > 0
    # Hiding the pages a person may not use builds none of them.
    reflect_roles(window, services, head)
    assert [k for k in PAGE_KEYS if window.built(k) is not None] == ["queue"]
    # A change notice refreshes the built lists only.
    window.refresh()
    assert window.built("inbox") is None
    for row, key in enumerate(PAGE_KEYS):
        window.nav.setCurrentRow(row)
        page = window.built(key)
        assert page is not None and window.stack.currentWidget() is page
        assert window.stack.indexOf(page) == row and window.page_key(row) == key
    assert window.stack.count() == len(PAGE_KEYS)
    assert window.settings_view is window.built("settings")
    # Closing saves the layout of what was built, and the page in front.
    window.close()
    assert int(str(QSettings().value("main/page"))) == len(PAGE_KEYS) - 1


def test_a_crashed_form_is_offered_at_start_whatever_page_is_in_front(
    qtbot: QtBot, services: Services
) -> None:
    """A form left by a session that died is set aside at start-up, as before, even when
    the person's last page was the queue; the status bar says where it waits."""
    import json

    from accounts_fixture import staff_actor
    from PySide6.QtCore import QSettings

    from pakn_desktop.services.paths import data_dir
    from pakn_desktop.ui.main_window import PAGE_KEYS

    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "intake-autosave-0.json").write_text(
        json.dumps({"submitter_name": "Trần Thị Lan", "title": "Hỏi về trợ cấp"}),
        encoding="utf-8",
    )
    QSettings().setValue("main/page", PAGE_KEYS.index("queue"))
    window = make_window(qtbot, services, staff_actor(services))
    assert window.stack.currentWidget() is window.built("queue")
    intake = window.built("intake")
    assert intake is not None and window.intake.recovered_waiting
    assert "Tiếp nhận" in window.statusBar().currentMessage() or "Intake" in (
        window.statusBar().currentMessage()
    )
    assert not (folder / "intake-autosave-0.json").exists()  # set aside, not overwritten


def test_no_form_waiting_leaves_the_intake_page_unbuilt(qtbot: QtBot, services: Services) -> None:
    from accounts_fixture import staff_actor
    from PySide6.QtCore import QSettings

    from pakn_desktop.ui.main_window import PAGE_KEYS

    QSettings().setValue("main/page", PAGE_KEYS.index("lookup"))
    window = make_window(qtbot, services, staff_actor(services))
    assert window.built("intake") is None and window.built("lookup") is not None
    assert window.statusBar().currentMessage() == ""


def test_a_page_that_fails_to_build_leaves_the_page_list_on_the_page_in_front(
    qtbot: QtBot, services: Services, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The error is shown (the exception hook), the page list goes back to the page still
    shown instead of naming a page that is not there, and picking the page again retries."""
    window = make_window(qtbot, services)
    window.nav.setCurrentRow(2)
    build = window._factories["register"]
    calls = []

    def failing():  # type: ignore[no-untyped-def]
        calls.append(1)
        raise RuntimeError("cannot build")

    window._factories["register"] = failing
    errors: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _k, exc, _tb: errors.append(exc))
    window.nav.setCurrentRow(5)
    assert [str(e) for e in errors] == ["cannot build"]
    assert window.stack.currentIndex() == 2 and window.nav.currentRow() == 2
    assert window.built("register") is None
    window._factories["register"] = build
    window.nav.setCurrentRow(5)
    assert calls == [1] and window.nav.currentRow() == window.stack.currentIndex() == 5
    assert window.stack.currentWidget() is window.built("register")


def test_every_page_has_its_ctrl_number(qtbot: QtBot, services: Services) -> None:
    from PySide6.QtGui import QKeySequence

    from pakn_desktop.ui.main_window import PAGE_KEYS

    window = make_window(qtbot, services)
    for row in range(len(PAGE_KEYS)):
        wanted = QKeySequence(f"Ctrl+{row + 1}")
        shortcut = [a for a in window.actions() if a.shortcut() == wanted]
        assert len(shortcut) == 1, row
        shortcut[0].trigger()
        assert window.nav.currentRow() == window.stack.currentIndex() == row


def test_a_remembered_page_the_person_may_not_use_is_not_built(
    qtbot: QtBot, services: Services, front_desk
) -> None:  # type: ignore[no-untyped-def]
    """The last person at this desk used the settings; a front-desk account starts on its own
    first page and the settings (and the dashboard) are never built for it."""
    from PySide6.QtCore import QSettings

    from pakn_desktop.ui.main_window import PAGE_KEYS

    QSettings().setValue("main/page", PAGE_KEYS.index("settings"))
    window = make_window(qtbot, services, front_desk)
    assert window.built("settings") is None and window.built("statistics") is None
    assert window.stack.currentWidget() is window.built("intake")
    assert window.nav.currentRow() == PAGE_KEYS.index("intake")
