"""Folding rules: transliteration variants meet, offsets always lead back to the raw text."""

from __future__ import annotations

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
