"""Date regexes: the usual dateline shapes, and no guessing on ambiguous numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from frontline.clean.dates import find_date
from frontline.clean.lexicon import load_cues


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        ("March 3, 2021", dt.date(2021, 3, 3)),
        ("Posted on Sept. 14th, 2019 by Jo", dt.date(2019, 9, 14)),
        ("14 September 2019", dt.date(2019, 9, 14)),
        ("Tue 07 May 2019 10:00 GMT", dt.date(2019, 5, 7)),
        ("Monday, June 01, 2015", dt.date(2015, 6, 1)),
        ("2018-11-02T08:00", dt.date(2018, 11, 2)),
        ("02.11.2018", dt.date(2018, 11, 2)),
        ("11/25/2018", dt.date(2018, 11, 25)),
        ("25/11/2018", dt.date(2018, 11, 25)),
    ],
)
def test_formats(s: str, expected: dt.date) -> None:
    found = find_date(s, load_cues())
    assert found is not None and found.date == expected
    assert s[found.start : found.end].strip()


@pytest.mark.parametrize("s", ["01/02/2020", "in 2020", "February 30, 2020", "on May 5", "call 555-1234"])
def test_no_guess(s: str) -> None:
    assert find_date(s, load_cues()) is None
