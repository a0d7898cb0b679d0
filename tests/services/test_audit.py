"""The audit hash chain: every change recorded with who, when, before and after; an edit or a
deletion made directly in the database is found and named."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from builders import a_form
from sqlalchemy import select, text

from pakn_desktop.cli import main
from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.enums import Role
from pakn_desktop.letters.templates import DEFAULT_TEMPLATES, LetterKind
from pakn_desktop.services import Services
from pakn_desktop.services.audit import AuditFilter
from pakn_desktop.services.views import Actor
from pakn_desktop.store.models import AuditRecord, CaseEvent

FORM = a_form(
    submitter_name="Y Moan",
    address="Buôn Đôn, tỉnh Đắk Lắk",
    phone="0988 123 456",
    title="Hỏi chính sách hỗ trợ học nghề",
    content="Đề nghị Sở hướng dẫn.",
    channel="walk_in",
)


def sql(services: Services, statement: str, **params: object) -> None:
    """A change made behind the program's back (as with the sqlite3 or psql tool)."""
    with services.db.engine.begin() as conn:
        conn.execute(text(statement), params)


def some_work(services: Services, actor: Actor, admin: Actor) -> str:
    c = services.cases.receive(FORM, actor)
    c = services.cases.accept(c.code, actor, official_id=actor.id, expected_version=c.version)
    c = services.cases.post_progress(c.code, "Đang xác minh.", actor, expected_version=c.version)
    o = services.office
    o.save_details(replace(o.details(), signer_name="Trần Văn Mới"), admin, expected_version=1)
    o.add_unit("Phòng Kế hoạch - Tài chính", admin)
    services.calendar.add_day_off(
        date(2026, 5, 4),
        "Nghỉ theo quyết định",
        admin,
        expected_version=services.calendar.version(),
    )
    services.letters.save_template(
        replace(DEFAULT_TEMPLATES[LetterKind.PROGRESS], body="Kính gửi {nguoi_nhan}."),
        admin,
        expected_version=0,
    )
    services.letters.reset_template(LetterKind.PROGRESS, admin, expected_version=1)
    return c.code


def test_every_change_is_recorded_with_who_before_and_after(
    services: Services, actor: Actor, admin: Actor
) -> None:
    code = some_work(services, actor, admin)
    records = services.audit.records(admin)
    kinds = [r.kind for r in reversed(records)]
    assert kinds.count("case_event") == 3  # receive, accept, progress: the history is chained
    for kind in (
        "settings.office",
        "unit.add",
        "calendar.day_off",
        "template.save",
        "template.reset",
        "account.create",
    ):
        assert kind in kinds, kind
    settings = next(r for r in records if r.kind == "settings.office")
    assert settings.actor_id == admin.id and settings.actor_name == "Quản trị hệ thống"
    assert settings.before == {"signer_name": "Nguyễn Thanh Tính"}
    assert settings.after == {"signer_name": "Trần Văn Mới"}
    template = next(r for r in records if r.kind == "template.save")
    assert template.actor_id == admin.id
    assert "Kính gửi" in json.dumps(template.after, ensure_ascii=False)
    # Filters: by person, by case, by kind, by period.
    case_id = services.case_reads.get(code, staff_actor(services)).id
    assert {r.actor_id for r in services.audit.records(admin, AuditFilter(actor_id=actor.id))} == {
        actor.id
    }
    assert len(services.audit.records(admin, AuditFilter(case_id=case_id))) == 3
    assert [r.kind for r in services.audit.records(admin, AuditFilter(kind="unit"))] == ["unit.add"]
    assert services.audit.records(admin, AuditFilter(start=date(2026, 4, 25))) == []
    result = services.audit.verify()
    assert result.ok and result.records == len(services.audit.records(admin))
    assert result.events == 3


def test_editing_a_history_row_directly_is_detected(
    services: Services, actor: Actor, admin: Actor
) -> None:
    code = some_work(services, actor, admin)
    with services.db.read() as s:
        event_id = s.scalar(select(CaseEvent.id).where(CaseEvent.action == "post_progress"))
        seq = s.scalar(select(AuditRecord.seq).where(AuditRecord.event_id == event_id))
    assert services.audit.verify().ok
    sql(
        services, "UPDATE case_events SET summary = 'Đã trả lời đúng hạn' WHERE id = :i", i=event_id
    )
    result = services.audit.verify()
    assert not result.ok and result.broken_seq == seq
    assert f"Dòng lịch sử hồ sơ số {event_id}" in result.message and str(seq) in result.message
    assert code


def test_editing_a_settings_audit_row_directly_is_detected(
    services: Services, actor: Actor, admin: Actor
) -> None:
    some_work(services, actor, admin)
    with services.db.read() as s:
        seq = s.scalar(select(AuditRecord.seq).where(AuditRecord.kind == "settings.office"))
    sql(
        services,
        "UPDATE audit_log SET actor_name = 'Người khác' WHERE seq = :s",
        s=seq,
    )
    result = services.audit.verify()
    assert not result.ok and result.broken_seq == seq
    assert f"số {seq}" in result.message and "sửa" in result.message


def test_recomputing_the_hash_of_an_edited_row_breaks_the_next_link(
    services: Services, actor: Actor, admin: Actor
) -> None:
    """A careful forger who fixes the edited row's own hash still breaks the chain after it."""
    from pakn_desktop.services.audit import _hash_of

    some_work(services, actor, admin)
    with services.db.write() as s:
        row = s.scalar(select(AuditRecord).where(AuditRecord.kind == "unit.add"))
        assert row is not None
        row.summary = "Thêm đơn vị khác."
        row.hash = _hash_of(row)
        seq = row.seq
    result = services.audit.verify()
    assert not result.ok and result.broken_seq == seq + 1


