"""Settings: the administrator edits the table of other agencies' remit (issue 26, point 1: an
out-of-remit suggestion names the competent agency from it) and chooses the office's province
with the first-run wizard's picker (issue 23, point 1). Both take part in the question about
unsaved changes when the main window closes."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget
from pytestqt.qtbot import QtBot
from test_unsaved_and_confirm import (  # noqa: F401
    UNSAVED,
    Answers,
    answers,
    click_x,
    settings_window,
)

from pakn_desktop.domain.routing import Scope
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor
from pakn_desktop.ui.settings import SettingsView

AGENCY = "Ban Quản lý Vườn chim Thử Nghiệm"
WORD = "chim hồng hạc"
TEXT = "Đàn chim hồng hạc bị bẫy bắt trái phép, đề nghị cơ quan có thẩm quyền xử lý."


def view_of(qtbot: QtBot, services: Services, who: Actor) -> SettingsView:
    view = SettingsView(services, who)
    view.resize(1366, 768)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def open_tab(view: SettingsView, title: str) -> None:
    tabs = view.findChild(QTabWidget)
    assert tabs is not None
    (index,) = [i for i in range(tabs.count()) if tabs.tabText(i) == title]
    tabs.setCurrentIndex(index)


def close_list(qtbot: QtBot) -> None:
    """Esc closes the picker's list, as the person does before pressing a button."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert QApplication.activePopupWidget() is None


