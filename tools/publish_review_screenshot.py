"""The screenshot of the review before publishing (docs/screenshots/publish-review.png): an
answered PAKN in a scratch database, the head's publish dialog, the review opened with its
button, one more word masked by hand and one wrongly masked word restored, the whole 1366×768
screen captured.

Run it on a real (virtual) screen of that size:
  Xvfb :108 -screen 0 1366x768x24 &
  DISPLAY=:108 QT_QPA_PLATFORM=xcb .venv/bin/python tools/publish_review_screenshot.py \
      docs/screenshots/publish-review.png
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path


def main(out: Path) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="pakn-review-shot-"))
    os.environ["XDG_DATA_HOME"] = str(scratch / "data")
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")

    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from pakn_desktop.domain.enums import Role
    from pakn_desktop.domain.validation import IntakeForm
    from pakn_desktop.services import Services
    from pakn_desktop.ui.i18n import install_translator
    from pakn_desktop.ui.publish_ui import PublishDialog

    QCoreApplication.setOrganizationName("PAKN Desktop Screenshots")
    app = QApplication([])
    install_translator(app, "vi")
    services = Services.open(
        f"sqlite:///{scratch / 'pakn.db'}", now=lambda: datetime(2026, 5, 12, 9, 30)
    )
    admin = services.office.actor()
    services.office.add_user("lanhdao", "Lê Thị Thu Hà", frozenset(Role), actor=admin)
    head = services.office.actor("lanhdao")
    case = services.cases.receive(
        IntakeForm(
            submitter_kind="citizen",
            submitter_name="Nguyễn Văn Bình",
            address="Số 25, ngõ 10, phố Hàng Bông, phường Hàng Trống",
            phone="0914 222 333",
            title="Xưởng may nợ lương công nhân ba tháng",
            content=(
                "Tôi là Nguyễn Văn Bình, nhà ở số nhà 25, ngõ 10, phố Hàng Bông. Tôi và chị "
                "Lan làm ở xưởng may Hoa Mai từ năm 2022. Từ tháng 1 đến nay xưởng chưa trả "
                "lương, ông Phạm Văn Hải là chủ xưởng hẹn nhiều lần nhưng không trả. Đề nghị "
                "Sở kiểm tra. Liên hệ con gái tôi qua số 84-912-345-678."
            ),
            channel="letter",
        ),
        head,
    )
    case = services.cases.accept(
        case.code, head, official_id=head.id, expected_version=case.version
    )
    case = services.cases.record_result(
        case.code, "Đã giải quyết.", head, expected_version=case.version
    )
    services.cases.publish_answer(
        case.code,
        "Ngày 05/5/2026, Thanh tra Sở đã làm việc với xưởng may Hoa Mai; chủ xưởng đã trả "
        "đủ lương tháng 1 đến tháng 4 cho ông Bình và chị Lan. Mọi thắc mắc xin liên hệ "
        "đường dây nóng của Sở theo Nghị định 30/2020/NĐ-CP về công tác văn thư.",
        head,
        expected_version=case.version,
    )

    publish = PublishDialog(services, head)
    publish.show()
    publish.table.selectRow(0)
    QTest.mouseClick(publish.review_button, Qt.MouseButton.LeftButton)
    dialog = publish.review_dialog
    assert dialog is not None
    dialog.setGeometry(0, 0, 1366, 768)
    dialog.showMaximized()
    app.processEvents()
    # Mask "xưởng may Hoa Mai" by hand; restore "Lan" (the person agreed to be named).
    text = dialog.original.toPlainText()
    cursor = QTextCursor(dialog.original.document())
    start = text.index("xưởng may Hoa Mai")
    cursor.setPosition(start)
    cursor.setPosition(start + len("xưởng may Hoa Mai"), QTextCursor.MoveMode.KeepAnchor)
    dialog.original.setTextCursor(cursor)
    QTest.mouseClick(dialog.mask_button, Qt.MouseButton.LeftButton)
    cursor = QTextCursor(dialog.original.document())
    cursor.setPosition(
        dialog.original.toPlainText().index("chị \nLan") + 6
        if "chị \nLan" in dialog.original.toPlainText()
        else dialog.original.toPlainText().index("chị Lan") + 5
    )
    dialog.original.setTextCursor(cursor)
    QTest.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    for _ in range(20):
        app.processEvents()
        QTest.qWait(50)
    out.parent.mkdir(parents=True, exist_ok=True)
    screen = app.primaryScreen()
    shot = screen.grabWindow(0)
    shot.save(str(out))
    print(f"{out}: {shot.width()}×{shot.height()}")
    services.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/publish-review.png"))
