"""Geoparsing: place mentions in text, resolved to gazetteer places with document context.

Steps (each a small function below):

1. **Gazetteer hits** — every gazetteer name in the folded text
   (:class:`frontline.text.Matcher`), kept only with capitalisation evidence
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
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

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
from frontline.text.normalize import index_key, normalize

COMMON_WORDS_PATH: Path = PACKAGE_DATA / "gazetteer" / "common_words.txt"
STOP_WORDS_PATH: Path = PACKAGE_DATA / "gazetteer" / "stop_words.txt"
_SENT_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n+")
#: Fuzzy (pattern-only) names resolve only above this calibrated score.
FUZZY_MIN = 0.8


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


def _gazetteer_mentions(
    text: str, gaz: Gazetteer, regions: list[tuple[int, int]], loc: Locatives, demonyms: bool = False
) -> list[_Mention]:
    norm = normalize(text)
    hits = gaz.matcher.find(text, norm)
    dem_hits = []
    if demonyms:
        dem_hits = [h for h in gaz.demonym_matcher.find(text, norm) if _capitalised(h.surface)]
        taken = [(h.start, h.end) for h in dem_hits]
        hits = [h for h in hits if not any(a < h.end and h.start < b for a, b in taken)]
    else:
        hits = [h for h in hits if h.norm not in gaz.demonym_norms]
    common = common_words()
    caps_stop = _caps_stop()
    not_places = _not_places()
    names = loc.name_spans
    name_starts = [s for s, _ in names]
    out: list[_Mention] = []
    for h in hits:
        if not any(a <= h.start and h.end <= b for a, b in regions):
            continue
        surface = h.surface
        if not _capitalised(surface):
            continue
        single = " " not in h.norm
        if (surface.isupper() and surface in caps_stop) or h.norm in not_places:
            continue
        if single and h.norm in common and not (surface.isupper() and len(surface) >= 2):
            if _sentence_initial(text, h.start):
                continue
            if max(gaz.prior(i) for i in h.keys) < 4.0:
                continue
        # embedded in a longer capitalised name?
        j = bisect.bisect_right(name_starts, h.start) - 1
        if j >= 0:
            ns, ne = names[j]
            if ns <= h.start and h.end <= ne and (ne - ns) > (h.end - h.start):
                # a major place by its own name ("Washington" in "Washington Post") stays;
                # a small place, or a major one by a short alias, is part of another name
                major = any(
                    gaz._cols["ftype"][i] in ("country", "admin1", "city", "region")
                    and gaz.folded_name(i) == h.norm
                    for i in h.keys
                )
                if not major:
                    extra = (text[ns : h.start] + " " + text[h.end : ne]).split()
                    feats = compiled().features
                    if not all(w.lower() in feats or w.isdigit() for w in extra):
                        continue
        if single and all(gaz._cols["ftype"][i] == "neighbourhood" for i in h.keys):
            # a bare one-word neighbourhood name ("Assad") needs a locative cue (see _merge_patterns)
            out.append(_Mention(h.start, h.end, list(h.keys), norm=h.norm, source="weak"))
            continue
        out.append(_Mention(h.start, h.end, list(h.keys), norm=h.norm))
    for h in dem_hits:
        if any(a <= h.start and h.end <= b for a, b in regions):
            out.append(_Mention(h.start, h.end, list(h.keys), norm=h.norm, source="demonym"))
    out.sort(key=lambda m: m.start)
    return out


def _merge_patterns(
    text: str, gaz: Gazetteer, mentions: list[_Mention], regions: list[tuple[int, int]], loc: Locatives
) -> list[_Mention]:
    # longest pattern name per overlapping group
    pats = sorted(loc.names, key=lambda h: (h.start, -(h.end - h.start)))
    merged: list[NameHit] = []
    for p in pats:
        if not any(a <= p.start and p.end <= b for a, b in regions):
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
    list_ok: set[int] = set()
    for p in merged:
        if p.list_id is None:
            continue
        if p.source != "list" or any(m.start < p.end and p.start < m.end for m in mentions):
            list_ok.add(p.list_id)
    by_span = {(m.start, m.end): m for m in mentions}
    out = list(mentions)
    for p in merged:
        if p.source == "list" and p.list_id not in list_ok:
            continue
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
                for idx, score in gaz.matcher.fuzzy(text[p.start : p.end], limit=5, min_score=FUZZY_MIN,
                                                    exhaustive=False):
                    new.cands.append(idx)
                    new.fuzzy[idx] = score
        out.append(new)
    _attach_relations(out, loc.relations)
    out = [m for m in out if m.source != "weak" or m.relation or m.hint or m.admin_hint or m.list_id is not None]
    out.sort(key=lambda m: m.start)
    return out


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
            for idx, score in gaz.matcher.fuzzy(surface, limit=5, min_score=FUZZY_MIN, exhaustive=False):
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


def _choose(mentions: list[_Mention], gaz: Gazetteer, scale: float, text: str = "") -> None:
    c = gaz._cols
    _containers(mentions, gaz, text)
    prior_memo: dict[tuple, list[float]] = {}
    for m in mentions:  # pass 1: priors only
        if m.cands:
            key = _memo_key(m)
            if key not in prior_memo:
                prior_memo[key] = _score(m, gaz, [], scale)
            m.scores = prior_memo[key]
            m.choice = max(range(len(m.cands)), key=m.scores.__getitem__)
    anchors: dict[int, Anchor] = {}
    for m in mentions:
        if m.choice is None:
            continue
        srt = sorted(m.scores, reverse=True)
        i = m.cands[m.choice]
        # an area that wins at all ("Virginia" the state over a foreign town) is
        # context: the reader takes a bare state/country name as that area
        margin = W_AREA_ANCHOR_MARGIN if c["ftype"][i] in ANCHOR_AREAS else W_ANCHOR_MARGIN
        if len(m.cands) == 1 or srt[0] - srt[1] >= margin:
            i = m.cands[m.choice]
            anchors[i] = Anchor(c["lat"][i], c["lon"][i], c["country"][i] or "", c["admin1"][i], i, m.norm)
    anchor_list = list(anchors.values())
    memo: dict[tuple, list[float]] = {}
    ctx: dict[tuple[int, str], float] = {}
    for m in mentions:  # pass 2: with document context
        if not m.cands:
            continue
        # repeated names with the same hints score the same: compute once
        key = _memo_key(m)
        if key not in memo:
            memo[key] = _score(m, gaz, anchor_list, scale, ctx)
        m.scores = memo[key]
        m.choice = max(range(len(m.cands)), key=m.scores.__getitem__)
        m.confidence = softmax_confidence(m.scores, m.choice)
        if m.fuzzy:
            m.confidence *= m.fuzzy.get(m.cands[m.choice], 0.0)


def _point(gaz: Gazetteer, m: _Mention) -> int | None:
    return None if m.choice is None else m.cands[m.choice]


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

    def within(i: int, ref: _Mention) -> bool:
        j = _point(gaz, ref)
        return j is not None and haversine_km(c["lat"][i], c["lon"][i], c["lat"][j], c["lon"][j]) <= radius

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
                dists = [haversine_km(c["lat"][i], c["lon"][i], c["lat"][p.cands[p.choice]],
                                      c["lon"][p.cands[p.choice]]) for p in others]
                if min(dists) > params["doc_outlier_km"]:
                    same = [p for p in others if p.sent == m.sent]
                    bad_ref = min(same or others, key=lambda p: abs(p.start - m.start))
        else:
            peers = [p for p in mentions if p is not m and p.list_id is not None and p.list_id == m.list_id
                     and p.choice is not None and c["ftype"][p.cands[p.choice]] in SMALL_TYPES]
            if len(peers) >= 2:
                dists = [haversine_km(c["lat"][i], c["lon"][i], c["lat"][p.cands[p.choice]],
                                      c["lon"][p.cands[p.choice]]) for p in peers]
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
    for k, m in enumerate(mentions):
        cand_list = [(c["id"][i], round(s, 3)) for i, s in zip(m.cands, m.scores or [0.0] * len(m.cands),
                                                                 strict=False)]
        cand_list.sort(key=lambda t: -t[1])
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
