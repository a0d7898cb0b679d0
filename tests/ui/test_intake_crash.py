"""A real process killed with SIGKILL while a PAKN is being typed: the next start offers the
form back, keeps it however long the person waits, and restores every field."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from accounts_fixture import STAFF_LOGIN, STAFF_PASSWORD, staff_actor

from pakn_desktop.paths import data_dir
from pakn_desktop.services import Services

# Run inside the child: the real start-up (pakn_desktop.__main__.main) with a timer that
# drives the window as a person would, through key events.
DRIVER = r"""
import json, os, sys
from pathlib import Path
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
mode, url = sys.argv[1], sys.argv[2]
STAFF_LOGIN = sys.argv[5]

from pakn_desktop.ui.intake import recovered_forms

FIELDS = json.loads(sys.argv[3])


def window():
    return next((w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"
                 and w.isVisible()), None)


def log_in_then(step):
    # Nobody works without logging in: type the staff password into the login dialog.
    dialog = next((w for w in QApplication.topLevelWidgets()
                   if type(w).__name__ == "LoginDialog" and w.isVisible()), None)
    if dialog is None:
        QTimer.singleShot(50, lambda: log_in_then(step))
        return
    type_text(dialog.password, os.environ["PAKN_TEST_PASSWORD"])
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    step()


def type_text(widget, text):
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def type_and_wait():
    w = window()
    if w is None:
        QTimer.singleShot(50, type_and_wait)
        return
    f = w.intake
    for name, text in FIELDS.items():
        type_text(getattr(f.fields, name), text)
    f.add_files([Path(sys.argv[4])])  # as if dropped on the list

    def written():
        path = f.autosave_file
        if path.exists() and FIELDS["content"] in path.read_text("utf-8"):
            print("TYPED", flush=True)  # the parent kills us now
        else:
            QTimer.singleShot(50, written)

    written()


def restore_later():
    w = window()
    if w is None:
        QTimer.singleShot(50, restore_later)
        return
    f = w.intake
    shown = f.restore_banner.isVisibleTo(f)

    def after_wait():
        # Longer than any autosave interval: the new, empty form must not have replaced it.
        kept = len(recovered_forms())
        QTest.mouseClick(f.restore_button, Qt.MouseButton.LeftButton)
        values = {name: (getattr(f.fields, name).toPlainText() if name == "content"
                         else getattr(f.fields, name).text()) for name in FIELDS}
        values["attachments"] = [[n, d.hex()] for n, d in f._attachments]
        print("RESULT " + json.dumps({"shown": shown, "kept": kept, "values": values,
                                      "banner_after": f.restore_banner.isVisibleTo(f),
                                      "left": len(recovered_forms())}), flush=True)
        w.close()

    QTimer.singleShot(5000, after_wait)


QTimer.singleShot(0, lambda: log_in_then(type_and_wait if mode == "type" else restore_later))
from pakn_desktop.__main__ import main
sys.exit(main(["--db", url, "--user", STAFF_LOGIN, "--lang", "vi"]))
"""

FIELDS = {
    "submitter_name": "Phạm Văn Đức",
    "address": "Thôn 2, xã Đắk Tô, tỉnh Quảng Ngãi",
    "phone": "0905 111 222",
    "title": "Chậm chi trả trợ cấp thất nghiệp",
    "content": "Đã nộp hồ sơ hơn 20 ngày mà chưa nhận được tiền.",
}


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _child(script: Path, mode: str, url: str) -> subprocess.Popen[str]:
    scan = script.with_name("đơn-scan.pdf")
    scan.write_bytes(PDF)
    return subprocess.Popen(
        [
            sys.executable,
            str(script),
            mode,
            url,
            json.dumps(FIELDS, ensure_ascii=False),
            str(scan),
            STAFF_LOGIN,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONIOENCODING": "utf-8",
            "PAKN_TEST_PASSWORD": STAFF_PASSWORD,
        },
    )


def _line_starting(proc: subprocess.Popen[str], prefix: str, timeout: float) -> str:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith(prefix):
            return line[len(prefix) :].strip()
        if not line and proc.poll() is not None:
            break
    proc.kill()
    _out, err = proc.communicate(timeout=10)
    raise AssertionError(f"no {prefix!r} from the app; stderr:\n{err[-3000:]}")


def test_form_typed_before_kill_9_comes_back_after_restart(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    services = Services.open(url)
    # An office in use: no first-run wizard; the staff account logs in.
    services.office.finish_setup(
        None, actor=services.office.actor(), expected_version=services.office.settings_version()
    )
    staff_actor(services)
    services.close()
    script = tmp_path / "driver.py"
    script.write_text(DRIVER, encoding="utf-8")

    first = _child(script, "type", url)
    _line_starting(first, "TYPED", 60)
    os.kill(first.pid, signal.SIGKILL)
    first.communicate(timeout=10)  # reaps it and closes the pipes
    assert first.returncode == -signal.SIGKILL
    assert len(list(data_dir().glob("intake-autosave-*.json"))) == 1  # left by the killed one

    second = _child(script, "restore", url)
    result = json.loads(_line_starting(second, "RESULT ", 60))
    second.communicate(timeout=30)
    assert result["shown"] is True
    assert result["kept"] == 1  # still there 5 s after the start
    assert result["values"] == {**FIELDS, "attachments": [["đơn-scan.pdf", PDF.hex()]]}
    assert result["banner_after"] is False and result["left"] == 0
