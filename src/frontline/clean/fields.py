"""Turn a matched stretch of text into a clean field value plus its span.

Pasted pages keep their markup: ``By [Jane Doe](#)``, ``**[Outlet](https://…)**``.
The field value must be the clean name (``Jane Doe``) while the evidence span
covers the whole token as it stands in the text, so the map can highlight
exactly what the reader sees.  :func:`clean_name` does both.
"""

from __future__ import annotations

import re

from frontline.model import Span

_MD_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\([^()\s]{0,500}\)")
_ANGLE_URL = re.compile(r"<(https?://[^>\s]+)>")
_EDGE = " \t\u00a0*_\"'“”‘’`:;,.|-–—()[]<>"
# Trailing detail that is not part of a name: "Jane Doe, January 30, 2020", "Jane Doe | Outlet".
_NAME_END = re.compile(r"\s*(?:[|•·]|\s[-–—]\s|,\s*(?:\d|(?:updated|published|posted)\b))", re.IGNORECASE)


def clean_name(text: str, start: int, end: int, *, cut_detail: bool = True) -> tuple[str, Span] | None:
    """Clean value and span for the name in ``text[start:end]``; None if empty.

    The span is shrunk to the name's token (markup kept, surrounding
    punctuation and whitespace dropped); the value has markdown links
    reduced to their label.  With ``cut_detail`` a trailing "| …", " - …" or
    ", <date>" is cut off.
    """
    seg = text[start:end]
    if cut_detail:
        m = _NAME_END.search(seg)
        if m and m.start() > 0:
            end = start + m.start()
            seg = text[start:end]
    # Shrink to the first markdown link if the stretch holds one and nothing but markup around it.
    link = _MD_LINK.search(seg)
    if link:
        before = seg[: link.start()].strip(_EDGE)
        if not before:
            # Keep following links joined by commas/and ("[A](#), [B](#)") only for the first name.
            value = link.group(1).strip(_EDGE)
            s = start + link.start()
            e = start + link.end()
            # Extend over bold/italic markers that wrap the link.
            while s > start and text[s - 1] in "*_":
                s -= 1
            while e < end and text[e] in "*_":
                e += 1
            return (value, Span(s, e)) if value else None
    seg_value = _ANGLE_URL.sub(lambda m: m.group(1), seg)
    s, e = start, end
    while s < e and text[s] in _EDGE:
        s += 1
    while e > s and text[e - 1] in _EDGE:
        e -= 1
    if s >= e:
        return None
    value = seg_value.strip(_EDGE)
    value = re.sub(r"\s+", " ", value)
    return (value, Span(s, e)) if value else None


def plausible_name(value: str, max_words: int = 8) -> bool:
    """A byline/outlet value should be a short name, not a sentence."""
    words = value.split()
    if not words or len(words) > max_words or len(value) > 80:
        return False
    return any(ch.isalpha() for ch in value)
