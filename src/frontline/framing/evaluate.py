"""``frontline eval framing``: the SemEval-2020 Task 11 scores on the held-out PTC articles.

Only the ``heldout`` split (see :mod:`frontline.framing.ptc`) is scored;
training used the rest.  SI is reported for the learned tagger alone and
for the full detector (tagger + conflict lexicon + sarcasm cues), because
the lexicon is written for war reporting and the corpus is general news.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from frontline.framing.frame import Framer
from frontline.framing.metrics import SIScore, TCScore, si_score, tc_score
from frontline.framing.ptc import Article, load_articles
from frontline.framing.techniques import SpanContext

#: Published best results on the official PTC *test* set (different articles).
PUBLISHED = {"si_f1": 0.516, "si_team": "Hitachi", "tc_micro_f1": 0.621, "tc_team": "ApplicaAI"}


@dataclass(slots=True)
class FramingEval:
    split: str
    articles: int
    si: dict[str, SIScore] = field(default_factory=dict)
    tc: TCScore | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "split": self.split,
            "articles": self.articles,
            "si": {k: {"precision": round(v.precision, 4), "recall": round(v.recall, 4), "f1": round(v.f1, 4),
                       "n_pred": v.n_pred, "n_gold": v.n_gold} for k, v in self.si.items()},
            "tc": None if self.tc is None else {
                "micro_f1": round(self.tc.micro_f1, 4), "n": self.tc.n,
                "per_technique": {k: round(v, 4) for k, v in self.tc.per_technique.items()}},
            "published_best_official_test": PUBLISHED,
            "seconds": round(self.seconds, 2),
        }


def evaluate(articles: list[Article] | None = None, framer: Framer | None = None,
             split: str = "heldout") -> FramingEval:
    """Score SI (tagger alone, and all detectors) and TC on ``articles`` (default: the held-out split)."""
    t0 = time.perf_counter()
    arts = load_articles(split) if articles is None else articles
    framer = framer or Framer.default()
    gold = {a.article_id: a.si_spans for a in arts}
    model_pred: dict[str, list[tuple[int, int]]] = {}
    all_pred: dict[str, list[tuple[int, int]]] = {}
    tc_pred: list[str] = []
    tc_gold: list[str] = []
    for a in arts:
        spans = framer.spans(a.text)
        model_pred[a.article_id] = [(s.start, s.end) for s in spans if s.source == "model"]
        all_pred[a.article_id] = [(s.start, s.end) for s in spans]
        if framer.techniques is not None:
            ctx = SpanContext.of(a.text)
            tc_pred += [t for t, _ in framer.techniques.predict(ctx, [(s, e) for s, e, _ in a.tc_spans])]
            tc_gold += [t for _, _, t in a.tc_spans]
    result = FramingEval(split, len(arts))
    result.si["model"] = si_score(model_pred, gold)
    result.si["all"] = si_score(all_pred, gold)
    if tc_gold:
        result.tc = tc_score(tc_pred, tc_gold)
    result.seconds = time.perf_counter() - t0
    return result
