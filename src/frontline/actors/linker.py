"""Find actor mentions in body text and link them to the registry or to a side.

Order of work, and why:

1. **Attributions first.**  "sources loyal to Idlib groups" names a *source*;
   if the actor matcher ran first, "Idlib groups" would become an armed actor
   of the sentence.  Source spans are found with the patterns in
   ``data/actors/sources.yaml`` and everything inside them becomes one
   ``role="source"`` mention.
2. **Dictionary matching** (shared :class:`frontline.text.Matcher`, the same
   normalisation as places) over registry names, generic descriptors
   ("pro-Assad forces") and demonym + military/government heads
   ("Turkish artillery", "the Russian leadership"), longest match first, so
   "Syrian government forces" beats "government forces".
3. **Abbreviations** case-sensitively ("SDF", "IS" but not "is").
4. **Capitalised sequences** not yet matched: a calibrated fuzzy lookup links
   misspellings ("Hayat Tahir al Sham"); organisation-shaped leftovers become
   unknown candidates (``actor_id=None``); "President X" becomes a person.
5. **Short coreference** ("the group", "the army", "it said") within a
   paragraph, to the nearest earlier actor of a compatible kind.

Every mention keeps raw offsets, so ``text[start:end] == mention.text``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from frontline.actors.fuzzy import load_actor_calibration
from frontline.actors.interaction import NotAnArmedActor, inter_code
from frontline.actors.lexicon import Candidates, Descriptors, Sources, candidates, descriptors, sources
from frontline.actors.phrases import capitalised_sequences
from frontline.actors.registry import SOURCE_KINDS, Actor, Registry, registry
from frontline.actors.scan import AnchoredPatterns, Keywords, folded_for_anchors, match_at
from frontline.model import ActorMention, Document
from frontline.text import Matcher, normalize, normalize_name
from frontline.text.normalize import index_key

#: Confidence of an exact registry name / a case-sensitive abbreviation.
NAME_CONFIDENCE = 1.0
ABBREV_CONFIDENCE = 0.9
UNKNOWN_ORG_CONFIDENCE = 0.3
UNKNOWN_PERSON_CONFIDENCE = 0.5

#: An Arabic article folded away by normalisation ("al-Qaeda" matches as
#: "Qaeda"); put back into the surface so the span shows the whole name.
_LEFT_ARTICLE = re.compile(r"(?<![\w])(?:(?:[Aa]l|AL|[Ee]l)[-‐ ]|[Aa](?:sh|s|n|d|r|t|z)[-‐])")
#: Kinds a demonym can stand for ("Syrian and Russian jets").
_STATE_KINDS = frozenset({"state_force", "unit", "government"})
_NEXT_WORD = re.compile(r"[ \t]+([\w'-]+)")


@dataclass(frozen=True, slots=True)
class _Linker:
    reg: Registry
    matcher: Matcher
    names: Matcher
    abbrev: re.Pattern[str] | None
    abbrev_map: dict[str, str]
    demonym: re.Pattern[str] | None
    demonym_map: dict[str, str]
    desc: Descriptors
    src: Sources
    cand: Candidates
    groups: dict[str, object]
    titles: re.Pattern[str]
    coref: tuple[tuple[re.Pattern[str], object], ...]
    #: Folded names whose first word normalisation deletes ("US soldiers" →
    #: "soldirs"): the raw text must show that word, case-sensitively.
    fragile: dict[str, str]
    #: Folded registry names, for the exact "can fuzzy match at all?" bound.
    fuzzy_keys: tuple[str, ...] = ()
    #: Lowest folded-string ratio (0-100) a name needs to reach
    #: ``fuzzy_min_score`` whatever its skeleton ratio (see :func:`_fuzzy_floor`).
    fuzzy_floor: float = 0.0
    #: Surface -> fuzzy result; names recur across reports (bounded).
    fuzzy_cache: dict[str, tuple[str, float] | None] = field(default_factory=dict)
    #: The attribution patterns, tried only where they can match.
    anchored: AnchoredPatterns | None = None
    #: Title and abbreviation literals (case-sensitive): where those regexes can match.
    literals: Keywords | None = None
    #: Lower-case coreference phrases per rule (None when a phrase is not ASCII).
    coref_words: Keywords | None = None


def _fuzzy_floor(cal: object, min_score: float) -> float:
    """The folded-string ratio (0-100) below which no name can pass ``min_score``.

    The calibrated probability is ``sigmoid(bias + w_ratio*r + w_skeleton*sk)``
    with both similarities at most 1, so a name needs
    ``r >= (logit(min_score) - bias - max(w_skeleton, 0)) / w_ratio``.  One
    cheap ``extractOne`` against that cutoff rules out most capitalised
    phrases before the exhaustive lookup (which scores every registry name
    twice).  Returns 0 (no pre-filter) when the curve is not of that shape.
    """
    bias, wr, ws = (getattr(cal, k, None) for k in ("bias", "w_ratio", "w_skeleton"))
    if not all(isinstance(v, int | float) for v in (bias, wr, ws)) or wr <= 0 or not 0.0 < min_score < 1.0:
        return 0.0
    logit = math.log(min_score / (1.0 - min_score))
    r_min = min(1.0, (logit - bias - max(ws, 0.0)) / wr)
    return max(0.0, 100.0 * r_min - 1e-6)


@lru_cache(maxsize=2)
def _linker(path: str | None = None) -> _Linker:
    reg = registry(path)
    desc, src, cand = descriptors(), sources(), candidates()
    entries: list[tuple[str, tuple[str, str]]] = []
    for a in reg.actors.values():
        for n in a.names:
            entries.append((n, ("actor", a.id)))
    demonym_map: dict[str, str] = {}
    for a in reg.of_kind("state_force"):
        gov = reg.government_of(a.country) if a.country else None
        for d in a.demonyms:
            demonym_map[d] = a.id
            for h in desc.military_heads:
                entries.append((f"{d} {h}", ("mil", a.id)))
            if gov:
                for h in desc.government_heads:
                    entries.append((f"{d} {h}", ("gov", gov.id)))
    groups = {g.id: g for g in desc.groups}
    for g in desc.groups:
        for p in g.phrases:
            entries.append((p, ("desc", g.id)))
    abbrev_map = {ab: a.id for a in reg.actors.values() for ab in a.abbreviations}
    abbrev = (
        re.compile(
            r"(?<![\w\-])("
            + "|".join(sorted(map(re.escape, abbrev_map), key=len, reverse=True))
            + r")(?![\w\-])"
        )
        if abbrev_map
        else None
    )
    demonym = (
        re.compile(r"\b(" + "|".join(sorted(map(re.escape, demonym_map), key=len, reverse=True)) + r")\b")
        if demonym_map
        else None
    )
    titles = re.compile(
        r"\b(?:" + "|".join(sorted((re.escape(t) for t in cand.person_titles), key=len, reverse=True)) + r")"
        r"\s+((?:[A-Z][\w'’\-]+\s+){0,3}[A-Z][\w'’\-]+)"
    )
    coref = tuple(
        (
            re.compile(
                r"(?<![\w\-])("
                + "|".join(sorted((re.escape(p) for p in rule.phrases), key=len, reverse=True))
                + r")(?![\w\-])",
                re.IGNORECASE,
            ),
            rule,
        )
        for rule in desc.coreference
    )
    names = Matcher(list(iter_registry_names(reg)), calibration=load_actor_calibration())
    fragile: dict[str, str] = {}
    for name, _key in entries:
        first = name.split()[0]
        folded = normalize_name(name)
        if not folded.startswith(normalize_name(first)):
            fragile[folded] = first
    fuzzy_keys = tuple(dict.fromkeys(index_key(n) for n, _aid in iter_registry_names(reg)))
    return _Linker(
        reg,
        Matcher(entries),
        names,
        abbrev,
        abbrev_map,
        demonym,
        demonym_map,
        desc,
        src,
        cand,
        groups,
        titles,
        coref,
        fragile,
        fuzzy_keys,
        _fuzzy_floor(names.calibration, cand.fuzzy_min_score),
        anchored=AnchoredPatterns(src),
        literals=Keywords({"title": cand.person_titles, "abbr": abbrev_map}),
        coref_words=(
            Keywords({str(i): [p.lower() for p in rule.phrases] for i, rule in enumerate(desc.coreference)})
            if all(p.isascii() for rule in desc.coreference for p in rule.phrases)
            else None
        ),
    )


_FUZZY_CACHE_MAX = 50_000


def _fuzzy_actor(surface: str, lk: _Linker) -> tuple[str, float] | None:
    """Best registry actor for a capitalised phrase by calibrated fuzzy match, or None.

    Same answer as ``lk.names.fuzzy(surface, limit=1, min_score=...)``: the
    floor only skips phrases that provably cannot reach the minimum score,
    and results are memoised per surface string.
    """
    cache = lk.fuzzy_cache
    if surface in cache:
        return cache[surface]
    hit: tuple[str, float] | None = None
    if lk.fuzzy_floor <= 0.0 or process.extractOne(
        index_key(surface), lk.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=lk.fuzzy_floor
    ) is not None:
        hits = lk.names.fuzzy(surface, limit=1, min_score=lk.cand.fuzzy_min_score)
        hit = hits[0] if hits else None
    if len(cache) >= _FUZZY_CACHE_MAX:
        cache.clear()
    cache[surface] = hit
    return hit


@lru_cache(maxsize=65_536)
def _folded_len(surface: str) -> int:
    """Length of a phrase after name folding (memoised: the same names recur)."""
    return len(normalize(surface).text.strip())


def iter_registry_names(reg: Registry) -> Iterable[tuple[str, str]]:
    for a in reg.actors.values():
        for n in a.names:
            yield n, a.id


# -- mention constructors ----------------------------------------------------
def _from_actor(
    text: str, s: int, e: int, actor: Actor, reg: Registry, conf: float, *, descriptor: bool = False
) -> ActorMention:
    if actor.is_person:
        role, code = "person", None
    elif actor.is_source:
        role, code = "source", None
    else:
        role = "actor"
        try:
            code = inter_code(actor, reg=reg)
        except NotAnArmedActor:
            code = None
    return ActorMention(
        start=s,
        end=e,
        text=text[s:e],
        actor_id=actor.id,
        name=actor.name,
        side=actor.side,
        kind=actor.kind,
        inter_code=code,
        confidence=conf,
        descriptor=descriptor,
        role=role,
        parent_id=actor.parent or actor.affiliation,
    )


def _from_group(text: str, s: int, e: int, group, reg: Registry) -> ActorMention:
    if group.actor:
        m = _from_actor(text, s, e, reg.get(group.actor), reg, group.confidence, descriptor=True)
        m.side = group.side
        return m
    return ActorMention(
        start=s,
        end=e,
        text=text[s:e],
        actor_id=None,
        side=group.side,
        kind=group.kind,
        inter_code=group.inter,
        confidence=group.confidence,
        descriptor=True,
        role="actor",
    )


def _overlaps(s: int, e: int, taken: Sequence[tuple[int, int]]) -> bool:
    return any(s < te and ts < e for ts, te in taken)


# -- steps -------------------------------------------------------------------
def _source_spans(region: str, base: int, lk: _Linker) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    anchored = lk.anchored or AnchoredPatterns(lk.src)
    for _i, m in anchored.finditer(region):
        s, e = m.span("src")
        # trim outer spaces and a leading article so the surface is clean
        while s < e and region[s].isspace():
            s += 1
        while e > s and region[e - 1].isspace():
            e -= 1
        if e - s >= 2:
            spans.append((base + s, base + e))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _dictionary(text: str, region: str, base: int, lk: _Linker) -> list[ActorMention]:
    out: list[ActorMention] = []
    reg = lk.reg
    for m in lk.matcher.find(region):
        cats = {k[0]: k[1] for k in reversed(m.keys)}
        s, e = base + m.start, base + m.end
        article = _LEFT_ARTICLE.search(text, max(base, s - 4), s)
        if article is not None and article.end() == s:
            s = article.start()
        need = lk.fragile.get(m.norm)
        if need is not None and not m.surface.startswith(need):
            before = re.search(re.escape(need) + r"[\s\-]+$", text[max(base, s - len(need) - 3) : s])
            if before is None:
                continue
            s -= len(before.group(0))
        if "actor" in cats:
            out.append(_from_actor(text, s, e, reg.get(cats["actor"]), reg, NAME_CONFIDENCE))
        elif "gov" in cats:
            out.append(
                _from_actor(
                    text, s, e, reg.get(cats["gov"]), reg, lk.desc.government_confidence, descriptor=True
                )
            )
        elif "mil" in cats:
            out.append(
                _from_actor(
                    text, s, e, reg.get(cats["mil"]), reg, lk.desc.military_confidence, descriptor=True
                )
            )
        elif "desc" in cats:
            nxt = _NEXT_WORD.match(text, e)
            if nxt and nxt.group(1).lower() in lk.desc.adjectival_followers:
                continue
            out.append(_from_group(text, s, e, lk.groups[cats["desc"]], reg))
    return out


def _coordinated(text: str, mentions: list[ActorMention], lk: _Linker) -> list[ActorMention]:
    """ "Syrian and Russian warplanes": the left demonyms share the head noun."""
    if lk.demonym is None:
        return []
    left_rx = _coordination_rx(lk.desc.coordinators, tuple(lk.demonym_map))
    extra: list[ActorMention] = []
    for m in mentions:
        if (
            m.actor_id is None
            or m.role != "actor"
            or m.kind not in _STATE_KINDS
            or not lk.demonym.match(m.text)
        ):
            continue
        pos = m.start
        while True:
            window = text[max(0, pos - 40) : pos]
            hit = left_rx.search(window)
            if not hit:
                break
            s = pos - len(window) + hit.start(1)
            e = pos - len(window) + hit.end(1)
            actor = lk.reg.get(lk.demonym_map[hit.group(1)])
            if m.kind == "government" and actor.country:
                actor = lk.reg.government_of(actor.country) or actor
            extra.append(_from_actor(text, s, e, actor, lk.reg, m.confidence * 0.95, descriptor=True))
            pos = s
    return extra


@lru_cache(maxsize=4)
def _coordination_rx(coordinators: Sequence[str], demonyms: tuple[str, ...]) -> re.Pattern[str]:
    """ "Syrian and " before a head: compiled once (it was rebuilt for every line)."""
    coord = "|".join(re.escape(c) for c in coordinators)
    dem = "|".join(sorted(map(re.escape, demonyms), key=len, reverse=True))
    return re.compile(r"\b(" + dem + r")\s*(?:" + coord + r")\s*$")


def _abbreviations(
    text: str, region: str, base: int, lk: _Linker, starts: dict[str, list[int]] | None = None
) -> list[ActorMention]:
    if lk.abbrev is None:
        return []
    out = []
    hits = lk.abbrev.finditer(region) if starts is None else match_at(lk.abbrev, region, starts.get("abbr", ()))
    for m in hits:
        actor = lk.reg.get(lk.abbrev_map[m.group(1)])
        out.append(_from_actor(text, base + m.start(1), base + m.end(1), actor, lk.reg, ABBREV_CONFIDENCE))
    return out


def _capitalised(
    text: str, region: str, base: int, taken: list[tuple[int, int]], lk: _Linker
) -> list[ActorMention]:
    out: list[ActorMention] = []
    cand = lk.cand
    covered = _coverage(taken, base, len(region))
    for s, e, words in capitalised_sequences(region, cand, min_words=2):
        rs, re_ = base + s, base + e
        if covered.find(1, s, e) >= 0:  # overlaps a mention already found
            continue
        surface = region[s:e]
        if len(words) >= 2 and _folded_len(surface) >= cand.fuzzy_min_chars:
            hit = _fuzzy_actor(surface, lk)
            if hit is not None:
                aid, score = hit
                out.append(_from_actor(text, rs, re_, lk.reg.get(aid), lk.reg, round(score, 3)))
                continue
        orgish = any(w in cand.org_heads for w in words[1:] + words[:1] if len(words) > 1) or (
            words[0] in cand.org_prefixes and len(words) > 1
        )
        if not orgish and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
            nxt = _NEXT_WORD.match(region, e)
            if nxt and nxt.group(1).lower() in lk.src.reporting_verbs:
                # "Karl Ovesen said": a named speaker, not an organisation
                out.append(
                    ActorMention(
                        start=rs, end=re_, text=text[rs:re_], actor_id=None, confidence=0.4, role="person"
                    )
                )
                continue
        if orgish and len(words) >= 2:
            out.append(
                ActorMention(
                    start=rs,
                    end=re_,
                    text=text[rs:re_],
                    actor_id=None,
                    confidence=UNKNOWN_ORG_CONFIDENCE,
                    role="actor",
                )
            )
    return out


def _coverage(taken: list[tuple[int, int]], base: int, size: int) -> bytearray:
    """1 at every line offset inside a taken span (one C-speed ``find`` per overlap test).

    Same answer as :func:`_overlaps` for taken spans that are mentions
    (never empty), which is what the linker passes.
    """
    covered = bytearray(size)
    for ts, te in taken:
        a, b = max(ts - base, 0), min(te - base, size)
        if a < b:
            covered[a:b] = b"\x01" * (b - a)
    return covered


def _persons(
    text: str,
    region: str,
    base: int,
    taken: list[tuple[int, int]],
    lk: _Linker,
    starts: dict[str, list[int]] | None = None,
) -> list[ActorMention]:
    out = []
    hits = lk.titles.finditer(region) if starts is None else match_at(lk.titles, region, starts.get("title", ()))
    for m in hits:
        s, e = base + m.start(1), base + m.end(1)
        if _overlaps(s, e, taken) or any(w in lk.cand.org_heads for w in m.group(1).split()):
            continue
        out.append(
            ActorMention(
                start=s,
                end=e,
                text=text[s:e],
                actor_id=None,
                confidence=UNKNOWN_PERSON_CONFIDENCE,
                role="person",
            )
        )
    return out


def _attach_sources(
    text: str, spans: list[tuple[int, int]], mentions: list[ActorMention], lk: _Linker
) -> list[ActorMention]:
    """One source mention per attribution span; the mentions inside it are absorbed."""
    grown = []
    for s, e in spans:
        # a span cut inside a name ("Agency" of "Anadolu Agency said") takes the whole name
        for m in mentions:
            if m.start < e and s < m.end:
                s, e = min(s, m.start), max(e, m.end)
        grown.append((s, e))
    spans = grown
    kept = [m for m in mentions if not _overlaps(m.start, m.end, spans)]
    for s, e in spans:
        inner = [m for m in mentions if s <= m.start and m.end <= e]
        named = [m for m in inner if m.actor_id and not m.descriptor]
        src = ActorMention(
            start=s, end=e, text=text[s:e], actor_id=None, confidence=0.8, role="source", descriptor=True
        )
        if len(named) == 1:
            a = lk.reg.get(named[0].actor_id)
            src.actor_id, src.name, src.kind, src.side, src.descriptor = a.id, a.name, a.kind, a.side, False
        else:
            words = re.findall(r"[\w-]+", text[s:e].lower())
            side = next((lk.src.qualifiers[w] for w in words if lk.src.qualifiers.get(w)), None)
            if side is None:
                side = next((m.side for m in inner if m.side), None)
            src.side = side
        kept.append(src)
    return kept


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines of a part (paragraph fallback when cleaning gave none)."""
    out = []
    pos = start
    for line in text[start:end].split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _resolve_coref(
    text: str,
    para: tuple[int, int],
    mentions: list[ActorMention],
    sent_starts: list[int],
    lk: _Linker,
    starts: list[int] | None = None,
    where: dict[str, list[int]] | None = None,
) -> list[ActorMention]:
    """Replace/add anaphors ("the group", "it said") with their antecedent's identity.

    ``starts`` (the start of every mention, ``mentions`` being sorted by
    start) and ``where`` (per rule, the offsets where one of its phrases
    occurs, lower-cased) only save work; the answer is the same without them.
    """
    ps, pe = para
    if starts is None:
        in_para = sorted((m for m in mentions if ps <= m.start and m.end <= pe), key=lambda m: m.start)
    else:  # ``mentions`` is sorted by start and ``starts`` holds their starts
        lo, hi = bisect_left(starts, ps), bisect_left(starts, pe)
        in_para = [m for m in mentions[lo:hi] if m.end <= pe]
    added: list[ActorMention] = []
    for i, (rx, rule) in enumerate(lk.coref):
        if where is None:
            hits = rx.finditer(text, ps, pe)
        else:
            at = where.get(str(i), ())
            hits = match_at(rx, text, at[bisect_left(at, ps) : bisect_left(at, pe)], ps, pe)
        for hit in hits:
            s, e = hit.span(1)
            existing = next((m for m in in_para if m.start == s and m.end == e), None)
            if existing is None and _overlaps(s, e, [(m.start, m.end) for m in in_para]):
                continue
            if existing is not None and not existing.descriptor:
                continue
            follower = _NEXT_WORD.match(text, e)
            if existing is None and follower and follower.group(1).lower() in lk.desc.adjectival_followers:
                continue
            if rule.followed_by:
                nxt = re.match(r"\s+([\w'-]+)", text[e:pe])
                if not nxt or nxt.group(1).lower() not in rule.followed_by:
                    continue
            sent_here = bisect_right(sent_starts, s)
            ante = None
            for m in reversed(in_para):
                if m.end > s or m is existing:
                    continue
                if sent_here - bisect_right(sent_starts, m.start) > rule.max_sentences:
                    break
                if m.role == "actor" and m.actor_id and m.kind in rule.kinds:
                    ante = m
                    break
            if ante is None:
                continue
            conf = round(rule.confidence * ante.confidence, 3)
            if existing is not None:
                if existing.actor_id == ante.actor_id:
                    existing.confidence = max(existing.confidence, conf)
                    continue
                target = existing
            else:
                target = ActorMention(start=s, end=e, text=text[s:e], actor_id=None)
                added.append(target)
            for f in ("actor_id", "name", "side", "kind", "inter_code", "parent_id"):
                setattr(target, f, getattr(ante, f))
            target.role, target.descriptor, target.confidence = "actor", True, conf
    return added


