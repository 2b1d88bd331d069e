"""Load the cleaning cue lexicons from ``data/clean/*.yaml``.

The cues (boilerplate phrases, comment signals, byline/dateline patterns,
abbreviations) are data so they can be reviewed and extended without touching
the segmenter; this module only reads and compiles them.  The compiled result
is an immutable :class:`Cues` object; :func:`load_cues` caches one per
directory (read-only, so it is safe in every worker process).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from frontline.clean.prefilter import Needles, has_case_traps, may_match, required_needles
from frontline.paths import PACKAGE_DATA

#: Default location of the cue files.
CUE_DIR = PACKAGE_DATA / "clean"

_FLAGS = re.IGNORECASE | re.MULTILINE


@dataclass(frozen=True, slots=True)
class BoilerCategory:
    """One kind of boilerplate (donation note, disclaimer, …) and its patterns."""

    name: str
    weight: float
    patterns: tuple[re.Pattern[str], ...]
    #: Lower-case substrings, one of which any match contains (empty = always try);
    #: a substring test is ~100x cheaper than a regex search (see Cues.candidate_categories).
    keywords: tuple[str, ...] = ()

    #: Per pattern, a literal every match starts with (None = unknown).
    literals: tuple[str | None, ...] = ()
    #: Per pattern, whether it is anchored at the block start (written with a leading ``^``).
    anchored: tuple[bool, ...] = ()
    #: Per pattern, the substrings any match needs (frontline.clean.prefilter).
    needles: tuple[Needles, ...] = ()

    def hits(self, s: str, lowered: str | None = None, traps: bool | None = None) -> int:
        """How many of the patterns match ``s``.

        Patterns written with a leading ``^`` are matched at the start of the
        block only (``match``), which is what they mean and is much cheaper
        than a multi-line search over a long paragraph.  A floating pattern
        is searched only if its leading literal occurs in the block and the
        block holds the substrings every match needs (``needles``); those
        plain substring tests cost far less than a case-insensitive search,
        which Python's ``re`` runs from every position of the block.
        ``traps`` says whether the block holds a character that defeats the
        needle test (:func:`frontline.clean.prefilter.has_case_traps`).
        """
        low = lowered if lowered is not None else s.lower()
        use_needles = bool(self.needles) and not (has_case_traps(s) if traps is None else traps)
        n = 0
        for k, p in enumerate(self.patterns):
            if self.anchored[k] if self.anchored else p.pattern.startswith("^"):
                n += p.match(s) is not None
                continue
            lit = self.literals[k] if k < len(self.literals) else None
            if lit is not None and lit not in low:
                continue
            if use_needles and not may_match(self.needles[k], low):
                continue
            n += p.search(s) is not None
        return n


@dataclass(frozen=True, slots=True)
class Cues:
    """All compiled cleaning cues."""

    boiler: tuple[BoilerCategory, ...]
    imperatives: tuple[str, ...]
    imperative_weight: float
    imperative_max_words: int
    thresholds: dict[str, float]
    footer_categories: frozenset[str]
    shape_weights: dict[str, float]
    name_only_max_words: int
    comment_bias: float
    comment_length: tuple[tuple[int, float], ...]
    short_ratio: float
    short_ratio_weight: float
    comment_weights: dict[str, float]
    first_person: frozenset[str]
    second_person: frozenset[str]
    chat_words: frozenset[str]
    praise_words: frozenset[str]
    praise_phrases: tuple[str, ...]
    bare_contractions: frozenset[str]
    meta_phrases: tuple[str, ...]
    opinion_words: frozenset[str]
    reporting_words: frozenset[str]
    reporting_phrases: tuple[str, ...]
    reply: tuple[re.Pattern[str], ...]
    byline: tuple[re.Pattern[str], ...]
    author_footer: tuple[re.Pattern[str], ...]
    original_source: tuple[re.Pattern[str], ...]
    outlet_footer: tuple[re.Pattern[str], ...]
    date_prefixes: tuple[str, ...]
    months: dict[str, int]
    weekdays: frozenset[str]
    dateline_lead: re.Pattern[str]
    title_max_words: int
    title_max_chars: int
    abbreviations: frozenset[str]
    #: Aho-Corasick automaton over all category keywords → category indices.
    keyword_index: Any = None
    #: Needles (frontline.clean.prefilter) of the footer metadata patterns, by pattern source.
    footer_needles: dict[str, Needles] | None = None

    #: Aho-Corasick automaton: a needle → the (category, pattern) pairs it may let through.
    pattern_index: Any = None
    #: Floating (category, pattern) pairs with no needles: always tried.
    always_try: tuple[tuple[int, int], ...] = ()
    #: Alternation of all block-start patterns (None = try each), and those patterns.
    anchored_any: re.Pattern[str] | None = None
    anchored_ids: tuple[tuple[int, int], ...] = ()

    def candidate_categories(self, lowered: str) -> set[int]:
        """Indices of the categories worth trying on a lower-cased block (one pass)."""
        found = {i for cat_ids in (v for _, v in self.keyword_index.iter(lowered)) for i in cat_ids}
        found.update(i for i, c in enumerate(self.boiler) if not c.keywords)
        return found

    #: Aho-Corasick automaton: a comment phrase → the groups it belongs to.
    phrase_index: Any = None
    #: One alternation of the reply patterns (None: try them one by one).
    reply_any: re.Pattern[str] | None = None

    def phrase_groups(self, lowered: str) -> set[str]:
        """Which phrase lists (``praise``, ``meta``, ``reporting``) have a phrase in ``lowered``.

        One pass instead of a substring test per phrase.
        """
        if self.phrase_index is None:
            return set()
        found: set[str] = set(self.phrase_index.get("\x00empty", ()))
        for _, groups in self.phrase_index.iter(lowered):
            found.update(groups)
        return found

    def _has_keyword(self, ci: int, lowered: str) -> bool:
        kws = self.boiler[ci].keywords
        return not kws or any(kw in lowered for kw in kws)

    def category_hits(self, s: str, lowered: str) -> list[tuple[int, int]]:
        """``(category index, patterns matched)`` for every category with a match, in order.

        The same answer as trying each keyword-selected category's patterns
        (:meth:`BoilerCategory.hits`), found the cheap way: one Aho-Corasick
        pass over the block finds the needles present, and only the patterns
        whose needles are all there are run.  A body paragraph usually lets
        none through.  The category keywords are checked last, only for
        categories that matched.
        """
        if self.pattern_index is None or has_case_traps(s):
            todo = self.candidate_categories(lowered)
            found = [(ci, cat.hits(s, lowered, True)) for ci, cat in enumerate(self.boiler) if ci in todo]
            return [(ci, n) for ci, n in found if n]
        tried: list[tuple[int, int]] = list(self.always_try)
        for _, ids in self.pattern_index.iter(lowered):
            tried.extend(ids)
        if self.anchored_ids and (self.anchored_any is None or self.anchored_any.match(s)):
            tried.extend(self.anchored_ids)
        if not tried:
            return []  # the usual case for a paragraph of prose
        counts: dict[int, int] = {}
        for ci, k in set(tried):
            cat = self.boiler[ci]
            if not may_match(cat.needles[k], lowered):
                continue
            p = cat.patterns[k]
            if cat.anchored[k]:
                ok = p.match(s) is not None
            else:
                lit = cat.literals[k]
                ok = (lit is None or lit in lowered) and p.search(s) is not None
            if ok:
                counts[ci] = counts.get(ci, 0) + 1
        return [(ci, n) for ci, n in sorted(counts.items()) if self._has_keyword(ci, lowered)]


def _read(directory: Path, name: str) -> dict[str, Any]:
    with (directory / name).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{directory / name}: expected a mapping at the top level")
    return data


def _compile_all(patterns: list[str], where: str, flags: int = _FLAGS) -> tuple[re.Pattern[str], ...]:
    out = []
    for pat in patterns:
        try:
            out.append(re.compile(pat, flags))
        except re.error as exc:  # fail loudly, naming the file and pattern
            raise ValueError(f"bad regex in {where}: {pat!r}: {exc}") from exc
    return tuple(out)


_QUANTIFIERS = "?*+{"
_LITERAL_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789 ,'-:")


def leading_literal(pattern: str, min_len: int = 4) -> str | None:
    """The plain text every match of ``pattern`` starts with, if it has one.

    Conservative: only a run of ordinary characters right at the start (after
    an optional ``\\b``), stopping before any character that a quantifier
    makes optional.  Used as a substring prefilter, so it must never be wrong;
    when in doubt it returns None and the pattern is always searched.
    """
    src = pattern[2:] if pattern.startswith("\\b") else pattern
    out = []
    for i, ch in enumerate(src):
        if ch.lower() not in _LITERAL_CHARS:
            break
        if i + 1 < len(src) and src[i + 1] in _QUANTIFIERS:
            break
        out.append(ch.lower())
    lit = "".join(out)
    return lit if len(lit) >= min_len else None


def _words(items: list[Any]) -> frozenset[str]:
    """Single-word entries of a lexicon, matched against a block's word set."""
    return frozenset(str(x).lower() for x in items if " " not in str(x).strip())


