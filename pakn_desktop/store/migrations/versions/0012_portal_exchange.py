"""portal exchange: saved column mappings, what each portal import wrote, publication marks

Revision ID: 0012
Revises: 0014
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "portal_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portal_mappings")),
        sa.UniqueConstraint("name", name=op.f("uq_portal_mappings_name")),
    )
    op.create_table(
        "portal_imports",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("portal_code", sa.String(length=50), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_portal_imports_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_portal_imports")),
        sa.UniqueConstraint("portal_code", name=op.f("uq_portal_imports_portal_code")),
    )
    op.create_table(
        "publications",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("marked_by", sa.String(length=200), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_publications_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_publications")),
    )


def downgrade() -> None:
    op.drop_table("publications")
    op.drop_table("portal_imports")
    op.drop_table("portal_mappings")
