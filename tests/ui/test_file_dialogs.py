"""Only SQLite opens the database file in the window's process (issue 20, point 1).

Qt's file dialog, left to itself, opens every file of the folder it shows to guess its type.
Closing that handle on ``pakn.db`` drops every POSIX lock SQLite holds in the process; the next
program that opens and closes the database then deletes the window's live ``-wal``/``-shm``,
and what the window saves afterwards goes into deleted files (gone after ``kill -9``). Every
dialog of the window is made by ``pakn_desktop.ui.file_names``, which never reads content."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from builders import HUONG, a_form
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel
from pytestqt.qtbot import QtBot

from pakn_desktop.services import Services
from pakn_desktop.ui import audit_view, file_names

UI = Path(__file__).resolve().parents[2] / "pakn_desktop" / "ui"
ROOT = Path(__file__).resolve().parents[2]

FORM = a_form(**HUONG, title="Chậm trả trợ cấp", content="Đề nghị cơ quan xem xét.")

OTHER_DESK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=5)
conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
conn.close()
"""

COUNT_CODE = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=5)
print(conn.execute("SELECT count(*) FROM cases WHERE code = ?", (sys.argv[2],)).fetchone()[0])
conn.close()
"""


def other_desk_opens_and_closes(path: Path) -> None:
    subprocess.run([sys.executable, "-c", OTHER_DESK, str(path)], check=True, timeout=60)


def other_desk_sees(path: Path, code: str) -> bool:
    out = subprocess.run(
        [sys.executable, "-c", COUNT_CODE, str(path), code],
        check=True,
        timeout=60,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip() == "1"


def deleted_handles(pid: int | str, folder: Path) -> list[str]:
    """The handles of a process on files of ``folder`` that were deleted under it."""
    found = []
    fds = Path(f"/proc/{pid}/fd")
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(folder)) and target.endswith("(deleted)"):
            found.append(target)
    return found


def cancel_when_listed(db_file: Path, seen: list[str]) -> None:
    """Wait until the open file dialog has listed the folder of ``db_file`` and named the
    type of what it shows (the moment Qt's own provider reads the file), then press Cancel."""
    dialog = QApplication.activeModalWidget()
    model = dialog.findChild(QFileSystemModel) if isinstance(dialog, QFileDialog) else None
    if not isinstance(dialog, QFileDialog) or model is None:
        QTimer.singleShot(20, lambda: cancel_when_listed(db_file, seen))
        return
    index = model.index(str(db_file))
    listed = index.isValid() and model.type(index) != ""
    shown_dirs = bool(dialog.testOption(QFileDialog.Option.ShowDirsOnly))
    if not listed and not (shown_dirs and model.rowCount(model.index(str(db_file.parent)))):
        QTimer.singleShot(20, lambda: cancel_when_listed(db_file, seen))
        return
    QTimer.singleShot(300, dialog.reject)  # a person reads the list before cancelling
    seen.append(model.type(index) if index.isValid() else "")


@pytest.fixture
def window_db(tmp_path: Path) -> Iterator[Services]:
    path = tmp_path / "pakn.db"
    services = Services.open(f"sqlite:///{path}")
    services.cases.receive(FORM, staff_actor(services))  # the window has written
    assert Path(f"{path}-wal").exists()
    yield services
    services.close()


def audit_export_button(
    qtbot: QtBot, services: Services, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nhật ký → Xuất… (the dialog proposes ``nhat-ky.csv`` in the working folder)."""
    monkeypatch.chdir(folder)
    view = audit_view.AuditView(services, services.office.actor())
    qtbot.addWidget(view)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)


DIALOGS: dict[str, Callable[..., object]] = {
    "save": lambda folder: file_names.save_file_name(None, "Lưu", str(folder / "x.pdf"), "*.pdf"),
    "open": lambda folder: file_names.open_file_name(None, "Mở", str(folder)),
    "open-many": lambda folder: file_names.open_file_names(None, "Mở", str(folder), "*"),
    "folder": lambda folder: file_names.existing_directory(None, "Thư mục", str(folder)),
    "ask-save": lambda folder: file_names.ask_save_path(
        None, "Lưu", "bao-cao.xlsx", "Excel (*.xlsx)", "r"
    ),
}


@pytest.mark.parametrize("which", ["audit-export-button", *DIALOGS])
def test_a_cancelled_dialog_on_the_folder_keeps_the_wal_of_the_window(
    qtbot: QtBot,
    window_db: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    which: str,
) -> None:
    db_file = tmp_path / "pakn.db"
    seen: list[str] = []
    QTimer.singleShot(0, lambda: cancel_when_listed(db_file, seen))
    if which == "audit-export-button":
        audit_export_button(qtbot, window_db, tmp_path, monkeypatch)
    else:
        if which == "ask-save":
            monkeypatch.chdir(tmp_path)
            monkeypatch.setenv("HOME", str(tmp_path))
        DIALOGS[which](tmp_path)
    assert seen, "the dialog was never shown"
    assert QApplication.activeModalWidget() is None
    other_desk_opens_and_closes(db_file)
    assert deleted_handles("self", tmp_path) == []
    # What the window saves now is seen by the other desks (it is in the live WAL).
    code = window_db.cases.receive(FORM, staff_actor(window_db)).code
    assert other_desk_sees(db_file, code)


WINDOW = """
import os, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
sys.path.insert(0, sys.argv[2])
from accounts_fixture import staff_actor
from test_file_dialogs import FORM, cancel_when_listed, deleted_handles
from pakn_desktop.services import Services
from pakn_desktop.ui.audit_view import AuditView

folder = Path(sys.argv[1])
os.chdir(folder)
app = QApplication([])
QCoreApplication.setOrganizationName("PAKN Desktop Tests")
services = Services.open(f"sqlite:///{folder / 'pakn.db'}")
actor = staff_actor(services)
services.cases.receive(FORM, actor)
view = AuditView(services, services.office.actor())
view.show()
seen = []
QTimer.singleShot(0, lambda: cancel_when_listed(folder / "pakn.db", seen))
QTest.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
print("CANCELLED", seen, flush=True)
sys.stdin.readline()  # the other desk opens and closes the database meanwhile
print("DELETED", deleted_handles("self", folder), flush=True)
print("CODE", services.cases.receive(FORM, actor).code, flush=True)
sys.stdin.readline()  # killed here
"""


def test_a_save_after_the_dialog_survives_kill_9(tmp_path: Path) -> None:
    """The window in a process of its own: Nhật ký → Xuất… → Hủy, another desk opens and
    closes the database, the window accepts a case, and is killed with SIGKILL."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")]),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(tmp_path), str(Path(__file__).parent)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().startswith("CANCELLED ['")
        other_desk_opens_and_closes(tmp_path / "pakn.db")
        child.stdin.write("\n")
        child.stdin.flush()
        deleted = child.stdout.readline().strip()
        code_line = child.stdout.readline()
        assert code_line.startswith("CODE ")
        code = code_line.split()[1]
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)  # reaps it and closes the pipes
    assert other_desk_sees(tmp_path / "pakn.db", code), "the case accepted was lost"
    assert deleted == "DELETED []"


