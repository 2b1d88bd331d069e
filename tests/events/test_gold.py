"""The hand-coded gold set is well formed; the full event evaluation is the slow tier."""

from __future__ import annotations

import datetime as dt

import pytest

from frontline.events.gold import evaluate_gold, load_articles, load_gold
from frontline.events.typology import sub_event_types


def test_gold_file_is_valid(eval_path) -> None:
    gold = load_gold()
    articles = gold["articles"]
    assert 15 <= len(articles) <= 25
    rows = load_articles({a["id"] for a in articles})
    assert len(rows) == len(articles)
    for art in articles:
        for ev in art["events"]:
            assert ev["sub_event_type"] in sub_event_types()
            assert ev["quote"] in rows[art["id"]]["text"]
            assert ("date" in ev) != ("date_range" in ev)
            if "date_range" in ev:
                lo, hi = ev["date_range"]
                assert isinstance(lo, dt.date) and lo <= hi


@pytest.mark.slow
def test_event_extraction_gate(eval_path) -> None:
    """Floors a few points under the measured scores (docs/events.md); move them only deliberately."""
    res = evaluate_gold()
    assert res["stages_skipped"] == []
    assert res["recall"] >= 0.70
    assert res["precision"] >= 0.50
    assert res["type_accuracy"] >= 0.70
    assert res["date_accuracy"] >= 0.75
