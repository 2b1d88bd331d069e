"""POST /api/documents: token refusal, size limit, and a real ingest through the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from frontline.api import create_app
from frontline.runner import RunReport
from frontline.store import open_store

from .conftest import TOKEN

REPORT = (
    "Clashes near a hill village\n\n"
    "On March 3, 2021, government troops shelled the village of Kafr Testa, a monitor said. "
    "Two civilians were reportedly killed.\n"
)


def _post(client: TestClient, token: str | None = TOKEN, **body) -> object:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post("/api/documents", json={"name": "report.txt", "text": REPORT, **body}, headers=headers)


@pytest.fixture()
def fresh(tmp_path: Path) -> TestClient:
    url = f"sqlite:///{tmp_path / 'ingest.db'}"
    open_store(url)
    return TestClient(create_app(url, token=TOKEN, max_body_bytes=4096))


def test_missing_token_is_401(fresh: TestClient) -> None:
    r = _post(fresh, token=None)
    assert r.status_code == 401
    assert r.headers.get("www-authenticate") == "Bearer"
    assert "token" in r.json()["error"]


@pytest.mark.parametrize("token", ["wrong", TOKEN + "x", TOKEN[:-1], ""])
def test_wrong_token_is_refused(fresh: TestClient, token: str) -> None:
    r = _post(fresh, token=token)
    assert r.status_code in (401, 403)
    assert fresh.get("/api/documents").json()["total"] == 0


def test_no_configured_token_means_no_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FRONTLINE_API_TOKEN", raising=False)
    url = f"sqlite:///{tmp_path / 'ro.db'}"
    client = TestClient(create_app(url))
    r = _post(client, token="anything")
    assert r.status_code == 403 and "disabled" in r.json()["error"]


def test_token_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_API_TOKEN", "from-env")
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'env.db'}"))
    seen: list[tuple[str, bytes, str]] = []

    def fake_run_bytes(store, name: str, data: bytes, media_type: str, **_kw) -> RunReport:
        # the auth is under test here, not the pipeline
        seen.append((name, data, media_type))
        return RunReport()

    monkeypatch.setattr("frontline.runner.run_bytes", fake_run_bytes)
    assert _post(client, token=TOKEN).status_code == 403
    assert seen == []
    assert _post(client, token="from-env", text="x" * 10, media_type="html").status_code == 201
    assert seen == [("api:report.txt", b"x" * 10, "html")]


def test_oversized_body_is_413_before_auth_or_parsing(fresh: TestClient) -> None:
    big = "word " * 2000  # > 4096 bytes
    r = _post(fresh, text=big)
    assert r.status_code == 413 and "larger" in r.json()["error"]
    r = _post(fresh, token=None, text=big)
    assert r.status_code == 413


def test_oversized_body_without_content_length(fresh: TestClient) -> None:
    def chunks():
        for _ in range(10):
            yield b"x" * 1000

    r = fresh.post("/api/documents", content=chunks(), headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert r.status_code == 413


def test_invalid_body_is_422(fresh: TestClient) -> None:
    r = fresh.post("/api/documents", json={"text": "no name"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422 and "name" in r.json()["error"]
    r = _post(fresh, media_type="pdf")
    assert r.status_code == 422


@pytest.mark.slow  # runs the whole per-document pipeline (loads the gazetteer and models)
def test_ingest_stores_and_returns_the_document(fresh: TestClient) -> None:
    r = _post(fresh)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["results"][0]["status"].startswith("stored")
    (doc,) = body["documents"]
    assert doc["text"] == REPORT
    assert doc["parts"] and all(0 <= p["start"] <= p["end"] <= len(REPORT) for p in doc["parts"])
    assert fresh.get(f"/api/documents/{doc['id']}").json()["text"] == REPORT
    again = _post(fresh).json()
    assert again["results"][0]["status"] == "duplicate" and again["documents"] == []
