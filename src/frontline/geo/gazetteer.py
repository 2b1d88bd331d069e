"""The bundled gazetteer: places, their names, and a matcher over all names.

The compiled artefact (``data/gazetteer/gazetteer.pkl.gz``, built by
``scripts/build_gazetteer.py``) is one gzip-compressed pickle holding
everything start-up would otherwise compute: places as column arrays (with
repeated strings shared, so they unpickle once), the already folded name
index, the name skeletons for fuzzy lookup and the pickled Aho-Corasick
automaton.  Loading is therefore a decompress and two unpickles (well under a
second) instead of folding 130k names and building the automaton (~10 s).

Two stamps guard against a stale artefact: a hash of the transliteration
rules (if the rules changed since the build, names are re-folded on load —
slower, but never silently wrong) and the pyahocorasick version the
automaton was pickled with (if it differs, the automaton is rebuilt from the
names with a warning, since its pickle format is version-specific).

:func:`default_gazetteer` loads it once per process (lazily, keyed by the
supplement path), which is what Dask workers and the API share; a
:class:`Gazetteer` pickles by reference to that loader, not by value.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import os
import pickle
import warnings
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from frontline.geo.resolve import type_prior
from frontline.geo.supplement import read_supplement
from frontline.model import Place
from frontline.paths import PACKAGE_DATA
from frontline.text.matcher import Matcher
from frontline.text.normalize import KEY_VERSION, RULES_PATH, index_key

GAZETTEER_PATH: Path = PACKAGE_DATA / "gazetteer" / "gazetteer.pkl.gz"
#: Artefact layout version (bumped by scripts/build_gazetteer.py when the payload changes).
ARTEFACT_FORMAT = 2
ADM1_PATH: Path = PACKAGE_DATA / "gazetteer" / "syr_adm1.geojson"

#: Columns of the artefact, in order.
FIELDS = ("id", "name", "lat", "lon", "ftype", "country", "gn", "pcode", "admin1", "admin2", "admin3", "pop", "cap",
          "names")


def ahocorasick_version() -> str:
    """Installed pyahocorasick version (its automaton pickles are version-specific)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pyahocorasick")
    except PackageNotFoundError:  # pragma: no cover - vendored/odd installs
        return "unknown"


def rules_hash() -> str:
    """Fingerprint of the folding rules the name index was built with."""
    return hashlib.sha256(RULES_PATH.read_bytes() + KEY_VERSION.encode()).hexdigest()[:16]


