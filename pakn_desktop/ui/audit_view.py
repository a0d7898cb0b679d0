"""The administrator's audit view: the records of the hash chain, filtered by person, case,
kind and period, exported to CSV, and the chain checked on demand."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSettings, QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.services import Services
from pakn_desktop.services.audit import AuditFilter, Verification, canonical
from pakn_desktop.services.views import Actor

from . import file_names
from .choices import refill
from .operations import listen, run_op
from .window_sizes import close_on_escape, remember_size
from .workers import Op, Progress, message_for

# Kinds of record, by the prefix of their key.
# Heads of the chain this computer saw, kept per database (the newest few suffice: any of
# them proves what came before it).
ANCHORS_KEPT = 20
KIND_PREFIXES = ("case_event", "settings", "account", "unit", "calendar", "template", "backup")


class AuditView(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.op: Op[Any] | None = None  # the export while it runs
        self.setWindowTitle(self.tr("Audit log"))
        self.person = QComboBox()
        self.person.addItem(self.tr("Everyone"), None)
        self.reread_people()
        # Accounts added elsewhere (the accounts window, the settings): offered in the filter.
        listen(self, lambda c: c.people, self.reread_people)
        self.case_code = QLineEdit()
        self.case_code.setPlaceholderText(self.tr("PAKN code"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), "")
        labels = {
            "case_event": self.tr("Case history"),
            "settings": self.tr("Office settings"),
            "account": self.tr("Accounts and log-ins"),
            "unit": self.tr("Units"),
            "calendar": self.tr("Calendar"),
            "template": self.tr("Letter templates"),
            "backup": self.tr("Backups and restores"),
        }
        for prefix in KIND_PREFIXES:
            self.kind.addItem(labels[prefix], prefix)
        today = services.now().date()
        self.use_period = QCheckBox(self.tr("Period"))
        self.start = QDateEdit(QDate(today.year, today.month, 1))
        self.end = QDateEdit(QDate(today.year, today.month, today.day))
        for d in (self.start, self.end):
            d.setCalendarPopup(True)
            d.setDisplayFormat("dd/MM/yyyy")
        filter_button = QPushButton(self.tr("Show"))
        filter_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export…"))
        # clicked(bool) would pass its "checked" flag as the path.
        self.export_button.clicked.connect(lambda: self.export())
        self.verify_button = QPushButton(self.tr("Check the chain"))
        self.verify_button.clicked.connect(self.verify)
        row = QHBoxLayout()
        for w in (
            self.person,
            self.case_code,
            self.kind,
            self.use_period,
            self.start,
            self.end,
            filter_button,
            self.export_button,
            self.verify_button,
        ):
            row.addWidget(w)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(
            [
                self.tr("No."),
                self.tr("Time"),
                self.tr("Person"),
                self.tr("Kind"),
                self.tr("What"),
                self.tr("Before"),
                self.tr("After"),
            ]
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.status)
        # Fitted to the screen (1366×768 leaves 728 px under the taskbar, less at 125 %).
        remember_size(self, "audit", QSize(1200, 640))
        close_on_escape(self)
        self.refresh()

    def reread_people(self) -> None:
        """The people of the filter as stored now; the one chosen stays chosen."""
        people = self._services.accounts.users(self._actor)
        refill(self.person, [(f"{u.full_name} ({u.username})", u.id) for u in people])

    def current_filter(self) -> AuditFilter:
        start: date | None = None
        end: date | None = None
        if self.use_period.isChecked():
            start = self.start.date().toPython()  # type: ignore[assignment]
            end = self.end.date().toPython()  # type: ignore[assignment]
        return AuditFilter(
            actor_id=self.person.currentData(),
            case_code=self.case_code.text(),
            kind=self.kind.currentData() or "",
            start=start,
            end=end,
            limit=5000,
        )

    def refresh(self) -> None:
        try:
            rows = self._services.audit.records(self._actor, self.current_filter())
        except PaknError as exc:
            self.status.setText(exc.message)
            return
        self.list.clear()
        for r in rows:
            self.list.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        str(r.seq),
                        f"{r.at:%d/%m/%Y %H:%M:%S}",
                        r.actor_name,
                        r.kind,
                        r.summary,
                        "" if r.before is None else canonical(r.before)[:200],
                        "" if r.after is None else canonical(r.after)[:200],
                    ]
                )
            )
        for i in range(4):
            self.list.resizeColumnToContents(i)
        self.list.setColumnWidth(4, 380)
        self.list.setColumnWidth(5, 220)
        self.status.setText(self.tr("%1 records.").replace("%1", str(len(rows))))

    def export(self, path: Path | None = None) -> Op[Any] | None:
        """Write the shown records to CSV off the GUI thread; Export is disabled while it
        runs, so a second click starts nothing."""
        if self.op is not None:
            return None
        if path is None:
            name = file_names.save_file_name(
                self, self.tr("Export the audit log"), "nhat-ky.csv", "CSV (*.csv)"
            )
            if not name:
                return None
            path = Path(name)
        target, audit, actor, f = path, self._services.audit, self._actor, self.current_filter()

        def finish() -> None:
            self.op = None

        def done(n: int) -> None:
            finish()
            self.status.setText(
                self.tr("%1 records written to %2.")
                .replace("%1", str(n))
                .replace("%2", str(target))
            )

        def failed(exc: BaseException) -> None:
            finish()
            self.status.setText(message_for(exc))

        def work(_p: Progress) -> int:
            return audit.export_csv(actor, target, f)

        self.status.setText(self.tr("Writing %1…").replace("%1", target.name))
        self.op = run_op(
            self,
            work,
            buttons=(self.export_button,),
            success=done,
            failure=failed,
            label=self.tr("Writing %1…").replace("%1", target.name),
            title=self.tr("Audit log"),
        )
        return self.op

    # --- anchors: heads seen by this window, kept outside the database ------------------
    def _anchor_key(self) -> str:
        """The settings key of this database's anchors (a digest of where it is)."""
        where = self._services.db.display_name
        return "audit-anchors/" + hashlib.sha256(where.encode()).hexdigest()[:16]

    def seen_anchors(self) -> list[str]:
        value = QSettings().value(self._anchor_key(), [])
        if isinstance(value, str):  # QSettings gives one item back as a plain string
            return [value]
        if isinstance(value, list | tuple):
            return [str(v) for v in value]
        return []

    def _remember_anchor(self, head: str) -> None:
        if not head:
            return
        kept = [a for a in self.seen_anchors() if a != head] + [head]
        QSettings().setValue(self._anchor_key(), kept[-ANCHORS_KEPT:])

    def verify(self) -> None:
        """Check the chain, the rows it vouches for and every head this window saw before:
        a cut-off tail, a reset or a recomputed chain no longer holds an anchor seen here."""
        self.status.setText(self.tr("Checking the chain…"))
        audit, anchors = self._services.audit, self.seen_anchors()

        def work() -> tuple[Verification, str]:
            return audit.verify(anchors), audit.head()

        run_op(
            self,
            lambda _p: work(),
            buttons=(self.verify_button,),
            success=self._verified,
            failure=self._error,
            show_progress=False,
        )

    def _verified(self, outcome: tuple[Verification, str]) -> None:
        result, head = outcome
        self.show_verification(result)
        if result.ok:
            self._remember_anchor(head)
            self.status.setText(
                self.status.text()
                + " "
                + self.tr("Anchor kept by this computer: %1.").replace("%1", head)
            )

    def _error(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.status.setText(message_for(exc))

    def show_verification(self, result: Verification) -> None:
        self.verify_button.setEnabled(True)
        if result.ok:
            self.status.setStyleSheet("")
            self.status.setText(
                self.tr("The chain is intact: %1 records, %2 case history rows.")
                .replace("%1", str(result.records))
                .replace("%2", str(result.events))
            )
        else:
            self.status.setStyleSheet("color:#b00020;")
            self.status.setText(result.message)
