"""The lookup page names the answer's last day as the law counts it ("chậm nhất ngày …"),
with the date the real calendar gives on its edge days."""

from __future__ import annotations

from datetime import datetime

import pytest
from builders import MAI, a_form
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_window import make_window, staff

from pakn_desktop.services import Services

FORM = a_form(**MAI, title="Hỏi tiến độ", content="Nội dung")


@pytest.mark.parametrize(
    ("received", "last_day"),
    [
        (datetime(2026, 1, 23, 9, 0), "13/02/2026"),  # the Friday before Tết
        (datetime(2026, 1, 26, 9, 0), "23/02/2026"),  # Tết's week skipped
        (datetime(2026, 8, 3, 9, 0), "22/08/2026"),  # a make-up Saturday
    ],
)
def test_the_lookup_page_says_at_the_latest_on_the_last_day(  # type: ignore[no-untyped-def]
    qtbot: QtBot, services: Services, clock, received: datetime, last_day: str
) -> None:
    clock.set(received)
    case = services.cases.receive(FORM, staff(services))
    window = make_window(qtbot, services)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.lookup
    assert window.stack.currentWidget() is page
    qtbot.keyClicks(page.query, case.code)
    with qtbot.waitSignal(page.shown, timeout=5000):
        qtbot.mouseClick(page.go, Qt.MouseButton.LeftButton)
    text = " ".join(page.result.toPlainText().split())
    assert f"Dự kiến trả lời chậm nhất ngày {last_day}." in text
    assert "trước ngày" not in text
    # Looked up by phone number, the short line says the same.
    page.query.clear()
    qtbot.keyClicks(page.query, "0988777666")
    with qtbot.waitSignal(page.shown, timeout=5000):
        qtbot.keyClick(page.query, Qt.Key.Key_Return)
    text = " ".join(page.result.toPlainText().split())
    assert f"Dự kiến trả lời chậm nhất ngày {last_day}." in text
