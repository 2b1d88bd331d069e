"""The typology file holds ACLED's six types and 25 sub-types, spelled as the 2023 codebook."""

from __future__ import annotations

from frontline.events.typology import (
    case_label_map,
    event_type_of,
    event_types,
    load_typology,
    sub_event_types,
)

# The codebook's names, typed from the task brief (the spec), not read from our data file.
EXPECTED = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ],
}


def test_all_six_types_and_25_subtypes_with_exact_names() -> None:
    assert event_types() == list(EXPECTED)
    assert len(sub_event_types()) == 25
    for etype, subs in EXPECTED.items():
        for sub in subs:
            assert event_type_of(sub) == etype


def test_every_subtype_has_a_definition() -> None:
    assert all(len(s.definition) > 20 for s in load_typology().values())


def test_case_codes_cover_every_subtype_once() -> None:
    mapping = case_label_map()
    assert sorted(mapping.values()) == sorted(sub_event_types())
    assert mapping["DISR_WEAP"] == "Disrupted weapons use"
    assert mapping["PROPERTY_DISTRUCT"] == "Looting/property destruction"
