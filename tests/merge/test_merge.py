"""Cross-report merge: same type + place + compatible dates → one event with all sources."""

from __future__ import annotations

import datetime as dt

from frontline.merge import compatible_dates, merge_events, merged_event_id, same_place
from frontline.model import Event, Evidence

D = dt.date


def ev(doc: str, sub: str = "Air/drone strike", place: str | None = "local:a", lat: float = 35.0, lon: float = 36.0,
       day: dt.date | None = D(2020, 2, 6), rng: tuple[dt.date, dt.date] | None = None, fat: int = 0,
       fat_text: str | None = None, outlet: str | None = None, location: str = "A") -> Event:
    e = Event(
        event_id=f"ev-{doc}-{sub}", event_type="Explosions/Remote violence", sub_event_type=sub,
        event_date=day, date_precision="day" if day else "unknown", date_range=rng or ((day, day) if day else None),
        location=location, latitude=lat, longitude=lon, place_id=place, fatalities=fat,
        fatalities_min=fat if fat_text else None, fatalities_max=fat if fat_text else None, fatalities_text=fat_text,
        notes=f"note from {doc}",
    )
    e.sources = [Evidence(doc, 0, 10, "quote", outlet or doc)]
    return e


def test_original_and_republication_are_one_event_with_one_independent_source() -> None:
    merged = merge_events({"orig": [ev("orig")], "repub": [ev("repub")]}, {"orig": "c1", "repub": "c1"})
    (m,) = merged
    assert {s.document_id for s in m.sources} == {"orig", "repub"}
    assert m.independent_sources == 1


def test_two_independent_reports_count_twice() -> None:
    (m,) = merge_events({"a": [ev("a")], "b": [ev("b")]}, {"a": "c1", "b": "c2"})
    assert m.independent_sources == 2


def test_conflicting_figures_become_a_range_and_both_claims_are_kept() -> None:
    (m,) = merge_events(
        {"a": [ev("a", fat=12, fat_text="12", outlet="Outlet A")], "b": [ev("b", fat=30, fat_text="30", outlet="Outlet B")]},
        {"a": "c1", "b": "c2"},
    )
    assert m.fatalities == 12  # ACLED: the most conservative figure
    assert (m.fatalities_min, m.fatalities_max) == (12, 30)
    assert "Outlet A" in m.notes and "Outlet B" in m.notes and "'30'" in m.notes


def test_different_type_place_or_date_stay_apart() -> None:
    events = {
        "a": [ev("a")],
        "b": [ev("b", sub="Shelling/artillery/missile attack")],
        "c": [ev("c", place="local:far", lat=35.5)],
        "d": [ev("d", day=D(2020, 2, 20))],
    }
    assert len(merge_events(events, {})) == 4


def test_nearby_coordinates_count_as_the_same_place() -> None:
    a, b = ev("a", place="gn:1"), ev("b", place="gn:2", lat=35.01)  # ~1 km apart
    assert same_place(a, b)
    assert not same_place(a, ev("c", place="gn:3", lat=35.2))


def test_a_range_is_compatible_with_a_day_inside_it_and_the_day_wins() -> None:
    week = ev("a", day=D(2020, 2, 1), rng=(D(2020, 2, 1), D(2020, 2, 7)))
    week.date_precision = "range"
    day = ev("b", day=D(2020, 2, 6))
    assert compatible_dates(week, day)
    (m,) = merge_events({"a": [week], "b": [day]}, {})
    assert m.event_date == D(2020, 2, 6) and m.date_precision == "day"


def test_unknown_dates_only_match_unknown_dates() -> None:
    assert not compatible_dates(ev("a", day=None), ev("b"))
    assert compatible_dates(ev("a", day=None), ev("b", day=None))


def test_events_of_one_document_are_not_merged_with_each_other_and_ids_stay_unique() -> None:
    merged = merge_events({"a": [ev("a"), ev("a")]}, {})
    assert len(merged) == 2
    assert len({e.event_id for e in merged}) == 2


def test_ids_are_deterministic_and_order_independent() -> None:
    x = merge_events({"a": [ev("a")], "b": [ev("b")]}, {})
    y = merge_events({"b": [ev("b")], "a": [ev("a")]}, {})
    assert [e.event_id for e in x] == [e.event_id for e in y]
    assert x[0].event_id == merged_event_id("Air/drone strike", "local:a", (D(2020, 2, 6), D(2020, 2, 6)))
    assert merged_event_id("Air/drone strike", "local:a", None) != x[0].event_id