def _surname_echoes(
    text: str, regions: Sequence[tuple[int, int]], mentions: list[ActorMention]
) -> list[ActorMention]:
    """Later bare surnames of a person named in full ("Tobias Ellwood … Ellwood")."""
    by_surname: dict[str, ActorMention] = {}
    for m in mentions:
        parts = m.text.split()
        if m.role == "person" and len(parts) >= 2 and len(parts[-1]) >= 3 and parts[-1][:1].isupper():
            by_surname.setdefault(parts[-1], m)
    if not by_surname:
        return []
    taken = [(m.start, m.end) for m in mentions]
    rx = re.compile(r"(?<![\w\-])(" + "|".join(map(re.escape, by_surname)) + r")(?![\w\-])")
    out: list[ActorMention] = []
    for rs, re_ in regions:
        for hit in rx.finditer(text, rs, re_):
            s, e = hit.span(1)
            if _overlaps(s, e, taken):
                continue
            src = by_surname[hit.group(1)]
            out.append(
                ActorMention(
                    start=s,
                    end=e,
                    text=text[s:e],
                    actor_id=src.actor_id,
                    name=src.name,
                    side=src.side,
                    kind=src.kind,
                    confidence=round(src.confidence * 0.9, 3),
                    role="person",
                    parent_id=src.parent_id,
                )
            )
            taken.append((s, e))
    return out


