"""The benchmark harness behind ``frontline bench`` and ``benchmarks/run.py``.

Each end-to-end measurement runs in a fresh child process, so its peak memory
is its own (not the parent's, which holds the generated corpus) and no warm
cache from an earlier measurement flatters a later one.  Peak memory is the
whole process tree's resident set (client plus Dask workers), sampled every
100 ms with psutil.

What is measured (see ``docs/scale.md`` for the table and the machine):

* per-stage documents/second on the 1k corpus, single process;
* end-to-end documents/second (ingest, per-document stages, one transaction
  per batch into the store, then the corpus stages) and peak RSS at each size;
* the same with Dask at 1 and 2 local workers (speed-up);
* database write throughput (``Store.save_batch``) for SQLite and PostgreSQL;
* baselines in the same run: the issue's "spaCy small-model NER + fuzzy
  gazetteer lookup" (a model with en_core_web_sm's NER architecture, trained
  once by the set-up step, see ``frontline.scale.baseline``) and, as a
  second "pattern-only" row, spaCy blank English with an entity ruler of the
  gazetteer's names; both resolve entities with rapidfuzz in the gazetteer.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from frontline import pipeline
from frontline.model import RawDocument
from frontline.paths import shared_dir

#: Default sizes of ``frontline bench``; 10k and 100k are explicit flags.
DEFAULT_SIZES = (1000,)


# -- memory ----------------------------------------------------------------------
class PeakRSS:
    """Samples the resident set of this process and all its children (Dask workers).

    It also keeps the last CPU time (user + system) seen for every process of
    the tree, so ``cpu_seconds`` is the work done however busy the machine
    was: wall-clock rates on a shared two-core machine depend on everyone
    else's load, CPU-time rates do not.
    """

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak = 0
        self._cpu: dict[int, float] = {}
        self._cpu0: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        try:
            import psutil
        except ImportError:  # fall back to this process's own high-water mark
            import resource

            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        me = psutil.Process()
        total = 0
        for p in [me, *me.children(recursive=True)]:
            try:
                total += p.memory_info().rss
                t = p.cpu_times()
                self._cpu[p.pid] = t.user + t.system
            except psutil.Error:
                continue
        return total

    @property
    def cpu_seconds(self) -> float:
        return sum(v - self._cpu0.get(pid, 0.0) for pid, v in self._cpu.items())

    def mark(self) -> None:
        """Start counting CPU time from now (excludes start-up and warm-up)."""
        self._sample()
        self._cpu0 = dict(self._cpu)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def warm_up(stage_names: Sequence[str]) -> None:
    """Load every stage's data once (gazetteer, lexicons, models), so timing measures steady state."""
    from frontline.model import Document
    from frontline.runner import analyse

    text = "Title\n\nOn Monday, 3 people were killed in shelling near the town, according to local sources.\n"
    analyse(Document(id="warm", content_hash="warm", source_path="warm", text=text), pipeline.select(stage_names))


# -- stage availability -------------------------------------------------------------
def available_stages() -> list[str]:
    """Per-document stages whose function can be imported now (others are reported as missing)."""
    names = []
    for stage in pipeline.PER_DOCUMENT:
        try:
            stage.load()
        except (ImportError, AttributeError):
            continue
        names.append(stage.name)
    return names


