"""Every route answers bad parameters with a JSON 4xx, never a 500.

The table below is the contract: each read route × each kind of bad value it
accepts.  A new route or parameter that crashes on bad input fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from frontline.api import create_app
from frontline.store import open_store

from .conftest import TOKEN

#: Routes that take the event filters (bbox, dates, types, actor, outlet, min_sources).
FILTERED = ["/api/events", "/api/stats/daily"]
#: Routes with limit/offset pagination.
PAGED = ["/api/events", "/api/documents", "/api/clusters"]

BAD_FILTERS = [
    {"date_from": "2020-13-01"},
    {"date_from": "yesterday"},
    {"date_to": "2020-02-30"},
    {"date_to": "20200201"},
    {"date_from": "2020-02-01", "date_to": "2020-01-01"},  # inverted range
    {"bbox": "37,36,36,35"},  # swapped corners
    {"bbox": "36,36,37,35"},  # swapped latitudes only
    {"bbox": "37,35,36,36"},  # swapped longitudes only
    {"bbox": "a,b,c,d"},
    {"bbox": "1,2,3"},
    {"bbox": "1,2,3,4,5"},
    {"bbox": "nan,1,2,3"},
    {"bbox": "1e400,0,0,0"},
    {"bbox": "-200,0,0,10"},
    {"bbox": "0,-95,10,10"},
    {"bbox": "x" * 300},
    {"min_sources": "-1"},
    {"min_sources": "two"},
    {"actor": "a" * 500},
]

BAD_PAGES = [
    {"limit": "-1"},
    {"limit": "0"},
    {"limit": "5001"},
    {"limit": "999999999999999999999999"},
    {"limit": "1e9"},
    {"limit": "1.5"},
    {"limit": "ten"},
    {"offset": "-5"},
    {"offset": "99999999999999999999"},
    {"offset": "x"},
]


def _assert_json_4xx(resp: object, expect: int = 422) -> None:
    assert resp.status_code == expect, (resp.status_code, resp.text[:300])
    body = resp.json()
    assert body["status"] == expect and isinstance(body["error"], str) and body["error"]


@pytest.mark.parametrize("route", FILTERED)
@pytest.mark.parametrize("params", BAD_FILTERS, ids=lambda p: "&".join(f"{k}={v[:20]}" for k, v in p.items()))
def test_bad_event_filters_are_422(client: TestClient, route: str, params: dict[str, str]) -> None:
    _assert_json_4xx(client.get(route, params=params))


@pytest.mark.parametrize("route", PAGED)
@pytest.mark.parametrize("params", BAD_PAGES, ids=lambda p: "&".join(f"{k}={v[:20]}" for k, v in p.items()))
def test_bad_pagination_is_422(client: TestClient, route: str, params: dict[str, str]) -> None:
    _assert_json_4xx(client.get(route, params=params))


def test_limit_bounds_are_inclusive(client: TestClient) -> None:
    """The documented extremes are accepted, so the 422s above are about the values, not the names."""
    for route in PAGED:
        assert client.get(route, params={"limit": 5000, "offset": 0}).status_code == 200
        assert client.get(route, params={"limit": 1, "offset": 10_000_000}).status_code == 200
    assert client.get("/api/events", params={"bbox": "-180,-90,180,90"}).status_code == 200
    assert client.get("/api/events", params={"date_from": "2020-01-01", "date_to": "2020-01-01"}).status_code == 200


@pytest.mark.parametrize("fmt", ["xml", "csv", "GEOJSON ", ""])
def test_unknown_format_is_422(client: TestClient, fmt: str) -> None:
    _assert_json_4xx(client.get("/api/events", params={"format": fmt}))


@pytest.mark.parametrize(
    "params",
    [{"date": "2020-99-01"}, {"date": "0000-01-01"}, {"date": "soon"}, {"infer": "maybe"}, {"candidates": "all"}],
)
def test_bad_control_parameters_are_422(client: TestClient, params: dict[str, str]) -> None:
    _assert_json_4xx(client.get("/api/control", params=params))


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_extreme_control_dates_are_answered(client: TestClient, date: str) -> None:
    """Valid but absurd dates are not errors: nothing is known then, so no settlement is held."""
    fc = client.get("/api/control", params={"date": date, "infer": "false"}).json()
    assert fc["type"] == "FeatureCollection"
    if date.startswith("0001"):
        assert [f for f in fc["features"] if f["properties"]["kind"] == "settlement"] == []


@pytest.mark.parametrize(
    ("route", "params"),
    [
        ("/api/places", {}),
        ("/api/places", {"q": ""}),
        ("/api/places", {"q": "x" * 201}),
        ("/api/places", {"q": "Aleppo", "limit": "0"}),
        ("/api/places", {"q": "Aleppo", "limit": "101"}),
        ("/api/basemap/places", {"limit": "-3"}),
        ("/api/basemap/places", {"limit": "20001"}),
        ("/api/documents", {"outlet": "o" * 201}),
    ],
)
def test_other_bad_parameters_are_422(client: TestClient, route: str, params: dict[str, str]) -> None:
    _assert_json_4xx(client.get(route, params=params))


@pytest.mark.parametrize("path", ["/api/events/" + "x" * 3000, "/api/events/%00", "/api/documents/%2e%2e", "/api/documents/ü"])
def test_odd_ids_are_404(client: TestClient, path: str) -> None:
    _assert_json_4xx(client.get(path), 404)


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"[]",
        b'{"name": "a"}',
        b'{"name": "", "text": "x"}',
        b'{"name": "a", "text": ""}',
        b'{"name": "a", "text": "x", "media_type": "pdf"}',
        b'{"name": "a", "text": "\\ud800"}',
        b'{"name": "a", "text": "not json", "media_type": "jsonl"}',
        b'{"name": "a", "text": "{\\"no_text\\": 1}", "media_type": "jsonl"}',
        b'{"name": "a", "text": "<rss><item>", "media_type": "feed"}',
    ],
)
def test_bad_ingest_bodies_are_422(ingest_client: TestClient, body: bytes) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    _assert_json_4xx(ingest_client.post("/api/documents", content=body, headers=headers))
    assert ingest_client.get("/api/documents", params={"limit": 1}).json()["total"] == 0  # nothing half-stored


@pytest.fixture(scope="module")
def ingest_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """Its own empty database: an ingest re-merges the stored events, which would replace the generated ones."""
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('bad-ingest')) / 'ingest.db'}"
    open_store(url)
    return TestClient(create_app(url, token=TOKEN))
