"""Turning query rows into API payloads (JSON and GeoJSON)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Dates to ISO strings, one level deep (rows are flat; the generic to_jsonable is 10x slower)."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    """An event row as JSON: dates as ISO strings, the date range as a pair, evidence rows plain."""
    out = _plain(row)
    for key in ("evidence", "documents"):
        if key in out:
            out[key] = [_plain(x) for x in out[key]]
    start, end = out.pop("date_start", None), out.pop("date_end", None)
    out["date_range"] = [start, end] if start and end else None
    return out


def event_feature(row: dict[str, Any]) -> dict[str, Any]:
    props = event_json(row)
    lat, lon = props.get("latitude"), props.get("longitude")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": props["event_id"], "geometry": geometry, "properties": props}


def feature_collection(rows: list[dict[str, Any]], **meta: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [event_feature(r) for r in rows], **meta}
