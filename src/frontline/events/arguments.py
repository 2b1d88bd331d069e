"""Event arguments: who did it to whom (actors) and where (one location per event).

Actors come from the actors stage (``doc.actor_mentions``), places from the geo
stage (``doc.place_mentions``); this module only decides which mention fills
which slot.  Agent vs patient uses syntax-lite cues: the actor before the
trigger acts on the one after it, unless a passive marker ("by X", "fell into
the hands of X") makes the later actor the agent.  ACLED codes one location
per event, so :func:`event_locations` returns a list and the extractor makes
one event per entry.  Coordinates are only ever copied from a resolved place;
none are invented.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from frontline.events._data import compile_pattern, load_yaml
from frontline.events.context import DocContext
from frontline.model import ActorMention, Document, Place, PlaceMention, Span


@lru_cache(maxsize=1)
def _cfg() -> dict[str, Any]:
    return load_yaml("arguments.yaml")


# -- actors ---------------------------------------------------------------------------------


@dataclass(slots=True)
class ActorSlots:
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc1: list[ActorMention] = field(default_factory=list)
    assoc2: list[ActorMention] = field(default_factory=list)


def _root_name(m: ActorMention) -> tuple[str | None, int | None]:
    """A unit's state force (name, inter) via the actor registry, when the actors module has one."""
    if not m.parent_id:
        return None, None
    try:
        from frontline.actors.registry import registry

        root = registry().root(m.parent_id)
        return root.name, root.inter
    except (ImportError, KeyError, OSError, ValueError):
        return None, None


def actor_name(m: ActorMention) -> str:
    return m.name or m.text


def coded_actor(m: ActorMention) -> tuple[str, str | None, int | None]:
    """(actor, associated unit or None, inter code): a unit is coded as its state force."""
    root, inter = _root_name(m)
    own = m.inter_code if m.inter_code is not None else registry_inter(m.actor_id)
    if root and root != actor_name(m):
        return root, actor_name(m), inter if inter is not None else own
    return actor_name(m), None, own


def _is_passive_agent(between: str) -> bool:
    return any(compile_pattern(p).search(between) for p in _cfg()["passive_agent_markers"])


def _is_patient(between: str) -> bool:
    return bool(compile_pattern(_cfg()["patient_markers"]).search(between))


def is_government_side(m: ActorMention | None) -> bool:
    """True for state forces and their affiliates (sides listed in ``arguments.yaml``)."""
    return m is not None and (m.inter_code == 1 or (m.side or "") in set(_cfg()["government_sides"]))


def _same(a: ActorMention, b: ActorMention) -> bool:
    return (a.actor_id is not None and a.actor_id == b.actor_id) or actor_name(a) == actor_name(b)


def assign_actors(text: str, mentions: Sequence[ActorMention], trig_start: int, trig_end: int) -> ActorSlots:
    """Fill actor1/actor2 (+ associates) from mentions of one sentence (document offsets).

    Persons and sources are not event actors (sources are claimants).
    """
    cands = sorted((m for m in mentions if m.role == "actor"), key=lambda m: m.start)
    if not cands:
        return ActorSlots()
    # A mention overlapping the trigger ("Russian warplanes", trigger "warplanes") is part of
    # the agent's phrase, never the target: it counts with the mentions before the trigger.
    before = [m for m in cands if m.start < trig_end]
    after = [m for m in cands if m.start >= trig_end]
    agent: ActorMention | None = None
    patient: ActorMention | None = None
    for m in after:
        if m.start >= trig_end and _is_passive_agent(text[max(trig_end, m.start - 25) : m.start]):
            agent = m
            patient = before[-1] if before else None
            break
    if agent is None:
        verb_agent = next(
            (m for m in cands if m.end <= trig_end and compile_pattern(_cfg()["agent_verbs"]).match(text[m.end : m.end + 60])),
            None,
        )
        if verb_agent is not None:
            agent = verb_agent
            patient = next((m for m in cands if m.start > agent.end and not _same(m, agent)), None)
        elif before:
            agent = before[-1]
            patient = next((m for m in after if not _same(m, agent)), None)
        else:
            agent = after[0]
            patient = next((m for m in after[1:] if not _same(m, agent)), None)
            if patient is None and _is_patient(text[max(trig_end, agent.start - 40) : agent.start]):
                return ActorSlots(None, agent)  # "… were used against X": X is the target
    slots = ActorSlots(agent, patient)
    for m in cands:
        if m is agent or m is patient or _same(m, agent) or (patient and _same(m, patient)):
            continue
        if agent.side and m.side == agent.side:
            slots.assoc1.append(m)
        elif patient and patient.side and m.side == patient.side:
            slots.assoc2.append(m)
    return slots


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two inter codes, lower first ("12"); one actor alone → "10"."""
    if inter1 is None:
        return None
    try:
        from frontline.actors import combine

        return combine(inter1, inter2)
    except ImportError:
        pass
    if not inter2:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


def registry_inter(actor_id: str | None, country: str | None = None) -> int | None:
    """The registry's inter code for an actor id (None when the actors module cannot tell)."""
    if not actor_id:
        return None
    try:
        from frontline.actors import inter_code

        return inter_code(actor_id, country=country)
    except (ImportError, KeyError, ValueError):
        return None


