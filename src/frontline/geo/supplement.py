"""User-editable place supplements (CSV), validated on load.

Hills, new suburbs and front-line positions are missing from every public
gazetteer.  A user adds them in a CSV with the same columns as the shipped
``frontline_places.csv`` — no code change, no rebuild — and points frontline
at it with ``FRONTLINE_PLACES=FILE`` or ``--places FILE``.  Bad rows fail
loudly with the file, line and reason, all at once, so a user fixes the file
in one pass.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS = ("name", "alt_names", "lat", "lon", "feature_type", "admin1", "admin2", "source", "note")
FEATURE_TYPES = frozenset(
    {"city", "town", "village", "hill", "neighbourhood", "road", "base", "region", "admin1", "admin2",
     "admin3", "country", "abandoned"}
)
_SOURCE_REF = re.compile(r"^\s*(geonames|ocha):(\S+)")


class SupplementError(ValueError):
    """A supplement file that cannot be used; the message lists every bad row."""


@dataclass(slots=True)
class SupplementRow:
    name: str
    lat: float | None
    lon: float | None
    feature_type: str
    alt_names: list[str] = field(default_factory=list)
    admin1: str | None = None
    admin2: str | None = None
    source: str = ""
    note: str = ""

    @property
    def source_ref(self) -> str | None:
        """``gn:ID`` / ``ocha:PCODE`` when the row describes a known place."""
        m = _SOURCE_REF.match(self.source or "")
        if not m:
            return None
        return f"gn:{m.group(2)}" if m.group(1) == "geonames" else f"ocha:{m.group(2)}"

    @property
    def place_id(self) -> str:
        return "local:" + slugify(self.name)


def slugify(name: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return slug or f"u{abs(hash(name)) % 10**8}"


def _float(value: str, lo: float, hi: float) -> float:
    v = float(value)
    if not lo <= v <= hi:
        raise ValueError(f"{v} outside [{lo}, {hi}]")
    return v


def read_supplement(path: Path | str, *, skip_unlocated: bool = True) -> list[SupplementRow]:
    """Read and validate a supplement CSV.

    Rows without coordinates are skipped when ``skip_unlocated`` (the shipped
    file lists known gaps that way, with a ``not found`` note); otherwise
    they are errors.
    """
    path = Path(path)
    if not path.exists():
        raise SupplementError(f"{path}: file not found")
    rows: list[SupplementRow] = []
    errors: list[str] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in ("name", "lat", "lon", "feature_type") if c not in (reader.fieldnames or [])]
        if missing:
            raise SupplementError(f"{path}: missing column(s) {missing}; expected {list(COLUMNS)}")
        for line, rec in enumerate(reader, start=2):
            name = (rec.get("name") or "").strip()
            lat_s, lon_s = (rec.get("lat") or "").strip(), (rec.get("lon") or "").strip()
            ftype = (rec.get("feature_type") or "").strip()
            if not name:
                errors.append(f"{path}:{line}: empty name")
                continue
            if ftype not in FEATURE_TYPES:
                errors.append(f"{path}:{line}: feature_type {ftype!r} not one of {sorted(FEATURE_TYPES)}")
                continue
            if not lat_s and not lon_s:
                if skip_unlocated:
                    continue
                errors.append(f"{path}:{line}: {name!r} has no coordinates")
                continue
            try:
                lat = _float(lat_s, -90, 90)
                lon = _float(lon_s, -180, 180)
            except ValueError as exc:
                errors.append(f"{path}:{line}: {name!r} bad lat/lon ({exc})")
                continue
            rows.append(
                SupplementRow(
                    name=name,
                    lat=lat,
                    lon=lon,
                    feature_type=ftype,
                    alt_names=[a.strip() for a in (rec.get("alt_names") or "").split("|") if a.strip()],
                    admin1=(rec.get("admin1") or "").strip() or None,
                    admin2=(rec.get("admin2") or "").strip() or None,
                    source=(rec.get("source") or "").strip(),
                    note=(rec.get("note") or "").strip(),
                )
            )
    if errors:
        raise SupplementError("invalid place supplement:\n" + "\n".join(errors))
    return rows
