"""Dictionary matching over normalised text, answering in raw offsets.

One mechanism serves places and actors: a :class:`Matcher` is built from
``(name, key)`` pairs; names are folded with :func:`frontline.text.normalize`
and loaded into an Aho-Corasick automaton (pyahocorasick), so finding every
known name in a document is one linear scan however large the dictionary.
Matches must sit on word boundaries of the folded text (``Bab`` must not fire
inside ``Babila``) and overlapping hits are resolved longest-leftmost.  Every
:class:`Match` carries raw ``start``/``end`` so ``text[start:end]`` is the
surface string.

:meth:`Matcher.fuzzy` looks a single name up approximately (rapidfuzz) and
returns *calibrated* scores: a logistic curve over two similarities (folded
string and consonant skeleton) whose coefficients are fitted on
transliteration pairs and stored in ``data/text/fuzzy_calibration.json``, so
0.8 means "about 80 % of pairs scoring like this are the same name".
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

import ahocorasick
from rapidfuzz import fuzz, process

from frontline.paths import PACKAGE_DATA
from frontline.text.normalize import Normalized, index_key, normalize, skeleton

K = TypeVar("K", bound=Hashable)

CALIBRATION_PATH: Path = PACKAGE_DATA / "text" / "fuzzy_calibration.json"


@dataclass(frozen=True, slots=True)
class Match(Generic[K]):
    """A dictionary hit: raw offsets, the surface string and every key of the name."""

    start: int
    end: int
    key: K
    surface: str
    score: float = 1.0
    keys: tuple[K, ...] = ()
    #: The folded form that matched (what the dictionary holds).
    norm: str = ""


@dataclass(frozen=True, slots=True)
class Calibration:
    """Logistic map from similarities (0–1) to the probability of a true match."""

    bias: float
    w_ratio: float
    w_skeleton: float

    def __call__(self, ratio: float, skel: float) -> float:
        z = self.bias + self.w_ratio * ratio + self.w_skeleton * skel
        return 1.0 / (1.0 + math.exp(-z))


#: Used only when no fitted calibration file exists (before the first build).
DEFAULT_CALIBRATION = Calibration(bias=-14.0, w_ratio=10.0, w_skeleton=6.0)


@lru_cache(maxsize=1)
def load_calibration(path: Path = CALIBRATION_PATH) -> Calibration:
    """The fitted calibration, or :data:`DEFAULT_CALIBRATION` if none is bundled."""
    if not path.exists():
        return DEFAULT_CALIBRATION
    data = json.loads(path.read_text(encoding="utf-8"))
    return Calibration(float(data["bias"]), float(data["w_ratio"]), float(data["w_skeleton"]))


def similarity(a: str, b: str) -> tuple[float, float]:
    """(folded-string ratio, skeleton ratio), both 0–1, of two raw names."""
    na, nb = index_key(a), index_key(b)
    return fuzz.ratio(na, nb) / 100.0, fuzz.ratio(skeleton(na), skeleton(nb)) / 100.0


_NON_WORD = re.compile(r"[\W_]")
#: The same substitution for pure-ASCII text as a translate table (~5x faster than the regex).
_ASCII_NON_WORD = {c: " " for c in range(128) if _NON_WORD.match(chr(c))}


def _spaced_words(text: str) -> str:
    """``text`` with every non-word character (and ``_``) turned into a space."""
    if text.isascii():
        return text.translate(_ASCII_NON_WORD)
    return _NON_WORD.sub(" ", text)


class Matcher(Generic[K]):
    """Exact (folded) Aho-Corasick matching plus calibrated fuzzy lookup.

    ``entries`` are ``(name, key)``; one name may carry several keys (homonyms)
    and one key several names (aliases).  Names that fold to fewer than
    ``min_len`` characters are ignored, since they would fire everywhere.
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, K]],
        *,
        min_len: int = 2,
        calibration: Calibration | None = None,
    ) -> None:
        self.min_len = min_len
        self.calibration = calibration or load_calibration()
        index: dict[str, list[K]] = {}
        for name, key in entries:
            norm = index_key(name)
            if len(norm) < min_len:
                continue
            keys = index.setdefault(norm, [])
            if key not in keys:
                keys.append(key)
        self._index: dict[str, tuple[K, ...]] = {n: tuple(ks) for n, ks in index.items()}
        self._names: list[str] = list(self._index)
        self._skels: list[str] | None = None
        self._automaton = _build_automaton(self._names)

    @classmethod
    def from_index(
        cls,
        index: dict[str, tuple[K, ...]],
        skeletons: list[str] | Callable[[], list[str]] | None = None,
        *,
        min_len: int = 2,
        calibration: Calibration | None = None,
        automaton: ahocorasick.Automaton | None = None,
    ) -> Matcher[K]:
        """Build from an already folded ``{name: keys}`` index (skips re-folding).

        Used for large prebuilt dictionaries (the gazetteer); the caller must
        have folded the names with the current rules.  ``automaton`` is a
        prebuilt one (see :attr:`automaton`) over exactly ``index``'s names in
        order — unpickling it is ~10x faster than rebuilding.  ``skeletons``
        may be a callable, so a large list is only decoded on the first fuzzy
        lookup.
        """
        self = cls.__new__(cls)
        self.min_len = min_len
        self.calibration = calibration or load_calibration()
        if automaton is not None and len(automaton) == len(index):
            # a prebuilt automaton vouches for the index it was built from
            # (folded, long enough, tuple values): adopt it without a scan
            complete = True
            self._index = index
        elif complete := all(len(n) >= min_len for n in index):
            self._index = {n: tuple(ks) for n, ks in index.items()}
        else:
            self._index = {n: tuple(ks) for n, ks in index.items() if len(n) >= min_len}
        self._names = list(self._index)
        self._skels = None  # computed on the first fuzzy lookup unless given
        if skeletons is not None and complete:
            self._skel_source = skeletons
        if automaton is not None and len(automaton) == len(self._names):
            self._automaton = automaton
        else:
            self._automaton = _build_automaton(self._names)
        return self

    @property
    def automaton(self) -> ahocorasick.Automaton:
        """The Aho-Corasick automaton (values: positions in the name list); picklable."""
        return self._automaton

    def extend(self, entries: Iterable[tuple[str, K]]) -> None:
        """Add entries and rebuild the automaton once (for small user supplements)."""
        changed = False
        for name, key in entries:
            norm = index_key(name)
            if len(norm) < self.min_len:
                continue
            if norm in self._index:
                if key not in self._index[norm]:
                    self._index[norm] = (*self._index[norm], key)
                continue
            self._index[norm] = (key,)
            self._names.append(norm)
            if self._skels is not None:
                self._skels.append(skeleton(norm))
            self._automaton.add_word(f" {norm} ", len(self._names) - 1)
            changed = True
        if changed:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._names)

    def __reduce__(self):
        # Rebuild from entries in a worker instead of pickling the automaton.
        entries = [(n, k) for n, ks in self._index.items() for k in ks]
        return (_rebuild, (entries, self.min_len, self.calibration))

    # -- exact ---------------------------------------------------------------
    def keys_for(self, name: str) -> tuple[K, ...]:
        """Keys whose names fold exactly like ``name`` (empty if none)."""
        return self._index.get(index_key(name), ())

    def find(
        self,
        text: str,
        normalized: Normalized | None = None,
        *,
        overlapping: bool = False,
    ) -> list[Match[K]]:
        """Every dictionary name in ``text`` on word boundaries, raw offsets.

        Pass ``normalized`` (``normalize(text)``) to share one folding of a
        document between several matchers.  Without ``overlapping`` the
        longest-leftmost non-overlapping hits are kept.
        """
        if not self._names or not text:
            return []
        norm = normalized if normalized is not None else normalize(text)
        hits = self._folded_hits(norm.text, overlapping)
        spans = norm.raw_spans([(s, e) for s, e, _ in hits])
        out: list[Match[K]] = []
        index = self._index
        for (_, _, name), (rs, re_) in zip(hits, spans, strict=True):
            keys = index[name]
            out.append(Match(rs, re_, keys[0], text[rs:re_], 1.0, keys, name))
        return out

    def find_spans(self, text: str, normalized: Normalized | None = None) -> list[tuple[int, int, str]]:
        """Like :meth:`find` (longest-leftmost) but lean: ``(start, end, norm)`` in raw offsets.

        For hot loops that filter most hits away (the geoparser keeps only
        capitalised ones): no :class:`Match` objects; the keys of a hit are
        :meth:`keys_of`\\ ``(norm)``.
        """
        if not self._names or not text:
            return []
        norm = normalized if normalized is not None else normalize(text)
        hits = self._folded_hits(norm.text, False)
        spans = norm.raw_spans([(s, e) for s, e, _ in hits])
        return [(rs, re_, h[2]) for h, (rs, re_) in zip(hits, spans, strict=True)]

    def keys_of(self, norm: str) -> tuple[K, ...]:
        """Keys of an already folded name as reported in ``Match.norm`` (empty if none)."""
        return self._index.get(norm, ())

    def _folded_hits(self, ntext: str, overlapping: bool) -> list[tuple[int, int, str]]:
        """Hits ``(start, end, name)`` in folded offsets, longest-leftmost unless ``overlapping``."""
        # Keys are stored as " key " and searched in the folded text with every
        # non-word character turned into a space, so a hit is always a run of
        # whole words: no boundary checks, and no hits inside longer words.
        padded = f" {_spaced_words(ntext)} "
        names = self._names
        # the automaton reports " name " ending at end_idx: the name is [end_idx - len, end_idx - 1)
        found = [(end_idx - len(name := names[pos]) - 1, end_idx - 1, name)
                 for end_idx, pos in self._automaton.iter(padded)]
        if overlapping:
            return found
        # leftmost first, longest first at one start: sort on (start, -end) as plain tuples
        order = sorted([(h[0], -h[1], h) for h in found])
        kept: list[tuple[int, int, str]] = []
        last_end = -1
        for start, _, h in order:
            if start >= last_end:
                kept.append(h)
                last_end = h[1]
        return kept

    # -- fuzzy ---------------------------------------------------------------
    @property
    def _skeletons(self) -> list[str]:
        if self._skels is None:
            src = self.__dict__.get("_skel_source")
            if src is not None:
                skels = list(src() if callable(src) else src)
                if len(skels) != len(self._names):  # extended since: fold the rest
                    skels.extend(skeleton(n) for n in self._names[len(skels):])
                self._skels = skels
            else:
                self._skels = [skeleton(n) for n in self._names]
        return self._skels

    def _skeleton_index(self) -> dict[str, list[int]]:
        idx = self.__dict__.get("_skel_idx")
        if idx is None or self.__dict__.get("_skel_n") != len(self._names):
            idx = {}
            for i, sk in enumerate(self._skeletons):
                idx.setdefault(sk, []).append(i)
            self._skel_idx, self._skel_n = idx, len(self._names)
        return idx

    def fuzzy(
        self, name: str, limit: int = 5, min_score: float = 0.5, *, exhaustive: bool = True
    ) -> list[tuple[K, float]]:
        """Keys of the names most like ``name``, with calibrated scores (best first).

        Candidates come from the folded-string ratio and from the skeleton
        ratio (so ``Qarmeeda`` finds ``Qarmida`` even when vowels differ);
        each is scored by the calibration curve.  ``exhaustive=False`` only
        considers names with the same skeleton (a dict lookup, ~1000× faster;
        what the per-document geoparser uses).
        """
        q = index_key(name)
        if len(q) < self.min_len or not self._names:
            return []
        qs = skeleton(q)
        cand: set[int] = set(self._skeleton_index().get(qs, ()))
        if exhaustive:
            pool = max(limit * 4, 20)
            for _, _, idx in process.extract(q, self._names, scorer=fuzz.ratio, limit=pool, score_cutoff=50):
                cand.add(idx)
            for _, _, idx in process.extract(
                qs, self._skeletons, scorer=fuzz.ratio, limit=pool, score_cutoff=60
            ):
                cand.add(idx)
        best: dict[K, float] = {}
        for idx in cand:
            r = fuzz.ratio(q, self._names[idx]) / 100.0
            sk = fuzz.ratio(qs, self._skeletons[idx]) / 100.0
            p = 1.0 if r == 1.0 else self.calibration(r, sk)
            if p < min_score:
                continue
            for key in self._index[self._names[idx]]:
                if p > best.get(key, -1.0):
                    best[key] = p
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        return ranked[:limit]


def _build_automaton(names: list[str]) -> ahocorasick.Automaton:
    """Automaton over ``" name "`` (word-bounded keys) whose values are list positions.

    Storing ints (``STORE_INTS``) instead of Python objects keeps the
    automaton small and makes pickling it cheap.
    """
    auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for pos, norm in enumerate(names):
        auto.add_word(f" {norm} ", pos)
    if names:
        auto.make_automaton()
    return auto


def _rebuild(entries: list[tuple[str, K]], min_len: int, calibration: Calibration) -> Matcher[K]:
    return Matcher(entries, min_len=min_len, calibration=calibration)
