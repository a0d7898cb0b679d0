"""The audit tampering matrix: changes made behind the program's back, as a person with the
sqlite3 or psql tool (or a script reusing the program's own hash functions) would make them,
each then checked with ``AuditService.verify`` and the anchor taken before the change.

Used by tools/faults.py (``make faults``) and tests/services/test_audit_state.py."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services.audit import (
    ENTITIES,
    _hash_of,
    _rows_of,
    canonical,
    row_digest,
)
from pakn_desktop.store.models import AuditRecord

FORM = IntakeForm(
    submitter_kind="citizen",
    submitter_name="Y Moan",
    address="Buôn Đôn, tỉnh Đắk Lắk",
    phone="0988 123 456",
    title="Hỏi chính sách hỗ trợ học nghề",
    content="Đề nghị Sở hướng dẫn.",
    channel="walk_in",
)


@dataclass
class Office:
    """What the scenarios work on: the register's URL, the case, the desk and the anchor
    (the head printed in a report footer before the change)."""

    url: str
    code: str
    desk: str
    anchor: str


def sql(url: str, *statements: str, **params: Any) -> None:
    """Statements run on a connection of their own, outside the program's services."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement), params)
    finally:
        engine.dispose()


def prepare(services: Services) -> Office:
    """An office at work: a front desk account, a case received, accepted and in progress,
    then the head taken as an anchor (e.g. from an exported report), then more work."""
    admin = services.office.actor()
    services.office.add_user("tiepnhan", "Hoàng Thị Yến", frozenset({Role.FRONT_DESK}), actor=admin)
    services.office.add_user("chuyenvien", "Lê Văn Hùng", frozenset({Role.OFFICIAL}), actor=admin)
    boss = services.office.add_user("lanhdao", "Phạm Minh", frozenset(Role), actor=admin)
    actor = services.office.actor(boss.username)
    c = services.cases.receive(FORM, services.office.actor("tiepnhan"))
    c = services.cases.accept(c.code, actor, official_id=actor.id, expected_version=c.version)
    anchor = services.audit.head()
    c = services.cases.post_progress(c.code, "Đang xác minh.", actor, expected_version=c.version)
    services.cases.receive(FORM, services.office.actor("tiepnhan"))
    return Office(services.db.url, c.code, "tiepnhan", anchor)


def _case_title(o: Office) -> None:
    sql(o.url, "UPDATE cases SET title = 'Tiêu đề đã sửa' WHERE code = :c", c=o.code)


def _case_state(o: Office) -> None:
    sql(o.url, "UPDATE cases SET state = 'closed' WHERE code = :c", c=o.code)


def _case_official(o: Office) -> None:
    sql(
        o.url,
        "UPDATE cases SET official_id = (SELECT id FROM users WHERE username = 'chuyenvien') "
        "WHERE code = :c",
        c=o.code,
    )


def _submitter_name(o: Office) -> None:
    sql(
        o.url,
        "UPDATE submitters SET name = 'Người Khác' "
        "WHERE id = (SELECT submitter_id FROM cases WHERE code = :c)",
        c=o.code,
    )


def _submitter_phone(o: Office) -> None:
    sql(
        o.url,
        "UPDATE submitters SET phone = '0911 000 111', phone_norm = '0911000111' "
        "WHERE id = (SELECT submitter_id FROM cases WHERE code = :c)",
        c=o.code,
    )


def _roles(o: Office) -> None:
    sql(
        o.url,
        "UPDATE users SET roles = 'admin,front_desk', role = 'admin' WHERE username = :u",
        u=o.desk,
    )


def _password_hash(o: Office) -> None:
    sql(
        o.url,
        "UPDATE users SET password_hash = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$"
        "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA' WHERE username = :u",
        u=o.desk,
    )


def _tail_cut(o: Office) -> None:
    """The newest records deleted and the counter lowered to match."""
    sql(
        o.url,
        "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)",
        "UPDATE counters SET value = (SELECT max(seq) FROM audit_log) WHERE name = 'audit'",
    )


def _all_deleted(o: Office) -> None:
    """Every record deleted, the counter and the chain's mark too: the next start seals
    the altered history again as a new chain."""
    sql(
        o.url,
        "UPDATE cases SET title = 'Tiêu đề đã sửa' WHERE code = :c",
        "DELETE FROM audit_log",
        "DELETE FROM counters WHERE name = 'audit'",
        "DELETE FROM app_meta WHERE key = 'audit_chain'",
        c=o.code,
    )


def _all_deleted_keep_mark(o: Office) -> None:
    """Every record and the counter deleted (the chain's mark left in place)."""
    sql(o.url, "DELETE FROM audit_log", "DELETE FROM counters WHERE name = 'audit'")


def _recomputed(o: Office) -> None:
    """A case edited, its digest replaced in every record that vouches for it, and every
    later hash recomputed with the program's own functions: the chain checks out by itself."""
    _case_title(o)
    engine = create_engine(o.url)
    try:
        with Session(engine) as s, s.begin():
            case = next(e for e in ENTITIES if e.name == "case")
            cid = s.execute(text("SELECT id FROM cases WHERE code = :c"), {"c": o.code}).scalar()
            (row,) = list(_rows_of(s, case, [cid]))
            key = f"case:{cid}"
            prev: str | None = None
            for r in s.scalars(select(AuditRecord).order_by(AuditRecord.seq)):
                state = json.loads(r.state) if r.state else {}
                if key in state:
                    state[key] = row_digest(row[1:])
                    r.state = canonical(state)
                    prev = prev or r.prev_hash
                if prev is None:
                    continue
                r.prev_hash = prev
                r.hash = prev = _hash_of(r)  # the program's own hash of the record
    finally:
        engine.dispose()


# (name, the change, found only with the anchor kept outside the database)
MATRIX: list[tuple[str, Callable[[Office], None], bool]] = [
    ("case title", _case_title, False),
    ("case state", _case_state, False),
    ("case official", _case_official, False),
    ("submitter name", _submitter_name, False),
    ("submitter phone", _submitter_phone, False),
    ("user roles", _roles, False),
    ("password hash", _password_hash, False),
    ("tail cut, counter lowered", _tail_cut, True),
    ("all deleted, mark kept", _all_deleted_keep_mark, False),
    ("all deleted, re-sealed at start", _all_deleted, True),
    ("chain recomputed", _recomputed, True),
]


def run_one(open_services: Callable[[], Services], index: int) -> tuple[str, bool, bool, str]:
    """One row of the matrix on a fresh register: (name, found without the anchor, found
    with it, the message)."""
    name, change, _ = MATRIX[index]
    services = open_services()
    try:
        office = prepare(services)
    finally:
        services.close()
    change(office)
    # The next start of the program (seals what it would) before the check.
    services = open_services()
    try:
        plain = services.audit.verify()
        anchored = services.audit.verify([office.anchor])
    finally:
        services.close()
    return name, not plain.ok, not anchored.ok, anchored.message
