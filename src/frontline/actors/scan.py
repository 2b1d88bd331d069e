"""Run the attribution patterns only where they can match, with the same result as ``finditer``.

WHY: the patterns in ``data/actors/sources.yaml`` are case-insensitive
regexes that begin with long word alternations; Python's ``re`` tries them
at every character of a line, which made attribution finding the costliest
step of actor linking.  A pattern's data entry may say which words a match
starts with (``starts``) or which characters a match is made of
(``within``); one Aho-Corasick pass over the lower-cased line then gives the
few positions worth trying.

Exactness: ``finditer`` returns, from position ``p``, the match at the
leftmost start ``s >= p`` where the pattern matches (what ``match(line, s)``
returns), then continues from its end.  Trying ``match`` at a *superset* of
the possible starts in increasing order, skipping starts before the last
match's end, therefore yields the same matches.  ``match`` and ``search``
with ``pos`` see the characters before ``pos`` (look-behinds and ``\\b``
behave as in a whole-line scan).  Lines where ``str.lower`` is not a
faithful stand-in for case-insensitive matching (see
:func:`folded_for_anchors`) fall back to ``finditer``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

import ahocorasick

from frontline.actors.lexicon import Sources

#: Characters that ``re.IGNORECASE`` equates with an ASCII letter although
#: ``str.lower`` does not make them one (dotless i, long s).
_FOLD_SPECIALS = ("ı", "ſ")


def folded_for_anchors(text: str) -> str | None:
    """``text.lower()`` when it can stand in for case-insensitive matching of ASCII words, else None.

    That needs the same offsets (no character lower-cases to two) and none
    of the few characters that match an ASCII letter only case-insensitively
    ("K", the Kelvin sign, lower-cases to "k" and is fine).
    """
    low = text.lower()
    if text.isascii():
        return low
    if len(low) != len(text) or any(c in text for c in _FOLD_SPECIALS):
        return None
    return low


class AnchoredPatterns:
    """The attribution patterns of a :class:`Sources`, with their start words in one automaton."""

    def __init__(self, src: Sources) -> None:
        self.src = src
        n = len(src.patterns)
        self.requires = src.requires or (None,) * n
        self.starts = src.starts or (None,) * n
        self.within = src.within or (None,) * n
        self.literals = src.requires_literal or (None,) * n
        if not all(w.isascii() for first in self.starts for w in first or ()):
            # case-insensitive matching of a non-ASCII word is not what str.lower gives
            self.starts = (None,) * n
        words: dict[str, list[int]] = {}
        for i, first in enumerate(self.starts):
            for w in first or ():
                words.setdefault(w, []).append(i)
        self._auto: ahocorasick.Automaton | None = None
        if words:
            auto = ahocorasick.Automaton()
            for w, idx in words.items():
                auto.add_word(w, (len(w), tuple(idx)))
            auto.make_automaton()
            self._auto = auto

    def finditer(self, line: str) -> Iterator[tuple[int, re.Match[str]]]:
        """(pattern index, match) for every pattern, as ``rx.finditer(line)`` would give them."""
        low = folded_for_anchors(line)
        fast = low is not None
        low = low if low is not None else ""
        starts_at: dict[int, list[int]] = {}
        if fast and self._auto is not None:
            for end, (size, idx) in self._auto.iter(low):
                for i in idx:
                    starts_at.setdefault(i, []).append(end - size + 1)
        for i, rx in enumerate(self.src.patterns):
            literal = self.literals[i]
            if fast and literal is not None and literal not in low:
                continue
            need = self.requires[i]
            if not fast or (self.starts[i] is None and self.within[i] is None):
                if need is not None and need.search(line) is None:
                    continue
                for m in rx.finditer(line):
                    yield i, m
            elif self.starts[i] is not None:
                # no ``requires`` scan here: trying the few start positions is cheaper
                cands = starts_at.get(i)
                if not cands:
                    continue
                yield from ((i, m) for m in match_at(rx, line, sorted(set(cands))))
            else:
                yield from ((i, m) for m in _search_runs(rx, line, low, literal, self.within[i]))


def _search_runs(
    rx: re.Pattern[str], line: str, low: str, literal: str | None, breaks: re.Pattern[str] | None
) -> Iterator[re.Match[str]]:
    """``rx.finditer(line)`` when every match lies in a run without ``breaks`` and contains ``literal``.

    Such a run is bounded by break characters (or the line ends), which are
    not word characters, so ``\\b`` and look-arounds at its edges answer as
    in the whole line; searching with ``pos``/``endpos`` set to the run is
    then exact.
    """
    if literal is None or breaks is None:
        yield from rx.finditer(line)
        return
    cuts = [m.start() for m in breaks.finditer(line)]
    done = -1
    pos = low.find(literal)
    while pos >= 0:
        k = bisect_right(cuts, pos)
        run_start = cuts[k - 1] + 1 if k else 0
        run_end = cuts[k] if k < len(cuts) else len(line)
        if run_start > done:
            yield from rx.finditer(line, run_start, run_end)
            done = run_start
        pos = low.find(literal, run_end)


class Keywords:
    """One Aho-Corasick automaton over literal keywords, each in one or more named groups.

    ``positions(text)`` gives, per group, the sorted start offsets of every
    occurrence (overlapping ones too, inside words too): a superset of where
    a regex beginning with one of those literals can match, for
    :func:`match_at`.
    """

    def __init__(self, groups: dict[str, Iterable[str]]) -> None:
        words: dict[str, set[str]] = {}
        for name, literals in groups.items():
            for w in literals:
                words.setdefault(w, set()).add(name)
        self.groups = tuple(groups)
        self._auto: ahocorasick.Automaton | None = None
        if words:
            auto = ahocorasick.Automaton()
            for w, names in words.items():
                auto.add_word(w, (len(w), tuple(sorted(names))))
            auto.make_automaton()
            self._auto = auto

    def positions(self, text: str) -> dict[str, list[int]]:
        out: dict[str, set[int]] = {}
        if self._auto is not None:
            for end, (size, names) in self._auto.iter(text):
                for name in names:
                    out.setdefault(name, set()).add(end - size + 1)
        return {k: sorted(v) for k, v in out.items()}


def match_at(
    rx: re.Pattern[str], text: str, cands: Iterable[int], pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text, pos, endpos)`` given a sorted superset of the positions where a match may start."""
    end = len(text) if endpos is None else endpos
    last = pos
    for p in cands:
        if p < last:
            continue
        if p >= end:
            break
        m = rx.match(text, p, end)
        if m is not None:
            if m.end() == m.start():  # finditer's empty-match stepping is not modelled
                yield from rx.finditer(text, p, end)
                return
            yield m
            last = m.end()
