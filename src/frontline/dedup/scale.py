"""Scale benchmark: time and peak memory to deduplicate N generated documents.

Documents are synthetic but made of real material: sentences of FA-KES
articles, each word kept with probability 0.7 and otherwise replaced by a
word drawn from the corpus vocabulary, so texts look like news but two
synthetic originals share little.  A fifth of the documents are
republications of an earlier one (truncated, with typos or boilerplate),
so the index really has clusters to find.

Run one size per process (``python -m frontline.dedup.scale --n 10000``) so
the peak RSS belongs to that size alone; ``benchmarks/dedup_scale.py``
drives the sizes and prints the growth ratios.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from typing import Any

from frontline.dedup.benchgen import _boilerplate, add_typos, load_originals, paragraphs
from frontline.dedup.cluster import cluster
from frontline.dedup.config import load_config
from frontline.dedup.index import DedupIndex
from frontline.dedup.signature import Signature


def synthetic_corpus(
    n: int, seed: int = 1, republish_share: float = 0.2
) -> list[tuple[str, str, str | None]]:
    """``n`` (id, text, copied-from id) triples; about ``republish_share`` of them copies."""
    rng = random.Random(seed)
    sentences: list[str] = []
    vocab: list[str] = []
    for orig in load_originals():
        for para in paragraphs(orig.text, per_paragraph=1):
            sentences.append(para)
            vocab.extend(para.split())
    footers = _boilerplate()["footers"]
    docs: list[tuple[str, str, str | None]] = []
    for i in range(n):
        if docs and rng.random() < republish_share:
            src_id, src, _ = docs[rng.randrange(len(docs))]
            paras = src.split("\n\n")
            if rng.random() < 0.5:
                paras = paras[: max(1, len(paras) // 2)]
            paras = add_typos(paras, rng, rate=0.02)
            if rng.random() < 0.5:
                paras.append(rng.choice(footers))
            docs.append((f"s{i:07d}", "\n\n".join(paras), src_id))
            continue
        paras = []
        for _ in range(rng.randint(3, 6)):
            sents = [rng.choice(sentences) for _ in range(rng.randint(2, 4))]
            words = " ".join(sents).split()
            paras.append(" ".join(w if rng.random() < 0.7 else rng.choice(vocab) for w in words))
        docs.append((f"s{i:07d}", "\n\n".join(paras), None))
    return docs


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n: int, seed: int = 1) -> dict[str, Any]:
    """Generate, sign, index, cluster; report seconds per phase and peak RSS.

    Wall-clock seconds suffer on a shared machine, so every phase also
    reports its CPU seconds (``process_time``), the steadier figure.
    """
    cfg = load_config()
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def phase(name: str, t_wall: float, t_cpu: float) -> None:
        wall[name] = round(time.perf_counter() - t_wall, 2)
        cpu[name] = round(time.process_time() - t_cpu, 2)

    t, c = time.perf_counter(), time.process_time()
    corpus = synthetic_corpus(n, seed)
    phase("generate", t, c)
    rss_corpus = peak_rss_mb()
    t, c = time.perf_counter(), time.process_time()
    sigs = [(doc_id, Signature.from_text(text, cfg.num_perm, cfg.shingle_k)) for doc_id, text, _ in corpus]
    phase("signatures", t, c)
    copies = [(doc_id, src) for doc_id, _, src in corpus if src is not None]
    del corpus
    t, c = time.perf_counter(), time.process_time()
    index = DedupIndex(cfg)
    links = []
    for doc_id, sig in sigs:
        links.extend(index.add(doc_id, sig))
    phase("index_and_verify", t, c)
    t, c = time.perf_counter(), time.process_time()
    cluster_of = cluster(links, index.doc_ids)
    links = index.confirm_quotes(links, cluster_of)
    phase("cluster_and_confirm", t, c)
    t, c = time.perf_counter(), time.process_time()
    rebuilt = DedupIndex.from_signatures(sigs, cfg)
    phase("rebuild_from_signatures", t, c)
    found = sum(1 for doc_id, src in copies if cluster_of[doc_id] == cluster_of[src])
    dedup_phases = ("signatures", "index_and_verify", "cluster_and_confirm")
    return {
        "documents": n,
        "wall_seconds": wall,
        "cpu_seconds": cpu,
        "cpu_seconds_dedup": round(sum(cpu[p] for p in dedup_phases), 2),
        "wall_seconds_dedup": round(sum(wall[p] for p in dedup_phases), 2),
        "republishes_links": sum(1 for x in links if x.kind == "republishes"),
        "quotes_links": sum(1 for x in links if x.kind == "quotes"),
        "clusters": len(set(cluster_of.values())),
        "copies": len(copies),
        "copy_recall": round(found / len(copies), 4) if copies else 1.0,
        "indexed_after_rebuild": len(rebuilt),
        "peak_rss_mb_after_generation": round(rss_corpus, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    json.dump(run(args.n, args.seed), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
