"""Dedup thresholds, loaded from ``data/dedup/thresholds.yaml``.

Thresholds are data (calibrated on the benchmark's train split), not code, so
recalibrating is a reviewed change to one file.  Constructors only store
values; validation happens here, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from frontline.paths import PACKAGE_DATA

THRESHOLDS_FILE = PACKAGE_DATA / "dedup" / "thresholds.yaml"


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """Every tunable of the dedup stage."""

    shingle_k: int = 3
    num_perm: int = 128
    bands: int = 42
    rows: int = 3
    anchor_bits: int = 3
    anchor_max_postings: int = 64
    anchor_min_shared: int = 2
    containment: float = 0.65
    jaccard: float = 0.3
    quote_min_shared: int = 12
    quote_max_clusters: int = 3
    quote_min_words: int = 20
    quote_max_links: int = 8
    min_shingles: int = 8
    baseline_threshold: float = 0.35

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands*rows = {self.bands * self.rows} exceeds num_perm = {self.num_perm}")
        for name in ("containment", "jaccard", "baseline_threshold"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must be in (0, 1], got {value}")
        if self.shingle_k < 1 or self.anchor_bits < 0 or self.anchor_min_shared < 1:
            raise ValueError("shingle_k and anchor_min_shared must be >= 1, anchor_bits >= 0")

    def replace(self, **changes: Any) -> DedupConfig:
        from dataclasses import replace

        return replace(self, **changes)


def config_from_mapping(data: dict[str, Any]) -> DedupConfig:
    """Build a config from the YAML layout (missing keys keep their defaults)."""
    lsh = data.get("lsh", {})
    anchors = data.get("anchors", {})
    verify = data.get("verify", {})
    base = DedupConfig()
    return DedupConfig(
        shingle_k=int(data.get("shingle_k", base.shingle_k)),
        num_perm=int(data.get("num_perm", base.num_perm)),
        bands=int(lsh.get("bands", base.bands)),
        rows=int(lsh.get("rows", base.rows)),
        anchor_bits=int(anchors.get("sample_bits", base.anchor_bits)),
        anchor_max_postings=int(anchors.get("max_postings", base.anchor_max_postings)),
        anchor_min_shared=int(anchors.get("min_shared", base.anchor_min_shared)),
        containment=float(verify.get("containment", base.containment)),
        jaccard=float(verify.get("jaccard", base.jaccard)),
        quote_min_shared=int(verify.get("quote_min_shared", base.quote_min_shared)),
        quote_max_clusters=int(verify.get("quote_max_clusters", base.quote_max_clusters)),
        quote_min_words=int(verify.get("quote_min_words", base.quote_min_words)),
        quote_max_links=int(verify.get("quote_max_links", base.quote_max_links)),
        min_shingles=int(verify.get("min_shingles", base.min_shingles)),
        baseline_threshold=float(data.get("baseline", {}).get("threshold", base.baseline_threshold)),
    )


def load_config(path: Path | None = None) -> DedupConfig:
    """The configuration in ``path`` (default: the bundled thresholds file)."""
    if path is None:
        return _default_config()
    with Path(path).open(encoding="utf-8") as fh:
        return config_from_mapping(yaml.safe_load(fh) or {})


@lru_cache(maxsize=1)
def _default_config() -> DedupConfig:
    with THRESHOLDS_FILE.open(encoding="utf-8") as fh:
        return config_from_mapping(yaml.safe_load(fh) or {})
