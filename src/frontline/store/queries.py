"""Read-side queries for the REST API and the map (SQLAlchemy Core, parameterised).

Every function takes an open ``Connection`` and returns plain dicts, so the
API layer only formats.  Filters become bound parameters (never string
formatting); list queries are one filtered ``COUNT`` plus one page query that
uses the date/type/lat-lon indexes, and evidence for a page is fetched with a
single ``IN`` query, so cost does not grow with the table.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, or_, select

from frontline.store import schema as t

#: Sub-event types that change territorial control (ACLED 2023 codebook).
TERRITORY_SUB_EVENTS = (
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The filters of ``GET /api/events`` (all optional, combined with AND)."""

    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # case-insensitive substring of any actor field
    outlet: str | None = None  # exact outlet of at least one source
    min_sources: int | None = None  # independent sources >= n


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _event_conditions(f: EventFilter) -> list[Any]:
    e = t.events.c
    cond: list[Any] = []
    if f.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        cond += [e.latitude.between(min_lat, max_lat), e.longitude.between(min_lon, max_lon)]
    if f.date_from is not None:
        cond.append(e.event_date >= f.date_from)
    if f.date_to is not None:
        cond.append(e.event_date <= f.date_to)
    if f.event_type:
        cond.append(e.event_type == f.event_type)
    if f.sub_event_type:
        cond.append(e.sub_event_type == f.sub_event_type)
    if f.actor:
        pattern = f"%{_escape_like(f.actor.lower())}%"
        cond.append(
            or_(
                *(
                    func.lower(col).like(pattern, escape="\\")
                    for col in (e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2)
                )
            )
        )
    if f.outlet:
        s = t.event_sources.c
        # IN over one pass of the sources beats a correlated EXISTS per event
        cond.append(e.event_id.in_(select(s.event_id).where(s.outlet == f.outlet)))
    if f.min_sources is not None:
        cond.append(e.independent_sources >= f.min_sources)
    return cond


def count_events(conn: Connection, f: EventFilter) -> int:
    q = select(func.count()).select_from(t.events).where(*_event_conditions(f))
    return int(conn.scalar(q) or 0)


def _row(r: Any) -> dict[str, Any]:
    return dict(r._mapping)


