"""A restore never hands out a code or a letter number twice, and what was done after the
backup is offered back (issue 20, point 2)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from sqlalchemy import select

from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.store.models import Counter


def form(title: str) -> IntakeForm:
    return IntakeForm(
        "citizen", "Hà Văn Sơn", "Xã Đắk Hà", "0912123123", "", title, "Nội dung", "phone"
    )


def counters(svc: Services) -> dict[str, int]:
    with svc.db.read() as s:
        return {c.name: c.value for c in s.scalars(select(Counter))}


def test_restore_then_intakes_and_a_receipt_reuse_nothing_and_later_cases_come_back(
    tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    svc = Services.open(f"sqlite:///{tmp_path / 'office.db'}", now=clock)
    actor = staff_actor(svc)
    codes, numbers = [], []
    for n in range(2):
        codes.append(svc.cases.receive(form(f"trước sao lưu {n}"), actor).code)
        numbers.append(svc.letters.issue(codes[-1], LetterKind.RECEIPT, actor).number_text)
    backup = tmp_path / "backup.db"
    svc.db.backup_to(backup)
    later = []
    for n in range(3):
        case = svc.cases.receive(
            form(f"sau sao lưu {n}"), actor, attachments=[(f"don-{n}.pdf", b"%PDF-1.4 don")]
        )
        later.append(case.code)
        numbers.append(svc.letters.issue(case.code, LetterKind.RECEIPT, actor).number_text)
    codes += later
    before = counters(svc)

    done = svc.backups.restore_details(backup, actor)

    after = counters(svc)
    assert all(after.get(name, 0) >= value for name, value in before.items()), (before, after)
    assert [c.code for c in done.lost.cases] == later
    assert [c.letters for c in done.lost.cases] == [(n,) for n in numbers[2:]]
    # After the restore: 3 intakes and a receipt get what nobody holds yet.
    fresh = [svc.cases.receive(form(f"sau khôi phục {n}"), actor).code for n in range(3)]
    receipt = svc.letters.issue(fresh[0], LetterKind.RECEIPT, actor)
    assert not set(fresh) & set(codes)
    assert receipt.number_text not in numbers
    assert svc.audit.verify().ok

    brought = svc.backups.bring_back(done.kept, actor)  # type: ignore[arg-type]

    assert brought.cases == tuple(later)
    for code in later:
        case = svc.case_reads.get(code, actor)
        assert case.title.startswith("sau sao lưu")
        assert [a.filename for a in case.attachments] == [f"don-{later.index(code)}.pdf"]
        assert case.events
        assert svc.case_reads.lookup(code, actor)[0].code == code
    register = {e.number_text: e.case_code for e in svc.letters.register_entries(actor)}
    assert {n: register[n] for n in numbers[2:]} == dict(zip(numbers[2:], later, strict=True))
    assert svc.audit.verify().ok
    assert svc.backups.lost_since(done.kept, actor).empty  # type: ignore[arg-type]
    svc.close()


def test_a_letter_issued_after_the_backup_for_a_kept_case_is_offered_back(
    tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    svc = Services.open(f"sqlite:///{tmp_path / 'office.db'}", now=clock)
    actor = staff_actor(svc)
    code = svc.cases.receive(form("có trong bản sao lưu"), actor).code
    backup = tmp_path / "backup.db"
    svc.db.backup_to(backup)
    clock.set(datetime(2026, 4, 24, 10, 0))
    number = svc.letters.issue(code, LetterKind.RECEIPT, actor).number_text
    done = svc.backups.restore_details(backup, actor)
    assert [(x.number, x.case_code) for x in done.lost.letters] == [(number, code)]
    svc.backups.bring_back(done.kept, actor)  # type: ignore[arg-type]
    entries = svc.letters.register_entries(actor, case_code=code)
    assert [e.number_text for e in entries] == [number]
    # The receipt is issued: asking again gives it back instead of a new number.
    assert svc.letters.issue(code, LetterKind.RECEIPT, actor).number_text == number
    assert svc.audit.verify().ok
    svc.close()


@pytest.fixture(autouse=True)
def _quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAKN_TEST_PASSWORD", "mat-khau-dai-du")


def test_the_cli_lists_what_the_backup_lacks_and_brings_it_back(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from accounts_fixture import STAFF_AUTH

    from pakn_desktop.cli import main as cli

    url = f"sqlite:///{tmp_path / 'office.db'}"
    svc = Services.open(url)
    actor = staff_actor(svc)
    svc.cases.receive(form("trong bản sao lưu"), actor)
    backup = tmp_path / "backup.db"
    svc.db.backup_to(backup)
    later = svc.cases.receive(form("sau sao lưu"), actor).code
    svc.close()
    assert cli(["--db", url, *STAFF_AUTH, "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert later in out and "bring-back" in out
    kept = next(tmp_path.glob("office.before-restore-*.db"))
    assert f"bring-back {kept}" in out
    assert cli(["--db", url, *STAFF_AUTH, "bring-back", str(kept)]) == 0
    assert later in capsys.readouterr().out
    svc = Services.open(url)
    assert svc.case_reads.get(later, staff_actor(svc)).title == "sau sao lưu"
    svc.close()
    assert cli(["--db", url, *STAFF_AUTH, "bring-back", str(kept)]) == 0
    assert "Không có hồ sơ" in capsys.readouterr().out


def test_an_anchor_taken_before_a_restore_is_recognised_not_called_tampering(
    tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    """A restore rewrites the chain's newest records (each number the backup lacks gets a
    record of what it held): a head kept before the restore matches what that record says it
    replaced, so the check passes; a made-up head at that number still fails."""
    svc = Services.open(f"sqlite:///{tmp_path / 'office.db'}", now=clock)
    actor = staff_actor(svc)
    svc.cases.receive(form("trước sao lưu"), actor)
    backup = tmp_path / "backup.db"
    svc.db.backup_to(backup)
    svc.cases.receive(form("sau sao lưu"), actor)
    anchor = svc.audit.head()
    seq = int(anchor.split(":")[0])
    svc.backups.restore_details(backup, actor)
    assert svc.audit.verify().ok
    assert svc.audit.verify([anchor]).ok
    forged = f"{seq}:{'0' * 64}"
    result = svc.audit.verify([forged])
    assert not result.ok and result.anchor_failed
    svc.close()
