"""Actor slots: who acts on whom in one sentence (sentences written for these tests)."""

from __future__ import annotations

from frontline.events.arguments import assign_actors
from frontline.model import ActorMention


def _mention(text: str, surface: str, actor_id: str, side: str) -> ActorMention:
    start = text.index(surface)
    return ActorMention(start, start + len(surface), surface, actor_id, actor_id, side, "state_force", 1, 0.9)


def test_a_mention_holding_the_trigger_is_a_co_agent_not_the_target() -> None:
    text = "Valdorian and Kestrian jets were busy bombing the market town at dawn."
    a = _mention(text, "Valdorian", "va-military", "government")
    b = _mention(text, "Kestrian jets", "ke-military", "government")
    trig = text.index("jets")
    slots = assign_actors(text, [a, b], trig, trig + len("jets"))
    assert slots.actor2 is None
    assert {slots.actor1.actor_id, *(m.actor_id for m in slots.assoc1)} == {"va-military", "ke-military"}


def test_the_target_after_the_trigger_is_still_actor2() -> None:
    text = "Valdorian jets pounded positions of the Red Hand militia."
    a = _mention(text, "Valdorian jets", "va-military", "government")
    b = _mention(text, "Red Hand militia", "red-hand", "opposition")
    trig = text.index("pounded")
    slots = assign_actors(text, [a, b], trig, trig + len("pounded"))
    assert (slots.actor1.actor_id, slots.actor2.actor_id) == ("va-military", "red-hand")


def test_an_agreement_is_coded_only_when_the_sentence_reports_the_act() -> None:
    from frontline.events.arguments import lacks_required_act

    passing = [
        "Observers say neither side respects the Valmora truce.",
        "The minister recalled the northern accord of last spring.",
    ]
    acts = [
        "The two militias signed a truce in Valmora on Sunday.",
        "A ceasefire took effect at noon across the northern districts.",
        "Both sides exchanged 40 prisoners at the river crossing.",
        "Elders brokered a deal between the clans.",
    ]
    assert all(lacks_required_act("Agreement", s) for s in passing)
    assert not any(lacks_required_act("Agreement", s) for s in acts)
    assert not lacks_required_act("Armed clash", passing[0])  # only the listed types need an act
