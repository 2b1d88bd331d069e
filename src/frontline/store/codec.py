"""Model objects ⇄ table rows.

Kept apart from the queries so the Dask runner and the Parquet exporter can
use the same conversions without a database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from frontline.model import (
    ActorMention,
    Document,
    Event,
    Evidence,
    FramingSpan,
    Part,
    Place,
    PlaceMention,
    RawDocument,
    Span,
    to_jsonable,
)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


_EVENT_FIELDS = tuple(f.name for f in dataclasses.fields(Event))
_EVENT_NAMES = frozenset(_EVENT_FIELDS)
_EVENT_FIELDS_NO_SOURCES = tuple(n for n in _EVENT_FIELDS if n != "sources")
_EVIDENCE_FIELDS = tuple(f.name for f in dataclasses.fields(Evidence))
_SCALARS = (str, int, float, bool, type(None))


def _plain(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """A dataclass as a dict; scalars copied, dates as ISO strings, anything else through ``to_jsonable``."""
    out = {}
    for name in names:
        value = getattr(obj, name)
        kind = type(value)
        if kind in _SCALARS:
            out[name] = value
        elif kind is dt.date:
            out[name] = value.isoformat()
        elif kind is list and all(type(v) is str for v in value):
            out[name] = list(value)
        else:
            out[name] = to_jsonable(value)
    return out


def event_to_dict(event: Event) -> dict[str, Any]:
    """Same result as ``to_jsonable(event)``, without its generic per-value dispatch (a hot path)."""
    out = _plain(event, _EVENT_FIELDS_NO_SOURCES)
    out["sources"] = [_plain(s, _EVIDENCE_FIELDS) if type(s) is Evidence else to_jsonable(s) for s in event.sources]
    return {name: out[name] for name in _EVENT_FIELDS}


def event_from_dict(data: dict[str, Any]) -> Event:
    kwargs = {k: v for k, v in data.items() if k in _EVENT_NAMES}
    kwargs["event_date"] = _date(kwargs.get("event_date"))
    rng = kwargs.get("date_range")
    kwargs["date_range"] = (_date(rng[0]), _date(rng[1])) if rng else None
    kwargs["sources"] = [Evidence(**s) for s in kwargs.get("sources") or []]
    kwargs["tags"] = list(kwargs.get("tags") or [])
    return Event(**kwargs)


def event_row(event: Event) -> dict[str, Any]:
    """The ``events`` table row of a merged event."""
    start, end = event.date_range if event.date_range else (None, None)
    return {
        "event_id": event.event_id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "event_date": event.event_date,
        "date_precision": event.date_precision,
        "date_start": start,
        "date_end": end,
        "date_text": event.date_text,
        "actor1": event.actor1,
        "assoc_actor_1": event.assoc_actor_1,
        "actor2": event.actor2,
        "assoc_actor_2": event.assoc_actor_2,
        "inter1": event.inter1,
        "inter2": event.inter2,
        "interaction": event.interaction,
        "country": event.country,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "admin3": event.admin3,
        "location": event.location,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision,
        "place_id": event.place_id,
        "fatalities": event.fatalities,
        "fatalities_min": event.fatalities_min,
        "fatalities_max": event.fatalities_max,
        "fatalities_text": event.fatalities_text,
        "attribution": event.attribution,
        "hedged": event.hedged,
        "independent_sources": event.independent_sources,
        "group_id": event.group_id,
        "notes": event.notes or "",
        "tags": list(event.tags),
        "confidence": event.confidence,
        "method": event.method,
    }


def source_row(event: Event, s: Evidence) -> dict[str, Any]:
    """The ``event_sources`` row of one piece of evidence."""
    return {
        "event_id": event.event_id,
        "document_id": s.document_id,
        "start": s.start,
        "end": s.end,
        "quote": s.quote,
        "outlet": s.outlet,
        "field": s.field,
    }


def event_from_row(row: dict[str, Any], sources: list[dict[str, Any]]) -> Event:
    data = dict(row)
    start, end = data.pop("date_start", None), data.pop("date_end", None)
    data["date_range"] = (start, end) if start and end else None
    data["sources"] = [
        {k: s[k] for k in ("document_id", "start", "end", "quote", "outlet", "field")} for s in sources
    ]
    return event_from_dict(data)


def place_mention_row(doc_id: str, m: PlaceMention) -> dict[str, Any]:
    p = m.place
    return {
        "document_id": doc_id,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "place_id": p.place_id if p else None,
        "name": p.name if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "feature_type": p.feature_type if p else None,
        "admin1": p.admin1 if p else None,
        **{f: getattr(p, f) if p else None for f in _PLACE_DETAILS},
        "geo_precision": m.geo_precision,
        "confidence": m.confidence,
        "relation": m.relation,
        "reference_place_id": m.reference.place_id if m.reference else None,
        "reference": dataclasses.asdict(m.reference) if m.reference else None,
        "resolved": m.resolved,
        "candidates": [list(c) for c in m.candidates],
    }


#: Place fields stored in their own ``place_mentions`` columns since migration 0006.
_PLACE_DETAILS = ("country", "geonames_id", "pcode", "admin2", "admin3", "population")
_PLACE_FIELDS = frozenset(f.name for f in dataclasses.fields(Place))


def place_mention_from_row(row: dict[str, Any]) -> PlaceMention:
    """The mention as the geoparser made it (rows from before migration 0006 lack the details)."""
    place = None
    if row.get("place_id") and row.get("lat") is not None:
        details = {f: row[f] for f in _PLACE_DETAILS if row.get(f) is not None}
        place = Place(
            place_id=row["place_id"],
            name=row.get("name") or row["text"],
            lat=row["lat"],
            lon=row["lon"],
            feature_type=row.get("feature_type") or "",
            admin1=row.get("admin1"),
            **details,
        )
    ref = row.get("reference")
    return PlaceMention(
        start=row["start"],
        end=row["end"],
        text=row["text"],
        place=place,
        geo_precision=row["geo_precision"],
        confidence=row["confidence"],
        relation=row.get("relation"),
        reference=Place(**{k: v for k, v in ref.items() if k in _PLACE_FIELDS}) if ref else None,
        candidates=[tuple(c) for c in row.get("candidates") or []],
        resolved=bool(row["resolved"]),
    )


ACTOR_FIELDS = ("start", "end", "text", "actor_id", "name", "side", "kind", "inter_code", "confidence", "descriptor", "role", "parent_id")
FRAMING_FIELDS = ("start", "end", "technique", "score", "source", "neutral", "side")


def actor_mention_row(doc_id: str, m: ActorMention) -> dict[str, Any]:
    return {"document_id": doc_id, **{f: getattr(m, f) for f in ACTOR_FIELDS}}


def actor_mention_from_row(row: dict[str, Any]) -> ActorMention:
    return ActorMention(**{f: row[f] for f in ACTOR_FIELDS})


def framing_row(doc_id: str, s: FramingSpan) -> dict[str, Any]:
    return {"document_id": doc_id, **{f: getattr(s, f) for f in FRAMING_FIELDS}}


def framing_from_row(row: dict[str, Any]) -> FramingSpan:
    return FramingSpan(**{f: row[f] for f in FRAMING_FIELDS})


def raw_row(raw: RawDocument, now: dt.datetime) -> dict[str, Any]:
    """The ``raw_inputs`` row that keeps an input's bytes as read."""
    return {
        "content_hash": raw.content_hash,
        "source_path": raw.source_path,
        "media_type": raw.media_type,
        "encoding": raw.encoding,
        "size": len(raw.raw),
        "raw": raw.raw,
        "ingested_at": now,
    }


