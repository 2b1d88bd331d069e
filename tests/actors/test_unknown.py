"""`frontline actors --unknown`: unlinked organisation names from the store, by frequency."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import create_engine, insert

from frontline.actors.unknown import unknown_actors
from frontline.store import schema as t


def _engine(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'u.db'}")
    t.metadata.create_all(engine)
    return engine


def _doc(conn, doc_id: str, text: str) -> None:
    conn.execute(
        insert(t.documents).values(
            id=doc_id,
            content_hash=doc_id * 4,
            source_path=f"{doc_id}.txt",
            media_type="text",
            encoding="utf-8",
            text=text,
            field_spans={},
            inherited={},
            extras={},
            doc_events=[],
            body_words=0,
            comment_count=0,
            created_at=dt.datetime.now(dt.UTC),
        )
    )


def _mention(conn, doc_id: str, text: str, surface: str, **kw) -> None:
    s = text.index(surface)
    row = {
        "document_id": doc_id,
        "start": s,
        "end": s + len(surface),
        "text": surface,
        "actor_id": None,
        "confidence": 0.3,
        "descriptor": False,
        "role": "actor",
    }
    row.update(kw)
    conn.execute(insert(t.actor_mentions).values(**row))


def test_unknown_actors_are_counted_with_example_sentences(tmp_path) -> None:
    engine = _engine(tmp_path)
    a = "Fighting went on. The Liwa al-Fajr Brigade attacked a post. Nothing else."
    b = "Later the Liwa al Fajr Brigade withdrew, and the Eagles Battalion arrived."
    with engine.begin() as conn:
        _doc(conn, "a", a)
        _doc(conn, "b", b)
        _mention(conn, "a", a, "Liwa al-Fajr Brigade")
        _mention(conn, "b", b, "Liwa al Fajr Brigade")
        _mention(conn, "b", b, "Eagles Battalion")
        _mention(conn, "a", a, "Fighting", actor_id="x")  # linked: not listed
        _mention(conn, "b", b, "Later", role="source")  # attribution: not listed
    items = unknown_actors(engine)
    assert [(u.count, u.documents) for u in items] == [(2, 2), (1, 1)]
    assert items[0].surface in ("Liwa al-Fajr Brigade", "Liwa al Fajr Brigade")
    assert items[0].examples[0]["sentence"].startswith("The Liwa al-Fajr Brigade attacked")
    assert items[1].surface == "Eagles Battalion"