# -- locations ------------------------------------------------------------------------------


@dataclass(slots=True)
class Location:
    """One event location and where it came from."""

    place: Place | None
    name: str | None
    precision: int | None
    mention: PlaceMention | None = None
    tag: str | None = None  # location-from-context | location-admin1 | None


@lru_cache(maxsize=1)
def _feature_sets() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(_cfg()["region_features"]), frozenset(_cfg()["subregion_features"])


def _feature_precision(place: Place) -> int:
    regions, subregions = _feature_sets()
    if place.feature_type in regions:
        return 3
    if place.feature_type in subregions:
        return 2
    return 1


def _located(m: PlaceMention) -> tuple[Place | None, int]:
    """The place a mention locates the event at, and the precision that implies."""
    if m.relation:
        place = m.reference or m.place
        return place, max(2, m.geo_precision or 1)
    if m.place is None:
        return None, m.geo_precision or 1
    return m.place, max(m.geo_precision or 1, _feature_precision(m.place))


def theatre_country(doc: Document, ctx: DocContext | None = None) -> str | None:
    """The country most resolved places of the document lie in (None if there are none).

    A war report is about one theatre; a resolved place in another country is
    far more often a geoparsing slip (an agency name, a dateline city) than an
    event location, so such places are not used as event locations.  With a
    ``ctx`` the answer is computed once per document.
    """
    if ctx is not None and "theatre_country" in ctx.memo:
        return ctx.memo["theatre_country"]
    counts = Counter(m.place.country for m in doc.place_mentions if m.place is not None and m.place.country)
    country = counts.most_common(1)[0][0] if counts else None
    if ctx is not None:
        ctx.memo["theatre_country"] = country
    return country


def _in_theatre(place: Place | None, country: str | None) -> bool:
    return country is None or place is None or place.country in (None, country)


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def sentence_places(
    doc: Document, sent: Span, blocked: Sequence[tuple[int, int]] = (), ctx: DocContext | None = None
) -> list[PlaceMention]:
    """Resolved place mentions of a sentence that can each be an event location.

    Excluded: places overlapping an actor mention or a ``blocked`` span (date
    expressions: "March" is a month here), places outside the document's
    theatre country, and places that only give context to the previous one.
    ``ctx`` (built once per document) makes the lookups range queries.
    """
    ctx = ctx or DocContext.of(doc)
    # only spans that reach into the sentence can overlap a place inside it
    spans = [(a.start, a.end) for a in ctx.actors_overlapping(sent.start, sent.end)]
    spans += [(s, e) for s, e in blocked if s < sent.end and sent.start < e]
    country = theatre_country(doc, ctx)
    ms = [
        m
        for m in ctx.places_within(sent.start, sent.end)
        if (m.place is not None or m.reference is not None)
        and not _overlaps(spans, m.start, m.end)
        and _in_theatre(_located(m)[0], country)
    ]
    if not ms:
        return ms
    ctx_words = compile_pattern(_cfg()["context_connectors"])
    keep: list[PlaceMention] = []
    for i, m in enumerate(ms):
        if i > 0 and ctx_words.match(doc.text[ms[i - 1].end : m.start]):
            continue  # "A in the countryside of B": B is context for A
        keep.append(m)
    exact = [m for m in keep if not m.relation and _located(m)[1] < 3]
    if exact:
        return exact  # "took A and B, north of X": X only places A and B
    specific = [m for m in keep if _located(m)[1] < 3]
    if specific:
        return specific
    rank = {f: i for i, f in enumerate(_cfg()["feature_rank"])}

    def specificity(m: PlaceMention) -> int:
        place = _located(m)[0]
        return rank.get(place.feature_type, -1) if place is not None else len(rank)

    return sorted(keep, key=specificity)[:1]  # "Hasaka province, Syria": the province


