"""Territorial control: who held each settlement when, and the front line on any date.

Derived only from territory-change events (ACLED's "Government regains
territory", "Non-state actor overtakes territory", "Non-violent transfer of
territory"), an optional dated and sourced initial state, and — flagged
``inferred`` with a confidence — spreading to unreported neighbours.
"""

from __future__ import annotations

from frontline.control.config import (
    InitialControl,
    SideRules,
    load_admin1,
    load_initial,
    load_side_rules,
    registry_side,
)
from frontline.control.geometry import control_at, control_geojson
from frontline.control.infer import InferenceParams, haversine_km, infer_control
from frontline.control.timeline import Holding, Settlement, capture_side, control_timeline, holdings_at

__all__ = [
    "Holding",
    "InferenceParams",
    "InitialControl",
    "Settlement",
    "SideRules",
    "capture_side",
    "control_at",
    "control_geojson",
    "control_timeline",
    "haversine_km",
    "holdings_at",
    "infer_control",
    "load_admin1",
    "load_initial",
    "load_side_rules",
    "registry_side",
]
