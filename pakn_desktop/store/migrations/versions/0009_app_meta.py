"""app_meta: which program version migrated the database

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29

An older program that finds a revision it does not know reads ``app_version`` here to tell the
office which version to install instead of failing with an Alembic error.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_meta",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_meta")),
    )


def downgrade() -> None:
    op.drop_table("app_meta")
