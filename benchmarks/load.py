"""Bounded load test of ``frontline serve`` on loopback, for SQLite and (if configured) PostgreSQL.

    .venv/bin/python benchmarks/load.py [--requests 300] [--concurrency 8] [--write-share 0.03]

Seeds each backend with ``frontline run`` on a generated corpus, starts
``frontline serve`` with a random bearer token, sends mixed reads and
authenticated ``POST /api/documents`` writes, and prints throughput,
p50/p99 latency and the error count (the goal is zero).  PostgreSQL is used
when ``FRONTLINE_TEST_PG_URL`` is set (a throwaway database is created).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from frontline.scale.load import load_backend


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--write-share", type=float, default=0.03)
    ap.add_argument("--corpus-docs", type=int, default=60)
    ap.add_argument("--out", type=Path, help="write the results as JSON here")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="frontline-load-"))
    kw = {"corpus_docs": args.corpus_docs, "requests": args.requests, "concurrency": args.concurrency,
          "write_share": args.write_share, "work_dir": work}
    results = {"sqlite": load_backend(f"sqlite:///{work / 'load.db'}", **kw)}
    pg = os.environ.get("FRONTLINE_TEST_PG_URL")
    if pg:
        from frontline.scale.pgtools import fresh_database

        with fresh_database(pg) as url:
            results["postgresql"] = load_backend(url, **kw)
    text = json.dumps(results, indent=2)
    if args.out:
        args.out.write_text(text)
    print(text)
    return 1 if any(r["errors"] for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
