"""World-news disambiguation: state names as context, dotted state abbreviations, small towns.

The synthetic places are made up; the bundled-data checks use sentences written
for this test, not taken from an evaluation set.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from frontline.geo import geoparse_text
from frontline.geo.gazetteer import Gazetteer, default_gazetteer
from frontline.geo.resolve import Anchor, context_score
from frontline.model import Place

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def world() -> Gazetteer:
    places = [
        # a state, a town inside it named after it, and a bigger foreign city of that name
        Place("w:state", "Veldoria", 40.0, -90.0, "admin1", country="XA", admin1="Veldoria"),
        Place("w:vtown", "Veldoria", 40.2, -90.1, "town", country="XA", admin1="Veldoria", population=9000),
        Place("w:vforeign", "Veldoria", -28.0, 27.0, "city", country="YB", population=120000),
        # "Marlow": a large foreign city and a smaller one inside the state
        Place("w:mbig", "Marlow", 30.0, 31.0, "city", country="ZC", population=3000000),
        Place("w:mlocal", "Marlow", 40.5, -89.8, "city", country="XA", admin1="Veldoria", population=150000),
    ]
    return Gazetteer.from_places(places)


def test_state_name_is_context_even_when_a_foreign_city_comes_close(world) -> None:
    text = "Officials in Marlow met state leaders from Veldoria on Tuesday."
    ms = {m.text: m for m in geoparse_text(text, gazetteer=world)}
    assert ms["Veldoria"].place.place_id == "w:state"
    assert ms["Marlow"].place.place_id == "w:mlocal"


def test_an_anchor_does_not_support_its_own_homonyms() -> None:
    state = Anchor(40.0, -90.0, "XA", "Veldoria", 0, "veldoria")
    # the town named like the state gets nothing from the state's own mention ...
    assert context_score(1, 40.2, -90.1, "XA", "Veldoria", [state], 60.0, "veldoria") == 0.0
    # ... while a differently named town beside it does
    assert context_score(3, 40.2, -90.1, "XA", "Veldoria", [state], 60.0, "marlow") > 4.0


def _build_module():
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_index_keeps_dotted_abbreviations_but_not_short_words() -> None:
    mod = _build_module()
    places = [{"names": ["Zorvania", "Zv.", "zv", "Ab"]}, {"names": ["the"]}]
    index, _ = mod.build_index(places)
    assert "zv" in index  # from "Zv." (an AP-style abbreviation)
    assert "ab" not in index and "the" not in index


@pytest.mark.parametrize(("text", "name", "state"), [
    ("The county fair in Bowling Green, Ky., drew record crowds.", "Ky.", "Kentucky"),
    ("A plant near Peoria, Ill., will close next spring.", "Ill.", "Illinois"),
])
def test_dotted_state_abbreviation_resolves_with_gold_span(text: str, name: str, state: str) -> None:
    s = text.index(name)
    (m,) = geoparse_text(text, mention_spans=[(s, s + len(name))])
    assert m.resolved and m.place.feature_type == "admin1" and m.place.name == state


def test_small_towns_are_in_the_gazetteer() -> None:
    # towns of 1,000-5,000 inhabitants (GeoNames cities1000) are held, world-wide
    c = default_gazetteer()._cols
    small = [i for i, pop in enumerate(c["pop"]) if pop and 1000 <= pop < 5000 and c["country"][i] != "SY"]
    assert len(small) > 50_000
    assert {c["country"][i] for i in small} >= {"US", "FR", "IN"}


def test_curated_regions_file_is_valid() -> None:
    import csv

    path = ROOT / "src" / "frontline" / "data" / "gazetteer" / "world_regions.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for r in rows:
        assert r["feature_type"] in ("region", "admin1"), r
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r
        assert r["geonames_id"] == "" or r["geonames_id"].isdigit(), r
        assert r["note"], r  # every row says where its point comes from


def test_reference_point_overrides_are_sourced_and_built_into_the_artefact() -> None:
    """``world_points.csv`` rows each name their source, and the shipped artefact carries them
    (a row added without re-running ``scripts/build_gazetteer.py`` fails here)."""
    import csv

    path = ROOT / "src" / "frontline" / "data" / "gazetteer" / "world_points.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    gaz = default_gazetteer()
    for r in rows:
        assert r["source"].strip(), r
        place = gaz.get(r["place_id"])
        assert place is not None, r
        assert (place.lat, place.lon) == pytest.approx((float(r["lat"]), float(r["lon"])), abs=1e-4), r


def test_curated_region_beats_a_small_town_of_the_same_name() -> None:
    # written for this test: a region name that is also a hamlet's name in GeoNames
    text = "Diplomats from across the Middle East met in Geneva on Monday."
    ms = {m.text: m for m in geoparse_text(text)}
    me = ms["Middle East"]
    assert me.resolved and me.place.feature_type == "region" and me.geo_precision == 3
    assert ms["Geneva"].place.country == "CH"
