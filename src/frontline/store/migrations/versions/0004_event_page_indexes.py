"""Indexes for deep event pages and the outlet filter of /api/events

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_date_id", "events", ["event_date", "event_id"])
    op.create_index("ix_event_sources_outlet", "event_sources", ["outlet"])


def downgrade() -> None:
    op.drop_index("ix_event_sources_outlet", table_name="event_sources")
    op.drop_index("ix_events_date_id", table_name="events")
