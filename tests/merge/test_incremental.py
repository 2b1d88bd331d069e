"""The indexed greedy merge equals the plain scan, and the incremental merge equals a from-scratch one.

Random corpora with near and far places (some within the 3 km radius, some
just outside it, some without coordinates), overlapping and unknown dates,
several events per document; documents arrive in random batches, some are
re-dated (their events re-extracted) and some change cluster afterwards.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest

from frontline.merge import (
    _combine,
    compatible_dates,
    group_events,
    merge_events,
    number_duplicates,
    ordered_events,
    same_place,
)
from frontline.merge.incremental import rebuild_events, update_events
from frontline.model import Document, Event, Evidence, RawDocument
from frontline.store import open_store

D = dt.date
TYPES = ("Air/drone strike", "Shelling/artillery/missile attack")
#: Centres ~0.02° (≈2 km) apart, so chains of nearby places link transitively.
PLACES = [("p1", 35.00, 36.00, "Alpha"), ("p2", 35.02, 36.00, "Beta"), ("p3", 35.04, 36.01, "Gamma"), ("p4", 36.5, 37.2, "Delta")]


def _event(rng: random.Random, doc_id: str, n: int) -> Event:
    pid, lat, lon, name = rng.choice(PLACES)
    kind = rng.random()
    place_id: str | None = pid
    if kind < 0.2:  # no coordinates: matched by name
        lat_, lon_ = None, None
        place_id = None
    else:
        lat_, lon_ = lat + rng.uniform(-0.01, 0.01), lon + rng.uniform(-0.01, 0.01)
        if kind < 0.5:
            place_id = None
    if rng.random() < 0.1:
        day, rng_ = None, None
    else:
        start = D(2020, 3, 1) + dt.timedelta(days=rng.randrange(10))
        rng_ = (start, start + dt.timedelta(days=rng.choice((0, 0, 1, 3, 30))))
        if rng.random() < 0.05:  # a very long range ("in 2019-2020"), indexed as wide
            rng_ = (start - dt.timedelta(days=300), start + dt.timedelta(days=200))
        day = start
    e = Event(
        event_id=f"{doc_id}-{n}", event_type="Explosions/Remote violence", sub_event_type=rng.choice(TYPES),
        event_date=day, date_precision="day" if rng_ and rng_[0] == rng_[1] else ("range" if rng_ else "unknown"),
        date_range=rng_, location=name if rng.random() < 0.9 else None, latitude=lat_, longitude=lon_, place_id=place_id,
        fatalities=rng.randrange(3), fatalities_text=rng.choice((None, "two killed")), notes=f"{doc_id}/{n}",
        geo_precision=rng.choice((1, 2, 3)),
    )
    e.sources = [Evidence(doc_id, n, n + 5, f"q{n}", f"outlet-{doc_id}")]
    return e


def _doc(doc_id: str, events: list[Event], cluster: str | None = None) -> Document:
    return Document(id=doc_id, content_hash=doc_id * 4, source_path=f"{doc_id}.txt", text=f"text {doc_id}", events=events, cluster_id=cluster)


def _raw(doc: Document) -> RawDocument:
    return RawDocument(doc.source_path, doc.text.encode(), doc.content_hash, doc.text, "utf-8", "text")


def _snapshot(store) -> list[tuple]:
    return sorted((e.event_id, repr(dataclasses.astuple(e))) for e in store.load_events())


def _reference_merge(events_by_doc: dict[str, list[Event]], cluster_of: dict[str, str]) -> list[Event]:
    """The original scan over every group (quadratic), kept as the specification."""
    ordered = ordered_events(events_by_doc)
    groups: list[tuple[set[str], list[Event]]] = []
    for doc_id, ev in ordered:
        for docs, members in groups:
            if doc_id in docs:
                continue
            head = members[0]
            if head.sub_event_type == ev.sub_event_type and same_place(head, ev) and all(compatible_dates(m, ev) for m in members):
                docs.add(doc_id)
                members.append(ev)
                break
        else:
            groups.append(({doc_id}, [ev]))
    merged = [_combine(members, cluster_of) for _docs, members in groups]
    number_duplicates(merged)
    return merged


@pytest.mark.parametrize("seed", range(6))
def test_indexed_grouping_equals_the_plain_scan(seed: int) -> None:
    rng = random.Random(seed)
    by_doc = {f"d{i:03d}": [_event(rng, f"d{i:03d}", n) for n in range(rng.randrange(4))] for i in range(120)}
    cluster_of = {d: f"c{rng.randrange(60)}" for d in by_doc}
    assert merge_events(by_doc, cluster_of) == _reference_merge(by_doc, cluster_of)
    assert len(group_events(ordered_events(by_doc))) == len(_reference_merge(by_doc, cluster_of))


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("share", [1.0, 0.25])
def test_incremental_merge_equals_from_scratch_on_random_batches(tmp_path: Path, monkeypatch, seed: int, share: float) -> None:
    """With ``share`` 1.0 every batch takes the incremental path; with the default, large batches re-merge from scratch."""
    from frontline.merge import incremental

    monkeypatch.setattr(incremental, "REBUILD_SHARE", share)
    rng = random.Random(100 + seed)
    ids = [f"d{i:03d}" for i in range(90)]
    rng.shuffle(ids)  # arrival order differs from id order, so new documents land between old ones
    docs = {d: _doc(d, [_event(rng, d, n) for n in range(rng.randrange(4))]) for d in ids}
    inc = open_store(f"sqlite:///{tmp_path / 'inc.db'}")
    pos = 0
    while pos < len(ids):
        batch = ids[pos : pos + rng.randrange(1, 25)]
        pos += len(batch)
        inc.save_batch([(_raw(docs[d]), docs[d]) for d in batch])
        touched = set(batch)
        stored = ids[:pos]
        for d in rng.sample(stored, k=min(3, len(stored))):  # re-dated: events re-extracted
            docs[d].events = [_event(rng, d, n) for n in range(rng.randrange(4))]
            touched.add(d)
        for d in rng.sample(stored, k=min(3, len(stored))):  # joined a cluster
            docs[d].cluster_id = rng.choice(stored)
            touched.add(d)
        inc.update_documents([docs[d] for d in sorted(touched)])
        update_events(inc, touched)
    scratch = open_store(f"sqlite:///{tmp_path / 'scratch.db'}")
    scratch.save_batch([(_raw(docs[d]), docs[d]) for d in ids])
    rebuild_events(scratch)
    assert _snapshot(inc) == _snapshot(scratch)
    expected = _reference_merge({d: docs[d].events for d in ids if docs[d].events}, {d: docs[d].cluster_id or d for d in ids})
    assert sorted(e.event_id for e in expected) == [k for k, _ in _snapshot(inc)]


def test_a_store_without_merge_keys_is_rebuilt(tmp_path: Path) -> None:
    rng = random.Random(7)
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    docs = [_doc(f"d{i}", [_event(rng, f"d{i}", 0), _event(rng, f"d{i}", 1)]) for i in range(20)]
    store.save_batch([(_raw(d), d) for d in docs])
    store.replace_events([])  # e.g. written by an older version: keys are gone
    n = update_events(store, {"d0"})
    assert n == len(store.load_events()) > 0
    assert n == len(merge_events({d.id: d.events for d in docs}, {}))


@pytest.mark.parametrize("batch", [1, 3])
def test_rebuild_in_small_group_batches_equals_the_reference(tmp_path: Path, monkeypatch, batch: int) -> None:
    """The from-scratch merge decodes and writes a few events' groups at a time; numbering (``-n``)
    and membership must not depend on where the batches fall."""
    from frontline.merge import incremental

    rng = random.Random(7)  # a corpus where two groups share a base id (a ``-2`` suffix)
    docs = [_doc(f"d{i:03d}", [_event(rng, f"d{i:03d}", n) for n in range(rng.randrange(4))], cluster=f"c{i % 17}") for i in range(80)]
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    store.save_batch([(_raw(d), d) for d in docs])
    monkeypatch.setattr(incremental, "REBUILD_EVENTS", batch)
    rebuild_events(store)
    expected = _reference_merge({d.id: d.events for d in docs if d.events}, {d.id: d.cluster_id for d in docs})
    assert any(e.event_id.count("-") > 1 for e in expected)
    assert sorted(repr(dataclasses.astuple(e)) for e in expected) == sorted(r for _, r in _snapshot(store))