# -- child-process measurements ------------------------------------------------------
def _child_end_to_end(spec: dict[str, Any]) -> dict[str, Any]:
    """Ingest a corpus folder into a fresh store; time the document and corpus phases."""
    from frontline.runner import run_paths
    from frontline.store import open_store

    stages = spec["stages"]
    with PeakRSS() as rss:
        t0 = time.perf_counter()
        workers = spec.get("workers")
        if workers:
            from frontline.scale.distributed import dask_client, run_distributed

            with dask_client(workers=workers) as client:
                client.run(warm_up, stages)
                rss.mark()
                t_ready = time.perf_counter()
                report = run_distributed(
                    [spec["corpus"]], spec["db"], stages=stages, corpus=False, client=client, batch_size=spec["batch"]
                )
                t_docs = time.perf_counter()
                cpu_docs = rss.cpu_seconds
                rss.mark()
        else:
            store = open_store(spec["db"])
            warm_up(stages)
            rss.mark()
            t_ready = time.perf_counter()
            report = run_paths(store, [spec["corpus"]], stages=stages, corpus=False, batch_size=spec["batch"])
            t_docs = time.perf_counter()
            cpu_docs = rss.cpu_seconds
            rss.mark()
        corpus_seconds = None
        if spec.get("corpus_stages"):
            from frontline.corpus import update_corpus
            from frontline.store import open_store as _open

            store = _open(spec["db"])
            update_corpus(store, report.stored_ids, stages=pipeline.select(stages))
            corpus_seconds = time.perf_counter() - t_docs
        t_end = time.perf_counter()
        cpu_corpus = rss.cpu_seconds
    n = len(report.results)
    doc_seconds = t_docs - t_ready
    return {
        "inputs": n,
        "stored": len(report.stored_ids),
        "duplicates": report.count("duplicate"),
        "errors": report.count("error"),
        "startup_seconds": round(t_ready - t0, 3),
        "document_seconds": round(doc_seconds, 3),
        "corpus_seconds": None if corpus_seconds is None else round(corpus_seconds, 3),
        "total_seconds": round(t_end - t0, 3),
        "docs_per_second": round(n / doc_seconds, 1) if doc_seconds else None,
        "end_to_end_docs_per_second": round(n / (t_end - t_ready), 1),
        "peak_rss_mb": round(rss.peak / 2**20, 1),
        "cpu_seconds_documents": round(cpu_docs, 2),
        "docs_per_cpu_second": round(n / cpu_docs, 2) if cpu_docs else None,
        "cpu_seconds_corpus": round(cpu_corpus, 2) if corpus_seconds is not None else None,
    }


def _child_stages(spec: dict[str, Any]) -> dict[str, Any]:
    """Per-stage throughput: each stage timed over the documents the previous one produced."""
    from frontline.ingest import read_inputs, to_document
    from frontline.runner import analyse

    docs = [to_document(r) for r in read_inputs([spec["corpus"]]) if isinstance(r, RawDocument)][: spec.get("limit")]
    out: dict[str, Any] = {"documents": len(docs)}
    warm_up(spec["stages"])
    for stage in pipeline.select(spec["stages"]):
        c0 = time.process_time()
        t0 = time.perf_counter()
        failures = 0
        nxt = []
        for d in docs:
            d2, problems = analyse(d, [stage])
            failures += bool(problems)
            nxt.append(d2)
        dt_ = time.perf_counter() - t0
        docs = nxt
        cpu = time.process_time() - c0
        out[stage.name] = {
            "seconds": round(dt_, 3),
            "docs_per_second": round(len(docs) / dt_, 1),
            "docs_per_cpu_second": round(len(docs) / cpu, 1) if cpu else None,
            "failures": failures,
        }
    return out


def _child_db_writes(spec: dict[str, Any]) -> dict[str, Any]:
    """Store.save_batch throughput alone: re-write the analysed documents of an earlier run's store."""
    from frontline.store import open_store

    docs = open_store(spec["source_db"]).load_documents()
    items = [
        (RawDocument(d.source_path, d.text.encode("utf-8"), d.content_hash, d.text, d.encoding, d.media_type), d)
        for d in docs
    ]
    store = open_store(spec["db"])
    rows_per_doc = sum(
        2 + len(d.parts) + len(d.sentences) + len(d.place_mentions) + len(d.actor_mentions) + len(d.framing_spans)
        for d in docs
    ) / max(1, len(docs))
    batch = spec["batch"]
    if spec.get("bulk"):
        from frontline.scale.bulk import bulk_save_batch

        def write(chunk: list) -> None:
            bulk_save_batch(store, chunk)
    else:
        write = store.save_batch
    t0 = time.perf_counter()
    for i in range(0, len(items), batch):
        write(items[i : i + batch])
    dt_ = time.perf_counter() - t0
    return {
        "documents": len(items),
        "rows_per_document": round(rows_per_doc, 1),
        "seconds": round(dt_, 3),
        "docs_per_second": round(len(items) / dt_, 1),
        "rows_per_second": round(len(items) * rows_per_doc / dt_, 1),
        "backend": store.backend,
    }


def _child_baseline(spec: dict[str, Any]) -> dict[str, Any]:
    """spaCy blank English + gazetteer entity ruler + rapidfuzz resolution, on the same files."""
    try:
        import rapidfuzz  # noqa: F401  (the lookup in _time_baseline)
        import spacy
    except ImportError as exc:
        return {"skipped": f"{exc} (pip install -e '.[bench]')"}
    from frontline.ingest import read_inputs

    gazetteer = load_baseline_gazetteer()
    names = sorted(gazetteer)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns([{"label": "GPE", "pattern": n} for n in names])
    texts = [r.text for r in read_inputs([spec["corpus"]]) if isinstance(r, RawDocument)]
    return {**_time_baseline(nlp, texts, names, label=None), "spacy": spacy.__version__}


