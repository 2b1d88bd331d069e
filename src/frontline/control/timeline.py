"""Who held each settlement when: a timeline derived from territory-change events.

Pure functions over event lists (``frontline.model.Event`` objects or the
equivalent dicts/rows from the store), so the API, the CLI and tests share one
implementation.  A holding observed from an event or a dated, sourced initial
state is *observed*; anything spread to settlements nobody reported on is made
by :mod:`frontline.control.infer` and flagged ``inferred``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from frontline.control.config import InitialControl, SideResolver, SideRules, load_side_rules, registry_side


@dataclass(slots=True)
class Settlement:
    """A place that can be held: id, name, coordinates and admin units for inference."""

    place_id: str
    name: str | None
    lat: float
    lon: float
    admin1: str | None = None
    admin2: str | None = None


@dataclass(slots=True)
class Holding:
    """One side holding one settlement over ``[start, end)`` (``end`` None: still held).

    ``start`` None means "held before the record begins" (never produced from
    events; kept for callers that build holdings by hand).
    """

    place_id: str
    side: str
    start: dt.date | None
    end: dt.date | None = None
    #: "event" (a territory-change event), "initial" (the initial-control file)
    #: or "inferred" (spread from neighbours; see ``confidence``).
    basis: str = "event"
    evidence: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    inferred: bool = False
    confidence: float = 1.0
    #: Two sides reported taking the place on the same day.
    contested: bool = False
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin2: str | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def _get(obj: Any, key: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(key)
    return getattr(obj, key, None)


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def capture_side(event: Any, rules: SideRules, side_of: SideResolver | None = None) -> str | None:
    """The side a territory-change event hands its place to; None if it is not one.

    Returns ``rules.unknown_side`` when the event changes control but the
    capturing actor's side cannot be told (better an honest "unknown" than a
    guessed colour on the map).
    """
    rule = rules.sub_event_types.get(_get(event, "sub_event_type") or "")
    if rule is None:
        return None
    if rule != "actor1":
        return rule
    actor = _get(event, "actor1") or ""
    resolver = side_of or registry_side
    side = resolver(actor) if actor else None
    if side:
        return side
    inter = _get(event, "inter1")
    if inter is not None and int(inter) in rules.inter_codes:
        return rules.inter_codes[int(inter)]
    return rules.unknown_side


@dataclass(slots=True)
class _Observation:
    day: dt.date
    side: str
    basis: str
    ref: str  # event id or initial source
    order: int
    info: dict[str, Any]


def _observations(
    events: Iterable[Any], initial: Sequence[InitialControl], rules: SideRules, side_of: SideResolver | None
) -> dict[str, list[_Observation]]:
    per_place: dict[str, list[_Observation]] = defaultdict(list)
    for row in initial:
        info = {"name": row.name, "lat": row.lat, "lon": row.lon, "admin1": row.admin1, "admin2": row.admin2}
        per_place[row.place_id].append(_Observation(row.date, row.side, "initial", row.source, -1, info))
    for n, event in enumerate(events):
        place_id = _get(event, "place_id")
        day = _as_date(_get(event, "event_date"))
        if not place_id or day is None:
            continue  # an undated or unplaced capture cannot be put on the timeline
        side = capture_side(event, rules, side_of)
        if side is None:
            continue
        info = {
            "name": _get(event, "location"),
            "lat": _get(event, "latitude"),
            "lon": _get(event, "longitude"),
            "admin1": _get(event, "admin1"),
            "admin2": _get(event, "admin2"),
        }
        per_place[place_id].append(_Observation(day, side, "event", str(_get(event, "event_id")), n, info))
    return per_place


def _cite(holding: Holding, obs: _Observation) -> None:
    (holding.evidence if obs.basis == "event" else holding.sources).append(obs.ref)


def control_timeline(
    events: Iterable[Any],
    initial: Sequence[InitialControl] | None = None,
    *,
    rules: SideRules | None = None,
    side_of: SideResolver | None = None,
) -> dict[str, list[Holding]]:
    """Per settlement (place_id), the sequence of observed holdings in time order.

    Consecutive reports of the same side extend one holding (their event ids
    all become its evidence); a report of another side ends it.  Before the
    first observation the holder is unknown and no holding is emitted.
    Reports of different sides on the same day mark the later holding
    ``contested`` (the later one in input order wins, as the newer report).
    """
    rules = rules or load_side_rules()
    out: dict[str, list[Holding]] = {}
    for place_id, obs in _observations(events, initial or (), rules, side_of).items():
        # initial states sort before same-day events: the event is the change.
        obs.sort(key=lambda o: (o.day, o.basis != "initial", o.order))
        holdings: list[Holding] = []
        info: dict[str, Any] = {}
        for o in obs:
            for k, v in o.info.items():
                if v is not None and info.get(k) is None:
                    info[k] = v
            current = holdings[-1] if holdings else None
            if current is not None and current.side == o.side:
                _cite(current, o)
                continue
            if current is not None:
                current.end = o.day
                if current.start == o.day:
                    current.contested = True
            holding = Holding(place_id, o.side, o.day, basis=o.basis)
            holding.contested = current is not None and current.start == o.day
            _cite(holding, o)
            holdings.append(holding)
        for h in holdings:
            h.name, h.lat, h.lon = info.get("name"), info.get("lat"), info.get("lon")
            h.admin1, h.admin2 = info.get("admin1"), info.get("admin2")
        out[place_id] = holdings
    return out


def holdings_at(timeline: Mapping[str, Sequence[Holding]], day: dt.date) -> dict[str, Holding]:
    """The observed holding of every settlement on ``day`` (places with none are absent)."""
    out: dict[str, Holding] = {}
    for place_id, holdings in timeline.items():
        for h in holdings:
            if h.covers(day):
                out[place_id] = h
                break
    return out
