"""A bounded load test of ``frontline serve`` on loopback: mixed reads and token-authenticated writes.

The server runs as a real ``frontline serve`` subprocess (uvicorn, one
process), seeded by ``frontline run`` on a generated corpus, so the numbers
include HTTP parsing, JSON encoding and the database, exactly what a map
user or an ingest client sees.  The load is *bounded*: a fixed number of
requests from a fixed number of concurrent clients, so a run takes the same
work every time and cannot overload a shared machine indefinitely.  Any
non-2xx answer or transport error counts as an error; the goal is zero.
"""

from __future__ import annotations

import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Read endpoints and their weights (the map's calls dominate).
READS: tuple[tuple[str, int], ...] = (
    ("/api/events?limit=100", 5),
    ("/api/events/{event_id}", 3),
    ("/api/documents?limit=50", 2),
    ("/api/documents/{doc_id}", 3),
    ("/api/stats/daily", 2),
    ("/api/meta", 1),
    ("/api/clusters", 1),
    ("/api/health", 1),
)


@dataclass(slots=True)
class Sample:
    kind: str  # read | write
    path: str
    status: int
    seconds: float
    error: str = ""


@dataclass(slots=True)
class LoadResult:
    backend: str
    requests: int
    concurrency: int
    seconds: float
    samples: list[Sample] = field(default_factory=list)
    #: Events and documents visible (first 200) when the load started.
    stored: dict[str, int] = field(default_factory=dict)

    def _lat(self, kind: str | None = None) -> list[float]:
        return sorted(s.seconds for s in self.samples if kind is None or s.kind == kind)

    @staticmethod
    def _pct(values: list[float], q: float) -> float | None:
        if not values:
            return None
        return values[min(len(values) - 1, round(q * (len(values) - 1)))]

    def summary(self) -> dict[str, Any]:
        errors = [s for s in self.samples if s.error or not 200 <= s.status < 300]
        out: dict[str, Any] = {
            "backend": self.backend,
            "requests": len(self.samples),
            "concurrency": self.concurrency,
            "seconds": round(self.seconds, 2),
            "throughput_rps": round(len(self.samples) / self.seconds, 1) if self.seconds else None,
            "errors": len(errors),
            "stored_at_start": self.stored,
            "error_examples": sorted({f"{s.status} {s.path} {s.error}"[:200] for s in errors})[:5],
        }
        for kind in ("read", "write"):
            lat = self._lat(kind)
            out[kind] = {
                "count": len(lat),
                "p50_ms": None if not lat else round(1000 * statistics.median(lat), 1),
                "p99_ms": None if not lat else round(1000 * (self._pct(lat, 0.99) or 0), 1),
                "max_ms": None if not lat else round(1000 * lat[-1], 1),
            }
        return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: str, token: str, port: int | None = None, timeout: float = 120.0) -> Iterator[str]:
    """``frontline serve`` in a subprocess; yields its base URL once /api/health answers."""
    import httpx

    port = port or free_port()
    env = {**os.environ, "FRONTLINE_API_TOKEN": token}
    proc = subprocess.Popen(
        [sys.executable, "-m", "frontline", "serve", "--db", db, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"frontline serve exited: {proc.stderr.read()[-2000:] if proc.stderr else ''}")
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("frontline serve did not answer /api/health")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def seed(db: str, corpus: Path, stages: str | None = None) -> None:
    """Fill the database with ``frontline run`` (the way a user would)."""
    cmd = [sys.executable, "-m", "frontline", "run", str(corpus), "--db", db]
    if stages:
        cmd += ["--stages", stages]
    subprocess.run(cmd, check=True, capture_output=True, text=True)


def run_load(
    base: str,
    token: str,
    *,
    requests: int = 400,
    concurrency: int = 8,
    write_share: float = 0.05,
    reports: list[str] | None = None,
    seed_value: int = 1,
    backend: str = "",
) -> LoadResult:
    """Send ``requests`` mixed requests from ``concurrency`` clients; record every latency."""
    import httpx

    with httpx.Client(base_url=base, timeout=120) as probe:
        event_ids = [e["event_id"] for e in _items(probe.get("/api/events?limit=200").json())]
        doc_ids = [d["id"] for d in _items(probe.get("/api/documents?limit=200").json())]
    rng = random.Random(seed_value)
    plan: list[tuple[str, str, str | None]] = []
    # Detail endpoints need ids; with none stored (an empty table) they are left out, not sent as 404s.
    read_paths = [
        p
        for p, w in READS
        for _ in range(w)
        if not ("{event_id}" in p and not event_ids) and not ("{doc_id}" in p and not doc_ids)
    ]
    reports = reports or ["Shelling was reported near the town on Monday; two people were killed."]
    # An exact number of writes, at random positions: every run does the same work.
    n_writes = max(1, round(requests * write_share)) if write_share > 0 else 0
    writes = set(rng.sample(range(requests), min(n_writes, requests)))
    for i in range(requests):
        if i in writes:
            text = rng.choice(reports) + f"\n\n(load test report {seed_value}-{i}-{secrets.token_hex(4)})\n"
            plan.append(("write", "/api/documents", text))
        else:
            path = rng.choice(read_paths).format(
                event_id=rng.choice(event_ids) if event_ids else "", doc_id=rng.choice(doc_ids) if doc_ids else ""
            )
            plan.append(("read", path, None))
    headers = {"Authorization": f"Bearer {token}"}
    local = threading.local()

    def client() -> httpx.Client:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=300)
        return local.client

    def one(item: tuple[str, str, str | None]) -> Sample:
        kind, path, body = item
        t0 = time.perf_counter()
        try:
            if kind == "write":
                r = client().post(path, json={"name": "load-test.txt", "text": body}, headers=headers)
            else:
                r = client().get(path)
            status, error = r.status_code, ""
            if not 200 <= status < 300:
                error = r.text[:150]
        except Exception as exc:  # a transport error is an error of the run, recorded not raised
            status, error = 0, f"{type(exc).__name__}: {exc}"
        return Sample(kind, path.split("?")[0], status, time.perf_counter() - t0, error)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        samples = list(pool.map(one, plan))
    result = LoadResult(backend, requests, concurrency, time.perf_counter() - t0, samples)
    result.stored = {"events": len(event_ids), "documents": len(doc_ids)}
    return result


def _items(payload: Any) -> list[dict[str, Any]]:
    """List endpoints answer a list or ``{"items": [...]}``/``{"events": [...]}``; accept each."""
    if isinstance(payload, list):
        return payload
    if isinstance(payload, dict):
        for key in ("items", "events", "documents", "results", "data"):
            if isinstance(payload.get(key), list):
                return payload[key]
    return []


def load_backend(
    db: str,
    *,
    corpus_docs: int = 60,
    requests: int = 300,
    concurrency: int = 8,
    write_share: float = 0.03,
    work_dir: Path | None = None,
) -> dict[str, Any]:
    """Seed ``db`` from a generated corpus, serve it, run the load; the summary dict."""
    from frontline.scale.corpus import CorpusGenerator, load_articles, write_corpus

    work = Path(work_dir or tempfile.mkdtemp(prefix="frontline-load-"))
    corpus = write_corpus(work / f"corpus-{corpus_docs}", corpus_docs)
    seed(db, corpus)
    reports = [text for _, text in CorpusGenerator(load_articles(), seed=99).generate(40)]
    token = secrets.token_hex(16)
    with serving(db, token) as base:
        result = run_load(
            base, token, requests=requests, concurrency=concurrency, write_share=write_share, reports=reports,
            backend=db.split(":", 1)[0],
        )
    return result.summary()
