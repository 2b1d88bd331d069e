"""A batch that kills every worker it touches is recorded as errors; the rest of the run is stored."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import cloudpickle
import pytest

from frontline.scale.distributed import dask_client, run_distributed
from frontline.store import open_store

MARKER = "POISON-PILL-FOR-THE-WORKER"


def _install_poison() -> None:
    """Runs on each worker: wrap the batch function so a batch holding MARKER kills the process."""
    import frontline.scale.distributed as d

    original = d.analyse

    def analyse(doc, chain):  # type: ignore[no-untyped-def]
        if MARKER in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)  # like a segfault or the OOM killer
        return original(doc, chain)

    d.analyse = analyse


@pytest.mark.dask
@pytest.mark.slow
def test_poison_batch_becomes_errors_and_the_rest_is_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"ok{i}.txt").write_text(f"Report {i}.\n\nClashes were reported near the town on day {i}.\n")
    (folder / "zz-poison.txt").write_text(f"{MARKER}\n\nThis one crashes the worker.\n")
    url = f"sqlite:///{tmp_path / 'p.db'}"
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        with dask_client(workers=1) as client:
            from distributed import WorkerPlugin

            class Poison(WorkerPlugin):
                """Re-installed on every (re)started worker."""

                def setup(self, worker) -> None:  # type: ignore[no-untyped-def]
                    _install_poison()

            client.register_plugin(Poison())
            report = run_distributed([folder], url, client=client, stages=["clean"], batch_size=1)
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    statuses = {Path(r.source_path).name: r.status for r in report.results}
    assert statuses["zz-poison.txt"] == "error"
    assert sum(s == "stored" for s in statuses.values()) == 6
    store = open_store(url)
    assert store.counts()["documents"] == 6
    assert [e["reason"] for e in store.ingest_errors()] == ["worker-died"]
