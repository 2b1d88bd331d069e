"""GET /api/events and /api/events/{id}: filters, pagination, GeoJSON, evidence, errors.

Expectations are computed from the generated rows in Python, independently of
the SQL the API runs.
"""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from frontline.api import synthetic


def _all(client: TestClient, **params) -> list[dict]:
    out, offset = [], 0
    while True:
        body = client.get("/api/events", params={**params, "limit": 97, "offset": offset}).json()
        out += body["events"]
        offset += 97
        if offset >= body["total"]:
            return out


def test_pagination_covers_every_event_once_in_date_order(client: TestClient, data: synthetic.Synthetic) -> None:
    events = _all(client)
    ids = [e["event_id"] for e in events]
    assert sorted(ids) == sorted(e["event_id"] for e in data.events)
    assert len(set(ids)) == len(ids)
    dates = [e["event_date"] for e in events]
    assert dates == sorted(dates)


def test_total_is_independent_of_page(client: TestClient, data: synthetic.Synthetic) -> None:
    a = client.get("/api/events", params={"limit": 5}).json()
    b = client.get("/api/events", params={"limit": 5, "offset": len(data.events) - 3}).json()
    assert a["total"] == b["total"] == len(data.events)
    assert len(a["events"]) == 5
    assert len(b["events"]) == 3


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"event_type": "Battles"}, lambda e, s: e["event_type"] == "Battles"),
        ({"sub_event_type": "Air/drone strike"}, lambda e, s: e["sub_event_type"] == "Air/drone strike"),
        ({"date_from": "2020-01-10", "date_to": "2020-01-12"}, lambda e, s: dt.date(2020, 1, 10) <= e["event_date"] <= dt.date(2020, 1, 12)),
        ({"min_sources": 2}, lambda e, s: e["independent_sources"] >= 2),
        ({"actor": "opposition REBELS"}, lambda e, s: any("opposition rebels" in (e[k] or "").lower() for k in ("actor1", "actor2"))),
        ({"outlet": "Outlet C"}, lambda e, s: any(x["outlet"] == "Outlet C" for x in s)),
        ({"bbox": "36.6,35.6,36.9,35.9"}, lambda e, s: 36.6 <= e["longitude"] <= 36.9 and 35.6 <= e["latitude"] <= 35.9),
        ({"event_type": "Battles", "min_sources": 3}, lambda e, s: e["event_type"] == "Battles" and e["independent_sources"] >= 3),
    ],
)
def test_filters_match_a_python_recount(client: TestClient, data: synthetic.Synthetic, params: dict, keep) -> None:
    sources: dict[str, list[dict]] = {}
    for s in data.sources:
        sources.setdefault(s["event_id"], []).append(s)
    expected = {e["event_id"] for e in data.events if keep(e, sources.get(e["event_id"], []))}
    assert expected, "the generated data should exercise this filter"
    got = _all(client, **params)
    assert {e["event_id"] for e in got} == expected
    assert client.get("/api/events", params={**params, "limit": 1}).json()["total"] == len(expected)


def test_sql_metacharacters_are_data_not_sql(client: TestClient) -> None:
    for actor in ("' OR 1=1 --", "%", "_", '"; DROP TABLE events; --'):
        body = client.get("/api/events", params={"actor": actor}).json()
        assert body["total"] == 0, actor
    assert client.get("/api/events", params={"limit": 1}).json()["total"] > 0


def test_geojson_points_are_lon_lat_with_properties(client: TestClient, data: synthetic.Synthetic) -> None:
    by_id = {e["event_id"]: e for e in data.events}
    r = client.get("/api/events", params={"format": "geojson", "limit": 20})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and fc["total"] == len(data.events)
    for f in fc["features"]:
        src = by_id[f["id"]]
        assert f["geometry"]["coordinates"] == [src["longitude"], src["latitude"]]
        assert f["properties"]["sub_event_type"] == src["sub_event_type"]
        assert f["properties"]["evidence"]


def test_evidence_quotes_are_slices_of_the_source_text(client: TestClient) -> None:
    events = client.get("/api/events", params={"limit": 15}).json()["events"]
    texts: dict[str, str] = {}
    for e in events:
        assert e["evidence"], e["event_id"]
        for ev in e["evidence"]:
            if ev["document_id"] not in texts:
                texts[ev["document_id"]] = client.get(f"/api/documents/{ev['document_id']}").json()["text"]
            assert texts[ev["document_id"]][ev["start"] : ev["end"]] == ev["quote"]
            assert ev["title"]  # the map links each quote to its document by title


def test_event_detail_lists_its_source_documents(client: TestClient, data: synthetic.Synthetic) -> None:
    event_id = data.events[5]["event_id"]
    expected_docs = {s["document_id"] for s in data.sources if s["event_id"] == event_id}
    body = client.get(f"/api/events/{event_id}").json()
    assert {d["id"] for d in body["documents"]} == expected_docs
    assert {ev["document_id"] for ev in body["evidence"]} == expected_docs


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/events/no-such-event", 404),
        ("/api/events?bbox=1,2,3", 422),
        ("/api/events?bbox=10,20,5,30", 422),
        ("/api/events?bbox=a,b,c,d", 422),
        ("/api/events?bbox=nan,0,1,1", 422),
        ("/api/events?limit=0", 422),
        ("/api/events?limit=100000", 422),
        ("/api/events?offset=-1", 422),
        ("/api/events?date_from=yesterday", 422),
        ("/api/events?date_from=2020-02-01&date_to=2020-01-01", 422),
        ("/api/events?format=xml", 422),
        ("/api/events?min_sources=x", 422),
        ("/api/no-such-endpoint", 404),
    ],
)
def test_errors_are_json_with_a_message(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status
    body = r.json()
    assert body["status"] == status
    assert isinstance(body["error"], str) and len(body["error"]) > 5


def test_daily_counts_sum_to_filtered_total(client: TestClient) -> None:
    days = client.get("/api/stats/daily", params={"event_type": "Battles"}).json()["days"]
    total = client.get("/api/events", params={"event_type": "Battles", "limit": 1}).json()["total"]
    assert sum(d["count"] for d in days) == total
    assert {d["event_type"] for d in days} == {"Battles"}
