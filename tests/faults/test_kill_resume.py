"""SIGKILL in the middle of ``frontline run``, then a restart: nothing lost, nothing twice."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import pytest

from frontline.runner import run_paths
from frontline.scale.snapshot import store_snapshot
from frontline.store import open_store
from tests.faults.conftest import (
    FAST_STAGES,
    assert_consistent,
    count_documents,
    start_run,
    unique_hashes,
    wait_for,
)

pytestmark = pytest.mark.slow  # three runs of `frontline run` in subprocesses

#: What the per-document stages produce (the corpus stages add clusters and inherited metadata).
PER_DOCUMENT_FIELDS = ("id", "content_hash", "source_path", "text", "parts", "sentences", "paragraphs", "field_spans")


@pytest.fixture(scope="module")
def killed_and_resumed(tmp_path_factory: pytest.TempPathFactory, corpus150: Path) -> dict[str, Any]:
    """Kill a run after its first committed batch, check the wreck, restart it; plus a clean run."""
    tmp = tmp_path_factory.mktemp("kill")
    url = f"sqlite:///{tmp / 'killed.db'}"
    proc = start_run(corpus150, url)
    try:
        wait_for(lambda: count_documents(url) > 0 or proc.poll() is not None)
        finished_early = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not finished_early, "the run finished before it could be killed; use a larger corpus"
    after_kill = assert_consistent(url)["documents"]
    restart = start_run(corpus150, url)
    _out, err = restart.communicate(timeout=900)
    assert restart.returncode == 0, err[-2000:]
    clean_url = f"sqlite:///{tmp / 'clean.db'}"
    run_paths(open_store(clean_url), [corpus150], stages=[FAST_STAGES])
    return {
        "url": url,
        "after_kill": after_kill,
        "returncode": proc.returncode,
        "resumed": store_snapshot(url),
        "clean": store_snapshot(clean_url),
        "expected": len(unique_hashes(corpus150)),
    }


def test_killed_run_leaves_whole_batches_only(killed_and_resumed: dict[str, Any]) -> None:
    r = killed_and_resumed
    assert r["returncode"] == -signal.SIGKILL
    assert 0 < r["after_kill"] < r["expected"]


def test_restart_stores_every_document_exactly_once(killed_and_resumed: dict[str, Any]) -> None:
    r = killed_and_resumed
    assert assert_consistent(r["url"])["documents"] == r["expected"]
    assert r["resumed"]["raw_inputs"] == r["clean"]["raw_inputs"] == r["expected"]
    assert r["resumed"]["errors"] == r["clean"]["errors"]

    def per_doc(snap: dict[str, Any]) -> list[dict[str, Any]]:
        return [{k: d[k] for k in PER_DOCUMENT_FIELDS} for d in snap["documents"]]

    assert per_doc(r["resumed"]) == per_doc(r["clean"])


def test_restart_completes_the_corpus_stages_of_the_killed_run(killed_and_resumed: dict[str, Any]) -> None:
    r = killed_and_resumed
    assert r["resumed"]["documents"] == r["clean"]["documents"]
    assert r["resumed"]["links"] == r["clean"]["links"]
