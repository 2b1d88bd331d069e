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

import itertools
import json
import re
from array import array
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
        """``decision_function`` without Pipeline/FeatureUnion dispatch or scipy's per-call checks.

        Same arithmetic, in the same order: each TF-IDF block is built as
        sklearn builds it, the blocks are laid side by side per row as
        ``sparse.hstack`` lays them, and the SVM's linear function is the
        same sparse-times-dense product, so the margins are bit-for-bit
        sklearn's (tested).  The per-call overhead dominated the events stage.
        """
        assert self.pipeline_ is not None
        union = self.pipeline_.named_steps["features"]
        svm = self.pipeline_.named_steps["svm"]
        blocks = [_tfidf_arrays(vec, texts) for _name, vec in union.transformer_list]
        if any(b is None for b in blocks):
            X = sparse.hstack([_tfidf_transform(vec, texts) for _name, vec in union.transformer_list]).tocsr()
        else:
            widths = [len(vec.vocabulary_) for _name, vec in union.transformer_list]
            X = sparse.csr_matrix(_side_by_side(blocks, widths), shape=(len(texts), sum(widths)))  # type: ignore[arg-type]
        coef_t = self.__dict__.get("_coef_t")
        if coef_t is None:  # contiguous once, instead of a copy per product
            coef_t = self.__dict__["_coef_t"] = np.ascontiguousarray(svm.coef_.T)
        return np.asarray(X @ coef_t) + svm.intercept_

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return _softmax(self._margins(texts) * 3.0)

    def predict(self, texts: Sequence[str]) -> list[str]:
        return [self.classes_[i] for i in self._margins(texts).argmax(axis=1)]


_WORD_CACHE_MAX = 200_000


Arrays = tuple[np.ndarray, np.ndarray, np.ndarray]  # CSR (data, indices, indptr)


def _side_by_side(blocks: list[Arrays], widths: list[int]) -> Arrays:
    """The CSR arrays of ``sparse.hstack(blocks).tocsr()``: each row's entries block after block."""
    if len(blocks) == 1:
        return blocks[0]
    n = len(blocks[0][2]) - 1
    offset = 0
    rows, cols, data = [], [], []
    indptr = np.zeros(n + 1, dtype=np.int64)
    for (d, idx, ptr), width in zip(blocks, widths, strict=True):
        rows.append(np.repeat(np.arange(n, dtype=np.int64), np.diff(ptr)))
        cols.append(idx.astype(np.int64) + offset)
        data.append(d)
        indptr += ptr
        offset += width
    order = np.argsort(np.concatenate(rows), kind="stable")
    return np.concatenate(data)[order], np.concatenate(cols)[order].astype(np.int32), indptr.astype(np.int32)


class _CSRView:
    """Just the attributes sklearn's in-place row normaliser reads, without building a scipy matrix."""

    __slots__ = ("data", "indices", "indptr", "shape")

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, shape: tuple[int, int]) -> None:
        self.data, self.indices, self.indptr, self.shape = data, indices, indptr, shape


def _fast_path(vec: TfidfVectorizer) -> str | None:
    """Which hand-written analyzer reproduces ``vec``'s exactly ("char_wb", "word"), or None."""
    plain = (
        vec.input == "content" and vec.preprocessor is None and vec.tokenizer is None
        and not vec.strip_accents and vec.stop_words is None and vec.lowercase
    )
    if not plain:
        return None
    if vec.analyzer == "char_wb":
        return "char_wb"
    if vec.analyzer == "word" and vec.ngram_range == (1, 2):
        return "word"
    return None


def _word_block(vec: TfidfVectorizer, texts: list[str], cols: array, lengths: list[int]) -> None:
    """Vocabulary indices of each text's word 1–2-grams, as sklearn's ``word`` analyzer emits them."""
    vocab = vec.vocabulary_
    get = vocab.get
    token_re = vec.__dict__.get("_frontline_token_re")
    if token_re is None:
        token_re = vec.__dict__["_frontline_token_re"] = re.compile(vec.token_pattern)
    for doc in texts:
        tokens = token_re.findall(doc.lower())
        found = [idx for idx in map(get, tokens) if idx is not None]
        if len(tokens) > 1:
            found += [idx for idx in map(get, map(" ".join, itertools.pairwise(tokens))) if idx is not None]
        cols.fromlist(found)
        lengths.append(len(found))


