"""Date expressions: absolute forms, year inference, relative anchors, ranges, and never inventing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.events.dates import best_date, infer_year, parse_dates

D = dt.date
FEB10 = D(2020, 2, 10)  # a Monday


def one(text: str, anchor: dt.date | None = FEB10):
    exprs = parse_dates(text, anchor)
    assert len(exprs) == 1, exprs
    e = exprs[0]
    assert text[e.start : e.end] == e.text
    return e


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The town fell on 3 February 2020.", D(2020, 2, 3)),
        ("It happened on February 3rd, 2020 at dawn.", D(2020, 2, 3)),
        ("Reported 2020-02-03 by the agency.", D(2020, 2, 3)),
        ("On Feb. 3 the convoy left.", D(2020, 2, 3)),
        ("Tue 04 Feb 2020 Strikes resumed.", D(2020, 2, 4)),
        ("on the 5th of February the road was cut", D(2020, 2, 5)),
        ("On February 6 evening troops moved in.", D(2020, 2, 6)),
    ],
)
def test_absolute_forms(text: str, expected: dt.date) -> None:
    e = one(text)
    assert e.date == expected
    assert e.precision == "day"


def test_year_inference_same_year_and_previous_year() -> None:
    # A January date in a February report is the same year …
    assert one("on January 28 the shelling began", D(2020, 2, 5)).date == D(2020, 1, 28)
    # … a December date in a January report is last year's.
    assert one("on December 19 the offensive began", D(2020, 1, 30)).date == D(2019, 12, 19)
    # A date a few days ahead stays in the anchor's year (planned talks).
    assert infer_year(2, 20, D(2020, 2, 10)) == D(2020, 2, 20)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Yesterday the army advanced.", D(2020, 2, 9), "day"),
        ("Clashes went on last night.", D(2020, 2, 9), "day"),
        ("On Saturday rebels struck back.", D(2020, 2, 8), "day"),
        ("last Monday", D(2020, 2, 3), "day"),
        ("Three days ago a drone hit the road.", D(2020, 2, 7), "day"),
    ],
)
def test_relative_days(text: str, expected: dt.date, precision: str) -> None:
    e = one(text)
    assert (e.date, e.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("text", "rng", "precision"),
    [
        ("During the last few days, the front moved.", (D(2020, 2, 7), FEB10), "range"),
        ("in the past 24 hours", (D(2020, 2, 9), FEB10), "range"),
        ("over the past two weeks", (D(2020, 1, 27), FEB10), "range"),
        ("Fighting this week was heavy.", (FEB10, FEB10), "range"),
        ("last week", (D(2020, 2, 3), D(2020, 2, 9)), "range"),
        ("last month", (D(2020, 1, 1), D(2020, 1, 31)), "month"),
        ("between February 1 and February 7", (D(2020, 2, 1), D(2020, 2, 7)), "range"),
        ("between February 1 and 7", (D(2020, 2, 1), D(2020, 2, 7)), "range"),
        ("from 1 to 5 February", (D(2020, 2, 1), D(2020, 2, 5)), "range"),
        ("since December 19", (D(2019, 12, 19), FEB10), "range"),
        ("in January", (D(2020, 1, 1), D(2020, 1, 31)), "month"),
    ],
)
def test_ranges(text: str, rng: tuple[dt.date, dt.date], precision: str) -> None:
    e = one(text)
    assert e.range == rng
    assert e.precision == precision
    assert e.date == rng[0]


def test_range_across_new_year() -> None:
    e = one("between December 28 and January 3", D(2020, 1, 10))
    assert e.range == (D(2019, 12, 28), D(2020, 1, 3))


def test_unknown_stays_unknown_without_anchor() -> None:
    for text in ("Yesterday the army advanced.", "on February 6", "during the last few days", "this week"):
        e = one(text, None)
        assert e.date is None and e.range is None and e.precision == "unknown"
    # A stated year needs no anchor.
    assert one("on 6 February 2020", None).date == D(2020, 2, 6)


def test_may_as_a_verb_is_not_a_month() -> None:
    assert parse_dates("Rebels may have withdrawn.", FEB10) == []


def test_impossible_day_is_unknown() -> None:
    assert one("on February 31").precision == "unknown"


def test_best_date_prefers_a_day() -> None:
    exprs = parse_dates("Since January 5 the army advanced, and on February 2 it took the hill.", FEB10)
    assert best_date(exprs).date == D(2020, 2, 2)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))))
def test_arbitrary_unicode_never_crashes_and_offsets_are_valid(text: str, anchor: dt.date | None) -> None:
    for e in parse_dates(text, anchor):
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        assert e.precision in ("day", "range", "month", "unknown")
        if e.range is not None:
            assert e.range[0] <= e.range[1]
