"""Descriptor, coreference, attribution and candidate rules, loaded from data files.

The words reporters use for unnamed actors ("pro-Assad forces"), for their
sources ("according to local activists") and for unknown organisations
("… Brigade") differ by theatre and by outlet, so they live in
``data/actors/*.yaml`` and this module only validates and compiles them.
Every loader fails loudly (:class:`LexiconError`) naming the file and field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from frontline.actors.registry import DATA_DIR, KINDS, Registry, registry


class LexiconError(ValueError):
    """A rule file with a missing or malformed field."""


@dataclass(frozen=True, slots=True)
class DescriptorGroup:
    id: str
    phrases: tuple[str, ...]
    side: str
    actor: str | None
    kind: str | None
    inter: int | None
    confidence: float


@dataclass(frozen=True, slots=True)
class CorefRule:
    phrases: tuple[str, ...]
    kinds: frozenset[str]
    max_sentences: int
    confidence: float
    followed_by: frozenset[str]


@dataclass(frozen=True, slots=True)
class Descriptors:
    groups: tuple[DescriptorGroup, ...]
    military_heads: tuple[str, ...]
    military_confidence: float
    government_heads: tuple[str, ...]
    government_confidence: float
    coordinators: tuple[str, ...]
    coreference: tuple[CorefRule, ...]
    #: Words after which a generic descriptor is a noun modifier, not an actor.
    adjectival_followers: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Sources:
    patterns: tuple[re.Pattern[str], ...]
    qualifiers: dict[str, str | None]
    reporting_verbs: frozenset[str]
    #: Per pattern, a cheap regex every match must contain (or None): a line
    #: without it cannot match, so the costly pattern is not run on it.
    requires: tuple[re.Pattern[str] | None, ...] = ()
    #: Per pattern, the lower-case first words a match can begin with (or
    #: None): the pattern is only tried where one of them occurs.
    starts: tuple[frozenset[str] | None, ...] = ()
    #: Per pattern, a character class every character of a match belongs to
    #: (or None): with a literal ``requires``, the pattern is only searched in
    #: the runs of such characters that contain that literal.
    within: tuple[re.Pattern[str] | None, ...] = ()
    #: Per pattern, ``requires`` as a lower-case literal when it is one.
    requires_literal: tuple[str | None, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidates:
    org_heads: frozenset[str]
    org_prefixes: frozenset[str]
    connectors: frozenset[str]
    person_titles: tuple[str, ...]
    stop_first: frozenset[str]
    fuzzy_min_score: float
    fuzzy_min_chars: int


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: cannot load: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: top level must be a mapping")
    return data


def _strings(data: dict[str, Any], key: str, path: Path, where: str = "") -> tuple[str, ...]:
    val = data.get(key)
    if not isinstance(val, list) or not all(isinstance(v, str) and v for v in val):
        raise LexiconError(f"{path}: {where}{key!r} must be a non-empty list of strings")
    return tuple(val)


def _prob(data: dict[str, Any], key: str, path: Path, where: str = "") -> float:
    val = data.get(key)
    if not isinstance(val, int | float) or not 0.0 < float(val) <= 1.0:
        raise LexiconError(f"{path}: {where}{key!r} must be a number in (0, 1]")
    return float(val)


def parse_descriptors(data: dict[str, Any], path: Path, reg: Registry) -> Descriptors:
    groups: list[DescriptorGroup] = []
    raw_groups = data.get("groups")
    if not isinstance(raw_groups, list) or not raw_groups:
        raise LexiconError(f"{path}: 'groups' must be a non-empty list")
    for i, g in enumerate(raw_groups):
        where = f"groups[{i}] ({g.get('id') if isinstance(g, dict) else '?'}): "
        if not isinstance(g, dict) or not isinstance(g.get("id"), str):
            raise LexiconError(f"{path}: {where}needs an 'id'")
        mods = tuple(g.get("modifiers") or ())
        heads = tuple(g.get("heads") or ())
        phrases = [f"{m} {h}" for m in mods for h in heads] + list(g.get("phrases") or ())
        if not phrases:
            raise LexiconError(f"{path}: {where}no modifiers×heads and no phrases")
        side = g.get("side")
        if side not in reg.sides:
            raise LexiconError(f"{path}: {where}unknown side {side!r}")
        actor = g.get("actor")
        if actor is not None and actor not in reg:
            raise LexiconError(f"{path}: {where}unknown actor {actor!r}")
        kind = g.get("kind")
        inter = g.get("inter")
        if actor is None:
            if kind not in KINDS:
                raise LexiconError(f"{path}: {where}'kind' must be a registry kind when no actor is given")
            if not (isinstance(inter, int) and 1 <= inter <= 8):
                raise LexiconError(f"{path}: {where}'inter' must be 1-8 when no actor is given")
        groups.append(
            DescriptorGroup(
                g["id"], tuple(phrases), side, actor, kind, inter, _prob(g, "confidence", path, where)
            )
        )
    corefs: list[CorefRule] = []
    for i, c in enumerate(data.get("coreference") or ()):
        where = f"coreference[{i}]: "
        kinds = frozenset(_strings(c, "kinds", path, where))
        bad = kinds - KINDS
        if bad:
            raise LexiconError(f"{path}: {where}unknown kinds {sorted(bad)}")
        max_s = c.get("max_sentences")
        if not isinstance(max_s, int) or max_s < 0:
            raise LexiconError(f"{path}: {where}'max_sentences' must be an integer >= 0")
        corefs.append(
            CorefRule(
                _strings(c, "phrases", path, where),
                kinds,
                max_s,
                _prob(c, "confidence", path, where),
                frozenset(w.lower() for w in c.get("followed_by") or ()),
            )
        )
    return Descriptors(
        groups=tuple(groups),
        military_heads=_strings(data, "military_heads", path),
        military_confidence=_prob(data, "military_confidence", path),
        government_heads=_strings(data, "government_heads", path),
        government_confidence=_prob(data, "government_confidence", path),
        coordinators=_strings(data, "coordinators", path),
        coreference=tuple(corefs),
        adjectival_followers=frozenset(w.lower() for w in data.get("adjectival_followers") or ()),
    )


def _alt(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of literal words, longest first, spaces flexible.

    Written as a prefix trie ("source(?:s)?|spokes(?:m(?:an|en)|...)")
    rather than a flat list: Python's ``re`` tries a flat alternation's
    branches one after another at every position, which made the source
    patterns the costliest step of actor linking.  The trie accepts exactly
    the same strings and, because the words that can match at one position
    are prefixes of each other, still prefers the longest one (see
    :func:`_trie_alt`).  Non-ASCII word lists keep the flat form, whose
    case folding ``re.IGNORECASE`` defines.
    """
    if all(w.isascii() for w in words):
        return _trie_alt({w.lower() for w in words})
    parts = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words}, key=len, reverse=True)
    return "|".join(parts)


