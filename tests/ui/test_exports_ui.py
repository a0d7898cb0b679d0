"""The last four exports off the GUI thread (issue 13): the audit log to CSV, one person's data,
the national system's sheet and the published page. Each runs on the thread pool and reports
its result in the dialog, says in Vietnamese why nothing was written (a folder that does not
exist), and while it runs its buttons are disabled so a second click starts nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from accounts_fixture import staff_actor
from builders import HUONG, a_form
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pakn_desktop.services import Services
from pakn_desktop.services.publish import HTML_NAME, JSON_NAME
from pakn_desktop.ui import audit_view, file_names, national_entry, person_data, publish_ui
from pakn_desktop.ui.workers import Op

FORM = a_form(**HUONG, title="Chậm trả trợ cấp", content="Đề nghị cơ quan xem xét.")


class Gate:
    """Holds a service call on its worker thread until the test opens the gate."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn
        self.open = threading.Event()
        self.calls = 0
        self.on_gui_thread: list[bool] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        self.on_gui_thread.append(threading.current_thread() is threading.main_thread())
        assert self.open.wait(20), "the test never opened the gate"
        return self.fn(*args, **kwargs)


@dataclass
class Export:
    """One export as the tests drive it."""

    dialog: QWidget
    start: Callable[[Path], Op[Any] | None]  # export into this folder
    service: object  # whose ``method`` does the writing
    method: str
    button: QPushButton  # the button a person clicks
    buttons: list[QPushButton]  # disabled while it runs
    message: QLabel
    written: Callable[[Path], bool]  # the export is in this folder
    says_done: str  # part of the message once written


def audit_export(qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch) -> Export:
    services.cases.receive(FORM, staff_actor(services))
    view = audit_view.AuditView(services, services.office.actor())
    qtbot.addWidget(view)
    monkeypatch.setattr(
        file_names,
        "save_file_name",
        lambda *_a, **_k: str(view.property("folder")) + "/nhat-ky.csv",
    )
    return Export(
        view,
        lambda folder: view.export(folder / "nhat-ky.csv"),
        services.audit,
        "export_csv",
        view.export_button,
        [view.export_button],
        view.status,
        lambda folder: "case_event" in (folder / "nhat-ky.csv").read_text(encoding="utf-8-sig"),
        "bản ghi vào",
    )


def person_export(qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch) -> Export:
    actor = staff_actor(services)
    services.cases.receive(FORM, actor)
    dialog = person_data.PersonDataDialog(services, actor)
    qtbot.addWidget(dialog)
    dialog.query.setText("0988777666")
    dialog.search()
    dialog.reason.setText("Theo đơn ngày 20/04/2026")
    assert dialog.found is not None
    monkeypatch.setattr(
        file_names,
        "save_file_name",
        lambda *_a, **_k: str(dialog.property("folder")) + "/du-lieu.pdf",
    )
    return Export(
        dialog,
        lambda folder: dialog.export("pdf", folder / "du-lieu.pdf"),
        services.personal_data,
        "export_pdf",
        dialog.export_pdf_button,
        [
            dialog.export_pdf_button,
            dialog.export_json_button,
            dialog.anonymise_button,
            dialog.find_button,
        ],
        dialog.message,
        lambda folder: (folder / "du-lieu.pdf").read_bytes().startswith(b"%PDF"),
        "Đã xuất ra",
    )


def national_export(qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch) -> Export:
    code = services.cases.receive(FORM, staff_actor(services)).code
    dialog = national_entry.NationalEntryDialog(services, staff_actor(services))
    qtbot.addWidget(dialog)
    dialog.table.selectAll()
    assert dialog.selected_codes() == [code]
    monkeypatch.setattr(
        file_names,
        "save_file_name",
        lambda *_a, **_k: str(dialog.property("folder")) + "/xuat.xlsx",
    )

    def written(folder: Path) -> bool:
        from openpyxl import load_workbook

        ws = load_workbook(folder / "xuat.xlsx").active
        return ws is not None and [r[11] for r in ws.iter_rows(min_row=2, values_only=True)] == [
            code
        ]

    return Export(
        dialog,
        lambda folder: dialog.export_to(folder / "xuat.xlsx", dialog.selected_codes()),
        services.national,
        "export_xlsx",
        dialog.export_button,
        [dialog.export_button],
        dialog.message,
        written,
        "1 PAKN",
    )


