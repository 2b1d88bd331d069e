"""Geoparsing: place mentions in text, resolved to gazetteer places with document context.

Steps (each a small function below):

1. **Gazetteer hits** — every gazetteer name in the folded candidate runs
   (:mod:`frontline.geo.candidates`, :class:`frontline.text.Matcher`), kept only with capitalisation evidence
   in the raw text, not when the hit is a common English word at the start
   of a sentence, and not when a small place's name is only part of a longer
   capitalised name ("Tell" inside "Tell Qarnun").
2. **Pattern names** — locative patterns (:mod:`frontline.geo.patterns`)
   add names no gazetteer holds, each list item separately, and give hints
   (feature type, "X province", "north of X", "near X").
3. **Disambiguation** (:mod:`frontline.geo.resolve`) — priors first, then a
   second pass that rewards candidates near the document's unambiguous
   places; a small place that lies far from a stated reference ("Near
   X city, … liberated A, B, C") or from the rest of its list is taken
   to be a homonym elsewhere and coded at the reference instead.
4. **Unresolved names** keep their span and are coded at the nearest stated
   reference (geo_precision 2, ``relation`` and ``reference`` set,
   ``resolved=False``) — as ACLED codes "near X".
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from frontline.geo.candidates import candidates
from frontline.geo.gazetteer import Gazetteer, default_gazetteer
from frontline.geo.patterns import Locatives, NameHit, compiled, find_locatives, load_locatives
from frontline.geo.resolve import (
    ANCHOR_AREAS,
    AREA_TYPES,
    HINT_AGREES,
    SMALL_TYPES,
    W_ADMIN_HINT,
    W_ANCHOR_MARGIN,
    W_AREA_ANCHOR_MARGIN,
    W_CONTAINER,
    W_HINT,
    W_PRIMARY_NAME,
    W_SEAT,
    Anchor,
    context_score,
    direction_agrees,
    haversine_km,
    precision_for,
    softmax_confidence,
)
from frontline.model import Document, Place, PlaceMention
from frontline.paths import PACKAGE_DATA
from frontline.text.normalize import index_key

COMMON_WORDS_PATH: Path = PACKAGE_DATA / "gazetteer" / "common_words.txt"
STOP_WORDS_PATH: Path = PACKAGE_DATA / "gazetteer" / "stop_words.txt"
_SENT_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n+")
#: Fuzzy (pattern-only) names resolve only above this calibrated score.
FUZZY_MIN = 0.8
#: Bound of each per-gazetteer memo below (cleared when full).
_MEMO_MAX = 100_000


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Folded single words that are common English words as well as place names.

    English stop words come from ``stop_words.txt`` (scikit-learn's list,
    copied at build time: importing scikit-learn costs seconds of start-up).
    """
    words: set[str] = set()
    for path in (STOP_WORDS_PATH, COMMON_WORDS_PATH):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                w = line.strip()
                if w and not w.startswith("#"):
                    words.add(w)
    return frozenset(index_key(w) for w in words)


@lru_cache(maxsize=1)
def _caps_stop() -> frozenset[str]:
    return frozenset(str(w) for w in load_locatives().get("caps_stop", []))


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    return frozenset(index_key(str(w)) for w in load_locatives().get("not_places", []))


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    cands: list[int] = field(default_factory=list)  # gazetteer indices
    fuzzy: dict[int, float] = field(default_factory=dict)  # idx -> calibrated score
    norm: str = ""
    hint: str | None = None  # feature type from a pattern
    list_id: int | None = None
    source: str = "gazetteer"
    relation: str | None = None  # its own relation ("north of <this>")
    admin_hint: bool = False
    #: ("X, Y"): admin1 names / countries of the container Y's candidates
    container: tuple[frozenset[str], frozenset[str]] | None = None
    sent: int = 0
    choice: int | None = None
    confidence: float = 0.0
    scores: list[float] = field(default_factory=list)
    gap: float = 0.0  # first pass: best score minus the runner-up's


def _sentences(text: str, spans: list[tuple[int, int]] | None = None) -> list[int]:
    """Start offsets of sentences (``spans`` from the cleaner if available)."""
    if spans:
        return sorted(s for s, _ in spans)
    starts = [0]
    starts.extend(m.end() for m in _SENT_BREAK.finditer(text))
    return starts


