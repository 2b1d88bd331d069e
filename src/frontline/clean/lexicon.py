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

    def hits(self, s: str, lowered: str | None = None) -> int:
        """How many of the patterns match ``s``.

        Patterns written with a leading ``^`` are matched at the start of the
        block only (``match``), which is what they mean and is much cheaper
        than a multi-line search over a long paragraph.  A floating pattern
        is searched only if its leading literal occurs in the block.
        """
        low = lowered if lowered is not None else s.lower()
        n = 0
        for k, p in enumerate(self.patterns):
            if p.pattern.startswith("^"):
                n += p.match(s) is not None
                continue
            lit = self.literals[k] if k < len(self.literals) else None
            if lit is not None and lit not in low:
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

    def candidate_categories(self, lowered: str) -> set[int]:
        """Indices of the categories worth trying on a lower-cased block (one pass)."""
        found = {i for cat_ids in (v for _, v in self.keyword_index.iter(lowered)) for i in cat_ids}
        found.update(i for i, c in enumerate(self.boiler) if not c.keywords)
        return found


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
    return Cues(
        keyword_index=index,
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
        praise_phrases=_phrases(cm["praise_lexicon"]),
        bare_contractions=_lower_set(cm["bare_contractions"]),
        meta_phrases=tuple(str(x).lower() for x in cm["meta_reference"]),
        opinion_words=_lower_set(cm["opinion"]),
        reporting_words=_words(cm["reporting"]),
        reporting_phrases=_phrases(cm["reporting"]),
        reply=_compile_all(list(cm["reply_patterns"]), "comments.yaml:reply_patterns", re.MULTILINE),
        byline=_compile_all(list(md["byline"]), "metadata.yaml:byline"),
        author_footer=_compile_all(list(md["author_footer"]), "metadata.yaml:author_footer"),
        original_source=_compile_all(list(md["original_source"]), "metadata.yaml:original_source"),
        outlet_footer=_compile_all(list(md["outlet_footer"]), "metadata.yaml:outlet_footer"),
        date_prefixes=tuple(sorted((str(x).lower() for x in md["date_prefixes"]), key=len, reverse=True)),
        months={str(k).lower(): int(v) for k, v in md["months"].items()},
        weekdays=_lower_set(md["weekdays"]),
        dateline_lead=re.compile(md["dateline_lead"]),
        title_max_words=int(md["title"]["max_words"]),
        title_max_chars=int(md["title"]["max_chars"]),
        abbreviations=_lower_set(ab["abbreviations"]),
    )