def _phrases(items: list[Any]) -> tuple[str, ...]:
    """Multi-word entries, matched as lower-case substrings (fast, no regex)."""
    return tuple(str(x).lower().strip() for x in items if " " in str(x).strip())


def _lower_set(items: list[Any]) -> frozenset[str]:
    return frozenset(str(x).lower() for x in items)


def _pattern_index(cats: tuple[BoilerCategory, ...]) -> tuple[Any, tuple[tuple[int, int], ...]]:
    """Aho-Corasick index of each pattern's most selective needle clause.

    A pattern needs one string of every clause; indexing the clause whose
    shortest string is longest (``"share on "`` rather than ``"x"``) keeps
    the pass's hits few.  Floating patterns without needles are always tried
    (returned second); anchored ones without needles are left to
    :func:`_anchored_any`.
    """
    by_needle: dict[str, set[tuple[int, int]]] = {}
    always: list[tuple[int, int]] = []
    for ci, cat in enumerate(cats):
        for k, clauses in enumerate(cat.needles):
            if not clauses:
                if cat.anchored[k]:
                    continue
                always.append((ci, k))
                continue
            key = max(clauses, key=lambda c: min(len(x) for x in c))
            for needle in key:
                by_needle.setdefault(needle, set()).add((ci, k))
    if not by_needle:
        return None, tuple(always)
    auto = ahocorasick.Automaton()
    for needle, ids in by_needle.items():
        auto.add_word(needle, tuple(sorted(ids)))
    auto.make_automaton()
    return auto, tuple(always)


