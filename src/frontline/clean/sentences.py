"""A fast rule-based sentence splitter with offsets.

pysbd gives good boundaries but costs ~30 ms for an 800-word report (about
33 documents/second), far below the stage's budget of well over 200
documents/second on one core.  This splitter makes one regex pass: a
boundary is ``.``/``!``/``?`` (plus closing quotes/brackets) followed by
whitespace and a capital, digit or opening quote, unless the word before the
period is a known abbreviation (``data/clean/abbreviations.yaml``), a single
initial ("J. Smith") or "No." before a number.  Its agreement with pysbd is
measured in ``tests/clean/test_sentences.py`` and reported in docs/clean.md.
"""

from __future__ import annotations

import re

from frontline.model import Span

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9\u00c0-\u024f\u0600-\u06ff])")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")


def split_sentences(text: str, start: int, end: int, abbreviations: frozenset[str]) -> list[Span]:
    """Sentences of ``text[start:end]`` as trimmed spans in document offsets."""
    out: list[Span] = []
    seg = text[start:end]
    cur = 0
    for m in _BOUNDARY.finditer(seg):
        if m.group(0)[0] == "." and _is_abbreviation(seg, m.start(), m.end(), abbreviations):
            continue
        _emit(text, start + cur, start + m.end(), out)
        cur = m.end()
    _emit(text, start + cur, end, out)
    return out


def _is_abbreviation(seg: str, dot: int, after: int, abbreviations: frozenset[str]) -> bool:
    wm = _WORD_BEFORE.search(seg, max(0, dot - 40), dot)
    if not wm:
        return False
    word = wm.group(1).lower().strip("'’-")
    if word in abbreviations:
        return True
    if len(word) == 1 and word.isalpha() and seg[wm.start()].isupper():
        return True  # an initial: "J. Smith", "U. N."
    if "." in word and all(len(p) <= 2 for p in word.split(".") if p):
        return True  # "u.s", "e.g", "a.m"
    nxt = seg[after:].lstrip()[:1]
    return word == "no" and nxt.isdigit()


def _emit(text: str, s: int, e: int, out: list[Span]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s < e:
        out.append(Span(s, e, "sentence"))
