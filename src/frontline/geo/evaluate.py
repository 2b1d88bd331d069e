"""Accuracy of place recognition and resolution on the public geoparsing sets.

Metrics follow the geoparsing literature (Gritta et al. 2020, "A Pragmatic
Guide to Geoparsing Evaluation"):

* recognition precision / recall / F1 on exact spans (and on overlapping spans);
* resolution, in two modes: ``end-to-end`` (our recognised mentions that
  overlap a gold toponym) and ``gold-spans`` (resolve the gold spans
  themselves, the setting Mordecai 3 reports);
* accuracy within 161 km, mean and median error in km, AUC of the error
  curve (mean of ``ln(1+err)/ln(20039)``, lower is better; an unresolved
  toponym counts as the maximal error), exact GeoNames-id accuracy.

Which gold toponyms count: GeoWebNews items with ``is_toponym`` true
(literal, metonymic, demonym, … — not ``Non_Toponym`` or the expression
spans); every annotated toponym in TR-News and LGL.  Distance metrics use
toponyms with coordinates; exact-id accuracy those with a GeoNames id.
"""

from __future__ import annotations

import csv
import json
import math
import statistics
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from frontline.geo.gazetteer import Gazetteer, default_gazetteer
from frontline.geo.geoparse import geoparse_text
from frontline.geo.resolve import haversine_km
from frontline.paths import PACKAGE_DATA, eval_dir, shared_dir
from frontline.text.matcher import Matcher
from frontline.text.normalize import normalize_name

THEATRE_PATH: Path = PACKAGE_DATA / "gazetteer" / "theatre.yaml"
DATASETS = {"geowebnews": "geowebnews.jsonl", "trnews": "trnews.jsonl", "lgl": "lgl.jsonl"}
MAX_ERROR_KM = 20039.0


def load_dataset(name: str, limit: int | None = None, path: Path | None = None) -> list[dict]:
    """Items of a geoparsing set (``limit`` first items)."""
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; choose from {sorted(DATASETS)}")
    p = path or eval_dir() / DATASETS[name]
    items = []
    with p.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                items.append(json.loads(line))
                if limit and len(items) >= limit:
                    break
    return items


def gold_toponyms(item: dict) -> list[dict]:
    """The toponyms of an item that count (see module docstring)."""
    return [t for t in item.get("toponyms", []) if t.get("is_toponym", True)]


@dataclass(slots=True)
class _Acc:
    errors: list[float]
    ids_total: int = 0
    ids_correct: int = 0

    def summary(self) -> dict[str, Any]:
        n = len(self.errors)
        if not n:
            return {"n": 0}
        return {
            "n": n,
            "acc_161km": round(sum(e <= 161 for e in self.errors) / n, 4),
            "mean_km": round(statistics.fmean(self.errors), 1),
            "median_km": round(statistics.median(self.errors), 1),
            "auc": round(statistics.fmean(math.log1p(e) / math.log1p(MAX_ERROR_KM) for e in self.errors), 4),
            "n_ids": self.ids_total,
            "exact_id_acc": round(self.ids_correct / self.ids_total, 4) if self.ids_total else None,
        }


@lru_cache(maxsize=1)
def theatre() -> dict[str, Any]:
    """The bundled data's theatre (``data/gazetteer/theatre.yaml``): name, country, bbox."""
    with THEATRE_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _in_theatre(gold: dict) -> bool:
    """Gold point inside the theatre's bounding box."""
    s, w, n, e = theatre()["bbox"]
    return s <= float(gold["lat"]) <= n and w <= float(gold["lon"]) <= e


def _err(place, gold: dict) -> float:
    if place is None:
        return MAX_ERROR_KM
    return haversine_km(place.lat, place.lon, float(gold["lat"]), float(gold["lon"]))


