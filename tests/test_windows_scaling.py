"""The offices' laptops: 1366×768 with Windows' 125 % and 150 % scaling (QT_SCALE_FACTOR 1.25
and 1.5: 1093×614 and 911×512 logical pixels). The main window with each of its pages and
every dialog a person can reach open no larger than the screen's free area, with room for
Windows' title bar and frame, and wholly on it. The scale must be set before the QApplication
exists, so each scale runs in a process of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

DRIVER = r"""
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services.filters import CaseFilter
from pakn_desktop.ui import window_sizes
from pakn_desktop.ui.i18n import install_translator
install_translator(app, "vi")
from pakn_desktop.ui.case_editor import InputDialog, ReceivedAtDialog
from pakn_desktop.ui.first_run import FirstRunWizard
from pakn_desktop.ui.letters_ui import LetterDialog
from pakn_desktop.ui.login import ChangePasswordDialog, FirstAdminDialog, LoginDialog, UnlockDialog
from pakn_desktop.ui.main_window import MainWindow
from pakn_desktop.ui.national_entry import NationalEntryDialog
from pakn_desktop.ui.person_data import PersonDataDialog
from pakn_desktop.ui.portal_import import PortalImportDialog
from pakn_desktop.ui.publish_ui import PublishDialog
from pakn_desktop.ui.register_view import LetterViewer

svc = Services.open(sys.argv[1])
admin = svc.office.actor()
unit = svc.office.units()[0].id
svc.office.add_user("canbo", "Nguyễn Thị Minh Khai", frozenset(Role), unit_id=unit, actor=admin)
who = svc.office.actor("canbo")
form = IntakeForm("citizen", "Nguyễn Văn An", "Số 1 phố Huế, Hà Nội", "0912345678", "",
                  "Đường hỏng", "Đường liên thôn hỏng nặng, xe không qua được.", "phone", "")
code = svc.cases.receive(form, who).code
room = app.primaryScreen().availableGeometry()
out = {"screen": [room.x(), room.y(), room.width(), room.height()], "frame":
       [window_sizes.FRAME_W, window_sizes.FRAME_H], "windows": {}}


def report(name, win):
    win.show()
    app.processEvents()
    g = win.geometry()
    out["windows"][name] = [g.x(), g.y(), g.width(), g.height()]


w = MainWindow(svc, who, auto_backup=False)
report("main", w)
for i in range(w.stack.count()):
    w.nav.setCurrentRow(i)
    report(f"main/{w.nav.item(i).text()}", w)
e = w.open_case(code)
report("case editor", e)
for name, make in [
    ("input", lambda: InputDialog(e, code, "Lý do?")),
    ("received at", lambda: e.ask_correct_received()),
    ("letter", lambda: LetterDialog(svc, who, code, LetterKind.RECEIPT, w)),
    ("letter viewer", lambda: LetterViewer(svc.letters.preview(code, LetterKind.RECEIPT, who),
                                           "Phiếu nhận", w)),
    ("drill-down list", lambda: w.show_cases(CaseFilter(open_only=True), "Đang xử lý")),
    ("login", lambda: LoginDialog(svc, "canbo")),
    ("first administrator", lambda: FirstAdminDialog(svc)),
    ("unlock", lambda: UnlockDialog(svc, who, w)),
    ("change password", lambda: ChangePasswordDialog(svc, who, w)),
    ("first-run wizard", lambda: FirstRunWizard(svc)),
    ("personal data", lambda: PersonDataDialog(svc, who, w)),
    ("national entry", lambda: NationalEntryDialog(svc, who, w)),
    ("portal import", lambda: PortalImportDialog(svc, who, w)),
    ("publish", lambda: PublishDialog(svc, who, w)),
]:
    d = make()
    report(name, d)
    if name == "letter":
        # The draft is composed off the GUI thread; its size is what counts once it shows.
        for _ in range(100):
            app.processEvents()
            if d.op is None or not getattr(d.op, "running", False):
                break
            QTimer.singleShot(20, lambda: None)
        report(name, d)
    d.hide()
print("RESULT " + json.dumps(out), flush=True)
w.close()
svc.close()
"""

SCREEN = {
    "screens": [
        {
            "name": "laptop",
            "x": 0,
            "y": 0,
            "width": 1366,
            "height": 768,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
    ]
}


@pytest.mark.parametrize(("scale", "room"), [("1.25", (1093, 614)), ("1.5", (911, 512))])
def test_every_window_and_dialog_fits_1366x768_scaled(
    tmp_path: Path, scale: str, room: tuple[int, int]
) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN))
    script = tmp_path / "driver.py"
    script.write_text(DRIVER, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), f"sqlite:///{tmp_path / 'scale.db'}"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=240,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
            "QT_SCALE_FACTOR": scale,
            # This checkout's package, whatever the environment has installed.
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            "HOME": str(tmp_path),  # the remembered sizes of this run only
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
        },
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    assert line is not None, done.stderr[-3000:]
    result = json.loads(line[len("RESULT ") :])
    sx, sy, sw, sh = result["screen"]
    assert (sw, sh) == room
    fw, fh = result["frame"]
    assert len(result["windows"]) >= 20, sorted(result["windows"])
    # No larger than the free area with room for Windows' title bar and frame ...
    too_big = {
        name: (w, h)
        for name, (_x, _y, w, h) in result["windows"].items()
        if w + fw > sw or h + fh > sh
    }
    # ... and wholly on the screen (offscreen, a window has no frame of its own).
    off = {
        name: (x, y, w, h)
        for name, (x, y, w, h) in result["windows"].items()
        if name not in too_big
        and not (sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh)
    }
    assert too_big == {}, f"larger than {sw}x{sh} less the frame at scale {scale}: {too_big}"
    assert off == {}, f"off the {sw}x{sh} screen at scale {scale}: {off}"
    # Qt writes no warning about a window it cannot fit.
    assert "QWidget::setMinimumSize" not in done.stderr
