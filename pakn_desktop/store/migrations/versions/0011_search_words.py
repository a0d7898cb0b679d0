"""PostgreSQL full-text search over the same words as SQLite's FTS5

Revision ID: 0011
Revises: 0009
Create Date: 2026-11-29

PostgreSQL's text parser reads "68/nq-cp" as one path-like token, where SQLite's unicode61
tokenizer (and the search box) sees the words "68", "nq" and "cp". The stored, indexed
``search_tsv`` column holds the folded search text cut at every character that is not a letter
or digit, so both backends find the same cases; being stored, it is not recomputed for each
row a query checks. (PostgreSQL only: SQLite keeps its cases_fts table, and the ORM model does
not map this column; queries name it directly.)
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None

SEARCH_TSV = (
    "to_tsvector('simple'::regconfig, regexp_replace(search_text, '[^[:alnum:]]+', ' ', 'g'))"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE cases ADD COLUMN search_tsv tsvector "
        f"GENERATED ALWAYS AS ({SEARCH_TSV}) STORED"
    )
    op.execute("CREATE INDEX ix_cases_search_tsv ON cases USING gin (search_tsv)")
    op.execute("DROP INDEX IF EXISTS ix_cases_search")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE INDEX ix_cases_search ON cases USING gin (to_tsvector('simple', search_text))"
    )
    op.execute("DROP INDEX IF EXISTS ix_cases_search_tsv")
    op.execute("ALTER TABLE cases DROP COLUMN search_tsv")
