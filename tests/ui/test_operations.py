"""``ui/operations.run_op``: the one helper a widget uses for long work — its buttons are
disabled while the work runs and given back as they were after success, failure and cancel;
a refusal is shown in Vietnamese; what changed is announced once."""

from __future__ import annotations

import threading
import time

from accounts_fixture import staff_actor
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.ui.operations import run_op
from pakn_desktop.ui.workers import Changes, Progress, notifier


def panel(qtbot: QtBot) -> tuple[QWidget, QPushButton, QPushButton, QPushButton]:
    parent = QWidget()
    lay = QVBoxLayout(parent)
    save, export, other = QPushButton("Lưu"), QPushButton("Xuất"), QPushButton("Khác")
    for b in (save, export, other):
        lay.addWidget(b)
    qtbot.addWidget(parent)
    parent.show()
    return parent, save, export, other


def test_buttons_disabled_while_running_and_back_after_success(qtbot: QtBot) -> None:
    parent, save, export, other = panel(qtbot)
    export.setEnabled(False)  # nothing chosen to export: stays disabled after the work
    release = threading.Event()
    seen: list[tuple[bool, bool]] = []
    results: list[int] = []

    def work(_p: Progress) -> int:
        release.wait(5)
        return 7

    def success(n: int) -> None:
        seen.append((save.isEnabled(), export.isEnabled()))  # given back before success
        results.append(n)

    op = run_op(parent, work, buttons=(save, export), success=success)
    assert not save.isEnabled() and not export.isEnabled() and other.isEnabled()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert not save.isEnabled() and not op.finished  # still running: the click did nothing
    release.set()
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    assert results == [7] and seen == [(True, False)]
    assert save.isEnabled() and not export.isEnabled() and other.isEnabled()


def test_buttons_back_after_failure_shown_in_vietnamese(qtbot: QtBot, services: Services) -> None:
    parent, save, _export, _other = panel(qtbot)
    actor = staff_actor(services)
    op = run_op(
        parent,
        lambda _p: services.case_reads.get("26-999999-9", actor),
        buttons=(save,),
        title="Tra cứu",
    )
    assert not save.isEnabled()
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    assert save.isEnabled()
    assert op.error_box is not None and op.error_box.isVisible()
    assert op.error_box.text() == "Không tìm thấy PAKN có mã «26-999999-9»."
    assert {b.text() for b in op.error_box.buttons()} == {"Đồng ý"}
    op.error_box.close()


def test_buttons_back_after_failure_handled_by_the_widget(qtbot: QtBot) -> None:
    parent, save, _export, _other = panel(qtbot)
    failures: list[str] = []

    def work(_p: Progress) -> None:
        raise OSError(28, "No space left on device")

    op = run_op(parent, work, buttons=(save,), failure=lambda e: failures.append(type(e).__name__))
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    assert failures == ["OSError"] and save.isEnabled() and op.error_box is None


def test_buttons_back_after_cancel(qtbot: QtBot) -> None:
    parent, save, export, _other = panel(qtbot)
    succeeded: list[object] = []
    failed: list[object] = []

    def work(progress: Progress) -> int:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            progress.check()
            progress.update(1, 100)
            time.sleep(0.02)
        return -1

    op = run_op(
        parent,
        work,
        buttons=(save, export),
        success=succeeded.append,
        failure=failed.append,
        cancellable=True,
        label="Đang ghi…",
    )
    qtbot.waitUntil(lambda: op.dialog is not None, timeout=3000)
    assert op.dialog is not None
    assert not save.isEnabled() and not export.isEnabled()
    cancel = op.dialog.findChild(QAbstractButton)
    assert cancel is not None and cancel.text() == "Hủy"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    assert save.isEnabled() and export.isEnabled()
    assert succeeded == [] and failed == [] and op.error_box is None


def test_changes_announced_once_on_the_gui_thread(qtbot: QtBot, services: Services) -> None:
    parent, save, _export, _other = panel(qtbot)
    actor = staff_actor(services)
    form = IntakeForm(
        "citizen", "Vũ Thị Nga", "Xã Đắk Hà", "0977123456", "", "Hỏi chế độ", "Nội dung", "walk_in"
    )
    heard: list[tuple[Changes, object, bool]] = []

    def listen(changes: Changes, who: object) -> None:
        heard.append((changes, who, threading.current_thread() is threading.main_thread()))

    notifier().changed.connect(listen)
    try:
        codes: list[str] = []
        op = run_op(
            parent,
            lambda _p: services.cases.receive(form, actor).code,
            buttons=(save,),
            success=codes.append,
            changes=Changes(cases=True),
        )
        qtbot.waitUntil(lambda: op.finished, timeout=5000)
        qtbot.wait(50)
        assert len(codes) == 1 and services.case_reads.get(codes[0], actor).code == codes[0]
        assert heard == [(Changes(cases=True), parent, True)]
    finally:
        notifier().changed.disconnect(listen)


def test_a_closed_window_does_not_break_the_end(qtbot: QtBot) -> None:
    parent, save, _export, _other = panel(qtbot)
    release = threading.Event()
    op = run_op(parent, lambda _p: release.wait(5), buttons=(save,), show_progress=False)
    parent.deleteLater()
    qtbot.wait(50)
    release.set()
    qtbot.waitUntil(lambda: op.finished, timeout=5000)


class _Bar(QWidget):
    """A widget that shows the progress itself (as the portal import does)."""

    def __init__(self) -> None:
        super().__init__()
        self.steps: list[tuple[int, int, str, bool]] = []

    def step(self, done: int, total: int, label: str) -> None:
        self.steps.append(
            (done, total, label, threading.current_thread() is threading.main_thread())
        )


def test_progress_to_a_widget_on_the_gui_thread_and_its_own_cancel(qtbot: QtBot) -> None:
    bar = _Bar()
    qtbot.addWidget(bar)
    bar.show()
    results: list[int] = []

    def work(progress: Progress) -> int:
        n = 0
        while not progress.cancelled and n < 500:
            n += 1
            progress.update(n, 500, f"Dòng {n}")
            time.sleep(0.01)
        return n

    op = run_op(bar, work, success=results.append, show_progress=False, progress_to=bar.step)
    qtbot.waitUntil(lambda: len(bar.steps) >= 3, timeout=5000)
    op.progress.cancel()
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    assert op.dialog is None and results and results[0] < 500
    assert bar.steps[0] == (1, 500, "Dòng 1", True)  # the first step is not missed
    assert all(on_gui for *_rest, on_gui in bar.steps)
