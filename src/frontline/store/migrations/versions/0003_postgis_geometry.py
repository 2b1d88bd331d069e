"""PostGIS geometry columns with GiST indexes (PostgreSQL with PostGIS only; a no-op elsewhere)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 18:30:00

Owned by frontline.scale (see frontline/scale/postgis.py for why the column
is generated from latitude/longitude).
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from frontline.scale.postgis import add_spatial_columns

    add_spatial_columns(op.get_bind())


def downgrade() -> None:
    from frontline.scale.postgis import drop_spatial_columns

    drop_spatial_columns(op.get_bind())