def _trie_alt(words: set[str]) -> str:
    """Longest-first trie regex of lower-case ASCII words (spaces become ``\\s+``).

    Under ``re.IGNORECASE`` the words that match at a given text position
    form a chain of prefixes (they are literal strings read off the same
    text), so trying a node's continuations before ending the word there
    ("(?:...)?" is greedy) visits them longest first, like the flat sorted
    alternation.  Spaces are one trie symbol so "news agency" still
    accepts any run of whitespace.
    """
    tokens = [tuple(re.findall(r" |[^ ]", w)) for w in words]
    tree: dict = {}
    for tok in tokens:
        node = tree
        for ch in tok:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        kids = sorted(k for k in node if k)
        branches = [(r"\s+" if k == " " else re.escape(k)) + emit(node[k]) for k in kids]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return body + "?" if len(branches) == 1 and len(body) == 1 else "(?:" + body + ")?"
        return body

    return "(?:" + emit(tree) + ")"


def parse_sources(data: dict[str, Any], path: Path, reg: Registry) -> Sources:
    nouns = _strings(data, "source_nouns", path)
    verbs = _strings(data, "reporting_verbs", path)
    quals = data.get("qualifiers")
    if not isinstance(quals, dict) or not quals:
        raise LexiconError(f"{path}: 'qualifiers' must be a non-empty mapping")
    for q, side in quals.items():
        if side is not None and side not in reg.sides:
            raise LexiconError(f"{path}: qualifier {q!r} names unknown side {side!r}")
    subst = {"{NOUN}": _alt(nouns), "{VERB}": _alt(verbs), "{QUAL}": _alt(list(quals))}
    word_lists = {"{NOUN}": nouns, "{VERB}": verbs, "{QUAL}": tuple(quals)}
    compiled: list[re.Pattern[str]] = []
    requires: list[re.Pattern[str] | None] = []
    starts: list[frozenset[str] | None] = []
    within: list[re.Pattern[str] | None] = []
    literals: list[str | None] = []
    items = data.get("patterns")
    if not isinstance(items, list) or not items:
        raise LexiconError(f"{path}: 'patterns' must be a non-empty list")
    for i, item in enumerate(items):
        # an item is a regex string, or {pattern: regex, requires: regex,
        # starts: [words], within: character class}
        need: str | None = None
        first: frozenset[str] | None = None
        only: re.Pattern[str] | None = None
        if isinstance(item, dict):
            pat, need = item.get("pattern"), item.get("requires")
            if need is not None and (not isinstance(need, str) or not need):
                raise LexiconError(f"{path}: patterns[{i}].requires must be a non-empty string")
            if item.get("starts") is not None:
                first = _start_words(item["starts"], word_lists, path, i)
            if item.get("within") is not None:
                only = _within_class(item["within"], path, i)
        else:
            pat = item
        if not isinstance(pat, str) or not pat:
            raise LexiconError(f"{path}: patterns[{i}] must be a regex string or a mapping with 'pattern'")
        for k, v in subst.items():
            pat = pat.replace(k, v)
            need = need.replace(k, v) if need is not None else None
        try:
            rx = re.compile(pat, re.IGNORECASE)
            req = re.compile(need, re.IGNORECASE) if need is not None else None
        except re.error as exc:
            raise LexiconError(f"{path}: patterns[{i}] is not a valid regex: {exc}") from exc
        if "src" not in rx.groupindex:
            raise LexiconError(f"{path}: patterns[{i}] lacks the named group 'src'")
        literal = need.lower() if need is not None and re.fullmatch(r"[A-Za-z]+", need) else None
        if only is not None and literal is None:
            raise LexiconError(f"{path}: patterns[{i}].within needs a literal word as 'requires'")
        if only is not None and re.search(r"\$|\(\?[=!]|\\Z", pat):
            # a run is searched with endpos at its end: look-aheads and "$" would see a false end
            raise LexiconError(f"{path}: patterns[{i}].within cannot be used with look-aheads or '$'")
        compiled.append(rx)
        requires.append(req)
        starts.append(first)
        within.append(only)
        literals.append(literal)
    return Sources(
        tuple(compiled),
        {q.lower(): s for q, s in quals.items()},
        frozenset(v.lower() for v in verbs),
        tuple(requires),
        tuple(starts),
        tuple(within),
        tuple(literals),
    )


