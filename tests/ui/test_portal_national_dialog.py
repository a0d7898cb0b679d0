"""Entering desk PAKN into the national system, through the dialog: copy a field, copy the
block, mark as entered with the system's code, export the selection."""

from __future__ import annotations

from pathlib import Path

from accounts_fixture import staff_actor
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.ui.national_entry import NationalEntryDialog


def receive(services: Services, channel: str, title: str) -> str:
    return services.cases.receive(
        IntakeForm(
            submitter_kind="citizen",
            submitter_name="Đỗ Thị Hương",
            address="Thôn 3, xã Ngọc Hồi",
            phone="0988 777 666",
            title=title,
            content=f"{title}: đề nghị cơ quan xem xét, CCCD 062190001234.",
            channel=channel,
            portal_code="H38.77" if channel == "national_portal" else "",
        ),
        staff_actor(services),
    ).code


def test_work_through_desk_pakn(
    qtbot: QtBot, services: Services, front_desk, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = receive(services, "letter", "Thư phản ánh")
    second = receive(services, "phone", "Gọi điện phản ánh")
    receive(services, "national_portal", "Từ Cổng")
    dialog = NationalEntryDialog(services, front_desk)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Nhập PAKN của cơ quan lên Hệ thống"
    assert dialog.model.rowCount() == 2
    assert "2 PAKN" in dialog.count_label.text()
    assert dialog.sheet is not None and dialog.sheet.code == first
    assert dialog.values["title"].text() == "Thư phản ánh"  # type: ignore[union-attr]
    assert "[số CCCD]" in dialog.values["content"].toPlainText()  # type: ignore[union-attr]
    assert "Số CCCD" in dialog.personal.text()

    qtbot.mouseClick(dialog.copy_buttons["phone"], Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "0988 777 666"
    qtbot.mouseClick(dialog.copy_all, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().startswith("Đối tượng PAKN: Người dân\n")

    # Marking without a code is refused; the case stays in the list.
    qtbot.mouseClick(dialog.mark_button, Qt.MouseButton.LeftButton)
    assert "mã PAKN mà Hệ thống đã cấp" in dialog.message.text()
    assert dialog.model.rowCount() == 2
    qtbot.keyClicks(dialog.system_code, "000.00.21.H38-0001")
    with qtbot.waitSignal(dialog.entered) as sig:
        qtbot.keyClick(dialog.system_code, Qt.Key.Key_Return)
    assert sig.args == [first]
    assert dialog.model.rowCount() == 1 and dialog.sheet is not None
    assert dialog.sheet.code == second  # the next one is shown
    assert (
        services.case_reads.get(first, staff_actor(services)).events[-1].action == "national_entry"
    )

    dialog.table.selectAll()
    out = tmp_path / "xuat"
    op = dialog.export_to(out, dialog.selected_codes())
    assert op is not None
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    assert "1 PAKN" in dialog.message.text()
    ws = load_workbook(tmp_path / "xuat.xlsx").active
    assert ws is not None
    assert [r[11] for r in ws.iter_rows(min_row=2, values_only=True)] == [second]


def test_nothing_left_to_enter(qtbot: QtBot, services: Services, front_desk) -> None:  # type: ignore[no-untyped-def]
    dialog = NationalEntryDialog(services, front_desk)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and dialog.sheet is None
    assert not dialog.mark_button.isEnabled() and not dialog.copy_all.isEnabled()
    dialog.export_selected()
    assert "Hãy chọn" in dialog.message.text()
    assert dialog.minimumSizeHint().width() <= 1366 and dialog.minimumSizeHint().height() <= 740


def test_a_head_sees_the_refusal_not_the_list(qtbot: QtBot, services: Services, head) -> None:  # type: ignore[no-untyped-def]
    receive(services, "letter", "Thư phản ánh")
    dialog = NationalEntryDialog(services, head)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and dialog.sheet is None
    assert "không có quyền tiếp nhận PAKN" in dialog.message.text()
    assert not dialog.mark_button.isEnabled()
