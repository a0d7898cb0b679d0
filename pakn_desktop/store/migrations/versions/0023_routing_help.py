"""routing help (issue 26): what was suggested for a case and whether it was taken, links
between two cases that are the same PAKN, and the editable remit table seeded with today's
provincial departments

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "routing_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("suggested", sa.String(300), nullable=False),
        sa.Column("chosen", sa.String(300), nullable=True),
        sa.Column("taken", sa.Boolean(), nullable=True),
        sa.Column("confidence", sa.Integer(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_name", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name="fk_routing_suggestions_case_id_cases",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_routing_suggestions"),
    )
    op.create_index("ix_routing_suggestions_case_id", "routing_suggestions", ["case_id"])
    op.create_index("ix_routing_suggestions_at", "routing_suggestions", ["at"])
    op.create_table(
        "case_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("earlier_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_name", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_case_links_case_id_cases", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["earlier_id"],
            ["cases.id"],
            name="fk_case_links_earlier_id_cases",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_case_links"),
        sa.UniqueConstraint("case_id", "earlier_id", name="uq_case_links_case_id"),
    )
    op.create_index("ix_case_links_case_id", "case_links", ["case_id"])
    op.create_index("ix_case_links_earlier_id", "case_links", ["earlier_id"])
    remit = op.create_table(
        "remit_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(300), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_remit_rules"),
    )
    # The seed is a copy taken today: later changes to the program's defaults do not touch
    # an office's edited table.
    from pakn_desktop.domain.routing import DEFAULT_REMIT_ROWS

    op.bulk_insert(
        remit,
        [
            {"position": i, "agency": agency, "words": words}
            for i, (agency, words) in enumerate(DEFAULT_REMIT_ROWS)
        ],
    )


def downgrade() -> None:
    op.drop_table("remit_rules")
    op.drop_index("ix_case_links_earlier_id", "case_links")
    op.drop_index("ix_case_links_case_id", "case_links")
    op.drop_table("case_links")
    op.drop_index("ix_routing_suggestions_at", "routing_suggestions")
    op.drop_index("ix_routing_suggestions_case_id", "routing_suggestions")
    op.drop_table("routing_suggestions")
