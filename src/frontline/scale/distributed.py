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

The corpus stages then run with their per-document and per-key work on the
workers: each batch also returns its documents' dedup signatures (shingling
and MinHash, the map step), and a from-scratch event merge is a Dask
reduction (workers read the stored events, shuffle them by sub-event type and
merge each type, see :func:`distributed_rebuild`).  The client keeps what is
sequential by design (inserting into the LSH index, whose candidate limits
depend on arrival order, and the small incremental merges) and writes the
results, through :func:`frontline.corpus.update_corpus_detail`, the same code
the single-process run uses, so both runs store the same clusters and events.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from frontline import pipeline
from frontline.ingest import DEFAULT_MAX_BYTES, IngestError, read_inputs, to_document
from frontline.model import Document, RawDocument
from frontline.runner import InputResult, RunReport, analyse, refuse, result_for
from frontline.store import Store, open_store
from frontline.store.encoded import EncodedDocument, encode_document

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
    #: Dedup signature columns per document (the map side of the corpus stage), or None.
    signatures: list[dict[str, Any] | None] = field(default_factory=list)
    #: The documents' rows encoded for the store (then ``docs`` is empty unless asked for).
    encoded: list[EncodedDocument] | None = None
    #: The report line of each document (what the client needs of a document it does not receive).
    results: list[InputResult] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.problems)


def analyse_batch(
    docs: list[Document],
    stage_names: Sequence[str] | None,
    with_signatures: bool = False,
    encode_for: str | None = None,
    keep_docs: bool = True,
) -> BatchResult:
    """Worker side: run the per-document stages over one batch.

    Stages are resolved by name on the worker (``pipeline.select``), so only
    names travel over the wire and each worker imports just what it runs.
    With ``encode_for`` (the store's URL, a positional-parameter backend such
    as SQLite) the worker also encodes the rows the store will write, so the
    client — the one serial writer — only executes them; the documents
    themselves then travel back only when ``keep_docs`` (a Parquet copy).
    """
    t0 = time.perf_counter()
    chain = pipeline.select(stage_names)
    out: list[Document] = []
    problems: list[list[str]] = []
    for doc in docs:
        analysed, errs = analyse(doc, chain)
        out.append(analysed)
        problems.append(errs)
    signatures = _signatures(out) if with_signatures else []
    encoded = None
    if encode_for is not None:
        dialect = _engine(encode_for).dialect
        encoded = [encode_document(dialect, d) for d in out]
    results = [result_for(d, "stored-with-errors" if p else "stored", "; ".join(p)) for d, p in zip(out, problems, strict=True)]
    worker = ""
    try:  # the worker's address, for the report; absent when run inline
        from distributed import get_worker

        worker = get_worker().address
    except (ImportError, ValueError):
        pass
    kept = out if keep_docs or encoded is None else []
    return BatchResult(kept, problems, time.perf_counter() - t0, worker, signatures=signatures, encoded=encoded, results=results)


def _signatures(docs: Sequence[Document]) -> list[dict[str, Any] | None]:
    """Dedup signatures of analysed documents, computed where the documents are (the workers).

    Shingling and MinHash are per-document work; doing them here leaves the
    client only the LSH index, which is order-dependent by design.
    """
    try:
        from frontline.dedup import load_config, signature_of
    except ImportError:
        return [None] * len(docs)
    cfg = load_config()
    out: list[dict[str, Any] | None] = []
    for doc in docs:
        try:
            sig = signature_of(doc, cfg)
        except Exception:  # the corpus stage recomputes it and records the error
            out.append(None)
            continue
        out.append({"num_perm": sig.num_perm, "hashvalues": sig.hashvalues_bytes(), "shingles": sig.shingles_bytes()})
    return out


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
    from distributed import KilledWorker, as_completed, wait

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
    signatures: dict[str, dict[str, Any]] = {}

    suspects: list[RawDocument] = []

    def collect(future: Any, isolated: bool = False) -> None:
        raws = pending_raw.pop(future)
        try:
            result: BatchResult = future.result()
        except KilledWorker as exc:
            if isolated:
                # Alone on the cluster, this one input still took down every worker it was tried
                # on (a crash or an out-of-memory in a stage): record it as an error, go on.
                lost = [IngestError(r.source_path, "worker-died", str(exc)[:500], r.content_hash) for r in raws]
                store.record_errors(lost)
                for r in raws:
                    report.results.append(InputResult(r.source_path, "error", f"worker-died: {exc}"[:300]))
                return
            # Dask also blames tasks that merely shared the dying worker with the culprit, so an
            # innocent batch can reach the retry limit too: retry each input alone at the end.
            suspects.extend(raws)
            return
        _store_batch(store, raws, result, report, writer)
        for line, sig in zip(result.results, result.signatures, strict=False):
            if sig is not None and line.doc_id:
                signatures[line.doc_id] = sig
        stats["batches"] += 1
        stats["worker_seconds"] += result.seconds
        busy[result.worker] = busy.get(result.worker, 0.0) + result.seconds
        if progress:
            progress("batch", len(raws))

    # Workers encode the rows for a positional-parameter store (SQLite); the client only writes.
    encode_for = store.url if store.engine.dialect.positional else None
    task_args = (stage_names, corpus, encode_for, writer is not None)
    flying = as_completed()
    in_flight = 0
    for batch in _batches(read_inputs(paths, max_bytes=max_bytes), batch_size):
        raws: list[RawDocument] = []
        for item in batch:
            if isinstance(item, IngestError):
                refuse(item, bad, report, progress)
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
        future = client.submit(analyse_batch, [to_document(r) for r in fresh], *task_args, pure=False)
        pending_raw[future] = fresh
        flying.add(future)
        in_flight += 1
        while in_flight >= limit:
            collect(next(flying))
            in_flight -= 1
    for future in flying:
        collect(future)
    for raw in suspects:  # one input at a time, nothing else on the cluster
        future = client.submit(analyse_batch, [to_document(raw)], *task_args, pure=False)
        pending_raw[future] = [raw]
        wait([future])
        collect(future, isolated=True)
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
        from frontline.corpus import update_corpus_detail
        from frontline.runner import refresher

        t_corpus = time.perf_counter()
        summary, _changed = update_corpus_detail(
            store,
            report.stored_ids,
            stages=pipeline.select(stage_names),
            signatures=signatures,
            rebuild_events=partial(distributed_rebuild, client, store.url, n_workers, stats=scale_stats),
            on_changed=refresher(report),
        )
        report.corpus = dict(summary or {})
        scale_stats["corpus_seconds"] = round(time.perf_counter() - t_corpus, 3)
        scale_stats["signatures_from_workers"] = len(signatures)
    report.corpus["scale"] = scale_stats
    report.elapsed = time.perf_counter() - t0
    return report


