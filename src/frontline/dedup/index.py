"""Incremental near-duplicate index: LSH + anchor candidates, exact verification.

Candidates come from two cheap lookups:

* **LSH bands** over the MinHash values (``bands`` × ``rows``): finds pairs
  whose Jaccard is moderate or high, including a republication of the first
  half of an article (Jaccard ≈ 0.5).
* **Anchors**: a content-defined sample of the shingles (those whose hash has
  its low ``anchor_bits`` bits zero).  Two texts sharing a paragraph share its
  anchors whatever their overall similarity, which is how a single quoted
  paragraph is found.  Anchors held by many documents (a republisher's
  boilerplate that cleaning missed) are ignored.

Every candidate is then **verified** on the exact shingle sets, so an LSH
false positive never merges two articles: the smaller text must be mostly
contained in the larger (truncations) or the two must be similar overall.
Pairs that share a real run of text but fail that test become ``quotes``.

Both lookups are stored as sorted numpy arrays plus a small dict buffer that
is merged geometrically, so adding a document never recomputes old ones and
memory stays ~12 bytes per (document, band) instead of a Python set per bucket.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from frontline.dedup.config import DedupConfig, load_config
from frontline.dedup.shingles import mix64
from frontline.dedup.signature import Signature

LINK_KINDS = ("republishes", "quotes")


@dataclass(slots=True)
class Link:
    """A relation between two documents, with the evidence for it.

    For ``republishes`` the index cannot know who copied whom, so ``src`` is the
    document added later; :func:`frontline.dedup.provenance.choose_original`
    produces the directed republisher → original edges.  For ``quotes`` ``src``
    is likewise the later-added document.
    """

    src_id: str
    dst_id: str
    kind: str
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in LINK_KINDS:
            raise ValueError(f"unknown link kind {self.kind!r}; expected one of {LINK_KINDS}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "src_id": self.src_id,
            "dst_id": self.dst_id,
            "kind": self.kind,
            "score": self.score,
            "evidence": dict(self.evidence),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Link:
        return cls(
            str(data["src_id"]),
            str(data["dst_id"]),
            str(data["kind"]),
            float(data.get("score", 0.0)),
            dict(data.get("evidence") or {}),
        )


def as_link(obj: Link | dict[str, Any]) -> Link:
    """Accept a :class:`Link` or the store's link dicts alike."""
    return obj if isinstance(obj, Link) else Link.from_dict(obj)


class _MultiMap:
    """uint64 key → int ids: sorted arrays plus a small dict buffer.

    The buffer (Python objects, ~100 bytes an entry) is merged into the
    arrays (12 bytes an entry) once it holds ``max_buffer`` entries; the merge
    is a stable sort of two sorted runs, i.e. linear, so memory stays compact
    and adding stays cheap however large the index grows.
    """

    def __init__(self, max_buffer: int = 65536) -> None:
        self.keys = np.zeros(0, dtype=np.uint64)
        self.ids = np.zeros(0, dtype=np.int32)
        self._buf: dict[int, list[int]] = defaultdict(list)
        self._buf_size = 0
        self._max_buffer = max_buffer

    def __len__(self) -> int:
        return len(self.keys) + self._buf_size

    def add(self, keys: np.ndarray, ident: int) -> None:
        for k in keys.tolist():
            self._buf[k].append(ident)
        self._buf_size += len(keys)
        if self._buf_size >= self._max_buffer:
            self.flush()

    def bulk_load(self, keys: np.ndarray, ids: np.ndarray) -> None:
        """Add many entries at once (rebuild from the store, or a buffer flush).

        The new entries are sorted on their own, then merged with the stored
        run by a stable sort, which on two sorted runs is linear (timsort).
        """
        keys = keys.astype(np.uint64)
        ids = ids.astype(np.int32)
        order = np.argsort(keys, kind="stable")
        keys, ids = keys[order], ids[order]
        if len(self.keys):
            keys = np.concatenate([self.keys, keys])
            ids = np.concatenate([self.ids, ids])
            order = np.argsort(keys, kind="stable")
            keys, ids = keys[order], ids[order]
        self.keys, self.ids = keys, ids

    def flush(self) -> None:
        if not self._buf_size:
            return
        keys = np.fromiter(
            (k for k, v in self._buf.items() for _ in v), dtype=np.uint64, count=self._buf_size
        )
        ids = np.fromiter((i for v in self._buf.values() for i in v), dtype=np.int32, count=self._buf_size)
        self._buf.clear()
        self._buf_size = 0
        self.bulk_load(keys, ids)

    def lookup(self, keys: np.ndarray, max_postings: int | None = None) -> Iterator[np.ndarray]:
        """For each key, the ids stored under it (skipping over-long posting lists)."""
        lo = np.searchsorted(self.keys, keys, side="left")
        hi = np.searchsorted(self.keys, keys, side="right")
        for k, a, b in zip(keys.tolist(), lo.tolist(), hi.tolist(), strict=True):
            extra = self._buf.get(k, ())
            if max_postings is not None and (b - a) + len(extra) > max_postings:
                continue
            if b > a:
                yield self.ids[a:b]
            if extra:
                yield np.asarray(extra, dtype=np.int32)