def _child_baseline_ner(spec: dict[str, Any]) -> dict[str, Any]:
    """The issue's baseline: a small statistical spaCy NER model + rapidfuzz gazetteer lookup.

    The model (``frontline.scale.baseline``) has en_core_web_sm's NER
    architecture and is trained by the benchmark's setup step; every place
    entity it finds is resolved against the gazetteer as in the pattern-only
    baseline, so the two rows differ only in how entities are found.
    """
    try:
        import rapidfuzz  # noqa: F401  (the lookup in _time_baseline)
        import spacy
    except ImportError as exc:
        return {"skipped": f"{exc} (pip install -e '.[bench]')"}
    from frontline.ingest import read_inputs
    from frontline.scale.baseline import model_scores

    gazetteer = load_baseline_gazetteer()
    names = sorted(gazetteer)
    nlp = spacy.load(spec["model"])
    texts = [r.text for r in read_inputs([spec["corpus"]]) if isinstance(r, RawDocument)]
    return {
        **_time_baseline(nlp, texts, names, label="LOC"),
        "model_dev_scores": model_scores(Path(spec["model"])),
        "spacy": spacy.__version__,
    }


def _time_baseline(nlp: Any, texts: list[str], names: list[str], label: str | None) -> dict[str, Any]:
    """Run a baseline spaCy pipeline over ``texts`` and resolve its entities with rapidfuzz, timed.

    Both baselines share this loop so their rows differ only in how entities
    are found; ``label`` keeps only that entity label (``None``: every entity).
    """
    from rapidfuzz import fuzz, process

    c0 = time.process_time()
    t0 = time.perf_counter()
    entities = resolved = 0
    for doc in nlp.pipe(texts, batch_size=64):
        for ent in doc.ents:
            if label is not None and ent.label_ != label:
                continue
            entities += 1
            hit = process.extractOne(ent.text, names, scorer=fuzz.WRatio, score_cutoff=85)
            resolved += hit is not None
    dt_ = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return {
        "docs_per_cpu_second": round(len(texts) / cpu, 1) if cpu else None,
        "documents": len(texts),
        "seconds": round(dt_, 3),
        "docs_per_second": round(len(texts) / dt_, 1),
        "place_entities": entities,
        "resolved_entities": resolved,
        "gazetteer_names": len(names),
    }


