"""Clusters of republications and the independent-source count.

Only ``republishes`` links join clusters: a report that quotes one paragraph
of another is a different article and keeps its own cluster.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from frontline.dedup.index import Link, as_link


class UnionFind:
    """Disjoint sets over string ids (path halving, union by size)."""

    def __init__(self, items: Iterable[str] = ()) -> None:
        self._parent: dict[str, str] = {}
        self._size: dict[str, int] = {}
        for item in items:
            self.add(item)

    def add(self, item: str) -> None:
        if item not in self._parent:
            self._parent[item] = item
            self._size[item] = 1

    def find(self, item: str) -> str:
        self.add(item)
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self._size[ra] < self._size[rb]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._size[ra] += self._size[rb]

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for item in self._parent:
            out.setdefault(self.find(item), []).append(item)
        return out


def tree_edge(link: Link) -> tuple[str, str, tuple[float, float, int]] | None:
    """(child, parent, rank) of a ``republishes`` link that carries the pair's shingle counts.

    The child is the longer text (more shingles, then the larger id); a
    larger rank is a better parent: overlap first (Jaccard, containment), then
    the shorter parent.  None for other links.
    """
    if link.kind != "republishes":
        return None
    sizes = link.evidence.get("shingles")
    if not (isinstance(sizes, list | tuple) and len(sizes) == 2):
        return None
    (parent_size, parent), (_, child) = sorted(((int(sizes[0]), link.src_id), (int(sizes[1]), link.dst_id)))
    if parent == child:
        return None
    jaccard = float(link.evidence.get("jaccard", link.score))
    containment = float(link.evidence.get("containment", link.score))
    return child, parent, (jaccard, containment, -parent_size)


#: A link kept for later in compact form: (src, dst, kind, score, evidence as JSON).
Packed = tuple[str, str, str, float, str]


def pack(link: Link) -> Packed:
    """A link as a tuple of immutables (~4x smaller than a :class:`Link` with its evidence dict)."""
    return (link.src_id, link.dst_id, link.kind, link.score, json.dumps(link.evidence, separators=(",", ":")))


def unpack(packed: Packed) -> Link:
    src, dst, kind, score, evidence = packed
    return Link(src, dst, kind, score, json.loads(evidence))


class TreeLinks:
    """Links reduced to what clustering reads: each document's best parent link, and every other link.

    A story republished a hundred times links every copy with every other
    (quadratic); only each copy's best link to a shorter partner decides its
    cluster, so keeping just that one keeps the links linear in the corpus.
    The other links (quotations, mostly: up to a few per document) are kept
    packed, since on a 100k-document corpus they outnumber the documents.
    """

    def __init__(self, links: Iterable[Link | dict[str, Any]] = ()) -> None:
        self._best: dict[str, tuple[tuple[float, float, int], str, Link]] = {}
        self._other: list[Packed] = []
        self.extend(links)

    def add(self, raw: Link | dict[str, Any]) -> None:
        link = as_link(raw)
        edge = tree_edge(link)
        if edge is None:
            self._other.append(pack(link))
            return
        child, parent, rank = edge
        held = self._best.get(child)
        if held is None or rank > held[0] or (rank == held[0] and parent < held[1]):
            self._best[child] = (rank, parent, link)

    def extend(self, links: Iterable[Link | dict[str, Any]]) -> None:
        for link in links:
            self.add(link)

    def pairs(self) -> Iterator[tuple[str, str]]:
        """(src, dst) of every link kept, without unpacking any evidence."""
        for p in self._other:
            yield p[0], p[1]
        for _r, _p, link in self._best.values():
            yield link.src_id, link.dst_id

    def joining(self) -> list[Link]:
        """The links that join clusters: the best parent links and republications without sizes."""
        return [unpack(p) for p in self._other if p[2] == "republishes"] + [link for _r, _p, link in self._best.values()]

    def packed_others(self) -> list[Packed]:
        """Every link that is not a document's best parent link, packed."""
        return list(self._other)


def cluster(links: Iterable[Link | dict[str, Any]], doc_ids: Iterable[str]) -> dict[str, str]:
    """Map every document id to its cluster id.

    A cluster is a tree of ``republishes`` links, not their transitive
    closure.  Containment is what detects a republication, and containment
    alone cannot tell a prefix cut of one article from a round-up that joins
    two: R = A + B is linked to both A and B, and closing those links
    transitively would make A and B one story (on a 10k corpus of cuts and
    round-ups the closure chained 95 % of the documents together).  So each
    document keeps one **parent**: among its partners that come *before* it in
    a batch-independent order (fewer shingles first, ties by id) the one it
    overlaps most (Jaccard, then containment; see :func:`tree_edge`).  A
    shorter text cannot be a round-up of a longer one, so A and B never take
    R as parent and R hangs under one of them; nested cuts of one article
    chain from the shortest up.  Each decision depends only on a document's
    own links, so the result is the same whatever order or batches the
    documents came in.

    Links without the pair's shingle counts (older stored edges) keep the old
    meaning: their ends are one cluster.  The cluster id is the smallest
    member id (string order); links naming documents outside ``doc_ids``
    still join clusters (their ends get a cluster too).
    """
    uf = UnionFind(doc_ids)
    for link in TreeLinks(link for link in map(as_link, links) if link.kind == "republishes").joining():
        uf.union(link.src_id, link.dst_id)
    result: dict[str, str] = {}
    for members in uf.groups().values():
        cid = min(members)
        for m in members:
            result[m] = cid
    return result


def members_by_cluster(cluster_of: Mapping[str, str]) -> dict[str, list[str]]:
    """Cluster id → sorted member ids."""
    out: dict[str, list[str]] = {}
    for doc_id, cid in cluster_of.items():
        out.setdefault(cid, []).append(doc_id)
    return {cid: sorted(m) for cid, m in sorted(out.items())}


def independent_sources(doc_ids: Iterable[str], cluster_of: Mapping[str, str]) -> int:
    """How many independent origins support a set of documents.

    Republications of one article count once; a document not in
    ``cluster_of`` (not yet deduplicated) counts as its own origin.
    """
    return len({cluster_of.get(d, d) for d in set(doc_ids)})


def independent_sources_with_quotes(
    doc_ids: Iterable[str],
    cluster_of: Mapping[str, str],
    links: Iterable[Link | dict[str, Any]],
) -> int:
    """Like :func:`independent_sources`, but a quotation joins its origin too.

    Use this when the supporting evidence lies in the quoted passage (the
    quoting report adds no independent observation).  By default the event
    merge should use :func:`independent_sources`, because a report that
    quotes one paragraph usually adds reporting of its own; which one applies
    depends on where the event's evidence span lies.
    """
    ids = set(doc_ids)
    uf = UnionFind(cluster_of.get(d, d) for d in ids)
    for raw in links:
        link = as_link(raw)
        if link.kind != "quotes" or link.src_id not in ids or link.dst_id not in ids:
            continue
        uf.union(cluster_of.get(link.src_id, link.src_id), cluster_of.get(link.dst_id, link.dst_id))
    return len({uf.find(cluster_of.get(d, d)) for d in ids})
