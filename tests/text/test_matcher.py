"""Dictionary matcher: raw offsets, word boundaries, longest match, calibrated fuzzy scores."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.text import Matcher, normalize, similarity
from frontline.text.matcher import load_calibration

ENTRIES = [
    ("Tal Qarnun", "q"),
    ("Qarnun", "q-village"),
    ("Bab", "bab"),
    ("Kafr Zita", "kz"),
    ("Kafr Zita", "kz2"),
    ("Umm Hosh", "uh"),
]


def test_find_returns_raw_offsets_and_surface() -> None:
    m = Matcher(ENTRIES)
    text = "Shelling hit Tell Qarnoun and Kfar Zeeta; al-Bab was quiet."
    hits = m.find(text)
    assert [(h.surface, h.key) for h in hits] == [("Tell Qarnoun", "q"), ("Kfar Zeeta", "kz"), ("Bab", "bab")]
    for h in hits:
        assert text[h.start : h.end] == h.surface


def test_homonyms_carry_every_key() -> None:
    hit = Matcher(ENTRIES).find("near Kafr Zita")[0]
    assert set(hit.keys) == {"kz", "kz2"}


def test_word_boundaries() -> None:
    m = Matcher(ENTRIES)
    assert m.find("Babila and Umm Hoshiya") == []


def test_longest_leftmost_and_overlapping() -> None:
    m = Matcher(ENTRIES)
    assert [h.key for h in m.find("Tal Qarnun")] == ["q"]
    assert {h.key for h in m.find("Tal Qarnun", overlapping=True)} == {"q", "q-village"}


def test_shared_normalisation() -> None:
    m = Matcher(ENTRIES)
    text = "Umm Hosh and Bab"
    assert m.find(text, normalize(text)) == m.find(text)


def test_fuzzy_ranks_true_variant_first_with_calibrated_scores() -> None:
    m = Matcher([("Shaykh Hadid", 1), ("Shaykh Hilal", 2), ("Kafr Rumia", 3)])
    res = m.fuzzy("Sheikh Haddeed")
    assert res[0][0] == 1 and 0.9 <= res[0][1] <= 1.0
    res = m.fuzzy("Kafr Roumiyeh", min_score=0.1)
    assert res[0][0] == 3
    assert all(0 <= s <= 1 for _, s in res)
    assert m.fuzzy("Completely Different") == []


def test_calibration_is_monotonic() -> None:
    cal = load_calibration()
    assert cal(0.9, 0.9) > cal(0.7, 0.7) > cal(0.4, 0.4)
    assert similarity("Saraqeb", "Saraqib")[1] == 1.0


def test_pickles_for_workers() -> None:
    m = Matcher(ENTRIES)
    m2 = pickle.loads(pickle.dumps(m))
    assert m2.find("Umm Hosh") == m.find("Umm Hosh")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_find_never_fails_and_offsets_valid(text: str) -> None:
    m = Matcher([*ENTRIES, ("ab", "x"), ("ﬁ", "lig")])
    for h in m.find(text):
        assert 0 <= h.start <= h.end <= len(text)
        assert text[h.start : h.end] == h.surface


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Tell Qarnoun", "Qarnoun", "Kfar Zeeta", "al-Bab", "Bab", " ", ", ", "and ",
                                 "Umm  Hosh", "Tal", "x", "\n", "Babila "]), max_size=40))
def test_find_spans_is_find_without_match_objects(pieces: list[str]) -> None:
    m = Matcher(ENTRIES)
    text = "".join(pieces)
    full = m.find(text)
    assert m.find_spans(text) == [(h.start, h.end, h.norm) for h in full]
    assert [m.keys_of(h.norm) for h in full] == [h.keys for h in full]