def _phrase_index(groups: dict[str, tuple[str, ...]]) -> Any:
    """Aho-Corasick automaton: phrase → the names of the groups listing it (None if no phrases)."""
    by_phrase: dict[str, set[str]] = {}
    for name, phrases in groups.items():
        for ph in phrases:
            by_phrase.setdefault(ph, set()).add(name)
    if not by_phrase:
        return None
    auto = ahocorasick.Automaton()
    for ph, names in by_phrase.items():
        # An empty phrase is in every text; key it on "" below.
        auto.add_word(ph or "\x00empty", tuple(sorted(names)))
    auto.make_automaton()
    return auto


def _join(patterns: tuple[re.Pattern[str], ...], flags: int) -> re.Pattern[str] | None:
    """An alternation that ``match``es where any of ``patterns`` does (None if they cannot be joined)."""
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags)
    except re.error:
        return None


def _anchored_any(cats: tuple[BoilerCategory, ...]) -> tuple[re.Pattern[str] | None, tuple[tuple[int, int], ...]]:
    """One regex matching where any needle-less block-start (``^``) pattern matches, and those.

    A single ``match`` of the alternation replaces separate calls; only when
    it succeeds are the patterns tried one by one.  None (try them all) if
    the patterns cannot be joined.
    """
    ids = tuple(
        (ci, k) for ci, cat in enumerate(cats) for k, a in enumerate(cat.anchored) if a and not cat.needles[k]
    )
    sources = [cats[ci].patterns[k].pattern for ci, k in ids]
    try:
        joined = re.compile("|".join(f"(?:{src})" for src in sources), _FLAGS) if sources else None
    except re.error:
        joined = None
    return joined, ids


