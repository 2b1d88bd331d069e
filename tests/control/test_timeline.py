"""Control timeline, side rules, initial state and inference on hand-written synthetic events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from frontline.control import (
    InferenceParams,
    Settlement,
    capture_side,
    control_at,
    control_timeline,
    holdings_at,
    infer_control,
    load_initial,
    load_side_rules,
)
from frontline.model import Event

GOV = "Government regains territory"
REB = "Non-state actor overtakes territory"
D = dt.date


def ev(eid: str, sub: str, day: str | None, place: str = "p1", actor: str = "Some Armed Group", inter: int | None = 2,
       lat: float = 36.0, lon: float = 37.0, admin2: str = "D1") -> Event:
    return Event(
        event_id=eid, event_type="Battles", sub_event_type=sub, event_date=D.fromisoformat(day) if day else None,
        actor1=actor, inter1=inter, place_id=place, location=f"Place {place}", latitude=lat, longitude=lon,
        admin1="A1", admin2=admin2,
    )


def test_changes_of_hands_make_successive_holdings_with_evidence() -> None:
    events = [ev("e2", REB, "2020-01-20"), ev("e1", GOV, "2020-01-10"), ev("e3", REB, "2020-01-25"), ev("e4", GOV, "2020-02-01")]
    (holdings,) = control_timeline(events).values()
    assert [(h.side, h.start, h.end) for h in holdings] == [
        ("government", D(2020, 1, 10), D(2020, 1, 20)),
        ("armed-opposition", D(2020, 1, 20), D(2020, 2, 1)),
        ("government", D(2020, 2, 1), None),
    ]
    assert holdings[1].evidence == ["e2", "e3"]  # a repeat report extends, not restarts, the holding
    assert all(not h.inferred and h.basis == "event" for h in holdings)


def test_before_the_first_report_the_holder_is_unknown() -> None:
    timeline = control_timeline([ev("e1", GOV, "2020-01-10")])
    assert holdings_at(timeline, D(2020, 1, 9)) == {}
    assert holdings_at(timeline, D(2020, 1, 10))["p1"].side == "government"


def test_non_territorial_and_undated_events_are_ignored() -> None:
    events = [ev("a", "Armed clash", "2020-01-05"), ev("b", GOV, None), ev("c", "Shelling/artillery/missile attack", "2020-01-06")]
    assert control_timeline(events) == {}


def test_side_comes_from_registry_then_inter_code_else_unknown() -> None:
    rules = load_side_rules()
    # a registered ACLED actor name resolves through the actor registry data
    assert capture_side(ev("x", REB, "2020-01-01", actor="Military Forces of Syria (2000-)", inter=None), rules) == "government"
    assert capture_side(ev("x", REB, "2020-01-01", actor="Nobody We Know", inter=2), rules) == "armed-opposition"
    assert capture_side(ev("x", REB, "2020-01-01", actor="Nobody We Know", inter=4), rules) == "unknown"
    assert capture_side(ev("x", "Armed clash", "2020-01-01"), rules) is None
    # a pluggable resolver wins over the registry
    assert capture_side(ev("x", REB, "2020-01-01"), rules, side_of=lambda a: "blue") == "blue"


def test_same_day_reports_of_different_sides_are_contested() -> None:
    (holdings,) = control_timeline([ev("a", GOV, "2020-01-10"), ev("b", REB, "2020-01-10")]).values()
    assert holdings[-1].side == "armed-opposition" and holdings[-1].contested


def test_dict_rows_work_like_events() -> None:
    row = {"event_id": "r1", "sub_event_type": GOV, "event_date": "2020-03-01", "place_id": "q", "latitude": 1.0, "longitude": 2.0}
    assert control_timeline([row])["q"][0].start == D(2020, 3, 1)


def test_initial_state_from_csv_and_yaml(tmp_path: Path) -> None:
    csv_path = tmp_path / "initial.csv"
    csv_path.write_text(
        "place_id,name,lat,lon,admin1,admin2,side,date,source,note\n"
        "p1,Place p1,36.0,37.0,A1,D1,armed-opposition,2019-12-01,Survey map 2019-12-01,\n"
        "p9,Quiet,36.2,37.2,A1,D1,government,2019-12-01,Survey map 2019-12-01,\n",
        encoding="utf-8",
    )
    initial = load_initial(csv_path)
    timeline = control_timeline([ev("e1", GOV, "2020-01-10")], initial)
    p1 = timeline["p1"]
    assert [(h.side, h.basis, h.start) for h in p1] == [
        ("armed-opposition", "initial", D(2019, 12, 1)),
        ("government", "event", D(2020, 1, 10)),
    ]
    assert p1[0].sources == ["Survey map 2019-12-01"] and p1[0].end == D(2020, 1, 10)
    assert timeline["p9"][0].lat == 36.2
    yaml_path = tmp_path / "initial.yaml"
    yaml_path.write_text("- {place_id: p1, side: government, date: 2019-11-01, source: Atlas}\n", encoding="utf-8")
    assert load_initial(yaml_path)[0].date == D(2019, 11, 1)


@pytest.mark.parametrize(
    "row",
    [
        "p1,,,,,,government,,Atlas,",  # no date
        "p1,,,,,,government,2019-12-01,,",  # no source
        "p1,,,,,,government,1 Dec 2019,Atlas,",  # not ISO
    ],
)
def test_initial_rows_without_date_or_source_are_refused(tmp_path: Path, row: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("place_id,name,lat,lon,admin1,admin2,side,date,source,note\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_initial(path)


def _anchors(day: str = "2020-01-10", side_sub: str = GOV) -> dict:
    events = [ev("a", side_sub, day, place="a", lat=36.00, lon=37.00), ev("b", side_sub, day, place="b", lat=36.02, lon=37.02)]
    return holdings_at(control_timeline(events), D(2020, 1, 12))


def test_inference_is_flagged_and_decays_with_distance() -> None:
    observed = _anchors()
    near = Settlement("n", "Near", 36.01, 37.01, "A1", "D1")
    far = Settlement("f", "Far", 36.05, 37.05, "A1", "D1")
    out = infer_control(observed, [near, far], D(2020, 1, 12))
    assert out["n"].inferred and out["n"].basis == "inferred" and out["n"].side == "government"
    assert set(out["n"].sources) == {"a", "b"}  # which observations it was spread from
    assert "f" not in out or out["f"].confidence < out["n"].confidence


def test_inference_decays_with_time() -> None:
    observed = _anchors()
    s = Settlement("n", "Near", 36.01, 37.01, "A1", "D1")
    soon = infer_control(observed, [s], D(2020, 1, 12))["n"].confidence
    later = infer_control(observed, [s], D(2020, 3, 1), InferenceParams(min_confidence=0.0))["n"].confidence
    assert later < soon


def test_inference_stays_inside_the_district_and_never_overrides_observation() -> None:
    observed = _anchors()
    other_district = Settlement("o", "Other", 36.01, 37.01, "A1", "D2")
    reported = Settlement("a", "A", 36.0, 37.0, "A1", "D1")
    assert infer_control(observed, [other_district, reported], D(2020, 1, 12)) == {}


def test_conflicting_neighbours_give_low_confidence() -> None:
    events = [ev("a", GOV, "2020-01-10", place="a", lat=36.00, lon=37.00), ev("b", REB, "2020-01-10", place="b", lat=36.02, lon=37.02)]
    observed = holdings_at(control_timeline(events), D(2020, 1, 11))
    between = Settlement("m", "Middle", 36.01, 37.01, "A1", "D1")
    assert infer_control(observed, [between], D(2020, 1, 11)) == {}  # a coin toss is not shown


def test_control_at_draws_areas_and_a_front_between_sides() -> None:
    events = [
        ev("a", GOV, "2020-01-10", place="a", lat=36.00, lon=37.00),
        ev("b", REB, "2020-01-10", place="b", lat=36.00, lon=37.08),
        ev("c", GOV, "2020-01-20", place="b", lat=36.00, lon=37.08),
    ]
    before = control_at(D(2020, 1, 15), events, admin1={"features": []}, infer=False)
    kinds = [f["properties"]["kind"] for f in before["features"]]
    assert kinds.count("area") == 2 and kinds.count("front") == 1 and kinds.count("settlement") == 2
    front = next(f for f in before["features"] if f["properties"]["kind"] == "front")
    xs = [c[0] for c in front["geometry"]["coordinates"]]
    assert all(37.0 < x < 37.08 for x in xs)  # the line runs between the two places
    after = control_at(D(2020, 1, 25), events, admin1={"features": []}, infer=False)
    assert [f["properties"]["kind"] for f in after["features"]].count("front") == 0
    assert {f["properties"]["side"] for f in after["features"] if f["properties"]["kind"] == "settlement"} == {"government"}


def test_areas_are_clipped_to_the_boundaries() -> None:
    square = {"features": [{"geometry": {"type": "Polygon", "coordinates": [[[36.9, 35.9], [37.0, 35.9], [37.0, 36.1], [36.9, 36.1], [36.9, 35.9]]]}}]}
    fc = control_at(D(2020, 1, 15), [ev("a", GOV, "2020-01-10", place="a", lat=36.0, lon=37.0)], admin1=square, infer=False)
    (area,) = [f for f in fc["features"] if f["properties"]["kind"] == "area"]
    xs = [pt[0] for ring in area["geometry"]["coordinates"] for pt in ring]
    assert max(xs) <= 37.0 + 1e-9  # the disc around the place is cut at the boundary edge


class _FakeGazetteer:
    """The two methods control needs from frontline.geo's Gazetteer."""

    def __init__(self, places: list) -> None:
        self.places = places

    def __len__(self) -> int:
        return len(self.places)

    def place(self, i: int):
        return self.places[i]


def test_gazetteer_candidates_are_settlements_near_reported_places() -> None:
    from frontline.control.from_store import gazetteer_candidates
    from frontline.model import Place

    timeline = control_timeline([ev("a", GOV, "2020-01-10", place="a", lat=36.0, lon=37.0)])
    gaz = _FakeGazetteer([
        Place("near", "Near", 36.01, 37.01, "village", admin1="A1", admin2="D1"),
        Place("far", "Far", 37.5, 38.5, "village", admin1="A1", admin2="D1"),
        Place("hill", "Hill", 36.02, 37.02, "hill", admin1="A1", admin2="D1"),
        Place("a", "Already reported", 36.0, 37.0, "town"),
    ])
    cands = gazetteer_candidates(timeline, gaz)
    assert [c.place_id for c in cands] == ["near"]
    inferred = infer_control(holdings_at(timeline, D(2020, 1, 12)), cands, D(2020, 1, 12))
    assert inferred["near"].inferred and inferred["near"].side == "government"
