"""User supplements: validated on load, add places without code, found by the geoparser."""

from __future__ import annotations

import pytest

from frontline.geo import SupplementError, geoparse_text, read_supplement
from frontline.geo.gazetteer import Gazetteer
from frontline.model import Place

HEADER = "name,alt_names,lat,lon,feature_type,admin1,admin2,source,note\n"


def write(tmp_path, body: str):
    p = tmp_path / "places.csv"
    p.write_text(HEADER + body, encoding="utf-8")
    return p


def test_valid_rows_load_and_unlocated_rows_are_skipped(tmp_path) -> None:
    p = write(tmp_path, "Tell Hadiya,Tal Hadiya|تل هدية,36.1,37.0,hill,North,,,\nKnown Gap,,,,hill,,,,not found\n")
    rows = read_supplement(p)
    assert [r.name for r in rows] == ["Tell Hadiya"]
    assert rows[0].alt_names == ["Tal Hadiya", "تل هدية"] and rows[0].place_id == "local:tell-hadiya"
    with pytest.raises(SupplementError, match="no coordinates"):
        read_supplement(p, skip_unlocated=False)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("X,,91,37,hill,,,,\n", "bad lat/lon"),
        ("X,,36,37,castle,,,,\n", "feature_type"),
        (",,36,37,hill,,,,\n", "empty name"),
        ("X,,abc,37,hill,,,,\n", "bad lat/lon"),
    ],
)
def test_bad_rows_fail_with_line_numbers(tmp_path, body: str, message: str) -> None:
    p = write(tmp_path, body)
    with pytest.raises(SupplementError, match=message) as exc:
        read_supplement(p)
    assert f"{p}:2" in str(exc.value)


def test_missing_columns_and_missing_file(tmp_path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text("name,lat\nX,1\n", encoding="utf-8")
    with pytest.raises(SupplementError, match="missing column"):
        read_supplement(p)
    with pytest.raises(SupplementError, match="not found"):
        read_supplement(tmp_path / "nope.csv")


def test_supplement_makes_a_new_place_resolvable(tmp_path) -> None:
    gaz = Gazetteer.from_places([Place("t:c", "Qarmida", 36.0, 37.0, "city", population=100000)])
    text = "Units captured Tal Hadiya near Qarmida."
    before = {m.text: m for m in geoparse_text(text, gazetteer=gaz)}
    assert not before["Tal Hadiya"].resolved
    n = gaz.add_supplement(write(tmp_path, "Tell Hadiya,Tal Hadiya,36.1,37.0,hill,North,,,\n"))
    assert n == 1
    after = {m.text: m for m in geoparse_text(text, gazetteer=gaz)}
    assert after["Tal Hadiya"].resolved and after["Tal Hadiya"].place.place_id == "local:tell-hadiya"
    assert gaz.get("local:tell-hadiya").feature_type == "hill"
