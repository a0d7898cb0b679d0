"""Letters in the window: preview (QtPdf), issue with the next register number, sign, print and
save; printing every letter issued today in one go."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.permissions import Permission, letter_permission, roles_granting
from pakn_desktop.domain.wording import file_problem
from pakn_desktop.letters.signing import SignOptions
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.services import Services
from pakn_desktop.services.letters import IssuedLetter
from pakn_desktop.services.statistics import write_private
from pakn_desktop.services.views import Actor

from . import file_names
from .confirm import confirm
from .file_names import safe_file_name
from .operations import run_op
from .window_sizes import remember_size
from .workers import Changes, Op, Progress, message_for


class PdfPages:
    """A PDF held in memory for QtPdf. The document owns the buffer it reads, and the buffer
    its own copy of the bytes: QPdfView renders on a thread of its own and reads the pages
    from the buffer as it goes, so the buffer goes with the document, never before it (freed
    one by one from Python, the buffer went first and that thread read freed memory). With
    an ``owner`` (the view's window) Qt frees the document with it, on the GUI thread."""

    def __init__(self, pdf: bytes, owner: QObject | None = None) -> None:
        self.document = QPdfDocument(owner) if owner is not None else QPdfDocument()
        self.buffer = QBuffer(self.document)
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self.buffer)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()


def draw_pdf(printer: QPrinter, painter: QPainter, pdf: bytes, *, new_page_first: bool) -> int:
    """Draw every page of ``pdf`` on an open print job, rendered at the printer's
    resolution; returns the number of pages."""
    pages = PdfPages(pdf)
    dpi = printer.resolution()
    for i in range(pages.page_count):
        if i > 0 or new_page_first:
            printer.newPage()
        pt = pages.document.pagePointSize(i)
        size = QSize(int(pt.width() / 72 * dpi), int(pt.height() / 72 * dpi))
        painter.drawImage(painter.viewport(), pages.document.render(i, size))
    return pages.page_count


def print_pdf(printer: QPrinter, pdf: bytes) -> int:
    """Print ``pdf`` as one job; returns its pages once the job was handed to the printer,
    raises when it could not be (the printer refused it, or the job ended in error)."""
    painter = QPainter()
    if not painter.begin(printer):
        raise PaknError("Không mở được máy in.")
    try:
        pages = draw_pdf(printer, painter, pdf, new_page_first=False)
    except BaseException:
        painter.end()
        raise
    end_print_job(printer, painter)
    return pages


def end_print_job(printer: QPrinter, painter: QPainter) -> None:
    """Close the job: it is handed to the printer (CUPS) here, so a failure is said."""
    if not painter.end() or printer.printerState() == QPrinter.PrinterState.Error:
        raise PaknError("Không gửi được bản in tới máy in.")


def letter_file_name(kind: LetterKind, code: str | None, number_text: str = "") -> str:
    """The default file name of a letter, as the app names its files (``file_names``): a draft
    says so, an issued letter carries its number ("thong-bao-khong-tiep-nhan-26-000001-9-so-01
    .pdf", "du-thao-thong-bao-khong-tiep-nhan-26-000001-9.pdf")."""
    words = [kind.label, code or ""]
    if number_text:
        words.append("số " + number_text.split("/")[0])
    else:
        words.insert(0, "dự thảo")
    return safe_file_name(" ".join(w for w in words if w)) + ".pdf"


