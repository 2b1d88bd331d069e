"""Pair precision/recall of republication clusters, frontline vs plain LSH.

A *pair* is two documents in the same cluster.  Gold pairs come from the
generated benchmark (an original with its republications); predicted pairs
from the clusters each method builds.  Scoring cluster pairs (not raw links)
counts transitive merges, which is what a wrong merge costs downstream.

``plain LSH`` is datasketch's ``MinHashLSH`` at one Jaccard threshold with
every candidate accepted (no exact verification), on the same MinHash values,
so the comparison isolates the verification step.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from frontline.dedup import verify_quote
from frontline.dedup.benchgen import Benchmark, generate, summary
from frontline.dedup.cluster import UnionFind, cluster, members_by_cluster
from frontline.dedup.config import DedupConfig, load_config
from frontline.dedup.index import DedupIndex, Overlap, link_all, overlap
from frontline.dedup.signature import Signature, dedup_text
from frontline.dedup.spans import shared_spans

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def cluster_pairs(cluster_of: Mapping[str, str]) -> set[Pair]:
    """Every unordered pair of documents sharing a cluster, as sorted tuples."""
    pairs: set[Pair] = set()
    for members in members_by_cluster(cluster_of).values():
        pairs.update(itertools.combinations(sorted(members), 2))
    return pairs


def prf(predicted: set[Pair], gold: set[Pair]) -> PRF:
    tp = len(predicted & gold)
    fp = len(predicted - gold)
    fn = len(gold - predicted)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f, tp, fp, fn)


def signatures(bench: Benchmark, cfg: DedupConfig) -> list[tuple[str, Signature]]:
    return [
        (d.id, Signature.from_text(dedup_text(d), num_perm=cfg.num_perm, k=cfg.shingle_k))
        for d in bench.documents
    ]


def run_frontline(sigs: list[tuple[str, Signature]], cfg: DedupConfig) -> tuple[dict[str, str], list]:
    """Index, cluster, then confirm quotes with cluster-level anchor frequencies."""
    _, links = link_all(sigs, cfg)
    return cluster(links, [d for d, _ in sigs]), links


def run_plain_lsh(sigs: list[tuple[str, Signature]], threshold: float, num_perm: int) -> dict[str, str]:
    """datasketch MinHashLSH: every candidate above the threshold merges."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    uf = UnionFind(d for d, _ in sigs)
    for doc_id, sig in sigs:
        mh = MinHash(num_perm=num_perm, hashvalues=sig.hashvalues, scheme="affine32")
        for other in lsh.query(mh):
            uf.union(doc_id, other)
        lsh.insert(doc_id, mh)
    return {d: min(g) for g in uf.groups().values() for d in g}


def candidate_overlaps(sigs: list[tuple[str, Signature]], cfg: DedupConfig) -> list[tuple[str, str, Overlap]]:
    """Exact overlaps of every candidate pair the index proposes (for calibration)."""
    index = DedupIndex(cfg)
    out: list[tuple[str, str, Overlap]] = []
    for doc_id, sig in sigs:
        for other_id, other in index.candidate_signatures(sig):
            out.append((doc_id, other_id, overlap(sig, other)))
        index.add(doc_id, sig)
    return out


def _merges(
    pairs: Iterable[tuple[str, str, Overlap]], ids: list[str], containment: float, jaccard: float, min_sh: int
) -> set[Pair]:
    uf = UnionFind(ids)
    for a, b, ov in pairs:
        if min(ov.size_a, ov.size_b) >= min_sh and (ov.containment >= containment or ov.jaccard >= jaccard):
            uf.union(a, b)
    return cluster_pairs({d: min(g) for g in uf.groups().values() for d in g})


def _grid(lo: float, hi: float, step: float = 0.05) -> list[float]:
    return [round(x, 2) for x in np.arange(lo, hi + 1e-9, step)]


