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

#: Sentence-final punctuation: every boundary starts with one of these.
_FINAL_PUNCT = ".!?…"
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9\u00c0-\u024f\u0600-\u06ff])")


def punct_positions(seg: str) -> list[int]:
    """Sorted offsets of the sentence-final punctuation characters in ``seg``.

    ``str.find`` jumps from one to the next at memchr speed; ``re`` cannot
    scan for a character class that fast (it tests every character), and the
    boundary pattern is only worth trying where one of these characters is.
    """
    out: list[int] = []
    for ch in _FINAL_PUNCT:
        i = seg.find(ch)
        while i >= 0:
            out.append(i)
            i = seg.find(ch, i + 1)
    out.sort()
    return out


def boundaries(seg: str) -> list[re.Match[str]]:
    """The matches of the boundary pattern in ``seg``, exactly as ``finditer`` gives them.

    A match starts with a punctuation character, so trying the pattern only
    at those offsets (skipping any inside the previous match) finds the same
    leftmost, non-overlapping matches.
    """
    out: list[re.Match[str]] = []
    done = 0
    match = _BOUNDARY.match
    for pos in punct_positions(seg):
        if pos < done:
            continue
        m = match(seg, pos)
        if m is not None:
            out.append(m)
            done = m.end()
    return out


def split_sentences(text: str, start: int, end: int, abbreviations: frozenset[str]) -> list[Span]:
    """Sentences of ``text[start:end]`` as trimmed spans in document offsets."""
    out: list[Span] = []
    seg = text[start:end]
    cur = 0
    for m in boundaries(seg):
        if seg[m.start()] == "." and _is_abbreviation(seg, m.start(), m.end(), abbreviations):
            continue
        _emit(text, start + cur, start + m.end(), out)
        cur = m.end()
    _emit(text, start + cur, end, out)
    return out


#: Characters of the "word" before a period, besides letters and digits (``[\w.'’-]``).
_WORD_EXTRA = frozenset("_.'’-")
#: How far back the word before a period may start.
WORD_WINDOW = 40


def word_before(seg: str, dot: int) -> str | None:
    r"""The run of word characters (``[\w.'’-]``) that ends right before ``seg[dot]``.

    At most :data:`WORD_WINDOW` characters long; None if there is none.  A
    backward scan over a few characters, where a regex anchored at the end
    (``[\w.'’-]+$``) would be tried from every one of the 40 positions.  As
    with that regex, a newline right before the period is skipped (``$``
    matches before a final newline).
    """
    lo = max(0, dot - WORD_WINDOW)
    end = dot - 1 if dot > lo and seg[dot - 1] == "\n" else dot
    p = end
    while p > lo:
        ch = seg[p - 1]
        if not (ch.isalnum() or ch in _WORD_EXTRA):
            break
        p -= 1
    return seg[p:end] if p < end else None


def _is_abbreviation(seg: str, dot: int, after: int, abbreviations: frozenset[str]) -> bool:
    found = word_before(seg, dot)
    if not found:
        return False
    word = found.lower().strip("'’-")
    if word in abbreviations:
        return True
    if len(word) == 1 and word.isalpha() and found[0].isupper():
        return True  # an initial: "J. Smith", "U. N."
    if "." in word and all(len(p) <= 2 for p in word.split(".") if p):
        return True  # "u.s", "e.g", "a.m"
    return word == "no" and seg[after:].lstrip()[:1].isdigit()  # "No. 5"


def _emit(text: str, s: int, e: int, out: list[Span]) -> None:
    """Append ``text[s:e]`` without its outer whitespace, unless nothing is left."""
    chunk = text[s:e]
    body = chunk.lstrip()
    if body:
        out.append(Span(e - len(body), e - (len(body) - len(body.rstrip())), "sentence"))