class Gazetteer:
    """Places by integer index, lookup by id, name search and a text matcher."""

    def __init__(
        self,
        columns: dict[str, list],
        index: dict[str, tuple[int, ...]],
        skeletons: list[str] | Callable[[], list[str]] | None = None,
        *,
        source: str = "",
        supplement: str | None = None,
        demonyms: dict[str, int] | None = None,
        automaton: Any = None,
    ) -> None:
        self._cols = columns
        #: Demonym -> country index ("French" -> France); kept apart from names.
        self.demonyms: dict[str, int] = dict(demonyms or {})
        self.demonym_norms: frozenset[str] = frozenset(index_key(d) for d in self.demonyms)
        self.source = source
        self.supplement = supplement
        self.matcher: Matcher[int] = Matcher.from_index(index, skeletons, automaton=automaton)
        self._places: dict[int, Place] = {}

    # -- construction --------------------------------------------------------
    @classmethod
    def load(cls, path: Path | str = GAZETTEER_PATH, supplement: Path | str | None = None) -> Gazetteer:
        """Load the compiled artefact, then add a user supplement if given."""
        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(f"{path} missing: run scripts/build_gazetteer.py")
        raw = gzip.decompress(path.read_bytes())
        # Unpickling ~1.5M small objects would trigger the cyclic GC dozens of
        # times (none of them can be garbage); pausing it halves the load time.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            return cls._from_payload(path, pickle.loads(raw), supplement)
        finally:
            if gc_was_enabled:
                gc.enable()

    @classmethod
    def _from_payload(cls, path: Path, data: dict[str, Any], supplement: Path | str | None) -> Gazetteer:
        if data.get("format") != ARTEFACT_FORMAT or data.get("fields") != list(FIELDS):
            raise ValueError(f"{path}: unexpected format/fields; rebuild with scripts/build_gazetteer.py")
        cols = data["columns"]
        automaton = None
        if data.get("rules_hash") == rules_hash():
            index = data["index"]
            blob = data["skeletons"]
            skels = lambda: pickle.loads(blob)  # noqa: E731 - decoded on the first fuzzy lookup
            built_with, installed = data.get("ahocorasick"), ahocorasick_version()
            if built_with == installed:
                automaton = pickle.loads(data["automaton"])
            else:
                warnings.warn(
                    f"{path.name} was built with pyahocorasick {built_with}, {installed} is installed: "
                    "rebuilding the name automaton (slow start-up); run scripts/build_gazetteer.py",
                    RuntimeWarning, stacklevel=2)
        else:  # rules changed since the build: re-fold every name
            warnings.warn(f"{path.name}: transliteration rules changed since the build; re-folding all "
                          "names (slow start-up); run scripts/build_gazetteer.py", RuntimeWarning, stacklevel=2)
            index = _fold_index([_split_names(v) for v in cols["names"]])
            skels = None
        gaz = cls(cols, index, skels, source=str(path), demonyms=data.get("demonyms"), automaton=automaton)
        if supplement:
            gaz.add_supplement(supplement)
        return gaz

    @classmethod
    def from_places(cls, places: Iterable[Place], names: dict[str, list[str]] | None = None) -> Gazetteer:
        """A small in-memory gazetteer (tests, custom deployments)."""
        places = list(places)
        names = names or {}
        cols: dict[str, list] = {f: [] for f in FIELDS}
        for p in places:
            row = _place_row(p, [p.name, *names.get(p.place_id, [])])
            for f in FIELDS:
                cols[f].append(row[f])
        return cls(cols, _fold_index(cols["names"]), source="memory")

    def add_supplement(self, path: Path | str) -> int:
        """Add (or add names to) places from a supplement CSV; returns rows used."""
        rows = read_supplement(path, skip_unlocated=True)
        entries: list[tuple[str, int]] = []
        for row in rows:
            ref = row.source_ref
            idx = self._by_id.get(ref) if ref else None
            if idx is None:
                idx = self._by_id.get(row.place_id)
            if idx is None:
                place = Place(row.place_id, row.name, row.lat, row.lon, row.feature_type,
                              admin1=row.admin1, admin2=row.admin2)
                rec = _place_row(place, [row.name])
                idx = len(self._cols["id"])
                for f in FIELDS:
                    self._cols[f].append(rec[f])
                self._by_id[place.place_id] = idx
            names = self.names_of(idx)
            for n in [row.name, *row.alt_names]:
                entries.append((n, idx))
                if n not in names:
                    names.append(n)
            self._cols["names"][idx] = names
            self._places.pop(idx, None)
            self.__dict__.get("_priors", {}).pop(idx, None)
            self.__dict__.get("_folded", {}).pop(idx, None)
        self.matcher.extend(entries)
        for memo in ("_prior_scores", "_fuzzy_memo", "_dist_memo", "_hit_memo"):  # geoparse's memos
            self.__dict__.pop(memo, None)
        self.supplement = str(path)
        return len(rows)

    # -- access ----------------------------------------------------------------
    @property
    def _by_id(self) -> dict[str, int]:
        # built on first use: most geoparsing never looks places up by id
        by_id = self.__dict__.get("_by_id_map")
        if by_id is None:
            by_id = self._by_id_map = {pid: i for i, pid in enumerate(self._cols["id"])}
        return by_id

    def __len__(self) -> int:
        return len(self._cols["id"])

    def __reduce__(self):
        return (default_gazetteer, (self.supplement,))

    def place(self, idx: int) -> Place:
        """The :class:`Place` at integer index ``idx`` (cached)."""
        p = self._places.get(idx)
        if p is None:
            c = self._cols
            p = Place(
                place_id=c["id"][idx],
                name=c["name"][idx],
                lat=c["lat"][idx],
                lon=c["lon"][idx],
                feature_type=c["ftype"][idx],
                country=c["country"][idx] or "",
                geonames_id=c["gn"][idx],
                pcode=c["pcode"][idx],
                admin1=c["admin1"][idx],
                admin2=c["admin2"][idx],
                admin3=c["admin3"][idx],
                population=c["pop"][idx],
            )
            self._places[idx] = p
        return p

    def folded_name(self, idx: int) -> str:
        """The folded primary name of place ``idx`` (cached)."""
        cache = self.__dict__.setdefault("_folded", {})
        v = cache.get(idx)
        if v is None:
            v = cache[idx] = index_key(self._cols["name"][idx])
        return v

    def names_of(self, idx: int) -> list[str]:
        """Every name of place ``idx`` (primary first)."""
        return _split_names(self._cols["names"][idx])

    def index_of(self, place_id: str) -> int:
        return self._by_id[place_id]

    def get(self, place_id: str) -> Place:
        """The place with this id (``gn:…``, ``ocha:…``, ``local:…``); KeyError if none."""
        return self.place(self._by_id[place_id])

    def lookup(self, name: str) -> list[int]:
        """Indices of places with a name that folds exactly like ``name``."""
        return list(self.matcher.keys_for(name))

    def prior(self, idx: int) -> float:
        """Context-free preference: feature type and population (see disambiguate); cached."""
        cache = self.__dict__.setdefault("_priors", {})
        v = cache.get(idx)
        if v is None:
            v = cache[idx] = type_prior(self._cols["ftype"][idx], self._cols["pop"][idx],
                                        bool(self._cols["cap"][idx]))
        return v

    @property
    def demonym_matcher(self) -> Matcher[int]:
        """Matcher over demonyms (built on first use)."""
        m = self.__dict__.get("_dem_matcher")
        if m is None:
            m = self._dem_matcher = Matcher(self.demonyms.items())
        return m

    def search(self, q: str, limit: int = 10) -> list[Place]:
        """Places named like ``q``: exact folded matches first, then fuzzy ones."""
        exact = sorted(self.lookup(q), key=lambda i: -self.prior(i))
        out = list(exact)
        if len(out) < limit:
            for idx, _score in self.matcher.fuzzy(q, limit=limit * 3, min_score=0.3):
                if idx not in out:
                    out.append(idx)
        return [self.place(i) for i in out[:limit]]


