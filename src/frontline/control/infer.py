"""Spreading observed control to settlements nobody reported on — with explicit confidence.

Reports name a handful of villages; the map would be mostly empty without
some spreading, and dishonest with too much.  So an unmentioned settlement
gets a side only from *observed* neighbours in the same administrative
district, within a radius, each weighted by distance and by how old its
observation is; the result is flagged ``inferred`` with its confidence and
never replaces an observation.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from frontline.control.timeline import Holding, Settlement


@dataclass(frozen=True, slots=True)
class InferenceParams:
    """Knobs of the spreading (documented in docs/web.md)."""

    radius_km: float = 8.0
    distance_scale_km: float = 4.0  # weight e^(-d / scale)
    half_life_days: float = 30.0  # an observation's weight halves every half-life
    min_confidence: float = 0.35


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def _same_district(a: Settlement | Holding, b: Settlement | Holding) -> bool:
    """Same admin2 when both know it, else same admin1 when both know that, else no."""
    if a.admin2 and b.admin2:
        return a.admin2 == b.admin2
    if a.admin1 and b.admin1:
        return a.admin1 == b.admin1
    return False


def infer_control(
    observed: Mapping[str, Holding],
    settlements: Iterable[Settlement],
    day: dt.date,
    params: InferenceParams | None = None,
) -> dict[str, Holding]:
    """Inferred holdings on ``day`` for settlements with no observed holding.

    Each observed neighbour ``i`` (same district, within ``radius_km``) votes
    for its side with weight ``w_i = e^(-d_i/scale) * 0.5^(age_i/half_life)``.
    Confidence = (winning side's share of the votes) × (1 − Π(1 − w_i) over the
    winner's voters): high only when neighbours agree *and* are near and
    recent.  Below ``min_confidence`` the settlement stays unknown.
    """
    params = params or InferenceParams()
    anchors = [h for h in observed.values() if h.lat is not None and h.lon is not None]
    out: dict[str, Holding] = {}
    for s in settlements:
        if s.place_id in observed:
            continue
        votes: dict[str, list[tuple[float, Holding]]] = defaultdict(list)
        for h in anchors:
            if not _same_district(s, h):
                continue
            d = haversine_km(s.lat, s.lon, float(h.lat), float(h.lon))  # type: ignore[arg-type]
            if d > params.radius_km:
                continue
            age = max(0, (day - h.start).days) if h.start else 0
            w = math.exp(-d / params.distance_scale_km) * 0.5 ** (age / params.half_life_days)
            votes[h.side].append((w, h))
        if not votes:
            continue
        totals = {side: sum(w for w, _ in vs) for side, vs in votes.items()}
        total = sum(totals.values())
        side = max(totals, key=lambda k: (totals[k], k))
        strength = 1.0 - math.prod(1.0 - w for w, _ in votes[side])
        confidence = round((totals[side] / total) * strength, 3) if total > 0 else 0.0
        if confidence < params.min_confidence:
            continue
        voters = sorted(votes[side], key=lambda x: -x[0])
        out[s.place_id] = Holding(
            place_id=s.place_id,
            side=side,
            start=day,  # a snapshot for this day only, never a dated fact
            end=day + dt.timedelta(days=1),
            basis="inferred",
            evidence=[e for _, h in voters for e in h.evidence][:10],
            sources=[h.place_id for _, h in voters],
            inferred=True,
            confidence=confidence,
            name=s.name,
            lat=s.lat,
            lon=s.lon,
            admin1=s.admin1,
            admin2=s.admin2,
        )
    return out
