"""Choosing among homonyms: type/population priors plus document context.

A name like "Tall Hamra" or "Kafr Zita" belongs to several places.  The
score of a candidate is a context-free prior (countries and governorates
before cities, cities before villages, bigger before smaller) plus what the
document says: distance to the document's unambiguous places, the same
country and governorate as those, and explicit hints ("X province",
"the village of X").  Constants are in one table here so they can be
compared and changed in one place.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Prior by feature type (log-odds-like units).
TYPE_PRIOR: dict[str, float] = {
    "country": 5.0,
    "admin1": 5.0,
    "region": 3.0,
    "city": 3.0,
    "town": 2.0,
    "admin2": 1.8,
    "village": 1.5,
    "hill": 1.5,
    "base": 1.2,
    "road": 1.0,
    "neighbourhood": 1.2,
    "admin3": 1.0,
    "abandoned": 0.3,
}
#: Feature types that are areas, not points (coded with a coarser precision).
AREA_TYPES = frozenset({"country", "admin1", "region", "admin2", "admin3"})
#: Feature types treated as "small places" for list/reference consistency checks.
SMALL_TYPES = frozenset({"village", "hill", "neighbourhood", "town", "abandoned", "base", "road", "admin3"})
#: Pattern feature hints → candidate types they agree with.
HINT_AGREES: dict[str, frozenset[str]] = {
    "village": frozenset({"village", "town", "abandoned"}),
    "town": frozenset({"town", "city", "village"}),
    "city": frozenset({"city", "town"}),
    "hill": frozenset({"hill", "village"}),
    "neighbourhood": frozenset({"neighbourhood"}),
    "base": frozenset({"base"}),
    "road": frozenset({"road"}),
}

W_DISTANCE = 2.5
W_COUNTRY = 2.0
W_ADMIN1 = 2.0
W_HINT = 0.8
W_ADMIN_HINT = 2.5
W_PRIMARY_NAME = 1.5


W_CAPITAL = 1.5
W_CONTAINER = 3.0
W_SEAT = 0.5
#: Score margin over the runner-up that makes a first-pass choice an anchor
#: (context for the other names); areas (a country, a state) need less: a bare
#: "Virginia" in a text means the state even when a foreign town comes close.
W_ANCHOR_MARGIN = 2.0
W_AREA_ANCHOR_MARGIN = 0.0
ANCHOR_AREAS = frozenset({"country", "admin1"})


def type_prior(ftype: str | None, population: int | None, capital: bool = False) -> float:
    """Context-free preference of a place: feature type, log population, capital.

    Population only ranks settlements: an area's population says little
    about whether a bare name means the area or a town of that name.
    """
    base = TYPE_PRIOR.get(ftype or "", 1.0)
    if ftype in AREA_TYPES:
        return base
    return base + 0.25 * math.log10(1 + (population or 0)) + (W_CAPITAL if capital else 0.0)


def precision_for(ftype: str | None) -> int:
    """ACLED geo_precision of a place of this type named directly."""
    if ftype in ("country", "admin1", "region"):
        return 3
    if ftype in ("admin2", "admin3"):
        return 2
    return 1


@dataclass(slots=True)
class Anchor:
    lat: float
    lon: float
    country: str
    admin1: str | None
    mention: int  # gazetteer index of the anchor place
    name: str = ""  # folded name it was written as: never context for its own homonyms


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def context_score(
    idx: int,
    lat: float,
    lon: float,
    country: str,
    admin1: str | None,
    anchors: Sequence[Anchor],
    scale_km: float,
    name: str = "",
) -> float:
    """Bonus for agreeing with the document's other (anchor) places.

    An anchor never supports its own place (``idx``), so repeating a name
    does not make it more certain; nor does it support another place of the
    same folded ``name``: "Virginia" the state must not make "Virginia" the
    town in Minnesota likelier for being in the same country.
    """
    dmin = math.inf
    same_country = same_admin1 = False
    coslat = math.cos(math.radians(lat))
    hypot = math.hypot
    for a in anchors:
        if a.mention == idx or (name and a.name == name):
            continue
        # equirectangular distance: exact enough for a bonus that decays over ~60 km
        d = 111.2 * hypot(a.lat - lat, ((a.lon - lon + 180.0) % 360.0 - 180.0) * coslat)
        if d < dmin:
            dmin = d
        if not same_country and a.country == country:
            same_country = True
        if not same_admin1 and admin1 is not None and a.admin1 == admin1:
            same_admin1 = True
    if dmin == math.inf:
        return 0.0
    score = W_DISTANCE * math.exp(-dmin / scale_km)
    if same_country:
        score += W_COUNTRY
    if same_admin1:
        score += W_ADMIN1
    return score


def softmax_confidence(scores: Sequence[float], best: int) -> float:
    """Share of the best candidate in a softmax over candidate scores."""
    m = max(scores)
    exps = [math.exp(s - m) for s in scores]
    return exps[best] / sum(exps)


_BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
             "southwest": 225.0, "west": 270.0, "northwest": 315.0}


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial bearing from point 1 to point 2, degrees clockwise from north."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def direction_agrees(relation: str, ref_lat: float, ref_lon: float, lat: float, lon: float) -> bool:
    """Whether a place lies (within 67.5°) in the stated direction of the reference."""
    dirs = [d for d in relation.replace("part:", "").split("+") if d in _BEARINGS]
    if not dirs:
        return True
    b = bearing_deg(ref_lat, ref_lon, lat, lon)
    return any(min(abs(b - _BEARINGS[d]), 360 - abs(b - _BEARINGS[d])) <= 67.5 for d in dirs)
