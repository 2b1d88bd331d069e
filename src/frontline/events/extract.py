"""Body sentences → ACLED-style events with arguments, dates, figures, claims and evidence.

The stage function :func:`extract_events` runs after geo, actors and framing.
A sentence reports an event when its trigger rules fire (rules *detect*; the
shipped hybrid classifier chooses the sub-type among all 25).  Everything else
is assembled from the sentence and its neighbours:

* one event per location named in the sentence (shared ``group_id``);
* the date from the sentence, else the last date stated earlier in the same
  paragraph (news paragraphs keep their time frame), else the publication
  date as a range reaching back a week (tag ``date-from-publication``), else
  unknown — a date is never invented;
* fatalities, attribution/hedging, sarcasm tags, neutral notes and
  field-level evidence;
* then :func:`coalesce` folds sentences that only elaborate or summarise an
  incident into the event they describe (one report, one event per incident),
  and background older than ``max_event_age_days`` is skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from frontline.events import arguments as args
from frontline.events._data import load_yaml
from frontline.events.anchor import INFERRED_FROM_TEXT
from frontline.events.attribution import Attribution, find_attribution, sarcasm_cue, sarcasm_threshold
from frontline.events.classify import HybridClassifier, load_shipped
from frontline.events.context import DocContext
from frontline.events.dates import DateExpr, best_date, parse_dates
from frontline.events.fatalities import Fatalities, parse_fatalities
from frontline.events.neutral import neutralize
from frontline.events.rules import (
    GOV_TERRITORY,
    NONSTATE_TERRITORY,
    Trigger,
    find_triggers,
    min_score,
    reaches_min_score,
    rule_scores,
)
from frontline.events.typology import event_type_of
from frontline.model import Document, Event, Evidence, Span

_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=\S)")


@lru_cache(maxsize=1)
def _publication_window() -> int:
    return int(load_yaml("dates.yaml")["publication_window_days"])


@lru_cache(maxsize=1)
def _max_age() -> int:
    return int(load_yaml("dates.yaml")["max_event_age_days"])


def is_background(date_range: tuple[dt.date, dt.date] | None, pub: dt.date | None) -> bool:
    """True for a period that began long before the report ("since 2011", "in 2013").

    Such sentences are background, not news; ACLED codes those events from
    the reports of their own time.
    """
    if date_range is None or pub is None:
        return False
    return (pub - date_range[0]).days > _max_age()


def fallback_sentences(doc: Document) -> list[Span]:
    """Sentences of the body (or of the whole text) when the clean stage has not split them."""
    regions = [(p.start, p.end) for p in doc.body_spans] or [(0, len(doc.text))]
    out: list[Span] = []
    for start, end in regions:
        pos = start
        for m in _SENT_END.finditer(doc.text, start, end):
            if doc.text[pos : m.start()].strip():
                out.append(_strip(doc.text, pos, m.start()))
            pos = m.end()
        if doc.text[pos:end].strip():
            out.append(_strip(doc.text, pos, end))
    return out


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, "sentence")


def fallback_paragraphs(doc: Document) -> list[Span]:
    """Paragraphs split at blank lines (used only when the clean stage gave none)."""
    out: list[Span] = []
    pos = 0
    for m in re.finditer(r"\n\s*\n", doc.text):
        if doc.text[pos : m.start()].strip():
            out.append(Span(pos, m.start(), "paragraph"))
        pos = m.end()
    if doc.text[pos:].strip():
        out.append(Span(pos, len(doc.text), "paragraph"))
    return out


@dataclass(slots=True)
class _DateChoice:
    date: dt.date | None
    range: tuple[dt.date, dt.date] | None
    precision: str
    text: str | None
    span: tuple[int, int] | None
    tag: str | None


def _paragraph_of(paragraphs: Sequence[Span], sent: Span) -> int:
    for i, p in enumerate(paragraphs):
        if p.start <= sent.start < p.end:
            return i
    return -1


def _choose_date(expr: DateExpr | None, sent: Span, carried: _DateChoice | None, pub: dt.date | None) -> _DateChoice:
    if expr is not None:
        span = (sent.start + expr.start, sent.start + expr.end)
        return _DateChoice(expr.date, expr.range, expr.precision, expr.text, span, None)
    if carried is not None:
        return _DateChoice(carried.date, carried.range, carried.precision, carried.text, carried.span, "date-inherited")
    if pub is not None:
        rng = (pub - dt.timedelta(days=_publication_window()), pub)
        return _DateChoice(pub, rng, "range", None, None, "date-from-publication")
    return _DateChoice(None, None, "unknown", None, None, "date-unknown")


def _sarcastic(doc: Document, sent: Span, text: str, ctx: DocContext | None = None) -> bool:
    thr = sarcasm_threshold()
    for item in doc.extras.get("sarcasm", []) or []:
        try:
            if item["start"] < sent.end and sent.start < item["end"] and float(item["score"]) >= thr:
                return True
        except (KeyError, TypeError, ValueError):
            continue
    if ctx is None:
        spans = [(f.start, f.end) for f in doc.framing_spans if f.source == "sarcasm"]
    else:  # the framing stage's sarcasm spans, collected once per document
        spans = ctx.memo.get("sarcasm_spans")
        if spans is None:
            spans = ctx.memo["sarcasm_spans"] = [(f.start, f.end) for f in doc.framing_spans if f.source == "sarcasm"]
    if any(s < sent.end and sent.start < e for s, e in spans):
        return True
    return sarcasm_cue(text)


def _main_trigger(triggers: Sequence[Trigger], sub: str) -> Trigger:
    territory = sub in (GOV_TERRITORY, NONSTATE_TERRITORY)
    own = [t for t in triggers if t.sub_event_type == sub or (territory and t.territory)]
    pool = own or list(triggers)
    return max(pool, key=lambda t: (t.weight, -t.start))


def _hash(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def _split(total: int, n: int) -> list[int]:
    """Divide a reported total over n locations, remainder to the first (ACLED practice)."""
    base, rem = divmod(total, n)
    return [base + (1 if i < rem else 0) for i in range(n)]


def is_candidate(text: str) -> bool:
    """Does any trigger rule fire strongly enough for the sentence to report an event?"""
    return reaches_min_score(text)


def sentence_events(
    doc: Document,
    sent: Span,
    clf: HybridClassifier,
    date: _DateChoice,
    proba: np.ndarray | None = None,
    ctx: DocContext | None = None,
) -> list[Event]:
    """The events one sentence reports (empty if no trigger fires).

    ``proba`` is the classifier's row for this sentence when the caller has
    batched the sentences of a document (one classifier call per document);
    ``ctx`` holds the document's lookups, built once per document.
    """
    ctx = ctx or DocContext.of(doc)
    text = doc.text[sent.start : sent.end]
    scores = rule_scores(text)  # the cached full trigger list: typing needs it anyway
    if not scores or max(scores.values()) < min_score():
        return []
    triggers = find_triggers(text)
    if proba is None:
        proba = clf.predict_proba([text])[0]
    best = int(proba.argmax())
    sub = clf.classes_[best]
    confidence = float(proba[best])  # the maximum, read once for all the sentence's events
    trig = _main_trigger(triggers, sub)
    if args.is_irrealis(text[: trig.start]) or args.lacks_required_act(sub, text):
        return []
    t_start, t_end = sent.start + trig.start, sent.start + trig.end
    mentions = ctx.actors_within(sent.start, sent.end)
    slots = args.assign_actors(doc.text, mentions, t_start, t_end)
    tags: list[str] = []
    actor1 = assoc1 = actor2 = assoc2 = None
    inter1 = inter2 = None
    if slots.actor1 is not None and slots.actor1.inter_code == args.civilian_actor(None)[1]:
        slots.actor1, slots.actor2 = slots.actor2, slots.actor1  # civilians are victims, never agents
    if slots.actor1 is not None:
        actor1, unit, inter1 = args.coded_actor(slots.actor1)
        assoc1 = "; ".join(dict.fromkeys([*([unit] if unit else []), *(args.actor_name(m) for m in slots.assoc1)])) or None
    if slots.actor2 is not None:
        actor2, unit2, inter2 = args.coded_actor(slots.actor2)
        assoc2 = "; ".join(dict.fromkeys([*([unit2] if unit2 else []), *(args.actor_name(m) for m in slots.assoc2)])) or None
    if sub in (GOV_TERRITORY, NONSTATE_TERRITORY) and slots.actor1 is not None and inter1 != 8:
        sub = GOV_TERRITORY if args.is_government_side(slots.actor1) or inter1 == 1 else NONSTATE_TERRITORY
    blocked = [(sent.start + d.start, sent.start + d.end) for d in parse_dates(text, doc.publication_date)]
    locations = args.event_locations(doc, sent, blocked, ctx)
    if actor2 is None and sub in args.civilian_target_types():
        country = next((loc.place.country for loc in locations if loc.place), None)
        actor2, inter2 = args.civilian_actor(country)
    fat = parse_fatalities(text)
    claim = find_attribution(text, ctx.sources, sent.start)
    if _sarcastic(doc, sent, text, ctx):
        tags.append("sarcasm")
    if date.tag:
        tags.append(date.tag)
    group = f"grp-{_hash(doc.id, sent.start, sent.end)}" if len(locations) > 1 else None
    shares = _split(fat.fatalities, len(locations))
    note = neutralize(text)
    if "sarcasm" in tags:
        note += " [Sarcastic source passage: literal tone not trusted; event coded from the facts stated.]"
    if fat.injured:
        note += f" [Injured reported: {fat.injured}.]"
    events: list[Event] = []
    for i, loc in enumerate(locations):
        place = loc.place
        country_level = place is not None and place.feature_type == "country"
        ev_tags = [*tags, *([loc.tag] if loc.tag else []), *(["location-country"] if country_level else []), *(["fatalities-split"] if len(locations) > 1 and fat.fatalities else [])]
        ev = Event(
            event_id=f"ev-{_hash(doc.id, sent.start, sub, loc.name, i)}",
            event_type=event_type_of(sub),
            sub_event_type=sub,
            event_date=date.date,
            date_precision=date.precision,
            date_range=date.range,
            date_text=date.text,
            actor1=actor1,
            assoc_actor_1=assoc1,
            actor2=actor2,
            assoc_actor_2=assoc2,
            inter1=inter1,
            inter2=inter2,
            interaction=args.interaction_code(inter1, inter2),
            country=place.country if place else None,
            admin1=place.admin1 if place else None,
            admin2=place.admin2 if place else None,
            admin3=place.admin3 if place else None,
            location=loc.name,
            latitude=place.lat if place else None,
            longitude=place.lon if place else None,
            geo_precision=loc.precision,
            place_id=place.place_id if place else None,
            fatalities=shares[i],
            fatalities_min=fat.fatalities_min,
            fatalities_max=fat.fatalities_max,
            fatalities_text=fat.fatalities_text,
            attribution=claim.claimant,
            hedged=claim.hedged,
            group_id=group,
            notes=note,
            tags=ev_tags,
            confidence=confidence,
            method="hybrid",
        )
        ev.sources = _evidence(doc, sent, loc, date, fat, slots, claim)
        events.append(ev)
    return events


def _evidence(
    doc: Document,
    sent: Span,
    loc: args.Location,
    date: _DateChoice,
    fat: Fatalities,
    slots: args.ActorSlots,
    claim: Attribution,
) -> list[Evidence]:
    """The whole-sentence evidence first, then one per field we can point at."""
    def ev(start: int, end: int, fld: str | None) -> Evidence:
        return Evidence(doc.id, start, end, doc.text[start:end], doc.outlet, fld)

    out = [ev(sent.start, sent.end, None)]
    if loc.mention is not None:
        out.append(ev(loc.mention.start, loc.mention.end, "location"))
    if date.span is not None:
        out.append(ev(date.span[0], date.span[1], "date"))
    if fat.start is not None and fat.end is not None:
        out.append(ev(sent.start + fat.start, sent.start + fat.end, "fatalities"))
    if slots.actor1 is not None:
        out.append(ev(slots.actor1.start, slots.actor1.end, "actor1"))
    if slots.actor2 is not None:
        out.append(ev(slots.actor2.start, slots.actor2.end, "actor2"))
    if claim.start is not None and claim.end is not None:
        out.append(ev(sent.start + claim.start, sent.start + claim.end, "attribution"))
    return out


PLACELESS_TAGS = frozenset({"location-from-context", "location-admin1", "location-country", "no-location"})


def _dates_near(a: Event, b: Event, slack_days: int) -> bool:
    ra, rb = a.date_range, b.date_range
    if ra is None or rb is None:
        return ra is None and rb is None
    slack = dt.timedelta(days=slack_days)
    return ra[0] - slack <= rb[1] and rb[0] - slack <= ra[1]


def _foldable(k: Event, e: Event, slack_days: int) -> bool:
    return (
        k.event_type == e.event_type
        and _dates_near(k, e, slack_days)
        and (k.group_id is None or k.group_id != e.group_id)
        and not (k.actor1 and e.actor1 and k.actor1 != e.actor1)
        and not (k.fatalities_text and e.fatalities_text and k.fatalities != e.fatalities)
    )


def _fold(target: Event, e: Event) -> None:
    target.sources.extend(e.sources)
    if not target.fatalities_text and e.fatalities_text:
        target.fatalities, target.fatalities_min, target.fatalities_max = e.fatalities, e.fatalities_min, e.fatalities_max
        target.fatalities_text = e.fatalities_text
    for fld in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2", "interaction", "attribution"):
        if getattr(target, fld) is None and getattr(e, fld) is not None:
            setattr(target, fld, getattr(e, fld))
    target.hedged = target.hedged or e.hedged
    if "coalesced" not in target.tags:
        target.tags.append("coalesced")


def coalesce(events: list[Event]) -> list[Event]:
    """One report, one event per incident: fold elaborations and summaries into the placed event.

    Reports describe one incident over several sentences ("A car bomb killed
    18 in X." … "The explosion struck at 7 pm."), often after a headline
    that names only the region or country; ACLED codes one event per type,
    place and day.  First, a later event with the same event type and place,
    overlapping dates, no different actor1 and no different death toll is
    folded into the earlier one.  Then each event without a place of its own
    (context, admin1 or country level) is folded into the nearest placed
    event of the same type within a day or two, filling the fields that one
    left empty (typically the death toll of a headline).  A country-level
    event that folds nowhere is dropped when the report names places at all
    (it is a summary); other placeless events are kept.  Different places are
    never folded ("captured A, B and C" stays three).
    """
    from frontline.merge import same_place

    placed: list[Event] = []
    placeless: list[Event] = []
    for e in events:
        if PLACELESS_TAGS & set(e.tags):
            placeless.append(e)
            continue
        target = next((k for k in reversed(placed) if _foldable(k, e, 0) and same_place(k, e)), None)
        if target is None:
            placed.append(e)
        else:
            _fold(target, e)
    kept = list(placed)
    for e in placeless:
        pos = e.sources[0].start if e.sources else 0
        cands = [k for k in placed if _foldable(k, e, 2)]
        if cands:
            _fold(min(cands, key=lambda k: abs((k.sources[0].start if k.sources else 0) - pos)), e)
        elif "location-country" in e.tags and placed:
            continue  # a country-level line in a report that names places is a headline or summary
        else:
            kept.append(e)
    kept.sort(key=lambda k: (k.sources[0].start if k.sources else 0))
    return kept


def _paragraph_index(paragraphs: Sequence[Span]) -> Callable[[Span], int]:
    """``_paragraph_of`` for many sentences: a bisect when paragraphs are sorted and disjoint."""
    starts = [p.start for p in paragraphs]
    ordered = all(a.end <= b.start for a, b in itertools.pairwise(paragraphs)) and all(p.start <= p.end for p in paragraphs)
    if not ordered:
        return lambda sent: _paragraph_of(paragraphs, sent)

    def find(sent: Span) -> int:
        i = bisect_right(starts, sent.start) - 1
        return i if i >= 0 and sent.start < paragraphs[i].end else -1

    return find


def _dated_sentences(doc: Document, sentences: list[Span], paragraphs: Sequence[Span]) -> list[tuple[Span, _DateChoice]]:
    """The candidate sentences to code, each with its date choice; others are not dated at all.

    Why lazily: a candidate without a date of its own inherits the last date
    stated earlier in its paragraph, so only the sentences from a
    candidate back to the nearest dated one in its paragraph need parsing,
    not every sentence of the report.  The choices are the ones a
    sentence-by-sentence pass would make.
    """
    pub = doc.publication_date
    para_of = _paragraph_index(paragraphs)
    paras = [para_of(s) for s in sentences]
    texts = [doc.text[s.start : s.end] for s in sentences]
    exprs: dict[int, DateExpr | None] = {}

    def expr_at(i: int) -> DateExpr | None:
        if i not in exprs:
            exprs[i] = best_date(parse_dates(texts[i], pub))
        return exprs[i]

    def carried_at(i: int) -> _DateChoice | None:
        """The date choice of the last dated sentence before ``i`` in its paragraph."""
        j = i - 1
        while j >= 0 and paras[j] == paras[i]:
            e = expr_at(j)
            if e is not None:
                return _choose_date(e, sentences[j], None, pub)
            j -= 1
        return None

    seen_texts: set[str] = set()
    todo: list[tuple[Span, _DateChoice]] = []
    for i, sent in enumerate(sentences):
        text = texts[i]
        if not is_candidate(text):
            continue
        key = " ".join(text.split()).casefold()
        if key in seen_texts:
            continue  # a repeated sentence is one report, not two events
        expr = expr_at(i)
        choice = _choose_date(expr, sent, None if expr is not None else carried_at(i), pub)
        if is_background(choice.range, pub):
            continue
        seen_texts.add(key)
        todo.append((sent, choice))
    return todo


def extract_events(doc: Document) -> Document:
    """Pipeline stage: fill ``doc.events`` from the body sentences (see module docstring)."""
    sentences = doc.body_sentences() or (fallback_sentences(doc) if not doc.sentences else [])
    paragraphs = doc.paragraphs or fallback_paragraphs(doc)
    todo = _dated_sentences(doc, sorted(sentences, key=lambda s: s.start), paragraphs)
    events: list[Event] = []
    if todo:
        clf = load_shipped()
        ctx = DocContext.of(doc)
        probas = clf.predict_proba([doc.text[s.start : s.end] for s, _c in todo])
        for (sent, choice), proba in zip(todo, probas, strict=True):
            events.extend(sentence_events(doc, sent, clf, choice, proba, ctx))
    doc.events = coalesce(events)
    if doc.date_source == INFERRED_FROM_TEXT:
        # Year-less and relative dates were resolved against an estimated publication date
        # (``frontline.events.anchor``): say so on every event of the report.
        for e in doc.events:
            e.tags.append("publication-date-estimated")
    return doc
