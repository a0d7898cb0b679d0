"""the working-day calendar as a table, so reports judge deadlines in SQL

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28

One row per calendar day: whether it is a working day under the office's calendar and
``seq``, the number of working days up to and including it. The n-th working day after day d
is the working day whose seq is seq(d) + n; working days in (a, b] are seq(b) - seq(a). The
services refill it whenever the office changes its calendar.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "work_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_work_days")),
    )
    op.create_index("ix_work_days_seq_working", "work_days", ["seq", "working"])


def downgrade() -> None:
    op.drop_index("ix_work_days_seq_working", table_name="work_days")
    op.drop_table("work_days")
