"""merge_keys: per-document events' merge keys, for the incremental event merge

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "merge_keys",
        sa.Column("document_id", sa.String(length=32), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("sub_event_type", sa.String(length=64), nullable=False),
        sa.Column("place_id", sa.String(length=64), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("cx", sa.Integer(), nullable=True),
        sa.Column("cy", sa.Integer(), nullable=True),
        sa.Column("cz", sa.Integer(), nullable=True),
        sa.Column("location_key", sa.Text(), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("merged_id", sa.String(length=48), nullable=False),
        sa.Column("base_id", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("document_id", "seq"),
    )
    op.create_index("ix_merge_keys_merged_id", "merge_keys", ["merged_id"])
    op.create_index("ix_merge_keys_base_id", "merge_keys", ["base_id"])
    op.create_index("ix_merge_keys_place", "merge_keys", ["sub_event_type", "place_id"])
    op.create_index("ix_merge_keys_cell", "merge_keys", ["sub_event_type", "cx", "cy", "cz"])
    op.create_index("ix_merge_keys_name", "merge_keys", ["sub_event_type", "location_key"])


def downgrade() -> None:
    op.drop_table("merge_keys")
