"""A real printer for the printing tests: CUPS with Debian's cups-pdf, which writes each job
it receives as a PDF. ``require_cups`` starts ``cupsd`` when it is not running and adds the
PAKN-PDF queue when it is missing; the print dialog is answered as a person would answer it.

Each pytest-xdist worker prints on a queue of its own (PAKN-PDF-gw0, …), an instance of
cups-pdf with its own output folder (cups-pdf:/pakn-gw0 reads /etc/cups/cups-pdf-pakn-gw0.conf),
so that the workers' printing tests need not take turns; a serial run uses PAKN-PDF.

Without CUPS the printing tests are skipped with the reason, except in CI (CI=true), where
they fail: a printer that could not be set up there is a broken build, not a missing extra."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMessageBox, QWidget

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
PRINTER = f"PAKN-PDF-{WORKER}" if WORKER else "PAKN-PDF"
# The cups-pdf instance (its configuration file and output folder), "" for the default one.
INSTANCE = f"pakn-{WORKER}" if WORKER else ""
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
PPD_FILE = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")


def _run(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, check=False)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CUPS printer unavailable in CI: {reason}")
    pytest.skip(f"CUPS printer unavailable: {reason}")


def _scheduler_running() -> bool:
    return _run("lpstat", "-r").stdout.strip() == "scheduler is running"


def ensure_cups() -> str | None:
    """Start cupsd and add the PAKN-PDF queue when needed; None when ready, else why not."""
    for tool in ("cupsd", "lpstat", "lpadmin", "pdfinfo"):
        if shutil.which(tool) is None and not Path("/usr/sbin", tool).exists():
            return f"{tool} is not installed (apt-get install cups cups-pdf poppler-utils)"
    if not Path("/usr/lib/cups/backend/cups-pdf").exists():
        return "the cups-pdf backend is not installed (apt-get install cups-pdf)"
    if not _scheduler_running():
        cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
        started = _run(cupsd)  # forks into the background
        deadline = time.monotonic() + 15
        while not _scheduler_running():
            if time.monotonic() > deadline:
                return f"cupsd did not start: {started.stderr.strip() or started.returncode}"
            time.sleep(0.2)
    if INSTANCE and not _instance_conf().exists():
        try:
            _write_instance_conf()
        except OSError as e:
            return f"cannot write {_instance_conf()}: {e}"
    if _run("lpstat", "-p", PRINTER).returncode != 0:
        model = ["-m", PPD] if PPD in _run("lpinfo", "-m").stdout else ["-P", str(PPD_FILE)]
        added = _run("lpadmin", "-p", PRINTER, "-v", f"cups-pdf:/{INSTANCE}", *model, "-E")
        if added.returncode != 0:
            return f"lpadmin could not add {PRINTER}: {added.stderr.strip()}"
    return None


def _instance_conf() -> Path:
    return CUPS_PDF_CONF.with_name(f"cups-pdf-{INSTANCE}.conf")


def _write_instance_conf() -> None:
    """The default instance's settings, with an output folder of the instance's own."""
    lines = (
        CUPS_PDF_CONF.read_text(encoding="utf-8", errors="replace").splitlines()
        if CUPS_PDF_CONF.exists()
        else []
    )
    kept = [line for line in lines if not line.startswith("Out ")]
    tmp = _instance_conf().with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text("\n".join([*kept, f"Out ${{HOME}}/PDF-{INSTANCE}", ""]), encoding="utf-8")
    tmp.replace(_instance_conf())


def output_folder() -> Path:
    """Where cups-pdf writes the jobs of the user running the tests (its ``Out`` setting)."""
    home = pwd.getpwuid(os.getuid()).pw_dir
    out = "${HOME}/PDF"
    conf = _instance_conf() if INSTANCE else CUPS_PDF_CONF
    if conf.exists():
        for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("Out "):
                out = line.split(None, 1)[1].strip()
    return Path(out.replace("${HOME}", home))


def pdf_info(path: Path) -> dict[str, str]:
    info: dict[str, str] = {}
    for line in _run("pdfinfo", str(path)).stdout.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


@dataclass(frozen=True)
class PrintedJob:
    job_id: str
    path: Path
    title: str
    pages: int


class CupsPrinter:
    """The PAKN-PDF queue: what it has completed and the PDFs cups-pdf wrote."""

    name = PRINTER

    def __init__(self) -> None:
        self.folder = output_folder()

    def completed_jobs(self) -> set[str]:
        listing = _run("lpstat", "-W", "completed", "-o", PRINTER).stdout
        return set(re.findall(rf"^({re.escape(PRINTER)}-\d+)\s", listing, re.MULTILINE))

    def listed_jobs(self) -> set[str]:
        """Every job the queue lists, done or not: a job handed to CUPS is listed as soon as
        the hand-over returns (the IPP request that makes it answers with its id)."""
        listing = _run("lpstat", "-W", "all", "-o", PRINTER).stdout
        return set(re.findall(rf"^({re.escape(PRINTER)}-\d+)\s", listing, re.MULTILINE))

    def outputs(self) -> set[Path]:
        return set(self.folder.glob("*.pdf")) if self.folder.is_dir() else set()

    def mark(self) -> tuple[set[str], set[Path]]:
        """What was there before a print: jobs done and files written."""
        return self.completed_jobs(), self.outputs()

    def new_jobs(self, before: tuple[set[str], set[Path]]) -> tuple[set[str], set[Path]]:
        jobs, files = before
        return self.completed_jobs() - jobs, self.outputs() - files

    def wait_for_job(self, before: tuple[set[str], set[Path]], timeout: float = 60) -> PrintedJob:
        """The one job completed since ``before``, with the PDF cups-pdf made of it."""
        deadline = time.monotonic() + timeout
        while True:
            jobs, files = self.new_jobs(before)
            if jobs and files:
                (path,) = files
                info = pdf_info(path)
                if info.get("Pages"):
                    (job_id,) = jobs
                    title = info.get("Title", "").strip("()")
                    return PrintedJob(job_id, path, title, int(info["Pages"]))
            if time.monotonic() > deadline:
                raise AssertionError(f"no job completed on {PRINTER}: {jobs}, {files}")
            time.sleep(0.25)


def require_cups() -> CupsPrinter:
    """The PAKN-PDF printer, ready; else the test is skipped (failed in CI) with the reason.
    Test modules make it their fixture."""
    why = ensure_cups()
    if why is not None:
        _unavailable(why)
    return CupsPrinter()


_timers: list[QTimer] = []


def answer_modal(
    act: Callable[[QWidget], None], *, kind: type[QWidget] = QDialog, timeout_ms: int = 20_000
) -> list[QWidget]:
    """Answer the next modal dialog of ``kind`` with ``act`` as soon as it is shown (a real
    dialog's ``exec()`` blocks the click that opened it). Returns the dialogs answered."""
    answered: list[QWidget] = []
    timer = QTimer()
    started = time.monotonic()

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind) and modal.isVisible():
            answered.append(modal)
            timer.stop()
            act(modal)
        elif (time.monotonic() - started) * 1000 > timeout_ms:
            timer.stop()

    timer.timeout.connect(poll)
    timer.start(50)
    _timers[:] = [t for t in _timers if t.isActive()] + [timer]  # alive until it answered
    return answered


def stop_answering() -> None:
    """Forget every answer still waiting for its dialog. A press that opened none must not
    leave its answer to catch the next dialog (a later press's, or the next test's: a stale
    "cancel" once answered the next test's confirmation, so its letter was never issued)."""
    for timer in _timers:
        timer.stop()
    _timers.clear()


def print_on(printer_name: str) -> Callable[[QWidget], None]:
    """Choose ``printer_name`` in the print dialog and press Print."""

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, QPrintDialog)
        printers = dialog.findChild(QComboBox, "printers")
        assert printers is not None
        index = printers.findText(printer_name)
        assert index >= 0, [printers.itemText(i) for i in range(printers.count())]
        printers.setCurrentIndex(index)
        dialog.accept()

    return act


def cancel(dialog: QWidget) -> None:
    assert isinstance(dialog, QDialog)
    dialog.reject()


def press(text: str) -> Callable[[QWidget], None]:
    """Answer a question box (a confirmation) by clicking its button ``text``."""

    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        (button,) = [b for b in box.buttons() if b.text() == text]
        button.click()

    return act
