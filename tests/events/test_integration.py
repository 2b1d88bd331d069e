"""The real per-document pipeline (clean → geo → actors → framing → events) on a report written for this test."""

from __future__ import annotations

import datetime as dt

from frontline.model import Document
from frontline.pipeline import run_stages, select

REPORT = """Army advances in southern Idlib

March 3, 2020

Syrian government forces captured the villages of Kafr Nabl and Hass on Monday, according to pro-government media.

Russian warplanes bombed Ariha on Tuesday, killing three civilians, the Syrian Observatory for Human Rights said.
"""


def test_full_pipeline_on_an_unseen_report() -> None:
    doc = run_stages(Document("integ-1", "h", "mem", REPORT), select())
    assert doc.publication_date == dt.date(2020, 3, 3)
    by_type = {e.sub_event_type: e for e in doc.events}
    takeover = by_type["Government regains territory"]
    assert takeover.event_date == dt.date(2020, 3, 2)
    assert takeover.actor1 and "Syria" in takeover.actor1
    assert takeover.attribution == "pro-government media" and takeover.hedged
    strike = by_type["Air/drone strike"]
    assert strike.event_date == dt.date(2020, 3, 3)
    assert strike.fatalities == 3
    assert strike.actor1 and "Russia" in strike.actor1
    assert strike.location and strike.geo_precision in (1, 2, 3)  # place-level once geo resolves the town
    for e in doc.events:
        for s in e.sources:
            assert doc.text[s.start : s.end] == s.quote
            assert doc.in_body(s.start, s.end)
