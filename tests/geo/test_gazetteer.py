"""The bundled gazetteer artefact: loads, is complete enough, and agrees with the folding rules."""

from __future__ import annotations

import json
import pickle

import pytest

from frontline.geo.gazetteer import ADM1_PATH, GAZETTEER_PATH, default_gazetteer, rules_hash


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def test_artefact_matches_current_rules() -> None:
    import gzip

    with gzip.open(GAZETTEER_PATH, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    assert data["rules_hash"] == rules_hash(), "translit.yaml changed: run scripts/build_gazetteer.py"


def test_every_syrian_settlement_has_ids_and_admin1(gaz) -> None:
    c = gaz._cols
    syr = [i for i in range(len(gaz)) if c["country"][i] == "SY" and c["ftype"][i] in ("city", "town", "village")]
    assert len(syr) > 10000
    with_admin1 = sum(1 for i in syr if c["admin1"][i])
    assert with_admin1 / len(syr) > 0.99
    assert all(c["gn"][i] or c["id"][i].startswith("local:") for i in syr)


def test_world_places_present(gaz) -> None:
    kinds = {gaz.place(i).feature_type for i in gaz.lookup("Jordan")}
    assert "country" in kinds
    assert any(gaz.place(i).country == "TR" for i in gaz.lookup("Ankara"))


def test_search_and_get(gaz) -> None:
    top = gaz.search("Halab", 3)
    assert top and top[0].feature_type in ("city", "admin1")
    p = gaz.get(top[0].place_id)
    assert p == top[0]
    with pytest.raises(KeyError):
        gaz.get("gn:-1")


def test_pickles_by_reference(gaz) -> None:
    assert pickle.loads(pickle.dumps(gaz)) is gaz


def test_admin1_polygons_shipped() -> None:
    data = json.loads(ADM1_PATH.read_text(encoding="utf-8"))
    assert len(data["features"]) == 14