def test_the_window_makes_file_dialogs_in_one_place_only() -> None:
    """QFileDialog (its static functions included), file system models and icon providers
    are used by ``file_names`` only, which gives every dialog a provider that never reads a
    file's content."""
    pattern = re.compile(r"\b(QFileDialog|QFileSystemModel|QFileIconProvider|QFileSystemWatcher)\b")
    found = []
    for module in sorted(UI.glob("*.py")):
        if module.name == "file_names.py":
            continue
        for number, line in enumerate(module.read_text("utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{module.name}:{number}: {line.strip()}")
    assert found == []


def test_the_dialogs_name_types_from_the_file_name_only(qtbot: QtBot, tmp_path: Path) -> None:
    """A PDF named ``.db`` is listed as a file, not sniffed as a PDF; a ``.pdf`` is named
    from its extension."""
    (tmp_path / "pakn.db").write_bytes(b"%PDF-1.4\n" + b"x" * 100)
    (tmp_path / "thu.pdf").write_bytes(b"not really a pdf")
    icons = file_names.NameOnlyIcons()
    from PySide6.QtCore import QFileInfo

    assert icons.type(QFileInfo(str(tmp_path / "pakn.db"))) == "Tệp"
    assert "PDF" in icons.type(QFileInfo(str(tmp_path / "thu.pdf")))
    assert icons.type(QFileInfo(str(tmp_path))) == "Thư mục"
    assert not icons.icon(QFileInfo(str(tmp_path / "thu.pdf"))).isNull()


@pytest.mark.parametrize("chosen", ["pakn.db", "pakn.db-wal", "link-to-pakn.db"])
def test_attaching_the_database_itself_is_refused_without_reading_it(
    qtbot: QtBot,
    window_db: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chosen: str,
) -> None:
    """Tiếp nhận → Đính kèm tệp… → the database (or its WAL, or a hard link to it): refused
    in words, and the process keeps its locks."""
    from pakn_desktop.ui.intake import IntakeForm_

    db_file = tmp_path / "pakn.db"
    os.link(db_file, tmp_path / "link-to-pakn.db")
    form = IntakeForm_(window_db, staff_actor(window_db))
    qtbot.addWidget(form)
    monkeypatch.setattr(file_names, "open_file_names", lambda *_a, **_k: [str(tmp_path / chosen)])
    qtbot.mouseClick(form.add_file, Qt.MouseButton.LeftButton)
    assert "cơ sở dữ liệu đang mở" in form.fields.errors["attachments"].text()
    assert form.attachment_list.count() == 0
    other_desk_opens_and_closes(db_file)
    assert deleted_handles("self", tmp_path) == []
    code = window_db.cases.receive(FORM, staff_actor(window_db)).code
    assert other_desk_sees(db_file, code)


def test_an_export_over_the_database_is_refused(window_db: Services, tmp_path: Path) -> None:
    """Saving an export, a letter or a list over the open database (or its WAL) would
    replace the register: refused before anything is written."""
    from pakn_desktop.domain.errors import PaknError
    from pakn_desktop.services.email_intake import read_email_file
    from pakn_desktop.services.files import write_private

    db_file = tmp_path / "pakn.db"
    before = db_file.stat().st_ino
    for target in (db_file, Path(f"{db_file}-wal"), tmp_path / "." / "pakn.db"):
        with pytest.raises(PaknError, match="cơ sở dữ liệu đang mở"):
            write_private(target, lambda tmp: tmp.write_bytes(b"%PDF"))
    with pytest.raises(PaknError, match="cơ sở dữ liệu đang mở"):
        read_email_file(db_file)
    assert db_file.stat().st_ino == before
    other_desk_opens_and_closes(db_file)
    assert deleted_handles("self", tmp_path) == []
    assert other_desk_sees(db_file, window_db.cases.receive(FORM, staff_actor(window_db)).code)


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_autosaves_and_opened_attachments_are_private(
    qtbot: QtBot,
    window_db: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    open_umask: None,
) -> None:
    """Every file the window writes is its owner's only (0600), whatever the umask: the
    intake form's autosave with its attached files, and the copy of an attachment opened
    from a case."""
    from pakn_desktop.ui import case_editor
    from pakn_desktop.ui.intake import IntakeForm_, files_of

    actor = staff_actor(window_db)
    scan = tmp_path / "don.pdf"
    scan.write_bytes(b"%PDF-1.4\n% don\n")
    form = IntakeForm_(window_db, actor)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.fields.submitter_name, "Do Thi Huong")
    monkeypatch.setattr(file_names, "open_file_names", lambda *_a, **_k: [str(scan)])
    qtbot.mouseClick(form.add_file, Qt.MouseButton.LeftButton)
    assert form.attachment_list.count() == 1
    qtbot.waitUntil(lambda: form.autosave_file.exists(), timeout=5000)
    saved = [form.autosave_file, *files_of(form.autosave_file).iterdir()]
    assert len(saved) == 2
    assert {p.name: mode(p) for p in saved} == {p.name: 0o600 for p in saved}
    assert mode(files_of(form.autosave_file)) == 0o700

    code = window_db.cases.receive(FORM, actor, attachments=[("don.pdf", scan.read_bytes())]).code
    editor = case_editor.CaseEditor(window_db, actor, code)
    qtbot.addWidget(editor)
    opened: list[Path] = []
    monkeypatch.setattr(
        case_editor.QDesktopServices, "openUrl", lambda url: opened.append(Path(url.toLocalFile()))
    )
    qtbot.waitUntil(lambda: editor.detail.complete)  # the attachments are read on a worker
    editor.attachments.setCurrentRow(0)
    qtbot.mouseClick(editor.open_attachment_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0].read_bytes() == scan.read_bytes()
    assert mode(opened[0]) == 0o600 and mode(opened[0].parent) == 0o700