def _split_names(value: str | list[str]) -> list[str]:
    # the artefact stores names "|"-joined (much faster to load than nested lists)
    return value.split("|") if isinstance(value, str) else list(value)


def _place_row(p: Place, names: list[str]) -> dict:
    return {
        "id": p.place_id, "name": p.name, "lat": p.lat, "lon": p.lon, "ftype": p.feature_type,
        "country": p.country, "gn": p.geonames_id, "pcode": p.pcode, "admin1": p.admin1,
        "admin2": p.admin2, "admin3": p.admin3, "pop": p.population, "cap": None,
        "names": list(dict.fromkeys(n for n in names if n)),
    }


def _fold_index(names_col: list[list[str]]) -> dict[str, tuple[int, ...]]:
    """Folded name -> place indices (same key rules as scripts/build_gazetteer.py)."""
    index: dict[str, list[int]] = {}
    for i, names in enumerate(names_col):
        for n in names:
            key = index_key(n)
            if len(key) < 2 or (len(key) < 3 and not n.isupper()):
                continue
            lst = index.setdefault(key, [])
            if i not in lst:
                lst.append(i)
    return {k: tuple(v) for k, v in index.items()}


def supplement_from_env() -> str | None:
    """The user supplement named by ``FRONTLINE_PLACES`` (None if unset)."""
    return os.environ.get("FRONTLINE_PLACES") or None


@lru_cache(maxsize=4)
def _load_cached(supplement: str | None) -> Gazetteer:
    return Gazetteer.load(GAZETTEER_PATH, supplement)


def default_gazetteer(supplement: str | None = None) -> Gazetteer:
    """The bundled gazetteer plus ``supplement`` (or ``$FRONTLINE_PLACES``), loaded once per process."""
    return _load_cached(supplement or supplement_from_env())
