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
    #: Token sequences :func:`_before` accepts (a phrase, with "the" allowed
    #: before and after), keyed last word first, and every such reversed prefix,
    #: so the words before a name are read backwards only while they can still
    #: form a phrase; ``before_word_len``: the longest word of any phrase.
    before_rev: dict[tuple[str, ...], tuple[str, str]]
    before_rev_prefixes: frozenset[tuple[str, ...]]
    before_word_len: int


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
    # The lookahead names every character a name can start with (an article's
    # first letter, a mark, a capital).  It changes no match, but the regex
    # engine then rejects most positions with one class test instead of trying
    # the article alternatives first (~2x faster on English text).
    first = re.escape("".join(sorted({w[0] for w in d["article_prefixes"]} | {"a", "e"})))
    name = (rf"(?=[{first}ʿʾ‘’'A-Z\u00C0-\u00D6\u00D8-\u00DE])"
            rf"{word}(?:[ \t](?:(?:{conns})[ \t]){{0,2}}{word}){{0,3}}(?:[ \t]\d{{1,2}}\b)?")
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
    before_rev = _reversed_phrases(before)
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
        before_rev=before_rev,
        before_rev_prefixes=frozenset(seq[:n] for seq in before_rev for n in range(1, len(seq) + 1)),
        before_word_len=max(len(w) for seq in before_rev for w in seq),
    )


