"""A case opens in parts (issue 24): the head (fields, state, actions, deadlines) is built and
shown in one turn of the event loop with no read but its own; the case's links, its history
and attachments come from reads on workers in later turns, each shown in a turn of its own;
and a person who types and saves before they come loses nothing. The editor's module and its
first-use work are done on a worker a moment after the main window shows."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot
from test_editor_open import FORM, HeldReads

from pakn_desktop.domain import places
from pakn_desktop.domain.enums import CaseState
from pakn_desktop.services import Services
from pakn_desktop.services.editor_reads import EditorReads
from pakn_desktop.services.views import Actor
from pakn_desktop.ui import suggestion_panel
from pakn_desktop.ui.case_editor import CaseEditor
from pakn_desktop.ui.main_window import WARM_UP_AFTER_MS, MainWindow


class Turns:
    """Counts the event loop's turns (a timer of 0 ms fires once per turn) and writes down in
    which turn each part of the opening came."""

    def __init__(self) -> None:
        self.count = 0
        self.parts: list[tuple[str, int, bool]] = []  # (part, turn, on the GUI thread)
        self._timer = QTimer()
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        self.count += 1

    def note(self, part: str) -> None:
        on_gui = threading.current_thread() is threading.main_thread()
        self.parts.append((part, self.count, on_gui))

    def stop(self) -> None:
        self._timer.stop()

    def names(self) -> list[str]:
        return [p for p, _turn, _gui in self.parts]

    def turn_of(self, part: str) -> int:
        return next(turn for p, turn, _gui in self.parts if p == part)


def spied(monkeypatch: pytest.MonkeyPatch, turns: Turns, services: Services) -> None:
    """The opening's parts noted as they happen: the reads (the real ones, called through)
    and the showing of the rest."""
    routing = services.routing
    real_links = routing.repeat_status

    def links(actor: Actor, code: str) -> Any:
        turns.note("links read")
        return real_links(actor, code)

    monkeypatch.setattr(routing, "repeat_status", links)
    real_show_rest = CaseEditor._show_rest

    def show_rest(self: CaseEditor, d: Any) -> None:
        turns.note("rest shown")
        real_show_rest(self, d)

    monkeypatch.setattr(CaseEditor, "_show_rest", show_rest)


def linked(services: Services, actor: Actor) -> tuple[str, str]:
    """A case linked as the same PAKN with an earlier one (past classification), and the
    earlier one."""
    first = services.cases.receive(FORM, actor).code
    second = services.cases.receive(replace(FORM, channel="email"), actor).code
    services.routing.link_repeat(actor, second, first)
    version = services.case_reads.get(second, actor).version
    services.cases.accept(second, actor, expected_version=version)
    return second, first


def test_the_links_are_read_on_a_worker_after_the_head_is_shown(
    qtbot: QtBot, services: Services, actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, first = linked(services, actor)
    turns = Turns()
    spied(monkeypatch, turns, services)
    editor = CaseEditor(services, actor, code)
    qtbot.addWidget(editor)
    editor.show()
    turns.note("head shown")
    panel = editor.suggestion
    assert not panel.isVisible()  # it waits, hidden, for its read
    qtbot.waitUntil(lambda: panel.links_op is not None and panel.links_op.finished)
    qtbot.waitUntil(lambda: "rest shown" in turns.names())
    turns.stop()
    # The head's turn read nothing else; the links came from a worker, after it.
    assert turns.names()[0] == "head shown"
    links = next(part for part in turns.parts if part[0] == "links read")
    assert not links[2], "the links were read on the GUI thread"
    assert panel.isVisible() and panel.linked.isVisible() and first in panel.linked.text()


def test_a_received_case_s_suggestion_and_links_are_read_on_a_worker(
    qtbot: QtBot, services: Services, actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = services.cases.receive(FORM, actor)
    turns = Turns()
    spied(monkeypatch, turns, services)
    editor = CaseEditor(services, actor, case.code)
    qtbot.addWidget(editor)
    editor.show()
    turns.note("head shown")
    panel = editor.suggestion
    qtbot.waitUntil(lambda: panel.suggestion is not None, timeout=15_000)
    turns.stop()
    reads = [part for part in turns.parts if part[0] == "links read"]
    assert reads and not any(on_gui for _p, _turn, on_gui in reads), turns.parts


def test_each_part_comes_in_a_turn_of_its_own(
    qtbot: QtBot, services: Services, actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _first = linked(services, actor)
    turns = Turns()
    spied(monkeypatch, turns, services)
    links_shown: list[int] = []
    real_note = suggestion_panel.repeat_note

    def note(status: Any) -> str:  # what the panel says of the links, as it shows them
        links_shown.append(turns.count)
        return real_note(status)

    monkeypatch.setattr(suggestion_panel, "repeat_note", note)
    editor = CaseEditor(services, actor, code)
    qtbot.addWidget(editor)
    editor.show()
    turns.note("head shown")
    head_turn = turns.count
    qtbot.waitUntil(lambda: bool(links_shown) and "rest shown" in turns.names())
    turns.stop()
    # The head first, in its own turn; the links and the rest each in a later one.
    assert head_turn < links_shown[0] and head_turn < turns.turn_of("rest shown")


def test_typing_and_saving_before_the_rest_comes(
    qtbot: QtBot, services: Services, actor: Actor
) -> None:
    case = services.cases.receive(FORM, actor)
    editor = CaseEditor(services, actor, case.code)
    qtbot.addWidget(editor)
    held = HeldReads(services)
    editor._reads = held  # the history's read waits until the test lets it answer
    editor.show()
    qtbot.waitExposed(editor)
    try:
        qtbot.waitUntil(held.read.is_set)
        assert not editor.detail.complete  # the rest has not come
        title = editor.fields.title
        qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
        title.selectAll()
        qtbot.keyClicks(title, "Cham cap giay xac nhan tam tru")
        assert editor.has_unsaved_changes()
        qtbot.mouseClick(editor.save_fields, Qt.MouseButton.LeftButton)
    finally:
        held.release.set()
    stored = services.case_reads.get(case.code, actor)
    assert stored.title == "Cham cap giay xac nhan tam tru"
    op = editor.rest_op
    if op is not None:
        qtbot.waitUntil(lambda: op.finished)
    qtbot.wait(50)  # the held answer's delivery, had it been taken
    # What was saved stays shown, nothing is left unsaved, the history says it.
    assert editor.fields.title.text() == "Cham cap giay xac nhan tam tru"
    assert not editor.has_unsaved_changes()
    assert editor.detail.version == stored.version and editor.detail.complete
    assert editor.history.topLevelItemCount() == len(stored.events)
    assert CaseState.RECEIVED.label in editor.header.text()


def test_the_editor_is_warmed_up_on_a_worker_after_the_window_shows(
    qtbot: QtBot, services: Services, actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.cases.receive(FORM, actor)
    warmed: list[bool] = []
    real = EditorReads.warm_up

    def warm_up(self: EditorReads, who: Actor) -> None:
        warmed.append(threading.current_thread() is threading.main_thread())
        real(self, who)

    monkeypatch.setattr(EditorReads, "warm_up", warm_up)
    window = MainWindow(services, actor, auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert not warmed  # the window shows without waiting for it
    qtbot.waitUntil(lambda: bool(warmed), timeout=WARM_UP_AFTER_MS + 5000)
    assert warmed == [False], "warmed up on the GUI thread"
    assert places._communes_by_code.cache_info().currsize == 1
    window.close()


def test_an_editor_closed_before_its_rest_reads_nothing_more(
    qtbot: QtBot, services: Services, actor: Actor
) -> None:
    """Opened and closed at once (a case opened by mistake): the history is not read on a
    worker, nor shown in a window nobody sees."""
    from pakn_desktop.ui import case_editor

    code = services.cases.receive(FORM, actor).code
    editor = CaseEditor(services, actor, code)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.close()
    qtbot.wait(case_editor.REST_AFTER_MS + 150)
    assert editor.rest_op is None and not editor.detail.complete