def evaluate_geoparse(
    dataset: str, *, limit: int | None = None, gazetteer: Gazetteer | None = None, demonyms: bool = True
) -> dict[str, Any]:
    """Recognition and resolution scores on ``dataset`` (the shared 70 % part)."""
    gaz = gazetteer or default_gazetteer()
    items = load_dataset(dataset, limit)
    tp = fp = fn = 0
    overlap_tp = 0
    e2e, gold_mode, local = _Acc([]), _Acc([]), _Acc([])
    # warm up lazy one-off work (pattern compilation, fuzzy skeleton index) outside the timing
    geoparse_text("Warm up near Qarmida village.", gazetteer=gaz)
    gaz.matcher.fuzzy("warm up", exhaustive=False)
    t0 = time.process_time()
    n_chars = 0
    for item in items:
        text = item["text"]
        n_chars += len(text)
        gold = gold_toponyms(item)
        pred = geoparse_text(text, gazetteer=gaz, demonyms=demonyms)
        gspans = {(g["start"], g["end"]) for g in gold}
        pspans = {(p.start, p.end) for p in pred}
        tp += len(gspans & pspans)
        fp += len(pspans - gspans)
        fn += len(gspans - pspans)
        for g in gold:
            hit = next((p for p in pred if p.start < g["end"] and g["start"] < p.end), None)
            if hit is not None:
                overlap_tp += 1
            if g.get("lat") is None:
                continue
            place = hit.place if hit is not None and hit.resolved else None
            e2e.errors.append(_err(place, g))
            if g.get("geonames_id") is not None:
                e2e.ids_total += 1
                e2e.ids_correct += int(place is not None and place.geonames_id == g["geonames_id"])
    elapsed = time.process_time() - t0
    t1 = time.process_time()
    for item in items:
        gold = [g for g in gold_toponyms(item) if g.get("lat") is not None]
        if not gold:
            continue
        pred = geoparse_text(item["text"], gazetteer=gaz, mention_spans=[(g["start"], g["end"]) for g in gold])
        by_span = {(p.start, p.end): p for p in pred}
        for g in gold:
            p = by_span.get((g["start"], g["end"]))
            place = p.place if p is not None and p.resolved else None
            gold_mode.errors.append(_err(place, g))
            if _in_theatre(g):
                local.errors.append(_err(place, g))
            if g.get("geonames_id") is not None:
                gold_mode.ids_total += 1
                gold_mode.ids_correct += int(place is not None and place.geonames_id == g["geonames_id"])
    gold_elapsed = time.process_time() - t1
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    n_gold = tp + fn
    return {
        "dataset": dataset,
        "items": len(items),
        "gold_toponyms": n_gold,
        "recognition": {
            "precision": round(prec, 4),
            "recall": round(rec, 4),
            "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
            "overlap_recall": round(overlap_tp / n_gold, 4) if n_gold else 0.0,
        },
        "end_to_end": e2e.summary(),
        "gold_spans": gold_mode.summary(),
        "theatre_gold_spans": {
            "theatre": theatre()["name"],
            **{k: v for k, v in local.summary().items() if k in ("n", "acc_161km", "median_km")},
            "acc_5km": round(sum(e <= 5 for e in local.errors) / len(local.errors), 4) if local.errors else None,
        },
        "docs_per_cpu_second": round(len(items) / elapsed, 1) if elapsed else None,
        "chars_per_cpu_second": round(n_chars / elapsed) if elapsed else None,
        "gold_mode_cpu_s": round(gold_elapsed, 2),
    }


def translit_path() -> Path:
    return shared_dir() / "data" / "gazetteer" / "transliteration_examples.tsv"


def evaluate_translit(path: Path | None = None, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """Hit rate of transliteration variants, seed-text rows reported separately.

    Two settings:

    * ``gazetteer`` — the real system: the variant resolves (exact folded
      match, best by prior; else best fuzzy match) to a place whose names
      include the canonical.  Many variants are GeoNames alternate names
      that the gazetteer itself holds, so this is partly a coverage check.
    * ``primary_names`` — the honest test of folding + fuzzy matching:
      only the *primary* names of the theatre's places are searchable, so the
      variant must be mapped to the canonical's spelling by the rules.
    """
    gaz = gazetteer or default_gazetteer()
    rows = []
    with (path or translit_path()).open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            rows.append((r["variant"], r["canonical"], r["source"] == "seed-text"))
    cols = gaz._cols
    country = theatre()["country"]
    local = [i for i in range(len(gaz)) if cols["country"][i] == country]
    primary: Matcher[int] = Matcher((cols["name"][i], i) for i in local)
    # the supplement's and OCHA's English names are primary names too
    canon_names = {normalize_name(c) for _, c, _ in rows}
    primary.extend((n, i) for i in local for n in gaz.names_of(i)[:1] if normalize_name(n) in canon_names)

    def names_match(idx: int, canonical: str) -> bool:
        cn = normalize_name(canonical)
        names = gaz.names_of(idx)
        return canonical in names or any(normalize_name(n) == cn for n in names)

    def resolve_full(variant: str) -> list[int]:
        exact = sorted(gaz.lookup(variant), key=lambda i: -gaz.prior(i))
        if exact:
            return exact
        return [i for i, _ in gaz.matcher.fuzzy(variant, limit=5, min_score=0.3)]

    def resolve_primary(variant: str) -> list[int]:
        exact = sorted(primary.keys_for(variant), key=lambda i: -gaz.prior(i))
        if exact:
            return exact
        return [i for i, _ in primary.fuzzy(variant, limit=5, min_score=0.3)]

    out: dict[str, Any] = {}
    for label, subset in (("geonames_ocha", [r for r in rows if not r[2]]), ("seed_text", [r for r in rows if r[2]])):
        res: dict[str, Any] = {"n": len(subset)}
        for mode, fn in (("gazetteer", resolve_full), ("primary_names", resolve_primary)):
            top1 = top5 = 0
            for v, c, _ in subset:
                cands = fn(v)
                top1 += bool(cands) and names_match(cands[0], c)
                top5 += any(names_match(i, c) for i in cands[:5])
            res[mode] = {"top1": round(top1 / len(subset), 4) if subset else None,
                         "top5": round(top5 / len(subset), 4) if subset else None}
        res["fold_equal"] = round(
            sum(normalize_name(v) == normalize_name(c) for v, c, _ in subset) / len(subset), 4
        ) if subset else None
        out[label] = res
    return out