def _capitalised(surface: str) -> bool:
    for ch in surface:
        if ch.isalpha():
            return ch.isupper() or not ("a" <= ch.lower() <= "z" or "\u00c0" <= ch <= "\u024f")
        if ch.isdigit():
            return True
    return False


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;…"


def _inside(regions: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """``inside(start, end)``: does one region hold the whole span?  (bisect, not a scan).

    Body parts come sorted and disjoint; anything else falls back to the scan.
    """
    starts = [a for a, _ in regions]
    ends = [b for _, b in regions]
    if any(b0 > a1 for b0, a1 in zip(ends, starts[1:], strict=False)) or any(a > b for a, b in regions):
        return lambda start, end: any(a <= start and end <= b for a, b in regions)

    def inside(start: int, end: int) -> bool:
        k = bisect.bisect_right(starts, start) - 1
        return k >= 0 and end <= ends[k]

    return inside


@dataclass(slots=True)
class _Shifted:
    """A demonym hit moved back to raw offsets."""

    start: int
    end: int
    keys: tuple[int, ...]
    norm: str


def _gazetteer_mentions(
    text: str, gaz: Gazetteer, regions: list[tuple[int, int]], loc: Locatives, demonyms: bool = False
) -> list[_Mention]:
    # only the runs where a capitalised hit can start are folded and scanned (see candidates.py)
    cand = candidates(text)
    matcher = gaz.matcher
    to_raw = cand.to_raw
    hits = [(to_raw(s), to_raw(e - 1) + 1, h) for s, e, h in matcher.find_spans(cand.text, cand.norm)]
    dem_hits = []
    if demonyms:
        dem_hits = [_Shifted(to_raw(h.start), to_raw(h.end - 1) + 1, h.keys, h.norm)
                    for h in gaz.demonym_matcher.find(cand.text, cand.norm) if _capitalised(h.surface)]
        taken = [(h.start, h.end) for h in dem_hits]
        hits = [h for h in hits if not any(a < h[1] and h[0] < b for a, b in taken)]
    else:
        dem = gaz.demonym_norms
        hits = [h for h in hits if h[2] not in dem]
    names = loc.name_spans
    name_starts = [s for s, _ in names]
    inside = _inside(regions)
    memo = gaz.__dict__.setdefault("_hit_memo", {})
    if len(memo) > _MEMO_MAX:
        memo.clear()
    out: list[_Mention] = []
    for start, end, hnorm in hits:
        if not inside(start, end):
            continue
        surface = text[start:end]
        shape = memo.get((surface, hnorm), False)
        if shape is False:
            shape = memo[surface, hnorm] = _hit_shape(surface, hnorm, gaz)
        if shape is None:
            continue
        initial_check, major, weak = shape
        if initial_check and _sentence_initial(text, start):
            continue
        # embedded in a longer capitalised name?
        j = bisect.bisect_right(name_starts, start) - 1
        if j >= 0:
            ns, ne = names[j]
            # a major place by its own name ("Washington" in "Washington Post") stays;
            # a small place, or a major one by a short alias, is part of another name
            if ns <= start and end <= ne and (ne - ns) > (end - start) and not major:
                extra = (text[ns:start] + " " + text[end:ne]).split()
                feats = compiled().features
                if not all(w.lower() in feats or w.isdigit() for w in extra):
                    continue
        keys = matcher.keys_of(hnorm)
        # a bare one-word neighbourhood name ("Assad") needs a locative cue (see _merge_patterns)
        out.append(_Mention(start, end, list(keys), norm=hnorm, source="weak" if weak else "gazetteer"))
    for h in dem_hits:
        if any(a <= h.start and h.end <= b for a, b in regions):
            out.append(_Mention(h.start, h.end, list(h.keys), norm=h.norm, source="demonym"))
    out.sort(key=lambda m: m.start)
    return out


def _hit_shape(surface: str, hnorm: str, gaz: Gazetteer) -> tuple[bool, bool, bool] | None:
    """What a gazetteer hit's own text decides, memoised per (surface, name) and gazetteer.

    None: never a mention (not capitalised, an all-caps word such as "IS", a
    ``not_places`` word, or a common word whose places are all small).  Else
    ``(drop at a sentence start, a major place by its own name, a bare
    neighbourhood name)`` — the parts that need the surrounding text are
    checked by the caller.
    """
    if not _capitalised(surface):
        return None
    if (surface.isupper() and surface in _caps_stop()) or hnorm in _not_places():
        return None
    keys = gaz.matcher.keys_of(hnorm)
    single = " " not in hnorm
    initial_check = False
    if single and hnorm in common_words() and not (surface.isupper() and len(surface) >= 2):
        if max(gaz.prior(i) for i in keys) < 4.0:
            return None
        initial_check = True
    ftypes = gaz._cols["ftype"]
    major = any(ftypes[i] in ("country", "admin1", "city", "region") and gaz.folded_name(i) == hnorm for i in keys)
    weak = single and all(ftypes[i] == "neighbourhood" for i in keys)
    return initial_check, major, weak


def _merge_patterns(
    text: str, gaz: Gazetteer, mentions: list[_Mention], regions: list[tuple[int, int]], loc: Locatives
) -> list[_Mention]:
    # longest pattern name per overlapping group
    pats = sorted(loc.names, key=lambda h: (h.start, -(h.end - h.start)))
    merged: list[NameHit] = []
    inside = _inside(regions)
    for p in pats:
        if not inside(p.start, p.end):
            continue
        if merged and p.start < merged[-1].end:
            last = merged[-1]
            # a cue stronger than list membership (prefix, feature word) wins
            source = last.source if last.source != "list" else p.source
            lid = last.list_id if last.list_id is not None else p.list_id
            merged[-1] = NameHit(last.start, max(last.end, p.end), last.feature_type or p.feature_type, source, lid)
            continue
        merged.append(p)
    # lists count only if one item is known or carries a feature/prefix cue
    # gazetteer mentions never overlap, so sorted by start they are sorted by end
    # too: bisect says at once that nothing overlaps a pattern name (the usual case)
    starts, ends = [m.start for m in mentions], [m.end for m in mentions]
    disjoint = all(a <= b for a, b in zip(ends, starts[1:], strict=False))

    def touches(p: NameHit) -> bool:
        if not disjoint:
            return True
        k = bisect.bisect_right(ends, p.start)  # the first mention ending after p starts
        return k < len(starts) and starts[k] < p.end

    list_ok: set[int] = set()
    for p in merged:
        if p.list_id is None:
            continue
        if p.source != "list" or (touches(p) and any(m.start < p.end and p.start < m.end for m in mentions)):
            list_ok.add(p.list_id)
    by_span = {(m.start, m.end): m for m in mentions}
    out = list(mentions)
    added: list[_Mention] = []  # pattern names appended below (the bisect does not know them)
    for p in merged:
        if p.source == "list" and p.list_id not in list_ok:
            continue
        if not touches(p) and not any(m.start < p.end and p.start < m.end for m in added):
            inside, overlapping = [], []
        else:
            inside = [m for m in out if p.start <= m.start and m.end <= p.end]
            overlapping = [m for m in out if m.start < p.end and p.start < m.end and m not in inside]
        exact = by_span.get((p.start, p.end))
        if exact is not None:
            exact.hint = exact.hint or p.feature_type
            exact.list_id = p.list_id
            continue
        if overlapping:
            continue
        if inside:
            # a known name inside a longer pattern name: keep the known one if the
            # rest is only a feature word ("X city"), else the longer name wins
            if len(inside) == 1:
                m = inside[0]
                extra = (text[p.start : m.start] + " " + text[m.end : p.end]).split()
                feats = compiled().features
                if all(w.lower() in feats or w.isdigit() for w in extra):
                    m.hint = m.hint or p.feature_type
                    m.list_id = m.list_id or p.list_id
                    continue
            for m in inside:
                out.remove(m)
        new = _Mention(p.start, p.end, hint=p.feature_type, list_id=p.list_id, source=p.source)
        new.norm = index_key(text[p.start : p.end])
        if p.feature_type != "road":
            exact_keys = gaz.lookup(text[p.start : p.end])
            if exact_keys:
                new.cands = list(exact_keys)
            else:
                for idx, score in _fuzzy(gaz, text[p.start : p.end]):
                    new.cands.append(idx)
                    new.fuzzy[idx] = score
        out.append(new)
        added.append(new)
    _attach_relations(out, loc.relations)
    out = [m for m in out if m.source != "weak" or m.relation or m.hint or m.admin_hint or m.list_id is not None]
    out.sort(key=lambda m: m.start)
    return out


def _fuzzy(gaz: Gazetteer, surface: str) -> list[tuple[int, float]]:
    """Fuzzy candidates of a name no gazetteer key holds, memoised per gazetteer.

    WHY: the same unknown names (hills, suburbs, odd spellings) recur in
    report after report, and each lookup scores every same-skeleton name.
    """
    memo = gaz.__dict__.setdefault("_fuzzy_memo", {})
    hit = memo.get(surface)
    if hit is None:
        if len(memo) > _MEMO_MAX:
            memo.clear()
        hit = memo[surface] = gaz.matcher.fuzzy(surface, limit=5, min_score=FUZZY_MIN, exhaustive=False)
    return hit


def _attach_relations(out: list[_Mention], relations) -> None:
    for r in relations:
        for m in out:
            if m.start < r.end and r.start < m.end:
                if r.relation == "in":
                    m.admin_hint = True
                else:
                    m.relation = m.relation or r.relation


def _forced_mentions(text: str, gaz: Gazetteer, spans: list[tuple[int, int]]) -> list[_Mention]:
    """Mentions at given spans (gold-span evaluation): exact folded lookup, else fuzzy."""
    out = []
    for s, e in sorted(set(spans)):
        surface = text[s:e]
        m = _Mention(s, e, norm=index_key(surface), source="given")
        m.cands = list(gaz.lookup(surface))
        dem = gaz.demonym_matcher.keys_for(surface)
        if dem:
            m.cands = list(dem)
        if not m.cands:
            for idx, score in _fuzzy(gaz, surface):
                m.cands.append(idx)
                m.fuzzy[idx] = score
        out.append(m)
    _attach_relations(out, find_locatives(text).relations)
    return out


def _score(
    m: _Mention, gaz: Gazetteer, anchors: list[Anchor], scale: float, ctx: dict[tuple[int, str], float] | None = None
) -> list[float]:
    """Candidate scores of ``m``; ``ctx`` caches the context bonus per place for one document.

    The context bonus depends only on the place and the document's anchors,
    and the same candidates recur under many mentions ("Syria" with and
    without hints), so one document computes it once per place.
    """
    c = gaz._cols
    scores = []
    # an area named like a settlement among the candidates is usually that
    # settlement's district/province (the city "X", not "X governorate")
    seat_names = {gaz.folded_name(i) for i in m.cands if c["ftype"][i] in ("city", "town", "village")}
    for i in m.cands:
        ft = c["ftype"][i]
        s = gaz.prior(i)
        if ft in ("admin1", "admin2", "admin3") and not m.admin_hint and gaz.folded_name(i) in seat_names:
            s -= W_SEAT
        if m.fuzzy:
            s += 3.0 * (m.fuzzy.get(i, 0.0) - 1.0)
        if gaz.folded_name(i) == m.norm:
            s += W_PRIMARY_NAME
        if m.hint and ft in HINT_AGREES.get(m.hint, ()):
            s += W_HINT
        if m.admin_hint and ft in AREA_TYPES:
            s += W_ADMIN_HINT
        if m.container is not None:
            admins, countries = m.container
            if (c["admin1"][i] and c["admin1"][i] in admins) or (c["country"][i] or "") in countries:
                s += W_CONTAINER
        if not anchors:
            pass  # no context yet (first pass): the bonus is 0
        elif ctx is None or (i, m.norm) not in ctx:
            bonus = context_score(i, c["lat"][i], c["lon"][i], c["country"][i] or "", c["admin1"][i], anchors,
                                  scale, m.norm)
            if ctx is not None:
                ctx[i, m.norm] = bonus
            s += bonus
        else:
            s += ctx[i, m.norm]
        scores.append(s)
    return scores


_COMMA = re.compile(r"\s*,\s*")


def _containers(mentions: list[_Mention], gaz: Gazetteer, text: str) -> None:
    """"Springfield, Ill." / "Tal Qarnun, North": the second name contains the first."""
    c = gaz._cols
    for a, b in itertools.pairwise(mentions):
        if not b.cands or not _COMMA.fullmatch(text[a.end : b.start]):
            continue
        areas = [i for i in b.cands if c["ftype"][i] in ("admin1", "country", "admin2")]
        if not areas:
            continue
        admins = frozenset(c["admin1"][i] or c["name"][i] for i in areas if c["ftype"][i] != "country")
        countries = frozenset(c["country"][i] or "" for i in areas if c["ftype"][i] == "country")
        a.container = (admins, countries)
        b.admin_hint = True


def _memo_key(m: _Mention) -> tuple:
    """Everything :func:`_score` reads from a mention: equal keys score equally."""
    return (m.norm, tuple(m.cands), m.hint, m.admin_hint, m.container, tuple(sorted(m.fuzzy.items())))


def _prior_memo(gaz: Gazetteer) -> dict[tuple, tuple[list[float], int, float]]:
    """First-pass results per :func:`_memo_key`, kept for the process.

    WHY: without context a mention's scores depend only on its key, and
    reports name the same places over and over ("Syria", "Idlib province"),
    so most first passes are a dict lookup.  The memo lives on the gazetteer
    (a supplement that changes places drops it).
    """
    memo = gaz.__dict__.setdefault("_prior_scores", {})
    if len(memo) > _MEMO_MAX:
        memo.clear()
    return memo


def _choose(mentions: list[_Mention], gaz: Gazetteer, scale: float, text: str = "") -> None:
    c = gaz._cols
    _containers(mentions, gaz, text)
    prior_memo = _prior_memo(gaz)
    keys: list[tuple | None] = []
    for m in mentions:  # pass 1: priors only
        if not m.cands:
            keys.append(None)
            continue
        key = _memo_key(m)
        keys.append(key)
        hit = prior_memo.get(key)
        if hit is None:
            scores = _score(m, gaz, [], scale)
            srt = sorted(scores, reverse=True)
            gap = srt[0] - srt[1] if len(scores) > 1 else math.inf
            hit = prior_memo[key] = (scores, max(range(len(m.cands)), key=scores.__getitem__), gap)
        m.scores, m.choice, m.gap = hit
    anchors: dict[int, Anchor] = {}
    for m in mentions:
        if m.choice is None:
            continue
        i = m.cands[m.choice]
        # an area that wins at all ("Virginia" the state over a foreign town) is
        # context: the reader takes a bare state/country name as that area
        margin = W_AREA_ANCHOR_MARGIN if c["ftype"][i] in ANCHOR_AREAS else W_ANCHOR_MARGIN
        if len(m.cands) == 1 or m.gap >= margin:
            i = m.cands[m.choice]
            anchors[i] = Anchor(c["lat"][i], c["lon"][i], c["country"][i] or "", c["admin1"][i], i, m.norm)
    anchor_list = list(anchors.values())
    memo: dict[tuple, tuple[list[float], int, float]] = {}
    ctx: dict[tuple[int, str], float] = {}
    lat, lon, country, admin1 = c["lat"], c["lon"], c["country"], c["admin1"]
    for m, key in zip(mentions, keys, strict=True):  # pass 2: with document context
        if key is None:
            continue
        # repeated names with the same hints score the same: compute once.  The
        # context bonus is the last term of the score, so it is added to the
        # first pass's scores (the same float operations as a full rescore).
        done = memo.get(key)
        if done is None:
            scores = m.scores
            if anchor_list:
                bonus = []
                for i in m.cands:
                    b = ctx.get((i, m.norm))
                    if b is None:
                        b = ctx[i, m.norm] = context_score(i, lat[i], lon[i], country[i] or "", admin1[i],
                                                           anchor_list, scale, m.norm)
                    bonus.append(b)
                scores = [s + b for s, b in zip(scores, bonus, strict=True)]
            choice = scores.index(max(scores))  # the first best, as max(range, key=…) picks
            done = memo[key] = (scores, choice, softmax_confidence(scores, choice))
        m.scores, m.choice, m.confidence = done
        if m.fuzzy:
            m.confidence *= m.fuzzy.get(m.cands[m.choice], 0.0)


def _point(gaz: Gazetteer, m: _Mention) -> int | None:
    return None if m.choice is None else m.cands[m.choice]


def _distance_memo(gaz: Gazetteer) -> Callable[[int, int], float]:
    """``dist(i, j)``: great-circle km between two gazetteer places, memoised per gazetteer.

    WHY: the consistency checks compare every small place with every other
    place of its document, and the same pairs (a village and its district
    capital) recur across reports.
    """
    memo: dict[tuple[int, int], float] = gaz.__dict__.setdefault("_dist_memo", {})
    if len(memo) > _MEMO_MAX:
        memo.clear()
    lat, lon = gaz._cols["lat"], gaz._cols["lon"]

    def dist(i: int, j: int) -> float:
        d = memo.get((i, j))
        if d is None:
            d = memo[i, j] = haversine_km(lat[i], lon[i], lat[j], lon[j])
        return d

    return dist


def _check_consistency(mentions: list[_Mention], gaz: Gazetteer, sent_starts: list[int], text: str) -> dict:
    """Reject small places far from a stated reference or from their list; return refs per mention."""
    c = gaz._cols
    params = compiled().params
    radius, outlier = params["reference_radius_km"], params["list_outlier_km"]
    for m in mentions:
        m.sent = bisect.bisect_right(sent_starts, m.start) - 1
    # explicit references per sentence: resolved mentions that carry a relation
    refs: dict[int, list[_Mention]] = {}
    for m in mentions:
        if m.relation and m.choice is not None and m.relation != "in":
            refs.setdefault(m.sent, []).append(m)
    fallback: dict[int, tuple[_Mention, str]] = {}

    dist = _distance_memo(gaz)

    def within(i: int, ref: _Mention) -> bool:
        j = _point(gaz, ref)
        return j is not None and dist(i, j) <= radius

    for k, m in enumerate(mentions):
        if m.choice is None or m.relation:
            continue
        i = m.cands[m.choice]
        ftype = c["ftype"][i]
        hinted_small = m.hint in ("village", "hill", "neighbourhood", "base") or m.list_id is not None
        if ftype in ("country", "admin1", "region") or not (ftype in SMALL_TYPES or hinted_small):
            continue
        sent_refs = [r for r in refs.get(m.sent, []) if r is not m]
        bad_ref = None
        if sent_refs and not any(within(i, r) for r in sent_refs):
            bad_ref = sent_refs[0]
        elif hinted_small:
            others = [p for p in mentions if p is not m and p.choice is not None
                      and c["ftype"][p.cands[p.choice]] != "country" and p.cands[p.choice] != i]
            if len(others) >= 2:
                dists = [dist(i, p.cands[p.choice]) for p in others]
                if min(dists) > params["doc_outlier_km"]:
                    same = [p for p in others if p.sent == m.sent]
                    bad_ref = min(same or others, key=lambda p: abs(p.start - m.start))
        else:
            peers = [p for p in mentions if p is not m and p.list_id is not None and p.list_id == m.list_id
                     and p.choice is not None and c["ftype"][p.cands[p.choice]] in SMALL_TYPES]
            if len(peers) >= 2:
                dists = [dist(i, p.cands[p.choice]) for p in peers]
                if min(dists) > outlier:
                    bad_ref = peers[dists.index(min(dists))]
        if bad_ref is None:
            continue
        # another candidate that fits?  else unresolved at the reference
        alts = [n for n, j in enumerate(m.cands) if n != m.choice and within(j, bad_ref)]
        if alts:
            m.choice = max(alts, key=m.scores.__getitem__)
            continue
        m.choice = None
        fallback[k] = (bad_ref, "near")
    # direction check for relation targets is implicit (the reference itself is resolved)
    return fallback


def _nearest_reference(mentions: list[_Mention], k: int, gaz: Gazetteer) -> tuple[_Mention, str] | None:
    m = mentions[k]
    same = [p for p in mentions if p is not m and p.sent == m.sent and p.choice is not None]
    explicit = [p for p in same if p.relation and p.relation != "in"]
    pool = explicit or [p for p in same if gaz._cols["ftype"][p.cands[p.choice]] != "country"]
    if not pool:
        return None
    best = min(pool, key=lambda p: abs(p.start - m.start))
    rel = best.relation if best.relation and best.relation != "in" else "near"
    return best, rel


def geoparse_text(
    text: str,
    spans: list[tuple[int, int]] | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    sentences: list[tuple[int, int]] | None = None,
    mention_spans: list[tuple[int, int]] | None = None,
    demonyms: bool = False,
) -> list[PlaceMention]:
    """Place mentions of ``text`` (only inside ``spans`` if given), resolved with context.

    ``mention_spans`` skips recognition and resolves exactly those spans
    (what "given gold toponyms" evaluations measure).  ``demonyms`` makes
    "French", "German" mentions of their country (the geoparsing corpora
    count them; frontline's pipeline does not, since "French forces" names
    an actor, not a place).
    """
    gaz = gazetteer or default_gazetteer()
    regions = spans or [(0, len(text))]
    if mention_spans is not None:
        mentions = _forced_mentions(text, gaz, mention_spans)
    else:
        loc = find_locatives(text)
        mentions = _gazetteer_mentions(text, gaz, regions, loc, demonyms)
        mentions = _merge_patterns(text, gaz, mentions, regions, loc)
    scale = compiled().params["context_scale_km"]
    _choose(mentions, gaz, scale, text)
    sent_starts = _sentences(text, sentences)
    fallback = _check_consistency(mentions, gaz, sent_starts, text)
    out: list[PlaceMention] = []
    c = gaz._cols
    ids = c["id"]
    ranked: dict[tuple, list[tuple[str, float]]] = {}  # repeated names share their scores list
    for k, m in enumerate(mentions):
        rkey = (id(m.scores), tuple(m.cands))
        cand_list = ranked.get(rkey)
        if cand_list is None:
            cand_list = [(ids[i], round(s, 3)) for i, s in zip(m.cands, m.scores or [0.0] * len(m.cands),
                                                               strict=False)]
            cand_list.sort(key=lambda t: -t[1])
            ranked[rkey] = cand_list
        surface = text[m.start : m.end]
        if m.choice is not None:
            place = gaz.place(m.cands[m.choice])
            prec = precision_for(place.feature_type)
            relation, reference = None, None
            if m.relation and m.relation != "in":
                relation, reference = m.relation, place
                prec = max(prec, 2)
            out.append(PlaceMention(m.start, m.end, surface, place, prec, round(m.confidence, 3), relation,
                                    reference, cand_list[:5], True))
            continue
        ref = fallback.get(k) or _nearest_reference(mentions, k, gaz)
        if ref is not None and ref[0].choice is not None:
            rplace = gaz.place(ref[0].cands[ref[0].choice])
            prec = 3 if rplace.feature_type in ("country", "admin1", "region") else 2
            rel = "on" if m.hint == "road" and ref[1] == "near" else ref[1]
            out.append(PlaceMention(m.start, m.end, surface, rplace, prec, 0.3, rel, rplace, cand_list[:5],
                                    False))
        else:
            out.append(PlaceMention(m.start, m.end, surface, None, 3, 0.0, None, None, cand_list[:5], False))
    return out


def geoparse_document(doc: Document) -> Document:
    """Pipeline stage: fill ``doc.place_mentions`` from the body parts (whole text if none)."""
    spans = [(p.start, p.end) for p in doc.body_spans] or None
    sents = [(s.start, s.end) for s in doc.sentences] or None
    doc.place_mentions = geoparse_text(doc.text, spans, sentences=sents)
    return doc


def direction_ok(relation: str, ref: Place, place: Place) -> bool:
    """Public helper: does ``place`` lie in the ``relation`` direction of ``ref``?"""
    return direction_agrees(relation, ref.lat, ref.lon, place.lat, place.lon)
