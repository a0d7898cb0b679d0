"""Start-up with the log-in window first (ui/app.py ``log_in``): the database is opened behind
it. What goes wrong at the open is said in that window with what was typed kept, and the
log-in button then tries again; a log-in pressed before the database is open goes on when it
is; a new office still reaches the first-run wizard.

Each test drives the real start-up as a person would, through timers polling the window in
front (a modal window's answer must be scheduled before it opens)."""

from __future__ import annotations

import argparse
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from builders import an_office
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from pakn_desktop.services import Services
from pakn_desktop.ui import startup
from pakn_desktop.ui.app import Started, log_in
from pakn_desktop.ui.first_run import FirstRunWizard
from pakn_desktop.ui.login import FirstAdminDialog, LoginDialog

USER = "canbo"
PASSWORD = "mat-khau-du-dai-1"
ADMIN = (USER, "Cán bộ", PASSWORD)
PATIENCE_S = 120.0  # only so that a broken start-up fails the test instead of hanging it


def _args(db: str) -> argparse.Namespace:
    return argparse.Namespace(db=db, user=None, lang="vi", self_test=False)


def _front() -> QWidget | None:
    return QApplication.activeModalWidget()


def _login() -> LoginDialog | None:
    w = _front()
    return w if isinstance(w, LoginDialog) and w.isVisible() else None


