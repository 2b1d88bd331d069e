"""Tokens and sentences for the framing models, as offsets into the text.

The learned tagger and the technique classifier must see exactly the same
tokens at training and at run time, so tokenisation lives here, once.  It is
a single compiled regular expression (C speed) because ``frame_document``
has to keep up with hundreds of reports per second on one core; sentence
breaks are decided on the token stream (a newline between tokens, or a
terminal punctuation token), which works both for the one-sentence-per-line
propaganda corpus and for free-running report text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import numpy as np

#: Words (with inner hyphens/apostrophes) or single non-space symbols.
TOKEN_RE = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
_TERMINAL = frozenset({".", "!", "?"})
_SPLIT_RE = re.compile("(" + TOKEN_RE.pattern + ")")
_NEWLINE_RE = re.compile(r"\n")
_QUOTES = frozenset({'"', "“", "”", "«", "»", "„"})


@dataclass(slots=True)
class Tokens:
    """Tokens of one text: surface strings, offsets, and sentence ids."""

    words: list[str]
    starts: np.ndarray  # int64, character offsets
    ends: np.ndarray
    sent: np.ndarray  # sentence index of each token

    def __len__(self) -> int:
        return len(self.words)

    def take(self, mask: np.ndarray) -> Tokens:
        """The tokens where ``mask`` is true, keeping their offsets and sentence ids.

        Used to tag only the sentences the gate lets through: sentence ids
        stay those of the full text, so features that look at the sentence
        (position, title line) and decoding (no span across a sentence
        break) see the same values as on the whole text.
        """
        idx = np.flatnonzero(mask)
        return Tokens([self.words[i] for i in idx.tolist()], self.starts[idx], self.ends[idx], self.sent[idx])

    def sentence_bounds(self) -> list[tuple[int, int]]:
        """``(first_token, last_token_exclusive)`` of each sentence."""
        if not self.words:
            return []
        change = np.flatnonzero(np.diff(self.sent)) + 1
        cuts = [0, *change.tolist(), len(self.words)]
        return list(itertools.pairwise(cuts))


def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Tokenise ``text[start:end]`` keeping offsets into the full ``text``."""
    hi = len(text) if end is None else end
    # Every non-space character belongs to a token, so splitting on tokens
    # gives [space, token, space, token, …, space]: one flat list that tiles
    # the range, and offsets are cumulative lengths (no Match objects).
    parts = _SPLIT_RE.split(text[start:hi])
    words = parts[1::2]
    if not words:
        empty = np.zeros(0, dtype=np.int64)
        return Tokens([], empty, empty.copy(), empty.copy())
    lens = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    ends = start + np.cumsum(lens)[1::2]
    starts = ends - lens[1::2]
    # A sentence ends at a newline between two tokens or after . ! ? (unless
    # the next token is a closing quote, which then ends it).
    newlines = np.asarray([m.start() for m in _NEWLINE_RE.finditer(text, start, hi)], dtype=np.int64)
    gap_has_newline = np.searchsorted(newlines, ends[:-1]) < np.searchsorted(newlines, starts[1:])
    is_terminal = np.fromiter(map(_TERMINAL.__contains__, words), dtype=bool, count=len(words))
    is_closer = is_terminal | np.fromiter(map(_QUOTES.__contains__, words), dtype=bool, count=len(words))
    brk = np.zeros(len(words), dtype=np.int64)
    brk[1:] = gap_has_newline | (is_terminal[:-1] & ~is_closer[1:])
    return Tokens(words, starts, ends, np.cumsum(brk))


def concat(parts: list[Tokens]) -> Tokens:
    """Tokens of several regions as one stream; a region never shares a sentence with another.

    Lets the models run once per document instead of once per reader comment.
    """
    parts = [p for p in parts if len(p)]
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return Tokens([], empty, empty.copy(), empty.copy())
    sents = []
    base = 0
    for p in parts:
        sents.append(p.sent + base)
        base += int(p.sent[-1]) + 1
    return Tokens(
        [w for p in parts for w in p.words],
        np.concatenate([p.starts for p in parts]),
        np.concatenate([p.ends for p in parts]),
        np.concatenate(sents),
    )
