"""Control inputs read from a database: the one place the API and the CLI get them from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from frontline.control.config import InitialControl
from frontline.control.timeline import Holding, Settlement, control_timeline
from frontline.store import queries


def control_inputs(
    conn: Connection, initial: Sequence[InitialControl] | None = None
) -> tuple[dict[str, list[Holding]], list[Settlement]]:
    """The control timeline of the stored territory events and the candidate settlements for inference."""
    timeline = control_timeline(queries.territory_events(conn), initial)
    settlements = [
        Settlement(p["place_id"], p["name"], float(p["lat"]), float(p["lon"]), p["admin1"], p["admin2"])
        for p in queries.known_places(conn)
    ]
    return timeline, settlements


#: Gazetteer feature types that can be held (not regions, hills or roads).
SETTLEMENT_TYPES = frozenset({"city", "town", "village", "neighbourhood"})


def gazetteer_candidates(
    timeline: dict[str, list[Holding]], gazetteer: Any, margin_km: float = 10.0, limit: int = 20000
) -> list[Settlement]:
    """Gazetteer settlements near any reported place: candidates for inference nobody wrote about.

    Only places within ``margin_km`` of the bounding box of the observed
    holdings are taken, so a district-level report never spreads to the
    whole country (and the inference radius still applies per place).
    """
    points = [(h.lat, h.lon) for hs in timeline.values() for h in hs if h.lat is not None and h.lon is not None]
    if not points:
        return []
    pad = margin_km / 111.0
    lat_lo, lat_hi = min(p[0] for p in points) - pad, max(p[0] for p in points) + pad
    lon_lo, lon_hi = min(p[1] for p in points) - pad * 1.3, max(p[1] for p in points) + pad * 1.3
    out: list[Settlement] = []
    for i in range(len(gazetteer)):
        p = gazetteer.place(i)
        if p.feature_type not in SETTLEMENT_TYPES or p.place_id in timeline:
            continue
        if lat_lo <= p.lat <= lat_hi and lon_lo <= p.lon <= lon_hi:
            out.append(Settlement(p.place_id, p.name, p.lat, p.lon, p.admin1, p.admin2))
            if len(out) >= limit:
                break
    return out
