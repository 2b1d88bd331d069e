"""A small bounded load run against a real ``frontline serve``: zero errors on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontline.scale.load import load_backend

pytestmark = pytest.mark.slow  # starts a server and seeds it with the full pipeline


def _check(summary: dict) -> None:
    assert summary["errors"] == 0, summary["error_examples"]
    assert summary["requests"] == 60
    assert summary["read"]["count"] > 40 and summary["write"]["count"] >= 1
    assert summary["read"]["p50_ms"] <= summary["read"]["p99_ms"]


def test_load_on_sqlite(tmp_path: Path) -> None:
    _check(load_backend(f"sqlite:///{tmp_path / 'l.db'}", corpus_docs=12, requests=60, concurrency=4,
                        write_share=0.05, work_dir=tmp_path))


@pytest.mark.postgres
def test_load_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    _check(load_backend(pg_url, corpus_docs=12, requests=60, concurrency=4, write_share=0.05, work_dir=tmp_path))
