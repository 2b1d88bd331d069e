"""The one data model shared by pipeline, store, export and API.

Like spaCy's ``Doc``, a :class:`Document` holds its text once and everything
else is a character offset into it.  Stages never copy or rewrite the text;
they add spans.  This is what lets the map show, for every field of every
event, the exact words in the source that support it.

Offsets are Python ``str`` (code point) offsets into ``Document.text``,
end-exclusive, so ``doc.text[start:end]`` is always the supporting surface
string.  Every dataclass here is plain, picklable (for Dask) and converts to
JSON with :func:`to_jsonable`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: Kinds of document part.  Every character of ``Document.text`` belongs to
#: exactly one part (see ``frontline.clean``).
PART_KINDS = ("title", "byline", "dateline", "body", "boilerplate", "comment")


@dataclass(slots=True)
class Span:
    """A labelled ``[start, end)`` slice of a document's text."""

    start: int
    end: int
    label: str = ""

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(slots=True)
class Part:
    """A top-level region of the raw text: title, body, a comment, …"""

    kind: str
    start: int
    end: int
    #: Free-form details, e.g. the cue that marked a boilerplate block.
    info: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class RawDocument:
    """One input as read, before any interpretation.

    ``raw`` is kept so nothing is lost if decoding or cleaning is later
    improved; ``text`` is the decoded text all offsets refer to.
    """

    source_path: str
    raw: bytes
    content_hash: str
    text: str
    encoding: str
    media_type: str  # "text" | "html" | "jsonl" | "feed"
    #: Metadata stated by the container (JSONL fields, feed entries, HTML meta).
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Place:
    """A gazetteer entry."""

    place_id: str  # "gn:170063", "ocha:SY07", "local:…"
    name: str
    lat: float
    lon: float
    feature_type: str  # city|town|village|hill|neighbourhood|road|base|region|admin1|admin2|admin3|country
    country: str = "SY"
    geonames_id: int | None = None
    pcode: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    population: int | None = None


@dataclass(slots=True)
class PlaceMention:
    """A place named in the text, resolved or not."""

    start: int
    end: int
    text: str
    place: Place | None = None
    #: 1 exact place, 2 near a place / part of a region, 3 region only.
    geo_precision: int = 1
    confidence: float = 0.0
    #: For "north of X" style mentions: the relation and the reference place.
    relation: str | None = None
    reference: Place | None = None
    candidates: list[tuple[str, float]] = field(default_factory=list)
    resolved: bool = False


@dataclass(slots=True)
class ActorMention:
    """An actor named or described in the text."""

    start: int
    end: int
    text: str
    actor_id: str | None  # registry key; None for an unknown candidate
    name: str | None = None  # canonical (ACLED-style) name
    side: str | None = None
    kind: str | None = None
    inter_code: int | None = None
    confidence: float = 0.0
    #: True for generic descriptors ("government troops", "militants").
    descriptor: bool = False
    #: "actor" (an armed/political actor), "person", or "source" (an attribution).
    role: str = "actor"
    parent_id: str | None = None


@dataclass(slots=True)
class Evidence:
    """Where one source supports one event (or field)."""

    document_id: str
    start: int
    end: int
    quote: str = ""
    outlet: str | None = None
    field: str | None = None  # None = the whole event; else "location", "date", …


@dataclass(slots=True)
class Event:
    """An ACLED-style event with frontline's evidence and uncertainty fields."""

    event_id: str
    event_type: str
    sub_event_type: str
    event_date: dt.date | None = None
    date_precision: str = "unknown"  # day | range | month | unknown
    date_range: tuple[dt.date, dt.date] | None = None
    date_text: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    place_id: str | None = None
    fatalities: int = 0
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    fatalities_text: str | None = None
    attribution: str | None = None
    hedged: bool = False
    independent_sources: int = 1
    group_id: str | None = None
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    sources: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0
    #: Classifier/rule that produced the type; for comparisons in eval.
    method: str = "rules"


@dataclass(slots=True)
class FramingSpan:
    """A loaded-language / propaganda-technique span."""

    start: int
    end: int
    technique: str
    score: float = 1.0
    source: str = "lexicon"  # lexicon | model | sarcasm
    neutral: str | None = None  # neutral rewording, where the lexicon has one
    side: str | None = None  # which side the wording favours, where known


@dataclass(slots=True)
class Document:
    """A report: its text once, and every analysis as offsets into it."""

    id: str
    content_hash: str
    source_path: str
    text: str
    encoding: str = "utf-8"
    media_type: str = "text"
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    original_source: str | None = None
    publication_date: dt.date | None = None
    #: "stated", "container" (JSONL/feed/HTML metadata),
    #: "inferred-from-republication", or None when unknown.
    date_source: str | None = None
    #: Where each stated metadata field came from in the text.
    field_spans: dict[str, Span] = field(default_factory=dict)
    #: Fields filled from other members of the republication cluster.
    inherited: dict[str, str] = field(default_factory=dict)
    parts: list[Part] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    place_mentions: list[PlaceMention] = field(default_factory=list)
    actor_mentions: list[ActorMention] = field(default_factory=list)
    framing_spans: list[FramingSpan] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    cluster_id: str | None = None
    canonical_id: str | None = None
    #: Per-stage extras (e.g. per-paragraph sarcasm scores), JSON-able.
    extras: dict[str, Any] = field(default_factory=dict)

    # -- views -------------------------------------------------------------
    def parts_of(self, kind: str) -> list[Part]:
        return [p for p in self.parts if p.kind == kind]

    @property
    def body_spans(self) -> list[Part]:
        return self.parts_of("body")

    @property
    def body_text(self) -> str:
        """Body parts joined by blank lines (for dedup/profiling, not offsets)."""
        return "\n\n".join(self.text[p.start : p.end] for p in self.body_spans)

    def body_sentences(self) -> list[Span]:
        """Sentences that lie inside body parts (comments are not reporting)."""
        bodies = self.body_spans
        return [
            s for s in self.sentences if any(b.start <= s.start and s.end <= b.end for b in bodies)
        ]

    def in_body(self, start: int, end: int) -> bool:
        return any(b.start <= start and end <= b.end for b in self.body_spans)


def to_jsonable(obj: Any) -> Any:
    """Dataclasses, dates and tuples → JSON-compatible values (recursively)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, bytes):
        return None
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    return obj
