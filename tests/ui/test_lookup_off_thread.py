"""The lookup page reads on a worker: the window answers while a lookup runs (a common name
at a million cases took seconds on the GUI thread), the page says it is looking, what was
typed stays, and the answer to an earlier query never replaces a later one."""

from __future__ import annotations

from typing import Any

from builders import MAI, NGA, a_form
from held_reads import HeldReads
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_window import make_window, staff

from pakn_desktop.services import Services


class _Held(HeldReads):
    """``case_reads.lookup`` noted; a query in ``hold`` waits."""

    def lookup(self, typed: str, actor: Any) -> Any:
        self._note(typed)
        return self._reads.lookup(typed, actor)


def test_a_lookup_runs_off_the_gui_thread_and_an_older_answer_is_dropped(
    qtbot: QtBot, services: Services
) -> None:
    desk = staff(services)
    mai = services.cases.receive(a_form(**MAI), desk)
    nga = services.cases.receive(a_form(**NGA), desk)
    window = make_window(qtbot, services)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.lookup
    held = _Held(services.case_reads)
    services.case_reads = held  # type: ignore[misc]
    held.hold.add("do thi mai")
    qtbot.keyClicks(page.query, "do thi mai")
    qtbot.keyClick(page.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(held.calls) == 1, timeout=5000)
    # The read is held on its worker: the page says so, and the window still answers.
    assert "Đang tra cứu" in page.result.toPlainText()
    assert page.query.text() == "do thi mai"
    page.query.clear()
    qtbot.keyClicks(page.query, "vu thi nga")
    with qtbot.waitSignal(page.shown, timeout=5000):
        qtbot.mouseClick(page.go, Qt.MouseButton.LeftButton)
    assert nga.code in page.result.toPlainText()
    held.release.set()  # the first query's answer comes last
    qtbot.wait(300)
    shown = page.result.toPlainText()
    assert nga.code in shown and mai.code not in shown
    assert held.calls and not any(on_gui for _q, on_gui in held.calls)


def test_a_lookup_that_finds_nothing_says_so_and_keeps_the_query(
    qtbot: QtBot, services: Services
) -> None:
    window = make_window(qtbot, services)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.lookup
    qtbot.keyClicks(page.query, "khong co ai")
    with qtbot.waitSignal(page.shown, timeout=5000):
        qtbot.keyClick(page.query, Qt.Key.Key_Return)
    assert "Không tìm thấy PAKN nào của người có tên" in page.result.toPlainText()
    assert page.query.text() == "khong co ai"
