"""Neutral wording, on sentences written for these tests."""

from __future__ import annotations

from frontline.framing import neutral_terms, neutralize


def test_territory_and_actor_words_become_neutral() -> None:
    assert neutralize("Loyalist units liberated the hill from the terrorists.") == (
        "Loyalist units captured the hill from the armed groups."
    )
    assert neutralize("The bridge fell into the hands of the insurgents.") == (
        "The bridge was captured by the armed groups."
    )
    assert neutralize("Regime troops shelled the market.") == "Government troops shelled the market."


def test_named_group_replaces_generic_labels_only() -> None:
    out = neutralize("The militants attacked regime forces.", group="Jaish al-Test")
    assert out == "The Jaish al-Test attacked government forces."


def test_counted_labels_read_as_fighters() -> None:
    assert neutralize("Troops killed 14 extremists and dozens of militants.") == (
        "Troops killed 14 fighters and dozens of fighters."
    )


def test_bare_moral_adjectives_are_dropped_only_before_a_word() -> None:
    assert neutralize("A barbaric raid hit the depot.") == "A raid hit the depot."
    assert neutralize("The raid was barbaric.") == "The raid was barbaric."


def test_text_without_loaded_words_is_unchanged() -> None:
    text = "On 3 March, two shells hit a school in the northern district, local officials said."
    assert neutralize(text) == text
    assert neutral_terms(text) == []


def test_neutral_terms_keep_original_and_offsets() -> None:
    text = "Occupation forces occupied the village."
    terms = neutral_terms(text)
    assert [(text[a:b], orig, new) for a, b, orig, new in terms] == [
        ("Occupation forces", "Occupation forces", "Forces"),
        ("occupied", "occupied", "captured"),
    ]
