"""Technique classification (SemEval-2020 Task 11 "TC"): which technique a span uses.

A multinomial linear model over sparse features of the span *and* its
context: the span's words and word pairs, the rest of its sentence (the
same phrase is Loaded_Language in a description and a Slogan when shouted),
its length, punctuation, and how often the span recurs in the document
(Repetition is defined by recurrence, not by wording).  The weights are
stored as a plain feature-name list plus a matrix (no pickle), and applied
with dictionary look-ups: spans are few per document, so this is cheap.
"""

from __future__ import annotations

import itertools
import json
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from frontline.framing.lexicon import normalise
from frontline.framing.tokens import Tokens, tokenize
from frontline.paths import PACKAGE_DATA

MODEL_PATH = PACKAGE_DATA / "models" / "framing_techniques.npz"
#: How many tokens of context either side of a span (within its sentence).
CONTEXT_TOKENS = 8


def _bucket(v: float, edges: tuple[float, ...]) -> int:
    """How many of the (sorted) ``edges`` lie strictly below ``v``."""
    return bisect_left(edges, v)


@dataclass(slots=True)
class SpanContext:
    """What the features of every span of one text share: tokens, lower-cased words, the text."""

    text: str
    low: str
    tokens: Tokens
    words: list[str]  # lower-cased token strings
    sent_start: np.ndarray  # first token of each token's sentence
    sent_end: np.ndarray  # one past the last token of each token's sentence
    counts: Counter[str] = field(default_factory=Counter)  # lower-cased word → occurrences in the text

    @classmethod
    def of(cls, text: str, tokens: Tokens | None = None, low: str | None = None) -> SpanContext:
        """Context of ``text``; pass its ``tokens`` and ``normalise``-d text when already computed."""
        tokens = tokenize(text) if tokens is None else tokens
        n = len(tokens)
        change = np.flatnonzero(tokens.sent[1:] != tokens.sent[:-1]) + 1
        first = np.concatenate([[0], change]).astype(np.int64)
        last = np.concatenate([change, [n]]).astype(np.int64)
        ss = np.repeat(first, last - first) if n else np.zeros(0, dtype=np.int64)
        se = np.repeat(last, last - first) if n else np.zeros(0, dtype=np.int64)
        low = normalise(text) if low is None else low
        # one str.lower over all words (tokens never hold a newline), not one call per word
        words = "\n".join(tokens.words).lower().split("\n") if n else []
        return cls(text, low, tokens, words, ss, se, Counter(words))


def span_features(ctx: SpanContext, start: int, end: int, i: int | None = None, j: int | None = None
                  ) -> dict[str, float]:
    """Sparse features of ``text[start:end]`` in its sentence and document.

    ``i``/``j`` are the first and one-past-last token of the span when the
    caller has looked them up already (for many spans at once).
    """
    toks = ctx.tokens
    if i is None or j is None:
        i = int(np.searchsorted(toks.ends, start, side="right"))
        j = int(np.searchsorted(toks.starts, end, side="left"))
    words = ctx.words[i:j]
    feats: dict[str, float] = {}
    for w in words:
        key = "w:" + w
        feats[key] = feats.get(key, 0.0) + 1.0
    for a, b in itertools.pairwise(words):
        feats[f"b:{a}_{b}"] = 1.0
    if words:
        feats["first:" + words[0]] = 1.0
        feats["last:" + words[-1]] = 1.0
        lo, hi = int(ctx.sent_start[i]), int(ctx.sent_end[j - 1])
        for w in ctx.words[max(lo, i - CONTEXT_TOKENS) : i]:
            feats["lc:" + w] = 1.0
        for w in ctx.words[j : min(hi, j + CONTEXT_TOKENS)]:
            feats["rc:" + w] = 1.0
        feats[f"whole:{int(i - lo <= 1 and hi - j <= 1)}"] = 1.0
    feats[f"len:{_bucket(len(words), (1, 2, 3, 5, 8, 13, 20, 30))}"] = 1.0
    span = ctx.text[start:end]
    for ch, name in (("!", "excl"), ("?", "quest"), ('"', "quote"), ("“", "quote")):
        if ch in span:
            feats["p:" + name] = 1.0
    if len(span) > 3 and span.isupper():
        feats["allcaps"] = 1.0
    if end - start >= 3:
        reps = ctx.low.count(ctx.low[start:end])
        feats[f"rep:{_bucket(reps, (1, 2, 3, 5))}"] = 1.0
        # Repetition marks the later uses of a phrase: did it already occur?
        feats[f"earlier:{int(ctx.low.find(ctx.low[start:end]) < start)}"] = 1.0
    if words:
        # a repeated phrase can be re-worded; its key words still recur
        content = [w for w in words if len(w) > 3]
        if content:
            top = max(ctx.counts[w] for w in content)
            feats[f"wrep:{_bucket(top, (1, 2, 3, 5, 8))}"] = 1.0
        # share of capitalised words after the first: names and slogans
        surface = toks.words[i:j]
        caps = sum(w[:1].isupper() for w in surface[1:]) / len(surface)
        feats[f"caps:{_bucket(caps, (0, 0.3, 0.6))}"] = 1.0
    return feats


