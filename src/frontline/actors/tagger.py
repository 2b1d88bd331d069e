"""A small learned tagger for organisations and persons (optional, CPU, seconds to train).

Why: the registry and the rules find named armed groups well, but re3d's
"Organisation" also covers phrases like "U.S. service members" and many
people are named without a title.  A token classifier over hashed features
(word, shape, affixes, neighbours, registry-word and rule-linker flags)
learns those patterns from the ``tune`` half of re3d.

Why not spaCy: a blank spaCy pipeline would add a large dependency tree for
every user; a linear model over :class:`sklearn.feature_extraction.FeatureHasher`
features needs only scikit-learn and numpy (already dependencies), trains in
seconds, and its weights ship as one compressed ``.npz`` (no pickles, so
loading the package data never executes code).

Interface follows scikit-learn: :class:`EntityTagger` has ``fit(docs)`` and
``predict(text)``; it is compared with the rules on the same held-out part by
``frontline eval entities``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from frontline.paths import PACKAGE_DATA

MODEL_PATH: Path = PACKAGE_DATA / "models" / "actor_tagger.npz"
LABELS = ("O", "B-Organisation", "I-Organisation", "B-Person", "I-Person")
ENTITY_TYPES = ("Organisation", "Person")
N_FEATURES = 2**16

_TOKEN = re.compile(r"\w+(?:[.'’\-]\w+)*\.?|[^\w\s]", re.UNICODE)


def tokenize(text: str) -> list[tuple[int, int]]:
    """Token ``(start, end)`` offsets (words keep inner dots/hyphens: "U.S.", "al-Sham")."""
    return [m.span() for m in _TOKEN.finditer(text)]


def _shape(tok: str) -> str:
    s = re.sub(r"[A-Z]", "X", tok)
    s = re.sub(r"[a-z]", "x", s)
    s = re.sub(r"[0-9]", "d", s)
    return re.sub(r"(.)\1{2,}", r"\1\1", s)


@lru_cache(maxsize=1)
def _registry_words() -> frozenset[str]:
    from frontline.actors.registry import registry

    words: set[str] = set()
    for a in registry().actors.values():
        for n in (*a.names, *a.abbreviations):
            words.update(w.lower() for w in re.findall(r"\w+", n) if len(w) > 2)
    return frozenset(words)


def _rule_tags(text: str, toks: Sequence[tuple[int, int]]) -> list[str]:
    """Per-token label of the rule linker (role/person/descriptor), as a feature."""
    from frontline.actors.linker import find_mentions

    tags = ["-"] * len(toks)
    starts = [s for s, _ in toks]
    for m in find_mentions(text):
        kind = (
            "per"
            if m.role == "person"
            else ("desc" if m.descriptor else ("unk" if m.actor_id is None else "org"))
        )
        for i, s in enumerate(starts):
            if m.start <= s < m.end:
                tags[i] = ("B-" if s == m.start or i == 0 or starts[i - 1] < m.start else "I-") + kind
    return tags


def token_features(text: str, toks: Sequence[tuple[int, int]]) -> list[list[str]]:
    reg_words = _registry_words()
    words = [text[s:e] for s, e in toks]
    rules = _rule_tags(text, toks)
    feats: list[list[str]] = []
    for i, w in enumerate(words):
        low = w.lower()
        f = [
            "bias",
            f"w={low}",
            f"shape={_shape(w)}",
            f"suf3={low[-3:]}",
            f"pre3={low[:3]}",
            f"rule={rules[i]}",
            f"reg={low in reg_words}",
            f"cap={w[:1].isupper()}",
            f"first={i == 0 or words[i - 1] in '.!?'}",
        ]
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(words):
                wj = words[j]
                f.append(f"w{d}={wj.lower()}")
                f.append(f"shape{d}={_shape(wj)}")
                f.append(f"rule{d}={rules[j]}")
            else:
                f.append(f"w{d}=<pad>")
        f.append(f"w-1|w={words[i - 1].lower() if i else '<s>'}|{low}")
        feats.append(f)
    return feats


def _hash(feats: list[list[str]]):
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(n_features=N_FEATURES, input_type="string").transform(feats)


def bio_labels(toks: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIO labels from entity spans; longer spans win where entities nest."""
    labels = ["O"] * len(toks)
    for s, e, typ in sorted(spans, key=lambda x: -(x[1] - x[0])):
        idx = [i for i, (ts, te) in enumerate(toks) if ts >= s and te <= e]
        if not idx or any(labels[i] != "O" for i in idx):
            continue
        labels[idx[0]] = f"B-{typ}"
        for i in idx[1:]:
            labels[i] = f"I-{typ}"
    return labels


