"""PostgreSQL: indexes for the list sorted by unit or by official

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07

A page of the list sorted by unit (or official) after a key is read, on PostgreSQL, group by
group: the rest of the key's unit by id, then the next units' first cases by id, then the
cases without a unit by id (``queries.grouped_statements``). Each of those reads is a range
of one of these indexes: (unit_id, id) and (official_id, id) for a unit's or an official's
cases from an id on (PostgreSQL's index on unit_id alone keeps equal values in the order of
the rows on disk, not of their ids), and the ids of the cases without one. Before them, such
a page sorted the whole list: 0.2-0.8 s at 100,000 cases, 1-3 s at 1,000,000.

SQLite needs none of them: its index on unit_id already holds each unit's cases in id
order (the rowid ends every index entry), and it walks units by name itself.
"""

from __future__ import annotations

from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_cases_unit_id_id": "ON cases (unit_id, id)",
    "ix_cases_official_id_id": "ON cases (official_id, id)",
    "ix_cases_no_unit": "ON cases (id) WHERE unit_id IS NULL",
    "ix_cases_no_official": "ON cases (id) WHERE official_id IS NULL",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, what in INDEXES.items():
        op.execute(f"CREATE INDEX {name} {what}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in INDEXES:
        op.execute(f"DROP INDEX {name}")
