"""the address's province and commune in today's units (domain.places codes) on each case,
for statistics by province and commune; existing cases keep their free-text address and get
none (their summary rows count them under "" for both)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (nullable, no default): no table rebuild, so the cases' search
    # triggers and indexes stay as they are.
    op.add_column("cases", sa.Column("province_code", sa.Integer(), nullable=True))
    op.add_column("cases", sa.Column("commune_code", sa.Integer(), nullable=True))
    op.create_index("ix_cases_province_code", "cases", ["province_code"])
    from pakn_desktop.store.models import StatsDaily
    from pakn_desktop.store.summary import _received_selects

    # The new measures' summary rows for the cases already held, in this transaction.
    cols = [StatsDaily.day, StatsDaily.measure, StatsDaily.key, StatsDaily.n, StatsDaily.ok]
    table: Any = StatsDaily.__table__
    bind = op.get_bind()
    for sel in _received_selects([], measures=("province", "commune")):
        bind.execute(table.insert().from_select(cols, sel))


def downgrade() -> None:
    op.execute("DELETE FROM stats_daily WHERE measure IN ('province', 'commune')")
    op.drop_index("ix_cases_province_code", table_name="cases")
    # Plain DROP COLUMN (SQLite 3.35+), as 0008 does: a batch rebuild would lose triggers.
    op.drop_column("cases", "commune_code")
    op.drop_column("cases", "province_code")
