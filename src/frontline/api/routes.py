"""The read endpoints under ``/api``: thin wrappers over ``frontline.store.queries``."""

from __future__ import annotations

import datetime as dt
import functools
import io
from typing import Annotated, Any, Literal

import yaml
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Connection, func, select

from frontline import control
from frontline.api.deps import ApiError, get_conn, parse_bbox
from frontline.api.formats import event_json, feature_collection
from frontline.control.from_store import control_inputs, gazetteer_candidates
from frontline.model import to_jsonable
from frontline.paths import PACKAGE_DATA
from frontline.store import queries
from frontline.store import schema as t

router = APIRouter(prefix="/api")

Conn = Annotated[Connection, Depends(get_conn)]
Text = Annotated[str | None, Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=5000, description="page size")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip")]


def event_filter(
    bbox: Annotated[str | None, Query(max_length=200, description="min_lon,min_lat,max_lon,max_lat")] = None,
    date_from: Annotated[dt.date | None, Query(description="first event date, YYYY-MM-DD")] = None,
    date_to: Annotated[dt.date | None, Query(description="last event date, YYYY-MM-DD")] = None,
    event_type: Text = None,
    sub_event_type: Text = None,
    actor: Annotated[str | None, Query(max_length=200, description="substring of any actor field")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="outlet of at least one source")] = None,
    min_sources: Annotated[int | None, Query(ge=0, le=100_000, description="minimum independent sources")] = None,
) -> queries.EventFilter:
    """The event filters shared by the list, the chart and the map."""
    if date_from and date_to and date_from > date_to:
        raise ApiError(422, "date_from is after date_to")
    return queries.EventFilter(
        bbox=parse_bbox(bbox),
        date_from=date_from,
        date_to=date_to,
        event_type=event_type or None,
        sub_event_type=sub_event_type or None,
        actor=actor or None,
        outlet=outlet or None,
        min_sources=min_sources,
    )


Filter = Annotated[queries.EventFilter, Depends(event_filter)]


@router.get("/events", summary="Events, filtered and paginated, each with its evidence quotes")
def list_events(
    conn: Conn, f: Filter, limit: Limit = 100, offset: Offset = 0, format: Literal["json", "geojson"] = "json"
) -> Any:
    total = queries.count_events(conn, f)
    rows = queries.list_events(conn, f, limit, offset)
    if format == "geojson":
        return JSONResponse(feature_collection(rows, total=total, limit=limit, offset=offset), media_type="application/geo+json")
    # JSONResponse directly: the rows are already JSON-able, FastAPI's encoder would walk them again
    return JSONResponse({"total": total, "limit": limit, "offset": offset, "events": [event_json(r) for r in rows]})


@router.get("/events/{event_id}", summary="One event with its evidence spans, source documents and group")
def get_event(event_id: str, conn: Conn) -> Any:
    row = queries.get_event(conn, event_id)
    if row is None:
        raise ApiError(404, f"no event with id {event_id!r}")
    return event_json(row)


@router.get("/stats/daily", summary="Events per day and type (the map's chart)")
def daily(conn: Conn, f: Filter) -> Any:
    return {"days": to_jsonable(queries.daily_counts(conn, f))}


@router.get("/documents", summary="Stored documents (metadata only), paginated")
def list_documents(
    conn: Conn, limit: Limit = 100, offset: Offset = 0, outlet: Text = None, cluster_id: Text = None
) -> Any:
    total = queries.count_documents(conn, outlet, cluster_id)
    rows = queries.list_documents(conn, limit, offset, outlet, cluster_id)
    return {"total": total, "limit": limit, "offset": offset, "documents": to_jsonable(rows)}


@router.get("/documents/{doc_id}", summary="One document: text, parts, place/actor mentions, framing spans, events")
def get_document(doc_id: str, conn: Conn) -> Any:
    doc = queries.get_document(conn, doc_id)
    if doc is None:
        raise ApiError(404, f"no document with id {doc_id!r}")
    return to_jsonable(doc)


@router.get("/clusters", summary="Republication clusters with their members and provenance links")
def list_clusters(conn: Conn, limit: Limit = 100, offset: Offset = 0) -> Any:
    total, rows = queries.list_clusters(conn, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "clusters": to_jsonable(rows)}


