"""The relational schema (SQLAlchemy Core), portable between SQLite and PostgreSQL.

Only portable types are used (no SQLite-only affinities, JSON via SQLAlchemy's
``JSON`` which maps to JSONB-compatible ``JSON`` on PostgreSQL).  Offsets are
integers into ``documents.text``.  Alembic migrations in ``migrations/`` are
the source of truth for creating the schema; this module is what the code
queries with, and a test checks the two agree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

raw_inputs = Table(
    "raw_inputs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source_path", Text, nullable=False),
    Column("media_type", String(16), nullable=False),
    Column("encoding", String(32), nullable=False),
    Column("size", Integer, nullable=False),
    Column("raw", LargeBinary, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("raw_id", Integer, ForeignKey("raw_inputs.id", ondelete="CASCADE"), nullable=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source_path", Text, nullable=False),
    Column("media_type", String(16), nullable=False),
    Column("encoding", String(32), nullable=False),
    Column("text", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("byline", Text),
    Column("outlet", Text),
    Column("original_source", Text),
    Column("publication_date", Date),
    Column("date_source", String(40)),
    Column("cluster_id", String(32), index=True),
    Column("canonical_id", String(32)),
    Column("field_spans", JSON, nullable=False, default=dict),
    Column("inherited", JSON, nullable=False, default=dict),
    Column("extras", JSON, nullable=False, default=dict),
    #: Per-document events before the cross-report merge (list of Event dicts),
    #: so the merge can be re-run incrementally without re-extracting.
    Column("doc_events", JSON, nullable=False, default=list),
    Column("body_words", Integer, nullable=False, default=0),
    Column("comment_count", Integer, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

parts = Table(
    "parts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("info", JSON, nullable=False, default=dict),
    UniqueConstraint("document_id", "seq"),
)

sentences = Table(
    "sentences",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    UniqueConstraint("document_id", "seq"),
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_path", Text, nullable=False),
    Column("content_hash", String(64)),
    Column("reason", String(40), nullable=False),
    Column("detail", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

place_mentions = Table(
    "place_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("place_id", String(64)),
    Column("name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("feature_type", String(24)),
    Column("admin1", Text),
    Column("country", String(8)),  # migration 0006: NULL in rows written before it
    Column("geonames_id", Integer),
    Column("pcode", String(32)),
    Column("admin2", Text),
    Column("admin3", Text),
    Column("population", Integer),
    Column("geo_precision", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("relation", String(40)),
    Column("reference_place_id", String(64)),
    Column("resolved", Boolean, nullable=False),
    Column("candidates", JSON, nullable=False, default=list),
    Column("reference", JSON),  # the reference place of "north of X" (migration 0006)
)

actor_mentions = Table(
    "actor_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("actor_id", String(64)),
    Column("name", Text),
    Column("side", String(40)),
    Column("kind", String(40)),
    Column("inter_code", Integer),
    Column("confidence", Float, nullable=False),
    Column("descriptor", Boolean, nullable=False),
    Column("role", String(16), nullable=False),
    Column("parent_id", String(64)),
)

framing_spans = Table(
    "framing_spans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("technique", String(64), nullable=False),
    Column("score", Float, nullable=False),
    Column("source", String(16), nullable=False),
    Column("neutral", Text),
    Column("side", String(40)),
)

#: Merged, cross-report events (one row per real-world event).
events = Table(
    "events",
    metadata,
    Column("event_id", String(40), primary_key=True),
    Column("event_type", String(64), nullable=False, index=True),
    Column("sub_event_type", String(64), nullable=False, index=True),
    Column("event_date", Date, index=True),
    Column("date_precision", String(16), nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_text", Text),
    Column("actor1", Text),
    Column("assoc_actor_1", Text),
    Column("actor2", Text),
    Column("assoc_actor_2", Text),
    Column("inter1", Integer),
    Column("inter2", Integer),
    Column("interaction", Integer),
    Column("country", Text),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("admin3", Text),
    Column("location", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("place_id", String(64)),
    Column("fatalities", Integer, nullable=False, default=0),
    Column("fatalities_min", Integer),
    Column("fatalities_max", Integer),
    Column("fatalities_text", Text),
    Column("attribution", Text),
    Column("hedged", Boolean, nullable=False, default=False),
    Column("independent_sources", Integer, nullable=False, default=1),
    Column("group_id", String(40)),
    Column("notes", Text, nullable=False, default=""),
    Column("tags", JSON, nullable=False, default=list),
    Column("confidence", Float, nullable=False, default=0.0),
    Column("method", String(32), nullable=False, default="rules"),
    Index("ix_events_lat_lon", "latitude", "longitude"),
    #: Keyset-friendly order of the API's event pages (date, then id).
    Index("ix_events_date_id", "event_date", "event_id"),
)

event_sources = Table(
    "event_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(40), ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False, index=True),
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("outlet", Text),
    Column("field", String(32)),
    Index("ix_event_sources_outlet", "outlet"),
)

#: MinHash signatures: the persisted LSH index (rebuilt in memory on load).
dedup_signatures = Table(
    "dedup_signatures",
    metadata,
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("num_perm", Integer, nullable=False),
    Column("hashvalues", LargeBinary, nullable=False),
    Column("shingles", LargeBinary, nullable=False),
)

#: Directed provenance/quotation edges between documents.
doc_links = Table(
    "doc_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("src_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("dst_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # "republishes" | "quotes"
    Column("score", Float, nullable=False),
    Column("evidence", JSON, nullable=False, default=dict),
    UniqueConstraint("src_id", "dst_id", "kind"),
)

#: The merge keys of every per-document event, so the corpus stage can merge
#: incrementally: an event can only join events of its sub-event type with an
#: overlapping date at the same place id, in a neighbouring 3 km grid cube
#: (``cx, cy, cz``, see ``frontline.merge``) or, lacking coordinates, of the
#: same location name.  ``merged_id`` is the merged event the event is part of.
merge_keys = Table(
    "merge_keys",
    metadata,
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("place_id", String(64)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("cx", Integer),
    Column("cy", Integer),
    Column("cz", Integer),
    Column("location_key", Text),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("merged_id", String(48), nullable=False, index=True),
    Column("base_id", String(40), nullable=False, index=True),
    Index("ix_merge_keys_place", "sub_event_type", "place_id"),
    Index("ix_merge_keys_cell", "sub_event_type", "cx", "cy", "cz"),
    Index("ix_merge_keys_name", "sub_event_type", "location_key"),
)