@pytest.mark.parametrize("which", ["middle", "last"])
def test_deleting_a_record_is_detected(
    services: Services, actor: Actor, admin: Actor, which: str
) -> None:
    some_work(services, actor, admin)
    with services.db.read() as s:
        seqs = list(s.scalars(select(AuditRecord.seq).order_by(AuditRecord.seq)))
    victim = seqs[len(seqs) // 2] if which == "middle" else seqs[-1]
    sql(services, "DELETE FROM audit_log WHERE seq = :s", s=victim)
    result = services.audit.verify()
    assert not result.ok and result.broken_seq == victim
    assert "xóa" in result.message


def test_history_rows_added_or_deleted_directly_are_detected(
    services: Services, actor: Actor, admin: Actor
) -> None:
    code = some_work(services, actor, admin)
    case_id = services.case_reads.get(code, staff_actor(services)).id
    sql(
        services,
        "INSERT INTO case_events (case_id, at, actor_id, actor_name, action, public, summary, "
        "changes) VALUES (:c, '2026-04-24 10:00:00', NULL, 'Ai đó', 'close', false, 'x', '{}')",
        c=case_id,
    )
    result = services.audit.verify()
    assert not result.ok and "không có trong nhật ký" in result.message
    sql(services, "DELETE FROM case_events WHERE actor_name = 'Ai đó'")
    assert services.audit.verify().ok
    sql(services, "DELETE FROM case_events WHERE action = 'post_progress'")
    result = services.audit.verify()
    assert not result.ok and "đã bị xóa" in result.message


def test_demo_history_is_sealed_and_still_checked(services: Services, admin: Actor) -> None:
    lines = generate_demo(services, 120, seed=5, today=date(2026, 4, 24))
    assert any("mật khẩu" in line for line in lines)  # the demo accounts, shown once
    result = services.audit.verify()
    assert result.ok and result.events > 120
    assert "mật khẩu" not in " ".join(r.summary for r in services.audit.records(admin))
    sql(services, "UPDATE case_events SET actor_name = 'Người khác' WHERE id = 7")
    result = services.audit.verify()
    assert not result.ok and "niêm phong" in result.message
    # Running the demo again makes no new accounts, so no passwords are printed again.
    again = generate_demo(services, 5, seed=6, today=date(2026, 4, 24))
    assert not any("mật khẩu" in line for line in again)


def test_two_desks_writing_at_once_keep_one_chain(db_url: str, clock, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    desks = [Services.open(db_url, now=clock) for _ in range(2)]
    errors: list[BaseException] = []

    def work(desk: Services) -> None:
        for _ in range(8):
            try:
                desk.cases.receive(FORM, actor)
            except BaseException as exc:  # reported below
                errors.append(exc)

    threads = [threading.Thread(target=work, args=(d,)) for d in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        result = desks[0].audit.verify()
        assert result.ok, result.message
        assert result.events == 16
    finally:
        for d in desks:
            d.close()


def test_cli_audit_verify_names_the_broken_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    services = Services.open(url)
    admin = services.office.actor()
    desk = services.office.add_user("tiepnhan", "Hoàng Thị Yến", Role.FRONT_DESK, actor=admin)
    services.cases.receive(FORM, services.office.actor(desk.username))
    services.close()
    assert main(["--db", url, "audit", "verify"]) == 0
    assert "Nhật ký toàn vẹn" in capsys.readouterr().out
    import sqlite3

    with sqlite3.connect(tmp_path / "office.db") as conn:
        conn.execute("UPDATE case_events SET summary = 'Đã sửa' WHERE action = 'receive'")
    assert main(["--db", url, "audit", "verify"]) == 3
    err = capsys.readouterr().err
    assert "Dòng lịch sử hồ sơ số 1" in err and "bản ghi nhật ký số" in err


def test_audit_list_and_export_are_the_administrators(
    services: Services, actor: Actor, admin: Actor, front_desk: Actor, tmp_path: Path
) -> None:
    from pakn_desktop.domain.errors import PermissionDenied

    some_work(services, actor, admin)
    with pytest.raises(PermissionDenied):
        services.audit.records(front_desk)
    n = services.audit.export_csv(admin, tmp_path / "nhat-ky.csv")
    data = (tmp_path / "nhat-ky.csv").read_text(encoding="utf-8-sig")
    assert n > 5 and data.startswith("Số,Thời điểm") and "settings.office" in data
    import os
    import stat

    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "nhat-ky.csv").stat().st_mode) == 0o600


def test_upgrading_an_office_keeps_roles_and_seals_its_older_history(db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    """An office from before migration 0008: each person keeps their role, the history they
    already have is sealed into the new chain, and the check passes."""
    from alembic import command

    services = Services.open(db_url, now=clock)
    desk = services.office.add_user(
        "tiepnhan", "Hoàng Thị Yến", Role.FRONT_DESK, actor=services.office.actor()
    )
    code = services.cases.receive(FORM, services.office.actor(desk.username)).code
    cfg = services.db._alembic_config()
    with services.db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")  # to the revision before 0008
    services.close()
    services = Services.open(db_url, now=clock)
    try:
        assert services.db.current_revision() == services.db.head_revision()
        assert services.office.actor("tiepnhan").roles == frozenset({"front_desk"})
        result = services.audit.verify()
        assert result.ok and result.events == 1
        records = services.audit.records(services.office.actor())
        # The history in one seal, then the rows (settings, accounts, the case, its sender)
        # sealed row by row.
        assert [r.kind for r in records][-1] == "case_events_sealed"
        assert {r.kind for r in records[:-1]} == {"state_sealed"}
        sql(services, "UPDATE case_events SET summary = 'khác'")
        assert not services.audit.verify().ok
        assert code
    finally:
        services.close()