def _store_batch(
    store: Store, raws: list[RawDocument], result: BatchResult, report: RunReport, writer: _ParquetWriter | None
) -> None:
    """One transaction per batch, the errors of its stages included."""
    errors: list[IngestError] = []
    for raw, problems in zip(raws, result.problems, strict=True):
        errors.extend(IngestError(raw.source_path, "stage-failed", p, raw.content_hash) for p in problems)
    if result.encoded is not None:
        store.save_encoded_batch(list(zip(raws, result.encoded, strict=True)), errors)
    else:
        store.save_batch(list(zip(raws, result.docs, strict=True)), errors)
    report.results.extend(result.results)
    if writer is not None:
        writer.write(result.docs)


def _read_events(url: str, doc_ids: list[str]) -> list[Any]:
    """Worker side of the merge's map step: the per-document events of some documents."""
    from frontline.merge.incremental import read_items

    engine = _engine(url)
    with engine.connect() as conn:
        return list(read_items(conn, doc_ids))


_ENGINES: dict[str, Any] = {}


def _engine(url: str) -> Any:
    """One engine per worker process and store (workers read the store directly)."""
    if url not in _ENGINES:
        from frontline.store.engine import make_engine

        _ENGINES[url] = make_engine(url)
    return _ENGINES[url]


def _by_type(item: Any) -> str:
    return item[0]


def _merge_group(group: tuple[str, list[Any]]) -> Any:
    from frontline.merge.incremental import merge_type

    return merge_type(group[1])


def distributed_rebuild(
    client: Any, url: str, n_workers: int, conn: Any, *, chunk: int = 2000, stats: dict[str, Any] | None = None
) -> int:
    """The from-scratch event merge as a Dask reduction: read on workers, shuffle by type, merge per type.

    Workers read the documents' events straight from the store (map), Dask
    shuffles them by sub-event type (events of different types never merge),
    and each type is merged on a worker with the single-process code
    (:func:`frontline.merge.incremental.merge_type`); the client only writes
    the merged rows.  Used when the merge starts from nothing, which is what
    a large ingest into a new store does; small incremental merges stay in
    the client, where they are a few indexed queries.
    """
    import dask.bag as db
    from sqlalchemy import select

    from frontline.merge.incremental import write_rebuilt
    from frontline.store.schema import documents

    ids = list(conn.scalars(select(documents.c.id).where(documents.c.doc_events.isnot(None)).order_by(documents.c.id)))
    if not ids:
        return write_rebuilt(conn, [])
    chunks = [ids[i : i + chunk] for i in range(0, len(ids), chunk)]
    bag = db.from_sequence(chunks, npartitions=min(len(chunks), 4 * n_workers))
    merged = (
        bag.map(partial(_read_events, url))
        .flatten()
        .groupby(_by_type, shuffle="tasks", npartitions=max(1, 2 * n_workers))
        .map(_merge_group)
    )
    # One future per output partition, written as each completes and then released: gathering
    # the whole result at once would hold every merged event of the corpus in the client.
    from distributed import as_completed

    futures = client.compute(merged.to_delayed())
    types = 0

    def results() -> Iterator[Any]:
        nonlocal types
        for future in as_completed(futures):
            part = future.result()
            future.release()
            types += len(part)
            yield from part

    n = write_rebuilt(conn, results())
    if stats is not None:
        stats["merge_reduction"] = {"partitions": len(chunks), "types": types}
    return n


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
