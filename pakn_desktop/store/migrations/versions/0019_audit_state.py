"""the audit chain vouches for the rows it leaves: a per-row state digest in each record

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07

Each audit record holds, for the cases, submitters, accounts, office settings, calendar days
and letter templates its transaction wrote, a digest of the row as the transaction left it
(services.audit). ``pakn audit verify`` recomputes today's rows against the last record of
each, so a row changed with sqlite3 or psql is named. The chain's first record is remembered
in app_meta (``audit_chain``) at the next start, so an emptied log is not sealed again as new.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("state", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("state")
