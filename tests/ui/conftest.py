"""GUI fixtures: settings and autosaves in a temporary folder, Vietnamese translations, the
application's wheel rule."""

from __future__ import annotations

import fcntl
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from cups_printer import PRINTER, stop_answering
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication
from qt_teardown import delete_closed_widgets

from pakn_desktop.ui.collector import GuiCollector
from pakn_desktop.ui.i18n import install_translator
from pakn_desktop.ui.wheel_guard import install_wheel_guard
from pakn_desktop.ui.workers import wait_for_workers


@pytest.fixture(autouse=True)
def isolated_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> Iterator[None]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QCoreApplication.setOrganizationName("PAKN Desktop Tests")
    QCoreApplication.setApplicationName("pakn-desktop-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    yield


@pytest.fixture(scope="session", autouse=True)
def vietnamese(qapp: QApplication) -> None:
    assert install_translator(qapp, "vi")


@pytest.fixture(scope="session", autouse=True)
def collector(qapp: QApplication) -> Iterator[GuiCollector]:
    """The application's collector (ui/app.py starts it): cycles are collected on the GUI
    thread at its timer's ticks while a test runs the event loop."""
    started = GuiCollector(qapp).start()
    yield started
    started.stop()


@pytest.fixture(scope="session", autouse=True)
def wheel_guard(qapp: QApplication) -> None:
    """The application's wheel rule (ui/app.py installs it at start), in every GUI test."""
    install_wheel_guard(qapp)


@pytest.fixture(autouse=True)
def no_answer_outlives_its_test() -> Iterator[None]:
    """A dialog answer (cups_printer.answer_modal) that found no dialog ends with its test."""
    yield
    stop_answering()


@pytest.fixture(autouse=True)
def no_worker_outlives_its_test() -> Iterator[None]:
    """A read still running on a worker at a test's end (an editor's history, today's work,
    the routing warm-up), whichever database it reads (the test's own Services too), ends
    before the next test: on PostgreSQL its open transaction and the next test's DROP SCHEMA
    deadlock."""
    yield
    delete_closed_widgets()
    wait_for_workers(30_000)  # both lanes: upkeep and the rest
    # A start-up in the test's process sets aside what was loaded (ui.stalls
    # settle_long_lived): the next tests collect as before.
    gc.unfreeze()


@pytest.fixture(autouse=True)
def one_printing_test_at_a_time(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that prints on the CUPS printer waits for the one job it sent, in its queue and
    output folder: each pytest-xdist worker has its own (tests/ui/cups_printer.py), but another
    test run on the machine uses the same ones, so the printing tests on one queue take turns,
    by a lock on a file named after it."""
    if "cups_printer" not in request.fixturenames:
        yield
        return
    with open(f"/tmp/pakn-tests-cups-printer-{PRINTER}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
