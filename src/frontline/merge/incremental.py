"""The event merge, re-run only where new or changed documents can make a difference.

Why this gives exactly the from-scratch result: call two per-document events
*linked* when they have the same sub-event type, the same place
(:func:`~frontline.merge.same_place`) and compatible dates.  The greedy merge
puts an event into a group only if it is linked to the group's head, so every
group lies inside one connected component of the link graph, and greedy over
the whole corpus restricted to a component is greedy over that component
alone (same order, same first match).  So when documents arrive or change,
it is enough to re-merge the components their old and new events belong to.

Two more things are global and are handled here: the ``-n`` suffix of merged
events sharing a base id (all groups with a base id the re-merge produced are
pulled into the re-merge, until nothing new comes in), and
``independent_sources``, which depends on the documents' clusters (documents
whose cluster changed are passed in as touched, so their groups are rebuilt).

The components are found with the ``merge_keys`` table (one row per
per-document event: type, place id, coordinates and their 3 km grid cube,
location name, date range, and the merged event it is in).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, delete, func, or_, select, tuple_

from frontline.merge import (
    _cell,
    _combine,
    _range,
    compatible_dates,
    group_events,
    location_key,
    number_duplicates,
    same_place,
)
from frontline.model import Event
from frontline.store import CHUNK, Store, codec
from frontline.store import schema as t
from frontline.store.fastinsert import insert_many

Key = tuple[str, int]  # (document id, position in the document's events)


@dataclass(slots=True)
class KeyRow:
    """What the link test needs of one per-document event (duck-types :class:`Event`)."""

    document_id: str
    seq: int
    sub_event_type: str
    place_id: str | None
    latitude: float | None
    longitude: float | None
    location: str | None
    date_range: tuple[dt.date, dt.date] | None
    merged_id: str = ""
    base_id: str = ""
    event_date: None = None

    @property
    def key(self) -> Key:
        return (self.document_id, self.seq)

    @classmethod
    def of(cls, doc_id: str, seq: int, e: Event) -> KeyRow:
        return cls(doc_id, seq, e.sub_event_type, e.place_id, e.latitude, e.longitude, location_key(e), _range(e))

    @classmethod
    def from_db(cls, r: Any) -> KeyRow:
        rng = (r.date_start, r.date_end) if r.date_start is not None else None
        return cls(r.document_id, r.seq, r.sub_event_type, r.place_id, r.latitude, r.longitude, r.location_key, rng, r.merged_id, r.base_id)

    def row(self) -> dict[str, Any]:
        cell = _cell(self)  # type: ignore[arg-type]
        cx, cy, cz = cell if cell is not None else (None, None, None)
        start, end = self.date_range if self.date_range else (None, None)
        return {
            "document_id": self.document_id, "seq": self.seq, "sub_event_type": self.sub_event_type,
            "place_id": self.place_id, "latitude": self.latitude, "longitude": self.longitude,
            "cx": cx, "cy": cy, "cz": cz, "location_key": self.location, "date_start": start, "date_end": end,
            "merged_id": self.merged_id, "base_id": self.base_id,
        }


def linked(a: Any, b: Any) -> bool:
    """The link relation of the module docstring (symmetric)."""
    return a.sub_event_type == b.sub_event_type and same_place(a, b) and compatible_dates(a, b)


def _candidates(conn: Connection, k: KeyRow) -> list[KeyRow]:
    """Stored rows that may be linked to ``k`` (a superset; :func:`linked` decides)."""
    mk = t.merge_keys
    if k.date_range is None:
        dates = mk.c.date_start.is_(None)
    else:
        dates = and_(mk.c.date_start <= k.date_range[1], mk.c.date_end >= k.date_range[0])
    places = []
    if k.place_id:
        places.append(mk.c.place_id == k.place_id)
    cell = _cell(k)  # type: ignore[arg-type]
    if cell is not None:
        x, y, z = cell
        places.append(and_(mk.c.cx.between(x - 1, x + 1), mk.c.cy.between(y - 1, y + 1), mk.c.cz.between(z - 1, z + 1)))
        if k.location:
            places.append(and_(mk.c.location_key == k.location, mk.c.cx.is_(None)))
    elif k.location:
        places.append(mk.c.location_key == k.location)
    if not places:
        return []
    q = select(mk).where(mk.c.sub_event_type == k.sub_event_type, dates, or_(*places))
    return [r for r in map(KeyRow.from_db, conn.execute(q)) if linked(r, k)]


def _rows_where(conn: Connection, column: Any, values: Iterable[Any]) -> list[KeyRow]:
    vals = sorted(set(values))
    out: list[KeyRow] = []
    for i in range(0, len(vals), CHUNK):
        out.extend(KeyRow.from_db(r) for r in conn.execute(select(t.merge_keys).where(column.in_(vals[i : i + CHUNK]))))
    return out


def _load_events(conn: Connection, doc_ids: Iterable[str]) -> dict[str, tuple[str, list[dict[str, Any]]]]:
    """doc id → (cluster id, its per-document events as stored dicts)."""
    d = t.documents
    ids = sorted(set(doc_ids))
    out = {}
    for i in range(0, len(ids), CHUNK):
        q = select(d.c.id, d.c.cluster_id, d.c.doc_events).where(d.c.id.in_(ids[i : i + CHUNK]))
        for doc_id, cluster_id, events in conn.execute(q):
            out[doc_id] = (cluster_id or doc_id, list(events or []))
    return out


def _merge(
    keys: Sequence[Key], events: Mapping[str, tuple[str, Any]], cache: dict[Key, Event]
) -> tuple[list[Event], list[list[Key]]]:
    """Greedy merge of exactly these per-document events; merged events and their members."""
    ordered_keys = sorted(keys)
    for k in ordered_keys:
        if k not in cache:
            cache[k] = codec.event_from_dict(events[k[0]][1][k[1]])
    ordered = [(k[0], cache[k]) for k in ordered_keys]
    cluster_of = {doc_id: cid for doc_id, (cid, _) in events.items()}
    groups = group_events(ordered)
    merged = [_combine([ordered[i][1] for i in g], cluster_of) for g in groups]
    return merged, [[ordered_keys[i] for i in g] for g in groups]


#: Above this share of the stored documents touched, re-merge from scratch: the same result
#: (tested), in bounded memory, where the component closure would hold most of the store's
#: events at once (a second 100k ingest into a 100k store passed 3 GB that way).
REBUILD_SHARE = 0.25


def update_events(store: Store, touched_docs: Iterable[str], *, rebuild: Any = None) -> int:
    """Re-merge the components of ``touched_docs``' old and new events; returns the event count.

    ``touched_docs``: documents that are new, whose events were re-extracted,
    or whose cluster changed.  Falls back to :func:`rebuild_events` when the
    keys table is empty (a new store, or one from before the table existed)
    or when more than :data:`REBUILD_SHARE` of the documents are touched;
    ``rebuild(conn)`` replaces that from-scratch merge (the Dask run passes
    its distributed one).
    """
    touched = set(touched_docs)
    with store.engine.begin() as conn:
        empty = conn.scalar(select(func.count()).select_from(t.merge_keys)) == 0
        if empty or len(touched) > REBUILD_SHARE * (conn.scalar(select(func.count()).select_from(t.documents)) or 0):
            return (rebuild or _rebuild)(conn)
        docs = _load_events(conn, touched)
        new_rows = [KeyRow.of(doc_id, i, codec.event_from_dict(e)) for doc_id, (_, evs) in docs.items() for i, e in enumerate(evs)]
        old_touched = _rows_where(conn, t.merge_keys.c.document_id, touched)
        stale_ids = {r.merged_id for r in old_touched}
        # Closure over the stored rows (touched documents' old rows are only starting points).
        component: dict[Key, KeyRow] = {}
        frontier: list[KeyRow] = [*new_rows, *old_touched]
        cache: dict[Key, Event] = {}
        while True:
            while frontier:
                k = frontier.pop()
                for r in _candidates(conn, k):
                    if r.document_id not in touched and r.key not in component:
                        component[r.key] = r
                        frontier.append(r)
            keys = [r.key for r in new_rows] + list(component)
            docs.update(_load_events(conn, {k[0] for k in component} - docs.keys()))
            merged, members = _merge(keys, docs, cache)
            # Every stored group sharing a base id with a group we produce or remove
            # must be renumbered together with them.
            bases = {e.event_id for e in merged} | {r.base_id for r in old_touched} | {r.base_id for r in component.values()}
            more = [r for r in _rows_where(conn, t.merge_keys.c.base_id, bases) if r.document_id not in touched and r.key not in component]
            if not more:
                break
            for r in more:
                component[r.key] = r
            frontier = more
        stale_ids |= {r.merged_id for r in component.values()}
        base_of = [e.event_id for e in merged]
        number_duplicates(merged)
        _write(conn, stale_ids, touched, list(component), merged, members, base_of, new_rows, component)
        return conn.scalar(select(func.count()).select_from(t.events)) or 0


def _write(
    conn: Connection,
    stale_ids: set[str],
    touched: set[str],
    component_keys: list[Key],
    merged: list[Event],
    members: list[list[Key]],
    base_of: list[str],
    new_rows: list[KeyRow],
    component: Mapping[Key, KeyRow],
) -> None:
    stale = sorted(stale_ids)
    for i in range(0, len(stale), CHUNK):
        chunk = stale[i : i + CHUNK]
        conn.execute(delete(t.event_sources).where(t.event_sources.c.event_id.in_(chunk)))
        conn.execute(delete(t.events).where(t.events.c.event_id.in_(chunk)))
    ids = sorted(touched)
    for i in range(0, len(ids), CHUNK):
        conn.execute(delete(t.merge_keys).where(t.merge_keys.c.document_id.in_(ids[i : i + CHUNK])))
    for i in range(0, len(component_keys), CHUNK):
        chunk = component_keys[i : i + CHUNK]
        conn.execute(delete(t.merge_keys).where(tuple_(t.merge_keys.c.document_id, t.merge_keys.c.seq).in_(chunk)))
    rows = {r.key: r for r in [*component.values(), *new_rows]}
    for e, keys, base in zip(merged, members, base_of, strict=True):
        for k in keys:
            rows[k].merged_id, rows[k].base_id = e.event_id, base
    _insert_events(conn, merged)
    key_rows = [r.row() for r in rows.values()]
    for i in range(0, len(key_rows), CHUNK):
        insert_many(conn, t.merge_keys, key_rows[i : i + CHUNK])


def _insert_events(conn: Connection, events: Sequence[Event]) -> None:
    rows = [codec.event_row(e) for e in events]
    for i in range(0, len(rows), CHUNK):
        insert_many(conn, t.events, rows[i : i + CHUNK])
    sources = [codec.source_row(e, s) for e in events for s in e.sources]
    for i in range(0, len(sources), CHUNK):
        insert_many(conn, t.event_sources, sources[i : i + CHUNK])


#: One per-document event as the from-scratch merge reads it: (type, doc id, seq, cluster id, event JSON).
#: JSON text, not a dict: a 100k-document corpus's events held as dicts would be several
#: times larger, and the items are what a distributed run ships between workers.
Item = tuple[str, str, int, str, str]


def read_items(conn: Connection, doc_ids: Sequence[str] | None = None) -> Iterator[Item]:
    """Every per-document event of the store (or of ``doc_ids``), keyed for the merge."""
    d = t.documents
    q = select(d.c.id, d.c.cluster_id, d.c.doc_events)
    if doc_ids is not None:
        q = q.where(d.c.id.in_(list(doc_ids)))
    for doc_id, cluster_id, evs in conn.execute(q):
        for i, e in enumerate(evs or []):
            yield (e["sub_event_type"], doc_id, i, cluster_id or doc_id, json.dumps(e))


def merge_type(items: Sequence[Item]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """From-scratch merge of the events of ONE sub-event type: (event rows + sources, key rows).

    Events of different types never merge and their base ids differ (the id
    hashes the type), so the corpus merge is the union of these per-type
    merges: this is the reduction the distributed run computes on workers.
    Plain dicts come back, so the result pickles cheaply.
    """
    docs: dict[str, tuple[str, dict[int, dict[str, Any]]]] = {}
    keys: list[Key] = []
    for _type, doc_id, seq, cluster_id, e in items:
        docs.setdefault(doc_id, (cluster_id, {}))[1][seq] = json.loads(e)
        keys.append((doc_id, seq))
    cache: dict[Key, Event] = {}
    merged, members = _merge(keys, docs, cache)
    base_of = [e.event_id for e in merged]
    number_duplicates(merged)
    key_rows = []
    for e, group, base in zip(merged, members, base_of, strict=True):
        for k in group:
            r = KeyRow.of(k[0], k[1], cache[k])
            r.merged_id, r.base_id = e.event_id, base
            key_rows.append(r.row())
    return [codec.event_to_dict(e) for e in merged], key_rows


def rebuild_events(store: Store) -> int:
    """Merge every stored document's events from scratch (and rewrite the keys table)."""
    with store.engine.begin() as conn:
        return _rebuild(conn)


