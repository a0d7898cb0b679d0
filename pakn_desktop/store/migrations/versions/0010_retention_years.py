"""how long a person's data is kept after a case closes (NĐ 13/2023: keep it only as long as
needed); after that an administrator may anonymise it

Revision ID: 0010
Revises: 0012
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("office_settings") as batch:
        batch.add_column(
            sa.Column("retention_years", sa.Integer(), nullable=False, server_default="5")
        )


def downgrade() -> None:
    with op.batch_alter_table("office_settings") as batch:
        batch.drop_column("retention_years")
