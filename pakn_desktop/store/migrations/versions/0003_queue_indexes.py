"""indexes for the queue's default order and the submitter sort

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28

The queue lists cases by nearest deadline with paused and finished cases last, i.e.
ORDER BY (due_on IS NULL), due_on, id: an index on exactly that expression lets both SQLite
and PostgreSQL read the first page without sorting the whole table. Sorting by submitter name
walks an index on submitters.name and joins cases by submitter_id.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_cases_deadline_order ON cases ((due_on IS NULL), due_on, id)")
    op.create_index("ix_submitters_name", "submitters", ["name"])
    op.create_index("ix_cases_received_at_id", "cases", ["received_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_cases_received_at_id", table_name="cases")
    op.drop_index("ix_submitters_name", table_name="submitters")
    op.execute("DROP INDEX ix_cases_deadline_order")
