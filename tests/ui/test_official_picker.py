"""The official picker tells two people of the same name apart (issue 21): each choice reads
"Họ tên — đơn vị (tên đăng nhập) · N PAKN đang mở", worded by the domain
(``wording.official_choice``) from what the office service reads."""

from __future__ import annotations

from builders import HUONG, a_form
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.wording import official_choice
from pakn_desktop.domain.workflow import Action
from pakn_desktop.services import Services
from pakn_desktop.ui.case_editor import CaseEditor, InputDialog

FORM = a_form(**HUONG, title="Chậm trả trợ cấp", content="Đề nghị cơ quan xem xét.")


def test_official_choice_words() -> None:
    assert (
        official_choice("Nguyễn Văn An", "Phòng Lao động", "nvan", 3)
        == "Nguyễn Văn An — Phòng Lao động (nvan) · 3 PAKN đang mở"
    )
    assert official_choice("Nguyễn Văn An", "", "an2", None) == "Nguyễn Văn An (an2)"
    assert official_choice("A", "P", "a", 0) == "A — P (a) · chưa có PAKN đang mở"


def test_the_picker_names_unit_user_name_and_workload(
    qtbot: QtBot,
    services: Services,
    head,
    front_desk,  # type: ignore[no-untyped-def]
) -> None:
    admin = services.office.actor()
    labour = services.office.add_unit("Tổ Thử nghiệm Một", admin)
    social = services.office.add_unit("Tổ Thử nghiệm Hai", admin)
    an1 = services.office.add_user(
        "nvan", "Nguyễn Văn An", Role.OFFICIAL, unit_id=labour.id, actor=admin
    )
    an2 = services.office.add_user(
        "nvan2", "Nguyễn Văn An", Role.OFFICIAL, unit_id=social.id, actor=admin
    )
    busy = services.cases.receive(FORM, front_desk)
    services.cases.forward(busy.code, an1.id, head, expected_version=busy.version)
    case = services.cases.receive(FORM, front_desk)

    editor = CaseEditor(services, head, case.code)
    qtbot.addWidget(editor)
    editor.show()
    seen: list[dict[int, str]] = []

    def drive() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, InputDialog):
            QTimer.singleShot(20, drive)
            return
        assert dlg.combo is not None
        seen.append(
            {dlg.combo.itemData(i): dlg.combo.itemText(i) for i in range(dlg.combo.count())}
        )
        dlg.reject()

    QTimer.singleShot(0, drive)
    qtbot.mouseClick(editor.buttons[Action.FORWARD], Qt.MouseButton.LeftButton)
    (labels,) = seen
    assert labels[an1.id] == "Nguyễn Văn An — Tổ Thử nghiệm Một (nvan) · 1 PAKN đang mở"
    assert labels[an2.id] == "Nguyễn Văn An — Tổ Thử nghiệm Hai (nvan2) · chưa có PAKN đang mở"
    assert len(set(labels.values())) == len(labels)  # no two choices read alike
