"""The audit chain vouches for the state it leaves: rows changed behind the program's back
(cases, submitters, accounts), a cut tail, an emptied and re-sealed log and a recomputed
chain are each found, the last three with an anchor ``SEQ:HASH`` kept outside the database."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import ModuleType

import pytest

from pakn_desktop.cli import main
from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.services import Services
from pakn_desktop.services.accounts import AccountForm

ROOT = Path(__file__).resolve().parents[2]


def load_tamper() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pakn_tamper", ROOT / "tools" / "tamper.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pakn_tamper"] = module
    spec.loader.exec_module(module)
    return module


TAMPER = load_tamper()
ROWS = [name for name, _, _ in TAMPER.MATRIX]


@pytest.mark.parametrize("index", range(len(ROWS)), ids=ROWS)
def test_each_change_behind_the_programs_back_is_found(
    migrated_db_url: str, clock: Callable[[], datetime], index: int
) -> None:
    name, found_plain, found_anchored, message = TAMPER.run_one(
        lambda: Services.open(migrated_db_url, now=clock), index
    )
    assert found_anchored, name
    if not TAMPER.MATRIX[index][2]:
        assert found_plain, name
    assert message


def test_a_changed_row_is_named_with_its_table_and_key(services: Services) -> None:
    office = TAMPER.prepare(services)
    assert services.audit.verify().ok
    case_id = services.case_reads.get(office.code, services.office.actor("lanhdao")).id
    TAMPER._case_title(office)
    TAMPER._roles(office)
    result = services.audit.verify()
    assert not result.ok
    assert any(f"«case:{case_id}»" in p and "bị sửa" in p for p in result.problems)
    assert any("Tài khoản «user:" in p for p in result.problems)


def test_changes_made_by_the_program_keep_the_check_passing(services: Services) -> None:
    office = TAMPER.prepare(services)
    head = services.audit.head()
    boss = services.office.actor("lanhdao")
    c = services.case_reads.get(office.code, boss)
    services.cases.record_result(c.code, "Đã xác minh.", boss, expected_version=c.version)
    admin = services.office.actor()
    desk = services.office.actor("tiepnhan")
    form = AccountForm("tiepnhan", desk.name, frozenset({Role.FRONT_DESK, Role.OFFICIAL}))
    services.accounts.edit(admin, desk.id, form, expected_version=1)
    result = services.audit.verify([office.anchor, head])
    assert result.ok, result.message


def test_an_anchor_that_no_longer_matches_says_what_it_proves(services: Services) -> None:
    office = TAMPER.prepare(services)
    seq = int(office.anchor.split(":")[0])
    TAMPER._recomputed(office)
    assert services.audit.verify().ok  # the chain checks out by itself
    result = services.audit.verify([office.anchor])
    assert not result.ok and result.anchor_failed
    assert f"Bản ghi nhật ký số {seq}" in result.message and "viết lại" in result.message
    with pytest.raises(PaknError, match="SỐ:MÃ_BĂM"):
        services.audit.verify(["12:abc"])


def test_cli_head_and_verify_with_an_anchor(db_url: str, clock, capsys) -> None:  # type: ignore[no-untyped-def]
    services = Services.open(db_url, now=clock)
    try:
        office = TAMPER.prepare(services)
    finally:
        services.close()
    assert main(["--db", db_url, "audit", "head"]) == 0
    head = capsys.readouterr().out.strip()
    seq, digest = head.split(":")
    assert int(seq) > 1 and len(digest) == 64
    assert main(["--db", db_url, "audit", "verify", "--anchor", head]) == 0
    capsys.readouterr()
    TAMPER._tail_cut(office)
    assert main(["--db", db_url, "audit", "verify", "--anchor", head]) == 3
    assert "đã từng được ghi rồi bị xóa" in capsys.readouterr().err
    assert main(["--db", db_url, "audit", "verify", "--anchor", "khong-phai-moc"]) == 2
    assert "SỐ:MÃ_BĂM" in capsys.readouterr().err


def test_reports_and_registers_end_with_the_head(services: Services, tmp_path: Path) -> None:
    from datetime import date

    from openpyxl import load_workbook
    from pypdf import PdfReader

    TAMPER.prepare(services)
    boss = services.office.actor("lanhdao")
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    st = services.statistics
    heads: dict[str, str] = {}  # each export is itself recorded: the head as it was written
    for name, write in (
        ("ky.xlsx", lambda p: st.write_report(boss, start, end, p)),
        ("ky.pdf", lambda p: st.write_report(boss, start, end, p)),
        ("so.xlsx", lambda p: st.write_register(boss, start, end, p)),
        ("so.pdf", lambda p: st.write_register(boss, start, end, p)),
        ("vbdi.xlsx", lambda p: st.write_letter_register(boss, p)),
    ):
        heads[name] = services.audit.head()
        write(tmp_path / name)
    for name in ("ky.xlsx", "so.xlsx", "vbdi.xlsx"):
        sheet = load_workbook(tmp_path / name).worksheets[0]
        cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
        assert any(heads[name] in c for c in cells), name
    for name in ("ky.pdf", "so.pdf"):
        words = "".join(p.extract_text() for p in PdfReader(tmp_path / name).pages)
        assert heads[name].split(":")[1][:20] in words.replace("\n", ""), name


def test_every_backup_carries_the_head(services: Services, tmp_path: Path) -> None:
    import sqlite3

    if not services.backups.available:
        pytest.skip("file backups are SQLite's (PostgreSQL: pg_dump)")
    head = services.audit.head()
    admin = services.office.actor()
    made = [
        services.backups.now(tmp_path / "tay", admin),
        services.backups.to_file(tmp_path / "ban-sao.db", admin),
    ]
    daily = services.backups.daily(tmp_path / "ngay", services.now().date())
    assert daily is not None
    for path in [*made, daily]:
        conn = sqlite3.connect(path)
        try:
            (stamped,) = conn.execute(
                "SELECT value FROM app_meta WHERE key = 'audit_head'"
            ).fetchone()
        finally:
            conn.close()
        seq = int(stamped.split(":")[0])
        assert seq >= int(head.split(":")[0])
        assert services.audit.verify([stamped]).ok
        for suffix in ("-wal", "-shm", "-journal"):
            assert not Path(f"{path}{suffix}").exists()
