"""Generated, realistic-looking stored data for API tests, the latency benchmark and map checks.

Rows are inserted with SQLAlchemy Core straight into the schema tables, so
the API can be exercised at any size (the benchmark uses 100k events) without
running the pipeline.  Names are generated ("Settlement 12"), never taken from
real reports, and every evidence quote is a real slice of its document's text.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, insert

from frontline.store import schema as t

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Shelling/artillery/missile attack", "Air/drone strike"),
    "Violence against civilians": ("Attack",),
    "Strategic developments": ("Headquarters or base established", "Non-violent transfer of territory"),
}
ACTORS = (("Military Forces of Syria (2000-)", 1), ("Opposition Rebels (Syria)", 2), ("Unidentified Armed Group (Syria)", 3))
OUTLETS = ("Outlet A", "Outlet B", "Outlet C", "Outlet D")


@dataclass(frozen=True, slots=True)
class Synthetic:
    """What was generated, for tests to compute expectations independently of the API."""

    documents: list[dict[str, Any]]
    events: list[dict[str, Any]]
    sources: list[dict[str, Any]]


def _places(rng: random.Random, n: int, center: tuple[float, float]) -> list[dict[str, Any]]:
    lat0, lon0 = center
    return [
        {
            "place_id": f"test:{i}",
            "name": f"Settlement {i}",
            "lat": round(lat0 + rng.uniform(-0.4, 0.4), 5),
            "lon": round(lon0 + rng.uniform(-0.4, 0.4), 5),
            "admin1": "Idleb" if i % 3 else "Aleppo",
            "admin2": f"District {i % 4}",
        }
        for i in range(n)
    ]


def generate(
    n_events: int = 200,
    n_documents: int = 20,
    *,
    seed: int = 7,
    start: dt.date = dt.date(2020, 1, 1),
    days: int = 40,
    n_places: int = 60,
    center: tuple[float, float] = (35.8, 36.8),
) -> Synthetic:
    """Documents with parts and mentions, events with 1–3 evidence quotes each."""
    rng = random.Random(seed)
    places = _places(rng, n_places, center)
    now = dt.datetime(2020, 3, 1, tzinfo=dt.UTC)
    documents = []
    for d in range(n_documents):
        title = f"Report {d}: fighting around Settlement {d % n_places}"
        sentences = [
            f"Forces captured Settlement {(d + k) % n_places} after clashes on day {k}." for k in range(6)
        ]
        body = " ".join(sentences)
        comment = f"Reader {d}: this is a comment."
        text = f"{title}\n\n{body}\n\n{comment}\n"
        b0 = len(title) + 2
        c0 = b0 + len(body) + 2
        documents.append(
            {
                "row": {
                    "id": f"doc{d:04d}",
                    "content_hash": f"{d:064x}",
                    "source_path": f"synthetic/report-{d}.txt",
                    "media_type": "text",
                    "encoding": "utf-8",
                    "text": text,
                    "url": f"https://example.org/report/{d}",
                    "title": title,
                    "outlet": OUTLETS[d % len(OUTLETS)],
                    "publication_date": start + dt.timedelta(days=d % days),
                    "date_source": "stated",
                    "cluster_id": f"c{d // 2:04d}",
                    "canonical_id": f"doc{(d // 2) * 2:04d}",
                    "field_spans": {},
                    "inherited": {},
                    "extras": {},
                    "doc_events": [],
                    "body_words": len(body.split()),
                    "comment_count": 1,
                    "created_at": now,
                },
                "parts": [("title", 0, len(title)), ("body", b0, b0 + len(body)), ("comment", c0, c0 + len(comment))],
                "sentences": [(b0 + sum(len(s) + 1 for s in sentences[:k]), len(sentences[k])) for k in range(len(sentences))],
            }
        )
    events, sources = [], []
    for i in range(n_events):
        etype = rng.choice(sorted(EVENT_TYPES))
        sub = rng.choice(EVENT_TYPES[etype])
        p = places[rng.randrange(n_places)]
        actor, inter = ACTORS[0] if sub == "Government regains territory" else rng.choice(ACTORS)
        day = start + dt.timedelta(days=rng.randrange(days))
        fmin = rng.choice([0, 0, 1, 3, 12])
        events.append(
            {
                "event_id": f"ev{i:06d}",
                "event_type": etype,
                "sub_event_type": sub,
                "event_date": day,
                "date_precision": rng.choice(["day", "day", "day", "range"]),
                "actor1": actor,
                "inter1": inter,
                "actor2": rng.choice([None, ACTORS[1][0]]),
                "country": "Syria",
                "admin1": p["admin1"],
                "admin2": p["admin2"],
                "location": p["name"],
                "latitude": p["lat"],
                "longitude": p["lon"],
                "geo_precision": 1,
                "place_id": p["place_id"],
                "fatalities": fmin,
                "fatalities_min": fmin,
                "fatalities_max": fmin * 2,
                "fatalities_text": None if not fmin else f"{fmin} killed",
                "attribution": rng.choice([None, "according to local sources"]),
                "hedged": rng.random() < 0.3,
                "independent_sources": rng.choice([1, 1, 2, 3]),
                "group_id": None,
                "notes": "",
                "tags": [],
                "confidence": 0.8,
                "method": "synthetic",
            }
        )
        for _k in range(rng.choice([1, 1, 2, 3])):
            doc = documents[rng.randrange(n_documents)]
            s_start, s_len = rng.choice(doc["sentences"])
            text = doc["row"]["text"]
            sources.append(
                {
                    "event_id": f"ev{i:06d}",
                    "document_id": doc["row"]["id"],
                    "start": s_start,
                    "end": s_start + s_len,
                    "quote": text[s_start : s_start + s_len],
                    "outlet": doc["row"]["outlet"],
                    "field": None,
                }
            )
    return Synthetic(documents, events, sources)


def write(engine: Engine, data: Synthetic, chunk: int = 2000) -> None:
    """Insert the generated rows (documents, parts, mentions, events, evidence) in one transaction."""

    def batched(table: Any, rows: Sequence[dict[str, Any]]) -> None:
        for i in range(0, len(rows), chunk):
            conn.execute(insert(table), list(rows[i : i + chunk]))

    with engine.begin() as conn:
        batched(t.documents, [d["row"] for d in data.documents])
        parts, mentions = [], []
        for d in data.documents:
            doc_id = d["row"]["id"]
            parts += [
                {"document_id": doc_id, "seq": k, "kind": kind, "start": s, "end": e, "info": {}}
                for k, (kind, s, e) in enumerate(d["parts"])
            ]
            text = d["row"]["text"]
            at = text.find("Settlement", d["parts"][1][1])
            if at >= 0:
                end = text.find(" ", at + len("Settlement "))
                mentions.append(
                    {
                        "document_id": doc_id, "start": at, "end": end, "text": text[at:end], "place_id": None,
                        "geo_precision": 1, "confidence": 0.5, "resolved": False, "candidates": [],
                    }
                )
        batched(t.parts, parts)
        batched(t.place_mentions, mentions)
        batched(t.events, data.events)
        batched(t.event_sources, data.sources)
