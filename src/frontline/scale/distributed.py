"""``frontline run --workers N`` / ``--scheduler ADDRESS``: the per-document stages on Dask.

The client reads the inputs (so workers need no access to the client's files),
drops content already stored, and ships batches of :class:`Document` (text
only, never the raw bytes) to the workers; each worker runs the per-document
stages with :func:`frontline.runner.analyse`, exactly the code the
single-process run uses, so the two runs store identical results.  Batches come
back as they finish and the client writes each in one transaction, the same
unit of safety as :func:`frontline.runner.run_paths`: a crash loses at most the
batches in flight, which the next run redoes because their hashes are unknown.

Why the client writes: SQLite allows one writer, and a single writer keeps a
PostgreSQL run's batches as atomic as the local run's.  The per-document
stages are where the time goes (measured in ``docs/scale.md``), so this is not
the bottleneck at two to eight workers.

A bounded number of batches is in flight (``2 × workers`` by default), so
memory stays flat however large the corpus is, and a worker that dies is
replaced: Dask reschedules its batch on another worker.

The corpus stages (dedup clusters, event merge) then run once, in the client,
through :func:`frontline.corpus.update_corpus`, the same incremental code the
single-process run uses, so both runs store the same clusters and events.
They are not yet distributed reductions (see ``docs/scale.md``, known gaps).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontline import pipeline
from frontline.ingest import DEFAULT_MAX_BYTES, IngestError, read_inputs, to_document
from frontline.model import Document, RawDocument
from frontline.runner import InputResult, RunReport, analyse, result_for
from frontline.store import Store, open_store

log = logging.getLogger(__name__)

Progress = Callable[[str, int], None]


@dataclass(slots=True)
class BatchResult:
    """What a worker sends back for one batch: analysed documents and timings."""

    docs: list[Document]
    problems: list[list[str]]
    seconds: float
    worker: str = ""
    stage_seconds: dict[str, float] = field(default_factory=dict)


def analyse_batch(docs: list[Document], stage_names: Sequence[str] | None) -> BatchResult:
    """Worker side: run the per-document stages over one batch.

    Stages are resolved by name on the worker (``pipeline.select``), so only
    names travel over the wire and each worker imports just what it runs.
    """
    t0 = time.perf_counter()
    chain = pipeline.select(stage_names)
    out: list[Document] = []
    problems: list[list[str]] = []
    for doc in docs:
        analysed, errs = analyse(doc, chain)
        out.append(analysed)
        problems.append(errs)
    worker = ""
    try:  # the worker's address, for the report; absent when run inline
        from distributed import get_worker

        worker = get_worker().address
    except (ImportError, ValueError):
        pass
    return BatchResult(out, problems, time.perf_counter() - t0, worker)


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A ``distributed.Client`` on a fresh local cluster or an existing scheduler.

    Local workers are processes with one thread each: the stages are pure
    Python, so threads would serialise on the GIL.
    """
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    n = workers or os.cpu_count() or 1
    with (
        LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _batches(items: Iterable[RawDocument | IngestError], size: int) -> Iterator[list[RawDocument | IngestError]]:
    batch: list[RawDocument | IngestError] = []
    for item in items:
        batch.append(item)
        if sum(1 for b in batch if not isinstance(b, IngestError)) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_distributed(
    paths: Iterable[str | Path],
    store_url: str | None = None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    stages: Sequence[str] | None = None,
    batch_size: int = 50,
    max_in_flight: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    corpus: bool = True,
    parquet_dir: str | Path | None = None,
    progress: Progress | None = None,
    client: Any | None = None,
) -> RunReport:
    """Ingest ``paths`` with the per-document stages on a Dask cluster.

    Give ``workers`` (a local cluster of that many processes) or ``scheduler``
    (``tcp://host:8786`` of a running cluster), or an existing ``client``.
    Results go to ``store_url`` (default: ``FRONTLINE_DATABASE_URL`` or the
    local SQLite file) and, when ``parquet_dir`` is given, also to a Parquet
    dataset there (one file per batch).  Returns the same :class:`RunReport`
    as the single-process ``run_paths``; ``report.corpus["scale"]`` holds the
    run's cluster statistics.
    """
    if workers is not None and scheduler is not None:
        raise ValueError("give workers= or scheduler=, not both")
    if workers is not None and workers < 1:
        raise ValueError("workers must be at least 1")
    chain = pipeline.select(stages)  # validates names before any cluster starts
    stage_names = [s.name for s in chain]
    store = open_store(store_url)
    if client is not None:
        return _run(client, store, paths, stage_names, batch_size, max_in_flight, max_bytes, corpus, parquet_dir, progress)
    with dask_client(workers, scheduler) as own:
        return _run(own, store, paths, stage_names, batch_size, max_in_flight, max_bytes, corpus, parquet_dir, progress)


def _run(
    client: Any,
    store: Store,
    paths: Iterable[str | Path],
    stage_names: list[str],
    batch_size: int,
    max_in_flight: int | None,
    max_bytes: int,
    corpus: bool,
    parquet_dir: str | Path | None,
    progress: Progress | None,
) -> RunReport:
    from distributed import KilledWorker, as_completed

    t0 = time.perf_counter()
    report = RunReport()
    n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    limit = max_in_flight or 2 * n_workers
    writer = _ParquetWriter(Path(parquet_dir)) if parquet_dir else None
    pending_raw: dict[Any, list[RawDocument]] = {}
    bad: list[IngestError] = []
    seen: set[str] = set()
    busy: dict[str, float] = {}
    stats = {"batches": 0, "worker_seconds": 0.0}

    def collect(future: Any) -> None:
        raws = pending_raw.pop(future)
        try:
            result: BatchResult = future.result()
        except KilledWorker as exc:
            # The batch took down every worker it was tried on (a poison input: a crash or an
            # out-of-memory in a stage).  Record its inputs as errors and go on with the rest.
            lost = [IngestError(r.source_path, "worker-died", str(exc)[:500], r.content_hash) for r in raws]
            store.record_errors(lost)
            for r in raws:
                report.results.append(InputResult(r.source_path, "error", f"worker-died: {exc}"[:300]))
            return
        _store_batch(store, raws, result, report, writer)
        stats["batches"] += 1
        stats["worker_seconds"] += result.seconds
        busy[result.worker] = busy.get(result.worker, 0.0) + result.seconds
        if progress:
            progress("batch", len(raws))

    flying = as_completed()
    in_flight = 0
    for batch in _batches(read_inputs(paths, max_bytes=max_bytes), batch_size):
        raws: list[RawDocument] = []
        for item in batch:
            if isinstance(item, IngestError):
                bad.append(item)
                report.results.append(InputResult(item.source_path, "error", f"{item.reason}: {item.detail}"))
                if progress:
                    progress("error", 1)
            else:
                raws.append(item)
        known = store.known_hashes(r.content_hash for r in raws) if raws else set()
        fresh: list[RawDocument] = []
        for raw in raws:
            if raw.content_hash in known or raw.content_hash in seen:
                report.results.append(InputResult(raw.source_path, "duplicate", "same content already stored", raw.content_hash[:16]))
                continue
            seen.add(raw.content_hash)
            fresh.append(raw)
        if not fresh:
            continue
        future = client.submit(analyse_batch, [to_document(r) for r in fresh], stage_names, pure=False)
        pending_raw[future] = fresh
        flying.add(future)
        in_flight += 1
        while in_flight >= limit:
            collect(next(flying))
            in_flight -= 1
    for future in flying:
        collect(future)
    store.record_errors(bad)
    if writer is not None:
        writer.close()
    scale_stats: dict[str, object] = {
        "workers": n_workers,
        "batches": stats["batches"],
        "worker_seconds": round(stats["worker_seconds"], 3),
        "per_worker_seconds": {k: round(v, 3) for k, v in sorted(busy.items())},
    }
    if corpus and report.stored_ids and importlib.util.find_spec("frontline.corpus") is not None:
        from frontline.corpus import update_corpus

        report.corpus = dict(update_corpus(store, report.stored_ids, stages=pipeline.select(stage_names)) or {})
        _refresh_results(store, report)
    report.corpus["scale"] = scale_stats
    report.elapsed = time.perf_counter() - t0
    return report


def _store_batch(
    store: Store, raws: list[RawDocument], result: BatchResult, report: RunReport, writer: _ParquetWriter | None
) -> None:
    """One transaction per batch, the errors of its stages included."""
    items: list[tuple[RawDocument, Document]] = []
    errors: list[IngestError] = []
    for raw, doc, problems in zip(raws, result.docs, result.problems, strict=True):
        items.append((raw, doc))
        errors.extend(IngestError(raw.source_path, "stage-failed", p, raw.content_hash) for p in problems)
        status = "stored-with-errors" if problems else "stored"
        report.results.append(result_for(doc, status, "; ".join(problems)))
    store.save_batch(items, errors)
    if writer is not None:
        writer.write(result.docs)


def _refresh_results(store: Store, report: RunReport) -> None:
    """Corpus stages may fill dates/outlets from republications; show the final values."""
    docs = {d.id: d for d in store.load_documents(report.stored_ids)}
    for i, r in enumerate(report.results):
        if r.doc_id in docs:
            report.results[i] = result_for(docs[r.doc_id], r.status, r.reason)


class _ParquetWriter:
    """Documents and their analyses as a Parquet dataset, one file per batch.

    Nested analyses are JSON strings: the dataset is for bulk analytics
    (DuckDB, pandas, Spark) over millions of rows, where one flat schema that
    never changes with the stages matters more than nested column types.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.n = len(list(self.folder.glob("part-*.parquet")))

    def write(self, docs: Sequence[Document]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from frontline.scale.snapshot import document_record

        rows = [document_record(d) for d in docs]
        table = pa.Table.from_pylist(rows, schema=_parquet_schema())
        pq.write_table(table, self.folder / f"part-{self.n:06d}.parquet")
        self.n += 1

    def close(self) -> None:
        pass


def _parquet_schema() -> Any:
    import pyarrow as pa

    from frontline.scale.snapshot import RECORD_FIELDS

    return pa.schema([(name, pa.string()) for name in RECORD_FIELDS])
