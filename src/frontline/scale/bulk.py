"""Bulk batch writes with PostgreSQL ``COPY``.

``Store.save_batch`` already writes a batch with one multi-row statement per
table; on PostgreSQL ``bulk_save_batch`` goes one step further and streams the
analysis tables with ``COPY`` (executemany elsewhere).  Same
transaction-per-batch guarantee; the benchmark compares the two
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
    raw_rows = [codec.raw_row(raw, now) for raw, _ in items]
    with store.engine.begin() as conn:
        ids = conn.execute(
            insert(t.raw_inputs).returning(t.raw_inputs.c.id, sort_by_parameter_order=True), raw_rows
        ).scalars().all()
        conn.execute(insert(t.documents), [codec.document_row(doc, rid, now) for (_, doc), rid in zip(items, ids, strict=True)])
        merged: dict[Table, list[dict[str, Any]]] = {}
        for _, doc in items:
            for name, rows in codec.analysis_rows(doc).items():
                merged.setdefault(t.metadata.tables[name], []).extend(rows)
        for table, rows in merged.items():
            _copy_table(conn, table, rows)