class LetterDialog(QDialog):
    """A case's letter: the draft (DỰ THẢO, no number) of what the case calls for, issued once
    with the next number, or the letter already in the register; print, save, replace.

    Composing, issuing, printing and saving run off the GUI thread (``workers.Op``): the window
    stays responsive, and while one of them runs every action button is disabled and a second
    click does nothing, so a letter is never issued twice by a double click."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        code: str,
        kind: LetterKind,
        parent: QWidget | None = None,
        on_issued: Callable[[IssuedLetter], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._code = code
        self._on_issued = on_issued
        self.issued: IssuedLetter | None = None
        self.op: Op[Any] | None = None
        self._draft = False  # a draft is shown and may be issued
        self._note = ""
        self.setWindowTitle(self.tr("Letter for PAKN %1").replace("%1", code))
        remember_size(self, "letter_dialog", QSize(860, 900))
        self.kind = QComboBox()
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.sign = QCheckBox(self.tr("Sign digitally with a PKCS#12 file"))
        self.p12 = QLineEdit()
        self.p12.setPlaceholderText(self.tr("Certificate file (.p12 / .pfx)"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_p12)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.seal = QCheckBox(self.tr("With the agency's seal"))
        self.seal.setChecked(True)
        self.issue_button = QPushButton(self.tr("Issue with the next number"))
        # A person is asked first (a number taken is never given back); issue() itself does not.
        self.issue_button.clicked.connect(lambda: self.confirm_and_issue())
        self.replace_button = QPushButton(self.tr("Replace…"))
        self.replace_button.setToolTip(
            self.tr("Issue a corrected letter with a new number in place of this one")
        )
        self.replace_button.clicked.connect(lambda: self.replace_letter())
        self.print_button = QPushButton(self.tr("Print…"))
        # clicked(bool) must not arrive as the printer: a slot without its argument.
        self.print_button.clicked.connect(lambda: self.print_letter())
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.clicked.connect(lambda: self.save_pdf())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        self.message = QLabel()
        self.message.setWordWrap(True)
        # A case linked as the same PAKN as another: which case's answer letter answers it.
        self.repeat_note = QLabel()
        self.repeat_note.setWordWrap(True)
        self.repeat_note.setStyleSheet("color:#8a4b00;font-weight:bold;")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Letter:")))
        top.addWidget(self.kind, 1)
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.sign)
        sign_row.addWidget(self.p12, 1)
        sign_row.addWidget(browse)
        sign_row.addWidget(self.password)
        sign_row.addWidget(self.seal)
        buttons = QHBoxLayout()
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.replace_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.repeat_note)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(sign_row)
        layout.addLayout(buttons)
        self._pages: PdfPages | None = None
        self._pdf = b""
        try:
            called = services.letters.called_for(code, actor)
        except PaknError as exc:
            called = []
            self._note = exc.message
        for k in called:
            self.kind.addItem(k.label, k.value)
        self._show_repeat_note()
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind.value)))
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self._update_buttons()
        if not called:
            self.message.setText(self._note or self.tr("This case calls for no letter now."))
            return
        if self.kind.findData(kind.value) < 0:
            self._note = self.tr(
                "This case does not call for «%1» now; the letters it calls for are listed."
            ).replace("%1", kind.label)
            self.message.setText(self._note)
        self.refresh_preview()

    def _show_repeat_note(self) -> None:
        from .suggestion_panel import repeat_note

        try:
            note = repeat_note(self._services.routing.repeat_status(self._actor, self._code))
        except PaknError:
            note = ""
        self.repeat_note.setText(note)
        self.repeat_note.setVisible(bool(note))

    @property
    def current_kind(self) -> LetterKind:
        return LetterKind(self.kind.currentData())

    @property
    def busy(self) -> bool:
        return self.op is not None

    def _update_buttons(self) -> None:
        idle = not self.busy
        self.kind.setEnabled(idle and self.kind.count() > 0)
        may_issue = self.kind.count() == 0 or self._may(letter_permission(self.current_kind))
        self.issue_button.setEnabled(idle and self._draft and self.issued is None and may_issue)
        self.issue_button.setToolTip("" if may_issue else self._who_may(self.current_kind))
        may_replace = self._may(Permission.ISSUE_LETTERS)
        self.replace_button.setEnabled(idle and self.issued is not None and may_replace)
        self.print_button.setEnabled(idle and bool(self._pdf))
        self.save_button.setEnabled(idle and bool(self._pdf))

    def _may(self, permission: Permission) -> bool:
        """The roles, reflected (the services decide again when the letter is issued)."""
        return self._services.guard.scope(self._actor, permission) is not None

    def _who_may(self, kind: LetterKind) -> str:
        roles = ", ".join(r.label for r in roles_granting(letter_permission(kind)))
        return self.tr("Only %1 may issue this letter; your account may not.").replace("%1", roles)

    def _say(self, text: str) -> None:
        if self._note:
            text = f"{self._note} {text}"
            self._note = ""
        self.message.setText(text)

    def _run(
        self,
        work: Callable[[Progress], Any],
        success: Callable[[Any], object],
        *,
        label: str,
        changes: Changes | Callable[[Any], Changes] | None = None,
        cancellable: bool = False,
        failed: Callable[[BaseException], object] | None = None,
    ) -> Op[Any] | None:
        """Start ``work`` off the GUI thread unless something is running already (then
        nothing happens: a double click does not act twice)."""
        if self.op is not None:
            return None

        def done(result: Any) -> None:
            self.op = None
            success(result)
            self._update_buttons()

        def failure(exc: BaseException) -> None:
            self.op = None
            if failed is not None:
                failed(exc)
            else:
                self._say(message_for(exc))
            self._update_buttons()

        # The buttons follow ``busy`` (the op) and the letter's state: _update_buttons sets them.
        self.op = run_op(
            self,
            work,
            success=done,
            failure=failure,
            label=label,
            title=self.windowTitle(),
            changes=changes,
            cancellable=cancellable,
        )
        self._update_buttons()
        return self.op

    def _show(self, pdf: bytes) -> None:
        self._pdf = pdf
        pages = PdfPages(pdf, owner=self)
        # The view lets go of the draft's document before it is freed: replaced first, the
        # issued letter's setDocument touched a deleted document (a crash seen once in the UI
        # suite, issuing from a letter window whose draft was shown).
        self.view.setDocument(pages.document)
        old, self._pages = self._pages, pages
        if old is not None:
            old.document.deleteLater()

    def _set_issued(self, letter: IssuedLetter) -> None:
        self.issued = letter
        self._draft = False
        self._show(letter.pdf)

    def refresh_preview(self) -> Op[Any] | None:
        """The letter in the register for what the case calls for, or else its draft."""
        if self.kind.currentIndex() < 0:
            return None
        self.issued = None
        self._draft = False
        services, code, kind, actor = self._services, self._code, self.current_kind, self._actor

        def work(_p: Progress) -> IssuedLetter | bytes:
            standing = services.letters.standing(code, kind, actor)
            if standing is not None:
                return standing
            return services.letters.preview(code, kind, actor)

        def shown(result: IssuedLetter | bytes) -> None:
            if isinstance(result, IssuedLetter):
                self._set_issued(result)
                self._say(
                    self.tr(
                        "Already issued: %1 no. %2 on %3 by %4. Printing or saving gives this "
                        "exact letter; to correct it, use Replace."
                    )
                    .replace("%1", result.kind.label)
                    .replace("%2", result.number_text)
                    .replace("%3", f"{result.issued_at:%d/%m/%Y %H:%M}")
                    .replace("%4", result.issued_by)
                )
                return
            self._show(result)
            self._draft = True
            self._say(
                self.tr(
                    "Draft (DỰ THẢO), without a number. Issuing gives it the next number of the "
                    "register; it can be issued once."
                )
            )

        return self._run(work, shown, label=self.tr("Composing the letter…"))

    def _choose_p12(self) -> None:
        name = file_names.open_file_name(
            self, self.tr("Certificate file"), "", self.tr("PKCS#12 (*.p12 *.pfx)")
        )
        if name:
            self.p12.setText(name)
            self.sign.setChecked(True)

    def _sign_options(self) -> SignOptions | bool | None:
        if not self.sign.isChecked():
            return None
        if not self.p12.text().strip():
            self.message.setText(self.tr("Choose the certificate file to sign with."))
            return False
        return SignOptions(
            Path(self.p12.text().strip()), self.password.text(), with_seal=self.seal.isChecked()
        )

    def confirm_and_issue(self) -> Op[Any] | None:
        """The button: ask, naming the letter and the case, then issue; «Quay lại» (the
        default) changes nothing."""
        if self.busy or self.issued is not None or not self._draft:
            return None
        if not confirm(
            self,
            self.tr("Issue the letter"),
            self.tr(
                "Issue «%1» for PAKN %2 with the next number of the register? An issued letter "
                "cannot be withdrawn; it can only be replaced by a new letter with a new number."
            )
            .replace("%1", self.current_kind.label)
            .replace("%2", self._code),
            self.tr("Issue"),
        ):
            return None
        return self.issue()

    def issue(self) -> Op[Any] | None:
        """Issue the draft with the next number, off the GUI thread. Nothing happens while
        something runs, or once the letter is in the register."""
        if self.busy or self.issued is not None or not self._draft:
            return None
        sign = self._sign_options()
        if sign is False:
            return None
        services, code, kind, actor = self._services, self._code, self.current_kind, self._actor
        options = sign or None

        def issued(letter: IssuedLetter) -> None:
            self._set_issued(letter)
            text = (
                self.tr("Already issued earlier: %1 no. %2. No new number was taken.")
                if letter.already_issued
                else self.tr("Issued: %1 no. %2. The register keeps this exact file (SHA-256 %3…).")
            )
            self._say(
                text.replace("%1", letter.kind.label)
                .replace("%2", letter.number_text)
                .replace("%3", letter.sha256[:16])
            )
            if self._on_issued and not letter.already_issued:
                self._on_issued(letter)

        return self._run(
            lambda _p: services.letters.issue(code, kind, actor, sign=options),  # type: ignore[arg-type]
            issued,
            label=self.tr("Issuing the letter…"),
            changes=letter_changes,
        )

    def replace_letter(self, reason: str | None = None) -> Op[Any] | None:
        if self.issued is None or self.busy:
            return None
        if reason is None:
            reason, ok = QInputDialog.getMultiLineText(
                self,
                self.tr("Replace letter"),
                self.tr(
                    "Why is letter no. %1 replaced? The new letter takes a new number and names "
                    "the one it replaces; both stay in the register."
                ).replace("%1", self.issued.number_text),
            )
            if not ok:
                return None
        sign = self._sign_options()
        if sign is False:
            return None
        services, actor, old_id, options = self._services, self._actor, self.issued.id, sign or None

        def replaced(letter: IssuedLetter) -> None:
            self._set_issued(letter)
            self._say(
                self.tr("Issued: %1 no. %2. The register keeps this exact file (SHA-256 %3…).")
                .replace("%1", letter.kind.label)
                .replace("%2", letter.number_text)
                .replace("%3", letter.sha256[:16])
            )
            if self._on_issued:
                self._on_issued(letter)

        return self._run(
            lambda _p: services.letters.replace(old_id, reason, actor, sign=options),  # type: ignore[arg-type]
            replaced,
            label=self.tr("Issuing the letter…"),
            changes=letter_changes,
        )

    def print_letter(self, printer: QPrinter | None = None) -> Op[Any] | None:
        if self.busy or not self._pdf:
            return None
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.default_file_name()[: -len(".pdf")])
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return None
        pdf = self._pdf
        return self._run(
            lambda _p: print_pdf(printer, pdf),
            lambda pages: self._say(self.tr("Sent %n page(s) to the printer.", "", pages)),
            label=self.tr("Printing…"),
        )

    def default_file_name(self) -> str:
        if self.issued is not None:
            return letter_file_name(self.issued.kind, self._code, self.issued.number_text)
        return letter_file_name(self.current_kind, self._code)

    def save_pdf(self, name: str | None = None) -> Op[Any] | None:
        if self.busy or not self._pdf:
            return None
        if name is None:
            name = file_names.save_file_name(
                self, self.tr("Save as PDF"), self.default_file_name(), "PDF (*.pdf)"
            )
        if not name:
            return None
        target, pdf = Path(name), self._pdf
        return self._run(
            lambda _p: write_private(target, lambda tmp: tmp.write_bytes(pdf)),
            lambda _n: self._say(self.tr("Saved to %1.").replace("%1", str(target))),
            label=self.tr("Saving…"),
            failed=lambda exc: self._say(could_not_write(target, exc)),
        )


log = logging.getLogger("pakn_desktop")


def letter_changes(letter: IssuedLetter) -> Changes:
    """What issuing ``letter`` changed: the register, its case, and the cases linked with it
    that the answer closed."""
    return Changes.of_cases(letter.case_code, *letter.closed, letters=True)


def could_not_write(target: Path, exc: BaseException) -> str:
    """What a person reads when a file could not be written."""
    if isinstance(exc, OSError):
        log.warning("Could not write %s: %r", target, exc)
        return file_problem(exc, str(target))
    return message_for(exc)


def letters_issued_on(services: Services, actor: Actor, day: date) -> list[IssuedLetter]:
    """The letters issued on ``day`` that ``actor`` may read (the front desk: receipts)."""
    return [x for x in services.letters.register(actor, year=day.year) if x.issued_at.date() == day]


def print_letters(
    parent: QWidget | None,
    printer: QPrinter,
    letters: list[IssuedLetter],
) -> int:
    """Print several letters as one job with a cancellable progress dialog; returns how
    many letters were printed."""
    progress = QProgressDialog(
        QCoreApplication.translate("LetterDialog", "Printing letters…"),
        QCoreApplication.translate("LetterDialog", "Cancel"),
        0,
        len(letters),
        parent,
    )
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    painter = QPainter()
    if not painter.begin(printer):
        raise PaknError("Không mở được máy in.")
    done = 0
    try:
        for i, letter in enumerate(letters):
            if progress.wasCanceled():
                break
            progress.setValue(i)
            progress.setLabelText(f"{letter.kind.label} {letter.number_text} ({letter.case_code})")
            draw_pdf(printer, painter, letter.pdf, new_page_first=i > 0)
            done += 1
    finally:
        painter.end()
        progress.setValue(len(letters))
    return done
