"""Fixtures of the scale tier: a small generated corpus and throwaway PostgreSQL databases."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontline.scale.corpus import load_articles, write_corpus


@pytest.fixture(scope="session")
def corpus50(tmp_path_factory: pytest.TempPathFactory, eval_path: Path) -> Path:
    """50 generated reports (republications, comments, re-fetches) from the real eval articles."""
    return write_corpus(tmp_path_factory.mktemp("corpus50"), 50, seed=7, articles=load_articles(eval_path))


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database (PostGIS enabled) on FRONTLINE_TEST_PG_URL's server; dropped after."""
    url = os.environ.get("FRONTLINE_TEST_PG_URL")
    if not url:
        pytest.skip("FRONTLINE_TEST_PG_URL not set (scripts/ci_postgres.sh starts a server)")
    from frontline.scale.pgtools import fresh_database

    with fresh_database(url) as fresh:
        yield fresh
