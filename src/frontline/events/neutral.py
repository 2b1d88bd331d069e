"""Event notes in neutral words.

The note is what an analyst reads in a table, so loaded wording ("liberated",
"terrorists") is replaced; the original words stay in the evidence quote.
The framing module's ``neutralize`` is preferred when it exists (it knows more
loaded language); otherwise a small table (``data/events/neutral.yaml``).
"""

from __future__ import annotations

import contextlib
import re
from functools import lru_cache

from frontline.events._data import load_yaml
from frontline.events.prefilter import LiteralPrefilter


@lru_cache(maxsize=1)
def _table() -> list[tuple[re.Pattern[str], str]]:
    data = load_yaml("neutral.yaml")
    items = sorted(data.items(), key=lambda kv: len(kv[0]), reverse=True)
    return [(re.compile(rf"\b{re.escape(k)}\b", re.IGNORECASE), v or "") for k, v in items]


@lru_cache(maxsize=1)
def _prefilter() -> LiteralPrefilter:
    return LiteralPrefilter([rx for rx, _r in _table()])


_SPACES = re.compile(r"\s+")
_SPACE_PUNCT = re.compile(r"\s+([,.;:])")


def own_neutralize(text: str) -> str:
    """Replace loaded phrases using the events area's table; tidy the spacing.

    Replacements apply in table order, each to the previous one's result;
    only phrases that occur are tried (one literal scan), and the scan is
    redone after a replacement since the new words could contain a later
    phrase.
    """
    table, pre = _table(), _prefilter()
    todo = pre.possible(text)
    k = 0
    while k < len(todo):
        i = todo[k]
        rx, repl = table[i]
        text, n = rx.subn(repl, text)
        k += 1
        if n:
            todo = [j for j in pre.possible(text) if j > i]
            k = 0
    text = _SPACES.sub(" ", text)
    return _SPACE_PUNCT.sub(r"\1", text).strip()


def neutralize(text: str) -> str:
    """Neutral wording of ``text``: ``frontline.framing.neutralize`` if available, then our table."""
    try:
        from frontline.framing import neutralize as framing_neutralize  # type: ignore[attr-defined]
    except ImportError:
        return own_neutralize(text)
    with contextlib.suppress(ValueError, TypeError, KeyError):  # a bad rewrite must not lose the event
        text = framing_neutralize(text)
    return own_neutralize(text)  # our table too: it covers event verbs the framing lexicon may not
