"""Corpus stages, run after each ingest: republication clusters, then the event merge.

Incremental by construction: the LSH index is rebuilt from the stored
signatures (cheap: no text is re-shingled), only the new documents are added,
and only the clusters they touch are re-resolved.  A document whose
publication date changes because a republication supplied it has its events
re-extracted (dates are anchored on the publication date), then all
per-document events are merged into the ``events`` table in one transaction.
"""

from __future__ import annotations

import functools
import itertools
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from frontline import pipeline
from frontline.model import Document
from frontline.store import Store

#: The ``documents`` columns dedup, propagation and the date estimate may change (see ``_meta_key``).
DEDUP_FIELDS = ("cluster_id", "canonical_id", "publication_date", "date_source", "title", "byline", "outlet", "inherited", "field_spans")


def update_corpus(store: Store, new_ids: Sequence[str], *, stages: Sequence[pipeline.Stage] = ()) -> dict[str, Any]:
    """Run dedup and merge for newly stored documents; returns a short summary."""
    return update_corpus_detail(store, new_ids, stages=stages)[0]


#: Documents held in memory at once by the corpus stages (bounded, so 100k documents fit in RAM).
CHUNK_DOCS = 1000


def update_corpus_detail(
    store: Store,
    new_ids: Sequence[str],
    *,
    stages: Sequence[pipeline.Stage] = (),
    signatures: Mapping[str, dict[str, Any]] | None = None,
    rebuild_events: Any = None,
    on_changed: Callable[[Document], None] | None = None,
) -> tuple[dict[str, Any], set[str]]:
    """:func:`update_corpus`, plus the ids of documents whose stored metadata the corpus stages changed.

    ``on_changed`` sees each rewritten document once (the runner refreshes its
    report from it); documents are never all in memory at once.
    ``signatures`` (doc id → signature columns) were computed elsewhere (Dask
    workers) and are used instead of recomputing; ``rebuild_events`` replaces
    the in-process from-scratch merge (see ``frontline.scale.distributed``).
    """
    summary: dict[str, Any] = {}
    changed_ids: set[str] = set()
    event_fn = next((s.load() for s in stages if s.name == "events"), None)
    redated_n = 0

    def write(changed: list[Document], redated_ids: set[str]) -> None:
        nonlocal redated_n
        if event_fn is not None and redated_ids:
            full = {d.id: d for d in store.load_documents(sorted(redated_ids))}
            changed = [_reanchored(event_fn, full[d.id], d) if d.id in full else d for d in changed]
            redated_n += len(redated_ids)
        store.update_documents([d for d in changed if d.id not in redated_ids], fields=DEDUP_FIELDS)
        store.update_documents([d for d in changed if d.id in redated_ids])
        changed_ids.update(d.id for d in changed)
        if on_changed is not None:
            for d in changed:
                on_changed(d)

    finish: list[Callable[[], None]] = []
    try:
        update_clusters(store, new_ids, signatures=signatures, write=write, finish=finish)
        summary["clusters_touched"] = len(changed_ids)
        if redated_n:
            summary["redated"] = redated_n
    except Exception as exc:  # recorded, never fatal: the documents are already stored
        summary["dedup_error"] = f"{type(exc).__name__}: {exc}"
        summary["dedup_trace"] = traceback.format_exc(limit=3)
    try:
        from frontline.merge.incremental import update_events

        summary["events"] = update_events(store, {*new_ids, *changed_ids}, rebuild=rebuild_events)
    except Exception as exc:
        summary["merge_error"] = f"{type(exc).__name__}: {exc}"
    else:
        # Last: a stored signature marks a document as done by the corpus stages, so a run
        # killed (or failing) before this point is finished by the next one.
        for step in finish:
            step()
    return summary, changed_ids


def _reanchored(fn: Any, full: Document, meta: Document) -> Document:
    """Re-run the events stage on the full stored document carrying dedup's new metadata."""
    for name in DEDUP_FIELDS:
        setattr(full, name, getattr(meta, name))
    return fn(full)


