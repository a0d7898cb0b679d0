"""Every window at 1366×768, the commonest office laptop screen, and at 125 % scaling
(QT_SCALE_FACTOR=1.25: 1093×614 logical pixels): it fits, what must be pressed is in sight,
and a window comes back at the size the person gave it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from screen_driver import laptop_size, run_on_laptop_screen

from pakn_desktop.services import Services

DRIVER = r"""
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from pakn_desktop.services import Services
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.domain.enums import Role
from pakn_desktop.ui.i18n import install_translator
from pakn_desktop.ui.main_window import MainWindow
from pakn_desktop.ui.first_run import FirstRunWizard
from pakn_desktop.ui.case_editor import InputDialog
install_translator(app, "vi")
svc = Services.open(sys.argv[1])
admin = svc.office.actor()
unit = svc.office.units()[0].id
svc.office.add_user("lthha", "Lê Thị Thu Hà", Role.HEAD, unit_id=unit, actor=admin)
svc.office.add_user("tiepnhan", "Hoàng Thị Yến", Role.FRONT_DESK, unit_id=unit, actor=admin)
room = app.primaryScreen().availableGeometry()
out = {"screen": [room.x(), room.y(), room.width(), room.height()], "windows": {}}


def in_sight(w):
    r = w.visibleRegion().boundingRect()
    return w.isVisible() and r.width() >= w.width() - 1 and r.height() >= w.height() - 1


def report(name, win, keys):
    app.processEvents()
    g = win.frameGeometry()
    out["windows"][name] = {
        "geom": [g.x(), g.y(), g.width(), g.height()],
        "hidden": sorted(k for k, w in keys.items() if not in_sight(w)),
    }


w = MainWindow(svc, svc.office.actor("lthha"), auto_backup=False)
w.show()
w.nav.setCurrentRow(0)  # the intake page (a head's window opens on the inbox)
report("main", w, {"save": w.intake.save_button, "new": w.intake.new_button,
                   "status": w.statusBar(), "restore": w.intake.result_area})
for i in range(1, w.stack.count()):
    w.nav.setCurrentRow(i)
    report(f"page{i}", w, {"status": w.statusBar()})
    page = w.stack.currentWidget()
    # The page fits its place: nothing of it is cut off.
    need, has = page.minimumSizeHint(), page.size()
    if need.width() > has.width() or need.height() > has.height():
        out["windows"][f"page{i}"]["hidden"].append(f"needs {need.width()}x{need.height()}")
form = IntakeForm("citizen", "Nguyễn Văn An", "Số 1 phố Huế, Hà Nội", "0912345678", "",
                  "Đường hỏng", "Đường hỏng nặng", "phone", "")
c = svc.cases.receive(form, svc.office.actor("tiepnhan"))
e = w.open_case(c.code)
report("editor", e, {"save": e.save_fields, "correct": e.correct_received,
                     **{a.value: b for a, b in e.buttons.items()}})
d = e.ask_correct_received()
report("correct_received", d, {"reason": d.reason, "error_place": d.when})
d.reject()
dlg = InputDialog(e, c.code, "Lý do?")
dlg.show()
report("input", dlg, {"ok": dlg.buttons, "text": dlg.text})
dlg.reject()
wiz = FirstRunWizard(svc)
wiz.show()
report("wizard", wiz, {})
print("RESULT " + json.dumps(out), flush=True)
"""


@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_every_window_fits_1366x768(tmp_path: Path, scale: str) -> None:
    result = run_on_laptop_screen(tmp_path, DRIVER, [f"sqlite:///{tmp_path / 'sizes.db'}"], scale)
    sx, sy, sw, sh = result["screen"]
    assert (sw, sh) == laptop_size(scale)
    assert set(result["windows"]) >= {"main", "editor", "wizard", "input", "correct_received"}
    for name, win in result["windows"].items():
        x, y, w, h = win["geom"]
        assert sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh, (name, win)
        assert win["hidden"] == [], (name, win)


def test_a_window_comes_back_at_the_size_it_was_given(
    qtbot: QtBot, services: Services, actor
) -> None:  # type: ignore[no-untyped-def]
    from pakn_desktop.domain.validation import IntakeForm
    from pakn_desktop.ui.case_editor import CaseEditor

    case = services.cases.receive(
        IntakeForm(
            "citizen", "Vũ Thị Nga", "Xã Đắk Hà", "0977123456", "", "Hỏi", "Nội dung", "walk_in"
        ),
        actor,
    )
    first = CaseEditor(services, actor, case.code)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 520)
    first.close()
    again = CaseEditor(services, actor, case.code)
    qtbot.addWidget(again)
    again.show()
    assert again.size() == QSize(700, 520)
