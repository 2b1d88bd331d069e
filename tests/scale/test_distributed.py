"""The Dask runner stores exactly what the single-process run stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontline import pipeline
from frontline.ingest import read_inputs, to_document
from frontline.model import RawDocument
from frontline.runner import analyse, run_paths
from frontline.scale.distributed import _batches, _ParquetWriter, analyse_batch, run_distributed
from frontline.scale.snapshot import RECORD_FIELDS, document_record, store_snapshot
from frontline.store import open_store


def _sqlite(tmp_path: Path, name: str) -> str:
    return f"sqlite:///{tmp_path / name}.db"


def _statuses(report) -> list[tuple[str, str]]:
    return sorted((r.source_path, r.status) for r in report.results)


def test_analyse_batch_inline_matches_runner_analyse(examples: Path) -> None:
    chain = pipeline.select()
    docs = [to_document(r) for r in read_inputs([examples]) if isinstance(r, RawDocument)]
    batch = analyse_batch(docs, [s.name for s in chain])
    expected = [analyse(to_document(r), chain) for r in read_inputs([examples]) if isinstance(r, RawDocument)]
    assert [document_record(d) for d in batch.docs] == [document_record(d) for d, _ in expected]
    assert batch.problems == [p for _, p in expected]
    assert batch.seconds >= 0


def test_batches_count_documents_not_errors() -> None:
    raw = RawDocument("a", b"x", "h", "x", "utf-8", "text")
    from frontline.ingest import IngestError

    err = IngestError("b", "not-found", "gone")
    batches = list(_batches([raw, err, raw, raw, err], 2))
    assert [sum(isinstance(x, RawDocument) for x in b) for b in batches] == [2, 1]
    assert sum(len(b) for b in batches) == 5


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"workers": 2, "scheduler": "tcp://127.0.0.1:1"}, "not both"),
        ({"workers": 0}, "at least 1"),
        ({"workers": 1, "stages": ["no-such-stage"]}, "unknown stages"),
    ],
)
def test_bad_arguments_fail_before_a_cluster_starts(tmp_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        run_distributed([tmp_path], _sqlite(tmp_path, "x"), **kwargs)


def test_parquet_writer_roundtrips_document_records(tmp_path: Path, examples: Path) -> None:
    import pyarrow.parquet as pq

    docs = [to_document(r) for r in read_inputs([examples]) if isinstance(r, RawDocument)]
    writer = _ParquetWriter(tmp_path / "pq")
    writer.write(docs[:2])
    writer.write(docs[2:])
    table = pq.read_table(tmp_path / "pq")
    rows = sorted(table.to_pylist(), key=lambda r: r["id"])
    assert table.column_names == list(RECORD_FIELDS)
    assert rows == sorted((document_record(d) for d in docs), key=lambda r: r["id"])
    assert all(json.loads(r["parts"]) == [] or isinstance(json.loads(r["parts"]), list) for r in rows)


def test_snapshot_sees_a_changed_field(tmp_path: Path, examples: Path) -> None:
    """The equality check below is only meaningful if a snapshot notices a difference."""
    a, b = _sqlite(tmp_path, "a"), _sqlite(tmp_path, "b")
    for url in (a, b):
        run_paths(open_store(url), [examples], stages=["clean"], corpus=False)
    assert store_snapshot(a) == store_snapshot(b)
    store = open_store(b)
    doc = store.load_documents()[0]
    doc.title = (doc.title or "") + " (edited)"
    store.update_documents([doc])
    assert store_snapshot(a) != store_snapshot(b)


@pytest.mark.dask
@pytest.mark.slow  # the full pipeline over 50 reports twice: about a minute on two cores
def test_two_worker_cluster_stores_the_single_process_result(tmp_path: Path, corpus50: Path) -> None:
    single, dist = _sqlite(tmp_path, "single"), _sqlite(tmp_path, "dist")
    local = run_paths(open_store(single), [corpus50])
    report = run_distributed([corpus50], dist, workers=2, batch_size=7, parquet_dir=tmp_path / "pq")
    assert report.corpus["scale"]["workers"] == 2
    assert report.corpus["scale"]["batches"] >= 5
    assert _statuses(report) == _statuses(local)
    assert report.count("duplicate") >= 1  # the corpus re-fetches some pages
    # The corpus stages' per-document and per-key work ran on the workers.
    assert report.corpus["scale"]["signatures_from_workers"] == len(report.stored_ids)
    assert report.corpus["scale"]["merge_reduction"]["types"] >= 1
    a, b = store_snapshot(single), store_snapshot(dist)
    assert len(a["documents"]) == len(local.stored_ids) > 40
    assert len(a["signatures"]) == len(a["documents"]) and a["merge_keys"]
    assert a == b
    # The Parquet dataset holds the same documents as the store.
    import pyarrow.parquet as pq

    ids = sorted(r["id"] for r in pq.read_table(tmp_path / "pq").to_pylist())
    assert ids == sorted(d["id"] for d in b["documents"])


@pytest.mark.dask
def test_rerun_on_the_cluster_stores_nothing_twice(tmp_path: Path, corpus50: Path) -> None:
    url = _sqlite(tmp_path, "again")
    first = run_distributed([corpus50], url, workers=1, batch_size=20, stages=["clean"], corpus=False)
    second = run_distributed([corpus50], url, workers=1, batch_size=20, stages=["clean"], corpus=False)
    assert second.stored_ids == []
    assert second.count("duplicate") == len(first.results) - first.count("error")
    assert store_snapshot(url)["raw_inputs"] == len(first.stored_ids)
