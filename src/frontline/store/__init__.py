"""Persistence: SQLite by default, PostgreSQL by URL, via SQLAlchemy Core.

Every write is one transaction per batch, so a crash mid-batch leaves the
database as it was before that batch: nothing already stored is lost and the
batch is redone on the next run.  Ingest is idempotent by content hash.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, or_, select, update

from frontline.ingest import IngestError
from frontline.model import Document, Event, RawDocument
from frontline.store import codec
from frontline.store import schema as t
from frontline.store.encoded import EncodedDocument, encode_document
from frontline.store.engine import DEFAULT_URL, make_engine, migrate, resolve_url
from frontline.store.fastinsert import Encoded, insert_encoded, insert_many, merge_encoded

__all__ = ["DEFAULT_URL", "Store", "open_store", "resolve_url"]

#: Rows per executemany chunk (keeps parameter lists within backend limits).
CHUNK = 500


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _chunks(rows: list[dict[str, Any]], n: int = CHUNK) -> Iterable[list[dict[str, Any]]]:
    for i in range(0, len(rows), n):
        yield rows[i : i + n]


class Store:
    """A frontline database.  Constructed by :func:`open_store`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    # -- writes ------------------------------------------------------------
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes are already stored (documents or raw inputs)."""
        wanted = list(set(hashes))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), CHUNK):
                chunk = wanted[i : i + CHUNK]
                found.update(conn.scalars(select(t.documents.c.content_hash).where(t.documents.c.content_hash.in_(chunk))))
        return found

    def save_batch(
        self, items: Sequence[tuple[RawDocument, Document]], errors: Sequence[IngestError] = ()
    ) -> None:
        """Store new raw inputs, documents and all their analyses in ONE transaction.

        Batched statements (a multi-row insert per table, not a dozen round
        trips per document): this is the write path of every ingest.
        """
        if self.engine.dialect.positional:
            dialect = self.engine.dialect
            self.save_encoded_batch([(raw, encode_document(dialect, doc)) for raw, doc in items], errors)
            return
        now = _now()
        with self.engine.begin() as conn:
            if items:
                ids = self._insert_raw(conn, [raw for raw, _ in items], now)
                conn.execute(
                    insert(t.documents),
                    [codec.document_row(doc, raw_id, now) for (_, doc), raw_id in zip(items, ids, strict=True)],
                )
                merged: dict[str, list[dict[str, Any]]] = defaultdict(list)
                for _, doc in items:
                    for name, rows in codec.analysis_rows(doc).items():
                        merged[name].extend(rows)
                for name, rows in merged.items():
                    for chunk in _chunks(rows):
                        conn.execute(insert(t.metadata.tables[name]), chunk)
            if errors:
                self._write_errors(conn, errors, now)

    def save_encoded_batch(
        self, items: Sequence[tuple[RawDocument, EncodedDocument]], errors: Sequence[IngestError] = ()
    ) -> None:
        """:meth:`save_batch` for documents whose rows were encoded already (by a Dask worker).

        Only the raw input's id and the write time are filled in here, so the
        serial writer does no per-row conversion.
        """
        now = _now()
        with self.engine.begin() as conn:
            if items:
                ids = self._insert_raw(conn, [raw for raw, _ in items], now)
                docs: Encoded = {}
                analyses: dict[str, Encoded] = defaultdict(dict)
                for (_, enc), raw_id in zip(items, ids, strict=True):
                    merge_encoded(docs, enc.with_write(conn.dialect, raw_id, now))
                    for name, encoded in enc.analyses.items():
                        merge_encoded(analyses[name], encoded)
                insert_encoded(conn, t.documents, docs)
                for name, encoded in analyses.items():
                    insert_encoded(conn, t.metadata.tables[name], encoded)
            if errors:
                self._write_errors(conn, errors, now)

    @staticmethod
    def _insert_raw(conn: Connection, raws: Sequence[RawDocument], now: dt.datetime) -> list[int]:
        return list(
            conn.execute(
                insert(t.raw_inputs).returning(t.raw_inputs.c.id, sort_by_parameter_order=True),
                [codec.raw_row(raw, now) for raw in raws],
            ).scalars()
        )

    def record_errors(self, errors: Sequence[IngestError]) -> None:
        if errors:
            with self.engine.begin() as conn:
                self._write_errors(conn, errors, _now())

    @staticmethod
    def _write_errors(conn: Connection, errors: Sequence[IngestError], now: dt.datetime) -> None:
        conn.execute(
            insert(t.ingest_errors),
            [
                {"source_path": e.source_path, "content_hash": e.content_hash, "reason": e.reason, "detail": e.detail, "at": now}
                for e in errors
            ],
        )

    @staticmethod
    def _write_analyses(conn: Connection, doc: Document) -> None:
        """Replace one stored document's analyses (used when a stage re-runs)."""
        for name, rows in codec.analysis_rows(doc).items():
            table = t.metadata.tables[name]
            conn.execute(delete(table).where(table.c.document_id == doc.id))
            for chunk in _chunks(rows):
                conn.execute(insert(table), chunk)

    def update_documents(
        self, docs: Sequence[Document], *, analyses: bool = False, fields: Sequence[str] | None = None
    ) -> None:
        """Rewrite the mutable metadata (and optionally the analyses) of stored documents.

        One prepared statement for all documents (executemany), not one
        compiled UPDATE per document.  ``fields`` limits the columns written
        (dedup changes a handful; re-serialising every document's events for
        nothing was most of this method's time).
        """
        if not docs:
            return
        rows = []
        for doc in docs:
            meta = codec.document_meta_row(doc, fields)
            meta["_doc_id"] = doc.id
            rows.append(meta)
        columns = [c for c in rows[0] if c != "_doc_id"]
        stmt = (
            update(t.documents)
            .where(t.documents.c.id == bindparam("_doc_id"))
            .values({c: bindparam(c) for c in columns})
        )
        with self.engine.begin() as conn:
            for chunk in _chunks(rows):
                conn.execute(stmt, chunk)
            if analyses:
                for doc in docs:
                    self._write_analyses(conn, doc)

    def replace_events(self, events: Sequence[Event]) -> None:
        """Swap in a new set of merged events atomically.

        The incremental merge's keys describe the events it wrote, so they are
        dropped too: the next corpus run then re-merges from scratch.
        """
        with self.engine.begin() as conn:
            conn.execute(delete(t.merge_keys))
            conn.execute(delete(t.event_sources))
            conn.execute(delete(t.events))
            for chunk in _chunks([codec.event_row(e) for e in events]):
                insert_many(conn, t.events, chunk)
            for chunk in _chunks([codec.source_row(e, s) for e in events for s in e.sources]):
                insert_many(conn, t.event_sources, chunk)

    def save_signatures(self, rows: Sequence[dict[str, Any]]) -> None:
        with self.engine.begin() as conn:
            ids = [r["document_id"] for r in rows]
            for i in range(0, len(ids), CHUNK):
                conn.execute(delete(t.dedup_signatures).where(t.dedup_signatures.c.document_id.in_(ids[i : i + CHUNK])))
            for chunk in _chunks(list(rows)):
                conn.execute(insert(t.dedup_signatures), chunk)

    def replace_links_from(self, src_ids: Iterable[str], links: Sequence[dict[str, Any]], *, also: Iterable[int] = ()) -> None:
        """Drop every link whose source is in ``src_ids`` (and the rows ``also``), insert ``links``: one transaction.

        Re-resolving a cluster can change its original, so the old provenance
        edges of its members must go, not just those the new result repeats.
        Links are replaced by source, not by either end, so a chunk of the
        corpus stage never drops a quotation another chunk has just written.
        """
        ids = sorted(set(src_ids))
        extra = sorted(set(also))
        with self.engine.begin() as conn:
            for i in range(0, len(ids), CHUNK):
                conn.execute(delete(t.doc_links).where(t.doc_links.c.src_id.in_(ids[i : i + CHUNK])))
            for i in range(0, len(extra), CHUNK):
                conn.execute(delete(t.doc_links).where(t.doc_links.c.id.in_(extra[i : i + CHUNK])))
            for chunk in _chunks(list(links)):
                conn.execute(insert(t.doc_links), chunk)

    def save_links(self, links: Sequence[dict[str, Any]]) -> None:
        """Insert provenance/quotation links, replacing any with the same (src, dst, kind)."""
        with self.engine.begin() as conn:
            for link in links:
                conn.execute(
                    delete(t.doc_links).where(
                        (t.doc_links.c.src_id == link["src_id"])
                        & (t.doc_links.c.dst_id == link["dst_id"])
                        & (t.doc_links.c.kind == link["kind"])
                    )
                )
                conn.execute(insert(t.doc_links).values(**link))

    # -- reads -------------------------------------------------------------
    def load_documents(self, ids: Sequence[str] | None = None, *, analyses: bool = True) -> list[Document]:
        """Documents with all their analyses (in id order).

        ``analyses=False`` loads the document rows and parts only (what dedup
        reads): sentences and mentions are most of the rows of a document.
        """
        with self.engine.connect() as conn:
            q = select(t.documents).order_by(t.documents.c.id)
            if ids is not None:
                if not ids:
                    return []
                q = q.where(t.documents.c.id.in_(list(ids)))
            docs = [dict(r._mapping) for r in conn.execute(q)]
            wanted = [d["id"] for d in docs]
            tables = [(t.parts, (t.parts.c.seq,))]
            if analyses:
                tables += [
                    (t.sentences, (t.sentences.c.seq,)),
                    (t.place_mentions, (t.place_mentions.c.start, t.place_mentions.c.id)),
                    (t.actor_mentions, (t.actor_mentions.c.start, t.actor_mentions.c.id)),
                    (t.framing_spans, (t.framing_spans.c.start, t.framing_spans.c.id)),
                ]
            related: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
            for table, order in tables:
                grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
                for i in range(0, len(wanted), CHUNK):
                    chunk = wanted[i : i + CHUNK]
                    for r in conn.execute(select(table).where(table.c.document_id.in_(chunk)).order_by(*order)):
                        grouped[r.document_id].append(dict(r._mapping))
                related[table.name] = grouped
        return [
            codec.document_from_rows(
                d,
                related["parts"][d["id"]],
                related["sentences"][d["id"]],
                related["place_mentions"][d["id"]],
                related["actor_mentions"][d["id"]],
                related["framing_spans"][d["id"]],
            )
            for d in docs
        ]

    def load_document(self, doc_id: str) -> Document | None:
        """One document by id or unambiguous id prefix."""
        with self.engine.connect() as conn:
            ids = list(conn.scalars(select(t.documents.c.id).where(t.documents.c.id.like(f"{_escape_like(doc_id)}%", escape="\\")).limit(2)))
        if len(ids) != 1:
            return None
        return self.load_documents(ids)[0]

    def document_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.scalars(select(t.documents.c.id).order_by(t.documents.c.id)))

    def ids_without_signature(self) -> list[str]:
        """Stored documents the corpus stages have not seen (e.g. after a killed run)."""
        with self.engine.connect() as conn:
            q = (
                select(t.documents.c.id)
                .outerjoin(t.dedup_signatures, t.dedup_signatures.c.document_id == t.documents.c.id)
                .where(t.dedup_signatures.c.document_id.is_(None))
                .order_by(t.documents.c.id)
            )
            return list(conn.scalars(q))

    def stated_publication_dates(self) -> list[dt.date]:
        """Publication dates the documents state themselves (not inherited or estimated)."""
        d = t.documents.c
        q = select(d.publication_date).where(d.publication_date.isnot(None), or_(d.date_source.is_(None), d.date_source.notlike("inferred%")))
        with self.engine.connect() as conn:
            return [codec._date(v) for v in conn.scalars(q)]

    def iter_signatures(self, batch: int = 2000) -> Iterator[dict[str, Any]]:
        """Every stored dedup signature, streamed (a 100k corpus holds ~250 MB of them; never all as rows at once)."""
        with self.engine.connect() as conn:
            for r in conn.execute(select(t.dedup_signatures).execution_options(yield_per=batch)):
                yield dict(r._mapping)

    def load_links_touching(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """Every link with an end in ``ids`` (chunked ``IN`` lists; each link once, in id order)."""
        wanted = sorted(set(ids))
        found: dict[int, dict[str, Any]] = {}
        c = t.doc_links.c
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), CHUNK):
                chunk = wanted[i : i + CHUNK]
                for r in conn.execute(select(t.doc_links).where(c.src_id.in_(chunk) | c.dst_id.in_(chunk))):
                    found[r.id] = dict(r._mapping)
        return [found[k] for k in sorted(found)]

    def load_links(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(t.doc_links).order_by(t.doc_links.c.id))]

    def load_events(self) -> list[Event]:
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(select(t.events).order_by(t.events.c.event_date, t.events.c.event_id))]
            sources: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for r in conn.execute(select(t.event_sources).order_by(t.event_sources.c.id)):
                sources[r.event_id].append(dict(r._mapping))
        return [codec.event_from_row(r, sources[r["event_id"]]) for r in rows]

    def ingest_errors(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(t.ingest_errors).order_by(t.ingest_errors.c.id))]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                table.name: conn.scalar(select(func.count()).select_from(table))
                for table in (t.raw_inputs, t.documents, t.parts, t.events, t.ingest_errors)
            }


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open (and migrate) the database at ``url`` (``--db``/env/default)."""
    resolved = resolve_url(url)
    engine = make_engine(resolved)
    if create:
        migrate(engine)
    return Store(engine, resolved)
