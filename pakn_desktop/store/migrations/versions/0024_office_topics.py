"""the office's own list of topics: a new office starts with the areas of a Sở Nội vụ after the
2025 reorganisation; an office that existed before keeps the list it had

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

# Copies taken today: later changes to the program's defaults never touch an office's list.
BEFORE = (
    "PAKN về cải cách TTHC, xây dựng CPĐT, Nghị quyết 68/NQ-CP và Đề án 468",
    "PAKN về hỗ trợ đối phó đại dịch COVID-19",
    "Lao động, việc làm",
    "Chính sách người có công",
    "Bảo trợ xã hội",
    "Giáo dục nghề nghiệp",
    "Khác",
)
NEW_OFFICE = (
    "PAKN về cải cách TTHC, xây dựng CPĐT, Nghị quyết 68/NQ-CP và Đề án 468",
    "PAKN về hỗ trợ đối phó đại dịch COVID-19",
    "Lao động, tiền lương, việc làm, bảo hiểm xã hội",
    "Chính sách người có công",
    "Cán bộ, công chức, viên chức",
    "Tổ chức bộ máy, chính quyền địa phương",
    "Tôn giáo, tín ngưỡng",
    "Văn thư, lưu trữ",
    "Thi đua, khen thưởng",
    "Thanh niên",
    "Bảo trợ xã hội",
    "Giáo dục nghề nghiệp",
    "Khác",
)


def upgrade() -> None:
    topics = op.create_table(
        "office_topics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_office_topics"),
    )
    bind = op.get_bind()
    # An office exists once its details were saved or a case was entered: it keeps its list.
    existing = bool(
        bind.execute(sa.text("SELECT 1 FROM office_settings LIMIT 1")).first()
        or bind.execute(sa.text("SELECT 1 FROM cases LIMIT 1")).first()
    )
    names = BEFORE if existing else NEW_OFFICE
    op.bulk_insert(topics, [{"position": i, "name": n} for i, n in enumerate(names)])


def downgrade() -> None:
    op.drop_table("office_topics")
