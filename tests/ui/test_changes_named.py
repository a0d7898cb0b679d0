"""What an operation changed names the cases when it knows them (``Changes.case_codes``), and an
operation may let its result say what it changed (a letter names the linked cases its answer
closed): announced once on success; a failed call of that kind announces nothing (one
transaction, rolled back)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.ui.operations import run_op, this_case
from pakn_desktop.ui.workers import Changes, notifier


@pytest.fixture
def heard(qtbot: QtBot) -> Iterator[list[tuple[Changes, object]]]:
    got: list[tuple[Changes, object]] = []

    def hear(changes: Changes, who: object) -> None:
        got.append((changes, who))

    notifier().changed.connect(hear)
    yield got
    notifier().changed.disconnect(hear)


def test_the_cases_named_and_any_case() -> None:
    one = Changes.of_cases("26-000001-9")
    assert one.cases and one.case_codes == {"26-000001-9"}
    assert one.touches_case("26-000001-9") and not one.touches_case("26-000002-7")
    assert Changes(cases=True).touches_case("26-000002-7")  # none named: any
    assert Changes.of_cases(None, letters=True) == Changes(cases=True, letters=True)
    assert not Changes(letters=True).touches_case("26-000001-9")
    assert this_case("26-000002-7")(Changes(calendar=True))  # its deadlines moved
    with pytest.raises(ValueError):
        Changes(case_codes=frozenset({"26-000001-9"}))  # named cases changed: cases=True


def test_the_result_says_what_changed(qtbot: QtBot, heard: list[tuple[Changes, object]]) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    done: list[str] = []
    run_op(
        parent,
        lambda _p: ("26-000001-9", "26-000002-7"),
        success=lambda codes: done.extend(codes),
        changes=lambda codes: Changes.of_cases(*codes, letters=True),
        show_progress=False,
    )
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert heard == [(Changes.of_cases("26-000001-9", "26-000002-7", letters=True), parent)]


def test_a_refused_call_whose_result_would_say_announces_nothing(
    qtbot: QtBot, heard: list[tuple[Changes, object]]
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    failed: list[BaseException] = []

    def work(_p: object) -> str:
        raise PaknError("Không được phép.")

    run_op(
        parent,
        work,
        failure=failed.append,
        changes=lambda code: Changes.of_cases(code),
        show_progress=False,
    )
    qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    assert heard == []
