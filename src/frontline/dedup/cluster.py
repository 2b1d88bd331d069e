"""Clusters of republications and the independent-source count.

Only ``republishes`` links join clusters: a report that quotes one paragraph
of another is a different article and keeps its own cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


def cluster(links: Iterable[Link | dict[str, Any]], doc_ids: Iterable[str]) -> dict[str, str]:
    """Map every document id to its cluster id.

    The cluster id is the smallest member id (string order): deterministic,
    independent of arrival order, and for a singleton simply its own id, so
    every document has a cluster and "same cluster" is a plain comparison.
    Links naming documents outside ``doc_ids`` still join clusters (their ends
    get a cluster too).
    """
    uf = UnionFind(doc_ids)
    for raw in links:
        link = as_link(raw)
        if link.kind == "republishes":
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
