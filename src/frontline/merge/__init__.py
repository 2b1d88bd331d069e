"""Cross-report merge: one event per real-world event, with every source that reports it.

Two extracted events are the same real-world event when they have the same
ACLED sub-event type, the same place (same ``place_id``, or coordinates
within :data:`MAX_KM`, or — without coordinates — the same location name) and
compatible dates (their date ranges overlap; an unknown date only matches an
unknown date).  Merging is greedy in a deterministic order, so the same input
always gives the same events and the same ids.

``independent_sources`` counts the dedup clusters of the supporting
documents, so an article and its republications count once.  Conflicting
fatality figures become a range (``fatalities`` is the lowest stated figure,
ACLED's conservative choice) and every claim is kept in the notes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from frontline.model import Event, Evidence

#: Places closer than this are one location (villages a few km apart stay apart).
MAX_KM = 3.0


def independent_sources(doc_ids: Iterable[str], cluster_of: Mapping[str, str]) -> int:
    """Distinct origins among documents: the dedup module's rule, with a local fallback."""
    try:
        from frontline.dedup import independent_sources as dedup_independent
    except ImportError:
        return len({cluster_of.get(d, d) for d in set(doc_ids)})
    return dedup_independent(doc_ids, cluster_of)


def _km(a: Event, b: Event) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def same_place(a: Event, b: Event) -> bool:
    """Same place id, or within MAX_KM, or (no coordinates) the same location name."""
    if a.place_id and b.place_id and a.place_id == b.place_id:
        return True
    km = _km(a, b)
    if km is not None:
        return km <= MAX_KM
    return bool(a.location) and (a.location or "").casefold() == (b.location or "").casefold()


def _range(e: Event) -> tuple[dt.date, dt.date] | None:
    if e.date_range is not None:
        return e.date_range
    if e.event_date is not None:
        return (e.event_date, e.event_date)
    return None


def compatible_dates(a: Event, b: Event) -> bool:
    """Ranges overlap; an unknown date is only compatible with another unknown date."""
    ra, rb = _range(a), _range(b)
    if ra is None or rb is None:
        return ra is None and rb is None
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def _precision_rank(e: Event) -> int:
    return {"day": 0, "range": 1, "month": 2}.get(e.date_precision, 3)


def _narrowest(events: Sequence[Event]) -> Event:
    """The member with the most precise date (tags like date-from-publication lose)."""
    def width(e: Event) -> int:
        r = _range(e)
        return (r[1] - r[0]).days if r else 10**6
    return min(events, key=lambda e: ("date-from-publication" in e.tags, _precision_rank(e), width(e)))


def merged_event_id(sub_event_type: str, place: str | None, rng: tuple[dt.date, dt.date] | None) -> str:
    """Deterministic id: a hash of type + place + date range."""
    key = f"{sub_event_type}|{place or ''}|{rng[0].isoformat() if rng else ''}|{rng[1].isoformat() if rng else ''}"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _combine(members: list[Event], cluster_of: Mapping[str, str]) -> Event:
    base = min(members, key=lambda e: (e.geo_precision or 9, e.sources[0].document_id if e.sources else "", e.event_id))
    dated = _narrowest(members)
    sources: list[Evidence] = []
    seen: set[tuple[str, int, int, str | None]] = set()
    for e in members:
        for s in e.sources:
            key = (s.document_id, s.start, s.end, s.field)
            if key not in seen:
                seen.add(key)
                sources.append(s)
    docs = [s.document_id for s in sources]
    stated = [e for e in members if e.fatalities_text]
    values = sorted({e.fatalities for e in stated}) if stated else []
    fat, fmin, fmax = base.fatalities, base.fatalities_min, base.fatalities_max
    notes = base.notes
    if stated:
        fat = values[0]
        mins = [e.fatalities_min for e in stated if e.fatalities_min is not None]
        maxes = [e.fatalities_max if e.fatalities_max is not None else e.fatalities for e in stated]
        fmin = min(mins) if mins else None
        fmax = max(maxes) if maxes else None
        if len({(e.fatalities, e.fatalities_text) for e in stated}) > 1:
            claims = "; ".join(
                f"{e.sources[0].outlet or e.sources[0].document_id}: '{e.fatalities_text}'"
                for e in sorted(stated, key=lambda e: e.sources[0].document_id)
            )
            notes = f"{notes} [Conflicting figures: {claims}.]"
    rng = dated.date_range
    actors = next((e for e in members if e.actor1), base)
    attributions = list(dict.fromkeys(e.attribution for e in members if e.attribution))
    tags = list(dict.fromkeys(t for e in members for t in e.tags))
    return replace(
        base,
        event_id=merged_event_id(base.sub_event_type, base.place_id or base.location, rng),
        event_date=dated.event_date,
        date_precision=dated.date_precision,
        date_range=rng,
        date_text=dated.date_text,
        actor1=actors.actor1,
        assoc_actor_1=actors.assoc_actor_1,
        actor2=actors.actor2,
        assoc_actor_2=actors.assoc_actor_2,
        inter1=actors.inter1,
        inter2=actors.inter2,
        interaction=actors.interaction,
        fatalities=fat,
        fatalities_min=fmin,
        fatalities_max=fmax,
        attribution="; ".join(attributions) or None,
        hedged=all(e.hedged for e in members),
        independent_sources=independent_sources(docs, cluster_of),
        notes=notes,
        tags=tags,
        sources=sources,
        confidence=max(e.confidence for e in members),
    )


def merge_events(events_by_doc: Mapping[str, list[Event]], cluster_of: Mapping[str, str]) -> list[Event]:
    """All documents' events → one event per real-world event, each with all its sources.

    Two events of the *same document* are never merged with each other (a
    report listing two strikes on one village on one day means two strikes).
    """
    ordered = [
        (doc_id, e) for doc_id in sorted(events_by_doc) for e in events_by_doc[doc_id]
    ]
    groups: list[tuple[set[str], list[Event]]] = []
    for doc_id, ev in ordered:
        for docs, members in groups:
            if doc_id in docs:
                continue
            head = members[0]
            if (
                head.sub_event_type == ev.sub_event_type
                and same_place(head, ev)
                and all(compatible_dates(m, ev) for m in members)
            ):
                docs.add(doc_id)
                members.append(ev)
                break
        else:
            groups.append(({doc_id}, [ev]))
    merged = [_combine(members, cluster_of) for _docs, members in groups]
    seen: dict[str, int] = {}
    for e in merged:
        # Two real events can share type, place and dates (two strikes on one village the same
        # day in one report, or place-less events); the n-th one gets a stable suffix.
        n = seen.get(e.event_id, 0) + 1
        seen[e.event_id] = n
        if n > 1:
            e.event_id = f"{e.event_id}-{n}"
    return merged
