"""Letters, the register and the statistics off the GUI thread (issue 13): the window stays
responsive, a second click while something runs does nothing, errors are shown in Vietnamese
and issuing announces the change; exports can be cancelled and are written owner-only."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from accounts_fixture import staff_actor
from builders import NGA, a_form
from cups_printer import answer_modal, press
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.services import Services
from pakn_desktop.ui.letters_ui import LetterDialog
from pakn_desktop.ui.register_view import RegisterView
from pakn_desktop.ui.statistics import StatisticsView
from pakn_desktop.ui.workers import Changes, notifier

FORM = a_form(**NGA, title="Hỏi chế độ", content="Nội dung")


def idle(qtbot: QtBot, window: Any) -> None:
    qtbot.waitUntil(lambda: window.op is None, timeout=20_000)


def rejected(services: Services) -> str:
    staff = staff_actor(services)
    code = services.cases.receive(FORM, staff).code
    services.cases.reject(
        code,
        "Không rõ nội dung.",
        staff,
        expected_version=services.case_reads.get(code, staff_actor(services)).version,
    )
    return code


def dialog_for(qtbot: QtBot, services: Services, actor: Any, code: str) -> LetterDialog:
    dialog = LetterDialog(services, actor, code, LetterKind.REJECTION)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, dialog)
    return dialog


class Gate:
    """Holds a service call on its worker thread until the test opens the gate."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn
        self.open = threading.Event()
        self.calls = 0
        self.threads: list[bool] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        self.threads.append(threading.current_thread() is threading.main_thread())
        assert self.open.wait(20), "the test never opened the gate"
        return self.fn(*args, **kwargs)


def test_issuing_runs_off_the_gui_thread_and_a_double_click_issues_once(
    qtbot: QtBot, services: Services, make_actor, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    code = rejected(services)
    head = make_actor("head")
    issued_in_editor: list[int] = []
    dialog = LetterDialog(
        services,
        head,
        code,
        LetterKind.REJECTION,
        on_issued=lambda letter: issued_in_editor.append(letter.id),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, dialog)
    assert dialog.issue_button.isEnabled() and "DỰ THẢO" in dialog.message.text()
    gate = Gate(services.letters.issue)
    monkeypatch.setattr(services.letters, "issue", gate)
    heard: list[Changes] = []
    notifier().changed.connect(lambda changes, _who: heard.append(changes))

    answer_modal(press("Ban hành"), kind=QMessageBox)  # the confirmation, before the click
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: gate.calls == 1, timeout=5000)
    # The work waits on its thread; the window answers and refuses a second issue.
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    assert dialog.issue() is None and dialog.replace_letter("x") is None
    assert dialog.save_pdf("/tmp/never.pdf") is None
    assert not dialog.issue_button.isEnabled() and not dialog.kind.isEnabled()
    qtbot.wait(50)  # the GUI thread keeps running while the letter is issued
    assert gate.calls == 1 and gate.threads == [False]
    gate.open.set()
    idle(qtbot, dialog)
    assert dialog.issued is not None and dialog.issued.number == 1
    assert issued_in_editor == [dialog.issued.id]  # the case editor reloads itself
    # The queue and counts refresh; an editor open on this case, and only this one, reads it.
    assert Changes.of_cases(code, letters=True) in heard
    assert [e.number for e in services.letters.register_entries(head)] == [1]
    assert dialog.replace_button.isEnabled() and not dialog.issue_button.isEnabled()


def test_a_refused_issue_is_said_in_vietnamese_and_nothing_is_numbered(
    qtbot: QtBot, services: Services, make_actor
) -> None:  # type: ignore[no-untyped-def]
    code = rejected(services)
    official = make_actor("official")  # may read the draft, may not issue it
    dialog = dialog_for(qtbot, services, official, code)
    assert "DỰ THẢO" in dialog.message.text()
    assert dialog.issue() is not None
    idle(qtbot, dialog)
    assert "không có quyền duyệt, ban hành văn bản" in dialog.message.text()
    # The window shows beforehand that this account may not issue (the service refused the
    # call all the same): the button is disabled and says who may.
    assert dialog.issued is None and not dialog.issue_button.isEnabled()
    assert "Chỉ Lãnh đạo được ban hành" in dialog.issue_button.toolTip()
    assert services.letters.register_entries(make_actor("head")) == []
    free = dialog.screen().availableGeometry()
    assert dialog.width() <= free.width() and dialog.height() <= free.height()


