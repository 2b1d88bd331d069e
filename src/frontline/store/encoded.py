"""A document's rows encoded for the driver, ready for the store's serial writer.

The conversion of a document into rows (analyses to dicts, JSON to text,
dates to the backend's format) is per-document work; a Dask worker does it
where the document was analysed, and the client that writes every batch only
fills in the two values known at write time (the raw input's id, the time).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Dialect

from frontline.model import Document
from frontline.store import codec
from frontline.store import schema as t
from frontline.store.fastinsert import Encoded, compiled, encode_rows

#: Columns of ``documents`` filled in by the writer.
WRITE_TIME_COLUMNS = ("raw_id", "created_at")


@dataclass(slots=True)
class EncodedDocument:
    """The ``documents`` row (write-time columns empty) and every analysis table's rows."""

    doc_id: str
    document: Encoded
    analyses: dict[str, Encoded]

    def with_write(self, dialect: Dialect, raw_id: int, now: dt.datetime) -> Encoded:
        """The ``documents`` row with the raw input's id and the write time set."""
        out: Encoded = {}
        for keys, rows in self.document.items():
            _sql, order, procs = compiled(dialect, t.documents, keys)
            fill = {"raw_id": raw_id, "created_at": now}
            slots = [(order.index(c), procs[order.index(c)], fill[c]) for c in WRITE_TIME_COLUMNS if c in order]
            done = []
            for row in rows:
                values = list(row)
                for pos, proc, value in slots:
                    values[pos] = proc(value) if proc is not None else value
                done.append(tuple(values))
            out[keys] = done
        return out


def encode_document(dialect: Dialect, doc: Document) -> EncodedDocument:
    """All rows ``Store.save_batch`` writes for ``doc``, encoded for ``dialect`` (a positional one)."""
    return EncodedDocument(
        doc.id,
        encode_rows(dialect, t.documents, [codec.document_row(doc, None, None)]),  # type: ignore[arg-type]
        {name: encode_rows(dialect, t.metadata.tables[name], rows) for name, rows in codec.analysis_rows(doc).items() if rows},
    )