def analysis_rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """Rows of every per-document analysis table, keyed by table name."""
    return {
        "parts": [
            {"document_id": doc.id, "seq": i, "kind": p.kind, "start": p.start, "end": p.end, "info": p.info}
            for i, p in enumerate(doc.parts)
        ],
        "sentences": [{"document_id": doc.id, "seq": i, "start": s.start, "end": s.end} for i, s in enumerate(doc.sentences)],
        "place_mentions": [place_mention_row(doc.id, m) for m in doc.place_mentions],
        "actor_mentions": [actor_mention_row(doc.id, m) for m in doc.actor_mentions],
        "framing_spans": [framing_row(doc.id, s) for s in doc.framing_spans],
    }


def document_row(doc: Document, raw_id: int | None, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": doc.id,
        "raw_id": raw_id,
        "content_hash": doc.content_hash,
        "source_path": doc.source_path,
        "media_type": doc.media_type,
        "encoding": doc.encoding,
        "text": doc.text,
        **document_meta_row(doc),
        "body_words": sum(len(doc.text[p.start : p.end].split()) for p in doc.body_spans),
        "comment_count": len(doc.parts_of("comment")),
        "created_at": now,
    }


#: Columns of ``documents`` that corpus stages may update, each computed by one function.
_META: dict[str, Any] = {
    "url": lambda d: d.url,
    "title": lambda d: d.title,
    "byline": lambda d: d.byline,
    "outlet": lambda d: d.outlet,
    "original_source": lambda d: d.original_source,
    "publication_date": lambda d: d.publication_date,
    "date_source": lambda d: d.date_source,
    "cluster_id": lambda d: d.cluster_id,
    "canonical_id": lambda d: d.canonical_id,
    "field_spans": lambda d: {k: [s.start, s.end] for k, s in d.field_spans.items()},
    "inherited": lambda d: dict(d.inherited),
    "extras": lambda d: {**to_jsonable(d.extras), "paragraphs": [[p.start, p.end] for p in d.paragraphs]},
    "doc_events": lambda d: [event_to_dict(e) for e in d.events],
}


