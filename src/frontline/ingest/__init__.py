"""Ingest: files, folders, HTML, JSONL, RSS/Atom and stdin → documents.

Raw bytes are kept with a SHA-256 content hash (the idempotency key of the
store); the document's text is the decoded text all offsets refer to.  For
HTML and feeds that is the extracted article text (the raw markup stays in the
store's ``raw_inputs``), because offsets into markup would point the reader at
tags instead of words.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from frontline.ingest.decode import DecodeError, decode_bytes
from frontline.ingest.readers import DEFAULT_MAX_BYTES, IngestError, content_hash, read_bytes, read_inputs
from frontline.model import Document, RawDocument

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DecodeError",
    "IngestError",
    "content_hash",
    "decode_bytes",
    "read_bytes",
    "read_inputs",
    "to_document",
]


def parse_container_date(value: Any) -> dt.date | None:
    """A date stated by the container (JSONL ``date``, feed ``published``, HTML meta)."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


def to_document(raw: RawDocument) -> Document:
    """A document whose text is the raw text; metadata from the container if any."""
    meta = raw.meta
    doc = Document(
        id=raw.content_hash[:16],
        content_hash=raw.content_hash,
        source_path=raw.source_path,
        text=raw.text,
        encoding=raw.encoding,
        media_type=raw.media_type,
        url=_str(meta.get("url")),
        title=_str(meta.get("title")),
        byline=_str(meta.get("author") or meta.get("byline")),
        outlet=_str(meta.get("outlet") or meta.get("source")),
    )
    date = parse_container_date(meta.get("date") or meta.get("publication_date"))
    if date is not None:
        doc.publication_date = date
        doc.date_source = "container"
    return doc


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
