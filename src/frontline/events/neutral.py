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


@lru_cache(maxsize=1)
def _table() -> list[tuple[re.Pattern[str], str]]:
    data = load_yaml("neutral.yaml")
    items = sorted(data.items(), key=lambda kv: len(kv[0]), reverse=True)
    return [(re.compile(rf"\b{re.escape(k)}\b", re.IGNORECASE), v or "") for k, v in items]


def own_neutralize(text: str) -> str:
    """Replace loaded phrases using the events area's table; tidy the spacing."""
    for rx, repl in _table():
        text = rx.sub(repl, text)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s+([,.;:])", r"\1", text).strip()


def neutralize(text: str) -> str:
    """Neutral wording of ``text``: ``frontline.framing.neutralize`` if available, then our table."""
    try:
        from frontline.framing import neutralize as framing_neutralize  # type: ignore[attr-defined]
    except ImportError:
        return own_neutralize(text)
    with contextlib.suppress(ValueError, TypeError, KeyError):  # a bad rewrite must not lose the event
        text = framing_neutralize(text)
    return own_neutralize(text)  # our table too: it covers event verbs the framing lexicon may not
