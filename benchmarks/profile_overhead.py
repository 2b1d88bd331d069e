"""Time (and optionally profile) everything in ``frontline run`` that is NOT a per-document stage.

Usage::

    nice .venv/bin/python benchmarks/profile_overhead.py --docs 1000            # timing
    nice .venv/bin/python benchmarks/profile_overhead.py --docs 1000 --profile  # + cProfile top 30

The stages run once over a generated corpus and are then replayed from a
pickle (see ``frontline.scale.replay``), so the figure is ingest + rows +
store writes + corpus stages (dedup, merge) alone, in CPU ms per document.
A second, incremental run (a further batch of documents into the same store)
shows whether the corpus stages' cost grows with the store.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

from frontline import pipeline
from frontline.scale import replay
from frontline.scale.corpus import write_corpus

CACHE = Path(__file__).resolve().parent / ".cache"


def _prepare(n: int, seed: int) -> Path:
    corpus = CACHE / f"overhead-corpus-{n}-{seed}"
    rec = CACHE / f"overhead-replay-{n}-{seed}.pkl"
    if not rec.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        if corpus.exists():
            shutil.rmtree(corpus)
        write_corpus(corpus, n, seed=seed)
        t0 = time.perf_counter()
        count = replay.record(corpus, rec)
        print(f"recorded {count} analyses in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    replay.load(rec)
    return corpus


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--sort", default="cumulative")
    ap.add_argument("--keep", type=Path, help="write the store here (to compare two versions' results)")
    args = ap.parse_args()

    corpus = _prepare(args.docs, args.seed)
    pipeline.select = lambda names=None: [replay.STAGE]  # type: ignore[assignment]
    from frontline.runner import run_paths
    from frontline.store import open_store

    work = Path(tempfile.mkdtemp(prefix="fl-overhead-"))
    try:
        store = open_store(f"sqlite:///{args.keep or work / 'o.db'}")
        prof = cProfile.Profile() if args.profile else None
        replay.REPLAY_SECONDS[0] = 0.0
        c0 = time.process_time()
        if prof:
            prof.enable()
        report = run_paths(store, [corpus], batch_size=args.batch)
        if prof:
            prof.disable()
        cpu = time.process_time() - c0 - replay.REPLAY_SECONDS[0]
        n = len(report.results)
        print(
            f"{n} inputs ({len(report.stored_ids)} stored): overhead {1000 * cpu / n:.2f} CPU ms/doc "
            f"(replay stand-in {1000 * replay.REPLAY_SECONDS[0] / n:.2f} ms/doc excluded); corpus: {report.corpus}"
        )
        if prof:
            pstats.Stats(prof).sort_stats(args.sort).print_stats(args.top)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
