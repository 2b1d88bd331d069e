"""The bundled gazetteer artefact: loads, is complete enough, and agrees with the folding rules."""

from __future__ import annotations

import gzip
import json
import pickle

import pytest

from frontline.geo.gazetteer import (
    ADM1_PATH,
    GAZETTEER_PATH,
    Gazetteer,
    ahocorasick_version,
    default_gazetteer,
    rules_hash,
)


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def _artefact() -> dict:
    return pickle.loads(gzip.decompress(GAZETTEER_PATH.read_bytes()))


def test_artefact_matches_current_rules() -> None:
    data = _artefact()
    assert data["rules_hash"] == rules_hash(), "translit.yaml changed: run scripts/build_gazetteer.py"
    assert data["ahocorasick"] == ahocorasick_version(), "pyahocorasick changed: run scripts/build_gazetteer.py"


def test_artefact_is_small() -> None:
    assert GAZETTEER_PATH.stat().st_size < 15_000_000



def _stale(tmp_path, **changes):
    data = _artefact()
    data.update(changes)
    path = tmp_path / "gaz.pkl.gz"
    path.write_bytes(gzip.compress(pickle.dumps(data), compresslevel=1))
    return path


def test_stale_automaton_is_rebuilt_with_a_warning(tmp_path, gaz) -> None:
    path = _stale(tmp_path, ahocorasick="0.0-other", automaton=b"not a pickle")
    with pytest.warns(RuntimeWarning, match="pyahocorasick"):
        fresh = Gazetteer.load(path)
    text = "Fighting near Aleppo and in Homs."
    assert [(m.start, m.end, m.keys) for m in fresh.matcher.find(text)] == \
        [(m.start, m.end, m.keys) for m in gaz.matcher.find(text)]
    assert {m.surface for m in fresh.matcher.find(text)} >= {"Aleppo", "Homs"}


def test_unknown_format_fails_loudly(tmp_path) -> None:
    path = tmp_path / "old.pkl.gz"
    path.write_bytes(gzip.compress(pickle.dumps({"format": 1, "fields": ["id"]})))
    with pytest.raises(ValueError, match="rebuild"):
        Gazetteer.load(path)


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
