"""Claimants and hedges, written on sentences of our own."""

from __future__ import annotations

import pytest

from frontline.events.attribution import find_attribution, sarcasm_cue
from frontline.model import ActorMention


def test_according_to_names_the_claimant() -> None:
    a = find_attribution("According to pro-government media, the hill was taken overnight.")
    assert a.claimant == "pro-government media"
    assert a.hedged


def test_x_said_names_the_claimant_with_offsets() -> None:
    s = "The Regional Health Directorate said eleven patients were killed."
    a = find_attribution(s)
    assert a.claimant == "The Regional Health Directorate"
    assert s[a.start : a.end] == a.claimant
    assert a.hedged


@pytest.mark.parametrize("s", [
    "Militants reportedly withdrew from the dam.",
    "The depot was allegedly struck twice.",
    "Reports appeared that the bridge was blown up.",
    "It remains unclear who fired the rockets.",
    "The convoy may have been hit by a drone.",
    "The airport was apparently shelled.",
])
def test_hedges_without_claimant(s: str) -> None:
    a = find_attribution(s)
    assert a.hedged
    assert a.claimant is None


def test_plain_statement_is_not_hedged() -> None:
    a = find_attribution("Troops entered the town at dawn.")
    assert a == find_attribution("Troops entered the town at dawn.")
    assert not a.hedged and a.claimant is None


def test_source_mention_from_actors_stage_wins() -> None:
    s = "Activists said 4 people died, the Monitor Network reported."
    start = s.index("the Monitor Network")
    m = ActorMention(100 + start, 100 + start + 19, "the Monitor Network", "monitor", name="Monitor Network", role="source")
    a = find_attribution(s, [m], offset=100)
    assert a.claimant == "Monitor Network"
    assert (a.start, a.end) == (start, start + 19)


def test_own_sarcasm_cues() -> None:
    assert sarcasm_cue('The "moderate" rebels shelled the school again.')
    assert not sarcasm_cue("The rebels shelled the school again.")