def click(qtbot: QtBot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# --- the remit table ----------------------------------------------------------------------------
def test_the_remit_table_is_edited_and_changes_the_next_suggestion(
    qtbot: QtBot, services: Services, admin, actor
) -> None:  # type: ignore[no-untyped-def]
    before = services.routing.suggest(actor, "", TEXT)
    assert before.unit != AGENCY
    view = view_of(qtbot, services, admin)
    open_tab(view, "Thẩm quyền các cơ quan")
    editor = view.remit_editor
    stored = services.routing.remit_text()
    assert editor.toPlainText() == stored and "Sở Xây dựng:" in stored
    assert not view.has_unsaved_changes()
    # A wrong line: said in Vietnamese under the editor, nothing saved, the typing stays.
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText("Một dòng không có dấu hai chấm\n")
    typed = editor.toPlainText()
    assert view.has_unsaved_changes()
    click(qtbot, view.remit_save)
    line = len(typed.splitlines())
    assert view.remit_message.text() == f"Dòng {line}: cần dạng «Cơ quan: từ khóa, từ khóa»."
    assert editor.toPlainText() == typed
    assert services.routing.remit_text() == stored
    assert view.has_unsaved_changes()
    # Put right: a made-up agency with its own word, saved by the button.
    editor.setPlainText(stored + f"{AGENCY}: {WORD}\n")
    click(qtbot, view.remit_save)
    rows = len(stored.splitlines()) + 1
    assert view.remit_message.text() == f"Đã lưu: {rows} cơ quan."
    assert services.routing.remit_text().endswith(f"{AGENCY}: {WORD}\n")
    assert not view.has_unsaved_changes()
    after = services.routing.suggest(actor, "", TEXT)
    assert after.scope.scope is Scope.OUT_OF_REMIT
    assert after.unit == AGENCY


def test_someone_without_the_office_settings_cannot_save_the_remit_table(
    qtbot: QtBot, services: Services, make_actor
) -> None:  # type: ignore[no-untyped-def]
    desk = make_actor("front_desk", username="tiepnhan")
    view = view_of(qtbot, services, desk)
    stored = services.routing.remit_text()
    view.remit_editor.setPlainText(f"{AGENCY}: {WORD}\n")
    click(qtbot, view.remit_save)
    assert view.remit_message.text()  # the refusal, in Vietnamese
    assert "permission" not in view.remit_message.text().lower()
    assert services.routing.remit_text() == stored
    assert view.remit_editor.toPlainText() == f"{AGENCY}: {WORD}\n"


def test_closing_the_window_asks_about_the_remit_table(
    qtbot: QtBot,
    services: Services,
    answers: Answers,  # noqa: F811
) -> None:
    window = settings_window(qtbot, services)
    view = window.settings_view
    stored = services.routing.remit_text()
    view.remit_editor.setPlainText("không có dấu hai chấm")
    # «Lưu» with a wrong line: the save is refused, the window stays with its message.
    answers.will("Lưu")
    click_x(window)
    assert window.isVisible()
    (asked,) = answers.asked
    assert "Cài đặt" in asked.text and sorted(asked.buttons) == sorted(UNSAVED)
    assert view.remit_message.text().startswith("Dòng 1:")
    assert view.remit_editor.toPlainText() == "không có dấu hai chấm"
    assert services.routing.remit_text() == stored
    # Put right, then «Lưu» from the question saves it and the window closes.
    view.remit_editor.setPlainText(f"{AGENCY}: {WORD}\n")
    answers.will("Lưu")
    click_x(window)
    assert not window.isVisible() and len(answers.asked) == 2
    assert services.routing.remit_text() == f"{AGENCY}: {WORD}\n"


# --- the office's province --------------------------------------------------------------------
def danang(services: Services, admin):  # type: ignore[no-untyped-def]
    mine = replace(
        services.office.details(),
        parent_agency="UBND THÀNH PHỐ ĐÀ NẴNG",
        agency_short="Sở Nội vụ thành phố Đà Nẵng",
        place="Đà Nẵng",
        symbol="SNV",
    )
    services.office.save_details(mine, admin, expected_version=services.office.settings_version())
    return mine


def test_the_office_tab_chooses_the_province_and_saves_it(
    qtbot: QtBot, services: Services, admin
) -> None:  # type: ignore[no-untyped-def]
    mine = danang(services, admin)
    view = view_of(qtbot, services, admin)
    open_tab(view, "Cơ quan")
    f = view.office_fields
    # Saved settings are shown as they are, with their province.
    assert view.province.text() == "Đà Nẵng" and view.province.code() == "48"
    assert {k: e.text() for k, e in f.items()} == {k: getattr(mine, k) for k in f}
    assert not view.has_unsaved_changes()
    # The signer's line the office wrote is not the province's: it stays.
    f["agency_short"].setText("Sở Nội vụ")
    view.province.setFocus()
    view.province.selectAll()
    qtbot.keyClicks(view.province, "quang ngai")
    assert view.has_unsaved_changes()
    close_list(qtbot)
    assert view.office_save.text() == "Lưu thông tin cơ quan"
    click(qtbot, view.office_save)
    assert view.office_message.text() == "Đã lưu."
    assert view.province.text() == "Quảng Ngãi"
    d = services.office.details()
    assert d.parent_agency == "UBND TỈNH QUẢNG NGÃI" and d.place == "Quảng Ngãi"
    assert d.agency_short == "Sở Nội vụ" and d.symbol == "SNV"
    assert services.office.home_province_code() == "51"
    assert not view.has_unsaved_changes()


def test_an_unknown_province_is_said_and_nothing_is_saved(
    qtbot: QtBot, services: Services, admin
) -> None:  # type: ignore[no-untyped-def]
    mine = danang(services, admin)
    version = services.office.settings_version()
    view = view_of(qtbot, services, admin)
    open_tab(view, "Cơ quan")
    view.province.setFocus()
    view.province.selectAll()
    qtbot.keyClicks(view.province, "xyz khong co")
    close_list(qtbot)
    click(qtbot, view.office_save)
    assert view.office_message.text() == (
        "Vui lòng chọn tỉnh, thành phố của cơ quan chủ quản trong danh sách."
    )
    assert view.province.text() == "xyz khong co" and view.province.code() == ""
    assert services.office.details() == mine
    assert services.office.settings_version() == version
    assert view.has_unsaved_changes()
