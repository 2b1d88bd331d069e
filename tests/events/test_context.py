"""The per-document shortcuts of the events stage must answer as the plain scans did.

``DocContext`` replaces linear scans over all mentions with bisect range
queries, and the extractor dates only the sentences it needs; both are
compared here with straightforward references on generated documents.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.events import extract
from frontline.events.context import DocContext
from frontline.events.dates import best_date, parse_dates
from frontline.model import ActorMention, Document, PlaceMention, Span

_SPAN = st.tuples(st.integers(0, 120), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1]))


def _doc(places: list[tuple[int, int]], actors: list[tuple[int, int]]) -> Document:
    doc = Document(id="d", content_hash="h", source_path="p", text="x" * 200)
    doc.place_mentions = [PlaceMention(s, e, f"p{i}") for i, (s, e) in enumerate(places)]
    doc.actor_mentions = [ActorMention(s, e, f"a{i}", None) for i, (s, e) in enumerate(actors)]
    return doc


@settings(max_examples=200, deadline=None)
@given(st.lists(_SPAN, max_size=25), st.lists(_SPAN, max_size=25), _SPAN)
def test_range_queries_equal_plain_scans(places: list, actors: list, window: tuple[int, int]) -> None:
    doc = _doc(places, actors)
    ctx = DocContext.of(doc)
    start, end = window

    def by_start(items: list) -> list:
        return sorted(items, key=lambda m: m.start)  # stable: ties keep document order

    assert ctx.places_within(start, end) == by_start([m for m in doc.place_mentions if start <= m.start and m.end <= end])
    assert ctx.actors_within(start, end) == by_start([a for a in doc.actor_mentions if start <= a.start and a.end <= end])
    overlapping = ctx.actors_overlapping(start, end)
    assert sorted(map(id, overlapping)) == sorted(id(a) for a in doc.actor_mentions if a.start < end and start < a.end)


_SENTENCES = [
    "Fighting resumed on 3 February.",
    "Air strikes killed 12 civilians in the town.",
    "The army shelled the village yesterday.",
    "Officials gave no details.",
    "In 2011 the war began with protests.",
    "Rebels captured two hills last week.",
    "Air strikes killed 12 civilians in the town.",
    "Nothing else happened.",
]


def _reference(doc: Document, sentences: list[Span], paragraphs: list[Span]) -> list[tuple[Span, object]]:
    """The extractor's original loop: every sentence dated in order, the date carried within a paragraph."""
    pub = doc.publication_date
    carried = None
    current = None
    seen: set[str] = set()
    out = []
    for sent in sentences:
        para = extract._paragraph_of(paragraphs, sent)
        if para != current:
            carried, current = None, para
        text = doc.text[sent.start : sent.end]
        expr = best_date(parse_dates(text, pub))
        choice = extract._choose_date(expr, sent, carried, pub)
        if expr is not None:
            carried = choice
        key = " ".join(text.split()).casefold()
        if key in seen or extract.is_background(choice.range, pub) or not extract.is_candidate(text):
            continue
        seen.add(key)
        out.append((sent, choice))
    return out


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=10),
    st.lists(st.booleans(), min_size=10, max_size=10),
    st.sampled_from([None, dt.date(2020, 2, 5)]),
)
def test_lazy_dating_equals_dating_every_sentence(chosen: list[str], breaks: list[bool], pub: dt.date | None) -> None:
    text = ""
    sentences: list[Span] = []
    paragraphs: list[Span] = []
    para_start = 0
    for i, s in enumerate(chosen):
        if i and breaks[i]:  # a new paragraph
            paragraphs.append(Span(para_start, len(text) - 1, "paragraph"))
            text += "\n"
            para_start = len(text)
        sentences.append(Span(len(text), len(text) + len(s), "sentence"))
        text += s + " "
    paragraphs.append(Span(para_start, len(text), "paragraph"))
    doc = Document(id="d", content_hash="h", source_path="p", text=text, publication_date=pub)
    assert extract._dated_sentences(doc, sentences, paragraphs) == _reference(doc, sentences, paragraphs)