def update_clusters(
    store: Store,
    new_ids: Sequence[str],
    *,
    signatures: Mapping[str, dict[str, Any]] | None = None,
    write: Callable[[list[Document], set[str]], None] | None = None,
    finish: list[Callable[[], None]] | None = None,
) -> tuple[list[Document], set[str]]:
    """Add new documents to the persisted index and re-resolve the clusters they touch.

    Returns the documents whose stored metadata changed, and the ids of those
    whose publication date changed (their events must be re-anchored).  With
    ``write``, each chunk of changed documents is handed to it instead and
    nothing is returned: documents are loaded :data:`CHUNK_DOCS` at a time
    (whole clusters together, plus the far ends of quotations batch by batch),
    which keeps a 100k-document first run's memory bounded.  The new
    documents' signatures are stored last (by ``finish``, when given): a stored
    signature is what marks a document as done.
    """
    from frontline.dedup import DedupIndex, Signature, cluster, load_config, resolve_clusters, signature_of
    from frontline.dedup.cluster import TreeLinks

    cfg = load_config()
    index = DedupIndex.from_signatures(
        (
            (r["document_id"], Signature.from_columns(r["num_perm"], r["hashvalues"], r["shingles"], k=cfg.shingle_k))
            for r in store.iter_signatures()
        ),
        config=cfg,
    )
    new_ids = [i for i in new_ids if i not in index]
    similarity = TreeLinks()  # each document's best parent link and all others: linear in the corpus
    given = signatures or {}
    new_sig_rows: list[dict[str, Any]] = []
    for i in range(0, len(new_ids), CHUNK_DOCS):
        for doc in store.load_documents(new_ids[i : i + CHUNK_DOCS], analyses=False):
            cols = given.get(doc.id)
            if cols is not None and cols["num_perm"] == cfg.num_perm:
                sig = Signature.from_columns(cols["num_perm"], cols["hashvalues"], cols["shingles"], k=cfg.shingle_k)
            else:
                sig = signature_of(doc, cfg)
            similarity.extend(index.add(doc.id, sig))
            new_sig_rows.append(
                {"document_id": doc.id, "num_perm": sig.num_perm, "hashvalues": sig.hashvalues_bytes(), "shingles": sig.shingles_bytes()}
            )

    def save_signatures() -> None:
        for i in range(0, len(new_sig_rows), CHUNK_DOCS):
            store.save_signatures(new_sig_rows[i : i + CHUNK_DOCS])

    # Every document connected to a new one, and the whole of their existing clusters.
    touched = set(new_ids)
    for src, dst in similarity.pairs():
        touched.update((src, dst))
    touched |= _existing_members(store, touched)
    # The store keeps only the tree edges chosen before, but a document's parent is its best
    # shorter partner among ALL its republication links (see ``frontline.dedup.cluster``): ask
    # the index again for the older documents' links.  Every parent lies inside ``touched``
    # (a new partner, or a member of the document's old cluster), so links leaving it are dropped.
    fresh = set(new_ids)
    for doc_id in sorted(touched - fresh):
        if doc_id in index:
            similarity.extend(
                lk for lk in index.query(index.signature(doc_id), doc_id) if lk.kind == "republishes" and lk.dst_id in touched
            )
    old_edges = [lk for lk in store.load_links_touching(touched) if lk["kind"] != "republishes"]
    similarity.extend(_as_similarity(old_edges))
    joining = similarity.joining()
    cluster_of = cluster(joining, touched)

    @functools.cache
    def window() -> Any:
        """The store's window of stated dates, for undated reports' estimates (read once, if needed)."""
        from frontline.events.anchor import corpus_window

        return corpus_window(store.stated_publication_dates())

    all_changed: list[Document] = []
    all_redated: set[str] = set()

    def outside(ids: list[str]) -> Iterator[list[Document]]:
        for i in range(0, len(ids), CHUNK_DOCS):
            yield store.load_documents(ids[i : i + CHUNK_DOCS], analyses=False)

    for chunk, chunk_links, stale in _cluster_chunks(touched, joining, similarity.packed_others(), cluster_of, old_edges):
        docs = store.load_documents(sorted(chunk), analyses=False)
        before = {d.id: _meta_key(d) for d in docs}
        dates = {d.id: d.publication_date for d in docs}
        result = resolve_clusters(docs, chunk_links, index=index, cluster_of=cluster_of, others=outside)
        undated = [d for d in result.documents if d.publication_date is None]
        if undated:
            from frontline.events.anchor import apply_estimate

            for d in undated:
                apply_estimate(d, window())
        # Links are owned by their source document (see ``_cluster_chunks``), so each chunk
        # replaces exactly its own and a 100k-document run never holds them all with evidence.
        store.replace_links_from(chunk, [_link_row(lk) for lk in result.links], also=stale)
        changed = [d for d in result.documents if _meta_key(d) != before.get(d.id)]
        redated = {d.id for d in changed if d.publication_date != dates.get(d.id)}
        if write is not None:
            write(changed, redated)
        else:
            all_changed.extend(changed)
            all_redated |= redated
    if finish is not None:
        finish.append(save_signatures)
    else:
        save_signatures()
    return all_changed, all_redated


