"""Actor slots: who acts on whom in one sentence (sentences written for these tests)."""

from __future__ import annotations

from frontline.events.arguments import assign_actors
from frontline.model import ActorMention


def _slots(text: str, trigger: str, *actors: tuple[str, str, str]):
    """``assign_actors`` on ``text`` with mentions (surface, actor id, side) and the trigger word."""
    mentions = []
    for surface, actor_id, side in actors:
        start = text.index(surface)
        mentions.append(ActorMention(start, start + len(surface), surface, actor_id, actor_id, side, "state_force", 1, 0.9))
    trig = text.index(trigger)
    return assign_actors(text, mentions, trig, trig + len(trigger))


def test_a_mention_holding_the_trigger_is_a_co_agent_not_the_target() -> None:
    slots = _slots(
        "Valdorian and Kestrian jets were busy bombing the market town at dawn.",
        "jets",
        ("Valdorian", "va-military", "government"),
        ("Kestrian jets", "ke-military", "government"),
    )
    assert slots.actor2 is None
    assert {slots.actor1.actor_id, *(m.actor_id for m in slots.assoc1)} == {"va-military", "ke-military"}


def test_the_target_after_the_trigger_is_still_actor2() -> None:
    slots = _slots(
        "Valdorian jets pounded positions of the Red Hand militia.",
        "pounded",
        ("Valdorian jets", "va-military", "government"),
        ("Red Hand militia", "red-hand", "opposition"),
    )
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
