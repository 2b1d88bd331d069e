"""Record the per-document pipeline's output on a fixed corpus, or compare against a record.

Why: speed work must not change what the pipeline finds unless the change is
meant and measured.  This script runs every per-document stage over the
bundled examples and a deterministic generated corpus (the benchmark
generator: comments, boilerplate, republications, typos), and writes each
stage's fields per document as canonical JSON.  ``--compare`` reruns and
reports, per stage field, how many documents differ and the first difference,
so an optimisation can show "identical output" or explain each change.

Usage::

    .venv/bin/python benchmarks/output_diff.py --record /tmp/before.json.gz
    .venv/bin/python benchmarks/output_diff.py --compare /tmp/before.json.gz [--fields events]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

from frontline.model import Document, to_jsonable
from frontline.paths import examples_dir
from frontline.pipeline import PER_DOCUMENT
from frontline.scale.corpus import CorpusGenerator, load_articles

#: Fields compared, in pipeline order (each stage's ``assigns``).
FIELDS: tuple[str, ...] = (*(f for s in PER_DOCUMENT for f in s.assigns), "extras")


def corpus(n: int, seed: int) -> list[Document]:
    """The examples plus ``n`` generated reports (deterministic for a seed)."""
    texts: list[tuple[str, str]] = []
    for path in sorted(examples_dir().rglob("*.txt")):
        texts.append((path.name, path.read_text(encoding="utf-8")))
    gen = CorpusGenerator(load_articles(), seed=seed)
    texts.extend(gen.generate(n))
    docs = []
    for name, text in texts:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        docs.append(Document(id=digest[:16], content_hash=digest, source_path=name, text=text))
    return docs


def run(docs: list[Document]) -> dict[str, dict[str, str]]:
    """Per document id, per field, canonical JSON of the value."""
    funcs = [s.load() for s in PER_DOCUMENT]
    out: dict[str, dict[str, str]] = {}
    for doc in docs:
        for fn in funcs:
            doc = fn(doc)
        out[doc.id] = {f: json.dumps(to_jsonable(getattr(doc, f)), sort_keys=True, ensure_ascii=False) for f in FIELDS}
    return out


def compare(before: dict[str, dict[str, str]], after: dict[str, dict[str, str]], fields: list[str], show: int) -> int:
    """Print differing documents per field; return the number of differences."""
    total = 0
    for f in fields:
        diffs = [d for d in before if d in after and before[d].get(f) != after[d].get(f)]
        total += len(diffs)
        print(f"{f:20s} {len(diffs):5d} / {len(before)} documents differ")
        for d in diffs[:show]:
            b, a = before[d][f], after[d][f]
            i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
            print(f"    {d}: before …{b[max(0, i - 120): i + 200]}…")
            print(f"    {' ' * len(d)}  after  …{a[max(0, i - 120): i + 200]}…")
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--record", type=Path, help="write the outputs here (.json.gz)")
    ap.add_argument("--compare", type=Path, help="compare the current outputs with this record")
    ap.add_argument("--docs", type=int, default=300, help="generated reports besides the examples")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--fields", default=",".join(FIELDS), help="comma-separated fields to compare")
    ap.add_argument("--show", type=int, default=2, help="differences printed per field")
    args = ap.parse_args(argv)
    if not args.record and not args.compare:
        ap.error("give --record or --compare")
    outputs = run(corpus(args.docs, args.seed))
    if args.record:
        with gzip.open(args.record, "wt", encoding="utf-8") as fh:
            json.dump({"docs": args.docs, "seed": args.seed, "outputs": outputs}, fh)
        print(f"recorded {len(outputs)} documents to {args.record}")
    if args.compare:
        with gzip.open(args.compare, "rt", encoding="utf-8") as fh:
            before = json.load(fh)
        if (before["docs"], before["seed"]) != (args.docs, args.seed):
            ap.error(f"record was made with --docs {before['docs']} --seed {before['seed']}")
        fields = [f.strip() for f in args.fields.split(",") if f.strip()]
        n = compare(before["outputs"], outputs, fields, args.show)
        print("identical" if n == 0 else f"{n} field differences")
        return 0 if n == 0 else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
