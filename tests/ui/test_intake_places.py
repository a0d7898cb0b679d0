"""The intake's address at the desk: the province and commune typed with or without
diacritics and settled from today's lists (an old province's name taken as today's, and said
so), the commune list holding the chosen province's only, the street part free; Save stores
the codes."""

from __future__ import annotations

from accounts_fixture import staff_actor
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_intake_form import make_form, type_text

from pakn_desktop.domain import places as P
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.services import Services

QUANG_NGAI = "51"


def press(qtbot: QtBot, widget, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """A key as the person presses it: to the open list when there is one (Qt gives the
    keyboard to a popup), else to the field."""
    qtbot.keyClick(QApplication.activePopupWidget() or widget, key)


def _fill_rest(form) -> None:  # type: ignore[no-untyped-def]
    type_text(form.fields.submitter_name, "Phạm Văn Đức")
    type_text(form.fields.phone, "0905 111 222")
    type_text(form.fields.title, "Chậm chi trả trợ cấp thất nghiệp")
    type_text(form.fields.content, "Đã nộp hồ sơ hơn 20 ngày mà chưa nhận được tiền.")


def test_the_office_province_is_offered_and_tab_runs_province_commune_street(
    qtbot: QtBot, services: Services
) -> None:
    form = make_form(qtbot, services)
    f = form.fields
    assert f.province.text() == "Quảng Ngãi" and f.province.code() == QUANG_NGAI
    chain = f.focus_chain()
    i = chain.index(f.province)
    assert chain[i : i + 3] == [f.province, f.commune, f.address]
    f.province.setFocus()
    press(qtbot, f.province, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is f.commune
    # The commune list holds the province's communes only, matched without diacritics.
    qtbot.keyClicks(f.commune, "tinh k")
    shown = f.commune._model.stringList()
    assert shown == ["Xã Tịnh Khê"]
    assert f.commune.completer().popup().isVisible()


def test_typed_without_diacritics_and_an_old_province_then_saved(
    qtbot: QtBot, services: Services
) -> None:
    form = make_form(qtbot, services)
    f = form.fields
    f.province.setFocus()
    f.province.selectAll()
    qtbot.keyClicks(f.province, "kon tum")  # the old province, typed without diacritics
    press(qtbot, f.province, Qt.Key.Key_Tab)
    assert f.province.text() == "Quảng Ngãi" and f.province.code() == QUANG_NGAI
    assert f.place_note.isVisibleTo(form)
    note = "Tỉnh Kon Tum nay thuộc tỉnh Quảng Ngãi (sắp xếp từ ngày 01/7/2025)."
    assert f.place_note.text() == note
    assert QApplication.focusWidget() is f.commune
    qtbot.keyClicks(f.commune, "cam thanh")
    press(qtbot, f.commune, Qt.Key.Key_Tab)
    assert f.commune.text() == "Phường Cẩm Thành"
    assert not f.place_note.isVisibleTo(form)
    assert QApplication.focusWidget() is f.address
    type_text(f.address, "Tổ 3, đường Lê Lợi")
    _fill_rest(form)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    code = form.code_label.text()
    assert code, form.message.text()
    case = services.case_reads.get(code, staff_actor(services))
    cam_thanh = P.match_commune(51, "Cẩm Thành").found
    assert cam_thanh is not None
    assert (case.province_code, case.commune_code) == (QUANG_NGAI, str(cam_thanh.code))
    assert case.address == "Tổ 3, đường Lê Lợi, phường Cẩm Thành, tỉnh Quảng Ngãi"
    # The next form keeps the province, not the commune.
    assert f.province.code() == QUANG_NGAI and f.commune.text() == ""


def test_a_commune_chosen_from_the_list_with_the_keyboard(qtbot: QtBot, services: Services) -> None:
    form = make_form(qtbot, services)
    f = form.fields
    f.commune.setFocus()
    qtbot.keyClicks(f.commune, "son ha")  # both Sơn Hà and Sơn Hạ: the list offers them
    popup = f.commune.completer().popup()
    assert popup.isVisible()
    names = f.commune._model.stringList()
    assert names[:2] in (["Xã Sơn Hà", "Xã Sơn Hạ"], ["Xã Sơn Hạ", "Xã Sơn Hà"])
    for _ in range(names.index("Xã Sơn Hà") + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert f.commune.text() == "Xã Sơn Hà"
    son_ha = P.match_commune(51, "Sơn Hà").found
    assert son_ha is not None and f.commune.code() == str(son_ha.code)
    assert form.code_label.text() == ""  # Enter chose from the list; it did not save


def test_an_old_district_or_unknown_commune_is_not_saved_and_stays_typed(
    qtbot: QtBot, services: Services
) -> None:
    form = make_form(qtbot, services)
    f = form.fields
    f.commune.setFocus()
    qtbot.keyClicks(f.commune, "Huyen Son Tinh")
    press(qtbot, f.commune, Qt.Key.Key_Tab)
    assert f.commune.code() == "" and f.commune.text() == "Huyen Son Tinh"
    assert f.place_note.text().startswith("Huyện Sơn Tịnh không còn từ ngày 01/7/2025")
    assert f.commune._model.stringList() == ["Xã Sơn Tịnh"]
    type_text(f.address, "Thôn 1")
    _fill_rest(form)
    before = services.case_reads.count(CaseFilter(), staff_actor(services))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == before
    assert f.errors["address"].text() == "Vui lòng chọn xã, phường trong danh sách."
    assert f.commune.text() == "Huyen Son Tinh"  # what was typed stays
    # A commune of another province is cleared when the province changes.
    f.commune.setFocus()
    f.commune.selectAll()
    qtbot.keyClicks(f.commune, "ly son")
    press(qtbot, f.commune, Qt.Key.Key_Tab)
    assert f.commune.text() == "Đặc khu Lý Sơn"
    f.province.setFocus()
    f.province.selectAll()
    qtbot.keyClicks(f.province, "ha noi")
    press(qtbot, f.province, Qt.Key.Key_Tab)
    assert f.province.code() == "1" and f.commune.text() == "" and f.commune.code() == ""