def find_mentions(
    text: str,
    regions: Sequence[tuple[int, int]] | None = None,
    *,
    paragraphs: Sequence[tuple[int, int]] = (),
    sentences: Sequence[tuple[int, int]] = (),
    registry_path: str | None = None,
) -> list[ActorMention]:
    """All actor, person and source mentions inside ``regions`` of ``text`` (sorted)."""
    lk = _linker(registry_path)
    regions = list(regions) if regions is not None else [(0, len(text))]
    mentions: list[ActorMention] = []
    for rs, re_ in regions:
        for ls, le in _blocks(text, rs, re_):
            region = text[ls:le]
            src_spans = _source_spans(region, ls, lk)
            found = _dictionary(text, region, ls, lk)
            taken = [(m.start, m.end) for m in found]
            # where titles and abbreviations occur: their regexes are tried only there
            starts = lk.literals.positions(region) if lk.literals is not None else None
            for m in _abbreviations(text, region, ls, lk, starts):
                if not _overlaps(m.start, m.end, taken):
                    found.append(m)
                    taken.append((m.start, m.end))
            found.extend(_coordinated(text, found, lk))
            taken = [(m.start, m.end) for m in found]
            found.extend(_persons(text, region, ls, taken, lk, starts))
            taken = [(m.start, m.end) for m in found]
            found.extend(_capitalised(text, region, ls, taken, lk))
            mentions.extend(_attach_sources(text, src_spans, found, lk))
    mentions.sort(key=lambda m: (m.start, m.end))
    mentions.extend(_surname_echoes(text, regions, mentions))
    mentions.sort(key=lambda m: (m.start, m.end))
    paras = list(paragraphs) or [b for rs, re_ in regions for b in _blocks(text, rs, re_)]
    sent_starts = sorted(s for s, _ in sentences) or [p[0] for p in paras]
    added: list[ActorMention] = []
    starts = [m.start for m in mentions]
    # the coreference regexes are case-insensitive: look their phrases up in the
    # lower-cased text (when that keeps offsets and means the same)
    low = folded_for_anchors(text) if lk.coref_words is not None else None
    where = lk.coref_words.positions(low) if lk.coref_words is not None and low is not None else None
    for p in paras:
        added.extend(_resolve_coref(text, p, mentions, sent_starts, lk, starts, where))
    mentions.extend(added)
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def link_actors(doc: Document) -> Document:
    """Pipeline stage: fill ``doc.actor_mentions`` from the body parts (whole text if none)."""
    bodies = [(p.start, p.end) for p in doc.body_spans] or [(0, len(doc.text))]
    paras = (
        [(p.start, p.end) for p in doc.paragraphs if doc.in_body(p.start, p.end)]
        if doc.body_spans
        else [(p.start, p.end) for p in doc.paragraphs]
    )
    sents = [(s.start, s.end) for s in doc.sentences]
    doc.actor_mentions = find_mentions(doc.text, bodies, paragraphs=paras, sentences=sents)
    return doc


