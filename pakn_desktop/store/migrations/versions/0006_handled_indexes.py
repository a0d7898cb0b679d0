"""indexes on the dates reports count handled cases by

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_answered_on", "cases", ["answered_on"])
    op.create_index("ix_cases_classified_on", "cases", ["classified_on"])


def downgrade() -> None:
    op.drop_index("ix_cases_classified_on", table_name="cases")
    op.drop_index("ix_cases_answered_on", table_name="cases")
