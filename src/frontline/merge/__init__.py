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


def _cell(e: Event) -> tuple[int, int, int] | None:
    """The event's cube in a grid of :data:`CELL_KM` over 3-D Earth coordinates.

    Two points within ``MAX_KM`` of each other (great-circle) are within
    ``MAX_KM`` in straight-line distance too, so they lie in the same or
    adjacent cubes; unlike a lat/lon grid this holds at every latitude.
    """
    if e.latitude is None or e.longitude is None:
        return None
    lat, lon = math.radians(e.latitude), math.radians(e.longitude)
    r = 6371.0 / CELL_KM
    return (
        math.floor(r * math.cos(lat) * math.cos(lon)),
        math.floor(r * math.cos(lat) * math.sin(lon)),
        math.floor(r * math.sin(lat)),
    )


#: Grid size for the place index (a hair over MAX_KM, so rounding never splits a pair).
CELL_KM = MAX_KM + 0.01

_NEIGHBOURS = [(dx, dy, dz) for dx in (-1, 0, 1) for dy in (-1, 0, 1) for dz in (-1, 0, 1)]


def location_key(e: Event) -> str | None:
    """The case-folded location name, the place key of events without coordinates."""
    return (e.location or "").casefold() or None


#: Date ranges longer than this are indexed as "wide" (checked for every event of their place).
WIDE_DAYS = 400


def _date_buckets(rng: tuple[dt.date, dt.date] | None) -> tuple[object, ...]:
    """Week numbers a date range touches ("none" for no date, "wide" for a very long range).

    Two overlapping ranges share at least one week, so looking heads up by
    the weeks of an event's range finds every head with a compatible date.
    """
    if rng is None:
        return ("none",)
    if (rng[1] - rng[0]).days > WIDE_DAYS:
        return ("wide",)
    return tuple(range(rng[0].toordinal() // 7, rng[1].toordinal() // 7 + 1))


class _HeadIndex:
    """Group heads by the keys :func:`same_place` can match on and by date (one index per sub-event type).

    The greedy merge asks "the first group, in creation order, whose head is the
    same place and date-compatible"; scanning every group made a 100k-document
    merge quadratic, and so did scanning every group of a much-reported place.
    These maps return a small superset of the candidates, which are then
    checked with the exact rules, so the result is the same as the scan's.
    """

    def __init__(self) -> None:
        #: place key → date bucket → group indices
        self.heads: dict[tuple[object, ...], dict[object, list[int]]] = {}

    def _put(self, key: tuple[object, ...], buckets: tuple[object, ...], gi: int) -> None:
        by_date = self.heads.setdefault(key, {})
        for b in buckets:
            by_date.setdefault(b, []).append(gi)

    def add(self, gi: int, head: Event) -> None:
        buckets = _date_buckets(_range(head))
        if head.place_id:
            self._put(("place", head.place_id), buckets, gi)
        cell = _cell(head)
        if cell is not None:
            self._put(("cell", *cell), buckets, gi)
        name = location_key(head)
        if name:
            self._put(("name", name), buckets, gi)
            if cell is None:
                self._put(("name-no-coords", name), buckets, gi)

    def _lookup(self, key: tuple[object, ...], buckets: tuple[object, ...], found: set[int]) -> None:
        by_date = self.heads.get(key)
        if not by_date:
            return
        if buckets == ("wide",):  # overlaps anything dated
            for b, gis in by_date.items():
                if b != "none":
                    found.update(gis)
            return
        for b in buckets:
            found.update(by_date.get(b, ()))
        if buckets != ("none",):
            found.update(by_date.get("wide", ()))

    def candidates(self, ev: Event) -> list[int]:
        found: set[int] = set()
        buckets = _date_buckets(_range(ev))
        if ev.place_id:
            self._lookup(("place", ev.place_id), buckets, found)
        cell = _cell(ev)
        name = location_key(ev)
        if cell is not None:
            x, y, z = cell
            for dx, dy, dz in _NEIGHBOURS:
                self._lookup(("cell", x + dx, y + dy, z + dz), buckets, found)
            if name:
                self._lookup(("name-no-coords", name), buckets, found)
        elif name:
            self._lookup(("name", name), buckets, found)
        return sorted(found)


def group_events(ordered: Sequence[tuple[str, Event]]) -> list[list[int]]:
    """Greedy grouping of ``(document id, event)`` pairs (indices into ``ordered``).

    Each event joins the first group (in creation order) whose head has the
    same sub-event type and place, whose dates are all compatible with it and
    which holds no event of the same document; otherwise it starts a group.
    Two events of the *same document* are never merged with each other (a
    report listing two strikes on one village on one day means two strikes).
    """
    indexes: dict[str, _HeadIndex] = {}
    groups: list[tuple[set[str], list[int]]] = []
    for i, (doc_id, ev) in enumerate(ordered):
        index = indexes.setdefault(ev.sub_event_type, _HeadIndex())
        for gi in index.candidates(ev):
            docs, members = groups[gi]
            if doc_id in docs:
                continue
            head = ordered[members[0]][1]
            if same_place(head, ev) and all(compatible_dates(ordered[m][1], ev) for m in members):
                docs.add(doc_id)
                members.append(i)
                break
        else:
            index.add(len(groups), ev)
            groups.append(({doc_id}, [i]))
    return [members for _docs, members in groups]


def number_duplicates(merged: Sequence[Event], seen: dict[str, int] | None = None) -> None:
    """Give the n-th event sharing a base id the suffix ``-n`` (in the given order).

    Two real events can share type, place and dates (two strikes on one
    village the same day in one report, or place-less events); the order is
    the groups' creation order, so the suffixes are stable.  ``seen`` (base id
    → count) carries the numbering over from earlier calls, for callers that
    number the groups batch by batch.
    """
    seen = {} if seen is None else seen
    for e in merged:
        n = seen.get(e.event_id, 0) + 1
        seen[e.event_id] = n
        if n > 1:
            e.event_id = f"{e.event_id}-{n}"


def ordered_events(events_by_doc: Mapping[str, Sequence[Event]]) -> list[tuple[str, Event]]:
    """The merge order: documents by id, each document's events in their order."""
    return [(doc_id, e) for doc_id in sorted(events_by_doc) for e in events_by_doc[doc_id]]


def merge_events(events_by_doc: Mapping[str, list[Event]], cluster_of: Mapping[str, str]) -> list[Event]:
    """All documents' events → one event per real-world event, each with all its sources."""
    ordered = ordered_events(events_by_doc)
    merged = [_combine([ordered[i][1] for i in members], cluster_of) for members in group_events(ordered)]
    number_duplicates(merged)
    return merged
