"""the letter register trusts its rows: each letter tied to the event that called for it,
replacements named, intake receipts in their own yearly series; the transfer reason and how
the letter addresses the person kept on the case; signature and seal images in the settings

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import warnings

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

RECEIPT_SERIES = "PTN"


def upgrade() -> None:
    with op.batch_alter_table("letters") as batch:
        batch.add_column(sa.Column("event_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("slot", sa.String(120), nullable=True))
        batch.add_column(sa.Column("replaces_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("replaced_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("replace_reason", sa.Text(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("signer_name", sa.String(200), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("signed", sa.Boolean(), nullable=False, server_default="0"))
    conn = op.get_bind()
    letters = sa.table(
        "letters",
        sa.column("id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("year", sa.Integer),
        sa.column("symbol", sa.String),
        sa.column("number", sa.Integer),
        sa.column("slot", sa.String),
    )
    counters = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.Integer))
    # Receipts were all stored as number 0 (only one fitted a year): give them their own series.
    per_year: dict[int, int] = {}
    rows = conn.execute(
        sa.select(letters.c.id, letters.c.year)
        .where(letters.c.kind == "receipt")
        .order_by(letters.c.year, letters.c.id)
    ).all()
    for letter_id, year_value in rows:
        year = int(str(year_value))
        per_year[year] = per_year.get(year, 0) + 1
        conn.execute(
            letters.update()
            .where(letters.c.id == letter_id)
            .values(symbol=RECEIPT_SERIES, number=per_year[year])
        )
    for year, last in per_year.items():
        conn.execute(counters.insert().values(name=f"letter:{year}:{RECEIPT_SERIES}", value=last))
    conn.execute(
        letters.update().values(slot=sa.literal("legacy:") + sa.cast(letters.c.id, sa.String))
    )
    # SQLite copies "letters" to add the constraints; reflecting it also reflects "cases",
    # whose expression index SQLAlchemy cannot reflect (and does not need to: "cases" is not
    # copied).
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", sa.exc.SAWarning)
        _constrain_letters()
    op.create_index("ix_letters_issued_at", "letters", ["issued_at"])
    # Plain ADD COLUMN (no table copy): "cases" carries an expression index and search
    # triggers that a batch copy on SQLite would not carry over.
    op.add_column(
        "cases", sa.Column("transfer_reason", sa.Text(), nullable=False, server_default="")
    )
    op.add_column(
        "cases", sa.Column("salutation", sa.String(20), nullable=False, server_default="")
    )
    op.add_column("office_settings", sa.Column("signature_png", sa.LargeBinary(), nullable=True))
    op.add_column("office_settings", sa.Column("seal_png", sa.LargeBinary(), nullable=True))


def _constrain_letters() -> None:
    with op.batch_alter_table("letters") as batch:
        batch.alter_column("slot", existing_type=sa.String(120), nullable=False)
        batch.create_unique_constraint("uq_letters_slot", ["slot"])
        batch.create_foreign_key(
            "fk_letters_event_id_case_events", "case_events", ["event_id"], ["id"]
        )
        batch.create_foreign_key(
            "fk_letters_replaces_id_letters", "letters", ["replaces_id"], ["id"]
        )
        batch.create_foreign_key(
            "fk_letters_replaced_by_id_letters", "letters", ["replaced_by_id"], ["id"]
        )


def downgrade() -> None:
    op.drop_column("office_settings", "seal_png")
    op.drop_column("office_settings", "signature_png")
    op.drop_column("cases", "salutation")
    op.drop_column("cases", "transfer_reason")
    op.drop_index("ix_letters_issued_at", table_name="letters")
    with op.batch_alter_table("letters") as batch:
        batch.drop_constraint("fk_letters_replaced_by_id_letters", type_="foreignkey")
        batch.drop_constraint("fk_letters_replaces_id_letters", type_="foreignkey")
        batch.drop_constraint("fk_letters_event_id_case_events", type_="foreignkey")
        batch.drop_constraint("uq_letters_slot", type_="unique")
        for col in (
            "signed",
            "signer_name",
            "replace_reason",
            "replaced_by_id",
            "replaces_id",
            "slot",
            "event_id",
        ):
            batch.drop_column(col)
