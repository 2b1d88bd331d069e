"""The locative scanner's fast paths must equal the plain rules they replace.

Speed work (see docs/geo.md, "Speed") read the words before a name backwards
instead of tokenising the document, put a first-character lookahead in front
of the name regex and mapped body regions with bisect.  Each test compares a
fast path with the straightforward version on generated texts, so a change to
``locatives.yaml`` or to the code cannot make them drift apart silently.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.geo.geoparse import _inside
from frontline.geo.patterns import _before, _before_tokens, compiled

# Words of the phrase table and names around them, joined by odd whitespace.
_WORDS = ["the", "The", "of", "OF", "north", "North", "and", "south", "villages", "village", "near", "close", "to",
          "captured", "took", "control", "in", "vicinity", "outskirts", "on", "province", "north-east",
          "southern", "Qarmida", "Tall Abyad", "al-Bab", "Kafr Zita", "(Bayt", "x" * 14, "ain"]
_SEPS = [" ", " ", "  ", "\n", "\t", "", "-", ", "]


def _texts():
    return st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPS)), max_size=30).map(
        lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=400, deadline=None)
@given(_texts())
def test_backward_phrase_reading_equals_token_rule(text: str) -> None:
    c = compiled()
    for m in c.name.finditer(text):
        assert _before(text, m.start(), c) == _before_tokens(text, m.start(), c)


@settings(max_examples=300, deadline=None)
@given(_texts())
def test_name_lookahead_changes_no_match(text: str) -> None:
    c = compiled()
    plain = re.compile(c.name.pattern[c.name.pattern.index(")") + 1 :])  # without the leading lookahead
    assert [m.span() for m in c.name.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), min_size=1, max_size=6),
       st.integers(0, 90), st.integers(0, 30))
def test_region_bisect_equals_scan(raw: list[tuple[int, int]], start: int, length: int) -> None:
    regions = [(a, a + n) for a, n in raw]
    end = start + length
    assert _inside(regions)(start, end) == any(a <= start and end <= b for a, b in regions)