@lru_cache(maxsize=4)
def load_cues(directory: Path | None = None) -> Cues:
    """Read and compile the cue files in ``directory`` (default: the bundled ones)."""
    d = Path(directory) if directory is not None else CUE_DIR
    bp = _read(d, "boilerplate.yaml")
    cm = _read(d, "comments.yaml")
    md = _read(d, "metadata.yaml")
    ab = _read(d, "abbreviations.yaml")

    cats = tuple(
        BoilerCategory(
            name=name,
            weight=float(spec["weight"]),
            patterns=_compile_all(list(spec["patterns"]), f"boilerplate.yaml:{name}"),
            keywords=tuple(str(k).lower() for k in spec.get("keywords", ())),
            literals=tuple(leading_literal(str(p)) for p in spec["patterns"]),
            anchored=tuple(str(p).startswith("^") for p in spec["patterns"]),
            needles=tuple(required_needles(str(p)) for p in spec["patterns"]),
        )
        for name, spec in bp["categories"].items()
    )
    index = ahocorasick.Automaton()
    by_kw: dict[str, list[int]] = {}
    for ci, cat in enumerate(cats):
        for kw in cat.keywords:
            by_kw.setdefault(kw, []).append(ci)
    for kw, ids in by_kw.items():
        index.add_word(kw, tuple(ids))
    if by_kw:
        index.make_automaton()
    pattern_index, always_try = _pattern_index(cats)
    anchored_any, anchored_ids = _anchored_any(cats)
    praise_phrases = _phrases(cm["praise_lexicon"])
    meta_phrases = tuple(str(x).lower() for x in cm["meta_reference"])
    reporting_phrases = _phrases(cm["reporting"])
    phrase_index = _phrase_index({"praise": praise_phrases, "meta": meta_phrases, "reporting": reporting_phrases})
    reply = _compile_all(list(cm["reply_patterns"]), "comments.yaml:reply_patterns", re.MULTILINE)
    original_source = _compile_all(list(md["original_source"]), "metadata.yaml:original_source")
    author_footer = _compile_all(list(md["author_footer"]), "metadata.yaml:author_footer")
    outlet_footer = _compile_all(list(md["outlet_footer"]), "metadata.yaml:outlet_footer")
    footer_needles = {p.pattern: required_needles(p.pattern) for p in (*original_source, *author_footer, *outlet_footer)}
    return Cues(
        keyword_index=index,
        phrase_index=phrase_index,
        pattern_index=pattern_index,
        always_try=always_try,
        anchored_any=anchored_any,
        anchored_ids=anchored_ids,
        footer_needles=footer_needles,
        boiler=cats,
        imperatives=tuple(sorted((str(x).lower() for x in bp["imperatives"]), key=len, reverse=True)),
        imperative_weight=float(bp["imperative_weight"]),
        imperative_max_words=int(bp["imperative_max_words"]),
        thresholds={k: float(v) for k, v in bp["thresholds"].items()},
        footer_categories=frozenset(bp.get("footer_categories", ())),
        shape_weights={k: float(v) for k, v in bp["shape_weights"].items()},
        name_only_max_words=int(bp["name_only_max_words"]),
        comment_bias=float(cm["bias"]),
        comment_length=tuple((int(a), float(b)) for a, b in cm["length"]),
        short_ratio=float(cm["short_ratio"]),
        short_ratio_weight=float(cm["short_ratio_weight"]),
        comment_weights={k: float(v) for k, v in cm["weights"].items()},
        first_person=_lower_set(cm["first_person_singular"]),
        second_person=_lower_set(cm["second_person"]),
        chat_words=_lower_set(cm["chat_lexicon"]),
        praise_words=_words(cm["praise_lexicon"]),
        praise_phrases=praise_phrases,
        bare_contractions=_lower_set(cm["bare_contractions"]),
        meta_phrases=meta_phrases,
        opinion_words=_lower_set(cm["opinion"]),
        reporting_words=_words(cm["reporting"]),
        reporting_phrases=reporting_phrases,
        reply=reply,
        reply_any=_join(reply, re.MULTILINE),
        byline=_compile_all(list(md["byline"]), "metadata.yaml:byline"),
        author_footer=author_footer,
        original_source=original_source,
        outlet_footer=outlet_footer,
        date_prefixes=tuple(sorted((str(x).lower() for x in md["date_prefixes"]), key=len, reverse=True)),
        months={str(k).lower(): int(v) for k, v in md["months"].items()},
        weekdays=_lower_set(md["weekdays"]),
        dateline_lead=re.compile(md["dateline_lead"]),
        title_max_words=int(md["title"]["max_words"]),
        title_max_chars=int(md["title"]["max_chars"]),
        abbreviations=_lower_set(ab["abbreviations"]),
    )
