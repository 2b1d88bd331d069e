"""Context disambiguation, lists, relations and unresolved names on a synthetic gazetteer."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontline.geo import geoparse_text
from frontline.geo.resolve import direction_agrees, type_prior


def by_text(mentions):
    return {m.text: m for m in mentions}


def test_homonym_near_the_documents_other_places_wins(tiny_gazetteer) -> None:
    text = "Troops entered Bayt Lahm, then moved on Tell Abiad west of Qarmida."
    ms = by_text(geoparse_text(text, gazetteer=tiny_gazetteer))
    assert ms["Tell Abiad"].place.place_id == "t:hill-near"
    assert ms["Tell Abiad"].resolved
    assert {c[0] for c in ms["Tell Abiad"].candidates} == {"t:hill-near", "t:hill-far"}


def test_far_homonym_alone_is_chosen_without_context(tiny_gazetteer) -> None:
    ms = by_text(geoparse_text("A convoy reached Tell Abiad.", gazetteer=tiny_gazetteer))
    assert ms["Tell Abiad"].place.place_id == "t:hill-far"  # larger town, no other place


def test_far_only_candidate_is_coded_at_stated_reference(tiny_gazetteer) -> None:
    text = "Near Qarmida city, the army captured Jisr Wardi and Bayt Lahm."
    ms = by_text(geoparse_text(text, gazetteer=tiny_gazetteer))
    m = ms["Jisr Wardi"]
    assert not m.resolved
    assert m.geo_precision == 2
    assert m.reference is not None and m.reference.place_id == "t:city"
    assert m.place.place_id == "t:city" and m.relation == "near"
    assert ms["Bayt Lahm"].resolved


def test_list_items_are_each_a_mention(tiny_gazetteer) -> None:
    text = "The army liberated the villages of Umm Sharshuh, Bayt Lahm, Tell Hadiya and Kafr Mousa near Qarmida."
    ms = by_text(geoparse_text(text, gazetteer=tiny_gazetteer))
    for name in ("Umm Sharshuh", "Bayt Lahm", "Tell Hadiya", "Kafr Mousa", "Qarmida"):
        assert name in ms, name
        assert text[ms[name].start : ms[name].end] == name
    unknown = ms["Umm Sharshuh"]
    assert not unknown.resolved and unknown.reference.place_id == "t:city" and unknown.geo_precision == 2


def test_relations_are_recorded(tiny_gazetteer) -> None:
    text = "Clashes were reported north of Qarmida and on the M9 highway."
    ms = by_text(geoparse_text(text, gazetteer=tiny_gazetteer))
    assert ms["Qarmida"].relation == "north" and ms["Qarmida"].geo_precision == 2
    road = ms["M9 highway"]
    assert not road.resolved and road.reference.place_id == "t:city"


def test_transliteration_variant_and_lowercase_words(tiny_gazetteer) -> None:
    text = "Shelling hit Qarmeeda; the north was calm. Fighting in North continued."
    ms = geoparse_text(text, gazetteer=tiny_gazetteer)
    assert [m.text for m in ms] == ["Qarmeeda", "North"]
    assert ms[1].place.feature_type == "admin1" and ms[1].geo_precision == 3


def test_province_hint_prefers_the_area(tiny_gazetteer) -> None:
    ms = by_text(geoparse_text("Strikes in North province.", gazetteer=tiny_gazetteer))
    assert ms["North"].place.place_id == "t:prov"


def test_spans_restrict_to_body(tiny_gazetteer) -> None:
    text = "Qarmida. Comment: Bayt Lahm"
    ms = geoparse_text(text, [(0, 8)], gazetteer=tiny_gazetteer)
    assert [m.text for m in ms] == ["Qarmida"]


def test_priors_and_directions() -> None:
    assert type_prior("city", 100000) > type_prior("village", 100000)
    assert type_prior("town", 50000) > type_prior("town", 50)
    assert direction_agrees("north", 36.0, 37.0, 36.3, 37.05)
    assert not direction_agrees("north", 36.0, 37.0, 35.7, 37.0)

_WORDS = st.sampled_from(["Qarmida", "Tell Abiad", "near", "villages of", ",", " and ", "North", "Umm Hosh",
                          "north of", "M9 highway", "ʿ", "-", "\n", "Kafr Zita", "é", "'s", "  "])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=25))
def test_never_fails_and_offsets_valid(tiny_gazetteer, parts) -> None:
    text = " ".join(parts)
    for m in geoparse_text(text, gazetteer=tiny_gazetteer):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.geo_precision in (1, 2, 3)
        if m.resolved:
            assert m.place is not None
        elif m.place is not None:  # coded at a stated reference
            assert m.reference is m.place and m.geo_precision >= 2
