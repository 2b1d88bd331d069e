"""Areas of control and the front line for a date, as GeoJSON.

Each held settlement (observed or inferred) gets its Voronoi cell, cut to a
disc of ``area_radius_km`` (a village says nothing about land 50 km away) and
to the governorate polygons (no area in the sea or across the border).  Cells
are dissolved by side; the front line is where areas of different sides
touch.  Geometry is computed in a local equirectangular projection (km), which
is accurate enough at the scale of a province.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import shapely
from shapely.geometry import MultiPoint, Point, mapping, shape
from shapely.ops import unary_union

from frontline.control.config import InitialControl, SideRules, load_admin1, load_side_rules
from frontline.control.infer import InferenceParams, infer_control
from frontline.control.timeline import Holding, Settlement, control_timeline, holdings_at

#: Radius of the area a single settlement speaks for.
AREA_RADIUS_KM = 6.0


class _Projection:
    """lon/lat <-> km around a reference latitude (equirectangular)."""

    def __init__(self, lat0: float) -> None:
        self.kx = 111.320 * math.cos(math.radians(lat0))
        self.ky = 110.574

    def fwd(self, geom: Any) -> Any:
        return shapely.transform(geom, lambda c: c * [self.kx, self.ky])

    def inv(self, geom: Any) -> Any:
        return shapely.transform(geom, lambda c: c / [self.kx, self.ky])


def _clip_region(admin1: dict[str, Any] | None, proj: _Projection) -> Any:
    if not admin1:
        return None
    polys = [shape(f["geometry"]) for f in admin1.get("features", []) if f.get("geometry")]
    return proj.fwd(unary_union(polys).buffer(0)) if polys else None


def _polygonal(geom: Any) -> Any:
    """Keep only the polygon parts of a geometry (clipping can leave slivers of lines)."""
    if geom.is_empty:
        return geom
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return unary_union(parts) if parts else shapely.Polygon()


def _lines(geom: Any) -> Any:
    if geom.is_empty:
        return None
    if geom.geom_type in ("LineString", "MultiLineString"):
        return shapely.line_merge(geom) if geom.geom_type == "MultiLineString" else geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("LineString", "MultiLineString")]
    return shapely.line_merge(unary_union(parts)) if parts else None


def _holding_props(h: Holding) -> dict[str, Any]:
    return {
        "kind": "settlement",
        "place_id": h.place_id,
        "name": h.name,
        "side": h.side,
        "since": h.start.isoformat() if h.start and not h.inferred else None,
        "until": h.end.isoformat() if h.end and not h.inferred else None,
        "basis": h.basis,
        "inferred": h.inferred,
        "confidence": h.confidence,
        "contested": h.contested,
        "evidence": list(h.evidence),
        "sources": list(h.sources),
    }


def control_geojson(
    held: Mapping[str, Holding],
    day: dt.date,
    *,
    admin1: dict[str, Any] | None = None,
    area_radius_km: float = AREA_RADIUS_KM,
) -> dict[str, Any]:
    """Settlement points, dissolved areas per side and front lines for the given holdings."""
    points = [h for h in held.values() if h.lat is not None and h.lon is not None]
    features: list[dict[str, Any]] = []
    if points:
        proj = _Projection(sum(float(h.lat) for h in points) / len(points))  # type: ignore[arg-type]
        xy = [proj.fwd(Point(float(h.lon), float(h.lat))) for h in points]  # type: ignore[arg-type]
        region = _clip_region(admin1, proj)
        cells = _cells(xy, area_radius_km)
        by_side: dict[tuple[str, bool], list[Any]] = {}
        for h, cell in zip(points, cells, strict=True):
            if region is not None:
                cell = cell.intersection(region)
            cell = _polygonal(cell)
            if not cell.is_empty:
                by_side.setdefault((h.side, h.inferred), []).append(cell)
        areas = {key: unary_union(cs) for key, cs in by_side.items()}
        for (side, inferred), geom in sorted(areas.items()):
            features.append(
                {
                    "type": "Feature",
                    "geometry": mapping(proj.inv(geom)),
                    "properties": {"kind": "area", "side": side, "inferred": inferred},
                }
            )
        features.extend(_front_lines(areas, proj))
    for h in points:
        features.append(
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [h.lon, h.lat]}, "properties": _holding_props(h)}
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "properties": {
            "date": day.isoformat(),
            "observed": sum(1 for h in held.values() if not h.inferred),
            "inferred": sum(1 for h in held.values() if h.inferred),
        },
    }


def _cells(xy: Sequence[Any], radius: float) -> list[Any]:
    """Voronoi cell of each point, cut to a disc of ``radius`` km around it."""
    discs = [p.buffer(radius, quad_segs=8) for p in xy]
    if len(xy) == 1:
        return discs
    unique = MultiPoint(xy)
    vor = shapely.voronoi_polygons(unique, extend_to=unary_union(discs).envelope.buffer(radius))
    cells = list(vor.geoms)
    out = []
    for p, disc in zip(xy, discs, strict=True):
        # voronoi_polygons does not keep input order; pick the cell containing the point.
        cell = next((c for c in cells if c.covers(p)), disc)
        out.append(cell.intersection(disc))
    return out


def _front_lines(areas: Mapping[tuple[str, bool], Any], proj: _Projection) -> list[dict[str, Any]]:
    by_side: dict[str, Any] = {}
    for (side, _), geom in areas.items():
        by_side[side] = unary_union([by_side[side], geom]) if side in by_side else geom
    sides = sorted(by_side)
    out: list[dict[str, Any]] = []
    for i, a in enumerate(sides):
        for b in sides[i + 1 :]:
            shared = _lines(by_side[a].boundary.intersection(by_side[b].boundary.buffer(1e-6)))
            if shared is None or shared.is_empty or shared.length < 1e-3:
                continue
            out.append(
                {
                    "type": "Feature",
                    "geometry": mapping(proj.inv(shared)),
                    "properties": {"kind": "front", "sides": [a, b]},
                }
            )
    return out


def control_at(
    day: dt.date,
    events: Iterable[Any] = (),
    *,
    initial: Sequence[InitialControl] | None = None,
    settlements: Iterable[Settlement] = (),
    timeline: Mapping[str, Sequence[Holding]] | None = None,
    rules: SideRules | None = None,
    params: InferenceParams | None = None,
    infer: bool = True,
    admin1: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Control on ``day`` as a GeoJSON FeatureCollection.

    Pass either ``events`` (and optionally ``initial``) or a precomputed
    ``timeline``.  ``settlements`` are the candidates for inference; inferred
    ones carry ``inferred: true`` and their ``confidence``.  ``admin1``
    defaults to the bundled governorate polygons.
    """
    if timeline is None:
        timeline = control_timeline(events, initial, rules=rules or load_side_rules())
    observed = holdings_at(timeline, day)
    held: dict[str, Holding] = dict(observed)
    if infer:
        held.update(infer_control(observed, settlements, day, params))
    return control_geojson(held, day, admin1=admin1 if admin1 is not None else load_admin1())
