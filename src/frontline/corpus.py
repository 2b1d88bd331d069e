"""Corpus stages, run after each ingest: republication clusters, then the event merge.

Incremental by construction: the LSH index is rebuilt from the stored
signatures (cheap: no text is re-shingled), only the new documents are added,
and only the clusters they touch are re-resolved.  A document whose
publication date changes because a republication supplied it has its events
re-extracted (dates are anchored on the publication date), then all
per-document events are merged into the ``events`` table in one transaction.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from typing import Any

from frontline import pipeline
from frontline.model import Document
from frontline.store import Store


def update_corpus(store: Store, new_ids: Sequence[str], *, stages: Sequence[pipeline.Stage] = ()) -> dict[str, Any]:
    """Run dedup and merge for newly stored documents; returns a short summary."""
    summary: dict[str, Any] = {}
    try:
        changed, redated_ids = update_clusters(store, new_ids)
        summary["clusters_touched"] = len(changed)
        event_stage = [s for s in stages if s.name == "events"]
        if event_stage and redated_ids:
            fn = event_stage[0].load()
            changed = [fn(d) if d.id in redated_ids else d for d in changed]
            summary["redated"] = len(redated_ids)
        store.update_documents(changed)
    except Exception as exc:  # recorded, never fatal: the documents are already stored
        summary["dedup_error"] = f"{type(exc).__name__}: {exc}"
        summary["dedup_trace"] = traceback.format_exc(limit=3)
    try:
        summary["events"] = merge_all(store)
    except Exception as exc:
        summary["merge_error"] = f"{type(exc).__name__}: {exc}"
    return summary


def update_clusters(store: Store, new_ids: Sequence[str]) -> tuple[list[Document], set[str]]:
    """Add new documents to the persisted index and re-resolve the clusters they touch.

    Returns the documents whose stored metadata changed, and the ids of those
    whose publication date changed (their events must be re-anchored).
    """
    from frontline.dedup import DedupIndex, Signature, load_config, resolve_clusters, signature_of

    cfg = load_config()
    stored = {r["document_id"]: r for r in store.load_signatures()}
    index = DedupIndex.from_signatures(
        ((doc_id, Signature.from_columns(r["num_perm"], r["hashvalues"], r["shingles"], k=cfg.shingle_k)) for doc_id, r in stored.items()),
        config=cfg,
    )
    new_docs = store.load_documents([i for i in new_ids if i not in stored])
    similarity = []
    new_sig_rows = []
    for doc in new_docs:
        sig = signature_of(doc, cfg)
        similarity.extend(index.add(doc.id, sig))
        new_sig_rows.append(
            {"document_id": doc.id, "num_perm": sig.num_perm, "hashvalues": sig.hashvalues_bytes(), "shingles": sig.shingles_bytes()}
        )
    store.save_signatures(new_sig_rows)

    # Every document connected to a new one, and the whole of their existing clusters.
    touched = {d.id for d in new_docs}
    for link in similarity:
        touched.update((link.src_id, link.dst_id))
    existing = store.load_links()
    cluster_members = _existing_members(store, touched)
    touched |= cluster_members
    old_edges = [lk for lk in existing if lk["src_id"] in touched or lk["dst_id"] in touched]
    similarity.extend(_as_similarity(old_edges))
    docs = store.load_documents(sorted(touched))
    before = {d.id: _meta_key(d) for d in docs}
    dates = {d.id: d.publication_date for d in docs}
    result = resolve_clusters(docs, similarity, index=index)
    store.replace_links_for(touched, [_link_row(lk) for lk in result.links])
    changed = [d for d in result.documents if _meta_key(d) != before.get(d.id)]
    redated = {d.id for d in changed if d.publication_date != dates.get(d.id)}
    return changed, redated


def _meta_key(doc: Document) -> tuple[Any, ...]:
    """The fields dedup may change; a document is rewritten only when one did."""
    return (
        doc.cluster_id, doc.canonical_id, doc.publication_date, doc.date_source, doc.title,
        doc.byline, doc.outlet, tuple(sorted(doc.inherited.items())),
    )


def _existing_members(store: Store, ids: set[str]) -> set[str]:
    from sqlalchemy import select

    from frontline.store.schema import documents

    with store.engine.connect() as conn:
        clusters = {c for c in conn.scalars(select(documents.c.cluster_id).where(documents.c.id.in_(sorted(ids)))) if c}
        if not clusters:
            return set()
        return set(conn.scalars(select(documents.c.id).where(documents.c.cluster_id.in_(sorted(clusters)))))


def _as_similarity(rows: list[dict[str, Any]]) -> list[Any]:
    """Stored edges as similarity links: a provenance edge implies its pair is one cluster."""
    from frontline.dedup import Link

    return [Link(r["src_id"], r["dst_id"], r["kind"], float(r["score"]), dict(r["evidence"] or {})) for r in rows]


def _link_row(link: Any) -> dict[str, Any]:
    return {"src_id": link.src_id, "dst_id": link.dst_id, "kind": link.kind, "score": float(link.score), "evidence": link.evidence}


def merge_all(store: Store) -> int:
    """Merge every document's events into the ``events`` table."""
    from sqlalchemy import select

    from frontline.merge import merge_events
    from frontline.store.codec import event_from_dict
    from frontline.store.schema import documents

    events_by_doc = {}
    cluster_of = {}
    with store.engine.connect() as conn:
        rows = conn.execute(select(documents.c.id, documents.c.cluster_id, documents.c.doc_events))
        for doc_id, cluster_id, doc_events in rows:
            cluster_of[doc_id] = cluster_id or doc_id
            if doc_events:
                events_by_doc[doc_id] = [event_from_dict(e) for e in doc_events]
    merged = merge_events(events_by_doc, cluster_of)
    store.replace_events(merged)
    return len(merged)
