"""letter templates carry a version: a save or a reset names the version it was made from, so
two administrators editing the same template cannot overwrite each other unseen

Revision ID: 0016
Revises: 0011
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("letter_templates") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("letter_templates") as batch:
        batch.drop_column("version")
