"""daily summary rows for the statistics (store/summary.py), filled from the cases; indexes
for overdue cases by official and for the cases a calendar edit moves

Revision ID: 0014
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stats_daily",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("measure", sa.String(20), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("ok", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "measure", "key", name="pk_stats_daily"),
    )
    op.create_index("ix_cases_state_due_on_official", "cases", ["state", "due_on", "official_id"])
    op.create_index("ix_cases_answered_on_clock_start", "cases", ["answered_on", "clock_start"])
    op.create_index("ix_cases_classified_on_clock_start", "cases", ["classified_on", "clock_start"])
    from pakn_desktop.store.summary import MEASURES_0014, rebuild

    # The summary of the cases already held, in the migration's own transaction (with the
    # measures whose columns the cases table has at this revision).
    rebuild(op.get_bind(), MEASURES_0014)


def downgrade() -> None:
    op.drop_index("ix_cases_classified_on_clock_start", table_name="cases")
    op.drop_index("ix_cases_answered_on_clock_start", table_name="cases")
    op.drop_index("ix_cases_state_due_on_official", table_name="cases")
    op.drop_table("stats_daily")
