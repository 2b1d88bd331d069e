"""Latency of GET /api/events with 100k generated events in SQLite (p50 / p99 per query).

Usage: nice python benchmarks/api_latency.py [--events 100000] [--repeat 200] [--db PATH]

The app runs in-process (FastAPI's ASGI test client), so the figures are the
API + query cost without network.  Wall-clock and CPU time (this process,
app thread included) are both reported: on a shared, overloaded machine the
wall clock mostly measures waiting for a core.  The database is built once with the
generator in ``frontline.api.synthetic`` and reused when ``--db`` exists.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

from fastapi.testclient import TestClient

from frontline.api import create_app, synthetic
from frontline.store import open_store

QUERIES: dict[str, dict[str, object]] = {
    "first page (limit 100)": {"limit": 100},
    "one week + event_type": {"date_from": "2020-01-08", "date_to": "2020-01-14", "event_type": "Battles", "limit": 100},
    "bbox (~20 km) + min_sources=2": {"bbox": "36.7,35.7,36.9,35.9", "min_sources": 2, "limit": 100},
    "actor substring": {"actor": "rebels", "limit": 100},
    "outlet": {"outlet": "Outlet B", "limit": 100},
    "geojson, 1000 features": {"format": "geojson", "limit": 1000},
    "deep page (offset 90000)": {"limit": 100, "offset": 90000},
}


def build(path: Path, n_events: int) -> str:
    url = f"sqlite:///{path}"
    if path.exists():
        return url
    t0 = time.perf_counter()
    store = open_store(url)
    synthetic.write(store.engine, synthetic.generate(n_events=n_events, n_documents=500, seed=1, days=120, n_places=400))
    print(f"built {n_events} events in {time.perf_counter() - t0:.1f} s -> {path}")
    return url


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--db", type=Path, default=Path("/tmp/frontline-bench-100k.db"))
    opts = parser.parse_args()
    client = TestClient(create_app(build(opts.db, opts.events)))
    print(f"# /api/events latency, {opts.events} events, SQLite, {opts.repeat} requests each, {platform.processor() or platform.machine()}")
    print("| query | matches | p50 ms | p99 ms | CPU p50 ms | CPU p99 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, params in QUERIES.items():
        first = client.get("/api/events", params=params)
        assert first.status_code == 200, first.text
        times, cpu = [], []
        for _ in range(opts.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            client.get("/api/events", params=params)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        print(
            f"| {name} | {first.json()['total']} | {statistics.median(times):.1f} | {percentile(times, 0.99):.1f} "
            f"| {statistics.median(cpu):.1f} | {percentile(cpu, 0.99):.1f} |"
        )


if __name__ == "__main__":
    main()
