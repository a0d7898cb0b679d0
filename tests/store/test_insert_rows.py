"""``insert_rows`` (the bulk writer of a portal import's batch) stores exactly what
``session.execute(insert(table), rows)`` stores: on SQLite it writes multi-row ``VALUES``
statements, so each column's bind processing (dates, times, JSON, booleans), the scalar
defaults of columns a row leaves out, NULLs and the full-text index must come out the same."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, text

from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.store import db as store_db
from pakn_desktop.store.db import insert_rows
from pakn_desktop.store.models import Case, CaseEvent, Submitter

FORM = IntakeForm(
    submitter_kind="citizen",
    submitter_name="Nguyễn Văn An",
    address="Số 12 đường Trần Hưng Đạo, phường Kon Tum",
    phone="0912 345 678",
    email="",
    title="Chậm cấp giấy xác nhận",
    content="Hồ sơ nộp từ tháng 3 đến nay chưa được giải quyết.",
    channel="phone",
    topic="Chính sách",
)


def _raw(s: Any, table: str, ids: list[int]) -> list[tuple[Any, ...]]:
    """The rows as the database holds them, without their ids, in the ids' order."""
    out = []
    for i in ids:
        row = s.execute(text(f"SELECT * FROM {table} WHERE id = :i"), {"i": i}).mappings().one()
        out.append(tuple(v for k, v in row.items() if k != "id"))
    return out


def _events(case_id: int, actor_id: int, n: int) -> list[dict[str, Any]]:
    return [
        {
            "case_id": case_id,
            "at": datetime(2026, 4, 24, 9, 30, 15, 123456 * (i % 2)),
            "actor_id": actor_id if i % 3 else None,
            "actor_name": f"Cán bộ «{i}» ‘Đ’",
            "action": "portal_import",
            "public": bool(i % 2),
            "summary": f"Dòng {i}: 'trích dẫn', \"ngoặc kép\", ?, :x, %s, \\ và ; hết",
            "changes": {"row": i, "list": [1, None, "Đ"], "none": None} if i % 4 else {},
        }
        for i in range(n)
    ]


def test_events_are_stored_as_one_by_one(services, actor) -> None:  # type: ignore[no-untyped-def]
    case = services.cases.receive(FORM, actor)
    with services.db.write() as s:
        rows = _events(case.id, actor.id, 7)
        ids = insert_rows(s, CaseEvent, [dict(r) for r in rows])
        top = max(ids)
        plain = [{**r, "id": top + 1000 + k} for k, r in enumerate(rows)]
        s.execute(insert(CaseEvent.__table__), plain)
        assert _raw(s, "case_events", ids) == _raw(s, "case_events", [r["id"] for r in plain])


def test_left_out_columns_get_their_defaults(services, actor) -> None:  # type: ignore[no-untyped-def]
    case = services.cases.receive(FORM, actor)
    row = {"case_id": case.id, "at": datetime(2026, 4, 24), "actor_name": "A", "action": "x"}
    # "public" and "summary" have plain defaults; "changes" a function's (dict), left out in
    # the second set only.
    for rows in ([{**row, "changes": {"a": 1}}] * 3, [row] * 3):
        with services.db.write() as s:
            ids = insert_rows(s, CaseEvent, [dict(r) for r in rows])
            top = max(ids)
            plain = [{**r, "id": top + 1000 + k} for k, r in enumerate(rows)]
            s.execute(insert(CaseEvent.__table__), plain)
            want = _raw(s, "case_events", [r["id"] for r in plain])
            assert _raw(s, "case_events", ids) == want
            got = s.execute(select(CaseEvent).where(CaseEvent.id == ids[0])).scalar_one()
            assert (got.public, got.summary, got.actor_id) == (False, "", None)
            assert got.changes == rows[0].get("changes", {})


def test_cases_are_stored_and_found_by_search(services, actor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A small statement limit: the rows go in several statements, as a big batch would.
    monkeypatch.setattr(store_db, "_SQLITE_MAX_PARAMS", 80)
    first = services.cases.receive(FORM, actor)
    with services.db.write() as s:
        base = s.execute(select(Case).where(Case.id == first.id)).scalar_one()
        cols = {c.key: getattr(base, c.key) for c in Case.__table__.columns if c.key != "id"}
        rows = []
        for k in range(5):
            row = dict(cols)
            row.update(
                code=f"A{k}",
                due_on=None if k % 2 else date(2026, 5, 8),
                received_at=datetime(2026, 4, 20, 8, k, 7, 250000),
                search_text=f"{cols['search_text']} tuhiemmot{k}",
            )
            rows.append(row)
        ids = insert_rows(s, Case, [dict(r) for r in rows])
        top = max(ids)
        plain = [{**r, "id": top + 1000 + k, "code": f"B{k}"} for k, r in enumerate(rows)]
        s.execute(insert(Case.__table__), plain)
        code_at = [c.name for c in Case.__table__.columns if c.name != "id"].index("code")

        def without_code(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
            return [r[:code_at] + r[code_at + 1 :] for r in rows]

        got = _raw(s, "cases", ids)
        assert without_code(got) == without_code(_raw(s, "cases", [r["id"] for r in plain]))
        assert [r[code_at] for r in got] == [f"A{k}" for k in range(5)]
        if services.db.is_sqlite:
            # The full-text index holds each new case under its own words.
            for k, case_id in enumerate(ids):
                found = s.execute(
                    text("SELECT rowid FROM cases_fts WHERE cases_fts MATCH :w ORDER BY rowid"),
                    {"w": f"tuhiemmot{k}"},
                ).scalars()
                assert list(found) == [case_id, top + 1000 + k]


def test_submitters_are_stored_as_one_by_one(services) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {
            "kind": "citizen",
            "name": f"Trần Thị {k}",
            "address": "" if k else "Số 1 ngõ 2",
            "phone": "0912 345 678",
            "phone_norm": "0912345678",
        }
        for k in range(4)
    ]
    with services.db.write() as s:
        ids = insert_rows(s, Submitter, [dict(r) for r in rows])
        top = max(ids)
        plain = [{**r, "id": top + 1000 + k} for k, r in enumerate(rows)]
        s.execute(insert(Submitter.__table__), plain)
        assert _raw(s, "submitters", ids) == _raw(s, "submitters", [r["id"] for r in plain])
