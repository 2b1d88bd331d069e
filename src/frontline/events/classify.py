"""Sentence → ACLED sub-event type, behind one scikit-learn style interface.

``RuleClassifier`` (trigger rules from data), ``LearnedClassifier`` (TF-IDF
word + character n-grams and a linear SVM) and ``HybridClassifier`` (the
learned scores plus a weighted rule vote) all offer ``fit(texts, labels)``,
``predict(texts)`` and ``predict_proba(texts)`` with a shared ``classes_``, so
they are swapped and compared on the same evaluation (``frontline eval
classify --method …``).  The shipped model is trained by
``scripts/train_subevent_classifier.py`` and loaded with :func:`load_shipped`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import joblib
import numpy as np
import sklearn
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

from frontline.events.rules import rule_scores
from frontline.events.typology import sub_event_types
from frontline.paths import PACKAGE_DATA

MODEL_PATH = PACKAGE_DATA / "models" / "subevent_clf.joblib"
META_PATH = PACKAGE_DATA / "models" / "subevent_clf.json"


class SubEventClassifier(Protocol):
    """What every sub-event classifier offers (scikit-learn's estimator shape)."""

    classes_: list[str]

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> SubEventClassifier: ...

    def predict(self, texts: Sequence[str]) -> list[str]: ...

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray: ...


def _softmax(scores: np.ndarray) -> np.ndarray:
    z = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class RuleClassifier:
    """Trigger rules as a classifier; ``fit`` only learns the fallback label.

    A sentence no rule fires on gets the most frequent training label (like
    scikit-learn's DummyClassifier), so the rules are scored on every item.
    """

    def __init__(self) -> None:
        self.classes_: list[str] = sub_event_types()
        self.fallback_: str = "Other"

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> RuleClassifier:
        if labels:
            self.fallback_ = Counter(labels).most_common(1)[0][0]
        return self

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Raw summed trigger weights, shape (n, n_classes)."""
        out = np.zeros((len(texts), len(self.classes_)))
        index = {c: i for i, c in enumerate(self.classes_)}
        for row, text in enumerate(texts):
            for label, score in rule_scores(text).items():
                out[row, index[label]] = score
        return out

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        s = self.scores(texts)
        fb = self.classes_.index(self.fallback_)
        s[s.sum(axis=1) == 0, fb] = 1.0
        return s / s.sum(axis=1, keepdims=True)

    def predict(self, texts: Sequence[str]) -> list[str]:
        proba = self.predict_proba(texts)
        return [self.classes_[i] for i in proba.argmax(axis=1)]


class LearnedClassifier:
    """TF-IDF (word 1–2-grams + char_wb 2–5-grams) and a linear SVM.

    ``predict_proba`` is the softmax of the SVM margins: a ranking score that
    sums to one, not a calibrated probability (calibration needs more data
    than the ~400 training snippets).  Deterministic: the solver seed is fixed.
    """

    def __init__(self, C: float = 0.2) -> None:
        self.C = C
        self.classes_: list[str] = sub_event_types()
        self.pipeline_: Pipeline | None = None

    def _build(self) -> Pipeline:
        features = FeatureUnion(
            [
                ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True)),
                ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, max_features=30000)),
            ]
        )
        return Pipeline([("features", features), ("svm", LinearSVC(C=self.C, class_weight="balanced", random_state=0))])

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> LearnedClassifier:
        self.pipeline_ = self._build().fit(list(texts), list(labels))
        return self

    def _margins(self, texts: Sequence[str]) -> np.ndarray:
        if self.pipeline_ is None:
            raise RuntimeError("LearnedClassifier is not fitted; call fit() or load_shipped()")
        raw = self._fast_margins(list(texts))
        out = np.full((len(texts), len(self.classes_)), -10.0)
        for j, c in enumerate(self.pipeline_.classes_):
            out[:, self.classes_.index(c)] = raw[:, j]
        return out

    def _fast_margins(self, texts: list[str]) -> np.ndarray:
        """``decision_function`` without Pipeline/FeatureUnion dispatch (≈20 ms per call saved).

        Same arithmetic: the union's blocks side by side, then the SVM's
        linear function.  The per-call overhead dominated the events stage.
        """
        assert self.pipeline_ is not None
        union = self.pipeline_.named_steps["features"]
        svm = self.pipeline_.named_steps["svm"]
        X = sparse.hstack([_tfidf_transform(vec, texts) for _name, vec in union.transformer_list]).tocsr()
        return np.asarray(X @ svm.coef_.T) + svm.intercept_

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return _softmax(self._margins(texts) * 3.0)

    def predict(self, texts: Sequence[str]) -> list[str]:
        return [self.classes_[i] for i in self._margins(texts).argmax(axis=1)]


_WORD_CACHE_MAX = 200_000


def _tfidf_transform(vec: TfidfVectorizer, texts: list[str]):
    """``vec.transform(texts)`` with the same matrix, built faster for fitted TF-IDF vectorizers.

    Why: sklearn's ``char_wb`` analyzer cuts every word of every sentence
    into 2–5-grams in Python and then looks each one up, which made the
    sentence classifier the costliest part of event extraction.  The grams
    of a word never depend on its neighbours, so each distinct word's
    in-vocabulary feature indices are computed once per process and reused;
    the occurrences are counted in one sparse COO->CSR step (the same
    integer counts and sorted CSR layout as ``CountVectorizer._count_vocab``)
    and the fitted IDF, sublinear TF and L2 steps are applied as
    ``TfidfTransformer.transform`` does, so the result is bit-for-bit the
    same (tested).  Other analyzers keep a cached analyzer function but the
    same counting.
    """
    if not isinstance(vec, TfidfVectorizer) or vec.binary or not hasattr(vec, "vocabulary_"):
        return vec.transform(texts)
    vocab = vec.vocabulary_
    cache: dict[str, tuple[int, ...]] | None = None
    if vec.analyzer == "char_wb" and vec.input == "content" and vec.preprocessor is None:
        cache = vec.__dict__.setdefault("_frontline_word_grams", {})
        preprocess = vec.build_preprocessor()
        white = vec._white_spaces
        lo, hi = vec.ngram_range
    else:
        analyze = vec.__dict__.get("_frontline_analyzer")
        if analyze is None:
            analyze = vec.__dict__["_frontline_analyzer"] = vec.build_analyzer()
    cols: list[int] = []
    lengths: list[int] = []
    for doc in texts:
        before = len(cols)
        if cache is not None:
            for w in white.sub(" ", preprocess(doc)).split():
                idxs = cache.get(w)
                if idxs is None:
                    idxs = _word_gram_indices(w, lo, hi, vocab)
                    if len(cache) >= _WORD_CACHE_MAX:
                        cache.clear()
                    cache[w] = idxs
                cols.extend(idxs)
        else:
            get = vocab.get
            cols.extend(idx for idx in map(get, analyze(doc)) if idx is not None)
        lengths.append(len(cols) - before)
    # one (row, column) pair per feature occurrence; COO -> CSR sums the
    # duplicates into counts, the same integers _count_vocab produces
    rows = np.repeat(np.arange(len(texts), dtype=np.int32), lengths)
    X = sparse.coo_matrix(
        (np.ones(len(cols), dtype=vec.dtype), (rows, np.asarray(cols, dtype=np.int32))),
        shape=(len(texts), len(vocab)),
    ).tocsr()
    X.sum_duplicates()
    X.sort_indices()
    tfidf = vec._tfidf
    if tfidf.norm not in ("l2", None):
        return tfidf.transform(X, copy=False)
    # TfidfTransformer.transform's arithmetic without its per-call input validation
    if tfidf.sublinear_tf:
        np.log(X.data, X.data)
        X.data += 1.0
    if hasattr(tfidf, "idf_"):
        X.data *= tfidf.idf_[X.indices]
    if tfidf.norm == "l2":
        inplace_csr_row_normalize_l2(X)
    return X


def _word_gram_indices(word: str, lo: int, hi: int, vocab: dict[str, int]) -> tuple[int, ...]:
    """Vocabulary indices of the padded character n-grams of one word, as sklearn's ``char_wb`` emits them."""
    w = " " + word + " "
    w_len = len(w)
    grams: list[str] = []
    for n in range(lo, hi + 1):
        if n >= w_len:  # the whole padded word, once, and no longer grams (as sklearn)
            grams.append(w)
            break
        grams.extend([w[i : i + n] for i in range(w_len - n + 1)])
    get = vocab.get
    return tuple(idx for idx in map(get, grams) if idx is not None)


class HybridClassifier:
    """Learned scores plus ``rule_weight`` × normalised rule scores.

    The rules know rare sub-types the 400 training snippets barely show (e.g.
    grenades, sexual violence); the learned model knows phrasing the rules
    miss.  ``rule_weight`` is chosen by cross-validation on TRAIN only.
    """

    def __init__(self, learned: LearnedClassifier | None = None, rule_weight: float = 0.5) -> None:
        self.learned = learned or LearnedClassifier()
        self.rules = RuleClassifier()
        self.rule_weight = rule_weight
        self.classes_: list[str] = sub_event_types()

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> HybridClassifier:
        self.learned.fit(texts, labels)
        self.rules.fit(texts, labels)
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        rs = self.rules.scores(texts)
        norm = rs / np.maximum(rs.max(axis=1, keepdims=True), 1e-9)
        combined = self.learned.predict_proba(texts) + self.rule_weight * norm
        return combined / combined.sum(axis=1, keepdims=True)

    def predict(self, texts: Sequence[str]) -> list[str]:
        return [self.classes_[i] for i in self.predict_proba(texts).argmax(axis=1)]


def save_model(hybrid: HybridClassifier, meta: dict[str, Any], path: Path = MODEL_PATH) -> None:
    """Write the fitted learned pipeline and the hybrid weight, with provenance metadata."""
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"pipeline": hybrid.learned.pipeline_, "C": hybrid.learned.C, "rule_weight": hybrid.rule_weight}, path, compress=3)
    meta = {**meta, "sklearn_version": sklearn.__version__, "rule_weight": hybrid.rule_weight, "C": hybrid.learned.C}
    (path.with_suffix(".json")).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def load_shipped() -> HybridClassifier:
    """The shipped hybrid classifier (learned part from ``data/models/subevent_clf.joblib``)."""
    blob = joblib.load(MODEL_PATH)
    learned = LearnedClassifier(C=blob["C"])
    learned.pipeline_ = blob["pipeline"]
    return HybridClassifier(learned, rule_weight=blob["rule_weight"])


def make_classifier(method: str) -> SubEventClassifier:
    """An unfitted classifier by name: "rules", "learned" or "hybrid"."""
    if method == "rules":
        return RuleClassifier()
    if method == "learned":
        return LearnedClassifier()
    if method == "hybrid":
        return HybridClassifier()
    raise ValueError(f"unknown method {method!r}; use rules, learned or hybrid")
