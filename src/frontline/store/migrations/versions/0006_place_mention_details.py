"""place_mentions: the resolved place's country, ids, admin names, population, and the reference place

A mention read back from the store must be the mention the geoparser made:
the corpus stage re-extracts a re-dated report's events from the stored
document, and without the country every foreign city ("the Ankara talks")
looked like a place in the theatre; without the reference, a hill coded
"near X" lost its location.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = (
    ("country", sa.String(length=8)),
    ("geonames_id", sa.Integer()),
    ("pcode", sa.String(length=32)),
    ("admin2", sa.Text()),
    ("admin3", sa.Text()),
    ("population", sa.Integer()),
    ("reference", sa.JSON()),
)


def upgrade() -> None:
    with op.batch_alter_table("place_mentions") as batch:
        for name, kind in COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("place_mentions") as batch:
        for name, _kind in reversed(COLUMNS):
            batch.drop_column(name)
