"""Entity evaluation on dstl re3d (Syria/Iraq documents annotated by experts).

re3d has no official split, so the 98 documents are split deterministically
by a hash of their id: ``tune`` (used to adjust rules and to train the
optional tagger) and ``heldout`` (only reported).  Scores are given per type
with two matchings:

* exact — predicted ``(start, end, type)`` equals a gold entity;
* partial — a prediction counts if it overlaps a gold entity of the type
  (precision over predictions, recall over gold), which forgives the many
  boundary conventions ("the SDF" vs "SDF", "Minister Ellwood" vs "Ellwood").

Mapping of frontline's output: person mentions → Person; every other actor,
source or descriptor mention → Organisation (re3d's Organisation covers
"militants", "Iraqi forces", "the Coalition"); places from
``frontline.geo.geoparse_text`` → Location when the geo stage provides it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from frontline.paths import eval_dir

TYPES = ("Organisation", "Person", "Location")

Spans = dict[str, list[tuple[int, int]]]
Predictor = Callable[[str], Spans]


def split_of(doc_id: str) -> str:
    """``"tune"`` or ``"heldout"``: stable, by the first byte of SHA-256 of the id."""
    return "tune" if hashlib.sha256(doc_id.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def load_re3d(path: Path | None = None, part: str | None = None) -> list[dict]:
    """re3d documents (optionally only the ``tune`` or ``heldout`` part)."""
    p = path or eval_dir() / "re3d.jsonl"
    with p.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    if part is not None:
        if part not in ("tune", "heldout"):
            raise ValueError(f"part must be 'tune' or 'heldout', got {part!r}")
        docs = [d for d in docs if split_of(d["id"]) == part]
    return docs


def gold_spans(doc: dict) -> Spans:
    out: Spans = {t: [] for t in TYPES}
    for e in doc["entities"]:
        if e["type"] in out:
            out[e["type"]].append((e["start"], e["end"]))
    return out


@dataclass(slots=True)
class Score:
    tp_exact: int = 0
    pred: int = 0
    gold: int = 0
    pred_overlapping: int = 0
    gold_overlapped: int = 0

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def exact(self) -> tuple[float, float, float]:
        p = self.tp_exact / self.pred if self.pred else 0.0
        r = self.tp_exact / self.gold if self.gold else 0.0
        return p, r, self._f(p, r)

    def partial(self) -> tuple[float, float, float]:
        p = self.pred_overlapping / self.pred if self.pred else 0.0
        r = self.gold_overlapped / self.gold if self.gold else 0.0
        return p, r, self._f(p, r)


@dataclass(slots=True)
class Report:
    system: str
    part: str
    documents: int
    scores: dict[str, Score] = field(default_factory=dict)
    unavailable: list[str] = field(default_factory=list)

    def rows(self) -> list[dict]:
        out = []
        for t in TYPES:
            if t in self.unavailable:
                out.append({"system": self.system, "type": t, "available": False})
                continue
            s = self.scores[t]
            ep, er, ef = s.exact()
            pp, pr, pf = s.partial()
            out.append(
                {
                    "system": self.system,
                    "type": t,
                    "available": True,
                    "gold": s.gold,
                    "pred": s.pred,
                    "exact_p": round(ep, 3),
                    "exact_r": round(er, 3),
                    "exact_f1": round(ef, 3),
                    "partial_p": round(pp, 3),
                    "partial_r": round(pr, 3),
                    "partial_f1": round(pf, 3),
                }
            )
        return out


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def score_document(gold: Spans, pred: Spans, scores: dict[str, Score]) -> None:
    for t in TYPES:
        g = set(gold.get(t, ()))
        p = set(pred.get(t, ()))
        sc = scores.setdefault(t, Score())
        sc.gold += len(g)
        sc.pred += len(p)
        sc.tp_exact += len(g & p)
        sc.pred_overlapping += sum(1 for x in p if _overlaps(x, g))
        sc.gold_overlapped += sum(1 for x in g if _overlaps(x, p))


def rules_predictor() -> Predictor:
    """frontline's rule + registry linker (and the geo stage's places when present)."""
    from frontline.actors.linker import find_mentions

    geo = _geo_predictor()

    def predict(text: str) -> Spans:
        out: Spans = {t: [] for t in TYPES}
        for m in find_mentions(text):
            out["Person" if m.role == "person" else "Organisation"].append((m.start, m.end))
        if geo is not None:
            out["Location"] = geo(text)
        return out

    return predict


def _geo_predictor() -> Callable[[str], list[tuple[int, int]]] | None:
    try:
        from frontline.geo import geoparse_text  # type: ignore[attr-defined]
    except ImportError:
        return None

    def places(text: str) -> list[tuple[int, int]]:
        spans = []
        for item in geoparse_text(text):
            s = item["start"] if isinstance(item, dict) else item.start
            e = item["end"] if isinstance(item, dict) else item.end
            spans.append((s, e))
        return spans

    return places


def evaluate(
    predictor: Predictor,
    *,
    system: str = "rules",
    part: str = "heldout",
    path: Path | None = None,
    unavailable: Iterable[str] = (),
) -> Report:
    """Score ``predictor`` on one part of re3d."""
    docs = load_re3d(path, part)
    report = Report(system, part, len(docs), unavailable=list(unavailable))
    for d in docs:
        score_document(gold_spans(d), predictor(d["text"]), report.scores)
    return report


def evaluate_rules(part: str = "heldout", path: Path | None = None) -> Report:
    unavailable = [] if _geo_predictor() is not None else ["Location"]
    return evaluate(rules_predictor(), system="rules", part=part, path=path, unavailable=unavailable)
