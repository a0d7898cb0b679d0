"""Tra cứu: by PAKN code (ours or the portal's) or phone number, the state and the public
history, worded so it can be read to a caller. By phone number only the codes, dates and
states of that number's cases; every text shown passes through the public gate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pakn_desktop.domain.wording import latest_by
from pakn_desktop.services import Services
from pakn_desktop.services.views import Actor, PublicLookup

from .workers import Op, message_for, run_in_background


class LookupView(QWidget):
    """The lookup page. The read runs on a worker: a common name at a million cases, or a
    busy server, never holds the window while the desk has a caller on the line; what was
    typed stays, and an answer for an earlier query is dropped."""

    open_case = Signal(str)
    shown = Signal()  # a lookup's answer, or why there is none, is on the page

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._generation = 0
        self._op: Op[Any] | None = None
        self.query = QLineEdit()
        self.query.setPlaceholderText(
            self.tr("PAKN code (e.g. 26-000421-4), phone number or the submitter's name")
        )
        self.go = QPushButton(self.tr("Look up"))
        self.result = QTextBrowser()
        self.result.setOpenLinks(False)
        self.result.anchorClicked.connect(lambda url: self.open_case.emit(url.toString()))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Code, phone or name:")))
        row.addWidget(self.query, 1)
        row.addWidget(self.go)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.result, 1)
        self.go.clicked.connect(self.lookup)
        self.query.returnPressed.connect(self.lookup)

    def lookup(self) -> None:
        self._generation += 1
        generation = self._generation
        typed = self.query.text()
        reads, actor = self._services.case_reads, self._actor
        looking = self.tr("Looking up…")
        self.result.setHtml(f"<p style='color:#777'>{_esc(looking)}</p>")

        def done(found: list[PublicLookup]) -> None:
            if isValid(self) and generation == self._generation:
                self._show(found)
                self.shown.emit()

        def failed(exc: BaseException) -> None:
            if isValid(self) and generation == self._generation:
                self.result.setHtml(f"<p style='color:#b00020'>{_esc(message_for(exc))}</p>")
                self.shown.emit()

        self._op = run_in_background(lambda: reads.lookup(typed, actor), done, failed)

    def _show(self, found: list[PublicLookup]) -> None:
        parts = []
        if found and found[0].found_by == "phone":
            parts.append(
                "<p><i>"
                + self.tr(
                    "Looked up by phone number: only codes, dates and states are shown. "
                    "Look up by PAKN code to read the history, or open a case."
                )
                + "</i></p>"
            )
        elif found and found[0].found_by == "name":
            parts.append(
                "<p><i>"
                + self.tr(
                    "Looked up by name: only names, codes, dates and states are shown. "
                    "Look up by PAKN code to read the history, or open a case."
                )
                + "</i></p>"
            )
        for r in found:
            expected = (
                self.tr("The answer is expected %1.").replace("%1", latest_by(r.expected_answer_by))
                if r.expected_answer_by
                else ""
            )
            if r.by_phone:
                who = f"{_esc(r.submitter_name)}, " if r.submitter_name else ""
                parts.append(
                    f"<p><a href='{r.code}'>{r.code}</a> — {who}"
                    + self.tr("received on %1: <b>%2</b>. %3")
                    .replace("%1", f"{r.received_on:%d/%m/%Y}")
                    .replace("%2", _esc(r.public_state))
                    .replace("%3", expected)
                    + "</p>"
                )
                continue
            # The service passed these through the public gate, with the person's own details
            # and the office's contacts from its settings (a second pass here, without them,
            # would mask the office's hotline).
            history = "".join(f"<li>{at:%d/%m/%Y}: {_esc(text)}</li>" for at, text in r.history)
            parts.append(
                f"<h2><a href='{r.code}'>{r.code}</a> — {_esc(r.public_state)}</h2>"
                + "<p>"
                + self.tr("Your PAKN about “%1”, received on %2, is: <b>%3</b>. %4")
                .replace("%1", _esc(r.title))
                .replace("%2", f"{r.received_on:%d/%m/%Y}")
                .replace("%3", _esc(r.public_state))
                .replace("%4", expected)
                + "</p><ul>"
                + history
                + "</ul>"
            )
        self.result.setHtml("".join(parts))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
