"""Time and peak memory of republication clustering at 10k and 100k documents.

Each size runs in its own process (``python -m frontline.dedup.scale``) so
the peak RSS is that size's alone.  Prints one JSON line per size and the
growth ratios (100k / 10k); the results are recorded in docs/dedup.md.

    nice .venv/bin/python benchmarks/dedup_scale.py [--sizes 10000 100000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys


def measure(n: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "frontline.dedup.scale", "--n", str(n)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    results = []
    for n in args.sizes:
        r = measure(n)
        results.append(r)
        print(json.dumps(r), flush=True)
    if len(results) >= 2:
        a, b = results[0], results[-1]
        ratios = {
            "size_ratio": b["documents"] / a["documents"],
            "cpu_ratio_dedup": round(b["cpu_seconds_dedup"] / a["cpu_seconds_dedup"], 2),
            "wall_ratio_dedup": round(b["wall_seconds_dedup"] / a["wall_seconds_dedup"], 2),
            "peak_rss_ratio": round(b["peak_rss_mb"] / a["peak_rss_mb"], 2),
        }
        ratios |= {
            f"cpu_ratio_{phase}": round(b["cpu_seconds"][phase] / max(a["cpu_seconds"][phase], 0.01), 2)
            for phase in a["cpu_seconds"]
        }
        print(json.dumps(ratios))


if __name__ == "__main__":
    main()
