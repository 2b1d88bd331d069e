"""Folding rules: transliteration variants meet, offsets always lead back to the raw text."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.text.normalize import load_rules, normalize, normalize_name, skeleton

# Made-up names in the spelling habits of English reporting on Arabic places;
# none is taken from the rule file's own examples.
SAME = [
    ("Tell Qarnoun", "Tal Qarnun"),
    ("Jebel al-Bouz", "Jabal Buz"),
    ("Sheikh Hadeed", "Shaykh Hadid"),
    ("Ma'arrat Zeyta", "Maarat Zeyta"),
    ("Deir as-Saffan", "Dayr Safan"),
    ("Kfar Roumia", "Kafr Rumia"),
    ("Ain an-Nisr", "Ayn Nisr"),
    ("Beit ash-Shouk", "Bayt Shuk"),
    ("Khirbet el-Ward", "Khirbat Ward"),
    ("Qaryat ‘Uthmān", "Qaryat Uthman"),
    ("Abou Dalli", "Abu Dali"),
]
DIFFERENT = [("Tell Qarnoun", "Tell Qarmoun"), ("Kafr Nasih", "Kafr Nabl"), ("Saraya", "Sariya")]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_variants_fold_to_one_key(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_stay_different(a: str, b: str) -> None:
    assert normalize_name(a) != normalize_name(b)


def test_assimilated_article_only_before_its_consonant() -> None:
    # "as" before S is the article; before other letters it is English.
    assert normalize_name("Tall as-Sultan") == normalize_name("Tal Sultan")
    assert "as" in normalize("as many as Hama").text.split()


def test_arabic_script_folding() -> None:
    assert normalize_name("مَعَرَّة") == normalize_name("معرة")
    assert normalize_name("إدلب") == normalize_name("ادلب")
    assert normalize_name("القرية") == normalize_name("قريه")


def test_possessive_is_dropped() -> None:
    assert normalize("Homs's outskirts").text.startswith("homs ")


def test_skeleton_ignores_vowel_spelling() -> None:
    assert skeleton(normalize_name("Saraqeb")) == skeleton(normalize_name("Saraqib"))
    assert skeleton(normalize_name("Khan Touman")) == skeleton(normalize_name("Khan Toman"))


def test_raw_span_maps_back_to_surface() -> None:
    raw = "Fighting near Tell al-Qarnoun's hill and Ma‘arrat Zeyta."
    n = normalize(raw)
    for name in ("tal qarnun", "marat zeyta"):
        i = n.text.index(name)
        s, e = n.raw_span(i, i + len(name))
        assert normalize_name(raw[s:e]) == name
    i = n.text.index("marat zeyta")
    assert raw[slice(*n.raw_span(i, i + len("marat zeyta")))] == "Ma‘arrat Zeyta"


def test_rule_file_is_validated(tmp_path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("drop_chars: ''\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing section"):
        load_rules(bad)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_offsets_valid_on_arbitrary_unicode(text: str) -> None:
    n = normalize(text)
    assert len(n.offsets) == len(n.text) + 1 == len(n.ends)
    prev = 0
    for i in range(len(n.text)):
        s, e = n.raw_span(i, i + 1)
        assert 0 <= s < e <= len(text)
        assert s >= prev
        prev = s
    assert n.raw_span(0, len(n.text))[1] <= len(text)


def test_offsets_skip_deleted_characters() -> None:
    n = normalize("x'y’z Umm")
    assert n.text == "xyz um"
    assert n.offsets == [0, 2, 4, 5, 6, 7, 9]
    assert n.raw_span(4, 6) == (6, 9)


# -- the chunked stage B (speed) must equal one regex scan of the whole text ------------------

_PIECES = ["al ", "as ", "ash ", "an n", "el-", "x.al ", "  ", " - ", "tell ", "Deir ", "ou", "ee", "ll",
           "Shouk ", "u.s. ", "it's ", "’", "\n", "ال", "a", "s", " ", "Qarnoun", "-", "kfar ", "i", "ss"]


def _reference_b(s: str):
    from frontline.text.normalize import _rules, _stage_b_repl, _sub_with_edits

    return _sub_with_edits(s, _rules().stage_b, _stage_b_repl)


def _assert_same_b(text: str) -> None:
    from frontline.text.normalize import _lower, _rules, _stage_a_repl, _stage_b, _sub_with_edits

    r = _rules()
    a_text, _ = _sub_with_edits(_lower(text), r.stage_a, _stage_a_repl)
    for s in (a_text, a_text * 12):  # short texts take the direct path, long ones are chunked
        ref, ref_edits = _reference_b(s)
        got, edits = _stage_b(s, r)
        assert got == ref
        assert edits.rows == ref_edits.rows
        assert (edits.src_len, edits.out_len) == (ref_edits.src_len, ref_edits.out_len)


def test_chunked_stage_b_equals_single_scan_on_prose() -> None:
    _assert_same_b(
        "Fighters of the brigade entered Tell Abou Zeet and as-Safira, then  moved  north of "
        "Ma'arrat  al Hamra — see al  Bab; ash-Shaykh Issa is 'quiet'. Al as sa an-Nour el - x.al "
        "zoo cooperative  feeding  ال قرية\n\nA second   paragraph with doubled  letters. "
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_chunked_stage_b_equals_single_scan_on_article_soup(pieces: list[str]) -> None:
    _assert_same_b("".join(pieces))


def test_long_text_offsets_still_valid() -> None:
    text = ("Shelling hit Kfar Roumia and al-Bab; residents of Deir as-Saffan fled   north. " * 20)
    n = normalize(text)
    for word in ("kafr rumia", "bab", "dayr safan"):
        start = n.text.index(word)
        s, e = n.raw_span(start, start + len(word))
        assert normalize_name(text[s:e]) == word


@functools.lru_cache(maxsize=1)
def _readable_stage_a():
    """Stage A as first written (five alternatives); the shipped one is a faster equivalent."""
    import re

    from frontline.text.normalize import load_rules

    data = load_rules()
    drop = re.escape("".join(sorted(frozenset(data["drop_chars"]))))
    space = re.escape("".join(sorted(frozenset(data["space_chars"]))))
    return re.compile(rf"(?P<poss>(?<=[a-z])[{drop}]s\b)|[^\x00-\x7f]|[{drop}{space}]|\s{{2,}}|[^\S ]")


_A_PIECES = ["'s", "’s ", "s'", "a", "z", "s", " ", "  ", "\t", "\n", "\xa0", "\u2003", "-", "–", "_", "/",
             "é", "中", "ʿ", "`", ".", "it's", "Ali’s"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_A_PIECES), max_size=30))
def test_fast_stage_a_equals_readable_pattern(pieces: list[str]) -> None:
    from frontline.text.normalize import _lower, _rules, _stage_a_repl, _sub_with_edits

    text = _lower("".join(pieces))
    ref, ref_edits = _sub_with_edits(text, _readable_stage_a(), _stage_a_repl)
    got, edits = _sub_with_edits(text, _rules().stage_a, _stage_a_repl)
    assert got == ref
    assert edits.rows == ref_edits.rows


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + _A_PIECES), max_size=60), st.randoms(use_true_random=False))
def test_batch_raw_spans_equal_raw_span(pieces: list[str], rnd) -> None:
    """``raw_spans`` (the matcher's batch mapping) inlines ``raw_span``: same answer on every span."""
    text = "".join(pieces) * 8  # long enough for the chunked stage B
    n = normalize(text)
    size = len(n.text)
    spans = [(rnd.randint(0, size + 1), rnd.randint(0, size + 1)) for _ in range(50)]
    spans += [(i, i + 1) for i in range(size)]
    assert n.raw_spans(spans) == [n.raw_span(s, e) for s, e in spans]