def publish_export(qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch) -> Export:
    actor = staff_actor(services)
    case = services.cases.receive(FORM, actor)
    case = services.cases.accept(
        case.code, actor, official_id=actor.id, expected_version=case.version
    )
    case = services.cases.record_result(
        case.code, "Đã giải quyết.", actor, expected_version=case.version
    )
    services.cases.publish_answer(
        case.code, "Sở đã giải quyết.", actor, expected_version=case.version
    )
    services.publish.mark(case.code, actor)
    dialog = publish_ui.PublishDialog(services, actor)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    monkeypatch.setattr(
        file_names,
        "existing_directory",
        lambda *_a, **_k: str(dialog.property("folder")),
    )
    code = case.code
    return Export(
        dialog,
        dialog.export_to,
        services.publish,
        "export",
        dialog.export_button,
        [dialog.export_button, dialog.mark_button, dialog.unmark_button],
        dialog.message,
        lambda folder: (
            code in (folder / HTML_NAME).read_text(encoding="utf-8")
            and (folder / JSON_NAME).exists()
        ),
        "1 PAKN",
    )


EXPORTS = {
    "audit": audit_export,
    "person": person_export,
    "national": national_export,
    "publish": publish_export,
}


@pytest.fixture(params=sorted(EXPORTS))
def export(
    request: pytest.FixtureRequest,
    qtbot: QtBot,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Export:
    e = EXPORTS[request.param](qtbot, services, monkeypatch)
    e.dialog.setProperty("folder", str(tmp_path / "out"))
    e.dialog.resize(1366, 768)
    e.dialog.show()
    return e


def test_the_export_runs_off_the_gui_thread_and_reports_its_result(
    qtbot: QtBot, export: Export, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gate = Gate(getattr(export.service, export.method))
    monkeypatch.setattr(export.service, export.method, gate)
    folder = tmp_path / "out"
    folder.mkdir()
    op = export.start(folder)
    assert op is not None
    # The GUI thread is free while the service is held: the progress dialog shows, in
    # Vietnamese, and nothing is written yet.
    qtbot.waitUntil(lambda: op.dialog is not None, timeout=10_000)
    assert op.dialog is not None and op.dialog.labelText().startswith("Đang ghi")
    assert not op.finished and list(folder.iterdir()) == []
    gate.open.set()
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    assert gate.on_gui_thread == [False]
    assert export.written(folder)
    assert export.says_done in export.message.text() and str(folder) in export.message.text()
    assert all(b.isEnabled() for b in export.buttons)
    assert op.error_box is None


def test_a_missing_folder_is_told_in_vietnamese_and_nothing_is_written(
    qtbot: QtBot, export: Export, tmp_path: Path
) -> None:
    before = sorted(tmp_path.rglob("*"))
    op = export.start(tmp_path / "khong-co")
    assert op is not None
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    text = export.message.text()
    assert "thư mục" in text and "khong-co" in text, text
    assert "No such file" not in text
    assert sorted(tmp_path.rglob("*")) == before  # nothing written, nothing left over
    assert op.error_box is None  # said in the dialog, not in a box over it
    assert all(b.isEnabled() for b in export.buttons)
    # Afterwards the same export works.
    folder = tmp_path / "out"
    folder.mkdir()
    op = export.start(folder)
    assert op is not None
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    assert export.written(folder)


def test_a_second_click_while_it_runs_starts_nothing(
    qtbot: QtBot, export: Export, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gate = Gate(getattr(export.service, export.method))
    monkeypatch.setattr(export.service, export.method, gate)
    folder = tmp_path / "out"
    folder.mkdir()
    qtbot.mouseClick(export.button, Qt.MouseButton.LeftButton)  # the file dialog answers
    op = export.dialog.op  # type: ignore[attr-defined]
    assert op is not None
    assert not any(b.isEnabled() for b in export.buttons)
    qtbot.mouseClick(export.button, Qt.MouseButton.LeftButton)
    assert export.start(folder) is None
    assert export.dialog.op is op  # type: ignore[attr-defined]
    gate.open.set()
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    assert gate.calls == 1
    assert export.written(folder)
    assert all(b.isEnabled() for b in export.buttons)
