"""Opening a database without the slow parts: the schema revision checked without alembic, the
calendar read from its SQL copy while that copy is known to be current, the password check's
decoy hash kept as text; and what ``pakn letter`` imports."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from pakn_desktop.domain.calendar import DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR, WorkingCalendar
from pakn_desktop.services import Services
from pakn_desktop.services.calendar import WORK_DAYS_SOURCE, work_days_note
from pakn_desktop.store.db import Database, head_revision, stored_revision
from pakn_desktop.store.models import AppMeta, WorkDay

FIRST = date(DEFAULT_FIRST_YEAR, 1, 1)
LAST = date(DEFAULT_LAST_YEAR, 12, 31)


def test_head_read_from_the_files_is_alembics_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from pakn_desktop.store.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(cfg)
    assert head_revision() == script.get_current_head()
    assert {r.revision for r in script.walk_revisions()} >= {head_revision()}


def test_stored_revision_is_what_alembic_reads(db_url: str, tmp_path: Path) -> None:
    from alembic.runtime.migration import MigrationContext

    empty = Database(f"sqlite:///{tmp_path / 'empty.db'}")
    with empty.engine.connect() as conn:
        assert stored_revision(conn) is None
        assert MigrationContext.configure(conn).get_current_revision() is None
    empty.dispose()
    services = Services.open(db_url)
    with services.db.engine.connect() as conn:
        assert stored_revision(conn) == MigrationContext.configure(conn).get_current_revision()
        assert stored_revision(conn) == head_revision()
    assert not services.db.needs_migration()
    services.close()


def test_the_decoy_hash_has_the_hashers_parameters(production_hasher: PasswordHasher) -> None:
    """An unknown user name costs one verification with the same parameters as a real one
    (the app's hasher: the tests hash at a lower cost, tests/conftest.py)."""
    from pakn_desktop.services import accounts

    assert not production_hasher.check_needs_rehash(accounts._DUMMY_HASH)
    assert production_hasher.verify(accounts._DUMMY_HASH, accounts.DUMMY_PASSWORD)


def _full(services: Services) -> WorkingCalendar:
    adjustments = services.calendar.adjustments()
    return WorkingCalendar(
        [(a.day, a.reason) for a in adjustments if not a.working],
        [(a.day, a.reason) for a in adjustments if a.working],
    )


def _same(a: WorkingCalendar, b: WorkingCalendar) -> None:
    assert a.table(FIRST, LAST) == b.table(FIRST, LAST)
    assert a.explain(date(2026, 4, 30)) == b.explain(date(2026, 4, 30))
    assert a.add_working_days(date(2040, 12, 1), 30) == b.add_working_days(date(2040, 12, 1), 30)


def test_a_desk_reads_the_calendar_from_its_current_copy(db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    first = Services.open(db_url, now=clock)  # builds the calendar and its copy
    second = Services.open(db_url, now=clock)
    assert second.calendar.sync_work_days() is False
    cal = second.calendar.calendar()
    assert second.calendar.loaded_from_table
    _same(cal, _full(second))
    # A change at the first desk: the second never reads a copy made before it.
    admin = first.office.actor()
    first.calendar.add_day_off(
        date(2026, 5, 11), "Nghỉ của cơ quan", admin, expected_version=first.calendar.version()
    )
    cal = second.calendar.calendar()
    assert not cal.is_working_day(date(2026, 5, 11))
    _same(cal, _full(second))
    third = Services.open(db_url, now=clock)
    cal = third.calendar.calendar()
    assert third.calendar.loaded_from_table  # the first desk's sync noted the new version
    _same(cal, _full(third))
    for svc in (first, second, third):
        svc.close()


def test_a_copy_made_by_another_program_is_checked_again(db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    services = Services.open(db_url, now=clock)
    with services.db.write() as s:
        # Another program version (or holidays package) made the copy, and it differs.
        s.execute(update(AppMeta).where(AppMeta.key == WORK_DAYS_SOURCE).values(value="pakn 0.0.1"))
        s.execute(update(WorkDay).where(WorkDay.day == date(2026, 4, 30)).values(working=True))
    services.close()
    services = Services.open(db_url, now=clock)  # syncs: rewrites the copy and its note
    with services.db.read() as s:
        note = s.scalar(select(AppMeta.value).where(AppMeta.key == WORK_DAYS_SOURCE))
        working = s.scalar(select(WorkDay.working).where(WorkDay.day == date(2026, 4, 30)))
    rows = _full(services).table(FIRST, LAST)
    assert note == work_days_note(services.calendar.version(), rows)
    assert working is False
    fresh = Services.open(db_url, now=clock)
    _same(fresh.calendar.calendar(), _full(fresh))
    assert fresh.calendar.loaded_from_table
    services.close()
    fresh.close()


@pytest.mark.parametrize("note", ["other", None])
def test_a_stale_copy_is_never_trusted_before_the_sync(
    db_url: str, clock, note: str | None
) -> None:  # type: ignore[no-untyped-def]
    """``note`` None: the note is left as it was and only the rows change, as a program that
    keeps no note does when it rewrites the copy."""
    services = Services.open(db_url, now=clock)
    with services.db.write() as s:
        if note is not None:
            s.execute(update(AppMeta).where(AppMeta.key == WORK_DAYS_SOURCE).values(value=note))
        s.execute(update(WorkDay).where(WorkDay.day == date(2026, 4, 30)).values(working=True))
    other = Services(services.db, clock)  # a desk that has not synced
    cal = other.calendar.calendar()
    assert not other.calendar.loaded_from_table
    assert not cal.is_working_day(date(2026, 4, 30))
    assert other.calendar.sync_work_days() is True  # the copy is put right
    fresh = Services(services.db, clock)
    assert not fresh.calendar.calendar().is_working_day(date(2026, 4, 30))
    assert fresh.calendar.loaded_from_table
    services.close()


def test_pakn_letter_imports_only_what_it_needs(tmp_path: Path) -> None:
    """Run in a process of its own: issuing a letter from the command line loads neither
    alembic, openpyxl, the holidays package, every reportlab barcode widget nor the PostgreSQL
    drivers."""
    from accounts_fixture import STAFF_AUTH, STAFF_PASSWORD, staff_actor

    from pakn_desktop.domain.validation import IntakeForm

    url = f"sqlite:///{tmp_path / 'letters.db'}"
    svc = Services.open(url)
    actor = staff_actor(svc)
    code = svc.cases.receive(
        IntakeForm(
            "citizen",
            "Nguyễn Văn An",
            "Kon Tum",
            "0912345678",
            "",
            "Tiêu đề",
            "Nội dung.",
            "walk_in",
        ),
        actor,
    ).code
    svc.close()
    argv = [
        *STAFF_AUTH,
        "--db",
        url,
        "letter",
        code,
        "--kind",
        "receipt",
        "-o",
        str(tmp_path / "r.pdf"),
    ]
    script = f"""
import sys
from pakn_desktop.cli import main
status = main({argv!r})
heavy = ["alembic", "openpyxl", "holidays", "reportlab.graphics.barcode.widgets",
         "sqlalchemy.dialects.postgresql", "pyhanko", "PySide6"]
print(status, [m for m in heavy if m in sys.modules])
"""
    env = dict(os.environ, PAKN_TEST_PASSWORD=STAFF_PASSWORD)
    out = (
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert out == "0 []"
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