def band_keys(hashvalues: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One uint64 key per LSH band (band number mixed in, so bands never collide)."""
    hv = hashvalues[: bands * rows].astype(np.uint64).reshape(bands, rows)
    acc = np.arange(1, bands + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(rows):
            acc = mix64(acc * np.uint64(0x9E3779B97F4A7C15) + hv[:, j])
    return acc


def anchor_keys(shingles: np.ndarray, bits: int) -> np.ndarray:
    """The content-defined sample of shingles used as quote anchors."""
    if bits == 0:
        return shingles.astype(np.uint64)
    mask = np.uint32((1 << bits) - 1)
    return shingles[(shingles & mask) == 0].astype(np.uint64)


@dataclass(frozen=True, slots=True)
class Overlap:
    """Exact overlap of two shingle sets."""

    shared: int
    size_a: int
    size_b: int

    @property
    def jaccard(self) -> float:
        union = self.size_a + self.size_b - self.shared
        return self.shared / union if union else 0.0

    @property
    def containment(self) -> float:
        """Share of the smaller set found in the larger one."""
        small = min(self.size_a, self.size_b)
        return self.shared / small if small else 0.0


def overlap(a: Signature, b: Signature) -> Overlap:
    return Overlap(a.intersection(b), len(a), len(b))


def classify(ov: Overlap, cfg: DedupConfig, rare_share: float = 1.0) -> str | None:
    """``"republishes"``, ``"quotes"`` or ``None`` for one verified pair.

    Containment is what catches a republication of the first half; the
    minimum size keeps two one-line snippets from being called copies.  A
    quotation needs enough shared shingles *after discounting common text*:
    ``rare_share`` is the share of the pair's shared anchors that few
    documents hold, so shared boilerplate that cleaning missed, or stock
    phrases, count for nothing.  (Default 1.0: no corpus statistics at hand.)
    """
    small = min(ov.size_a, ov.size_b)
    if small >= cfg.min_shingles and (ov.containment >= cfg.containment or ov.jaccard >= cfg.jaccard):
        return "republishes"
    if ov.shared * rare_share >= cfg.quote_min_shared:
        return "quotes"
    return None


def _strongest_quotes(links: list[Link], limit: int) -> list[Link]:
    """All republication links, and at most ``limit`` quote links (highest score, then id).

    A paragraph of a story republished a hundred times is shared with every
    copy; the copies are one cluster, so the strongest few links say what the
    rest would, and the links stay linear in the corpus size.
    """
    quotes = [x for x in links if x.kind == "quotes"]
    if len(quotes) <= limit:
        return links
    keep = {id(x) for x in sorted(quotes, key=lambda x: (-x.score, x.dst_id))[:limit]}
    return [x for x in links if x.kind != "quotes" or id(x) in keep]


class DedupIndex:
    """Incremental index of document signatures.

    ``add`` returns the verified links of the new document to those already
    indexed; old documents are never re-signed or re-compared with each other.
    """

    def __init__(self, config: DedupConfig | None = None) -> None:
        self.config = config or load_config()
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._sigs: list[Signature] = []
        self._anchor_n: list[int] = []  # anchors per indexed document (the candidate rule is symmetric)
        self._bands = _MultiMap()
        self._anchors = _MultiMap()

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._pos

    @property
    def doc_ids(self) -> list[str]:
        return list(self._ids)

    def signature(self, doc_id: str) -> Signature:
        return self._sigs[self._pos[doc_id]]

    # -- candidates and verification -------------------------------------------
    def candidates(self, sig: Signature) -> dict[int, set[str]]:
        """Indexed positions proposed for ``sig``, each with the lookups that found it."""
        return {pos: via for pos, (via, _) in self._candidates(sig).items()}

    def _candidates(self, sig: Signature) -> dict[int, tuple[set[str], int]]:
        """Candidates with the lookups that found them and their shared rare anchors."""
        cfg = self.config
        found: dict[int, set[str]] = defaultdict(set)
        if not len(sig):
            return {}  # an empty text is nobody's copy (and all empty texts would collide)
        for ids in self._bands.lookup(band_keys(sig.hashvalues, cfg.bands, cfg.rows)):
            for i in ids.tolist():
                found[i].add("lsh")
        counts: dict[int, int] = defaultdict(int)
        keys = anchor_keys(sig.shingles, cfg.anchor_bits)
        for ids in self._anchors.lookup(keys, cfg.anchor_max_postings):
            for i in ids.tolist():
                counts[i] += 1
        # A short text may hold a single anchor; requiring two would leave it
        # to LSH alone, which misses a short copy inside a long text.  The
        # requirement looks at both texts, so a pair is a candidate whichever
        # of the two arrives first (else incremental runs differ from one run).
        required = min(cfg.anchor_min_shared, max(1, len(keys)))
        held = self._anchor_n
        for i, n in counts.items():
            if n >= required or n >= held[i]:
                found[i].add("anchors")
        return {i: (via, counts.get(i, 0)) for i, via in found.items()}

    def candidate_signatures(self, sig: Signature) -> list[tuple[str, Signature]]:
        """The indexed documents proposed for ``sig`` (unverified), in index order."""
        return [(self._ids[pos], self._sigs[pos]) for pos in sorted(self._candidates(sig))]

    def query(self, sig: Signature, doc_id: str = "") -> list[Link]:
        """Verified links from a (not necessarily indexed) signature to indexed documents."""
        links: list[Link] = []
        bits = self.config.anchor_bits
        own_anchors = anchor_keys(sig.shingles, bits)
        for pos, (via, rare) in sorted(self._candidates(sig).items()):
            other_id = self._ids[pos]
            if other_id == doc_id:
                continue
            ov = overlap(sig, self._sigs[pos])
            total = len(
                np.intersect1d(own_anchors, anchor_keys(self._sigs[pos].shingles, bits), assume_unique=True)
            )
            kind = classify(ov, self.config, rare / total if total else 1.0)
            if kind is None:
                continue
            score = max(ov.containment, ov.jaccard) if kind == "republishes" else ov.containment
            evidence = {
                "jaccard": round(ov.jaccard, 4),
                "containment": round(ov.containment, 4),
                "shared_shingles": ov.shared,
                "shingles": [ov.size_a, ov.size_b],
                "shared_rare_anchors": rare,
                "found_by": sorted(via),
            }
            links.append(Link(doc_id, other_id, kind, round(score, 4), evidence))
        return _strongest_quotes(links, self.config.quote_max_links)

    def anchor_counts(self, keys: np.ndarray, cluster_of: Mapping[str, str] | None = None) -> np.ndarray:
        """How many indexed documents (or distinct clusters) hold each anchor key.

        Cluster counts above ``quote_max_clusters`` are only known to exceed it.
        """
        self._anchors.flush()
        lo = np.searchsorted(self._anchors.keys, keys, side="left")
        hi = np.searchsorted(self._anchors.keys, keys, side="right")
        counts = hi - lo
        if cluster_of is None:
            return counts
        # Only anchors held by more documents than the limit can differ when
        # counted by cluster; count those, stopping once past the limit.
        limit = self.config.quote_max_clusters
        ids = self._ids
        for i in np.nonzero(counts > limit)[0].tolist():
            seen: set[str] = set()
            for p in self._anchors.ids[lo[i] : hi[i]].tolist():
                seen.add(cluster_of.get(ids[p], ids[p]))
                if len(seen) > limit:
                    break
            counts[i] = len(seen)
        return counts

    def rare_shared_anchors(
        self, a: str, b: str, cluster_of: Mapping[str, str] | None = None
    ) -> tuple[int, int]:
        """(rare, total) anchors two indexed documents share.

        Rare anchors are held by at most ``quote_max_clusters`` clusters;
        without ``cluster_of`` every document counts as its own cluster.
        """
        sa, sb = self.signature(a), self.signature(b)
        bits = self.config.anchor_bits
        shared = np.intersect1d(
            anchor_keys(sa.shingles, bits), anchor_keys(sb.shingles, bits), assume_unique=True
        )
        if not len(shared):
            return 0, 0
        return int((self.anchor_counts(shared, cluster_of) <= self.config.quote_max_clusters).sum()), len(
            shared
        )

    def confirm_quotes(
        self, links: Iterable[Link], cluster_of: Mapping[str, str] | None = None
    ) -> list[Link]:
        """Re-check ``quotes`` links against today's corpus; other links pass.

        When a quote link was made, text that later turns out to be common
        (a republisher's boilerplate, a stock phrase) may still have looked
        rare.  Re-counting shared anchors with current frequencies drops those.
        With ``cluster_of`` an anchor's frequency is the number of distinct
        clusters holding it, so a paragraph of a much-republished article is
        still rare.  Links naming documents not in the index pass unchanged.
        """
        out: list[Link] = []
        for link in links:
            if link.kind != "quotes" or link.src_id not in self._pos or link.dst_id not in self._pos:
                out.append(link)
                continue
            if cluster_of is not None and cluster_of.get(link.src_id) == cluster_of.get(link.dst_id, ""):
                continue  # both in one cluster: the quote is subsumed by the republication
            rare, total = self.rare_shared_anchors(link.src_id, link.dst_id, cluster_of)
            ov = overlap(self.signature(link.src_id), self.signature(link.dst_id))
            if classify(ov, self.config, rare / total if total else 1.0) == "quotes":
                evidence = dict(link.evidence, shared_rare_anchors=rare, shared_anchors=total)
                out.append(Link(link.src_id, link.dst_id, link.kind, link.score, evidence))
        return out

    # -- mutation ----------------------------------------------------------------
    def _insert(self, doc_id: str, sig: Signature) -> None:
        if doc_id in self._pos:
            raise ValueError(f"document {doc_id!r} is already indexed")
        if sig.num_perm < self.config.bands * self.config.rows:
            raise ValueError(
                f"signature has {sig.num_perm} values; the index needs {self.config.bands * self.config.rows}"
            )
        pos = len(self._ids)
        self._ids.append(doc_id)
        self._pos[doc_id] = pos
        self._sigs.append(sig)
        anchors = anchor_keys(sig.shingles, self.config.anchor_bits) if len(sig) else np.zeros(0, dtype=np.uint64)
        self._anchor_n.append(max(1, len(anchors)))
        if len(sig):
            self._bands.add(band_keys(sig.hashvalues, self.config.bands, self.config.rows), pos)
            self._anchors.add(anchors, pos)

    def add(self, doc_id: str, sig: Signature) -> list[Link]:
        """Index one document and return its verified links to earlier ones."""
        links = self.query(sig, doc_id)
        self._insert(doc_id, sig)
        return links

    @classmethod
    def from_signatures(
        cls, items: Iterable[tuple[str, Signature]], config: DedupConfig | None = None
    ) -> DedupIndex:
        """Rebuild an index from stored signatures without comparing them.

        The links between stored documents are already in the store; this only
        restores the lookup structures (one sort per structure), after which
        ``add`` links new documents to all of them.
        """
        index = cls(config)
        cfg = index.config
        band_parts: list[np.ndarray] = []
        anchor_parts: list[np.ndarray] = []
        band_ids: list[np.ndarray] = []
        anchor_ids: list[np.ndarray] = []
        for doc_id, sig in items:
            if doc_id in index._pos:
                raise ValueError(f"document {doc_id!r} appears twice")
            pos = len(index._ids)
            index._ids.append(doc_id)
            index._pos[doc_id] = pos
            index._sigs.append(sig)
            if not len(sig):
                index._anchor_n.append(1)
                continue  # registered, but never a candidate (see ``_candidates``)
            bk = band_keys(sig.hashvalues, cfg.bands, cfg.rows)
            ak = anchor_keys(sig.shingles, cfg.anchor_bits)
            index._anchor_n.append(max(1, len(ak)))
            band_parts.append(bk)
            band_ids.append(np.full(len(bk), pos, dtype=np.int32))
            anchor_parts.append(ak)
            anchor_ids.append(np.full(len(ak), pos, dtype=np.int32))
        if band_parts:
            index._bands.bulk_load(np.concatenate(band_parts), np.concatenate(band_ids))
            index._anchors.bulk_load(np.concatenate(anchor_parts), np.concatenate(anchor_ids))
        return index


def link_all(
    items: Iterable[tuple[str, Signature]], config: DedupConfig | None = None, confirm: bool = True
) -> tuple[DedupIndex, list[Link]]:
    """Index documents one by one (arrival order) and collect every link.

    Quote links are confirmed against the whole corpus at the end, counting
    anchor frequencies by cluster (see :meth:`DedupIndex.confirm_quotes`).
    """
    from frontline.dedup.cluster import cluster

    index = DedupIndex(config)
    links: list[Link] = []
    for doc_id, sig in items:
        links.extend(index.add(doc_id, sig))
    if not confirm:
        return index, links
    return index, index.confirm_quotes(links, cluster(links, index.doc_ids))
