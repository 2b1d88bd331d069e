"""Normalised word shingles, hashed to 32-bit integers.

Republications differ from their original in ways that should not matter:
case, punctuation, quote styles, accents, doubled letters in transliterated
names ("Ghazzal"/"Ghazal").  Normalising each word before shingling absorbs
those, so a shingle only breaks on a real word change.  Each remaining typo
breaks at most ``k`` shingles, which the thresholds tolerate.

Hashing is done per word with ``zlib.crc32`` (stable across processes, unlike
``hash()``), and the k word hashes of a shingle are mixed with numpy, so a
100k-document corpus is hashed without a Python call per shingle.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Callable

import numpy as np

#: Words: runs of letters/digits (underscore excluded).  Punctuation is dropped.
WORD = re.compile(r"[^\W_]+")
#: A letter repeated (e.g. "aa", "rr"): collapsed, a common transliteration variant.
_REPEAT = re.compile(r"(\w)\1+")

_MIX1 = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)
_MIX3 = np.uint64(0x94D049BB133111EB)


#: Runs of non-ASCII characters: the only places a combining mark can be.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _drop_marks(run: re.Match[str]) -> str:
    return "".join(c for c in run.group() if not unicodedata.combining(c))


def _fold(text: str) -> str:
    """Lower-case and strip accents (NFKD, then every combining mark removed).

    Typographic quotes make most news texts non-ASCII, but their non-ASCII
    characters are few: marks are looked for in those runs only, where a
    per-character table over the whole text was most of the fingerprinting time.
    """
    text = text.lower()
    if text.isascii():
        return text
    return _NON_ASCII.sub(_drop_marks, unicodedata.normalize("NFKD", text))


def normalise_text(text: str) -> str:
    """Lower-case, strip accents and collapse repeated letters (whole text at once)."""
    return _REPEAT.sub(r"\1", _fold(text))


#: Each distinct folded word with its repeated letters collapsed (see :func:`words`).
_COLLAPSED: dict[str, str] = {}


#: Normalised form of each distinct word seen (news vocabularies are small and repetitive).
_NORMALISED: dict[str, str] = {}
_NORMALISED_MAX = 500_000


def _remember(cache: dict[str, str], word: str, value_of: Callable[[str], str]) -> str:
    """Compute and memoise one word's value (bounded: a pathological input cannot grow a cache forever)."""
    if len(cache) >= _NORMALISED_MAX:
        cache.clear()
    value = cache[word] = value_of(word)
    return value


def _collapse(word: str) -> str:
    return _REPEAT.sub(r"\1", word)


def normalise_word(word: str) -> str:
    """The normalised form of one word (same rules as :func:`normalise_text`), memoised."""
    norm = _NORMALISED.get(word)
    return norm if norm is not None else _remember(_NORMALISED, word, normalise_text)


def words_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """Normalised words with their ``[start, end)`` offsets in ``text``.

    The offsets let span-level evidence (a quoted paragraph) point back into
    the raw text, as every frontline output must.
    """
    get = _NORMALISED.get
    out = []
    for m in WORD.finditer(text):
        w = m.group()
        norm = get(w)
        if norm is None:
            norm = normalise_word(w)
        out.append((norm, m.start(), m.end()))
    return out


def words(text: str) -> list[str]:
    """Normalised words of ``text`` (no offsets; the fast path).

    The same as ``WORD.findall(normalise_text(text))``: a run of one repeated
    word character never crosses a word boundary, so repeats are collapsed
    per distinct word (memoised) instead of by a regex over the whole text.
    """
    get = _COLLAPSED.get
    out = []
    for w in WORD.findall(_fold(text)):
        c = get(w)
        out.append(c if c is not None else _remember(_COLLAPSED, w, _collapse))
    return out


def word_hashes(tokens: list[str]) -> np.ndarray:
    """One stable 64-bit hash per word (crc32, widened)."""
    return np.fromiter((zlib.crc32(t.encode("utf-8")) for t in tokens), dtype=np.uint64, count=len(tokens))


def mix64(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser: spreads bits so the low 32 bits are well distributed."""
    x = x ^ (x >> np.uint64(30))
    x = x * _MIX2
    x = x ^ (x >> np.uint64(27))
    x = x * _MIX3
    return x ^ (x >> np.uint64(31))


def shingle_hashes_from_words(word_h: np.ndarray, k: int) -> np.ndarray:
    """Position-ordered 32-bit hashes of every run of ``k`` consecutive words.

    A text shorter than ``k`` words yields one shingle of all its words (so
    short texts still have a signature); an empty text yields none.
    """
    n = len(word_h)
    if n == 0:
        return np.zeros(0, dtype=np.uint32)
    k_eff = min(k, n)
    acc = np.zeros(n - k_eff + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(k_eff):
            acc = mix64(acc * _MIX1 + word_h[i : n - k_eff + 1 + i] + np.uint64(i + 1))
    return (acc & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def shingle_set(text: str, k: int) -> np.ndarray:
    """The sorted, unique shingle hashes of ``text`` (the exact-overlap set)."""
    return np.unique(shingle_hashes_from_words(word_hashes(words(text)), k))
