"""The lookup page as the desk uses it: the field says it takes a code, a phone number or a
name; a name search is titled as one and lists each case with the name it matched, so two
people of the same name can be told apart; the account-less lookup never gives names."""

from __future__ import annotations

from dataclasses import replace

from builders import MAI, a_form
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_window import make_window, staff

from pakn_desktop.services import Services

FORM = a_form(**MAI, title="Hỏi tiến độ", content="Nội dung")


def test_a_name_search_is_titled_as_one_and_shows_the_names(
    qtbot: QtBot, services: Services
) -> None:
    desk = staff(services)
    mai = services.cases.receive(FORM, desk)
    other = services.cases.receive(
        replace(FORM, submitter_name="Đỗ Thị Mai Anh", phone="0912000111"), desk
    )
    window = make_window(qtbot, services)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.lookup
    assert "họ tên" in page.query.placeholderText()
    qtbot.keyClicks(page.query, "do thi mai")
    with qtbot.waitSignal(page.shown, timeout=5000):
        qtbot.mouseClick(page.go, Qt.MouseButton.LeftButton)
    text = " ".join(page.result.toPlainText().split())
    assert text.startswith("Tra cứu theo họ tên:")
    assert "số điện thoại:" not in text
    assert f"{mai.code} — Đỗ Thị Mai, tiếp nhận" in text
    assert f"{other.code} — Đỗ Thị Mai Anh, tiếp nhận" in text
    # By phone: titled by phone, and no names.
    page.query.clear()
    qtbot.keyClicks(page.query, "0988777666")
    with qtbot.waitSignal(page.shown, timeout=5000):
        qtbot.keyClick(page.query, Qt.Key.Key_Return)
    text = " ".join(page.result.toPlainText().split())
    assert text.startswith("Tra cứu theo số điện thoại:") and "Đỗ Thị" not in text


def test_the_public_lookup_gives_no_names(services: Services) -> None:
    services.cases.receive(FORM, staff(services))
    (found,) = services.case_reads.public_lookup("Đỗ Thị Mai")
    assert found.found_by == "name" and found.submitter_name == ""