def load_baseline_gazetteer() -> dict[str, tuple[float, float]]:
    """Names and alternate names of the shared GeoNames Syria extract → (lat, lon)."""
    path = shared_dir() / "data" / "gazetteer" / "sy_geonames.tsv.gz"
    out: dict[str, tuple[float, float]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for line in fh:
            f = line.rstrip("\n").split("\t")
            try:
                latlon = (float(f[col["latitude"]]), float(f[col["longitude"]]))
            except (ValueError, IndexError):
                continue
            for name in [f[col["name"]], f[col["asciiname"]], *f[col["alternatenames"]].split(",")]:
                name = name.strip()
                if len(name) >= 3 and name.isascii():
                    out.setdefault(name, latlon)
    return out


CHILDREN = {
    "end_to_end": _child_end_to_end,
    "stages": _child_stages,
    "db_writes": _child_db_writes,
    "baseline": _child_baseline,
    "baseline_ner": _child_baseline_ner,
}


def run_child(kind: str, spec: dict[str, Any], timeout: float = 3600) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter and return its JSON result."""
    cmd = [sys.executable, "-m", "frontline.scale.bench", kind, json.dumps(spec)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- the whole benchmark -------------------------------------------------------------
def machine() -> dict[str, Any]:
    mem = None
    try:
        import psutil

        mem = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        pass
    return {
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
        "memory_gib": mem,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "processor": platform.processor() or platform.machine(),
    }


def _fresh_sqlite(work: Path, name: str) -> str:
    db = work / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return f"sqlite:///{db}"


def run_benchmarks(
    sizes: Sequence[int] = DEFAULT_SIZES,
    *,
    workers: Sequence[int] = (1, 2),
    pg_url: str | None = None,
    baseline: bool = True,
    work_dir: Path | None = None,
    batch: int = 50,
    seed: int = 20261123,
    stage_docs: int = 200,
    speedup_docs: int = 1000,
    log: Any = print,
) -> dict[str, Any]:
    """Generate the corpora and run every measurement; returns one JSON-able dict."""
    from frontline.scale.corpus import write_corpus

    work = Path(work_dir or Path(tempfile.gettempdir()) / "frontline-bench")
    work.mkdir(parents=True, exist_ok=True)
    stages = available_stages()
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "stages": stages,
        "missing_stages": [s.name for s in pipeline.PER_DOCUMENT if s.name not in stages],
        "sizes": {},
    }
    small = min(sizes)
    corpora = {}
    for n in sorted(set(sizes)):
        t0 = time.perf_counter()
        corpora[n] = write_corpus(work / f"corpus-{n}", n, seed=seed)
        log(f"corpus {n}: {time.perf_counter() - t0:.1f}s")
    base = {"stages": stages, "batch": batch}
    log(f"per-stage throughput ({stage_docs} documents)…")
    results["per_stage"] = run_child("stages", {**base, "corpus": str(corpora[small]), "limit": stage_docs})
    for n in sorted(corpora):
        log(f"end to end, {n} documents, single process…")
        spec = {**base, "corpus": str(corpora[n]), "db": _fresh_sqlite(work, f"e2e-{n}"), "corpus_stages": True}
        results["sizes"][n] = {"single": run_child("end_to_end", spec)}
    results["workers"] = {}
    speed_corpus = write_corpus(work / f"corpus-{speedup_docs}", speedup_docs, seed=seed)
    for w in workers:
        log(f"Dask, {w} worker(s), {speedup_docs} documents…")
        spec = {**base, "corpus": str(speed_corpus), "db": _fresh_sqlite(work, f"dask-{w}"), "workers": w, "batch": 25}
        results["workers"][w] = run_child("end_to_end", spec)
    log("database writes…")
    source = f"sqlite:///{work / f'e2e-{small}.db'}"
    writes = {**base, "source_db": source}
    results["db_writes"] = {
        "sqlite (Store.save_batch)": run_child("db_writes", {**writes, "db": _fresh_sqlite(work, "writes")}),
        "sqlite (bulk_save_batch)": run_child("db_writes", {**writes, "db": _fresh_sqlite(work, "writes-bulk"), "bulk": True}),
    }
    if pg_url:
        from frontline.scale.pgtools import fresh_database

        for label, bulk in (("postgresql (Store.save_batch)", False), ("postgresql (bulk_save_batch, COPY)", True)):
            with fresh_database(pg_url) as url:
                results["db_writes"][label] = run_child("db_writes", {**writes, "db": url, "bulk": bulk})
    if baseline:
        results["baseline"] = _baseline_ner(corpora[small], log)
        log("baseline (pattern-only)…")
        results["baseline_pattern"] = run_child("baseline", {"corpus": str(corpora[small])})
    results["summary"] = summarise(results)
    return results


def _baseline_ner(corpus: Path, log: Any) -> dict[str, Any]:
    """Set-up (train the small NER model once, cached) and run the statistical baseline."""
    try:
        from frontline.scale.baseline import ensure_model

        model = ensure_model(log=log)
    except ImportError as exc:
        return {"skipped": f"{exc} (pip install -e '.[bench]')"}
    log("baseline (small NER model + rapidfuzz)…")
    return run_child("baseline_ner", {"corpus": str(corpus), "model": str(model)})


def summarise(results: dict[str, Any]) -> dict[str, Any]:
    """The headline numbers the issue's goals are stated in (CPU-time based, see PeakRSS)."""
    s: dict[str, Any] = {}
    sizes = sorted(results["sizes"], key=int)
    singles = {n: results["sizes"][n]["single"] for n in sizes}
    first = singles[sizes[0]]
    s["docs_per_cpu_second_documents_phase"] = first.get("docs_per_cpu_second")
    if first.get("cpu_seconds_documents") is not None:
        total_cpu = first["cpu_seconds_documents"] + (first.get("cpu_seconds_corpus") or 0)
        s["docs_per_cpu_second_end_to_end"] = round(first["inputs"] / total_cpu, 2) if total_cpu else None
    if len(sizes) > 1:
        a, b = singles[sizes[0]], singles[sizes[-1]]
        if a.get("docs_per_cpu_second") and b.get("docs_per_cpu_second"):
            s["per_document_cost_growth_largest_vs_smallest"] = round(a["docs_per_cpu_second"] / b["docs_per_cpu_second"], 2)
    s["peak_rss_mb"] = {n: singles[n].get("peak_rss_mb") for n in sizes}
    w = {int(k): v for k, v in results.get("workers", {}).items()}
    if w.get(1, {}).get("docs_per_second") and w.get(2, {}).get("docs_per_second"):
        s["speedup_2_vs_1_workers_wall"] = round(w[2]["docs_per_second"] / w[1]["docs_per_second"], 2)
    base = results.get("baseline", {})
    if base.get("docs_per_cpu_second"):
        if first.get("docs_per_cpu_second"):
            s["ratio_vs_baseline_cpu"] = round(first["docs_per_cpu_second"] / base["docs_per_cpu_second"], 3)
        if s.get("docs_per_cpu_second_end_to_end"):
            s["ratio_end_to_end_vs_baseline_cpu"] = round(s["docs_per_cpu_second_end_to_end"] / base["docs_per_cpu_second"], 3)
        geo = results.get("per_stage", {}).get("geo")
        if isinstance(geo, dict) and geo.get("docs_per_cpu_second"):
            s["ratio_geoparse_stage_vs_baseline_cpu"] = round(geo["docs_per_cpu_second"] / base["docs_per_cpu_second"], 3)
    pattern = results.get("baseline_pattern", {})
    if pattern.get("docs_per_cpu_second") and s.get("docs_per_cpu_second_end_to_end"):
        s["ratio_end_to_end_vs_pattern_baseline_cpu"] = round(s["docs_per_cpu_second_end_to_end"] / pattern["docs_per_cpu_second"], 3)
    return s


def to_markdown(results: dict[str, Any]) -> str:
    """The results table for docs/scale.md."""
    m = results["machine"]
    lines = [
        f"Run {results['date']} on {m['cpus']} CPUs, {m['memory_gib']} GiB, Python {m['python']}, {m['platform']}"
        f" (load average at start: {m.get('load_average')}).",
        f"Stages measured: {', '.join(results['stages']) or 'none'}"
        + (f"; not available: {', '.join(results['missing_stages'])}" if results["missing_stages"] else ""),
        "",
        "| run | documents | docs/s wall (documents phase) | docs per CPU-second | corpus stages s | peak RSS MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, r in sorted(results["sizes"].items(), key=lambda kv: int(kv[0])):
        s = r["single"]
        lines.append(
            f"| single process | {n} | {s.get('docs_per_second')} | {s.get('docs_per_cpu_second')} | "
            f"{s.get('corpus_seconds')} | {s.get('peak_rss_mb')} |"
        )
    for w, s in sorted(results.get("workers", {}).items(), key=lambda kv: int(kv[0])):
        lines.append(
            f"| Dask, {w} worker(s) | {s.get('inputs')} | {s.get('docs_per_second')} | {s.get('docs_per_cpu_second')} | — | {s.get('peak_rss_mb')} |"
        )
    for key, label in (
        ("baseline", "baseline: spaCy small NER model (en_core_web_sm architecture) + rapidfuzz"),
        ("baseline_pattern", "baseline, pattern-only: spaCy blank + entity ruler + rapidfuzz"),
    ):
        base = results.get(key, {})
        if base.get("docs_per_second"):
            lines.append(
                f"| {label} | {base['documents']} | {base['docs_per_second']} | {base.get('docs_per_cpu_second')} | — | — |"
            )
    lines += ["", "| stage (single process) | docs/s wall | docs per CPU-second | failures |", "| --- | ---: | ---: | ---: |"]
    for name, r in results.get("per_stage", {}).items():
        if isinstance(r, dict):
            lines.append(f"| {name} | {r.get('docs_per_second')} | {r.get('docs_per_cpu_second')} | {r.get('failures')} |")
    lines += ["", "| database writes | documents | rows/doc | docs/s | rows/s |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, r in results.get("db_writes", {}).items():
        lines.append(
            f"| {name} | {r.get('documents')} | {r.get('rows_per_document')} | {r.get('docs_per_second')} | {r.get('rows_per_second')} |"
            if "error" not in r
            else f"| {name} | error: {r['error']} | | | |"
        )
    lines += ["", "Summary: `" + json.dumps(results.get("summary", {}), sort_keys=True) + "`"]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Child-process entry: ``python -m frontline.scale.bench KIND SPEC_JSON``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    kind, spec = argv[0], json.loads(argv[1])
    print(json.dumps(CHILDREN[kind](spec)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
