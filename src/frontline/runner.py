"""``frontline run`` as a library function: inputs → stored, analysed documents.

The batch is the unit of safety: each batch of documents is written in one
transaction after all its per-document stages ran, so a crash (even SIGKILL)
loses at most the batch in flight, and the next run redoes exactly that batch
because its content hashes are not yet stored.  Every bad input or failing
stage becomes a recorded error; the batch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from frontline import pipeline
from frontline.ingest import DEFAULT_MAX_BYTES, IngestError, read_bytes, read_inputs, to_document
from frontline.model import Document, RawDocument
from frontline.store import Store

Progress = Callable[[str, int], None]


@dataclass(slots=True)
class InputResult:
    """What happened to one input (a file, a JSONL line, a feed entry)."""

    source_path: str
    status: str  # stored | duplicate | error | stored-with-errors
    reason: str = ""
    doc_id: str | None = None
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    body_words: int = 0
    comments: int = 0
    events: int = 0


@dataclass(slots=True)
class RunReport:
    results: list[InputResult] = field(default_factory=list)
    elapsed: float = 0.0
    corpus: dict[str, object] = field(default_factory=dict)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def stored_ids(self) -> list[str]:
        return [r.doc_id for r in self.results if r.doc_id and r.status.startswith("stored")]

    @property
    def ok(self) -> bool:
        """False only when nothing at all could be processed."""
        return any(r.status != "error" for r in self.results)


def analyse(doc: Document, stages: Sequence[pipeline.Stage]) -> tuple[Document, list[str]]:
    """Run the per-document stages; a failing stage is reported, the rest still run."""
    problems: list[str] = []
    for stage in stages:
        try:
            doc = stage.load()(doc)
        except Exception as exc:  # one bad document must not stop the batch
            problems.append(f"{stage.name}: {type(exc).__name__}: {exc}")
    return doc, problems


def refuse(item: IngestError, bad: list[IngestError], report: RunReport, progress: Progress | None) -> None:
    """Record an input that ingest refused: kept for the store's error table, reported, counted.

    The single-process and the distributed runs share it so both report a bad
    input the same way.
    """
    bad.append(item)
    report.results.append(InputResult(item.source_path, "error", f"{item.reason}: {item.detail}"))
    if progress:
        progress("error", 1)


def result_for(doc: Document, status: str, reason: str = "") -> InputResult:
    return InputResult(
        source_path=doc.source_path,
        status=status,
        reason=reason,
        doc_id=doc.id,
        title=doc.title,
        outlet=doc.outlet,
        date=doc.publication_date.isoformat() if doc.publication_date else None,
        body_words=sum(len(doc.text[p.start : p.end].split()) for p in doc.body_spans),
        comments=len(doc.parts_of("comment")),
        events=len(doc.events),
    )


def run_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    stages: Sequence[str] | None = None,
    batch_size: int = 50,
    max_bytes: int = DEFAULT_MAX_BYTES,
    corpus: bool = True,
    progress: Progress | None = None,
) -> RunReport:
    """Ingest and analyse ``paths`` (files, folders, '-') into ``store``."""
    return run_items(
        store, read_inputs(paths, max_bytes=max_bytes), stages=stages, batch_size=batch_size, corpus=corpus, progress=progress
    )


def run_bytes(store: Store, name: str, data: bytes, media_type: str, *, stages: Sequence[str] | None = None) -> RunReport:
    """Ingest one in-memory input (the API's POST) exactly as ``frontline run`` would a file."""
    return run_items(store, read_bytes(name, data, media_type), stages=stages)


def run_items(
    store: Store,
    items: Iterable[RawDocument | IngestError],
    *,
    stages: Sequence[str] | None = None,
    batch_size: int = 50,
    corpus: bool = True,
    progress: Progress | None = None,
) -> RunReport:
    """Analyse and store already-read inputs; see the module docstring."""
    t0 = time.perf_counter()
    chain = pipeline.select(stages)
    report = RunReport()
    pending: list[RawDocument] = []

    def flush() -> None:
        if not pending:
            return
        known = store.known_hashes(r.content_hash for r in pending)
        items: list[tuple[RawDocument, Document]] = []
        errors: list[IngestError] = []
        seen: set[str] = set()
        for raw in pending:
            if raw.content_hash in known or raw.content_hash in seen:
                report.results.append(InputResult(raw.source_path, "duplicate", "same content already stored", raw.content_hash[:16]))
                continue
            seen.add(raw.content_hash)
            doc, problems = analyse(to_document(raw), chain)
            items.append((raw, doc))
            if problems:
                errors.extend(IngestError(raw.source_path, "stage-failed", p, raw.content_hash) for p in problems)
            report.results.append(result_for(doc, "stored-with-errors" if problems else "stored", "; ".join(problems)))
        store.save_batch(items, errors)
        if progress:
            progress("batch", len(pending))
        pending.clear()

    bad: list[IngestError] = []
    for item in items:
        if isinstance(item, IngestError):
            refuse(item, bad, report, progress)
            continue
        pending.append(item)
        if len(pending) >= batch_size:
            flush()
    flush()
    store.record_errors(bad)
    # Documents a killed earlier run committed but never passed to the corpus
    # stages are picked up here, so a restart finishes what the crash left.
    pending_corpus = sorted(set(report.stored_ids) | set(store.ids_without_signature())) if corpus else []
    if pending_corpus:
        from frontline.corpus import update_corpus_detail

        report.corpus, _changed = update_corpus_detail(store, pending_corpus, stages=chain, on_changed=refresher(report))
    report.elapsed = time.perf_counter() - t0
    return report


def refresher(report: RunReport) -> Callable[[Document], None]:
    """A callback showing, in the report, the final values corpus stages gave a document.

    Dedup may fill dates/outlets from republications; the corpus stages hand
    each document they rewrite to this callback, so nothing is read back from
    the store and the documents are never all in memory at once.
    """
    stored = set(report.stored_ids)
    where: dict[str, list[int]] = {}
    for i, r in enumerate(report.results):
        if r.doc_id in stored:
            where.setdefault(r.doc_id, []).append(i)

    def refresh(doc: Document) -> None:
        for i in where.get(doc.id, ()):
            r = report.results[i]
            report.results[i] = result_for(doc, r.status, r.reason)

    return refresh
