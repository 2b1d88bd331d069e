"""Exports: ACLED CSV, GeoJSON and Parquet, from the store's merged events.

The CSV keeps ACLED's column names and order first so it drops into existing
ACLED workflows, then frontline's extra columns (uncertainty and evidence).
The layout is data (``data/export/acled.yaml``), not code.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

import yaml

from frontline.model import Event, to_jsonable
from frontline.paths import PACKAGE_DATA

FORMATS = ("acled-csv", "geojson", "parquet")


@lru_cache(maxsize=1)
def layout() -> dict[str, Any]:
    with (PACKAGE_DATA / "export" / "acled.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def csv_columns() -> list[str]:
    spec = layout()
    return list(spec["columns"]) + list(spec["extra_columns"])


def _time_precision(event: Event) -> int:
    spec = layout()["time_precision"]
    if event.date_precision == "range" and event.date_range:
        days = (event.date_range[1] - event.date_range[0]).days
        return spec["range_week"] if days <= 7 else spec["range_long"]
    return spec.get(event.date_precision, spec["unknown"])


def _disorder(event: Event) -> str:
    table = layout()["disorder_type"]
    return table.get(f"{event.event_type}/{event.sub_event_type}") or table.get(event.event_type, "")


def acled_row(event: Event, *, timestamp: int | None = None) -> dict[str, Any]:
    """One ACLED-style row, plus frontline's extra columns."""
    spec = layout()
    country = spec["countries"].get(event.country or "", {})
    civ = spec["civilian_actor_prefix"]
    targeted = any((a or "").startswith(civ) for a in (event.actor2, event.assoc_actor_2))
    outlets = sorted({s.outlet for s in event.sources if s.outlet})
    return {
        "event_id_cnty": event.event_id,
        "event_date": event.event_date.isoformat() if event.event_date else "",
        "year": event.event_date.year if event.event_date else "",
        "time_precision": _time_precision(event),
        "disorder_type": _disorder(event),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1 or "",
        "assoc_actor_1": event.assoc_actor_1 or "",
        "inter1": event.inter1 if event.inter1 is not None else "",
        "actor2": event.actor2 or "",
        "assoc_actor_2": event.assoc_actor_2 or "",
        "inter2": event.inter2 if event.inter2 is not None else "",
        "interaction": event.interaction if event.interaction is not None else "",
        "civilian_targeting": "Civilian targeting" if targeted else "",
        "iso": country.get("iso", ""),
        "region": country.get("region", ""),
        "country": event.country or "",
        "admin1": event.admin1 or "",
        "admin2": event.admin2 or "",
        "admin3": event.admin3 or "",
        "location": event.location or "",
        "latitude": event.latitude if event.latitude is not None else "",
        "longitude": event.longitude if event.longitude is not None else "",
        "geo_precision": event.geo_precision if event.geo_precision is not None else "",
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": event.notes or "",
        "fatalities": event.fatalities,
        "tags": "; ".join(event.tags),
        "timestamp": timestamp if timestamp is not None else int(dt.datetime.now(dt.UTC).timestamp()),
        "date_precision": event.date_precision,
        "fatalities_min": event.fatalities_min if event.fatalities_min is not None else "",
        "fatalities_max": event.fatalities_max if event.fatalities_max is not None else "",
        "attribution": event.attribution or "",
        "hedged": str(bool(event.hedged)).lower(),
        "independent_sources": event.independent_sources,
        "evidence": json.dumps(
            [{"document_id": s.document_id, "start": s.start, "end": s.end, "quote": s.quote} for s in event.sources],
            ensure_ascii=False,
        ),
    }


def write_acled_csv(events: Sequence[Event], fh: IO[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=csv_columns(), extrasaction="raise")
    writer.writeheader()
    now = int(dt.datetime.now(dt.UTC).timestamp())
    for event in events:
        writer.writerow(acled_row(event, timestamp=now))
    return len(events)


def event_feature(event: Event) -> dict[str, Any]:
    props = to_jsonable(event)
    geometry = (
        {"type": "Point", "coordinates": [event.longitude, event.latitude]}
        if event.latitude is not None and event.longitude is not None
        else None
    )
    return {"type": "Feature", "id": event.event_id, "geometry": geometry, "properties": props}


def to_geojson(events: Sequence[Event]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [event_feature(e) for e in events]}


def write_parquet(events: Sequence[Event], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [acled_row(e) for e in events]
    columns = csv_columns()
    data = {c: [("" if r[c] is None else r[c]) for r in rows] for c in columns}
    # Mixed "" / numbers are written as strings except the always-numeric columns.
    numeric = {"fatalities", "independent_sources", "time_precision", "timestamp"}
    arrays = {c: pa.array(v if c in numeric else [str(x) for x in v]) for c, v in data.items()}
    pq.write_table(pa.table(arrays), path)
    return len(rows)


def export_events(events: Sequence[Event], fmt: str, out: Path) -> int:
    """Write ``events`` to ``out`` in ``fmt``; returns the number written."""
    if fmt == "acled-csv":
        with out.open("w", encoding="utf-8", newline="") as fh:
            return write_acled_csv(events, fh)
    if fmt == "geojson":
        out.write_text(json.dumps(to_geojson(events), ensure_ascii=False, indent=1), encoding="utf-8")
        return len(events)
    if fmt == "parquet":
        return write_parquet(events, out)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
