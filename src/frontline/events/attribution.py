"""Who claims an event, and whether the report hedges it.

War reporting is mostly claims: "according to pro-opposition sources",
"the ministry said", "reportedly".  An analyst needs the claimant next to the
event and a flag that the report itself is unsure.  Cue patterns are data
(``data/events/attribution.yaml``); a source-role actor mention from the
actors stage, when present, names the claimant better than a regex can.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from frontline.events._data import compile_pattern, load_yaml
from frontline.events.prefilter import LiteralPrefilter
from frontline.model import ActorMention

#: Words a capitalised-run claimant must not be (sentence starts, pronouns, …).
_NOT_CLAIMANTS = {"it", "he", "she", "they", "we", "i", "this", "that", "there", "the", "but", "and", "however", "he also", "also"}


@dataclass(frozen=True, slots=True)
class Attribution:
    """The claim reading of one sentence; offsets are into the sentence."""

    claimant: str | None
    hedged: bool
    start: int | None = None
    end: int | None = None
    cues: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _cfg() -> dict[str, Any]:
    return load_yaml("attribution.yaml")


def _clean_claimant(who: str) -> str | None:
    who = who.strip(" \t\n,.;:\"'“”")
    if not who or who.lower() in _NOT_CLAIMANTS or len(who) < 2:
        return None
    return who


@lru_cache(maxsize=1)
def _compiled() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]], LiteralPrefilter]:
    """Hedge and claimant regexes compiled once, with ONE literal pre-filter over both lists.

    Why one: both families are tested on every candidate sentence, and a
    single scan (hedges first, then claimants, in file order) answers for
    both instead of folding and scanning the sentence twice.
    """
    cfg = _cfg()
    hedges = [compile_pattern(p) for p in cfg["hedges"]]
    # Claimant patterns with capitalised runs must stay case-sensitive for the run itself.
    claims = [re.compile(p) if "[A-Z]" in p else compile_pattern(p) for p in cfg["claimant_patterns"]]
    return hedges, claims, LiteralPrefilter([*hedges, *claims])


def _source_claimant(sentence: str, source_mentions: Sequence[ActorMention], offset: int) -> tuple[str, int, int] | None:
    """The first source-role actor mention inside the sentence, as (name, start, end) in sentence offsets."""
    for sm in source_mentions:
        if sm.role == "source" and offset <= sm.start and sm.end <= offset + len(sentence):
            return sm.name or sm.text, sm.start - offset, sm.end - offset
    return None


def find_attribution(sentence: str, source_mentions: Sequence[ActorMention] = (), offset: int = 0) -> Attribution:
    """Claimant and hedging of ``sentence``.

    ``source_mentions`` are actor mentions with role "source" (document
    offsets; ``offset`` is the sentence's start in the document) — they win
    over regex claimants because the actors stage knows canonical names.
    """
    hedges, claims, pre = _compiled()
    n_hedges = len(hedges)
    possible = pre.possible(sentence)  # ascending: the hedges' indices, then the claimants'
    cues = [m.group(0) for i in possible if i < n_hedges for m in hedges[i].finditer(sentence)]
    claimant: str | None = None
    start = end = None
    source = _source_claimant(sentence, source_mentions, offset)
    if source is not None:  # the actors stage's claimant wins; no need to run the claimant patterns
        claimant, start, end = source
    else:
        for i in possible:  # in file order; patterns whose words are absent are skipped
            if i < n_hedges:
                continue
            for m in claims[i - n_hedges].finditer(sentence):
                who = _clean_claimant(m.group("who"))
                if who:
                    claimant, start, end = who, m.start("who"), m.start("who") + len(m.group("who").rstrip(" ,.;:"))
                    break
            if claimant:
                break
    hedged = bool(cues) or claimant is not None
    return Attribution(claimant, hedged, start, end, tuple(cues))


@lru_cache(maxsize=1)
def _sarcasm_cues() -> tuple[list[re.Pattern[str]], LiteralPrefilter]:
    cues = [compile_pattern(p) for p in _cfg()["sarcasm_cues"]]
    return cues, LiteralPrefilter(cues)


def sarcasm_cue(sentence: str) -> bool:
    """The extractor's own sarcasm cues (scare-quoted praise, ironic intensifiers).

    Only the cues whose words occur are tried (one literal scan, exact).
    """
    cues, pre = _sarcasm_cues()
    return any(cues[i].search(sentence) for i in pre.possible(sentence))


def sarcasm_threshold() -> float:
    return float(_cfg()["sarcasm_threshold"])
