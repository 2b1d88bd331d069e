"""Loading the events area's data files (``frontline/data/events``).

Rules, lexicons and cue lists live in YAML so that a coder can change them
without touching code; this module is the only place that reads them.
Results are cached per process because the files are read-only package data.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from frontline.paths import PACKAGE_DATA

EVENTS_DATA = PACKAGE_DATA / "events"


@cache
def load_yaml(name: str) -> Any:
    """Parse ``data/events/<name>`` (cached: package data never changes at run time)."""
    path = EVENTS_DATA / name
    with Path(path).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a data-file regex once; data patterns are case-insensitive by contract."""
    return re.compile(pattern, re.IGNORECASE)
