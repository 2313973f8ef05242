"""news tone series (GDELT timelinetone points per source and query)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 06:20:52.687800
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "news_tone",
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("query", sa.String(length=512), nullable=False),
        sa.Column("bucket_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tone", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("source", "query", "bucket_at"),
    )


def downgrade() -> None:
    op.drop_table("news_tone")
