"""A generated database (SQLAlchemy Core rows, no pipeline) and an API client over it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from frontline.api import create_app, synthetic
from frontline.store import open_store

TOKEN = "test-token-123"


@pytest.fixture(scope="session")
def data() -> synthetic.Synthetic:
    return synthetic.generate(n_events=400, n_documents=24, seed=11)


@pytest.fixture(scope="session")
def db_url(tmp_path_factory: pytest.TempPathFactory, data: synthetic.Synthetic) -> str:
    path: Path = tmp_path_factory.mktemp("api") / "api.db"
    url = f"sqlite:///{path}"
    synthetic.write(open_store(url).engine, data)
    return url


@pytest.fixture(scope="session")
def client(db_url: str) -> TestClient:
    return TestClient(create_app(db_url, token=TOKEN, max_body_bytes=64_000))
