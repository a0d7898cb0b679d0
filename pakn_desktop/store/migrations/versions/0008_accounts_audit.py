"""accounts (passwords, several roles, lockout), settings version and idle lock, audit chain

Revision ID: 0008
Revises: 0010
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("roles", sa.String(100), nullable=False, server_default=""))
        batch.add_column(sa.Column("password_hash", sa.String(200), nullable=True))
        batch.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("password_changed_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    # Each person keeps the role they had; more can be added by the administrator.
    op.execute("UPDATE users SET roles = role")
    with op.batch_alter_table("office_settings") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(
            sa.Column("idle_lock_minutes", sa.Integer(), nullable=False, server_default="10")
        )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("target", sa.String(100), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_log_seq")),
    )
    for col in ("at", "actor_id", "kind", "case_id", "event_id"):
        op.create_index(f"ix_audit_log_{col}", "audit_log", [col])
    # The chain's counter exists from the start, so its row lock orders every writer.
    op.execute("INSERT INTO counters (name, value) VALUES ('audit', 0)")


def downgrade() -> None:
    op.execute("DELETE FROM counters WHERE name = 'audit'")
    op.drop_table("audit_log")
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): rebuilding "users" in batch mode would
    # trip the foreign keys that point at it.
    for table, cols in (
        ("office_settings", ("idle_lock_minutes", "version")),
        (
            "users",
            (
                "version",
                "password_changed_at",
                "locked_until",
                "failed_logins",
                "password_hash",
                "roles",
            ),
        ),
    ):
        for col in cols:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {col}")
