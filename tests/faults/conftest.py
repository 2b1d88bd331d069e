"""Fixtures of the fault tier: generated corpora, a frontline subprocess, store consistency checks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from frontline.ingest import read_inputs
from frontline.model import RawDocument
from frontline.scale.corpus import load_articles, write_corpus
from frontline.store import schema as t
from tests.scale.conftest import corpus50, pg_url  # noqa: F401  (re-exported fixtures)

#: A stage set that is fast but still writes analyses (parts, sentences), so
#: a half-written batch would show up as a document without its parts.
FAST_STAGES = "clean"


@pytest.fixture(scope="session")
def corpus150(tmp_path_factory: pytest.TempPathFactory, eval_path: Path) -> Path:
    """Three batches of ``frontline run`` (50 each), so a run can be interrupted between commits."""
    return write_corpus(tmp_path_factory.mktemp("corpus150"), 150, seed=11, articles=load_articles(eval_path))


def unique_hashes(folder: Path) -> set[str]:
    return {r.content_hash for r in read_inputs([folder]) if isinstance(r, RawDocument)}


def start_run(corpus: Path, db: str, *extra: str) -> subprocess.Popen:
    """``frontline run`` in its own interpreter, as a user would start it."""
    cmd = [sys.executable, "-m", "frontline", "run", str(corpus), "--db", db, "--stages", FAST_STAGES, *extra]
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def wait_for(predicate: Callable[[], bool], timeout: float = 120.0, interval: float = 0.02) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise TimeoutError("condition not reached")


def count_documents(url: str) -> int:
    """Committed documents, read through a separate connection (WAL lets it read during the run)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(t.documents)) or 0
    except Exception:  # the schema may not exist yet at the very start
        return 0
    finally:
        engine.dispose()


def assert_consistent(url: str) -> dict[str, int]:
    """No orphan rows, one raw input per document, no document without its parts, no duplicate hash."""
    engine = create_engine(url)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).fetchall() == []
        docs = conn.scalar(select(func.count()).select_from(t.documents))
        raws = conn.scalar(select(func.count()).select_from(t.raw_inputs))
        distinct = conn.scalar(select(func.count(func.distinct(t.documents.c.content_hash))))
        orphans = conn.scalar(
            select(func.count()).select_from(t.documents).where(t.documents.c.raw_id.not_in(select(t.raw_inputs.c.id)))
        )
        orphan_parts = conn.scalar(
            select(func.count()).select_from(t.parts).where(t.parts.c.document_id.not_in(select(t.documents.c.id)))
        )
        without_parts = conn.scalar(
            select(func.count())
            .select_from(t.documents)
            .where(t.documents.c.id.not_in(select(t.parts.c.document_id)))
        )
    engine.dispose()
    assert docs == raws == distinct, (docs, raws, distinct)
    assert orphans == 0 and orphan_parts == 0
    assert without_parts == 0, f"{without_parts} documents stored without their parts (a torn batch)"
    return {"documents": docs}
