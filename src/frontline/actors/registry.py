"""The actor registry: who can appear in a report, loaded from one data file per theatre.

The registry is data (``data/actors/<theatre>.yaml``) so analysts can add a
faction or a spelling without touching code.  Because every later stage
(events, export, the map) trusts its ids, names and ACLED codes, the file is
validated on load and a broken entry fails loudly with the entry's id and the
field at fault, instead of surfacing later as a wrong interaction code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from frontline.paths import PACKAGE_DATA
from frontline.text import normalize_name

DATA_DIR: Path = PACKAGE_DATA / "actors"
DEFAULT_REGISTRY: Path = DATA_DIR / "syria.yaml"

#: Kinds of registry entry.  ``person``, ``monitor`` and ``media`` are never
#: armed actors (no inter code); the rest map onto ACLED actor categories.
KINDS: frozenset[str] = frozenset(
    {
        "state_force",
        "unit",
        "rebel_group",
        "political_militia",
        "identity_militia",
        "external_force",
        "international_org",
        "civilians",
        "protesters",
        "rioters",
        "government",
        "person",
        "monitor",
        "media",
        "humanitarian",
    }
)
#: Kinds that must not carry an ACLED inter code.
NON_COMBATANT_KINDS: frozenset[str] = frozenset({"person", "monitor", "media"})
#: Kinds whose mentions are attributions (who says so), never actors.
SOURCE_KINDS: frozenset[str] = frozenset({"monitor", "media"})

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")
_ALLOWED_FIELDS = frozenset(
    {
        "id",
        "name",
        "kind",
        "inter",
        "country",
        "side",
        "parent",
        "aliases",
        "abbreviations",
        "demonyms",
        "role",
        "affiliation",
        "wikidata",
    }
)


class RegistryError(ValueError):
    """A registry file that cannot be trusted; the message names file, entry and field."""


@dataclass(frozen=True, slots=True)
class Side:
    key: str
    label: str
    #: Narrower sides this one covers (e.g. "armed-opposition" covers "jihadist").
    includes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """One registry entry (an armed group, a government, a person, a monitor …)."""

    id: str
    name: str
    kind: str
    side: str
    inter: int | None = None
    country: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    wikidata: str | None = None

    @property
    def is_person(self) -> bool:
        return self.kind == "person"

    @property
    def is_source(self) -> bool:
        """Monitors and media are cited, not fighting."""
        return self.kind in SOURCE_KINDS

    @property
    def names(self) -> tuple[str, ...]:
        """Canonical name plus aliases (the long, case-insensitive forms)."""
        return (self.name, *self.aliases)


@dataclass(slots=True)
class Registry:
    """All actors of a theatre, with the lookups the linker needs."""

    theatre: str
    country: str | None
    sides: dict[str, Side]
    actors: dict[str, Actor]
    path: Path | None = None
    _by_country_kind: dict[tuple[str, str], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for a in self.actors.values():
            if a.country and a.kind in ("state_force", "government"):
                self._by_country_kind.setdefault((a.country, a.kind), a.id)

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def get(self, actor_id: str) -> Actor:
        try:
            return self.actors[actor_id]
        except KeyError:
            raise KeyError(f"unknown actor id {actor_id!r}") from None

    def of_kind(self, *kinds: str) -> list[Actor]:
        return [a for a in self.actors.values() if a.kind in kinds]

    def state_force_of(self, country: str) -> Actor | None:
        aid = self._by_country_kind.get((country, "state_force"))
        return self.actors[aid] if aid else None

    def government_of(self, country: str) -> Actor | None:
        aid = self._by_country_kind.get((country, "government"))
        return self.actors[aid] if aid else None

    def root(self, actor_id: str) -> Actor:
        """Follow ``parent`` links up to the top actor (a unit → its state force)."""
        actor = self.get(actor_id)
        seen = {actor.id}
        while actor.parent and actor.parent not in seen:
            actor = self.get(actor.parent)
            seen.add(actor.id)
        return actor

    def same_side(self, a: str, b: str) -> bool:
        """True if side ``a`` equals or covers side ``b`` (or the reverse)."""
        if a == b:
            return True
        sa, sb = self.sides.get(a), self.sides.get(b)
        return bool((sa and b in sa.includes) or (sb and a in sb.includes))


def _fail(path: Path | None, where: str, msg: str) -> RegistryError:
    return RegistryError(f"{path or '<registry>'}: {where}: {msg}")


def _str_list(value: Any, path: Path | None, where: str, fld: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, where, f"{fld!r} must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


def _opt_str(value: Any, path: Path | None, where: str, fld: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _fail(path, where, f"{fld!r} must be a string, got {value!r}")
    return value.strip()


def _parse_actor(raw: Any, idx: int, path: Path | None, sides: dict[str, Side]) -> Actor:
    if not isinstance(raw, dict):
        raise _fail(path, f"actors[{idx}]", f"must be a mapping, got {type(raw).__name__}")
    aid = raw.get("id")
    where = f"actor {aid!r}" if aid else f"actors[{idx}]"
    extra = set(raw) - _ALLOWED_FIELDS
    if extra:
        raise _fail(path, where, f"unknown field(s) {sorted(extra)}")
    if not isinstance(aid, str) or not _ID_RE.match(aid):
        raise _fail(path, where, "'id' must be lower-case letters, digits and hyphens")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, where, "'name' is required")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _fail(path, where, f"'kind' must be one of {sorted(KINDS)}, got {kind!r}")
    side = raw.get("side")
    if side not in sides:
        raise _fail(path, where, f"'side' {side!r} is not declared under 'sides'")
    inter = raw.get("inter")
    if kind in NON_COMBATANT_KINDS:
        if inter is not None:
            raise _fail(
                path, where, f"a {kind} is never an armed actor; 'inter' must be empty, got {inter!r}"
            )
    elif not (isinstance(inter, int) and not isinstance(inter, bool) and 1 <= inter <= 8):
        raise _fail(path, where, f"'inter' must be an ACLED inter code 1-8, got {inter!r}")
    wikidata = _opt_str(raw.get("wikidata"), path, where, "wikidata")
    if wikidata and not _QID_RE.match(wikidata):
        raise _fail(path, where, f"'wikidata' must look like Q123, got {wikidata!r}")
    role = _opt_str(raw.get("role"), path, where, "role")
    affiliation = _opt_str(raw.get("affiliation"), path, where, "affiliation")
    if kind == "person" and not role:
        raise _fail(path, where, "a person needs a 'role'")
    if kind != "person" and (role or affiliation):
        raise _fail(path, where, "'role'/'affiliation' are for persons only (use 'parent' for units)")
    return Actor(
        id=aid,
        name=name.strip(),
        kind=kind,
        side=side,
        inter=inter,
        country=_opt_str(raw.get("country"), path, where, "country"),
        parent=_opt_str(raw.get("parent"), path, where, "parent"),
        aliases=_str_list(raw.get("aliases"), path, where, "aliases"),
        abbreviations=_str_list(raw.get("abbreviations"), path, where, "abbreviations"),
        demonyms=_str_list(raw.get("demonyms"), path, where, "demonyms"),
        role=role,
        affiliation=affiliation,
        wikidata=wikidata,
    )


def _check_links(actors: dict[str, Actor], path: Path | None) -> None:
    for a in actors.values():
        where = f"actor {a.id!r}"
        for fld in ("parent", "affiliation"):
            target = getattr(a, fld)
            if target and target not in actors:
                raise _fail(path, where, f"{fld!r} refers to unknown actor {target!r}")
        if a.parent:
            seen = {a.id}
            cur = actors[a.parent]
            while cur.parent:
                if cur.id in seen:
                    raise _fail(path, where, "'parent' links form a cycle")
                seen.add(cur.id)
                cur = actors[cur.parent]
    # One folded alias must name one non-person actor, otherwise linking is a coin toss.
    owner: dict[str, str] = {}
    for a in actors.values():
        for n in a.names:
            key = normalize_name(n)
            if not key:
                raise _fail(path, f"actor {a.id!r}", f"alias {n!r} is empty after normalisation")
            prev = owner.get(key)
            if prev and prev != a.id:
                raise _fail(path, f"actor {a.id!r}", f"alias {n!r} also names actor {prev!r}")
            owner[key] = a.id
    demonyms: dict[str, str] = {}
    for a in actors.values():
        if a.demonyms and a.kind != "state_force":
            raise _fail(path, f"actor {a.id!r}", "'demonyms' are for state forces only")
        for d in a.demonyms:
            if d in demonyms:
                raise _fail(path, f"actor {a.id!r}", f"demonym {d!r} also used by {demonyms[d]!r}")
            demonyms[d] = a.id


def parse_registry(data: Any, path: Path | None = None) -> Registry:
    """Validate a loaded YAML document and build a :class:`Registry`."""
    if not isinstance(data, dict):
        raise _fail(path, "top level", "must be a mapping with 'theatre', 'sides' and 'actors'")
    for key in ("theatre", "sides", "actors"):
        if key not in data:
            raise _fail(path, "top level", f"missing {key!r}")
    raw_sides = data["sides"]
    if not isinstance(raw_sides, dict) or not raw_sides:
        raise _fail(path, "sides", "must be a non-empty mapping")
    sides: dict[str, Side] = {}
    for key, val in raw_sides.items():
        if not isinstance(val, dict) or not isinstance(val.get("label"), str):
            raise _fail(path, f"side {key!r}", "needs a 'label'")
        sides[key] = Side(
            key, val["label"], _str_list(val.get("includes"), path, f"side {key!r}", "includes")
        )
    for s in sides.values():
        for inc in s.includes:
            if inc not in sides:
                raise _fail(path, f"side {s.key!r}", f"includes unknown side {inc!r}")
    if not isinstance(data["actors"], list) or not data["actors"]:
        raise _fail(path, "actors", "must be a non-empty list")
    actors: dict[str, Actor] = {}
    for i, raw in enumerate(data["actors"]):
        actor = _parse_actor(raw, i, path, sides)
        if actor.id in actors:
            raise _fail(path, f"actor {actor.id!r}", "duplicate id")
        actors[actor.id] = actor
    _check_links(actors, path)
    return Registry(str(data["theatre"]), data.get("country"), sides, actors, path)


def load_registry(path: Path | str = DEFAULT_REGISTRY) -> Registry:
    """Read and validate one registry file (raises :class:`RegistryError`)."""
    p = Path(path)
    try:
        with p.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        raise RegistryError(f"{p}: not valid YAML: {exc}") from exc
    except OSError as exc:
        raise RegistryError(f"{p}: cannot read: {exc}") from exc
    return parse_registry(data, p)


@lru_cache(maxsize=4)
def registry(path: str | None = None) -> Registry:
    """The theatre registry, loaded once per process (workers each load their own)."""
    return load_registry(path or DEFAULT_REGISTRY)


def iter_names(reg: Registry, kinds: Iterable[str] | None = None) -> Iterable[tuple[str, str]]:
    """``(name, actor_id)`` for every canonical name and alias (for the matcher)."""
    wanted = set(kinds) if kinds is not None else None
    for a in reg.actors.values():
        if wanted is None or a.kind in wanted:
            for n in a.names:
                yield n, a.id
