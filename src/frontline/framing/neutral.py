"""Neutral wording: replace loaded words of war reporting by neutral ones.

Event notes must not adopt either side's vocabulary: a village is
"captured", not "liberated" or "occupied"; fighters are "armed groups" (or
the group's own name when the caller knows it), the government is the
"government", not "the regime".  The replacements are in the lexicon
(``frontline/data/framing/lexicon.yaml``); this module applies them,
keeping the original wording beside each replacement so the note can show
both.
"""

from __future__ import annotations

from frontline.framing.lexicon import LexHit, Lexicon, load_lexicon, normalise
from frontline.framing.tokens import TOKEN_RE

#: Neutral value meaning "drop the word" (bare moral adjectives).
DROP = "-"


def _previous_token(low: str, pos: int) -> str:
    toks = TOKEN_RE.findall(low[max(0, pos - 40) : pos])
    return toks[-1] if toks else ""


def _match_case(original: str, neutral: str) -> str:
    if neutral and original[:1].isupper() and not neutral[:1].isupper():
        return neutral[0].upper() + neutral[1:]
    return neutral


def neutral_for(hit: LexHit, text: str, low: str, lexicon: Lexicon, group: str | None = None) -> str | None:
    """The neutral wording for one lexicon hit, or None when the lexicon has none.

    ``""`` means the word is dropped.
    """
    e = hit.entry
    if not e.neutral:
        return None
    if group and e.actor_label == "armed_group" and e.neutral not in ("armed", DROP):
        return group
    neutral = e.neutral
    if e.counted:
        prev = _previous_token(low, hit.start)
        if prev.isdigit() or prev.replace(",", "").isdigit() or prev in lexicon.quantity_words:
            neutral = e.counted
    if neutral == DROP:
        return ""
    return _match_case(text[hit.start : hit.end], neutral)


def neutral_terms(text: str, group: str | None = None, lexicon: Lexicon | None = None
                  ) -> list[tuple[int, int, str, str]]:
    """``(start, end, original, neutral)`` for every loaded term with a neutral wording.

    ``neutral`` is ``""`` where the term is simply dropped (moral adjectives).
    ``group`` (e.g. an actor's canonical name) replaces generic labels of
    armed groups ("terrorists", "militants").
    """
    lexicon = lexicon or load_lexicon()
    low = normalise(text)
    out = []
    for hit in lexicon.find(text, low=low):
        n = neutral_for(hit, text, low, lexicon, group)
        if n is not None:
            out.append((hit.start, hit.end, text[hit.start : hit.end], n))
    return out


def neutralize(text: str, group: str | None = None, lexicon: Lexicon | None = None) -> str:
    """``text`` with every loaded term replaced by its neutral wording.

    >>> neutralize("Troops liberated the town from the terrorists.")
    'Troops captured the town from the armed groups.'
    """
    pieces = []
    pos = 0
    for a, b, _orig, neutral in neutral_terms(text, group, lexicon):
        if a < pos:
            continue
        if not neutral and not (text[b : b + 1] == " " and text[b + 1 : b + 2].isalnum()):
            continue  # only an adjective before a word is dropped ("it was brutal." stays)
        pieces.append(text[pos:a])
        if neutral:
            pieces.append(neutral)
            pos = b
        else:  # drop the word and the space after it ("the brutal attack")
            pos = b + 1
    pieces.append(text[pos:])
    return "".join(pieces)
