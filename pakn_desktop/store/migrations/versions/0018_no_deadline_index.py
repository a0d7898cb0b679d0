"""an index of the cases without a deadline, by id, for the queue's deep pages by deadline

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-29

The list by deadline ends with the cases that have none (paused and finished ones: nearly
all of a register). A page there follows the previous one by id. On PostgreSQL the index
on ((due_on IS NULL), due_on, id) cannot start at that id (its middle column is not fixed by
an equality), so the page read every entry before it: 18.7 ms half-way down 1,000,000
cases. A partial index on id of exactly these cases starts at the key, on both backends.
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_cases_no_deadline ON cases (id) WHERE due_on IS NULL")


def downgrade() -> None:
    op.execute("DROP INDEX ix_cases_no_deadline")
