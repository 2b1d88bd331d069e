"""Matching only candidate runs must find every capitalised hit a whole-text scan finds.

``frontline.geo.candidates`` folds and scans only the runs of capitalised
words (plus short / listed lower-case words) instead of the whole report.
These tests compare it with the whole-text scan on generated texts, so a
change to ``candidates.yaml`` or to the folding rules cannot drop names
silently.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.geo.candidates import candidates
from frontline.geo.gazetteer import Gazetteer
from frontline.geo.geoparse import _capitalised, geoparse_text
from frontline.text.normalize import normalize

_WORDS = ["Qarmida", "Karmida", "Tall Abyad", "Tell Abiad", "Kafr Zita", "Bayt Lahm", "Jisr Wardi", "North",
          "the", "forces", "shelled", "village", "province", "near", "and", "of", "2019", "(Qarmida)",
          "Qarmida's", "Al-Qarmida", "killed", "in"]
_SEPS = [" ", " ", "\n", ", ", ". ", "  "]


def _capitalised_hits(text: str, gaz: Gazetteer) -> set[tuple[int, int]]:
    return {(s, e) for s, e, _ in gaz.matcher.find_spans(text, normalize(text)) if _capitalised(text[s:e])}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPS)), min_size=1, max_size=14))
def test_candidate_runs_find_every_capitalised_hit(tiny_gazetteer: Gazetteer, parts: list[tuple[str, str]]) -> None:
    text = "".join(w + sep for w, sep in parts)
    cand = candidates(text)
    found = {(cand.to_raw(s), cand.to_raw(e - 1) + 1)
             for s, e, _ in tiny_gazetteer.matcher.find_spans(cand.text, cand.norm)}
    found = {(s, e) for s, e in found if _capitalised(text[s:e])}
    assert found == _capitalised_hits(text, tiny_gazetteer)


def test_runs_do_not_join_and_offsets_are_raw(tiny_gazetteer: Gazetteer) -> None:
    text = "Shelling hit Qarmida yesterday; troops later reached Tall Abyad, officials in Kafr Zita said."
    got = [text[m.start:m.end] for m in geoparse_text(text, gazetteer=tiny_gazetteer)]
    assert got == ["Qarmida", "Tall Abyad", "Kafr Zita"]
    cand = candidates(text)
    assert "yesterday" not in cand.text  # lower-case words outside names are not folded
