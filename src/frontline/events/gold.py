"""Event-level accuracy on the hand-coded FA-KES gold set (``data/gold/events_fakes.yaml``).

Each gold article is run through the full per-document pipeline (clean, geo,
actors, framing, events); stages that are not installed are skipped and
listed in the result, so the score always says what produced it.  A system
event *matches* a gold event when its sentence evidence overlaps the gold
quote (one-to-one, preferring a matching location).  Precision and recall
count matches; the field accuracies are measured on the matched pairs.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from frontline.model import Document, Event
from frontline.paths import PACKAGE_DATA, eval_dir

GOLD_PATH = PACKAGE_DATA / "gold" / "events_fakes.yaml"


@dataclass(slots=True)
class GoldEvent:
    article: str
    start: int
    end: int
    raw: dict[str, Any]


def load_gold(path: Path = GOLD_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_articles(ids: set[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    with (eval_dir() / "fakes.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["id"] in ids:
                out[row["id"]] = row
    return out


def document_from_row(row: dict[str, Any]) -> Document:
    """A Document as ingest would make it from a JSONL row (container date and outlet)."""
    date = dt.date.fromisoformat(row["date"]) if row.get("date") else None
    return Document(
        id=row["id"], content_hash=row["id"], source_path=f"fakes.jsonl#{row['id']}", text=row["text"],
        media_type="jsonl", title=row.get("title"), outlet=row.get("source"),
        publication_date=date, date_source="container" if date else None,
    )


def run_pipeline(doc: Document) -> tuple[Document, list[str]]:
    """Run every available per-document stage; return the document and the stages skipped."""
    from frontline.pipeline import select

    skipped: list[str] = []
    pub, src = doc.publication_date, doc.date_source
    for stage in select():
        try:
            fn = stage.load()
        except (ImportError, AttributeError):
            skipped.append(stage.name)
            continue
        doc = fn(doc)
        if stage.name == "clean" and doc.publication_date is None and pub is not None:
            doc.publication_date, doc.date_source = pub, src  # the container's date stands
    return doc, skipped


def _name_ok(system: str | None, gold: str | None, alts: list[str]) -> bool:
    if not system:
        return False
    s = system.casefold()
    for g in [gold, *alts]:
        if g and (fuzz.partial_ratio(s, str(g).casefold()) >= 85 or str(g).casefold() in s):
            return True
    return False


def _date_ok(ev: Event, g: dict[str, Any]) -> bool:
    if ev.event_date is None:
        return False
    if g.get("date"):
        return ev.event_date == g["date"]
    lo, hi = g["date_range"]
    return lo <= ev.event_date <= hi


def _quote_span(text: str, quote: str) -> tuple[int, int]:
    i = text.find(quote)
    if i < 0:
        raise ValueError(f"gold quote not in article text: {quote[:60]!r}")
    return i, i + len(quote)


def evaluate_gold(path: Path = GOLD_PATH) -> dict[str, Any]:
    """Precision, recall and field accuracies of the event extractor against the gold set."""
    gold = load_gold(path)
    rows = load_articles({a["id"] for a in gold["articles"]})
    n_sys = n_gold = matched = 0
    checks: dict[str, list[bool]] = {k: [] for k in ("type", "event_type", "location", "date", "actor1", "fatalities")}
    skipped: set[str] = set()
    misses: list[dict[str, Any]] = []
    for art in gold["articles"]:
        doc, sk = run_pipeline(document_from_row(rows[art["id"]]))
        skipped.update(sk)
        system = list(doc.events)
        n_sys += len(system)
        used: set[int] = set()
        for g in art["events"]:
            n_gold += 1
            gs, ge = _quote_span(doc.text, g["quote"])
            cands = [
                (i, e) for i, e in enumerate(system)
                if i not in used and any(s.field is None and s.start < ge and gs < s.end for s in e.sources)
            ]
            if not cands:
                misses.append({"article": art["id"], "quote": g["quote"][:80]})
                continue
            cands.sort(key=lambda ie: (not _name_ok(ie[1].location, g["location"], g.get("location_alts", [])),
                                       ie[1].sub_event_type != g["sub_event_type"], ie[0]))
            i, ev = cands[0]
            used.add(i)
            matched += 1
            from frontline.events.typology import event_type_of

            checks["type"].append(ev.sub_event_type == g["sub_event_type"])
            checks["event_type"].append(ev.event_type == event_type_of(g["sub_event_type"]))
            checks["location"].append(_name_ok(ev.location, g["location"], g.get("location_alts", [])))
            checks["date"].append(_date_ok(ev, g))
            if g.get("actor1"):
                checks["actor1"].append(_name_ok(ev.actor1, g["actor1"], g.get("actor1_alts", [])))
            if g.get("fatalities") is not None:
                checks["fatalities"].append(ev.fatalities == g["fatalities"])
    def acc(k: str) -> float | None:
        return sum(checks[k]) / len(checks[k]) if checks[k] else None

    precision = matched / n_sys if n_sys else 0.0
    recall = matched / n_gold if n_gold else 0.0
    return {
        "n_articles": len(gold["articles"]),
        "n_gold": n_gold,
        "n_system": n_sys,
        "matched": matched,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "type_accuracy": acc("type"),
        "event_type_accuracy": acc("event_type"),
        "location_accuracy": acc("location"),
        "date_accuracy": acc("date"),
        "actor1_accuracy": acc("actor1"),
        "actor1_checked": len(checks["actor1"]),
        "fatalities_accuracy": acc("fatalities"),
        "fatalities_checked": len(checks["fatalities"]),
        "stages_skipped": sorted(skipped),
        "missed": misses,
    }
