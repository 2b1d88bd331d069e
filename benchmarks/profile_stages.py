"""Per-stage throughput of the per-document pipeline, with an optional cProfile.

Why: ``frontline bench`` measures the whole system (Dask, database); to make a
single stage faster we need its own warm docs/second on realistic input and
the functions that dominate it.  This script builds ~800-word reports by
concatenating FA-KES article texts (real war reporting about Syria, so the
trigger, actor and date density is realistic), runs the stages from
``frontline.pipeline.select()`` in order on each report, and times each stage
separately in CPU time of this process (``time.process_time``), so a busy
shared machine does not distort the docs/second per core.  The first report is a warm-up (lazy loading of lexicons, models
and gazetteers) and is excluded.

Usage::

    nice .venv/bin/python benchmarks/profile_stages.py            # all stages
    nice .venv/bin/python benchmarks/profile_stages.py --docs 100 --stages clean,actors
    nice .venv/bin/python benchmarks/profile_stages.py --profile events --top 25

A stage whose prerequisites are not selected still runs them (untimed
columns are not printed) because later stages read their output.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import pstats
import sys
import time
from pathlib import Path

from frontline.model import Document
from frontline.paths import eval_dir
from frontline.pipeline import PER_DOCUMENT, Stage


def build_reports(n: int, words: int = 800) -> list[Document]:
    """``n`` reports of about ``words`` words each, deterministic.

    Each report is a title line, a dateline and consecutive FA-KES texts
    joined as paragraphs until the word budget is reached, so every report
    mixes several incidents the way agency round-ups do.
    """
    path = eval_dir() / "fakes.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [it["text"] for it in items if it.get("text")]
    docs: list[Document] = []
    cursor = 0
    for i in range(n):
        paras: list[str] = []
        count = 0
        while count < words:
            t = texts[cursor % len(texts)]
            cursor += 1
            room = words - count
            if len(t.split()) > room + 50:  # cut the last article at a sentence end near the budget
                cut = t.find(". ", len(" ".join(t.split()[:room])))
                t = t[: cut + 1] if cut > 0 else t
            paras.append(t)
            count += len(t.split())
        title = items[(cursor - 1) % len(items)].get("title") or "Report"
        text = f"{title}\n\nPublished: 5 February 2020\n\n" + "\n\n".join(paras) + "\n"
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        docs.append(Document(id=f"bench-{i:04d}", content_hash=digest, source_path=f"bench/{i}.txt", text=text))
    return docs


def _chain(names: set[str]) -> list[Stage]:
    """The selected stages plus every earlier stage (their fields are needed)."""
    last = max(i for i, s in enumerate(PER_DOCUMENT) if s.name in names)
    return list(PER_DOCUMENT[: last + 1])


def run(
    docs: list[Document], names: set[str], profile: str | None, top: int, repeat: int = 1
) -> dict[str, float]:
    """Time each stage over ``docs`` (first one excluded); returns docs/s per stage.

    With ``repeat`` > 1 the reports are split into ``repeat`` batches and
    each stage keeps its fastest batch (a defence against a busy machine);
    the batches hold different reports, so per-sentence caches do not make a
    later batch look faster than new text would.
    """
    stages = _chain(names | ({profile} if profile else set()))
    funcs = [(s.name, s.load()) for s in stages]
    best: dict[str, float] = {}
    errors = {name: 0 for name, _ in funcs}
    prof = cProfile.Profile() if profile else None
    size = max(2, len(docs) // max(1, repeat))
    batches = [docs[i : i + size] for i in range(0, len(docs), size) if len(docs[i : i + size]) == size]
    for batch in batches:
        totals = _one_pass(batch, funcs, errors, prof, profile)
        for name, t in totals.items():
            best[name] = min(t, best.get(name, t))
        prof = None  # profile the first batch only
    totals = best
    n = max(1, size - 1)
    return _report(docs, funcs, totals, errors, names, profile, top, n, prof_stats=_LAST_PROFILE)


_LAST_PROFILE: list[cProfile.Profile] = []


def _one_pass(docs, funcs, errors, prof, profile) -> dict[str, float]:
    totals = {name: 0.0 for name, _ in funcs}
    if prof is not None:
        _LAST_PROFILE.append(prof)
    for k, doc in enumerate(docs):
        for name, fn in funcs:
            on = prof is not None and name == profile and k > 0
            if on:
                prof.enable()
            t0 = time.process_time()
            try:
                doc = fn(doc)
            except Exception as exc:  # a stage under construction must not hide the others
                errors[name] += 1
                if errors[name] == 1:
                    print(f"[{name}] error: {exc!r}", file=sys.stderr)
            dt = time.process_time() - t0
            if on:
                prof.disable()
            if k > 0:
                totals[name] += dt
    return totals


def _report(docs, funcs, totals, errors, names, profile, top, n, prof_stats) -> dict[str, float]:
    words = sum(len(d.text.split()) for d in docs) / max(1, len(docs))
    print(f"{n} warm reports per batch, {words:.0f} words on average")
    rates: dict[str, float] = {}
    for name, _ in funcs:
        if name not in names and name != profile:
            continue
        rate = n / totals[name] if totals[name] else float("inf")
        rates[name] = rate
        err = f"  ({errors[name]} errors)" if errors[name] else ""
        print(f"{name:10s} {rate:9.1f} docs/s  {1000 * totals[name] / n:8.2f} ms/doc{err}")
    if profile and prof_stats:
        print(f"\n--- cProfile: {profile} (top {top} by cumulative, then by own time) ---")
        st = pstats.Stats(prof_stats[-1])
        st.sort_stats("cumulative").print_stats(top)
        st.sort_stats("tottime").print_stats(top)
    return rates


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200, help="number of reports (first is warm-up)")
    ap.add_argument("--words", type=int, default=800, help="approximate words per report")
    ap.add_argument("--stages", default=",".join(s.name for s in PER_DOCUMENT), help="comma-separated stages to time")
    ap.add_argument("--profile", default=None, help="stage to run under cProfile")
    ap.add_argument("--top", type=int, default=30, help="functions to list in the profile")
    ap.add_argument("--repeat", type=int, default=1, help="split the reports into this many batches; each stage keeps its fastest")
    ap.add_argument("--json", type=Path, default=None, help="also write docs/s per stage here")
    args = ap.parse_args(argv)
    names = {n.strip() for n in args.stages.split(",") if n.strip()}
    unknown = names - {s.name for s in PER_DOCUMENT}
    if unknown:
        ap.error(f"unknown stages: {sorted(unknown)}")
    docs = build_reports(args.docs, args.words)
    rates = run(docs, names, args.profile, args.top, args.repeat)
    if args.json:
        args.json.write_text(json.dumps(rates, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
