"""Train the optional organisation/person tagger on the ``tune`` half of re3d.

Usage: ``python scripts/train_ner.py [--out PATH]`` (about a minute on one
CPU core).  The held-out half is never read here; ``frontline eval entities``
scores it.  Writes ``src/frontline/data/models/actor_tagger.npz``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from frontline.actors.evaluate import load_re3d
from frontline.actors.tagger import MODEL_PATH, EntityTagger


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args()
    docs = load_re3d(part="tune")
    t0 = time.time()
    tagger = EntityTagger().fit(docs)
    tagger.save(args.out)
    print(f"trained on {len(docs)} tune documents in {time.time() - t0:.1f}s -> {args.out}")


if __name__ == "__main__":
    main()