def _start_words(
    raw: Any, word_lists: dict[str, tuple[str, ...]], path: Path, i: int
) -> frozenset[str]:
    """First words (lower case) of the literal words or placeholders in ``starts``.

    Only the first word of a phrase is kept ("news agency" -> "news"): the
    patterns allow any run of spaces inside a phrase, so the whole phrase is
    not a literal of the text.
    """
    if not isinstance(raw, list) or not raw or not all(isinstance(w, str) and w for w in raw):
        raise LexiconError(f"{path}: patterns[{i}].starts must be a non-empty list of words")
    words: list[str] = []
    for w in raw:
        words.extend(word_lists.get(w, (w,)))
    firsts = {w.split()[0].lower() for w in words}
    if not all(re.fullmatch(r"[\w'’-]+", w) for w in firsts):
        raise LexiconError(f"{path}: patterns[{i}].starts must hold words, not regexes")
    return frozenset(firsts)


def _within_class(raw: Any, path: Path, i: int) -> re.Pattern[str]:
    """The complement of a ``within`` character class: the characters that end a run."""
    if not isinstance(raw, str) or not re.fullmatch(r"\[[^\^].*\]", raw) or "\\w" not in raw:
        # \w inside keeps every run edge a non-word character, so \b there answers as in the line
        raise LexiconError(f"{path}: patterns[{i}].within must be a character class with \\w, like '[\\w\\s]'")
    try:
        return re.compile("[^" + raw[1:])
    except re.error as exc:
        raise LexiconError(f"{path}: patterns[{i}].within is not a valid class: {exc}") from exc


def parse_candidates(data: dict[str, Any], path: Path) -> Candidates:
    return Candidates(
        org_heads=frozenset(_strings(data, "org_heads", path)),
        org_prefixes=frozenset(_strings(data, "org_prefixes", path)),
        connectors=frozenset(_strings(data, "connectors", path)),
        person_titles=_strings(data, "person_titles", path),
        stop_first=frozenset(w.lower() for w in _strings(data, "stop_first", path)),
        fuzzy_min_score=_prob(data, "fuzzy_min_score", path),
        fuzzy_min_chars=int(data.get("fuzzy_min_chars", 8)),
    )


@lru_cache(maxsize=2)
def descriptors(path: str | None = None) -> Descriptors:
    p = Path(path) if path else DATA_DIR / "descriptors.yaml"
    return parse_descriptors(_read(p), p, registry())


@lru_cache(maxsize=2)
def sources(path: str | None = None) -> Sources:
    p = Path(path) if path else DATA_DIR / "sources.yaml"
    return parse_sources(_read(p), p, registry())


@lru_cache(maxsize=2)
def candidates(path: str | None = None) -> Candidates:
    p = Path(path) if path else DATA_DIR / "candidates.yaml"
    return parse_candidates(_read(p), p)
