"""remember whether the office finished (or skipped) the first-run setup

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("office_settings") as batch:
        batch.add_column(
            sa.Column("setup_done", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    # Offices that already have cases are past their first run.
    op.execute(
        "UPDATE office_settings SET setup_done = "
        "(SELECT CASE WHEN EXISTS (SELECT 1 FROM cases) THEN TRUE ELSE FALSE END)"
    )


def downgrade() -> None:
    with op.batch_alter_table("office_settings") as batch:
        batch.drop_column("setup_done")