def test_restoring_from_the_open_database_itself_is_refused_without_reading_it(
    qtbot: QtBot, window_db: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sao lưu → Khôi phục từ bản sao lưu… → Tệp khác… → the database the window has open:
    refused in words before the backup check reads its header (closing that handle would
    drop the window's locks)."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMessageBox

    from pakn_desktop.ui.main_window import MainWindow
    from pakn_desktop.ui.restore_dialog import RestoreDialog

    db_file = tmp_path / "pakn.db"
    window = MainWindow(window_db, staff_actor(window_db), auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(file_names, "open_file_name", lambda *_a, **_k: str(db_file))
    said: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, RestoreDialog):  # the list of backups: another file is wanted
            QTimer.singleShot(20, answer)  # before the click: the refusal box waits in it
            qtbot.mouseClick(box.other_button, Qt.MouseButton.LeftButton)
            return
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        said.append(box.text())
        box.reject()

    QTimer.singleShot(0, answer)
    (restore,) = [
        a for a in window.findChildren(QAction) if a.text() == "Khôi phục từ bản sao lưu…"
    ]
    restore.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert "cơ sở dữ liệu đang mở" in said[0]
    other_desk_opens_and_closes(db_file)
    assert deleted_handles("self", tmp_path) == []
    assert other_desk_sees(db_file, window_db.cases.receive(FORM, staff_actor(window_db)).code)
    assert window.isVisible()
