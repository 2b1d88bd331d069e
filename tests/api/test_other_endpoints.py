"""Documents, clusters, places, control, export, the page and its security headers."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from fastapi.testclient import TestClient

from frontline import control
from frontline.api import synthetic
from frontline.model import Place


def test_documents_list_and_detail(client: TestClient, data: synthetic.Synthetic) -> None:
    body = client.get("/api/documents", params={"limit": 10, "offset": 20}).json()
    assert body["total"] == len(data.documents)
    assert len(body["documents"]) == len(data.documents) - 20
    assert "text" not in body["documents"][0]  # the list stays light
    src = data.documents[3]
    doc = client.get(f"/api/documents/{src['row']['id']}").json()
    assert doc["text"] == src["row"]["text"]
    kinds = [(p["kind"], p["start"], p["end"]) for p in doc["parts"]]
    assert kinds == list(src["parts"])
    for m in doc["place_mentions"]:
        assert doc["text"][m["start"] : m["end"]] == m["text"]
    cited = {s["event_id"] for s in data.sources if s["document_id"] == src["row"]["id"]}
    assert {e["event_id"] for e in doc["events"]} == cited


def test_document_filters_and_404(client: TestClient, data: synthetic.Synthetic) -> None:
    outlet = data.documents[0]["row"]["outlet"]
    body = client.get("/api/documents", params={"outlet": outlet}).json()
    assert body["total"] == sum(d["row"]["outlet"] == outlet for d in data.documents)
    r = client.get("/api/documents/missing")
    assert r.status_code == 404 and "missing" in r.json()["error"]


def test_clusters_group_documents_by_cluster(client: TestClient, data: synthetic.Synthetic) -> None:
    body = client.get("/api/clusters", params={"limit": 100}).json()
    expected = {}
    for d in data.documents:
        expected.setdefault(d["row"]["cluster_id"], set()).add(d["row"]["id"])
    assert body["total"] == len(expected)
    got = {c["cluster_id"]: {m["id"] for m in c["documents"]} for c in body["clusters"]}
    assert got == expected
    for c in body["clusters"]:
        assert c["canonical_id"] in got[c["cluster_id"]]


def test_control_matches_the_timeline_computed_directly(client: TestClient, data: synthetic.Synthetic) -> None:
    day = dt.date(2020, 1, 20)
    expected = control.holdings_at(control.control_timeline(data.events), day)
    fc = client.get("/api/control", params={"date": day.isoformat(), "infer": "false"}).json()
    assert fc["type"] == "FeatureCollection" and fc["properties"]["date"] == day.isoformat()
    got = {f["properties"]["place_id"]: f["properties"]["side"] for f in fc["features"] if f["properties"]["kind"] == "settlement"}
    assert got == {pid: h.side for pid, h in expected.items()}
    assert any(f["properties"]["kind"] == "area" for f in fc["features"])


def test_control_inferred_points_are_flagged(client: TestClient) -> None:
    fc = client.get("/api/control", params={"date": "2020-02-05"}).json()
    settlements = [f["properties"] for f in fc["features"] if f["properties"]["kind"] == "settlement"]
    inferred = [p for p in settlements if p["inferred"]]
    assert fc["properties"]["inferred"] == len(inferred)
    for p in inferred:
        assert 0 < p["confidence"] < 1 and p["basis"] == "inferred" and p["since"] is None


def test_control_rejects_bad_dates(client: TestClient) -> None:
    assert client.get("/api/control", params={"date": "2020-13-01"}).status_code == 422


def test_places_503_when_gazetteer_cannot_load(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    gaz = importlib.import_module("frontline.geo.gazetteer")

    def broken(*_a, **_k):
        raise FileNotFoundError("gazetteer file not built")

    monkeypatch.setattr(gaz, "default_gazetteer", broken)
    monkeypatch.setattr(client.app.state, "gazetteer", None, raising=False)
    r = client.get("/api/places", params={"q": "anything"})
    assert r.status_code == 503
    assert "gazetteer" in r.json()["error"]


def test_places_formats_gazetteer_results(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    class Fake:
        def search(self, q: str, limit: int = 10) -> list[Place]:
            return [Place(f"x:{i}", f"{q} {i}", 35.0, 36.0 + i, "village") for i in range(limit)]

    monkeypatch.setattr(client.app.state, "gazetteer", Fake(), raising=False)
    body = client.get("/api/places", params={"q": "Qaryat", "limit": 3}).json()
    assert [p["name"] for p in body["places"]] == ["Qaryat 0", "Qaryat 1", "Qaryat 2"]
    assert client.get("/api/places").status_code == 422  # q is required


def test_export_csv_has_one_row_per_event(client: TestClient, data: synthetic.Synthetic) -> None:
    import csv
    import io

    r = client.get("/api/export.csv")
    if r.status_code == 503:  # a build without the export module
        assert "export" in r.json()["error"].lower()
        return
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == len(data.events)
    assert "event_date" in rows[0] and "evidence" in rows[0]


def test_page_and_vendored_assets_are_served_with_csp(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "<div id=\"map\"" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    for asset in ("/static/app.js", "/static/style.css", "/static/vendor/leaflet/leaflet.js", "/static/vendor/markercluster/leaflet.markercluster.js"):
        assert client.get(asset).status_code == 200, asset
    # no page asset may come from another host: the map must work offline
    assert "http://" not in page.text and "https://" not in page.text


def test_meta_lists_filter_values_and_colours(client: TestClient, data: synthetic.Synthetic) -> None:
    meta = client.get("/api/meta").json()
    assert meta["event_types"] == sorted({e["event_type"] for e in data.events})
    assert meta["date_min"] == min(e["event_date"] for e in data.events).isoformat()
    assert set(meta["event_type_colors"]) >= {"Battles", "other"}
    assert "unknown" in meta["side_colors"]


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/events", "/api/events/{event_id}", "/api/documents", "/api/documents/{doc_id}", "/api/places",
              "/api/control", "/api/clusters", "/api/export.csv"):
        assert p in paths, p
    assert "post" in paths["/api/documents"]


def test_sqlite_planner_statistics_are_refreshed(client: TestClient) -> None:
    from sqlalchemy import text

    with client.app.state.engine.connect() as conn:
        indexes = {r[0] for r in conn.execute(text("SELECT idx FROM sqlite_stat1 WHERE tbl = 'events'"))}
    assert "ix_events_event_date" in indexes  # so date ranges use the date index, not event_type's


def test_control_can_infer_for_gazetteer_settlements(
    client: TestClient, data: synthetic.Synthetic, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = dt.date(2020, 2, 5)
    observed = control.holdings_at(control.control_timeline(data.events), day)
    anchor = next(iter(observed.values()))

    class Gaz:  # one gazetteer village 300 m from a reported settlement, in the same district
        def __len__(self) -> int:
            return 1

        def place(self, i: int) -> Place:
            return Place("gaz:next-door", "Next Door", anchor.lat + 0.002, anchor.lon + 0.002, "village",
                         admin1=anchor.admin1, admin2=anchor.admin2)

    monkeypatch.setattr(client.app.state, "gazetteer", Gaz(), raising=False)

    def settlements(**params: str) -> dict[str, dict]:
        fc = client.get("/api/control", params={"date": day.isoformat(), **params}).json()
        return {f["properties"]["place_id"]: f["properties"] for f in fc["features"] if f["properties"]["kind"] == "settlement"}

    assert "gaz:next-door" not in settlements()
    props = settlements(candidates="gazetteer")["gaz:next-door"]
    assert props["inferred"] and props["confidence"] >= 0.35 and anchor.place_id in props["sources"]
    assert client.get("/api/control", params={"candidates": "everything"}).status_code == 422
