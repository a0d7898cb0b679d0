"""A PDF shown from memory (ui/letters_ui.PdfPages): the buffer QtPdf reads goes with the
document, never before it, and a document owned by its window outlives the Python object
that made it (QPdfView renders on a thread of its own, reading the buffer as it goes)."""

from __future__ import annotations

import gc
import io

from PySide6.QtGui import QColor
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pakn_desktop.ui.letters_ui import PdfPages


def a_pdf(pages: int) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for i in range(pages):
        c.setFillColorRGB(0, 0, 0)
        c.rect(50, 50, 400, 700, fill=1)
        c.drawString(60, 800, f"Trang {i + 1}")
        c.showPage()
    c.save()
    return out.getvalue()


def test_the_buffer_belongs_to_the_document() -> None:
    pages = PdfPages(a_pdf(2))
    assert pages.buffer.parent() is pages.document and pages.page_count == 2


def test_a_view_shows_a_document_its_window_owns_after_the_maker_is_gone(
    qtbot: QtBot,
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    view = QPdfView()
    QVBoxLayout(window).addWidget(view)
    pages = PdfPages(a_pdf(3), owner=window)
    view.setDocument(pages.document)
    del pages
    gc.collect()
    window.resize(400, 500)
    window.show()
    qtbot.waitExposed(window)

    def drawn() -> bool:
        shot = view.grab().toImage()
        return any(shot.pixelColor(x, 250) == QColor(0, 0, 0) for x in range(0, 380, 10))

    qtbot.waitUntil(drawn, timeout=5000)
    assert view.document() is not None and view.document().pageCount() == 3