def resolve_name(name: str, *, min_score: float | None = None) -> Actor | None:
    """The registry actor a bare name refers to (exact, abbreviation, then fuzzy), or None.

    For other stages that hold a name without a document ("HTS", "Hayat
    Tahrir al Sham", "Syrian Arab Army").
    """
    lk = _linker()
    name = name.strip()
    if not name:
        return None
    keys = lk.names.keys_for(name)
    if keys:
        return lk.reg.get(keys[0])
    if name in lk.abbrev_map:
        return lk.reg.get(lk.abbrev_map[name])
    for m in lk.matcher.find(name):
        if m.start == 0 and m.end == len(name):
            cats = {k[0]: k[1] for k in m.keys}
            for c in ("actor", "gov", "mil"):
                if c in cats:
                    return lk.reg.get(cats[c])
            g = lk.groups.get(cats.get("desc", ""))
            if g is not None and g.actor:
                return lk.reg.get(g.actor)
    threshold = lk.cand.fuzzy_min_score if min_score is None else min_score
    hits = lk.names.fuzzy(name, limit=1, min_score=threshold)
    return lk.reg.get(hits[0][0]) if hits else None


__all__ = ["SOURCE_KINDS", "capitalised_sequences", "find_mentions", "link_actors", "resolve_name"]