def decode(toks: Sequence[tuple[int, int]], labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Spans from BIO labels (an I- after O or another type starts a new span)."""
    spans: list[tuple[int, int, str]] = []
    cur: list = []
    for (s, e), lab in zip(toks, labels, strict=True):
        if lab == "O":
            if cur:
                spans.append(tuple(cur))
                cur = []
            continue
        pre, typ = lab.split("-", 1)
        if pre == "B" or not cur or cur[2] != typ:
            if cur:
                spans.append(tuple(cur))
            cur = [s, e, typ]
        else:
            cur[1] = e
    if cur:
        spans.append(tuple(cur))
    return spans


class EntityTagger:
    """Linear BIO tagger (scikit-learn style ``fit``/``predict``)."""

    def __init__(self, coef: np.ndarray | None = None, intercept: np.ndarray | None = None) -> None:
        self.coef = coef
        self.intercept = intercept

    def fit(self, docs: Iterable[dict], *, alpha: float = 1e-5, seed: int = 0) -> EntityTagger:
        """Train on re3d-style documents (``text`` + ``entities``)."""
        from scipy.sparse import vstack
        from sklearn.linear_model import SGDClassifier

        mats, ys = [], []
        for d in docs:
            toks = tokenize(d["text"])
            spans = [(e["start"], e["end"], e["type"]) for e in d["entities"] if e["type"] in ENTITY_TYPES]
            mats.append(_hash(token_features(d["text"], toks)))
            ys.extend(LABELS.index(lab) for lab in bio_labels(toks, spans))
        clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=30, tol=None, random_state=seed)
        clf.fit(vstack(mats), np.array(ys))
        coef = np.zeros((len(LABELS), N_FEATURES), dtype=np.float32)
        intercept = np.zeros(len(LABELS), dtype=np.float32)
        for row, cls in enumerate(clf.classes_):
            coef[cls] = clf.coef_[row]
            intercept[cls] = clf.intercept_[row]
        missing = set(range(len(LABELS))) - set(int(c) for c in clf.classes_)
        for cls in missing:
            intercept[cls] = -1e4
        self.coef, self.intercept = coef, intercept
        return self

    def predict(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, type)`` spans of organisations and persons in ``text``."""
        if self.coef is None or self.intercept is None:
            raise RuntimeError("tagger is not fitted; call fit() or load()")
        toks = tokenize(text)
        if not toks:
            return []
        scores = _hash(token_features(text, toks)) @ self.coef.T.astype(np.float32) + self.intercept
        labels = [LABELS[i] for i in np.asarray(scores).argmax(axis=1)]
        return decode(toks, labels)

    def save(self, path: Path = MODEL_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            coef=self.coef.astype(np.float16),
            intercept=self.intercept,
            labels=np.array(LABELS),
            n_features=N_FEATURES,
        )

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> EntityTagger:
        with np.load(path, allow_pickle=False) as z:
            if tuple(z["labels"].tolist()) != LABELS or int(z["n_features"]) != N_FEATURES:
                raise ValueError(f"{path}: model was trained with other labels/features; retrain it")
            return cls(z["coef"].astype(np.float32), z["intercept"].astype(np.float32))


def model_available(path: Path = MODEL_PATH) -> bool:
    return path.exists()


@lru_cache(maxsize=1)
def bundled_tagger() -> EntityTagger:
    return EntityTagger.load()


def evaluate_tagger(part: str = "heldout", tagger: EntityTagger | None = None):
    """re3d scores of the tagger (places from the geo stage, as for the rules)."""
    from frontline.actors.evaluate import TYPES, _geo_predictor, evaluate

    model = tagger or bundled_tagger()
    geo = _geo_predictor()

    def predict(text: str) -> dict[str, list[tuple[int, int]]]:
        out: dict[str, list[tuple[int, int]]] = {t: [] for t in TYPES}
        for s, e, typ in model.predict(text):
            out[typ].append((s, e))
        if geo is not None:
            out["Location"] = geo(text)
        return out

    return evaluate(predict, system="tagger", part=part, unavailable=[] if geo else ["Location"])
