"""The learned span tagger (SemEval-2020 Task 11 "SI"): which words are propaganda.

A linear model over token features, laid out so that inference is a handful
of array gathers instead of a Python loop per feature: every feature is a
*block* (e.g. "lower-cased word two to the left") whose value is an integer
id, the model is one weight vector, and a token's score is the sum of the
weights its block ids select.  Training (``scripts/train_framing.py``) builds
a sparse one-hot matrix from exactly the same id matrix, so training and
inference cannot drift apart.

Two stages, both linear:

1. a *sentence* model estimates whether a sentence contains any
   propaganda: the hashed TF-IDF gate of :mod:`frontline.framing.gate`
   (or, in a model saved without one, a bag of words); its probability,
   bucketed, is a feature of every token in the sentence (propaganda spans
   cluster in sentences, and word-level features alone cannot see that),
   and sentences below the gate's threshold are not tagged at all;
2. the *token* model scores each token as inside/outside a span; runs of
   tokens above the threshold become spans (small gaps are bridged).

Everything learned is in one ``.npz`` file shipped in
``frontline/data/models/``, loaded lazily once per process.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from frontline.framing.gate import N_FEATURES as GATE_FEATURES
from frontline.framing.gate import SentenceGate, sentence_spans
from frontline.framing.tokens import Tokens
from frontline.paths import PACKAGE_DATA

MODEL_PATH = PACKAGE_DATA / "models" / "framing_tagger.npz"

#: Offsets of the word-identity blocks around each token.
WORD_OFFSETS = (-2, -1, 0, 1, 2)
SHAPE_OFFSETS = (-1, 0, 1)
N_SENT_BUCKETS = 10


def word_shape(word: str) -> int:
    """A coarse shape class: lower, Capitalised, UPPER, digit, punctuation, other."""
    if word.isalpha():
        if word.islower():
            return 1
        if word.isupper():
            return 3 if len(word) > 1 else 2
        return 2 if word[0].isupper() else 6
    if word.isdigit():
        return 4
    if not word[0].isalnum() and len(word) == 1:
        return 5
    return 6


@dataclass(slots=True)
class Vocab:
    """Word and suffix ids (0 = padding, 1 = unknown)."""

    words: dict[str, int]
    suffixes: dict[str, int]

    @classmethod
    def build(cls, token_lists: Iterable[list[str]], min_count: int = 2, max_size: int = 30000) -> Vocab:
        """Keep words seen at least ``min_count`` times (rare words only overfit)."""
        from collections import Counter

        wc: Counter[str] = Counter()
        sc: Counter[str] = Counter()
        for words in token_lists:
            low = [w.lower() for w in words]
            wc.update(low)
            sc.update(w[-3:] for w in low)
        keep = [w for w, c in wc.most_common(max_size) if c >= min_count]
        suf = [s for s, c in sc.most_common() if c >= min_count]
        return cls({w: i + 2 for i, w in enumerate(keep)}, {s: i + 2 for i, s in enumerate(suf)})


def block_sizes(vocab: Vocab) -> list[tuple[str, int]]:
    """Names and sizes of the feature blocks, in weight-vector order."""
    nw, ns = len(vocab.words) + 2, len(vocab.suffixes) + 2
    blocks: list[tuple[str, int]] = [(f"w{o:+d}", nw) for o in WORD_OFFSETS]
    blocks.append(("suf", ns))
    blocks += [(f"shape{o:+d}", 8) for o in SHAPE_OFFSETS]
    blocks += [
        ("inquote", 2),
        ("sent", N_SENT_BUCKETS),
        ("sent_x_shape", N_SENT_BUCKETS * 8),
        ("pos", 6),
        ("slen", 6),
        ("repeat", 5),
        ("title", 2),
        ("bias", 1),
    ]
    return blocks


def _shifted(arr: np.ndarray, offset: int, sent: np.ndarray) -> np.ndarray:
    """``arr`` shifted by ``offset`` tokens, 0 (padding) across sentence breaks."""
    n = len(arr)
    out = np.zeros(n, dtype=np.int64)
    if offset == 0 or n == 0:
        return arr.copy()
    if abs(offset) >= n:
        return out
    if offset > 0:
        out[:-offset] = arr[offset:]
        same = np.zeros(n, dtype=bool)
        same[:-offset] = sent[offset:] == sent[:-offset]
    else:
        out[-offset:] = arr[:offset]
        same = np.zeros(n, dtype=bool)
        same[-offset:] = sent[:offset] == sent[-offset:]
    out[~same] = 0
    return out


def _bucket(values: np.ndarray, edges: tuple[float, ...]) -> np.ndarray:
    return np.searchsorted(np.asarray(edges), values, side="right")


def word_ids(tokens: Tokens, vocab: Vocab) -> np.ndarray:
    get = vocab.words.get
    return np.fromiter((get(w.lower(), 1) for w in tokens.words), dtype=np.int64, count=len(tokens))


def sentence_matrix(tokens: Tokens, wids: np.ndarray, n_words: int) -> sparse.csr_matrix:
    """Binary bag of words per sentence, L2-normalised (sentence-model input)."""
    n_sent = int(tokens.sent[-1]) + 1 if len(tokens) else 0
    m = sparse.csr_matrix(
        (np.ones(len(wids), dtype=np.float32), (tokens.sent, wids)), shape=(n_sent, n_words)
    )
    m.data[:] = 1.0  # duplicates were summed; binarise
    norms = np.sqrt(np.asarray(m.getnnz(axis=1), dtype=np.float32)).clip(min=1.0)
    return sparse.diags(1.0 / norms) @ m


_QUOTE_TOKENS = frozenset(('"', "“", "”"))


def token_info(word: str, vocab: Vocab) -> tuple[int, int, int, int, int]:
    """Per-word features that do not depend on context: word id, suffix id, shape, quote, long."""
    low = word.lower()
    return (vocab.words.get(low, 1), vocab.suffixes.get(low[-3:], 1), word_shape(word),
            int(word in _QUOTE_TOKENS), int(len(word) > 3))


class TokenMemo:
    """word → :func:`token_info`, kept as rows of an array so a document is one gather.

    One memo per thread (Dask workers run tasks in threads; the memo grows as
    it reads, so sharing it would need a lock on every document), per model
    instance; cleared when it grows past ``limit`` words so arbitrary input
    cannot exhaust memory.
    """

    def __init__(self, limit: int = 200_000) -> None:
        self.limit = limit
        self._local = threading.local()

    def _state(self) -> _MemoState:
        st = getattr(self._local, "state", None)
        if st is None or len(st.index) > self.limit:
            st = self._local.state = _MemoState()
        return st

    def table(self, words: list[str], vocab: Vocab) -> np.ndarray:
        st = self._state()
        get = st.index.get
        ids = [get(w, -1) for w in words]
        if -1 in ids:
            for k, w in enumerate(words):
                if ids[k] == -1:
                    j = get(w)
                    if j is None:
                        j = st.add(w, token_info(w, vocab))
                    ids[k] = j
        return st.array[np.asarray(ids, dtype=np.int64)]


class _MemoState:
    """Rows of :func:`token_info` in an array that grows by doubling.

    Rebuilding the array from a list on every document with a new word was
    the tagger's biggest cost (it copies the whole memo each time); doubling
    keeps an append amortised O(1).
    """

    __slots__ = ("array", "index")

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.array = np.zeros((1024, 5), dtype=np.int64)

    def add(self, word: str, row: tuple[int, int, int, int, int]) -> int:
        j = len(self.index)
        if j == len(self.array):
            self.array = np.concatenate([self.array, np.zeros_like(self.array)])
        self.array[j] = row
        self.index[word] = j
        return j


def token_table(tokens: Tokens, vocab: Vocab, memo: TokenMemo | None = None) -> np.ndarray:
    """(n_tokens, 5) array of :func:`token_info` for the tokens."""
    return (memo or TokenMemo()).table(tokens.words, vocab)


def token_blocks(tokens: Tokens, table: np.ndarray, vocab: Vocab, sent_prob: np.ndarray,
                 counts: np.ndarray | None = None) -> np.ndarray:
    """The (n_tokens, n_blocks) matrix of *global* feature indices.

    ``counts`` is each token's word count in the whole text, when ``tokens``
    is a subset of it (gated sentences); by default it is counted here.
    """
    n = len(tokens)
    sent = tokens.sent
    wids = table[:, 0]
    cols: list[np.ndarray] = [_shifted(wids, o, sent) for o in WORD_OFFSETS]
    cols.append(table[:, 1])
    shapes = table[:, 2]
    cols += [_shifted(shapes, o, sent) for o in SHAPE_OFFSETS]
    # Inside double quotes: odd number of quote tokens earlier in the sentence.
    isq = table[:, 3]
    csum = np.cumsum(isq)
    idx = np.arange(n)
    first_tok = np.zeros(int(sent[-1]) + 1, dtype=np.int64) if n else np.zeros(0, dtype=np.int64)
    if n:
        change = np.flatnonzero(np.diff(sent)) + 1
        first_tok[sent[change]] = change
    first_of = first_tok[sent]
    slen = np.bincount(sent)[sent]
    pos = idx - first_of
    before = (csum - isq)[first_of]  # quotes seen before the sentence starts
    cols.append(((csum - isq - before) % 2).astype(np.int64))
    sb = np.minimum((sent_prob[sent] * N_SENT_BUCKETS).astype(np.int64), N_SENT_BUCKETS - 1)
    cols.append(sb)
    cols.append(sb * 8 + shapes)
    rel = np.where(slen > 1, pos / np.maximum(slen - 1, 1), 0.0)
    posb = np.where(pos == 0, 0, np.where(pos == slen - 1, 5, 1 + np.minimum((rel * 4).astype(np.int64), 3)))
    cols.append(posb)
    cols.append(_bucket(slen, (3, 8, 15, 25, 40)))
    if counts is None:
        counts = np.bincount(wids, minlength=2)[wids]
    long_word = table[:, 4].astype(bool)
    cols.append(np.where(long_word & (wids > 1), _bucket(counts, (1, 2, 4, 8)), 0))
    cols.append((sent == 0).astype(np.int64))
    cols.append(np.zeros(n, dtype=np.int64))
    offsets = np.cumsum([0, *[size for _, size in block_sizes(vocab)][:-1]])
    return np.stack(cols, axis=1) + offsets[None, :]


@dataclass(slots=True)
class TaggerModel:
    """Weights of the sentence and token models plus decoding settings."""

    vocab: Vocab
    sent_w: np.ndarray  # (n_words,)
    sent_b: float
    tok_w: np.ndarray  # (n_features,)
    threshold: float
    max_gap: int = 1
    min_tokens: int = 1
    min_peak: float = 0.0
    gate: SentenceGate | None = None
    memo: TokenMemo = field(default_factory=TokenMemo, repr=False)

    def sentence_probs(self, tokens: Tokens, wids: np.ndarray) -> np.ndarray:
        """P(sentence holds propaganda): logistic over its binary, L2-normalised bag of words.

        Computed with ``np.unique``/``bincount`` rather than a sparse matrix:
        same numbers as :func:`sentence_matrix` (used in training), a fraction
        of the overhead per document.
        """
        if not len(tokens):
            return np.zeros(0)
        n_sent = int(tokens.sent[-1]) + 1
        keys = np.unique(tokens.sent * len(self.sent_w) + wids)
        s_u, w_u = np.divmod(keys, len(self.sent_w))
        score = np.bincount(s_u, weights=self.sent_w[w_u], minlength=n_sent)
        norm = np.sqrt(np.bincount(s_u, minlength=n_sent)).clip(min=1.0)
        return 1.0 / (1.0 + np.exp(-(score / norm + self.sent_b)))

    def sentence_feature(self, tokens: Tokens, wids: np.ndarray, low: str | None) -> np.ndarray:
        """P(sentence holds propaganda) indexed by sentence id: the gate's when there is one.

        The gate (word, word-pair and character n-gram TF-IDF) ranks
        sentences better than the bag of words, and the token model was
        trained on its out-of-fold probabilities; it needs ``low``, the
        normalised text the tokens point into.
        """
        if self.gate is None:
            return self.sentence_probs(tokens, wids)
        if low is None:
            raise ValueError("a gated tagger needs the normalised text (low=…)")
        _first, _last, ids = sentence_spans(tokens)
        out = np.zeros(int(ids[-1]) + 1 if len(ids) else 0)
        out[ids] = self.gate.probs(low, tokens, wids)
        return out

    def token_probs(self, tokens: Tokens, low: str | None = None) -> np.ndarray:
        """P(token inside a propaganda span) for each token (every sentence, none skipped)."""
        if not len(tokens):
            return np.zeros(0)
        table = token_table(tokens, self.vocab, self.memo)
        return self._probs(tokens, table, self.sentence_feature(tokens, table[:, 0], low))

    def _probs(self, tokens: Tokens, table: np.ndarray, sent_prob: np.ndarray,
               counts: np.ndarray | None = None) -> np.ndarray:
        g = token_blocks(tokens, table, self.vocab, sent_prob, counts)
        z = self.tok_w[g].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-z))

    def gated_probs(self, tokens: Tokens, low: str | None) -> tuple[Tokens, np.ndarray]:
        """The tokens of the sentences the gate keeps, and their probabilities.

        Without a gate (or at threshold 0) every token is kept.  Word counts
        (the "repeat" feature) are taken over the whole text, as in
        training, so a kept token scores exactly as in :meth:`token_probs`.
        """
        if not len(tokens):
            return tokens, np.zeros(0)
        table = token_table(tokens, self.vocab, self.memo)
        wids = table[:, 0]
        sp = self.sentence_feature(tokens, wids, low)
        if self.gate is None or self.gate.threshold <= 0:
            return tokens, self._probs(tokens, table, sp)
        keep = sp[tokens.sent] >= self.gate.threshold
        if not keep.any():
            return tokens.take(keep), np.zeros(0)
        counts = np.bincount(wids, minlength=2)[wids]
        sub = tokens.take(keep)
        return sub, self._probs(sub, table[keep], sp, counts[keep])

    def spans(self, tokens: Tokens, probs: np.ndarray | None = None,
              low: str | None = None) -> list[tuple[int, int, float]]:
        """Decode token probabilities to ``(start, end, score)`` character spans.

        With a gate and no ``probs``, only the gated sentences are tagged
        (``low`` is the normalised text the tokens point into, needed by the gate).
        """
        if probs is None:
            tokens, probs = self.gated_probs(tokens, low)
        return decode(tokens, probs, self.threshold, self.max_gap, self.min_tokens, self.min_peak)

    # -- persistence ------------------------------------------------------
    def save(self, path: Path) -> None:
        words = sorted(self.vocab.words, key=self.vocab.words.__getitem__)
        sufs = sorted(self.vocab.suffixes, key=self.vocab.suffixes.__getitem__)
        meta = {"threshold": self.threshold, "max_gap": self.max_gap, "min_tokens": self.min_tokens,
                "min_peak": self.min_peak, "sent_b": self.sent_b}
        gate = {}
        if self.gate is not None:
            meta["gate"] = {"b": self.gate.b, "threshold": self.gate.threshold, "n_features": GATE_FEATURES,
                            "char_ngrams": list(self.gate.char_ngrams)}
            gate["gate_w"] = self.gate.w.astype(np.float16)
            gate["gate_idf"] = self.gate.idf.astype(np.float16)
        np.savez_compressed(
            path,
            words=np.asarray("\n".join(words)),
            suffixes=np.asarray("\n".join(sufs)),
            sent_w=self.sent_w.astype(np.float32),
            tok_w=self.tok_w.astype(np.float32),
            meta=np.asarray(json.dumps(meta)),
            **gate,
        )

    @classmethod
    def load(cls, path: Path) -> TaggerModel:
        with np.load(path, allow_pickle=False) as z:
            words = str(z["words"]).split("\n")
            sufs = str(z["suffixes"]).split("\n")
            meta = json.loads(str(z["meta"]))
            vocab = Vocab({w: i + 2 for i, w in enumerate(words)}, {s: i + 2 for i, s in enumerate(sufs)})
            gate = None
            if "gate" in meta:
                g = meta["gate"]
                if int(g["n_features"]) != GATE_FEATURES:
                    raise ValueError(f"{path}: gate has {g['n_features']} features, the code {GATE_FEATURES}")
                gate = SentenceGate(z["gate_w"].astype(np.float64), z["gate_idf"].astype(np.float64), float(g["b"]), float(g["threshold"]),
                                    tuple(g["char_ngrams"]))
            return cls(vocab, z["sent_w"].astype(np.float64), float(meta["sent_b"]),
                       z["tok_w"].astype(np.float64), float(meta["threshold"]),
                       int(meta["max_gap"]), int(meta["min_tokens"]),
                       float(meta.get("min_peak", 0.0)), gate)


def decode(
    tokens: Tokens, probs: np.ndarray, threshold: float, max_gap: int = 1, min_tokens: int = 1,
    min_peak: float = 0.0,
) -> list[tuple[int, int, float]]:
    """Runs of tokens with ``prob >= threshold`` → character spans.

    Runs in the same sentence separated by at most ``max_gap`` tokens are
    joined (annotators mark phrases, the model flickers inside them); spans
    never cross a sentence break.  Score = mean probability of the run.
    A run whose most confident token stays below ``min_peak`` is dropped
    (hysteresis): a low threshold keeps whole phrases once one word is
    clearly propaganda, without keeping runs that are merely lukewarm;
    SI precision is averaged per predicted span, so these cost more than
    they add.
    """
    on = probs >= threshold
    n = len(probs)
    if not on.any():
        return []
    sent = tokens.sent
    # bridge short gaps between two "on" tokens of one sentence
    edges = np.flatnonzero(np.diff(np.concatenate([[1], on.astype(np.int8), [1]])))
    for a, b in zip(edges[::2], edges[1::2], strict=True):  # off-runs [a, b)
        if a > 0 and b < n and b - a <= max_gap and sent[a - 1] == sent[b]:
            on[a:b] = True
    # runs of "on", cut at sentence breaks
    brk = np.zeros(n + 1, dtype=bool)
    brk[1:n] = sent[1:] != sent[:-1]
    brk[n] = True
    prev_on = np.concatenate([[False], on[:-1]])
    next_on = np.concatenate([on[1:], [False]])
    first = np.flatnonzero(on & (~prev_on | brk[:n]))
    last = np.flatnonzero(on & (~next_on | brk[1:]))
    keep = (last - first + 1) >= min_tokens
    if min_peak > 0 and len(first):
        cuts = np.column_stack([first, last + 1]).ravel()
        peaks = np.maximum.reduceat(np.append(probs, 0.0), cuts)[::2]
        keep &= peaks >= min_peak
    first, last = first[keep], last[keep]
    csum = np.concatenate([[0.0], np.cumsum(probs)])
    means = (csum[last + 1] - csum[first]) / (last - first + 1)
    return [
        (int(tokens.starts[i]), int(tokens.ends[j]), float(m))
        for i, j, m in zip(first, last, means, strict=True)
    ]


@lru_cache(maxsize=1)
def load_tagger(path: str = str(MODEL_PATH)) -> TaggerModel:
    """The shipped tagger, loaded once per process (cheap to call again)."""
    return TaggerModel.load(Path(path))
