"""actor_mentions.parent_id: a unit's parent force (Tiger Forces → the army)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("actor_mentions") as batch:
        batch.add_column(sa.Column("parent_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("actor_mentions") as batch:
        batch.drop_column("parent_id")