def document_meta_row(doc: Document, fields: Any = None) -> dict[str, Any]:
    """The columns that corpus stages (dedup, propagation, events) may update later (all, or ``fields``)."""
    return {name: _META[name](doc) for name in (fields or _META)}


def document_from_rows(
    row: dict[str, Any],
    parts: list[dict[str, Any]],
    sentences: list[dict[str, Any]],
    places: list[dict[str, Any]],
    actors: list[dict[str, Any]],
    framing: list[dict[str, Any]],
) -> Document:
    doc = Document(
        id=row["id"],
        content_hash=row["content_hash"],
        source_path=row["source_path"],
        text=row["text"],
        encoding=row["encoding"],
        media_type=row["media_type"],
        url=row["url"],
        title=row["title"],
        byline=row["byline"],
        outlet=row["outlet"],
        original_source=row["original_source"],
        publication_date=_date(row["publication_date"]),
        date_source=row["date_source"],
        cluster_id=row["cluster_id"],
        canonical_id=row["canonical_id"],
        field_spans={k: Span(v[0], v[1], k) for k, v in (row["field_spans"] or {}).items()},
        inherited=dict(row["inherited"] or {}),
        extras=dict(row["extras"] or {}),
    )
    doc.parts = [Part(p["kind"], p["start"], p["end"], dict(p["info"] or {})) for p in parts]
    doc.sentences = [Span(s["start"], s["end"], "sentence") for s in sentences]
    doc.paragraphs = [Span(a, b, "paragraph") for a, b in (doc.extras.get("paragraphs") or [])]
    doc.place_mentions = [place_mention_from_row(r) for r in places]
    doc.actor_mentions = [actor_mention_from_row(r) for r in actors]
    doc.framing_spans = [framing_from_row(r) for r in framing]
    doc.events = [event_from_dict(e) for e in row["doc_events"] or []]
    return doc
