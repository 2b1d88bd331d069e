"""Loaders for the control data files: side rules, initial control, boundaries.

Rules live in ``data/control/sides.yaml`` and the actor registry
(``data/actors/*.yaml``); this module only reads them, so a new theatre needs
new data, not new code.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gzip
import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from frontline.paths import PACKAGE_DATA, shared_dir

CONTROL_DATA = PACKAGE_DATA / "control"

#: Maps an actor name to its side (None when unknown); pluggable so a richer
#: actor linker can replace the registry lookup.
SideResolver = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class SideRules:
    """Which events change control and to whom (see ``data/control/sides.yaml``)."""

    sub_event_types: dict[str, str]  # sub_event_type -> fixed side or "actor1"
    inter_codes: dict[int, str]
    unknown_side: str
    colors: dict[str, str] = field(default_factory=dict)


def load_side_rules(path: Path | None = None) -> SideRules:
    """Parse and validate the side rules; raise ``ValueError`` on a malformed file."""
    path = path or CONTROL_DATA / "sides.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    subs = data.get("sub_event_types")
    if not isinstance(subs, dict) or not subs:
        raise ValueError(f"{path}: 'sub_event_types' must be a non-empty mapping")
    rules: dict[str, str] = {}
    for name, spec in subs.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("side"), str):
            raise ValueError(f"{path}: sub_event_types.{name} needs a 'side' string")
        rules[str(name)] = spec["side"]
    inter = {int(k): str(v) for k, v in (data.get("inter_codes") or {}).items()}
    colors = {str(k): str(v) for k, v in (data.get("colors") or {}).items()}
    return SideRules(rules, inter, str(data.get("unknown_side", "unknown")), colors)


def _norm(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(folded.lower().replace("-", " ").split())


@functools.cache
def _registry_sides() -> dict[str, str]:
    """Canonical actor names and aliases -> side, from the actor registry data files.

    Read straight from the YAML (documented format) so control does not
    depend on the actor linker's code being importable.
    """
    out: dict[str, str] = {}
    for path in sorted((PACKAGE_DATA / "actors").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for actor in data.get("actors") or []:
            side = actor.get("side") if isinstance(actor, dict) else None
            if not side:
                continue
            for name in [actor.get("name"), actor.get("id"), *(actor.get("aliases") or [])]:
                if isinstance(name, str) and name:
                    out.setdefault(_norm(name), side)
    return out


def registry_side(actor: str) -> str | None:
    """The registry side of an actor name, or None when the name is not registered."""
    return _registry_sides().get(_norm(actor)) if actor else None


@dataclass(slots=True)
class InitialControl:
    """One row of an initial-control file: who held a settlement on a date, per whom."""

    place_id: str
    side: str
    date: dt.date
    source: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    note: str = ""


_REQUIRED = ("place_id", "side", "date", "source")


def _initial_row(raw: dict[str, Any], where: str) -> InitialControl:
    missing = [k for k in _REQUIRED if not str(raw.get(k) or "").strip()]
    if missing:
        raise ValueError(f"{where}: missing {missing}")
    try:
        day = raw["date"] if isinstance(raw["date"], dt.date) else dt.date.fromisoformat(str(raw["date"]).strip())
    except ValueError as exc:
        raise ValueError(f"{where}: date must be YYYY-MM-DD, got {raw['date']!r}") from exc

    def num(key: str) -> float | None:
        value = raw.get(key)
        return float(value) if value not in (None, "") else None

    return InitialControl(
        place_id=str(raw["place_id"]).strip(),
        side=str(raw["side"]).strip(),
        date=day,
        source=str(raw["source"]).strip(),
        name=(str(raw["name"]).strip() or None) if raw.get("name") else None,
        lat=num("lat"),
        lon=num("lon"),
        admin1=raw.get("admin1") or None,
        admin2=raw.get("admin2") or None,
        note=str(raw.get("note") or ""),
    )


def load_initial(path: str | Path) -> list[InitialControl]:
    """Read an initial-control file (CSV or YAML list; format in docs/web.md).

    Every row must say which side held the place, on what date and according
    to which source: an initial state without a date and source would be
    presented as fact, which control never does.
    """
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if isinstance(rows, dict):
            rows = rows.get("holdings") or []
        if not isinstance(rows, list):
            raise ValueError(f"{path}: expected a list of holdings")
        return [_initial_row(r, f"{path}[{i}]") for i, r in enumerate(rows)]
    with path.open(encoding="utf-8", newline="") as fh:
        return [_initial_row(r, f"{path}:{i + 2}") for i, r in enumerate(csv.DictReader(fh))]


def _candidate_boundary_files(name: str) -> Iterable[Path]:
    for base in (PACKAGE_DATA / "gazetteer", shared_dir() / "data" / "gazetteer"):
        yield base / f"{name}.geojson"
        yield base / f"{name}.geojson.gz"


@functools.cache
def load_admin1() -> dict[str, Any] | None:
    """The governorate polygons (GeoJSON) bundled by the gazetteer, or None if absent."""
    for path in _candidate_boundary_files("syr_adm1"):
        if path.exists():
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8") as fh:
                return json.load(fh)
    return None
