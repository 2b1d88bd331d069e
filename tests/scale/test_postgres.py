"""The pipeline on PostgreSQL stores exactly what it stores on SQLite (needs FRONTLINE_TEST_PG_URL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontline.runner import run_paths
from frontline.scale.distributed import run_distributed
from frontline.scale.snapshot import store_snapshot
from frontline.store import open_store

pytestmark = pytest.mark.postgres


def test_full_pipeline_on_postgresql_matches_sqlite(pg_url: str, examples: Path, tmp_path: Path) -> None:
    sqlite = f"sqlite:///{tmp_path / 's.db'}"
    a = run_paths(open_store(sqlite), [examples])
    b = run_paths(open_store(pg_url), [examples])
    assert sorted(a.stored_ids) == sorted(b.stored_ids) and len(b.stored_ids) == 5
    snap_pg, snap_sqlite = store_snapshot(pg_url), store_snapshot(sqlite)
    assert snap_pg == snap_sqlite
    assert all(d["parts"] for d in snap_pg["documents"])


def test_rerun_on_postgresql_is_idempotent(pg_url: str, examples: Path) -> None:
    store = open_store(pg_url)
    first = run_paths(store, [examples], stages=["clean"])
    second = run_paths(store, [examples], stages=["clean"])
    assert len(first.stored_ids) == 5 and second.stored_ids == []
    assert store.counts()["documents"] == store.counts()["raw_inputs"] == 5


@pytest.mark.dask
@pytest.mark.slow
def test_distributed_run_into_postgresql_matches_sqlite(pg_url: str, corpus50: Path, tmp_path: Path) -> None:
    sqlite = f"sqlite:///{tmp_path / 's.db'}"
    run_paths(open_store(sqlite), [corpus50], stages=["clean", "framing"])
    report = run_distributed([corpus50], pg_url, workers=2, stages=["clean", "framing"], batch_size=10)
    assert report.corpus["scale"]["workers"] == 2
    assert store_snapshot(pg_url) == store_snapshot(sqlite)
