"""A Dask worker SIGKILLed mid-run: its batches are redone elsewhere and the result is unchanged."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from frontline.runner import run_paths
from frontline.scale.distributed import dask_client, run_distributed
from frontline.scale.snapshot import store_snapshot
from frontline.store import open_store

#: Slow enough per batch (~0.5 s) that batches are in flight when the worker dies.
STAGES = ["clean", "actors"]


@pytest.mark.dask
@pytest.mark.slow
def test_run_survives_a_killed_worker(tmp_path: Path, corpus50: Path) -> None:
    url = f"sqlite:///{tmp_path / 'dist.db'}"
    killed: list[int] = []
    with dask_client(workers=2) as client:
        pids = client.run(os.getpid)  # {worker address: pid}

        def kill_one_worker(kind: str, _n: int) -> None:
            if kind == "batch" and not killed:
                victim = sorted(pids.values())[0]
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)

        report = run_distributed([corpus50], url, client=client, stages=STAGES, batch_size=3, progress=kill_one_worker)
        assert killed, "no batch completed, so no worker was killed"
        assert set(client.run(os.getpid).values()) != set(pids.values())  # the nanny replaced it
    single = f"sqlite:///{tmp_path / 'single.db'}"
    local = run_paths(open_store(single), [corpus50], stages=STAGES)
    assert sorted(report.stored_ids) == sorted(local.stored_ids)
    assert store_snapshot(url) == store_snapshot(single)
