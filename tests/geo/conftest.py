"""A tiny synthetic gazetteer: made-up places, so tests never depend on the bundled data."""

from __future__ import annotations

import pytest

from frontline.geo.gazetteer import Gazetteer
from frontline.model import Place


@pytest.fixture(scope="session")
def tiny_gazetteer() -> Gazetteer:
    places = [
        Place("t:city", "Qarmida", 36.00, 37.00, "city", population=500000, admin1="North"),
        Place("t:town", "Bayt Lahm", 36.10, 36.90, "town", population=20000, admin1="North"),
        # two homonyms: one 25 km from Qarmida, one about 150 km away
        Place("t:hill-near", "Tall Abyad", 36.05, 36.75, "village", admin1="North"),
        Place("t:hill-far", "Tall Abyad", 36.70, 38.40, "town", population=40000, admin1="East"),
        # a homonym pair for a bare prior choice
        Place("t:kz-small", "Kafr Zita", 35.00, 36.00, "village", population=100, admin1="South"),
        Place("t:kz-big", "Kafr Zita", 35.40, 36.60, "town", population=30000, admin1="South"),
        Place("t:only-far", "Jisr Wardi", 34.00, 39.50, "village", admin1="East"),
        Place("t:prov", "North", 36.05, 36.95, "admin1", admin1="North"),
    ]
    names = {"t:city": ["Karmida", "Qarmeeda"], "t:hill-near": ["Tell Abiad"], "t:hill-far": ["Tell Abiad"]}
    return Gazetteer.from_places(places, names)
