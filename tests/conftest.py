"""Shared fixtures: paths to the bundled examples and the public evaluation sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontline.paths import eval_dir, examples_dir


@pytest.fixture(scope="session")
def examples() -> Path:
    return examples_dir()


@pytest.fixture(scope="session")
def eval_path() -> Path:
    path = eval_dir()
    if not path.exists():
        pytest.fail(f"evaluation data not found at {path}; ../shared must sit beside the checkout")
    return path


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