class Person:
    """Steps run one after the other, each once its condition holds. A step that fails or
    never comes is recorded, and whatever window is in front is left, so start-up ends."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.steps: list[tuple[Callable[[], Any], Callable[[], None]]] = []
        self.running = False

    def when(self, cond: Callable[[], Any], act: Callable[[], None]) -> Person:
        self.steps.append((cond, act))
        return self

    def log_in(self, db: str) -> Started | int:
        """Start-up (``ui.app.log_in``) with this person at the desk."""
        self.running = True
        QTimer.singleShot(0, lambda: self._next(time.monotonic() + PATIENCE_S))
        try:
            return log_in(_args(db))
        finally:
            self.running = False

    def _next(self, deadline: float) -> None:
        if not self.running:
            return
        if not self.steps:  # any other window would wait for nobody: noted and left
            w = _front()
            # The log-in window stays while the database is opening, and only then.
            waiting = isinstance(w, LoginDialog) and not (w.database_open or w.open_failed)
            if isinstance(w, QDialog) and w.isVisible() and not waiting:
                self.errors.append(f"unexpected window: {type(w).__name__}")
                w.done(0)
            QTimer.singleShot(50, lambda: self._next(deadline))
            return
        cond, act = self.steps[0]
        if cond():
            self.steps.pop(0)
            try:
                act()
            except BaseException as exc:  # reported by the test
                self.errors.append(repr(exc))
                self.steps.clear()
                self._leave()
                return
            QTimer.singleShot(0, lambda: self._next(time.monotonic() + PATIENCE_S))
            return
        if time.monotonic() > deadline:
            self.errors.append(f"never came: step {cond}")
            self.steps.clear()
            self._leave()
            return
        QTimer.singleShot(20, lambda: self._next(deadline))

    def _leave(self) -> None:
        w = _front()
        if isinstance(w, QDialog):
            w.done(0)
            QTimer.singleShot(50, self._leave)


def _type(dialog: LoginDialog, user: str = USER, password: str = PASSWORD) -> None:
    # Set, not typed key by key: the dialog's fields are what matters here.
    dialog.username.setText(user)
    dialog.password.setText(password)


def _press(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _close(started: Started | int) -> None:
    if isinstance(started, Started):
        started.services.close()


# --- what goes wrong at the open -------------------------------------------------------


def _office(path: Path) -> str:
    return an_office(f"sqlite:///{path}")


@pytest.fixture
def exclusive_lock() -> Iterator[Callable[[Path], sqlite3.Connection]]:
    """Another desk holding the whole file (as a restore does): every other connection is
    refused with "database is locked"."""
    held: list[sqlite3.Connection] = []

    def hold(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        held.append(conn)
        return conn

    yield hold
    for conn in held:
        conn.close()


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    # The store waits this long for a busy file before saying so (15 s in the product).
    import pakn_desktop.store.db as store_db

    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 300)


@pytest.mark.parametrize(
    "problem", ["missing-folder", "newer", "not-a-database", "busy", "server-unreachable"]
)
def test_an_open_failure_is_said_in_the_login_window_with_what_was_typed_kept(
    tmp_path: Path,
    qtbot: QtBot,
    problem: str,
    exclusive_lock: Callable[[Path], sqlite3.Connection],
    short_busy_timeout: None,
) -> None:
    office = tmp_path / "office.db"
    expect = ""
    if problem == "missing-folder":
        db = str(tmp_path / "gone" / "pakn.db")
        expect = "không tồn tại"
    elif problem == "newer":
        db = _office(office)
        with sqlite3.connect(office) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
            conn.execute("UPDATE app_meta SET value = '9.9.0' WHERE key = 'app_version'")
        expect = "cài phiên bản 9.9.0"
    elif problem == "not-a-database":
        office.write_bytes(b"not a database " * 1000)
        db = f"sqlite:///{office}"
        expect = "không đọc được"
    elif problem == "busy":
        db = _office(office)
        exclusive_lock(office)
        expect = "đang bận"
    else:  # nothing listens on port 1
        db = "postgresql+psycopg://pakn@127.0.0.1:1/pakn"
        expect = "Không kết nối được tới máy chủ"
    seen: dict[str, Any] = {}

    def read(dialog: LoginDialog) -> None:
        seen.update(
            message=dialog.message.text(),
            user=dialog.username.text(),
            password=dialog.password.text(),
            button=dialog.ok.text(),
            visible=dialog.isVisible(),
        )
        _press(qtbot, dialog.exit)

    person = Person()
    person.when(_login, lambda: _type(_login()))  # type: ignore[arg-type]
    person.when(lambda: _login() and _login().open_failed, lambda: read(_login()))  # type: ignore[union-attr,arg-type]
    started = person.log_in(db)
    _close(started)
    assert person.errors == []
    assert started == 2  # left after the failure: the exit code of a database not opened
    assert expect in seen["message"]
    assert "Traceback" not in seen["message"] and "sqlalchemy" not in seen["message"].lower()
    assert seen["visible"] and seen["button"] == "Thử lại"
    assert (seen["user"], seen["password"]) == (USER, PASSWORD)
    assert not (tmp_path / "gone").exists()  # a mistyped folder is never made


def test_after_a_failure_try_again_logs_in_with_what_was_typed(
    tmp_path: Path,
    qtbot: QtBot,
    exclusive_lock: Callable[[Path], sqlite3.Connection],
    short_busy_timeout: None,
) -> None:
    office = tmp_path / "office.db"
    db = f"sqlite:///{office}"
    an_office(db, ADMIN)
    lock = exclusive_lock(office)
    states: list[str] = []

    def retry(dialog: LoginDialog) -> None:
        states.append(dialog.message.text())
        lock.close()  # the other desk is done
        _press(qtbot, dialog.ok)  # "Thử lại"
        states.append(dialog.message.text())

    person = Person()
    person.when(_login, lambda: _type(_login()))  # type: ignore[arg-type]
    person.when(lambda: _login() and _login().open_failed, lambda: retry(_login()))  # type: ignore[union-attr,arg-type]
    started = person.log_in(db)
    _close(started)
    assert person.errors == []
    assert "đang bận" in states[0]
    assert states[1] == "Đang mở lại cơ sở dữ liệu…"
    assert isinstance(started, Started) and started.actor.name == "Cán bộ"


# --- a log-in faster than the database ---------------------------------------------------


def test_a_login_pressed_before_the_database_is_open_goes_on_when_it_is(
    db_url: str,
    services: Services,
    make_actor: Callable[..., Any],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An administrator who can log in: the office is past its first run.
    expected = make_actor("admin", username=USER, name="Cán bộ", password=PASSWORD)
    may_open = threading.Event()
    real_open = startup.open_services

    def slow_open(url: str | None) -> startup.Opened:
        may_open.wait(PATIENCE_S)  # the database is slower than the person
        return real_open(url)

    monkeypatch.setattr(startup, "open_services", slow_open)
    seen: dict[str, Any] = {}

    def log_in_now(dialog: LoginDialog) -> None:
        _type(dialog)
        _press(qtbot, dialog.ok)
        seen.update(
            message=dialog.message.text(),
            still_open=dialog.isVisible(),
            database_open=dialog.database_open,
        )
        may_open.set()

    person = Person()
    person.when(_login, lambda: log_in_now(_login()))  # type: ignore[arg-type]
    started = person.log_in(db_url)
    _close(started)
    assert person.errors == []
    assert seen == {
        "message": "Đang mở cơ sở dữ liệu… Chương trình sẽ đăng nhập ngay khi mở xong.",
        "still_open": True,
        "database_open": False,
    }
    assert isinstance(started, Started) and started.actor.id == expected.id


def test_a_wrong_password_typed_early_is_refused_once_the_database_is_open(
    tmp_path: Path, qtbot: QtBot
) -> None:
    db = f"sqlite:///{tmp_path / 'office.db'}"
    an_office(db, ADMIN)
    seen: dict[str, Any] = {}

    def refused(dialog: LoginDialog) -> None:
        seen.update(user=dialog.username.text(), message=dialog.message.text())
        _press(qtbot, dialog.exit)

    def log_in_wrong(dialog: LoginDialog) -> None:
        _type(dialog, password="sai-mat-khau-roi")
        _press(qtbot, dialog.ok)

    def refused_yet(dialog: LoginDialog | None) -> bool:
        return dialog is not None and dialog.database_open and dialog.password.text() == ""

    person = Person()
    person.when(_login, lambda: log_in_wrong(_login()))  # type: ignore[arg-type]
    person.when(lambda: refused_yet(_login()), lambda: refused(_login()))  # type: ignore[arg-type]
    started = person.log_in(db)
    _close(started)
    assert person.errors == []
    assert started == 0
    assert seen["user"] == USER and seen["message"]  # why, in words; the user name kept


# --- a new office ------------------------------------------------------------------------


def _record_windows(person: Person, seen: list[str]) -> None:
    """Leave each start-up window as it comes, noting which it was, until start-up ends."""

    def front_known() -> bool:
        w = _front()
        if isinstance(w, LoginDialog) and w.isVisible():
            if not seen or seen[-1] != "login":
                seen.append("login")
            return False  # the log-in window goes by itself once the database is open
        return isinstance(w, (FirstRunWizard, FirstAdminDialog)) and w.isVisible()

    def leave() -> None:
        w = _front()
        seen.append("wizard" if isinstance(w, FirstRunWizard) else "first admin")
        assert isinstance(w, QDialog)
        w.done(0)
        if isinstance(w, FirstRunWizard):
            person.when(front_known, leave)  # then the first administrator is asked

    person.when(front_known, leave)


def test_a_newcomers_first_start_goes_straight_to_the_wizard(tmp_path: Path) -> None:
    db = str(tmp_path / "pakn.db")  # `make run` for a newcomer: no file yet
    seen: list[str] = []
    person = Person()
    _record_windows(person, seen)
    assert person.log_in(db) == 0  # the wizard and the first administrator were both left
    assert person.errors == []
    assert seen == ["wizard", "first admin"]


def test_a_database_without_accounts_goes_from_the_login_window_to_the_wizard(
    db_url: str,
) -> None:
    an_office(db_url)  # made (e.g. by `pakn init`), nobody can log in yet
    seen: list[str] = []
    person = Person()
    _record_windows(person, seen)
    assert person.log_in(db_url) == 0
    assert person.errors == []
    assert seen == ["login", "wizard", "first admin"]


class SlowOpening:
    """``startup.open_services`` held until ``go`` is set (``started`` says it was called),
    each close of what it opened noted in ``closed``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started, self.go = threading.Event(), threading.Event()
        self.closed: list[bool] = []
        real_open = startup.open_services

        def slow_open(url: str | None) -> startup.Opened:
            self.started.set()
            self.go.wait(PATIENCE_S)
            opened = real_open(url)
            close = opened.services.close

            def noted_close() -> None:
                self.closed.append(True)
                close()

            opened.services.close = noted_close  # type: ignore[method-assign]
            return opened

        monkeypatch.setattr(startup, "open_services", slow_open)


def test_leaving_while_the_database_opens_closes_what_was_opened_for_nobody(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = an_office(f"sqlite:///{tmp_path / 'office.db'}", ADMIN)
    slow = SlowOpening(monkeypatch)

    def leave(dialog: LoginDialog) -> None:
        _type(dialog)
        _press(qtbot, dialog.exit)  # before the database is open
        slow.go.set()  # it opens while start-up ends

    person = Person()
    person.when(lambda: _login() and slow.started.is_set(), lambda: leave(_login()))  # type: ignore[arg-type]
    assert person.log_in(db) == 0
    assert person.errors == []
    assert slow.closed == [True]


def test_a_database_that_opens_after_the_person_left_is_closed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An opening slower than ``abandon`` waits for (an unreachable server that answers after
    all, a long migration) closes what it opened itself: nobody will."""
    db = an_office(f"sqlite:///{tmp_path / 'office.db'}", ADMIN)
    slow = SlowOpening(monkeypatch)
    opening = startup.DatabaseOpening(db)
    opening.start()
    opening.abandon(wait_s=0.05)  # the person left; the opening goes on
    slow.go.set()
    assert opening._thread is not None
    opening._thread.join(PATIENCE_S)
    assert slow.closed == [True] and opening.result is None
