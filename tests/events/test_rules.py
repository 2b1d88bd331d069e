"""Trigger rules on sentences written for these tests (not taken from any report or eval set)."""

from __future__ import annotations

import pytest

from frontline.events.rules import GOV_TERRITORY, NONSTATE_TERRITORY, find_triggers, load_rules, rule_scores


def top(sentence: str) -> str | None:
    scores = rule_scores(sentence)
    return max(scores, key=scores.get) if scores else None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Warplanes bombed the bakery at noon.", "Air/drone strike"),
        ("Mortar shells fell on the market square.", "Shelling/artillery/missile attack"),
        ("A roadside bomb exploded under the patrol vehicle.", "Remote explosive/landmine/IED"),
        ("A suicide bomber drove a truck into the checkpoint.", "Suicide bomb"),
        ("A grenade was thrown into the cafe.", "Grenade"),
        ("Inspectors found traces of sarin at the site.", "Chemical weapon"),
        ("Gunmen kidnapped two aid workers on the highway.", "Abduction/forced disappearance"),
        ("Police arrested fourteen activists overnight.", "Arrests"),
        ("Sappers defused a bomb planted near the mosque.", "Disrupted weapons use"),
        ("The two factions signed a ceasefire agreement.", "Agreement"),
        ("Hundreds of students rallied peacefully in the square.", "Peaceful protest"),
        ("Police fired tear gas to disperse the protesters.", "Protest with intervention"),
        ("Rioters torched shops and hurled stones at the police.", "Violent demonstration"),
        ("An angry mob lynched the suspected thief.", "Mob violence"),
        ("The brigade set up a new base outside the town.", "Headquarters or base established"),
        ("Militiamen looted the warehouses after the fighting.", "Looting/property destruction"),
        ("Heavy clashes broke out between the two brigades.", "Armed clash"),
    ],
)
def test_each_family_of_triggers(sentence: str, expected: str) -> None:
    assert top(sentence) == expected


def test_territory_change_is_resolved_by_cue_words() -> None:
    assert top("Army units recaptured the hilltop village.") == GOV_TERRITORY
    assert top("Rebels seized the border crossing.") == NONSTATE_TERRITORY
    assert top("The town fell into the hands of the insurgents.") == NONSTATE_TERRITORY


def test_trigger_offsets_are_valid() -> None:
    s = "Troops captured the ridge after shelling it for hours."
    for t in find_triggers(s):
        assert 0 <= t.start < t.end <= len(s)


def test_no_trigger_in_a_weather_report() -> None:
    assert rule_scores("It was sunny and warm across the valley today.") == {}


def test_rules_only_name_known_subtypes() -> None:
    rules = load_rules()
    assert rules["min_score"] > 0
