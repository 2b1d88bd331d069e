"""ACLED CSV rows: conventions the codebook sets, computed from events we build here."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq

from frontline.export import acled_row, csv_columns, export_events, to_geojson
from frontline.model import Event, Evidence


def _event(**kw) -> Event:
    base = dict(
        event_id="SYR1",
        event_type="Battles",
        sub_event_type="Government regains territory",
        event_date=dt.date(2021, 2, 3),
        date_precision="day",
        country="Syria",
        latitude=35.9,
        longitude=36.6,
        sources=[Evidence("d1", 5, 20, "forces captured X", outlet="Wire A"), Evidence("d2", 0, 9, "captured", outlet="Wire B")],
    )
    base.update(kw)
    return Event(**base)


def test_columns_start_with_acled_order_then_extras() -> None:
    cols = csv_columns()
    assert cols[0] == "event_id_cnty" and cols.index("fatalities") < cols.index("date_precision")
    assert cols[-7:] == ["date_precision", "fatalities_min", "fatalities_max", "attribution", "hedged", "independent_sources", "evidence"]
    assert set(acled_row(_event())) == set(cols)


def test_time_precision_follows_the_date_precision() -> None:
    assert acled_row(_event())["time_precision"] == 1
    week = _event(date_precision="range", date_range=(dt.date(2021, 2, 1), dt.date(2021, 2, 7)))
    assert acled_row(week)["time_precision"] == 2
    long = _event(date_precision="range", date_range=(dt.date(2020, 12, 19), dt.date(2021, 2, 7)))
    assert acled_row(long)["time_precision"] == 3
    assert acled_row(_event(event_date=None, date_precision="unknown"))["year"] == ""


def test_disorder_type_civilian_targeting_sources_and_evidence() -> None:
    row = acled_row(_event(event_type="Violence against civilians", sub_event_type="Attack", actor2="Civilians (Syria)"))
    assert row["disorder_type"] == "Political violence"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["iso"] == 760 and row["source"] == "Wire A; Wire B"
    evidence = json.loads(row["evidence"])
    assert [e["document_id"] for e in evidence] == ["d1", "d2"]
    riot = acled_row(_event(event_type="Riots", sub_event_type="Violent demonstration"))
    assert riot["disorder_type"] == "Demonstrations"


def test_geojson_and_parquet(tmp_path: Path) -> None:
    events = [_event(), _event(event_id="SYR2", latitude=None, longitude=None)]
    gj = to_geojson(events)
    assert gj["features"][0]["geometry"]["coordinates"] == [36.6, 35.9]
    assert gj["features"][1]["geometry"] is None
    out = tmp_path / "e.parquet"
    assert export_events(events, "parquet", out) == 2
    table = pq.read_table(out)
    assert table.column_names == csv_columns() and table.num_rows == 2
