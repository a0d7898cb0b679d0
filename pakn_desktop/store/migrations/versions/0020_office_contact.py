"""the office's postal address and e-mail address, for the letters that ask a person to
reply "qua đường bưu chính hoặc thư điện tử" (they named neither)

Revision ID: 0020
Revises: 0018
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("office_settings") as batch:
        batch.add_column(
            sa.Column("postal_address", sa.String(300), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("email", sa.String(200), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("office_settings") as batch:
        batch.drop_column("email")
        batch.drop_column("postal_address")
