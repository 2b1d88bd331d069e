"""The conflict framing lexicon: loading, validation, and phrase matching.

The words live in ``frontline/data/framing/lexicon.yaml``; this module only
knows how to read, check and find them.  Matching is one Aho-Corasick pass
over the lower-cased text (fast, and independent of the number of phrases),
keeping whole-word hits only and, where hits overlap, the leftmost-longest,
so "terrorist groups" wins over "terrorist".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from frontline.framing.ptc import TECHNIQUES
from frontline.paths import PACKAGE_DATA

LEXICON_PATH = PACKAGE_DATA / "framing" / "lexicon.yaml"
ACTOR_KINDS = ("armed_group", "government", "foreign")
CATEGORIES = ("territory_change", "actor_label", "violence", "intensifier", "euphemism", "legitimacy")


class LexiconError(ValueError):
    """A lexicon or cue file does not follow its schema."""


def normalise(text: str) -> str:
    """Lower-case with curly apostrophes straightened, *keeping every offset*.

    ``str.lower`` can lengthen a string ("İ" → "i̇"); such characters are kept
    as they are so that offsets found in the result are offsets into ``text``.
    """
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.replace("’", "'").replace("‘", "'")


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c in "_-"


class PhraseMatcher:
    """Whole-word, case-insensitive, leftmost-longest matching of many phrases."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._auto = ahocorasick.Automaton()
        for p in phrases:
            key = normalise(p.strip())
            if key:
                self._auto.add_word(key, key)
        self._empty = len(self._auto) == 0
        if not self._empty:
            self._auto.make_automaton()

    def find(self, text: str, start: int = 0, end: int | None = None,
             low: str | None = None) -> list[tuple[int, int, str]]:
        """``(start, end, phrase)`` of non-overlapping whole-word matches in ``text[start:end]``."""
        if self._empty:
            return []
        end = len(text) if end is None else end
        if low is None:
            low = normalise(text)
        hits = []
        for last, key in self._auto.iter(low, start, end):
            a, b = last - len(key) + 1, last + 1
            if a > 0 and _is_word_char(low[a - 1]) and _is_word_char(key[0]):
                continue
            if b < len(low) and _is_word_char(low[b]) and _is_word_char(key[-1]):
                continue
            hits.append((a, b, key))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int, str]] = []
        for h in hits:
            if not out or h[0] >= out[-1][1]:
                out.append(h)
        return out


@dataclass(frozen=True, slots=True)
class LexEntry:
    """One surface form and what it means."""

    form: str
    neutral: str
    category: str
    technique: str
    side: str | None
    weight: float
    actor_label: str | None = None  # armed_group | government | foreign
    counted: str | None = None
    not_after: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class LexHit:
    start: int
    end: int
    entry: LexEntry


class Lexicon:
    """Forms → entries, with a matcher over all forms."""

    def __init__(
        self, entries: Iterable[LexEntry], sides: Iterable[str], quantity_words: Iterable[str] = ()
    ) -> None:
        self.quantity_words = frozenset(normalise(w) for w in quantity_words)
        self.entries: dict[str, LexEntry] = {}
        for e in entries:
            self.entries[normalise(e.form)] = e
        self.sides = tuple(sides)
        self._matcher = PhraseMatcher(self.entries)

    def find(self, text: str, start: int = 0, end: int | None = None, low: str | None = None) -> list[LexHit]:
        """Lexicon hits in ``text[start:end]`` (offsets into ``text``)."""
        if low is None:
            low = normalise(text)
        out = []
        for a, b, key in self._matcher.find(text, start, end, low):
            e = self.entries[key]
            if e.not_after and _previous_word(low, a) in e.not_after:
                continue
            out.append(LexHit(a, b, e))
        return out


def _previous_word(low: str, pos: int) -> str:
    j = pos
    while j > 0 and low[j - 1].isspace():
        j -= 1
    i = j
    while i > 0 and _is_word_char(low[i - 1]):
        i -= 1
    return low[i:j]


def parse_lexicon(raw: Mapping[str, Any]) -> Lexicon:
    """Build a :class:`Lexicon` from parsed YAML, raising :class:`LexiconError` on any schema error."""
    if not isinstance(raw, Mapping) or "entries" not in raw:
        raise LexiconError("lexicon needs 'sides' and 'entries'")
    unknown_top = set(raw) - {"sides", "entries", "quantity_words"}
    if unknown_top:
        raise LexiconError(f"lexicon: unknown top-level keys {sorted(unknown_top)}")
    sides = list(raw.get("sides") or [])
    out: list[LexEntry] = []
    seen: dict[str, int] = {}
    for i, ent in enumerate(raw["entries"]):
        where = f"entry {i}"
        if not isinstance(ent, Mapping):
            raise LexiconError(f"{where}: not a mapping")
        unknown = set(ent) - {"category", "technique", "side", "weight", "forms", "actor_label", "counted",
                              "not_after"}
        if unknown:
            raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")
        if ent.get("category") not in CATEGORIES:
            raise LexiconError(f"{where}: category {ent.get('category')!r} not in {CATEGORIES}")
        if ent.get("technique") not in TECHNIQUES:
            raise LexiconError(f"{where}: technique {ent.get('technique')!r} is not a SemEval-2020 technique")
        side = ent.get("side")
        if side is not None and side not in sides:
            raise LexiconError(f"{where}: side {side!r} not in {sides}")
        weight = ent.get("weight", 0.5)
        if not isinstance(weight, int | float) or not 0 <= weight <= 1:
            raise LexiconError(f"{where}: weight must be in [0, 1]")
        forms = ent.get("forms")
        if not isinstance(forms, Mapping) or not forms:
            raise LexiconError(f"{where}: 'forms' must be a non-empty mapping")
        counted = ent.get("counted") or {}
        if not set(counted) <= set(forms):
            raise LexiconError(f"{where}: 'counted' names forms not in 'forms': {sorted(set(counted) - set(forms))}")
        actor = ent.get("actor_label")
        if actor is not None and actor not in ACTOR_KINDS:
            raise LexiconError(f"{where}: actor_label {actor!r} not in {ACTOR_KINDS}")
        not_after = frozenset(normalise(w) for w in ent.get("not_after") or [])
        for form, neutral in forms.items():
            key = normalise(str(form))
            if not key.strip() or key != key.strip():
                raise LexiconError(f"{where}: bad form {form!r}")
            if key in seen:
                raise LexiconError(f"{where}: form {form!r} already in entry {seen[key]}")
            seen[key] = i
            out.append(LexEntry(str(form), "" if neutral is None else str(neutral), ent["category"],
                                ent["technique"], side, float(weight), actor,
                                counted.get(form), not_after))
    return Lexicon(out, sides, raw.get("quantity_words") or ())


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=4)
def load_lexicon(path: str = str(LEXICON_PATH)) -> Lexicon:
    """The lexicon at ``path`` (the shipped one by default), parsed once per process."""
    return parse_lexicon(load_yaml(Path(path)))
