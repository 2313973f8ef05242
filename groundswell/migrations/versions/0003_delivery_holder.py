"""Deliveries record which sender holds a claim, so a crashed sender's claim can be taken over.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 06:28:02.082348
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("holder", sa.String(length=160), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_column("holder")