def evidence_for(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Evidence quotes of the given events, with each source document's title and url."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not event_ids:
        return out
    s, d = t.event_sources.c, t.documents.c
    q = (
        select(s.event_id, s.document_id, s.start, s.end, s.quote, s.outlet, s.field, d.title, d.url, d.publication_date)
        .select_from(t.event_sources.outerjoin(t.documents, d.id == s.document_id))
        .where(s.event_id.in_(list(event_ids)))
        .order_by(s.event_id, s.id)
    )
    for r in conn.execute(q):
        row = _row(r)
        out[row.pop("event_id")].append(row)
    return out


def list_events(conn: Connection, f: EventFilter, limit: int, offset: int) -> list[dict[str, Any]]:
    """One page of events (date order, then id), each with its ``evidence`` list.

    The page's ids are chosen first and only those rows are read in full (a
    "deferred join"): with an index on ``(event_date, event_id)`` the skipped
    rows of a deep ``offset`` are then never read from the table.
    """
    e = t.events.c
    # (event_date, event_id) so the date index serves the sort; undated events sort
    # first on SQLite and last on PostgreSQL (each backend's NULL order).
    page = (
        select(e.event_id)
        .where(*_event_conditions(f))
        .order_by(e.event_date, e.event_id)
        .limit(limit)
        .offset(offset)
        .subquery("page")
    )
    q = select(t.events).join(page, page.c.event_id == e.event_id).order_by(e.event_date, e.event_id)
    rows = [_row(r) for r in conn.execute(q)]
    evidence = evidence_for(conn, [r["event_id"] for r in rows])
    for r in rows:
        r["evidence"] = evidence.get(r["event_id"], [])
    return rows


def get_event(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """One event with its evidence spans and the documents they come from."""
    r = conn.execute(select(t.events).where(t.events.c.event_id == event_id)).first()
    if r is None:
        return None
    row = _row(r)
    row["evidence"] = evidence_for(conn, [event_id]).get(event_id, [])
    doc_ids = sorted({ev["document_id"] for ev in row["evidence"]})
    row["documents"] = [_row(d) for d in conn.execute(_document_summary().where(t.documents.c.id.in_(doc_ids)))] if doc_ids else []
    if row.get("group_id"):
        g = t.events.c
        row["group"] = list(conn.scalars(select(g.event_id).where(g.group_id == row["group_id"], g.event_id != event_id).order_by(g.event_id).limit(100)))
    else:
        row["group"] = []
    return row


def _document_summary() -> Any:
    d = t.documents.c
    return select(
        d.id, d.source_path, d.content_hash, d.url, d.title, d.byline, d.outlet, d.original_source,
        d.publication_date, d.date_source, d.cluster_id, d.canonical_id, d.body_words, d.comment_count,
    )


def count_documents(conn: Connection, outlet: str | None = None, cluster_id: str | None = None) -> int:
    q = select(func.count()).select_from(t.documents)
    if outlet:
        q = q.where(t.documents.c.outlet == outlet)
    if cluster_id:
        q = q.where(t.documents.c.cluster_id == cluster_id)
    return int(conn.scalar(q) or 0)


def list_documents(
    conn: Connection, limit: int, offset: int, outlet: str | None = None, cluster_id: str | None = None
) -> list[dict[str, Any]]:
    d = t.documents.c
    q = _document_summary().order_by(d.publication_date.is_(None), d.publication_date, d.id).limit(limit).offset(offset)
    if outlet:
        q = q.where(d.outlet == outlet)
    if cluster_id:
        q = q.where(d.cluster_id == cluster_id)
    return [_row(r) for r in conn.execute(q)]


def get_document(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    """A document with its text, parts, place/actor mentions, framing spans and cited events."""
    d = t.documents.c
    r = conn.execute(
        _document_summary().add_columns(d.text, d.field_spans, d.inherited).where(d.id == doc_id)
    ).first()
    if r is None:
        return None
    doc = _row(r)
    p, pm, am, fs = t.parts.c, t.place_mentions.c, t.actor_mentions.c, t.framing_spans.c
    doc["parts"] = [_row(x) for x in conn.execute(select(p.seq, p.kind, p.start, p.end, p.info).where(p.document_id == doc_id).order_by(p.seq))]
    doc["place_mentions"] = [
        _row(x)
        for x in conn.execute(
            select(pm.start, pm.end, pm.text, pm.place_id, pm.name, pm.lat, pm.lon, pm.feature_type, pm.admin1,
                   pm.geo_precision, pm.confidence, pm.resolved)
            .where(pm.document_id == doc_id).order_by(pm.start)
        )
    ]
    doc["actor_mentions"] = [
        _row(x)
        for x in conn.execute(
            select(am.start, am.end, am.text, am.actor_id, am.name, am.side, am.kind, am.role, am.descriptor, am.confidence)
            .where(am.document_id == doc_id).order_by(am.start)
        )
    ]
    doc["framing_spans"] = [
        _row(x)
        for x in conn.execute(
            select(fs.start, fs.end, fs.technique, fs.score, fs.source, fs.neutral, fs.side).where(fs.document_id == doc_id).order_by(fs.start)
        )
    ]
    s, e = t.event_sources.c, t.events.c
    doc["events"] = [
        _row(x)
        for x in conn.execute(
            select(e.event_id, e.event_type, e.sub_event_type, e.event_date, e.location, s.start, s.end)
            .select_from(t.event_sources.join(t.events, e.event_id == s.event_id))
            .where(s.document_id == doc_id)
            .order_by(s.start)
        )
    ]
    return doc


def list_clusters(conn: Connection, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """Republication clusters: members, canonical original and provenance links."""
    d = t.documents.c
    total = int(conn.scalar(select(func.count(func.distinct(d.cluster_id))).where(d.cluster_id.is_not(None))) or 0)
    ids = list(
        conn.scalars(
            select(d.cluster_id).where(d.cluster_id.is_not(None)).group_by(d.cluster_id).order_by(d.cluster_id).limit(limit).offset(offset)
        )
    )
    if not ids:
        return total, []
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in conn.execute(_document_summary().where(d.cluster_id.in_(ids)).order_by(d.id)):
        members[r.cluster_id].append(_row(r))
    doc_ids = [m["id"] for ms in members.values() for m in ms]
    links: dict[str, list[dict[str, Any]]] = defaultdict(list)
    lk = t.doc_links.c
    cluster_of = {m["id"]: cid for cid, ms in members.items() for m in ms}
    for r in conn.execute(select(lk.src_id, lk.dst_id, lk.kind, lk.score).where(lk.src_id.in_(doc_ids)).order_by(lk.id)):
        links[cluster_of[r.src_id]].append(_row(r))
    out = []
    for cid in ids:
        ms = members.get(cid, [])
        canonical = next((m["canonical_id"] for m in ms if m.get("canonical_id")), None)
        out.append({"cluster_id": cid, "canonical_id": canonical, "size": len(ms), "documents": ms, "links": links.get(cid, [])})
    return total, out


def territory_events(conn: Connection) -> list[dict[str, Any]]:
    """The events that can change control, oldest first (input of ``frontline.control``)."""
    e = t.events.c
    q = (
        select(e.event_id, e.sub_event_type, e.event_date, e.place_id, e.location, e.latitude, e.longitude,
               e.admin1, e.admin2, e.actor1, e.inter1)
        .where(e.sub_event_type.in_(TERRITORY_SUB_EVENTS))
        .order_by(e.event_date, e.event_id)
    )
    return [_row(r) for r in conn.execute(q)]


def known_places(conn: Connection, limit: int = 5000) -> list[dict[str, Any]]:
    """Distinct resolved places from events and mentions: settlements for labels and inference."""
    e, pm = t.events.c, t.place_mentions.c
    out: dict[str, dict[str, Any]] = {}
    q1 = (
        select(e.place_id, func.min(e.location), func.avg(e.latitude), func.avg(e.longitude), func.min(e.admin1), func.min(e.admin2), func.count())
        .where(e.place_id.is_not(None), e.latitude.is_not(None), e.longitude.is_not(None), e.geo_precision == 1)
        .group_by(e.place_id)
        .limit(limit)
    )
    for pid, name, lat, lon, a1, a2, n in conn.execute(q1):
        out[pid] = {"place_id": pid, "name": name, "lat": lat, "lon": lon, "admin1": a1, "admin2": a2, "events": n}
    q2 = (
        select(pm.place_id, func.min(pm.name), func.avg(pm.lat), func.avg(pm.lon), func.min(pm.admin1), func.min(pm.feature_type))
        .where(pm.place_id.is_not(None), pm.lat.is_not(None), pm.lon.is_not(None), pm.resolved.is_(True))
        .group_by(pm.place_id)
        .limit(limit)
    )
    for pid, name, lat, lon, a1, ftype in conn.execute(q2):
        if ftype in ("admin1", "admin2", "admin3", "country", "region"):
            continue
        out.setdefault(pid, {"place_id": pid, "name": name, "lat": lat, "lon": lon, "admin1": a1, "admin2": None, "events": 0})
    return sorted(out.values(), key=lambda p: (-p["events"], p["place_id"]))[:limit]


def daily_counts(conn: Connection, f: EventFilter) -> list[dict[str, Any]]:
    """Events per day and type (the map's chart), for dated events matching ``f``."""
    e = t.events.c
    q = (
        select(e.event_date, e.event_type, func.count())
        .where(e.event_date.is_not(None), *_event_conditions(f))
        .group_by(e.event_date, e.event_type)
        .order_by(e.event_date, e.event_type)
    )
    return [{"date": d, "event_type": ty, "count": n} for d, ty, n in conn.execute(q)]


def facets(conn: Connection) -> dict[str, Any]:
    """Values for the map's filter menus and slider range."""
    e, s = t.events.c, t.event_sources.c
    lo, hi = conn.execute(select(func.min(e.event_date), func.max(e.event_date))).one()
    return {
        "date_min": lo,
        "date_max": hi,
        "event_types": list(conn.scalars(select(e.event_type).distinct().order_by(e.event_type))),
        "sub_event_types": list(conn.scalars(select(e.sub_event_type).distinct().order_by(e.sub_event_type))),
        "outlets": list(conn.scalars(select(s.outlet).where(s.outlet.is_not(None)).distinct().order_by(s.outlet).limit(500))),
        "events": int(conn.scalar(select(func.count()).select_from(t.events)) or 0),
        "documents": int(conn.scalar(select(func.count()).select_from(t.documents)) or 0),
    }