#: Per-document events decoded at a time by :func:`_rebuild` (whole groups; a group larger
#: than this is decoded alone).  Counted in events, not groups: on a corpus of much-copied
#: stories one batch of 5,000 groups reached nearly every document.
REBUILD_EVENTS = 5000


def _rebuild(conn: Connection) -> int:
    """The from-scratch merge in bounded memory.

    Grouping needs only what :class:`KeyRow` holds (type, place, dates), so
    every event is kept as a key row while grouping, and the full events are
    decoded again batch by batch (:data:`REBUILD_EVENTS`) for combining.  Holding every
    event of a 100k-document corpus at once, even as JSON, took the corpus
    stage past 1.9 GB.  Same result as :func:`merge_type` on each type.
    """
    d = t.documents
    rows_by_type: dict[str, list[KeyRow]] = {}
    cluster_of: dict[str, str] = {}
    q = select(d.c.id, d.c.cluster_id, d.c.doc_events).where(d.c.doc_events.isnot(None))
    # Statement-level: Connection.execution_options would switch the whole connection
    # (on PostgreSQL, the DELETEs below would then be declared as server-side cursors).
    for doc_id, cluster_id, evs in conn.execute(q.execution_options(yield_per=500)):
        cluster_of[doc_id] = cluster_id or doc_id
        for i, e in enumerate(evs or []):
            row = KeyRow.of(doc_id, i, codec.event_from_dict(e))
            rows_by_type.setdefault(row.sub_event_type, []).append(row)
    conn.execute(delete(t.event_sources))
    conn.execute(delete(t.events))
    conn.execute(delete(t.merge_keys))
    n = 0
    for kind in sorted(rows_by_type):
        rows = sorted(rows_by_type.pop(kind), key=lambda r: r.key)
        groups = group_events([(r.document_id, r) for r in rows])
        seen: dict[str, int] = {}  # base id → events so far (the ``-n`` suffixes run across batches)
        for batch in _batches_of_events(groups, REBUILD_EVENTS):
            docs = _load_events(conn, {rows[i].document_id for g in batch for i in g})
            merged = [_combine([codec.event_from_dict(docs[rows[i].document_id][1][rows[i].seq]) for i in g], cluster_of) for g in batch]
            base_of = [e.event_id for e in merged]
            number_duplicates(merged, seen)
            for e, g, base in zip(merged, batch, base_of, strict=True):
                for i in g:
                    rows[i].merged_id, rows[i].base_id = e.event_id, base
            _insert_events(conn, merged)
            key_rows = [rows[i].row() for g in batch for i in g]
            for i in range(0, len(key_rows), CHUNK):
                insert_many(conn, t.merge_keys, key_rows[i : i + CHUNK])
            n += len(merged)
    return n


def _batches_of_events(groups: list[list[int]], limit: int) -> Iterator[list[list[int]]]:
    """Consecutive groups holding at most ``limit`` events together (a larger group alone)."""
    batch: list[list[int]] = []
    size = 0
    for g in groups:
        if batch and size + len(g) > limit:
            yield batch
            batch, size = [], 0
        batch.append(g)
        size += len(g)
    if batch:
        yield batch


def write_rebuilt(conn: Connection, results: Iterable[tuple[list[dict[str, Any]], list[dict[str, Any]]]]) -> int:
    """Replace every merged event and key row with the per-type merge results."""
    conn.execute(delete(t.event_sources))
    conn.execute(delete(t.events))
    conn.execute(delete(t.merge_keys))
    n = 0
    for event_dicts, key_rows in results:
        events = [codec.event_from_dict(e) for e in event_dicts]
        _insert_events(conn, events)
        for i in range(0, len(key_rows), CHUNK):
            insert_many(conn, t.merge_keys, key_rows[i : i + CHUNK])
        n += len(events)
    return n