def _cluster_chunks(
    ids: set[str],
    joining: Sequence[Any],
    packed: Sequence[tuple[str, str, str, float, str]],
    cluster_of: Mapping[str, str],
    stored: Sequence[Mapping[str, Any]],
) -> Iterator[tuple[set[str], list[Any], list[int]]]:
    """``ids`` in chunks of whole clusters, each with the links it owns and stale stored link ids.

    A cluster is resolved from all its members, so it is never split; a chunk
    takes clusters (in id order) while it stays within :data:`CHUNK_DOCS`, so
    no chunk is larger than that or than one cluster.  Quotations may cross
    chunks (on a large corpus they connect nearly every cluster): a link
    belongs to the chunk of its source document, or of its destination when
    the source is not being re-resolved; the other end is loaded only to
    verify it.  ``stored`` rows whose source is outside ``ids`` are stale in
    their destination's chunk (their source's chunk does not exist to drop them).
    The ``packed`` links (see :class:`~frontline.dedup.cluster.TreeLinks`) are
    unpacked one chunk at a time.
    """
    from frontline.dedup.cluster import unpack

    groups: dict[str, list[str]] = {}
    for doc_id in sorted(ids):
        groups.setdefault(cluster_of.get(doc_id, doc_id), []).append(doc_id)
    chunk_of: dict[str, int] = {}
    chunks: list[set[str]] = [set()]
    for _cid, members in sorted(groups.items()):
        if chunks[-1] and len(chunks[-1]) + len(members) > CHUNK_DOCS:
            chunks.append(set())
        chunks[-1].update(members)
        for m in members:
            chunk_of[m] = len(chunks) - 1
    owned: list[list[Any]] = [[] for _ in chunks]
    for item in itertools.chain(joining, packed):
        src, dst = (item[0], item[1]) if isinstance(item, tuple) else (item.src_id, item.dst_id)
        at = chunk_of.get(src, chunk_of.get(dst))
        if at is not None:
            owned[at].append(item)
    stale: list[list[int]] = [[] for _ in chunks]
    for row in stored:
        if row["src_id"] not in chunk_of and row["dst_id"] in chunk_of:
            stale[chunk_of[row["dst_id"]]].append(int(row["id"]))
    for i, chunk in enumerate(chunks):
        if chunk:
            yield chunk, [unpack(x) if isinstance(x, tuple) else x for x in owned[i]], stale[i]
        owned[i] = []


def _meta_key(doc: Document) -> tuple[Any, ...]:
    """The fields dedup may change; a document is rewritten only when one did."""
    return (
        doc.cluster_id, doc.canonical_id, doc.publication_date, doc.date_source, doc.title,
        doc.byline, doc.outlet, tuple(sorted(doc.inherited.items())),
    )


def _existing_members(store: Store, ids: set[str]) -> set[str]:
    """Every stored member of the clusters ``ids`` belong to (queried in chunks: SQLite caps
    a statement at 32,766 parameters, and a first run over 100k documents touches them all)."""
    from sqlalchemy import select

    from frontline.store import CHUNK
    from frontline.store.schema import documents

    wanted = sorted(ids)
    with store.engine.connect() as conn:
        clusters: set[str] = set()
        for i in range(0, len(wanted), CHUNK):
            q = select(documents.c.cluster_id).where(documents.c.id.in_(wanted[i : i + CHUNK]))
            clusters.update(c for c in conn.scalars(q) if c)
        found: set[str] = set()
        ordered = sorted(clusters)
        for i in range(0, len(ordered), CHUNK):
            found.update(conn.scalars(select(documents.c.id).where(documents.c.cluster_id.in_(ordered[i : i + CHUNK]))))
        return found


def _as_similarity(rows: list[dict[str, Any]]) -> list[Any]:
    """Stored edges as similarity links: a provenance edge implies its pair is one cluster."""
    from frontline.dedup import Link

    return [Link(r["src_id"], r["dst_id"], r["kind"], float(r["score"]), dict(r["evidence"] or {})) for r in rows]


def _link_row(link: Any) -> dict[str, Any]:
    return {"src_id": link.src_id, "dst_id": link.dst_id, "kind": link.kind, "score": float(link.score), "evidence": link.evidence}


def merge_all(store: Store) -> int:
    """Merge every document's events into the ``events`` table from scratch."""
    from frontline.merge.incremental import rebuild_events

    return rebuild_events(store)
