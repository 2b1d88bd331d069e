"""The SemEval-2020 Task 11 scores, re-implemented from their definition.

SI (span identification) gives partial credit for overlap: with predicted
spans S and gold spans T of an article, each first merged where they
overlap, P = Σ_s Σ_t |s∩t| / |s| ÷ |S| and R = Σ_s Σ_t |s∩t| / |t| ÷ |T|,
summed over all articles before dividing.  TC (technique classification)
is micro-F1 over the gold spans, which equals accuracy because every gold
span receives exactly one prediction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of overlapping (or touching) ``[start, end)`` spans, sorted; empty spans dropped."""
    out: list[list[int]] = []
    for a, b in sorted((a, b) for a, b in spans if b > a):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


@dataclass(slots=True)
class SIScore:
    precision: float
    recall: float
    f1: float
    n_pred: int
    n_gold: int


def si_score(
    pred: Mapping[str, Sequence[tuple[int, int]]], gold: Mapping[str, Sequence[tuple[int, int]]]
) -> SIScore:
    """Official SI precision/recall/F1 (merged spans, partial-overlap credit)."""
    p_sum = r_sum = 0.0
    n_s = n_t = 0
    for art in set(pred) | set(gold):
        s_spans = merge_spans(pred.get(art, ()))
        t_spans = merge_spans(gold.get(art, ()))
        n_s += len(s_spans)
        n_t += len(t_spans)
        for sa, sb in s_spans:
            for ta, tb in t_spans:
                inter = min(sb, tb) - max(sa, ta)
                if inter > 0:
                    p_sum += inter / (sb - sa)
                    r_sum += inter / (tb - ta)
    p = p_sum / n_s if n_s else 0.0
    r = r_sum / n_t if n_t else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return SIScore(p, r, f, n_s, n_t)


@dataclass(slots=True)
class TCScore:
    micro_f1: float
    n: int
    per_technique: dict[str, float] = field(default_factory=dict)


def tc_score(pred: Sequence[str], gold: Sequence[str]) -> TCScore:
    """Micro-F1 (= accuracy) and per-technique F1 over aligned gold spans."""
    if len(pred) != len(gold):
        raise ValueError(f"{len(pred)} predictions for {len(gold)} gold spans")
    correct = sum(p == g for p, g in zip(pred, gold, strict=True))
    tp: Counter[str] = Counter()
    np_: Counter[str] = Counter(pred)
    ng: Counter[str] = Counter(gold)
    for p, g in zip(pred, gold, strict=True):
        if p == g:
            tp[g] += 1
    per = {}
    for t in sorted(ng):
        prec = tp[t] / np_[t] if np_[t] else 0.0
        rec = tp[t] / ng[t]
        per[t] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return TCScore(correct / len(gold) if gold else 0.0, len(gold), per)
