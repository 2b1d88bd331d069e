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


def eval_texts(name: str, limit: int) -> list[str]:
    """The ``text`` of the first ``limit`` items of an evaluation set: real reporting
    that lexicons and rules were not written from.  Missing data fails loudly."""
    path = eval_dir() / name
    if not path.exists():
        pytest.fail(f"evaluation set {path} not found; ../shared must sit beside the checkout")
    texts: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if len(texts) >= limit:
                break
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts
