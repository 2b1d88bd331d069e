"""A backend-neutral snapshot of a store, to compare two runs for equality.

Used by the distributed-vs-single-process test, the fault tests and the
benchmarks.  It leaves out exactly what legitimately differs between two runs
of the same input: autoincrement row ids, timestamps, and the order in which
batches were written.  Everything else (every document, every offset, every
analysis, every merged event) must be equal.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import func, select

from frontline.model import Document, to_jsonable

#: Columns of the flat per-document record (Parquet dataset, comparisons).
RECORD_FIELDS = (
    "id",
    "content_hash",
    "source_path",
    "title",
    "byline",
    "outlet",
    "publication_date",
    "date_source",
    "parts",
    "sentences",
    "place_mentions",
    "actor_mentions",
    "framing_spans",
    "events",
    "text",
)


def document_record(doc: Document) -> dict[str, str | None]:
    """One flat row: scalars as strings, analyses as canonical JSON."""
    data = to_jsonable(doc)
    row: dict[str, str | None] = {}
    for name in RECORD_FIELDS:
        value = data.get(name)
        if isinstance(value, list | dict):
            row[name] = json.dumps(value, sort_keys=True, ensure_ascii=False)
        else:
            row[name] = None if value is None else str(value)
    return row


#: Span lists the store loads ordered by ``start`` only, so spans that start at
#: the same offset come back in a backend-dependent order; compared as sets.
_UNORDERED = ("place_mentions", "actor_mentions", "framing_spans")


def _canonical(obj: Any) -> Any:
    data = json.loads(json.dumps(to_jsonable(obj), sort_keys=True, default=str))
    for key in _UNORDERED:
        if isinstance(data, dict) and isinstance(data.get(key), list):
            data[key] = sorted(data[key], key=lambda x: json.dumps(x, sort_keys=True))
    return data


def store_snapshot(url: str) -> dict[str, Any]:
    """Every document (with analyses), event, error reason and link of the store at ``url``."""
    from frontline.store import open_store
    from frontline.store import schema as t

    store = open_store(url)
    try:
        docs = sorted((_canonical(d) for d in store.load_documents()), key=lambda d: d["id"])
        events = sorted((_canonical(e) for e in store.load_events()), key=lambda e: e["event_id"])
        with store.engine.connect() as conn:
            errors = sorted(
                (r.source_path, r.reason, r.detail) for r in conn.execute(select(t.ingest_errors))
            )
            links = sorted((r.src_id, r.dst_id, r.kind) for r in conn.execute(select(t.doc_links)))
            # The corpus stages' own state: signatures (computed on workers in a Dask run)
            # and the incremental merge's keys (written by the distributed reduction).
            signatures = sorted(
                (r.document_id, r.num_perm, hashlib.sha1(bytes(r.hashvalues) + bytes(r.shingles)).hexdigest())
                for r in conn.execute(select(t.dedup_signatures))
            )
            keys = sorted(
                (r.document_id, r.seq, r.merged_id, r.base_id, r.cx, r.cy, r.cz, r.location_key)
                for r in conn.execute(select(t.merge_keys))
            )
            raw_count = conn.scalar(select(func.count()).select_from(t.raw_inputs))
        return {
            "documents": docs,
            "events": events,
            "errors": errors,
            "links": links,
            "raw_inputs": raw_count,
            "signatures": signatures,
            "merge_keys": keys,
        }
    finally:
        store.engine.dispose()
