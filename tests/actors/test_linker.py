"""Linking on sentences written for these tests (not taken from the bundled examples)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontline.actors import find_mentions, link_actors, resolve_name
from frontline.model import ActorMention, Document, Part


def _by_text(text: str) -> dict[str, ActorMention]:
    return {m.text: m for m in find_mentions(text)}


def _check_offsets(text: str, mentions: list[ActorMention]) -> None:
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("sentence", "surface", "actor_id"),
    [
        (
            "Fighters of Hayat Tahrir ash-Sham stormed a checkpoint near Ariha.",
            "Hayat Tahrir ash-Sham",
            "hts",
        ),
        ("Yesterday Hayat Tahir al Sham shelled a market.", "Hayat Tahir al Sham", "hts"),
        ("A commander of Hizbollah was seen in Qusayr.", "Hizbollah", "hezbollah"),
        ("The Syrian Arab Army reinforced its lines.", "Syrian Arab Army", "sy-military"),
        ("Jaish al-Izzah fighters withdrew from the hill.", "Jaish al-Izzah", "jaysh-al-izza"),
        ("Units of the Turkestan Islamic Party moved south.", "Turkestan Islamic Party", "tip"),
        ("Clashes with Hurras al Deen continued overnight.", "Hurras al Deen", "hurras-al-din"),
        ("The SDF said two of its members were wounded.", "SDF", "sdf"),
        (
            "Soldiers of the Fourth Armored Division entered the town.",
            "Fourth Armored Division",
            "sy-4th-division",
        ),
    ],
)
def test_aliases_and_misspellings_link_to_the_registry(sentence: str, surface: str, actor_id: str) -> None:
    found = _by_text(sentence)
    assert surface in found, sorted(found)
    m = found[surface]
    assert m.actor_id == actor_id
    assert m.role == "actor" and not m.descriptor
    assert m.inter_code is not None


def test_misspelling_scores_below_an_exact_name() -> None:
    exact = _by_text("Hayat Tahrir al-Sham attacked.")["Hayat Tahrir al-Sham"]
    fuzzy = _by_text("Hayat Tahir al Sham attacked.")["Hayat Tahir al Sham"]
    assert fuzzy.actor_id == exact.actor_id
    assert 0.5 < fuzzy.confidence < exact.confidence


def test_abbreviations_are_case_sensitive() -> None:
    text = "It is what it is, said a man from IS territory."
    ms = find_mentions(text)
    assert [m.text for m in ms if m.actor_id == "islamic-state"] == ["IS"]


def test_units_carry_their_parent() -> None:
    m = _by_text("The Tiger Forces advanced along the road.")["Tiger Forces"]
    assert m.parent_id == "sy-military"


@pytest.mark.parametrize(
    ("sentence", "surface", "side"),
    [
        ("Pro-regime militias looted the village.", "Pro-regime militias", "government"),
        ("Turkish-backed fighters entered the town.", "Turkish-backed fighters", "turkey-led"),
        ("Rebels said they had downed a drone.", "Rebels", "armed-opposition"),
        ("Iran-backed militiamen set up a checkpoint.", "Iran-backed militiamen", "government"),
        ("Kurdish-led forces detained a suspect.", "Kurdish-led forces", "kurdish-led"),
        ("Jihadist factions rejected the truce.", "Jihadist factions", "jihadist"),
    ],
)
def test_descriptors_link_to_a_side_with_lower_confidence(sentence: str, surface: str, side: str) -> None:
    m = _by_text(sentence)[surface]
    assert m.descriptor is True
    assert m.side == side
    assert m.role == "actor"
    assert m.confidence < 0.9


@pytest.mark.parametrize(
    ("sentence", "surface", "actor_id"),
    [
        ("Russian jets hit a bakery.", "Russian jets", "ru-military"),
        ("Israeli warplanes struck a depot near the airport.", "Israeli warplanes", "il-military"),
        ("A Turkish military column crossed at Kafr Lusin.", "Turkish military column", "tr-military"),
        ("Two US soldiers were hurt.", "US soldiers", "us-military"),
        ("The Iranian leadership condemned the strike.", "Iranian leadership", "ir-government"),
    ],
)
def test_demonym_with_military_head_names_the_state(sentence: str, surface: str, actor_id: str) -> None:
    m = _by_text(sentence)[surface]
    assert m.actor_id == actor_id
    assert m.descriptor is True


def test_coordinated_demonyms_share_the_head() -> None:
    found = _by_text("Syrian and Russian helicopters dropped barrels.")
    assert found["Syrian"].actor_id == "sy-military"
    assert found["Russian helicopters"].actor_id == "ru-military"


def test_plain_soldiers_are_not_american() -> None:
    ms = find_mentions("The convoy lost 5 soldiers and us too.")
    assert not [m for m in ms if m.actor_id == "us-military"]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("According to local activists, the bridge was destroyed.", "local activists"),
        ("Sources close to the SDF said the raid failed.", "Sources close to the SDF"),
        ("Media loyal to Hayat Tahrir al-Sham claimed a victory.", "Media loyal to Hayat Tahrir al-Sham"),
        ("Pro-government sources reported heavy losses.", "Pro-government sources"),
        ("The Russian Defence Ministry said the drones were shot down.", "The Russian Defence Ministry"),
    ],
)
def test_attributions_are_sources_never_actors(sentence: str, source: str) -> None:
    ms = find_mentions(sentence)
    src = [m for m in ms if m.role == "source"]
    assert [m.text for m in src] == [source]
    assert src[0].inter_code is None
    inside = [m for m in ms if m.role == "actor" and src[0].start <= m.start and m.end <= src[0].end]
    assert inside == []


def test_source_side_comes_from_its_qualifier_or_its_patron() -> None:
    assert _by_text("Pro-government sources said so.")["Pro-government sources"].side == "government"
    assert _by_text("Sources close to the SDF said so.")["Sources close to the SDF"].actor_id == "sdf"


def test_monitors_and_media_are_sources() -> None:
    ms = find_mentions("The SOHR documented the deaths and Anadolu Agency published photos.")
    named = {m.text: m for m in ms}
    assert named["SOHR"].role == "source" and named["SOHR"].inter_code is None
    assert named["Anadolu Agency"].role == "source"


def test_persons_are_never_armed_actors() -> None:
    text = (
        "Vladimir Putin phoned President Hassan Rouhani, while Defence Minister Karl Ovesen "
        "and Maher al-Assad met in the capital."
    )
    ms = find_mentions(text)
    persons = {m.text: m for m in ms if m.role == "person"}
    assert {"Vladimir Putin", "Hassan Rouhani", "Karl Ovesen", "Maher al-Assad"} <= set(persons)
    assert persons["Karl Ovesen"].actor_id is None
    assert all(m.inter_code is None for m in persons.values())
    assert not [m for m in ms if m.role == "actor" and m.kind == "person"]


def test_short_coreference_within_a_paragraph() -> None:
    text = "The Hamza Division took two hills on Monday. The group said it lost three men."
    found = _by_text(text)
    assert found["The group"].actor_id == "hamza-division"
    assert found["The group"].descriptor is True
    assert found["The group"].confidence < 1.0
    # no antecedent in another paragraph
    ms = find_mentions("The Hamza Division took two hills.\n\nThe group said nothing.")
    assert [m.actor_id for m in ms if m.text == "The group"] in ([], [None])


def test_unknown_organisations_are_kept_as_candidates() -> None:
    found = _by_text("The newly formed Liwa Suqur al-Fajr Brigade joined the battle.")
    cand = [m for m in found.values() if m.actor_id is None and m.role == "actor"]
    assert [m.text for m in cand] == ["Liwa Suqur al-Fajr Brigade"]
    assert cand[0].confidence < 0.5


def test_resolve_name() -> None:
    assert resolve_name("SAA").id == "sy-military"
    assert resolve_name("Hayat Tahir al Sham").id == "hts"
    assert resolve_name("government troops").id == "sy-military"
    assert resolve_name("Meadowbrook Garden Club") is None
    assert resolve_name("  ") is None


def test_link_actors_reads_only_body_parts() -> None:
    text = "Hezbollah headline\nThe Tiger Forces advanced.\nComment: Hezbollah rocks"
    body_start = text.index("The Tiger")
    body_end = text.index("\nComment")
    doc = Document(
        id="t",
        content_hash="x",
        source_path="t.txt",
        text=text,
        parts=[
            Part("title", 0, body_start - 1),
            Part("body", body_start, body_end),
            Part("comment", body_end + 1, len(text)),
        ],
    )
    link_actors(doc)
    assert [m.text for m in doc.actor_mentions] == ["Tiger Forces"]
    _check_offsets(text, doc.actor_mentions)


_ALPHABET = st.sampled_from(
    [
        *"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ -'’.,\n",
        "al-",
        "Hayat ",
        "Tahrir ",
        "Sham",
        "Syrian ",
        "Turkish ",
        "forces",
        "İ",
        "ß",
        "ﬁ",
        "é",
        "ّ",
        "الشام",
        "\u200f",
        "US ",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=120), st.lists(_ALPHABET, max_size=40).map("".join)))
def test_offsets_are_valid_on_arbitrary_unicode(text: str) -> None:
    ms = find_mentions(text)
    _check_offsets(text, ms)
    doc = Document(id="h", content_hash="h", source_path="h", text=text)
    _check_offsets(text, link_actors(doc).actor_mentions)


def test_named_speakers_and_their_surnames_are_persons() -> None:
    text = "Marta Kovalenko said the crossing was closed. Later Kovalenko added that aid was waiting."
    ms = [m for m in find_mentions(text) if m.role == "person"]
    assert [m.text for m in ms] == ["Marta Kovalenko", "Kovalenko"]
    assert ms[1].confidence < ms[0].confidence
    assert all(m.inter_code is None for m in ms)