def _char_block(vec: TfidfVectorizer, texts: list[str], cols: array, lengths: list[int]) -> None:
    """Vocabulary indices of each text's ``char_wb`` grams, from a per-process cache by word."""
    vocab = vec.vocabulary_
    cache: dict[str, array] = vec.__dict__.setdefault("_frontline_word_grams", {})
    white = vec._white_spaces
    lo, hi = vec.ngram_range
    for doc in texts:
        before = len(cols)
        for w in white.sub(" ", doc.lower()).split():
            idxs = cache.get(w)
            if idxs is None:
                idxs = _word_gram_indices(w, lo, hi, vocab)
                if len(cache) >= _WORD_CACHE_MAX:
                    cache.clear()
                cache[w] = idxs
            cols.extend(idxs)
        lengths.append(len(cols) - before)


def _tfidf_transform(vec: TfidfVectorizer, texts: list[str]):
    """``vec.transform(texts)``: the same matrix, built faster for fitted TF-IDF vectorizers (see ``_tfidf_arrays``)."""
    parts = _tfidf_arrays(vec, texts)
    if parts is None:
        return vec.transform(texts)
    return sparse.csr_matrix(parts, shape=(len(texts), len(vec.vocabulary_)))


def _tfidf_arrays(vec: TfidfVectorizer, texts: list[str]) -> Arrays | None:
    """The CSR arrays of ``vec.transform(texts)``, or None when only sklearn's own path is exact.

    Why: sklearn's ``char_wb`` analyzer cuts every word of every sentence
    into 2–5-grams in Python and then looks each one up, and its counting
    and validation cost more than the classification itself on a dozen
    sentences.  The grams of a word never depend on its neighbours, so each
    distinct word's in-vocabulary feature indices are computed once per
    process and reused; the occurrences are counted with one ``np.unique``
    over (row, column) keys, which yields the integer counts in the sorted
    CSR layout ``CountVectorizer._count_vocab`` produces, and the fitted
    IDF, sublinear TF and L2 steps are applied as
    ``TfidfTransformer.transform`` does (the same sklearn normaliser), so
    the result is bit-for-bit the same (tested).
    """
    if not isinstance(vec, TfidfVectorizer) or vec.binary or not hasattr(vec, "vocabulary_"):
        return None
    path = _fast_path(vec)
    tfidf = vec._tfidf
    if path is None or tfidf.norm not in ("l2", None):
        return None
    cols = array("q")  # C integers: extended from cached tuples and read by numpy without conversion
    lengths: list[int] = []
    (_char_block if path == "char_wb" else _word_block)(vec, texts, cols, lengths)
    n, width = len(texts), len(vec.vocabulary_)
    rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
    keys, counts = np.unique(rows * width + np.frombuffer(cols, dtype=np.int64), return_counts=True)
    indptr = np.searchsorted(keys, np.arange(n + 1, dtype=np.int64) * width).astype(np.int32)
    indices = (keys % width).astype(np.int32)
    data = counts.astype(vec.dtype)
    if tfidf.sublinear_tf:
        np.log(data, data)
        data += 1.0
    if hasattr(tfidf, "idf_"):
        data *= tfidf.idf_[indices]
    if tfidf.norm == "l2":
        inplace_csr_row_normalize_l2(_CSRView(data, indices, indptr, (n, width)))
    return data, indices, indptr


@lru_cache(maxsize=256)
def _gram_slices(w_len: int, lo: int, hi: int) -> tuple[tuple[int, int], ...]:
    """(start, end) of every char_wb n-gram of a padded word of this length, in sklearn's order."""
    out: list[tuple[int, int]] = []
    for n in range(lo, hi + 1):
        if n >= w_len:  # the whole padded word, once, and no longer grams (as sklearn)
            out.append((0, w_len))
            break
        out.extend((i, i + n) for i in range(w_len - n + 1))
    return tuple(out)


def _word_gram_indices(word: str, lo: int, hi: int, vocab: dict[str, int]) -> array:
    """Vocabulary indices of the padded character n-grams of one word, as sklearn's ``char_wb`` emits them."""
    w = " " + word + " "
    get = vocab.get
    found = [get(w[i:j]) for i, j in _gram_slices(len(w), lo, hi)]
    return array("q", [idx for idx in found if idx is not None])  # appended to the columns by memcpy


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