@router.get("/places", summary="Gazetteer search by name (transliteration-aware)")
def search_places(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> Any:
    gazetteer = _gazetteer(request)
    return {"query": q, "places": to_jsonable(gazetteer.search(q, limit))}


def _gazetteer(request: Request) -> Any:
    state = request.app.state
    if getattr(state, "gazetteer", None) is None:
        try:
            from frontline.geo.gazetteer import default_gazetteer

            state.gazetteer = default_gazetteer()
        except Exception as exc:  # not built / not installed: say so instead of failing
            raise ApiError(503, f"gazetteer unavailable: {type(exc).__name__}: {exc}") from exc
    return state.gazetteer


@router.get("/control", summary="Territorial control on a date as GeoJSON (areas, front lines, settlements)")
def get_control(
    request: Request,
    conn: Conn,
    date: Annotated[dt.date | None, Query(description="YYYY-MM-DD; default: the latest event date")] = None,
    infer: Annotated[bool, Query(description="spread to unreported settlements (flagged inferred)")] = True,
    candidates: Annotated[
        Literal["stored", "gazetteer"],
        Query(description="settlements inference may colour: places in the database, or also gazetteer settlements nearby"),
    ] = "stored",
) -> Any:
    day = date or conn.scalar(select(func.max(t.events.c.event_date))) or dt.date.today()
    timeline, settlements = _control_inputs(request, conn)
    if infer and candidates == "gazetteer":
        settlements = settlements + _gazetteer_settlements(request, timeline)
    fc = control.control_at(day, timeline=timeline, settlements=settlements if infer else (), infer=infer)
    return JSONResponse(to_jsonable(fc), media_type="application/geo+json")


def _gazetteer_settlements(request: Request, timeline: dict[str, list[control.Holding]]) -> list[control.Settlement]:
    """Gazetteer settlements around the reported places, cached with the timeline they were drawn for."""
    cache = request.app.state.control_cache
    if cache.get("gazetteer_for") is not timeline:
        cache["gazetteer"] = gazetteer_candidates(timeline, _gazetteer(request))
        cache["gazetteer_for"] = timeline
    return cache["gazetteer"]


@router.get("/control/timeline", summary="Per settlement: who held it from when, with the events as evidence")
def get_timeline(request: Request, conn: Conn) -> Any:
    timeline, _ = _control_inputs(request, conn)
    return {"places": to_jsonable(timeline)}


def _control_inputs(request: Request, conn: Connection) -> tuple[dict[str, list[control.Holding]], list[control.Settlement]]:
    """Timeline and candidate settlements, cached until the territory events change."""
    e = t.events.c
    territory = select(func.count(), func.max(e.event_id), func.max(e.event_date)).where(
        e.sub_event_type.in_(queries.TERRITORY_SUB_EVENTS)
    )
    totals = select(
        select(func.count()).select_from(t.events).scalar_subquery(),
        select(func.count()).select_from(t.place_mentions).scalar_subquery(),
    )
    key = (*conn.execute(territory).one(), *conn.execute(totals).one())
    cache = request.app.state.control_cache
    if cache.get("key") != key:
        timeline, settlements = control_inputs(conn, request.app.state.control_initial)
        cache.clear()
        cache.update(key=key, value=(timeline, settlements))
    return cache["value"]


@router.get("/export.csv", summary="All events as ACLED CSV (plus frontline's columns)")
def export_csv(request: Request) -> Response:
    store = request.app.state.store
    try:
        from frontline import export
    except ImportError as exc:
        raise ApiError(503, "CSV export is not available in this build (frontline.export missing)") from exc
    buf = io.StringIO()
    if hasattr(export, "acled_csv") and store is not None:
        export.acled_csv(store, buf)
    elif hasattr(export, "write_acled_csv") and store is not None:
        export.write_acled_csv(store.load_events(), buf)
    else:
        raise ApiError(503, "CSV export is not available in this build (no ACLED CSV writer in frontline.export)")
    return Response(
        buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="frontline-events.csv"'},
    )


@router.get("/meta", summary="Filter values, date range, colours and label zooms for the map")
def meta(conn: Conn) -> Any:
    rules = control.load_side_rules()
    return to_jsonable({**queries.facets(conn), "side_colors": rules.colors, **_map_style()})


@functools.cache
def _map_style() -> dict[str, Any]:
    return yaml.safe_load((PACKAGE_DATA / "control" / "map_style.yaml").read_text(encoding="utf-8"))


@router.get("/boundaries/admin1", summary="Governorate polygons (the offline base map)")
def admin1() -> Any:
    data = control.load_admin1()
    if data is None:
        raise ApiError(503, "administrative boundaries are not bundled in this build")
    return JSONResponse(data, media_type="application/geo+json")


@router.get("/basemap/places", summary="Settlements to label on the base map")
def basemap_places(conn: Conn, limit: Annotated[int, Query(ge=1, le=20000)] = 5000) -> Any:
    places = queries.known_places(conn, limit)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                "properties": {"place_id": p["place_id"], "name": p["name"], "events": p["events"], "admin1": p["admin1"]},
            }
            for p in places
        ],
    }


@router.get("/health", summary="Liveness and database counts")
def health(conn: Conn) -> Any:
    return {"status": "ok", "events": conn.scalar(select(func.count()).select_from(t.events))}
