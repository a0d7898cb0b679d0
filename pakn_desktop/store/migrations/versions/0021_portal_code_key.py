"""indexes of the portal code as imports compare it (trimmed, upper case)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07

An import looks up its batch's codes with ``upper(trim(portal_code)) IN (...)``, so that
"h38.1 " finds "H38.1". No plain index serves that expression: every batch read every
portal record and every case, and a 20,000-row list slowed as it went. These expression
indexes (partial on cases: most have no portal code) serve it on both backends.
"""

from __future__ import annotations

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_portal_imports_code_key ON portal_imports (upper(trim(portal_code)))"
    )
    op.execute(
        "CREATE INDEX ix_cases_portal_code_key ON cases (upper(trim(portal_code))) "
        "WHERE portal_code <> ''"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_cases_portal_code_key")
    op.execute("DROP INDEX ix_portal_imports_code_key")
