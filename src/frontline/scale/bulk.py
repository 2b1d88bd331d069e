"""Bulk batch writes: a few statements per batch, instead of about a dozen per document.

``Store.save_batch`` inserts row by row per document (raw input, document, a
delete and an insert per analysis table), which is fine for SQLite in-process
but costs one network round trip each on PostgreSQL.  ``bulk_save_batch``
writes the same rows for a batch of *new* documents with one multi-row insert
of the raw inputs (ids returned in order), one executemany of the documents,
and one ``COPY`` per analysis table on PostgreSQL (executemany on SQLite).
Same transaction-per-batch guarantee; the benchmark compares the two
(``docs/scale.md``).  It assumes the documents are not stored yet (the
runners filter by content hash first), so it does not delete old analyses.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert

from frontline.model import Document, RawDocument
from frontline.scale.postgis import copy_rows
from frontline.store import Store, codec
from frontline.store import schema as t


def _analysis_rows(doc: Document) -> dict[Table, list[dict[str, Any]]]:
    return {
        t.parts: [
            {"document_id": doc.id, "seq": i, "kind": p.kind, "start": p.start, "end": p.end, "info": p.info}
            for i, p in enumerate(doc.parts)
        ],
        t.sentences: [{"document_id": doc.id, "seq": i, "start": s.start, "end": s.end} for i, s in enumerate(doc.sentences)],
        t.place_mentions: [codec.place_mention_row(doc.id, m) for m in doc.place_mentions],
        t.actor_mentions: [codec.actor_mention_row(doc.id, m) for m in doc.actor_mentions],
        t.framing_spans: [codec.framing_row(doc.id, s) for s in doc.framing_spans],
    }


def _copy_table(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), rows)
        return
    columns = list(rows[0])
    json_cols = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
    values = [
        tuple(json.dumps(r[c]) if c in json_cols and r[c] is not None else r[c] for c in columns) for r in rows
    ]
    copy_rows(conn, table.name, columns, values)


def bulk_save_batch(store: Store, items: Sequence[tuple[RawDocument, Document]]) -> None:
    """Store new raw inputs, documents and analyses in one transaction with batched statements."""
    if not items:
        return
    now = dt.datetime.now(dt.UTC)
    raw_rows = [
        {
            "content_hash": raw.content_hash,
            "source_path": raw.source_path,
            "media_type": raw.media_type,
            "encoding": raw.encoding,
            "size": len(raw.raw),
            "raw": raw.raw,
            "ingested_at": now,
        }
        for raw, _ in items
    ]
    with store.engine.begin() as conn:
        ids = conn.execute(
            insert(t.raw_inputs).returning(t.raw_inputs.c.id, sort_by_parameter_order=True), raw_rows
        ).scalars().all()
        conn.execute(insert(t.documents), [codec.document_row(doc, rid, now) for (_, doc), rid in zip(items, ids, strict=True)])
        merged: dict[Table, list[dict[str, Any]]] = {}
        for _, doc in items:
            for table, rows in _analysis_rows(doc).items():
                merged.setdefault(table, []).extend(rows)
        for table, rows in merged.items():
            _copy_table(conn, table, rows)
