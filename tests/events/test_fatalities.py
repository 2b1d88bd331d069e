"""Fatality figures: number forms, qualifiers, ACLED vague words, killed vs injured vs casualties."""

from __future__ import annotations

import pytest

from frontline.events.fatalities import parse_fatalities, word_to_int


@pytest.mark.parametrize(
    ("words", "value"),
    [("two", 2), ("twenty-five", 25), ("1,200", 1200), ("two hundred", 200), ("three thousand", 3000),
     ("dozens", 12), ("tens", 10), ("hundreds", 100), ("several", 3), ("a dozen", 12), ("banana", None)],
)
def test_number_words(words: str, value: int | None) -> None:
    assert word_to_int(words) == value


def test_exact_figure_in_digits_and_words() -> None:
    r = parse_fatalities("Two shepherds were killed when the shell hit the field.")
    assert (r.fatalities, r.fatalities_min, r.fatalities_max, r.fatalities_text) == (2, 2, 2, "Two")
    r = parse_fatalities("The raid left 1,200 people dead.")
    assert r.fatalities == 1200


def test_at_least_is_a_lower_bound() -> None:
    r = parse_fatalities("The blast killed at least 9 workers at the mill.")
    assert (r.fatalities, r.fatalities_min, r.fatalities_max, r.fatalities_text) == (9, 9, None, "at least 9")


def test_more_than_and_over() -> None:
    r = parse_fatalities("More than 30 fighters died in the assault.")
    assert (r.fatalities, r.fatalities_min, r.fatalities_max) == (30, 31, None)
    assert parse_fatalities("over 40 soldiers were killed").fatalities == 40


def test_up_to_is_an_upper_bound() -> None:
    r = parse_fatalities("Up to 15 people were killed in the market.")
    assert (r.fatalities, r.fatalities_min, r.fatalities_max) == (15, None, 15)


@pytest.mark.parametrize(("text", "value"), [
    ("Dozens of militants were killed in the fighting.", 12),
    ("Tens of recruits died in the ambush.", 10),
    ("Hundreds of people were killed over the winter.", 100),
    ("Several guards were killed at the gate.", 3),
])
def test_vague_words_follow_acled(text: str, value: int) -> None:
    r = parse_fatalities(text)
    assert r.fatalities == value
    assert r.fatalities_text is not None and r.fatalities_text in text


def test_injured_only_is_not_a_fatality() -> None:
    r = parse_fatalities("Seven people were wounded by the mortar round.")
    assert r.fatalities == 0 and r.fatalities_text is None
    assert r.injured == 7


def test_killed_or_wounded_is_a_casualty_figure() -> None:
    r = parse_fatalities("Up to 200 soldiers were killed or wounded in the counter-attack.")
    assert (r.fatalities, r.fatalities_min, r.fatalities_max) == (0, 0, 200)
    assert r.fatalities_text == "Up to 200"
    r = parse_fatalities("The shelling left 14 people killed and injured.")
    assert (r.fatalities, r.fatalities_max) == (0, 14)


def test_killed_share_beats_casualty_total() -> None:
    r = parse_fatalities("Forty casualties were reported, and 6 of the wounded later died; 11 were killed outright.")
    assert r.fatalities == 11


def test_killed_and_injured_separately() -> None:
    r = parse_fatalities("Four civilians were killed and 12 injured in the strike.")
    assert (r.fatalities, r.injured) == (4, 12)


@pytest.mark.parametrize("text", [
    "The army deployed 300 troops and 40 tanks to the front.",
    "Jets flew 25 airstrikes on the ridge.",
    "Government forces captured 12 villages in 3 days.",
    "The convoy of 50 vehicles reached the town in 2019.",
])
def test_counts_of_troops_vehicles_strikes_and_villages_are_not_fatalities(text: str) -> None:
    assert parse_fatalities(text).fatalities == 0


def test_agents_are_not_counted_as_victims() -> None:
    assert parse_fatalities("Five gunmen killed three farmers near the well.").fatalities == 3


def test_subset_is_not_added_to_the_total() -> None:
    assert parse_fatalities("Seventeen people were killed, two of them paramedics.").fatalities == 17
    assert parse_fatalities("The strike killed 21 civilians, including 4 children.").fatalities == 21


def test_coordinated_list_is_summed() -> None:
    assert parse_fatalities("5 soldiers and 3 civilians were killed in the blast.").fatalities == 8


def test_offsets_point_at_the_figure() -> None:
    text = "Local medics said twenty-five people were killed."
    r = parse_fatalities(text)
    assert text[r.start : r.end] == r.fatalities_text == "twenty-five"