def _phrase_of(words: list[str], before: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """What the token rule accepts: one leading and one trailing "the" dropped, the rest a phrase."""
    parts = words
    if parts and parts[0] == "the":
        parts = parts[1:]
    if parts and parts[-1] == "the":
        parts = parts[:-1]
    return before.get(" ".join(parts))


def _reversed_phrases(before: dict[str, tuple[str, str]]) -> dict[tuple[str, ...], tuple[str, str]]:
    """Every token sequence of at most ``max words + 1`` that :func:`_phrase_of` accepts, reversed."""
    limit = max(len(k.split()) for k in before) + 1
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    for key in before:
        words = key.split()
        for seq in (words, ["the", *words], [*words, "the"], ["the", *words, "the"]):
            if len(seq) <= limit and (hit := _phrase_of(seq, before)) is not None:
                out[tuple(reversed(seq))] = hit
    return out


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


#: name text -> (offset of the trimmed start, end of a prefix first word) or None; see _name_shapes.
_SHAPES: dict[str, tuple[int, int | None] | None] = {}
_SHAPES_MAX = 100_000


def _name_shapes(
    text: str, spans: list[tuple[int, int]], c: _Compiled
) -> list[tuple[tuple[int, int], int | None] | None]:
    """Per name span: its span after :func:`_trim` and, if its first word is a name prefix
    ("Tell", "Kafr"), that word's length; None when only stop words were left.

    Both depend only on the name's own text, and reports repeat names, so
    they are memoised per process on that text (one dict lookup per name).
    """
    if len(_SHAPES) > _SHAPES_MAX:
        _SHAPES.clear()
    out: list[tuple[tuple[int, int], int | None] | None] = []
    for start, end in spans:
        key = text[start:end]
        shape = _SHAPES.get(key, False)
        if shape is False:
            shape = _SHAPES[key] = _shape_of(key, c)
        out.append(None if shape is None else ((start + shape[0], end), shape[1]))
    return out


def _shape_of(name: str, c: _Compiled) -> tuple[int, int | None] | None:
    t = _trim(name, 0, len(name), c.stop)
    if t is None:
        return None
    s, e = t
    sep = _FIRST_WORD_END.search(name, s, e)
    if sep is not None and name[s : sep.start()].lower() in c.prefixes:
        return s, sep.start() - s
    return s, None


_TOKEN = re.compile(r"\S+")
_ENGLISH_CONNECTOR = re.compile(r"\s(?:of|for|the|upon|on)\s")


_SPACE = re.compile(r"\s")


def _tokens_before(text: str, s: int, need: int) -> tuple[list[int], list[str]]:
    """The last ``need`` whitespace tokens that start before ``s`` (starts, lower-cased words).

    Exactly the tail of ``([m.start() for m in \\S+], text.lower().split())``
    cut at ``s`` — a token running on past ``s`` included whole — but read
    from a small window before ``s`` instead of tokenising the document.
    """
    if s > 0 and not text[s - 1].isspace():
        nxt = _SPACE.search(text, s)
        endpos = nxt.start() if nxt else len(text)
    else:
        endpos = s
    span = 64
    while True:
        w = max(0, s - span)
        toks = list(_TOKEN.finditer(text, w, endpos))
        if w > 0 and toks and toks[0].start() == w and not text[w - 1].isspace():
            toks = toks[1:]  # cut by the window
        if len(toks) >= need or w == 0:
            toks = toks[-need:]
            return [m.start() for m in toks], [m.group().lower() for m in toks]
        span *= 4


def _before(text: str, s: int, c: _Compiled) -> tuple[str, str, int] | None:
    """The locative phrase ending right before ``s`` ("north of", "the villages of"), longest first.

    The rule is on whitespace tokens: the last ``n <= before_words + 1``
    tokens before ``s``, lower-cased, one leading and one trailing "the"
    dropped, must be a phrase; the longest wins.  The words are read backwards
    from ``s`` with short slices and only while they can still end a phrase,
    so a name after an ordinary word costs one slice (most names).
    """
    if s == 0:
        return None
    if not text[s - 1].isspace():
        return _before_tokens(text, s, c)  # the name starts inside a token (rare)
    window = text[s - c.before_word_len - 2 : s] if s > c.before_word_len + 2 else None
    if window is not None:
        no_phrase = _NO_PHRASE.get(window)
        if no_phrase is None:
            no_phrase = _NO_PHRASE[window] = _first_word_rejects(window, c)
        if no_phrase:
            return None
    rev: tuple[str, ...] = ()
    best = None
    j = s - 1
    width = c.before_word_len
    for _ in range(c.before_words + 1):
        while j >= 0 and text[j].isspace():
            j -= 1
        if j < 0:
            break
        # the token ending at j; a slice without whitespace means a word too long for any phrase
        w = text[max(0, j - width) : j + 1].rsplit(None, 1)[-1]
        if len(w) > width:
            break
        start = j + 1 - len(w)
        rev = (*rev, w.lower())
        if rev not in c.before_rev_prefixes:  # holds every accepted sequence too
            break
        hit = c.before_rev.get(rev)
        if hit is not None:
            best = (hit[0], hit[1], start)
        j = start - 1
    return best


#: The characters right before a name -> True when they alone show that no phrase ends there.
_NO_PHRASE: dict[str, bool] = {}


def _first_word_rejects(window: str, c: _Compiled) -> bool:
    """:func:`_before`'s first step on the characters before a name, when they decide it.

    True if the word right before the name (whole inside ``window``, with
    whitespace before it) cannot end a phrase; False if it can, or if the
    window cuts it (then :func:`_before` reads the text itself).  Memoised
    per window string: names follow the same few words over and over.
    """
    if len(_NO_PHRASE) > 100_000:
        _NO_PHRASE.clear()
    j = len(window) - 1
    while j >= 0 and window[j].isspace():
        j -= 1
    k = j
    while k >= 0 and not window[k].isspace():
        k -= 1
    if k < 0:
        return False  # no whitespace before the word inside the window: undecided
    w = window[k + 1 : j + 1]
    return len(w) > c.before_word_len or (w.lower(),) not in c.before_rev_prefixes


def _before_tokens(text: str, s: int, c: _Compiled) -> tuple[str, str, int] | None:
    """:func:`_before` on explicit tokens (a token that runs on past ``s`` counts whole)."""
    starts, words = _tokens_before(text, s, c.before_words + 1)
    k = len(starts)
    for n in range(min(c.before_words + 1, k), 0, -1):
        if words[k - n] not in c.before_first:
            continue
        hit = _phrase_of(words[k - n : k], c.before)
        if hit is not None:
            return hit[0], hit[1], starts[k - n]
    return None


_ROAD_FEATURES = frozenset({"crossroad", "crossroads", "junction", "road", "highway"})


def find_locatives(text: str) -> Locatives:
    """All pattern hits in ``text`` (raw offsets), from one scan for capitalised names."""
    c = compiled()
    names: list[NameHit] = []
    rels: list[RelationHit] = []
    shapes = _name_shapes(text, [m.span() for m in c.name.finditer(text)], c)
    trimmed = [None if sh is None else sh[0] for sh in shapes]
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
        b = _before(text, s, c)
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
        sep = shapes[k][1]  # where the first word ends if it is a name prefix ("Tell X")
        if sep is not None and s + sep < e:
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
            if s2 - e <= 3 and c.dash_gap.fullmatch(text, e, s2):  # the gap is at most " – "
                a2 = c.after.match(text, e2)
                if a2 is not None and a2.group("feat") and a2.group("feat").lower() in _ROAD_FEATURES:
                    names.append(NameHit(s, a2.end(), "road", "crossroad"))
                    rels.append(RelationHit(s, e, "near", s))
                    rels.append(RelationHit(s2, e2, "near", s))
    for m in c.road.finditer(text):
        names.append(NameHit(m.start("name"), m.end("name"), "road", "road"))
    return Locatives(names, rels, [t for t in trimmed if t is not None])
