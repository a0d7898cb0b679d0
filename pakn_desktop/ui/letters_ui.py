"""Letters in the window: preview (QtPdf), issue with the next register number, sign, print and
save; printing every letter issued today in one go."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.letters.signing import SignOptions
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.services import Services
from pakn_desktop.services.letters import IssuedLetter
from pakn_desktop.services.views import Actor


class PdfPages:
    """A PDF held in memory for QtPdf (the buffer must outlive the document)."""

    def __init__(self, pdf: bytes) -> None:
        self.data = QByteArray(pdf)
        self.buffer = QBuffer(self.data)
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
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
    painter = QPainter()
    if not painter.begin(printer):
        raise PaknError("Không mở được máy in.")
    try:
        return draw_pdf(printer, painter, pdf, new_page_first=False)
    finally:
        painter.end()


class LetterDialog(QDialog):
    """Preview a case's letter, issue it (optionally signed), print it or save it."""

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
        self.setWindowTitle(self.tr("Letter for PAKN %1").replace("%1", code))
        self.resize(900, 1000)
        self.kind = QComboBox()
        for k in LetterKind:
            self.kind.addItem(k.label, k.value)
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh_preview())
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
        self.issue_button = QPushButton(self.tr("Issue with the next number"))
        self.issue_button.clicked.connect(self.issue)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.print_letter)
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.clicked.connect(self.save_pdf)
        self.message = QLabel()
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Letter:")))
        top.addWidget(self.kind, 1)
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.sign)
        sign_row.addWidget(self.p12, 1)
        sign_row.addWidget(browse)
        sign_row.addWidget(self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(sign_row)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._pages: PdfPages | None = None
        self._pdf = b""
        self.refresh_preview()

    @property
    def current_kind(self) -> LetterKind:
        return LetterKind(self.kind.currentData())

    def _show(self, pdf: bytes) -> None:
        self._pdf = pdf
        self._pages = PdfPages(pdf)
        self.view.setDocument(self._pages.document)

    def refresh_preview(self) -> None:
        self.issued = None
        try:
            self._show(self._services.letters.preview(self._code, self.current_kind, self._actor))
        except PaknError as exc:
            self.message.setText(exc.message)
            return
        self.message.setText(
            self.tr("Preview without a number. Issuing gives it the next number of the register.")
        )

    def _choose_p12(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Certificate file"), "", self.tr("PKCS#12 (*.p12 *.pfx)")
        )
        if name:
            self.p12.setText(name)
            self.sign.setChecked(True)

    def issue(self) -> IssuedLetter | None:
        sign = None
        if self.sign.isChecked():
            if not self.p12.text().strip():
                self.message.setText(self.tr("Choose the certificate file to sign with."))
                return None
            sign = SignOptions(Path(self.p12.text().strip()), self.password.text())
        try:
            letter = self._services.letters.issue(
                self._code, self.current_kind, self._actor, sign=sign
            )
        except PaknError as exc:
            self.message.setText(exc.message)
            return None
        self.issued = letter
        self._show(letter.pdf)
        number = letter.number_text or self.tr("(no number: an intake receipt)")
        self.message.setText(
            self.tr("Issued: %1 %2. The register keeps this exact file (SHA-256 %3…).")
            .replace("%1", letter.kind.label)
            .replace("%2", number)
            .replace("%3", letter.sha256[:16])
        )
        if self._on_issued:
            self._on_issued(letter)
        return letter

    def print_letter(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            pages = print_pdf(printer, self._pdf)
        except PaknError as exc:
            self.message.setText(exc.message)
            return
        self.message.setText(self.tr("Sent %n page(s) to the printer.", "", pages))

    def save_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save as PDF"),
            f"{self.current_kind.value}-{self._code}.pdf",
            "PDF (*.pdf)",
        )
        if not name:
            return
        try:
            Path(name).write_bytes(self._pdf)
        except OSError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(self.tr("Saved to %1.").replace("%1", name))


def letters_issued_on(services: Services, day: date) -> list[IssuedLetter]:
    return [x for x in services.letters.register(day.year) if x.issued_at.date() == day]


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
