"""Locative patterns: how a text introduces places, whether or not a gazetteer knows them.

A general NER model is not needed to see that "the villages of A, B and C",
"Tell X", "the X neighbourhood", "north of X" or "the M9 highway" name
places.  The words (feature words, directions, list-trigger verbs, name
prefixes, stop names) live in ``data/gazetteer/locatives.yaml``; this module
only assembles them into regular expressions and reports hits as raw
offsets:

* :class:`NameHit` — a span that names a place (with a feature type when the
  pattern says so, and a list id when it came from a list);
* :class:`RelationHit` — a span that is the reference of a relation
  ("north of X" → X, relation ``north``; "near X" → ``near``; "southern X" →
  ``part:south``) or an admin hint ("X province" → ``in``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from frontline.paths import PACKAGE_DATA

LOCATIVES_PATH: Path = PACKAGE_DATA / "gazetteer" / "locatives.yaml"


@dataclass(frozen=True, slots=True)
class NameHit:
    start: int
    end: int
    feature_type: str | None = None
    source: str = ""  # feature-of | list | prefix | feature-suffix | road | crossroad
    list_id: int | None = None


@dataclass(frozen=True, slots=True)
class RelationHit:
    start: int  # the reference name
    end: int
    relation: str  # north | … | near | part:<dir> | in
    phrase_start: int  # where the whole phrase ("north of …") starts


@dataclass(slots=True)
class Locatives:
    names: list[NameHit]
    relations: list[RelationHit]
    #: Every capitalised name in the text, leading stop words cut.
    name_spans: list[tuple[int, int]] = field(default_factory=list)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Compiled:
    name: re.Pattern[str]
    before: dict[str, tuple[str, str]]
    before_words: int
    before_first: frozenset[str]
    after: re.Pattern[str]
    list_gap: re.Pattern[str]
    dash_gap: re.Pattern[str]
    road: re.Pattern[str]
    prefixes: frozenset[str]
    stop: frozenset[str]
    features: dict[str, str]
    directions: dict[str, str]
    params: dict[str, float]


def load_locatives(path: Path = LOCATIVES_PATH) -> dict[str, Any]:
    """Read and check the pattern file."""
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    need = ("article_prefixes", "name_connectors", "name_prefixes", "feature_words", "admin_words",
            "directions", "proximity", "list_triggers", "road_codes", "stop_names", "params")
    missing = [k for k in need if k not in data]
    if missing:
        raise ValueError(f"{path}: missing sections {missing}")
    return data


@lru_cache(maxsize=1)
def compiled() -> _Compiled:
    d = load_locatives()
    up = r"[A-Z\u00C0-\u00D6\u00D8-\u00DE]"
    mark = r"[ʿʾ‘’']"
    tail = r"[\w'’‘ʿʾ]*"
    arts = _alt(d["article_prefixes"])
    word = rf"(?:(?:{arts})[-‑]|(?:al|el)\s)?{mark}?{up}{tail}(?:[-‑]\w{tail})*"
    conns = _alt(d["name_connectors"])
    name = rf"{word}(?:[ \t](?:(?:{conns})[ \t]){{0,2}}{word}){{0,3}}(?:[ \t]\d{{1,2}}\b)?"
    features = {k.lower(): v for k, v in d["feature_words"].items()}
    feat = _alt(list(features))
    dirs = {k.lower(): v for k, v in d["directions"].items()}
    _alt([k for k in dirs if not k.endswith("ern")])
    _alt([k for k in dirs if k.endswith("ern")])
    admin = _alt(d["admin_words"])
    # What may stand right before a name: phrase (lower case, single spaces) -> (kind, value).
    before: dict[str, tuple[str, str]] = {}
    for w, ft in features.items():
        before[f"{w} of"] = ("feat", ft)
    for w, rel in dirs.items():
        if w.endswith("ern"):
            before[w] = ("adj", rel)
            continue
        before[f"{w} of"] = ("dir", rel)
        for w2, rel2 in dirs.items():
            if not w2.endswith("ern") and w2 != w:
                before[f"{w} and {w2} of"] = ("dir", f"{rel}+{rel2}")
    for w in d["proximity"]:
        before[w.lower()] = ("prox", "near")
    for w in ("province", "governorate", "region"):
        before[f"{w} of"] = ("admb", "in")
    for w in d["list_triggers"]:
        before[w.lower()] = ("trig", "")
    return _Compiled(
        name=re.compile(name),
        before=before,
        before_words=max(len(k.split()) for k in before),
        before_first=frozenset({k.split()[0] for k in before} | {"the"}),
        after=re.compile(rf"\s+(?i:(?P<feat>{feat})|(?P<adm>{admin}))\b"),
        list_gap=re.compile(r"\s*,\s*(?:the\s+)?|\s*,?\s+and\s+(?:the\s+)?"),
        dash_gap=re.compile(r"\s?[-‑–—/]\s?"),
        road=re.compile(rf"\b(?P<name>(?:{d['road_codes']})(?:\s+(?i:highway|motorway|road|freeway))?)\b"),
        prefixes=frozenset(w.lower() for w in d["name_prefixes"]),
        stop=frozenset(w.lower() for w in d["stop_names"]),
        features=features,
        directions=dirs,
        params={k: float(v) for k, v in d["params"].items()},
    )


_NONSPACE = re.compile(r"[^\s]+")
_FIRST_WORD_END = re.compile(r"[\s\-‑]")
_SPACES = re.compile(r"\s+")


def _trim(text: str, start: int, end: int, stop: frozenset[str]) -> tuple[int, int] | None:
    """Cut leading stop words ("The", "Near") off a name; None if nothing is left."""
    while start < end:
        m = _NONSPACE.match(text, start, end)
        if m is None:
            return None
        w = m.group(0)
        if w.lower().strip(",.") in stop:
            start = m.end()
            while start < end and text[start].isspace():
                start += 1
            continue
        break
    if start >= end:
        return None
    return start, end


_TOKEN = re.compile(r"\S+")
_ENGLISH_CONNECTOR = re.compile(r"\s(?:of|for|the|upon|on)\s")


def _before(s: int, toks: tuple[list[int], list[str]], c: _Compiled) -> tuple[str, str, int] | None:
    """The locative phrase ending right before ``s`` ("north of", "the villages of"), longest first."""
    starts, words = toks
    k = bisect.bisect_left(starts, s)
    for n in range(min(c.before_words + 1, k), 0, -1):
        if words[k - n] not in c.before_first:
            continue
        parts = words[k - n : k]
        if parts[0] == "the":
            parts = parts[1:]
        if parts and parts[-1] == "the":
            parts = parts[:-1]
        hit = c.before.get(" ".join(parts))
        if hit is not None:
            return hit[0], hit[1], starts[k - n]
    return None


_ROAD_FEATURES = frozenset({"crossroad", "crossroads", "junction", "road", "highway"})


def find_locatives(text: str) -> Locatives:
    """All pattern hits in ``text`` (raw offsets), from one scan for capitalised names."""
    c = compiled()
    names: list[NameHit] = []
    rels: list[RelationHit] = []
    spans = [m.span() for m in c.name.finditer(text)]
    toks: tuple[list[int], list[str]] = ([], [])
    if spans:
        # str.split() and \S+ agree on what whitespace is; lowering per token is slower
        toks = ([m.start() for m in _TOKEN.finditer(text)], text.lower().split())
    trimmed = [_trim(text, s, e, c.stop) for s, e in spans]
    list_id = 0
    current_list: tuple[int, str | None] | None = None  # (id, feature type) of the open list
    for k, t in enumerate(trimmed):
        if t is None:
            current_list = None
            continue
        s, e = t
        # list continuation: ", B" / " and C" right after the previous item
        if current_list is not None and k > 0 and trimmed[k - 1] is not None:
            if c.list_gap.fullmatch(text, trimmed[k - 1][1], s):
                names.append(NameHit(s, e, current_list[1], "list" if current_list[1] is None else "feature-of",
                                     current_list[0]))
            else:
                current_list = None
        b = _before(s, toks, c)
        if b is not None:
            kind, value, bstart = b
            # "north of X for the …": the place is what precedes the first English connector
            cut = _ENGLISH_CONNECTOR.search(text, s, e)
            e = cut.start() if cut else e
            if kind in ("feat", "trig"):
                list_id += 1
                ftype = value if kind == "feat" else None
                current_list = (list_id, ftype)
                names.append(NameHit(s, e, ftype, "feature-of" if kind == "feat" else "list", list_id))
            elif kind == "dir":
                rels.append(RelationHit(s, e, value, bstart))
            elif kind == "adj":
                rels.append(RelationHit(s, e, "part:" + value, bstart))
            else:  # prox, admb
                rels.append(RelationHit(s, e, value, bstart))
        sep = _FIRST_WORD_END.search(text, s, e)
        if sep is not None and text[s : sep.start()].lower() in c.prefixes:
            names.append(NameHit(s, e, None, "prefix"))
        a = c.after.match(text, e)
        if a is not None:
            # "The Siege of X city": the place is what follows the last English connector
            cut = [m.end() for m in _ENGLISH_CONNECTOR.finditer(text, s, e)]
            ts = cut[-1] if cut else s
            if a.group("feat"):
                word = _SPACES.sub(" ", a.group("feat").lower())
                names.append(NameHit(ts, e, c.features.get(word), "feature-suffix"))
            else:
                rels.append(RelationHit(ts, e, "in", ts))
        # "A–B crossroad": two names joined by a dash, then a road word
        if k + 1 < len(trimmed) and trimmed[k + 1] is not None:
            s2, e2 = trimmed[k + 1]
            if c.dash_gap.fullmatch(text, e, s2):
                a2 = c.after.match(text, e2)
                if a2 is not None and a2.group("feat") and a2.group("feat").lower() in _ROAD_FEATURES:
                    names.append(NameHit(s, a2.end(), "road", "crossroad"))
                    rels.append(RelationHit(s, e, "near", s))
                    rels.append(RelationHit(s2, e2, "near", s))
    for m in c.road.finditer(text):
        names.append(NameHit(m.start("name"), m.end("name"), "road", "road"))
    return Locatives(names, rels, [t for t in trimmed if t is not None])
