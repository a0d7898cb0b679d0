"""An email (.eml or Outlook .msg) put into the intake form: sender, subject as the title, body
as the content, the date as the receipt time, its attachments and the original message. The
form stays open for the person to complete (address, phone) and save.

``load_email_into_intake`` is what a drop on the intake form calls; ``import_email`` is the
File menu's entry (it asks for the file)."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from pakn_desktop.domain.enums import Channel
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.services.email_intake import EmailIntake, OfficeContacts, read_email_file

from . import file_names
from .intake import IntakeForm_

EMAIL_SUFFIXES = (".eml", ".msg")


def _title() -> str:
    return QCoreApplication.translate("EmailImport", "Import an email into the intake form")


def is_email_file(path: Path) -> bool:
    return path.suffix.lower() in EMAIL_SUFFIXES


def fill_intake(intake: IntakeForm_, parsed: EmailIntake) -> None:
    """Put the email's data into the form's fields and attach its files."""
    f = parsed.form
    fields = intake.fields
    fields.channel.setCurrentIndex(max(fields.channel.findData(Channel.EMAIL.value), 0))
    fields.submitter_name.setText(f.submitter_name)
    fields.email.setText(f.email)
    if f.phone and not fields.phone.text().strip():
        fields.phone.setText(f.phone)
    fields.title.setText(f.title)
    fields.content.setPlainText(f.content)
    if parsed.private_note:
        # Who forwarded the citizen's mail: kept inside the office, never published.
        existing = fields.private_note.toPlainText().strip()
        fields.private_note.setPlainText(
            (existing + "\n" if existing else "") + parsed.private_note
        )
    if parsed.received_at is not None:
        intake.set_received_from_document(parsed.received_at)
    # The form attaches files from disk (checking each as at the desk): hand it copies.
    with tempfile.TemporaryDirectory(prefix="pakn-email-") as tmp:
        paths = []
        for i, (name, data) in enumerate(parsed.attachments):
            folder = Path(tmp) / str(i)
            folder.mkdir()
            path = folder / (PurePath(name).name or "dinh-kem")
            path.write_bytes(data)
            paths.append(path)
        intake.add_files(paths)


def load_email_into_intake(intake: IntakeForm_, path: Path) -> list[str]:
    """Read the email file and fill the form; returns the problems to show (an unreadable
    file raises PaknError instead, and the form is left as it was)."""
    # The office's own numbers and addresses (its settings) are never taken as the citizen's.
    office = OfficeContacts.from_text(intake.services.office.details().hotlines)
    parsed = read_email_file(path, office)
    fill_intake(intake, parsed)
    return list(parsed.skipped)


def import_email(intake: IntakeForm_, parent: QWidget | None = None) -> bool:
    """File menu: choose an email file and put it into the intake form."""
    name = file_names.open_file_name(
        parent,
        _title(),
        "",
        QCoreApplication.translate("EmailImport", "Emails (*.eml *.msg);;All files (*)"),
    )
    if not name:
        return False
    try:
        problems = load_email_into_intake(intake, Path(name))
    except PaknError as exc:
        QMessageBox.warning(parent, _title(), exc.message)
        return False
    if problems:
        QMessageBox.information(parent, _title(), "\n".join(problems))
    return True
