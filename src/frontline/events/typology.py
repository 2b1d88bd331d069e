"""The ACLED event typology (six event types, 25 sub-event types) as data.

The names are the ACLED 2023 codebook's exactly, so frontline's output joins
with real ACLED exports; the file ``data/events/typology.yaml`` is the single
source, and :func:`event_type_of` is how every other module maps a sub-type
to its type.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from frontline.events._data import load_yaml


@dataclass(frozen=True, slots=True)
class SubEventType:
    name: str
    event_type: str
    disorder: str
    definition: str


@lru_cache(maxsize=1)
def load_typology() -> dict[str, SubEventType]:
    """All sub-event types keyed by name, in codebook order; fails loudly on a malformed file."""
    data = load_yaml("typology.yaml")
    out: dict[str, SubEventType] = {}
    for etype, body in data["event_types"].items():
        for name, definition in body["sub_event_types"].items():
            if name in out:
                raise ValueError(f"sub-event type {name!r} listed twice in typology.yaml")
            out[name] = SubEventType(name, etype, body["disorder"], definition)
    return out


def sub_event_types() -> list[str]:
    """The 25 sub-event type names in codebook order."""
    return list(load_typology())


def event_types() -> list[str]:
    """The six event type names in codebook order."""
    return list(dict.fromkeys(s.event_type for s in load_typology().values()))


def event_type_of(sub_event_type: str) -> str:
    """The ACLED event type of a sub-event type (KeyError for an unknown name)."""
    return load_typology()[sub_event_type].event_type


@lru_cache(maxsize=1)
def case_label_map() -> dict[str, str]:
    """CASE 2021 Task 2 label codes → ACLED sub-event names (validated against the typology)."""
    mapping: dict[str, str] = dict(load_yaml("case2021_labels.yaml"))
    known = load_typology()
    bad = [v for v in mapping.values() if v not in known]
    if bad:
        raise ValueError(f"case2021_labels.yaml maps to unknown sub-event types: {bad}")
    return mapping