def test_an_unexpected_failure_is_logged_and_shown_in_vietnamese(
    qtbot: QtBot,
    services: Services,
    make_actor,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:  # type: ignore[no-untyped-def]
    code = rejected(services)
    head = make_actor("head")
    dialog = dialog_for(qtbot, services, head, code)

    def broken(*_a: Any, **_k: Any) -> Any:
        raise RuntimeError("disk controller on fire")

    monkeypatch.setattr(services.letters, "issue", broken)
    dialog.issue()
    idle(qtbot, dialog)
    assert "lỗi ngoài dự kiến" in dialog.message.text()
    assert "disk controller" not in dialog.message.text()
    assert "disk controller on fire" in caplog.text
    assert dialog.issue_button.isEnabled()


def test_a_missing_certificate_stops_before_any_number(
    qtbot: QtBot, services: Services, make_actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    code = rejected(services)
    head = make_actor("head")
    dialog = dialog_for(qtbot, services, head, code)
    dialog.sign.setChecked(True)
    assert dialog.issue() is None and "chứng thư" in dialog.message.text()  # nothing chosen
    dialog.p12.setText(str(tmp_path / "khong-co.p12"))
    dialog.issue()
    idle(qtbot, dialog)
    assert "Không tìm thấy tệp chứng thư số" in dialog.message.text()
    assert services.letters.register_entries(head) == []


def test_the_front_desk_register_lists_reprints_and_prints_receipts_only(
    qtbot: QtBot, services: Services, make_actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    code = rejected(services)
    staff = staff_actor(services)
    receipt = services.letters.issue(code, LetterKind.RECEIPT, staff)
    services.letters.issue(code, LetterKind.REJECTION, staff)
    desk = make_actor("front_desk")
    view = RegisterView(services, desk)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitUntil(lambda: view.reading is None, timeout=15_000)  # read on a worker
    assert [view.kind.itemData(i) for i in range(view.kind.count())] == ["receipt"]
    assert view.model.rowCount() == 1 and view.model.entry(0).id == receipt.id
    view.table.selectRow(0)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "in-lai.pdf"))
    assert view.print_selected(printer) is not None
    assert view.save_selected(str(tmp_path / "x.pdf")) is None  # one thing at a time
    assert not view.export_button.isEnabled()
    idle(qtbot, view)
    assert (tmp_path / "in-lai.pdf").stat().st_size > 0
    assert "01/PTN-SNV" in view.message.text()
    events = [e.action for e in services.case_reads.get(code, staff_actor(services)).events]
    assert events.count("letter_reprinted") == 1
    # Saving into a folder that is not there: said, nothing noted as reprinted.
    view.save_selected(str(tmp_path / "khong-co" / "x.pdf"))
    idle(qtbot, view)
    said = view.message.text()
    assert "khong-co" in said and ("Không tìm thấy" in said or "Không ghi được" in said)
    events = [e.action for e in services.case_reads.get(code, staff_actor(services)).events]
    assert events.count("letter_reprinted") == 1
    assert view.export_button.isEnabled()


def stats_view(qtbot: QtBot, services: Services, actor: Any) -> StatisticsView:
    view = StatisticsView(services, actor)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    return view


def test_the_dashboard_is_computed_off_the_gui_thread(
    qtbot: QtBot, services: Services, clock, make_actor, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from report_fixture import build

    build(services, clock)
    head = make_actor("head")
    view = stats_view(qtbot, services, head)
    view.period.setCurrentIndex(view.period.findText("Quý 2/2026"))
    gate = Gate(services.statistics.period)
    monkeypatch.setattr(services.statistics, "period", gate)
    assert view.compute() is not None
    qtbot.waitUntil(lambda: gate.calls == 1, timeout=5000)
    assert view.compute() is None and not view.compute_button.isEnabled()  # a second click
    assert gate.threads == [False]
    gate.open.set()
    idle(qtbot, view)
    assert view.stats is not None and view.stats.received == 6
    assert "6" in view.figures.text() and view.compute_button.isEnabled()


def test_an_export_can_be_cancelled_and_writes_nothing(
    qtbot: QtBot,
    services: Services,
    clock,
    make_actor,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    from report_fixture import build

    build(services, clock)
    head = make_actor("head")
    view = stats_view(qtbot, services, head)
    view.period.setCurrentIndex(view.period.findText("Quý 2/2026"))
    gate = Gate(services.statistics.write_register)
    monkeypatch.setattr(services.statistics, "write_register", gate)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "so-tiep-nhan.xlsx"
    op = view.export("register", ".xlsx", target)
    assert op is not None
    qtbot.waitUntil(lambda: op.dialog is not None, timeout=5000)  # progress with Cancel
    cancel = op.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Hủy"
    assert view.export("overdue", ".pdf", tmp_path / "x.pdf") is None  # one at a time
    cancel.click()
    gate.open.set()
    idle(qtbot, view)
    assert "Đã hủy" in view.message.text()
    assert not target.exists() and list(out.iterdir()) == []
    # Then written whole, owner-only.
    monkeypatch.setattr(services.statistics, "write_register", gate.fn)
    view.export("register", ".xlsx", target)
    idle(qtbot, view)
    assert target.exists() and str(target) in view.message.text()
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_who_may_not_see_statistics_is_told_so(
    qtbot: QtBot, services: Services, make_actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    desk = make_actor("front_desk")
    view = stats_view(qtbot, services, desk)
    qtbot.waitUntil(lambda: view.today_op is None)  # today's work is read on a worker
    first = view.today.topLevelItem(0)
    assert first is not None and "không có quyền thống kê" in first.text(0)
    view.compute()
    idle(qtbot, view)
    assert "không có quyền thống kê, báo cáo" in view.message.text()
    view.export("overdue", ".pdf", tmp_path / "qua-han.pdf")
    idle(qtbot, view)
    assert "không có quyền" in view.message.text() and not (tmp_path / "qua-han.pdf").exists()


def test_two_administrators_editing_one_template_the_second_is_told_to_reload(
    qtbot: QtBot, services: Services, make_actor
) -> None:  # type: ignore[no-untyped-def]
    from pakn_desktop.ui.settings import SettingsView

    admin = services.office.actor()
    views = [SettingsView(services, admin) for _ in range(2)]
    for v in views:
        qtbot.addWidget(v)
        v.template_kind.setCurrentIndex(v.template_kind.findData(LetterKind.PROGRESS.value))
    first, second = views
    first.template_body.setPlainText("Bàn thứ nhất: {nguoi_nhan}.")
    first.save_template()
    assert first.template_message.text() == "Đã lưu."
    second.template_body.setPlainText("Bàn thứ hai: {nguoi_nhan}.")
    second.save_template()
    assert "vừa được người khác" in second.template_message.text()
    assert second.template_body.toPlainText() == "Bàn thứ hai: {nguoi_nhan}."  # kept
    second.reset_template()
    assert "vừa được người khác" in second.template_message.text()
    stored = services.letters.template(LetterKind.PROGRESS, admin)
    assert stored.template.body == "Bàn thứ nhất: {nguoi_nhan}." and stored.version == 1
    # The first may go on (twice: the second save names the version the first one made).
    first.template_body.setPlainText("Bàn thứ nhất, sửa lại: {nguoi_nhan}.")
    first.save_template()
    assert first.template_message.text() == "Đã lưu."
    second.load_template()
    second.reset_template()
    assert services.letters.template(LetterKind.PROGRESS, admin).custom is False
    # Someone without the right sees why, and changes nothing.
    head_view = SettingsView(services, make_actor("head"))
    qtbot.addWidget(head_view)
    assert "không có quyền sửa mẫu văn bản" in head_view.template_message.text()
    head_view.save_template()
    assert services.letters.template(LetterKind.PROGRESS, admin).version == 3
