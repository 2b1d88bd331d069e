"""Store: migrations match the schema, ingest is idempotent, a failed batch leaves no trace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from frontline.ingest import read_inputs, to_document
from frontline.model import ActorMention, Event, Evidence, Part, Place, PlaceMention, Span
from frontline.store import open_store
from frontline.store.schema import metadata


@pytest.fixture
def store(tmp_path: Path):
    return open_store(f"sqlite:///{tmp_path / 't.db'}")


def _raw(tmp_path: Path, name: str, text_: str):
    path = tmp_path / name
    path.write_text(text_, encoding="utf-8")
    return next(iter(read_inputs([path])))


def test_migrations_produce_the_schema(store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_sqlite_is_wal_with_foreign_keys(store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_round_trip_of_a_document_with_analyses(store, tmp_path: Path) -> None:
    raw = _raw(tmp_path, "a.txt", "Title line\nBody about shelling in Kafr Hamra.\n")
    doc = to_document(raw)
    doc.parts = [Part("title", 0, 11), Part("body", 11, len(doc.text))]
    doc.sentences = [Span(11, len(doc.text) - 1)]
    doc.publication_date = dt.date(2021, 3, 2)
    doc.place_mentions = [
        PlaceMention(39, 49, "Kafr Hamra", Place("gn:1", "Kafr Hamra", 36.2, 37.0, "village", admin1="Aleppo"), 1, 0.9, resolved=True)
    ]
    doc.actor_mentions = [ActorMention(0, 5, "Title", "x", "X", "gov", "state", 1, 0.5)]
    doc.events = [
        Event("e1", "Explosions/Remote violence", "Shelling/artillery/missile attack", dt.date(2021, 3, 2), "day",
              sources=[Evidence(doc.id, 11, 40, "Body about shelling")])
    ]
    store.save_batch([(raw, doc)])
    back = store.load_document(doc.id[:8])
    assert back is not None
    assert [(p.kind, p.start, p.end) for p in back.parts] == [("title", 0, 11), ("body", 11, len(doc.text))]
    assert back.place_mentions[0].place.lat == 36.2
    assert back.actor_mentions[0].actor_id == "x"
    assert back.events[0].sources[0].quote == "Body about shelling"
    assert back.publication_date == dt.date(2021, 3, 2)


def test_place_mentions_read_back_as_the_geoparser_made_them(store, tmp_path: Path) -> None:
    """Country, ids, admin names and the reference place survive the store: re-extracting a
    stored report's events must see a foreign city as foreign and a hill "near X" near X."""
    raw = _raw(tmp_path, "a.txt", "Talks in Valmora; shelling on the hill near Kafr Hamra.")
    doc = to_document(raw)
    city = Place("gn:9", "Valmora", 39.9, 32.8, "city", country="XT", geonames_id=9, population=350000)
    village = Place("gn:1", "Kafr Hamra", 36.2, 37.0, "village", country="SY", geonames_id=1, pcode="C1",
                    admin1="Aleppo", admin2="Jebel Saman", admin3="Haritan")
    doc.place_mentions = [
        PlaceMention(9, 16, "Valmora", city, 1, 0.9, resolved=True),
        PlaceMention(31, 54, "the hill near Kafr Hamra", None, 2, 0.6, relation="near", reference=village),
    ]
    store.save_batch([(raw, doc)])
    back = store.load_documents([doc.id])[0]
    assert back.place_mentions == doc.place_mentions


def test_failed_batch_is_rolled_back(store, tmp_path: Path) -> None:
    good = _raw(tmp_path, "good.txt", "A first report.")
    store.save_batch([(good, to_document(good))])
    a = _raw(tmp_path, "a.txt", "Another report.")
    doc_a = to_document(a)
    # Same document id twice in one batch violates the primary key mid-transaction.
    with pytest.raises(IntegrityError):
        store.save_batch([(a, doc_a), (a, doc_a)])
    counts = store.counts()
    assert counts["documents"] == 1 and counts["raw_inputs"] == 1


def test_replace_events_is_atomic_and_complete(store, tmp_path: Path) -> None:
    raw = _raw(tmp_path, "a.txt", "A report.")
    doc = to_document(raw)
    store.save_batch([(raw, doc)])
    evs = [
        Event(f"e{i}", "Battles", "Armed clash", dt.date(2021, 1, i + 1), "day",
              sources=[Evidence(doc.id, 0, 8, "A report")]) for i in range(3)
    ]
    store.replace_events(evs)
    store.replace_events(evs[:2])
    loaded = store.load_events()
    assert [e.event_id for e in loaded] == ["e0", "e1"]
    assert loaded[0].sources[0].document_id == doc.id