@dataclass(slots=True)
class TechniqueModel:
    labels: list[str]
    index: dict[str, int]
    coef: np.ndarray  # (n_labels, n_features)
    intercept: np.ndarray
    coef_t: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.coef_t = np.ascontiguousarray(self.coef.T)

    def probs(self, feats: list[dict[str, float]]) -> np.ndarray:
        """(n_spans, n_labels) probabilities, in one sparse-dense product."""
        get = self.index.get
        # all spans' features flattened (C-level iteration), unknown names dropped after
        n_each = [len(f) for f in feats]
        total = sum(n_each)
        names = itertools.chain.from_iterable(feats)
        cols_all = np.fromiter(map(get, names, itertools.repeat(-1)), dtype=np.int64, count=total)
        vals_all = np.fromiter(itertools.chain.from_iterable(f.values() for f in feats), dtype=np.float64,
                               count=total)
        known = cols_all >= 0
        rows = np.repeat(np.arange(len(feats)), n_each)[known]
        cols, vals = cols_all[known], vals_all[known]
        z = np.empty((len(feats), len(self.intercept)))
        z[:] = self.intercept
        if len(rows):
            r = rows
            contrib = self.coef_t[cols] * vals[:, None]
            firsts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])  # rows are grouped and ascending
            z[r[firsts]] += np.add.reduceat(contrib, firsts, axis=0)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, text: str | SpanContext, spans: list[tuple[int, int]]) -> list[tuple[str, float]]:
        """Best technique and its probability for each span.

        Spans repeated at the same offsets get the 1st, 2nd, … most likely
        technique in turn: the corpus marks one span with several techniques
        by repeating it.
        """
        if not spans:
            return []
        ctx = SpanContext.of(text) if isinstance(text, str) else text
        arr = np.asarray(spans, dtype=np.int64).reshape(len(spans), 2)
        first = np.searchsorted(ctx.tokens.ends, arr[:, 0], side="right").tolist()
        last = np.searchsorted(ctx.tokens.starts, arr[:, 1], side="left").tolist()
        probs = self.probs([span_features(ctx, a, b, i, j)
                            for (a, b), i, j in zip(spans, first, last, strict=True)])
        seen: Counter[tuple[int, int]] = Counter()
        out = []
        for (a, b), p in zip(spans, probs, strict=True):
            k = seen[(a, b)]
            seen[(a, b)] += 1
            j = int(p.argmax()) if k == 0 else int(np.argsort(-p)[min(k, len(p) - 1)])
            out.append((self.labels[j], float(p[j])))
        return out

    def save(self, path: Path) -> None:
        names = sorted(self.index, key=self.index.__getitem__)
        np.savez_compressed(
            path,
            names=np.asarray("\n".join(names)),
            labels=np.asarray(json.dumps(self.labels)),
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
        )

    @classmethod
    def load(cls, path: Path) -> TechniqueModel:
        with np.load(path, allow_pickle=False) as z:
            names = str(z["names"]).split("\n")
            return cls(json.loads(str(z["labels"])), {n: i for i, n in enumerate(names)},
                       z["coef"].astype(np.float64), z["intercept"].astype(np.float64))


@lru_cache(maxsize=1)
def load_technique_model(path: str = str(MODEL_PATH)) -> TechniqueModel:
    """The shipped technique classifier, loaded once per process."""
    return TechniqueModel.load(Path(path))
