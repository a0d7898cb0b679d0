"""Dữ liệu của một người: the administrator's dialog to find what the office holds about one
person (by phone, CCCD or full name), export it as PDF or JSON, and anonymise it once the
retention period has passed. Every rule and every record of who did what is in
``services.personal_data``; this dialog only asks and shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.services import Services
from pakn_desktop.services.personal_data import PersonData
from pakn_desktop.services.views import Actor

from . import file_names
from .operations import run_op
from .window_sizes import remember_size
from .workers import Changes, Op, Progress, announce, message_for


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class PersonDataDialog(QDialog):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.found: PersonData | None = None
        self.op: Op[Any] | None = None  # an export while it runs
        self.setWindowTitle(self.tr("Personal data of one person"))

        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Phone number, CCCD/CMND number or full name"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Full name, when several people share the number"))
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.clicked.connect(self.search)
        self.query.returnPressed.connect(self.search)
        self.details = QTextBrowser()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            self.tr("Why (required), e.g. the person's request of 20/04/2026")
        )
        self.export_pdf_button = QPushButton(self.tr("Export PDF…"))
        self.export_json_button = QPushButton(self.tr("Export JSON…"))
        self.anonymise_button = QPushButton(self.tr("Anonymise…"))
        self.export_pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.export_json_button.clicked.connect(lambda: self.export("json"))
        self.anonymise_button.clicked.connect(self.anonymise)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.retention = QSpinBox()
        self.retention.setRange(1, 50)
        self.retention.setSuffix(self.tr(" years"))
        self.save_retention = QPushButton(self.tr("Save"))
        self.save_retention.clicked.connect(self.set_retention)

        form = QFormLayout()
        form.addRow(self.tr("Search:"), self.query)
        form.addRow(self.tr("Full name:"), self.name)
        search_row = QHBoxLayout()
        search_row.addStretch(1)
        search_row.addWidget(self.find_button)
        actions = QHBoxLayout()
        actions.addWidget(self.export_pdf_button)
        actions.addWidget(self.export_json_button)
        actions.addStretch(1)
        actions.addWidget(self.anonymise_button)
        retention_row = QHBoxLayout()
        retention_row.addWidget(QLabel(self.tr("Keep personal data after a case closes for:")), 1)
        retention_row.addWidget(self.retention)
        retention_row.addWidget(self.save_retention)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(search_row)
        layout.addWidget(self.details, 1)
        layout.addWidget(QLabel(self.tr("Reason:")))
        layout.addWidget(self.reason)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addLayout(retention_row)
        remember_size(self, "personal-data", QSize(760, 560))  # fitted to the screen
        self._refresh_retention()
        self._enable()

    # --- state ------------------------------------------------------------------------------
    def _enable(self) -> None:
        # While an export runs, nothing else starts: a second click does nothing.
        idle = self.op is None
        for b in (self.export_pdf_button, self.export_json_button, self.anonymise_button):
            b.setEnabled(self.found is not None and idle)
        self.find_button.setEnabled(idle)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color:#b00020;" if error else "color:#1b5e20;")
        self.message.setText(text)

    def _refresh_retention(self) -> None:
        try:
            self.retention.setValue(self._services.personal_data.retention_years())
        except PaknError as exc:
            self._say(exc.message, error=True)

    # --- actions ----------------------------------------------------------------------------
    def search(self) -> None:
        if self.op is not None:  # Return in the search field while an export runs
            return
        self.found = None
        self.details.clear()
        try:
            self.found = self._services.personal_data.find(
                self.query.text(), self._actor, name=self.name.text()
            )
        except PaknError as exc:
            self._say(exc.message, error=True)
        else:
            self._say("")
            self.show_person(self.found)
        self._enable()

    def show_person(self, p: PersonData) -> None:
        def line(label: str, values: list[str]) -> str:
            return f"<p><b>{_esc(label)}</b> {_esc('; '.join(values) or '—')}</p>"

        parts = [
            line(self.tr("Name:"), p.names),
            line(self.tr("Address:"), p.addresses),
            line(self.tr("Phone:"), p.phones),
            line(self.tr("Email:"), p.emails),
        ]
        if p.identifiers:
            parts.append(
                line(
                    self.tr("Identifiers written in the texts:"),
                    [f"{k}: {v}" for k, v in p.identifiers],
                )
            )
        rows = []
        for c in p.cases:
            closed = f"{c.closed_on:%d/%m/%Y}" if c.closed_on else "—"
            after = (
                f"{c.anonymisable_from:%d/%m/%Y}" if c.anonymisable_from else self.tr("when closed")
            )
            rows.append(
                f"<tr><td>{c.code}</td><td>{c.received_on:%d/%m/%Y}</td>"
                f"<td>{_esc(c.state)}</td><td>{closed}</td><td>{_esc(after)}</td></tr>"
            )
        parts.append(
            "<table border='1' cellspacing='0' cellpadding='3'><tr>"
            + "".join(
                f"<th>{_esc(h)}</th>"
                for h in (
                    self.tr("Code"),
                    self.tr("Received"),
                    self.tr("State"),
                    self.tr("Closed"),
                    self.tr("May be anonymised from"),
                )
            )
            + "</tr>"
            + "".join(rows)
            + "</table>"
        )
        self.details.setHtml("".join(parts))

    def export(self, fmt: str, path: Path | None = None) -> Op[Any] | None:
        """Write the export to ``path`` (asked for when not given) off the GUI thread;
        recorded in each case's history by the service."""
        if self.found is None or self.op is not None:
            return None
        if path is None:
            suggested = f"du-lieu-ca-nhan.{fmt}"
            chosen = file_names.save_file_name(
                self, self.tr("Save the export"), suggested, f"*.{fmt}"
            )
            if not chosen:
                return None
            path = Path(chosen)
        svc = self._services.personal_data
        call = svc.export_pdf if fmt == "pdf" else svc.export_json
        target, actor = path, self._actor
        query, reason, name = self.query.text(), self.reason.text(), self.name.text()

        def done(_data: bytes) -> None:
            self.op = None
            self._enable()
            self._say(
                self.tr("Exported to %1; recorded in the history of each case.").replace(
                    "%1", str(target)
                )
            )

        def failed(exc: BaseException) -> None:
            self.op = None
            self._enable()
            self._say(message_for(exc), error=True)

        def work(_p: Progress) -> bytes:
            return call(query, actor, reason, name=name, path=target)

        # The buttons follow the op and what was found: _enable sets them.
        self.op = run_op(
            self,
            work,
            success=done,
            failure=failed,
            label=self.tr("Writing %1…").replace("%1", target.name),
            title=self.windowTitle(),
        )
        self._enable()
        self._say(self.tr("Writing %1…").replace("%1", target.name))
        return self.op

    def anonymise(self) -> bool:
        if self.found is None or self.op is not None:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Anonymise"),
            self.tr(
                "Remove this person's name, address, phone, email, private notes, attachment "
                "contents and identifiers from %1 case(s)? This cannot be undone."
            ).replace("%1", str(len(self.found.cases))),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            result = self._services.personal_data.anonymise(
                self.query.text(), self._actor, self.reason.text(), name=self.name.text()
            )
        except PaknError as exc:
            self._say(exc.message, error=True)
            return False
        self.found = None
        self.details.clear()
        self._enable()
        self._say(
            self.tr("Anonymised: %1.").replace("%1", ", ".join(result.codes)),
        )
        if result.codes:  # the lists and those cases, if open, no longer show the person
            announce(Changes.of_cases(*result.codes), self)
        return True

    def set_retention(self) -> None:
        try:
            years = self._services.personal_data.set_retention_years(
                self.retention.value(), self._actor
            )
        except PaknError as exc:
            self._say(exc.message, error=True)
            self._refresh_retention()
            return
        self._say(self.tr("Retention period saved: %1 years.").replace("%1", str(years)))
