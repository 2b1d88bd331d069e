"""Conformance on arbitrary text: no crash, valid offsets, deterministic, picklable (for Dask)."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.events import extract_events, parse_fatalities
from frontline.events.attribution import find_attribution
from frontline.model import Document, Part

WORDS = st.sampled_from([
    "troops", "captured", "shelled", "killed", "at least", "12", "dozens", "yesterday", "on", "Monday",
    "according to", "officials", "reportedly", "airstrike", "village", "and", ",", ".", "\n\n", "İ", "ß", "🙂",
])
TEXT = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join))


@settings(max_examples=60, deadline=None)
@given(TEXT)
def test_fatalities_and_attribution_never_crash(text: str) -> None:
    f = parse_fatalities(text)
    assert f.fatalities >= 0
    if f.start is not None:
        assert text[f.start : f.end] == f.fatalities_text
    a = find_attribution(text)
    if a.start is not None:
        assert 0 <= a.start <= a.end <= len(text)


@settings(max_examples=40, deadline=None)
@given(TEXT)
def test_extract_events_on_arbitrary_text(text: str) -> None:
    def make() -> Document:
        doc = Document("fuzz", "h", "fuzz", text)
        doc.parts = [Part("body", 0, len(text))] if text else []
        return doc

    doc = extract_events(make())
    for e in doc.events:
        for s in e.sources:
            assert 0 <= s.start <= s.end <= len(text)
            assert text[s.start : s.end] == s.quote
        assert e.event_date is None or e.date_text  # no publication date: only a stated date may appear
    assert [e.event_id for e in extract_events(make()).events] == [e.event_id for e in doc.events]
    pickle.loads(pickle.dumps(doc))
