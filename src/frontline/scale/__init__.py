"""Scale-out: the per-document stages on a Dask cluster, PostGIS, and benchmarks' helpers.

Imports are lazy so ``frontline --help`` and the single-process path never pay
for importing Dask (about a second) unless a distributed run is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from frontline.scale.distributed import run_distributed
    from frontline.scale.snapshot import store_snapshot

__all__ = ["run_distributed", "store_snapshot"]


def __getattr__(name: str) -> Any:
    if name == "run_distributed":
        from frontline.scale.distributed import run_distributed

        return run_distributed
    if name == "store_snapshot":
        from frontline.scale.snapshot import store_snapshot

        return store_snapshot
    raise AttributeError(name)
