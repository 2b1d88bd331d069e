"""Spatial queries: PostGIS geometry + GiST on PostgreSQL, lat/lon fallback on SQLite, same answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from frontline.model import Event
from frontline.scale.postgis import (
    copy_rows,
    event_points,
    events_in_bbox,
    events_within_km,
    explain,
    has_geometry,
    haversine_km,
)
from frontline.store import open_store

# Points written for this test (not from any report): a small grid around (36, 37), one far away, one unplaced.
POINTS = {
    "e-centre": (36.0, 37.0),
    "e-north": (36.3, 37.0),  # ~33 km north of the centre
    "e-east": (36.0, 37.5),  # ~45 km east
    "e-far": (33.5, 36.3),  # ~285 km south-west
    "e-antimeridian": (10.0, 179.5),
}


def _events() -> list[Event]:
    evs = [
        Event(eid, "Battles", "Armed clash", dt.date(2020, 1, 1), "day", latitude=lat, longitude=lon)
        for eid, (lat, lon) in POINTS.items()
    ]
    evs.append(Event("e-unplaced", "Battles", "Armed clash", dt.date(2020, 1, 1), "day"))
    return evs


def _check_queries(url: str) -> None:
    store = open_store(url)
    store.replace_events(_events())
    assert events_in_bbox(store.engine, 36.9, 35.9, 37.1, 36.4) == ["e-centre", "e-north"]
    assert events_in_bbox(store.engine, 36.0, 33.0, 38.0, 37.0) == ["e-centre", "e-east", "e-far", "e-north"]
    assert events_in_bbox(store.engine, 179.0, 9.0, -179.0, 11.0) == ["e-antimeridian"]  # crosses 180°
    assert events_in_bbox(store.engine, 0.0, 0.0, 1.0, 1.0) == []
    assert events_within_km(store.engine, 36.0, 37.0, 40.0) == ["e-centre", "e-north"]
    assert events_within_km(store.engine, 36.0, 37.0, 50.0) == ["e-centre", "e-east", "e-north"]
    store.engine.dispose()


def test_haversine_matches_known_distances() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.195, rel=1e-3)
    assert haversine_km(36.0, 37.0, 36.0, 37.0) == 0.0
    assert haversine_km(36.0, 37.0, 36.3, 37.0) == pytest.approx(33.36, rel=1e-2)


def test_bbox_and_distance_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    store = open_store(url)
    with store.engine.connect() as conn:
        assert not has_geometry(conn)
    _check_queries(url)


def test_copy_rows_falls_back_to_executemany_on_sqlite(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    store.replace_events(_events())
    rows = [("e-centre", "d1", 0, 5, "quote", None, None)]
    with store.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # no documents table rows in this unit test
        assert copy_rows(conn, "event_sources", ["event_id", "document_id", "start", "end", "quote", "outlet", "field"], rows) == 1
        assert conn.exec_driver_sql("SELECT event_id, quote FROM event_sources").fetchall() == [("e-centre", "quote")]


@pytest.mark.postgres
def test_postgis_geometry_index_and_queries(pg_url: str) -> None:
    store = open_store(pg_url)
    with store.engine.connect() as conn:
        assert has_geometry(conn, "events") and has_geometry(conn, "place_mentions")
        indexes = set(conn.exec_driver_sql("SELECT indexname FROM pg_indexes WHERE tablename = 'events'").scalars())
        assert "ix_events_geom" in indexes
    _check_queries(pg_url)
    # The geometry is generated from latitude/longitude, so it cannot disagree with them.
    points = event_points(store.engine, list(POINTS))
    assert points == {eid: (lon, lat) for eid, (lat, lon) in POINTS.items()}
    with store.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")  # tiny table: make the planner show the index is usable
        plan = explain(conn, "SELECT event_id FROM events WHERE geom && ST_MakeEnvelope(36, 35, 38, 37, 4326)")
    assert "ix_events_geom" in plan


@pytest.mark.postgres
def test_copy_rows_uses_copy_on_postgresql(pg_url: str) -> None:
    store = open_store(pg_url)
    store.replace_events(_events())
    with store.engine.begin() as conn:
        conn.exec_driver_sql("SET session_replication_role = replica")  # skip FK checks for this unit test
        n = copy_rows(
            conn,
            "event_sources",
            ["event_id", "document_id", "start", "end", "quote", "outlet", "field"],
            [("e-centre", f"d{i}", i, i + 1, "tab\there, quote \"x\"\nnewline", None, None) for i in range(1000)],
        )
        assert n == 1000
        assert conn.exec_driver_sql("SELECT count(*), min(quote) FROM event_sources").one() == (
            1000,
            "tab\there, quote \"x\"\nnewline",
        )