def calibrate(
    bench: Benchmark, cfg: DedupConfig | None = None, min_precision: float = 0.995
) -> dict[str, Any]:
    """Grid-search the verification thresholds (and the plain-LSH threshold).

    Picks the highest-recall setting whose precision is at least
    ``min_precision``; among equals the *strictest* thresholds (safer on
    unseen text).  Run on the train split only.
    """
    cfg = cfg or load_config()
    sigs = signatures(bench, cfg)
    ids = [d for d, _ in sigs]
    gold = cluster_pairs(bench.gold_cluster)
    pairs = candidate_overlaps(sigs, cfg)
    results: list[tuple[tuple[bool, float, float], float, float, PRF]] = []
    for c in _grid(0.5, 0.95):
        for j in _grid(0.3, 0.95):
            score = prf(_merges(pairs, ids, c, j, cfg.min_shingles), gold)
            results.append(((score.precision >= min_precision, score.recall, score.precision), c, j, score))
    top = max(r[0] for r in results)
    tied = [r for r in results if r[0] == top]
    # Among equally good settings take the middle of the plateau, not its
    # edge: the thresholds then keep a margin on both sides for unseen text.
    cs = sorted({r[1] for r in tied})
    c_mid = cs[len(cs) // 2]
    js = sorted(r[2] for r in tied if r[1] == c_mid)
    j_mid = js[len(js) // 2]
    best = next(r for r in tied if r[1] == c_mid and r[2] == j_mid)
    lsh_best: tuple[float, float, PRF] | None = None
    for t in _grid(0.3, 0.95):
        score = prf(cluster_pairs(run_plain_lsh(sigs, t, cfg.num_perm)), gold)
        if lsh_best is None or score.f1 > lsh_best[0]:
            lsh_best = (score.f1, t, score)
    assert lsh_best is not None
    return {
        "containment": best[1],
        "jaccard": best[2],
        "train": best[3].as_dict(),
        "baseline_threshold": lsh_best[1],
        "baseline_train": lsh_best[2].as_dict(),
    }


def quote_pairs(links: Iterable, cluster_of: Mapping[str, str], min_shared: int = 0) -> set[Pair]:
    """``quotes`` links as cluster pairs (a quote of an original is a quote of its copies)."""
    out: set[Pair] = set()
    for x in links:
        if x.kind != "quotes" or x.evidence.get("shared_shingles", 0) < min_shared:
            continue
        a, b = cluster_of[x.src_id], cluster_of[x.dst_id]
        if a != b:
            out.add((min(a, b), max(a, b)))
    return out


def quote_scores(bench: Benchmark, links: list, cluster_of: Mapping[str, str], min_shared: int = 0) -> PRF:
    """Quotation links scored between clusters against the benchmark's quote distractors."""
    gold = {tuple(sorted((cluster_of[q], cluster_of[o]))) for q, o in bench.gold_quotes}
    return prf(quote_pairs(links, cluster_of, min_shared), gold)  # type: ignore[arg-type]


def calibrate_quotes(bench: Benchmark, cfg: DedupConfig | None = None) -> dict[str, Any]:
    """Quote thresholds with the best quote F1 on this (train) split.

    The gold quotes are only the generated distractors; FA-KES articles also
    share real passages with each other, which count as false positives here,
    so the absolute precision is a lower bound.
    """
    cfg = cfg or load_config()
    sigs = signatures(bench, cfg)
    index, links = link_all(sigs, cfg, confirm=False)
    cluster_of = cluster(links, [d for d, _ in sigs])
    by_id = {d.id: d for d in bench.documents}
    # The longest shared run of words of each raw quote link, computed once.
    longest = {}
    for x in links:
        if x.kind == "quotes" and cluster_of[x.src_id] != cluster_of[x.dst_id]:
            spans = shared_spans(by_id[x.src_id], by_id[x.dst_id], min_words=4)
            longest[(x.src_id, x.dst_id)] = max((s.words for s in spans), default=0)
    results = []
    for clusters in range(2, 7):
        for shared in (8, 12, 16, 20, 24, 32):
            index.config = cfg.replace(quote_max_clusters=clusters, quote_min_shared=shared)
            confirmed = index.confirm_quotes(links, cluster_of)
            for words in (8, 12, 16, 20):
                kept = [
                    x
                    for x in confirmed
                    if x.kind != "quotes" or longest.get((x.src_id, x.dst_id), 0) >= words
                ]
                score = quote_scores(bench, kept, cluster_of)
                results.append((score.f1, clusters, shared, words, score))
    best = max(results, key=lambda r: r[0])
    return {
        "quote_max_clusters": best[1],
        "quote_min_shared": best[2],
        "quote_min_words": best[3],
        "train": best[4].as_dict(),
    }


def per_transform_recall(bench: Benchmark, cluster_of: Mapping[str, str]) -> dict[str, float]:
    """Share of republications using each transformation that joined their original."""
    hit: dict[str, list[int]] = {}
    for doc_id, kinds in bench.transforms.items():
        if not kinds or kinds == ["quote-distractor"]:
            continue
        ok = cluster_of[doc_id] == cluster_of[bench.gold_cluster[doc_id]]
        for k in kinds:
            hit.setdefault(k, []).append(int(ok))
    return {k: round(sum(v) / len(v), 4) for k, v in sorted(hit.items())}


def evaluate(
    split: str = "test", n_originals: int | None = None, seed: int = 7, cfg: DedupConfig | None = None
) -> dict[str, Any]:
    """Generate the split, run frontline and plain LSH, return every number."""
    cfg = cfg or load_config()
    bench = generate(split, n_originals=n_originals, seed=seed)
    sigs = signatures(bench, cfg)
    gold = cluster_pairs(bench.gold_cluster)
    t0 = time.perf_counter()
    cluster_of, links = run_frontline(sigs, cfg)
    t_front = time.perf_counter() - t0
    by_id = {d.id: d for d in bench.documents}
    checked = [verify_quote(x, by_id, cfg.quote_min_words) if x.kind == "quotes" else x for x in links]
    t0 = time.perf_counter()
    lsh_clusters = run_plain_lsh(sigs, cfg.baseline_threshold, cfg.num_perm)
    t_lsh = time.perf_counter() - t0
    return {
        "split": split,
        "benchmark": summary(bench),
        "gold_pairs": len(gold),
        "frontline": prf(cluster_pairs(cluster_of), gold).as_dict() | {"seconds": round(t_front, 3)},
        "plain_lsh": prf(cluster_pairs(lsh_clusters), gold).as_dict()
        | {"seconds": round(t_lsh, 3), "threshold": cfg.baseline_threshold},
        "quotes": quote_scores(bench, [x for x in checked if x is not None], cluster_of).as_dict(),
        "recall_by_transform": per_transform_recall(bench, cluster_of),
    }