def _admin1_fallback(doc: Document, ctx: DocContext) -> Location | None:
    """The document's most frequent admin1 as a location (computed once per document)."""
    if "admin1" in ctx.memo:
        return ctx.memo["admin1"]
    admins = Counter(m.place.admin1 for m in doc.place_mentions if m.place is not None and m.place.admin1)
    loc = None
    if admins:
        name = admins.most_common(1)[0][0]
        region = next(
            (m.place for m in doc.place_mentions if m.place is not None and m.place.feature_type == "admin1"
             and (m.place.admin1 == name or m.place.name == name)),
            None,
        )
        loc = Location(region, name, 3, None, "location-admin1")
    ctx.memo["admin1"] = loc
    return loc


def _paragraph_places(doc: Document, para: Span, ctx: DocContext) -> list[PlaceMention]:
    """Resolved, in-theatre place mentions of a paragraph not inside an actor name (once per paragraph)."""
    cache: dict[tuple[int, int], list[PlaceMention]] = ctx.memo.setdefault("paragraph_places", {})
    key = (para.start, para.end)
    if key not in cache:
        country = theatre_country(doc, ctx)
        # an actor overlapping a mention inside the paragraph also overlaps the paragraph
        cache[key] = [
            m for m in ctx.places_within(para.start, para.end)
            if (m.place is not None or m.reference is not None)  # cheap test before _located
            and _located(m)[0] is not None
            and _in_theatre(_located(m)[0], country)
            and not ctx.actors_overlapping(m.start, m.end)
        ]
    return cache[key]


def event_locations(
    doc: Document, sent: Span, blocked: Sequence[tuple[int, int]] = (), ctx: DocContext | None = None
) -> list[Location]:
    """One entry per event location named in the sentence; else one contextual fallback.

    Fallbacks, in order: the nearest resolved place in the same paragraph
    (precision ≥ 2), the most frequent admin1 of the document's places
    (precision 3, coordinates only if that admin1 is itself a resolved
    place), then no location at all.
    """
    ctx = ctx or DocContext.of(doc)
    out: list[Location] = []
    seen: set[str] = set()
    for m in sentence_places(doc, sent, blocked, ctx):
        place, precision = _located(m)
        key = place.place_id if place else m.text
        if key in seen:
            continue
        seen.add(key)
        out.append(Location(place, place.name if place else m.text, precision, m))
    if out:
        return out
    para = next((p for p in doc.paragraphs if p.start <= sent.start and sent.end <= p.end), None)
    if para is not None:
        near = _paragraph_places(doc, para, ctx)
        if near:
            m = min(near, key=lambda m: (abs(m.start - sent.start), m.start))
            place, precision = _located(m)
            return [Location(place, place.name if place else None, max(2, precision), m, "location-from-context")]
    loc = _admin1_fallback(doc, ctx)
    if loc is not None:
        return [Location(loc.place, loc.name, loc.precision, None, loc.tag)]
    return [Location(None, None, None, None, "no-location")]


def civilian_actor(country: str | None) -> tuple[str, int]:
    """ACLED's civilian victim actor for a country (name, inter code 7)."""
    cfg = _cfg()
    name = cfg["country_names"].get(country or "", country or "unknown")
    return str(cfg["civilian_actor"]).format(country=name), int(cfg["civilian_inter"])


def is_irrealis(text_before_trigger: str) -> bool:
    """True if the words right before a trigger make it a plan, threat or denial."""
    return compile_pattern(_cfg()["irrealis"]).search(text_before_trigger[-60:]) is not None


def lacks_required_act(sub_event_type: str, sentence: str) -> bool:
    """True if ``sub_event_type`` needs an act word the sentence does not have (``requires_act``)."""
    pattern = (_cfg().get("requires_act") or {}).get(sub_event_type)
    return pattern is not None and compile_pattern(pattern).search(sentence) is None


def civilian_target_types() -> set[str]:
    return set(_cfg()["civilian_target_types"])
