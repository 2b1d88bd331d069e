"""Republication detection, provenance and metadata propagation.

A persistence-agnostic library: the store keeps signatures and links, this
package decides them.  The usual entry point is :func:`dedup_corpus`; the
pieces (signatures, the incremental :class:`DedupIndex`, :func:`cluster`,
:func:`choose_original`, :func:`propagate`) are public so the store can run
them incrementally.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from frontline.dedup.cluster import (
    cluster,
    independent_sources,
    independent_sources_with_quotes,
    members_by_cluster,
)
from frontline.dedup.config import DedupConfig, load_config
from frontline.dedup.index import DedupIndex, Link, as_link, link_all
from frontline.dedup.propagate import INFERRED_DATE, propagate
from frontline.dedup.provenance import choose_original
from frontline.dedup.signature import Signature, dedup_text
from frontline.dedup.spans import forget, shared_spans
from frontline.model import Document

__all__ = [
    "INFERRED_DATE",
    "DedupConfig",
    "DedupIndex",
    "DedupResult",
    "Link",
    "Signature",
    "as_link",
    "choose_original",
    "cluster",
    "dedup_corpus",
    "dedup_text",
    "independent_sources",
    "independent_sources_with_quotes",
    "link_all",
    "load_config",
    "members_by_cluster",
    "propagate",
    "resolve_clusters",
    "shared_spans",
    "signature_of",
    "verify_quote",
]


def signature_of(doc: Document, config: DedupConfig | None = None) -> Signature:
    """The signature of a document's body under the configured parameters."""
    cfg = config or load_config()
    return Signature.from_document(doc, num_perm=cfg.num_perm, k=cfg.shingle_k)


@dataclass(slots=True)
class DedupResult:
    """Documents with cluster fields set, and every link that explains them."""

    documents: list[Document]
    #: Similarity links from the index (``republishes`` undirected, ``quotes``).
    similarity: list[Link] = field(default_factory=list)
    #: Directed provenance edges republisher → original.
    provenance: list[Link] = field(default_factory=list)

    @property
    def links(self) -> list[Link]:
        """What the store's ``doc_links`` table holds: provenance edges and quotes."""
        return self.provenance + [link for link in self.similarity if link.kind == "quotes"]


def verify_quote(
    link: Link, by_id: Mapping[str, Document], min_words: int, cache: dict[str, Any] | None = None
) -> Link | None:
    """Attach the shared passages (raw offsets) to a ``quotes`` link, or reject it.

    Shingle overlap cannot tell one quoted passage from many scattered stock
    phrases ("the armed forces", a group's name) that two same-topic reports
    share; with the texts at hand a quotation must contain at least one run of
    ``min_words`` identical words.  Links whose texts are not at hand pass.
    """
    a, b = by_id.get(link.src_id), by_id.get(link.dst_id)
    if a is None or b is None:
        return link
    spans = shared_spans(a, b, min_words=min_words, cache=cache)
    if not spans:
        return None
    evidence = dict(link.evidence)
    evidence["shared_spans"] = [
        {"src": [s.a_start, s.a_end], "dst": [s.b_start, s.b_end], "words": s.words} for s in spans
    ]
    return Link(link.src_id, link.dst_id, link.kind, link.score, evidence)


def resolve_clusters(
    documents: Sequence[Document],
    similarity: Iterable[Link | dict],
    index: DedupIndex | None = None,
    cluster_of: Mapping[str, str] | None = None,
    others: Callable[[list[str]], Iterable[Iterable[Document]]] | None = None,
) -> DedupResult:
    """Cluster, choose originals, propagate metadata (given similarity links).

    Separate from :func:`dedup_corpus` so the store can feed links it already
    holds plus the ones an incremental ``DedupIndex.add`` just returned.  With
    the ``index``, quote links are re-confirmed against cluster-level anchor
    frequencies (see :meth:`DedupIndex.confirm_quotes`), which count clusters
    across the whole index: a caller resolving a large set in chunks passes the
    set's ``cluster_of`` so every chunk counts them the same way.

    A chunk holds whole clusters, but a quotation may point outside it.
    ``others`` loads such outside documents (given their ids, it yields them
    in bounded batches): they are read only to verify quotes, never clustered,
    so memory stays bounded by the chunk plus one batch.
    """
    sim = [as_link(x) for x in similarity]
    by_id = {d.id: d for d in documents}
    local = cluster(sim, by_id)
    everywhere = local if cluster_of is None else {**cluster_of, **local}
    if index is not None:
        # Anchor frequencies count clusters over every document, not just these.
        sim = index.confirm_quotes(sim, everywhere)
    cluster_of = local
    # A quotation between two members of one cluster is subsumed by the republication.
    sim = [x for x in sim if x.kind != "quotes" or everywhere.get(x.src_id) != everywhere.get(x.dst_id)]
    out: list[Document] = []
    provenance: list[Link] = []
    for member_ids in members_by_cluster(cluster_of).values():
        members = [by_id[m] for m in member_ids if m in by_id]
        canonical, edges = choose_original(members)
        provenance.extend(edges)
        out.extend(propagate(members, canonical))
    order = {d.id: i for i, d in enumerate(documents)}
    out.sort(key=lambda d: order[d.id])
    cfg = index.config if index is not None else load_config()
    words: dict[str, Any] = {}  # region words per document, shared by all its links
    checked = [verify_quote(x, by_id, cfg.quote_min_words, words) if x.kind == "quotes" else x for x in sim]
    if others is not None:
        checked = _verify_outside(checked, by_id, others, cfg.quote_min_words, words)
    return DedupResult(out, [x for x in checked if x is not None], provenance)


def _verify_outside(
    links: list[Link | None],
    by_id: Mapping[str, Document],
    others: Callable[[list[str]], Iterable[Iterable[Document]]],
    min_words: int,
    words: dict[str, Any],
) -> list[Link | None]:
    """Verify the quote links with one end outside ``by_id``, loading those ends batch by batch."""
    outside = sorted(
        {e for x in links if x is not None and x.kind == "quotes" for e in (x.src_id, x.dst_id) if e not in by_id}
    )
    if not outside:
        return links
    pending = {i for i, x in enumerate(links) if x is not None and x.kind == "quotes" and not (x.src_id in by_id and x.dst_id in by_id)}
    out = list(links)
    for batch in others(outside):
        here = {d.id: d for d in batch}
        both = {**by_id, **here}
        for i in sorted(pending):
            x = out[i]
            assert x is not None
            if x.src_id in both and x.dst_id in both:
                out[i] = verify_quote(x, both, min_words, words)
                pending.discard(i)
        for doc_id in here:  # their words are not needed by any later batch
            forget(words, doc_id, min_words)
    return out


def dedup_corpus(
    documents: Sequence[Document], config: DedupConfig | None = None, index: DedupIndex | None = None
) -> DedupResult:
    """Deduplicate a corpus from scratch (or add it to an existing index).

    Documents are added in the given order; links to documents already in
    ``index`` are returned too, but only the given documents are clustered.
    """
    idx = index if index is not None else DedupIndex(config)
    similarity: list[Link] = []
    for doc in documents:
        similarity.extend(idx.add(doc.id, signature_of(doc, idx.config)))
    return resolve_clusters(documents, similarity, idx)
