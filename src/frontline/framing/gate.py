"""The sentence gate: which sentences may hold propaganda, before any token is tagged.

Propaganda spans cluster in a minority of sentences.  A linear model over a
sentence's words, word pairs and character 2–5-grams ranks sentences
better than the tagger's bag of words (character n-grams see "!!", quotes,
word stems and word endings), and it is cheap when computed the way
it is here: every feature is a *hashed* integer computed with a handful of
vectorised numpy operations over the whole text at once (no Python loop
per n-gram, no vocabulary dictionary), and a sentence's score is one
gather plus a ``bincount``.  Sentences below the gate's threshold are not
tagged at all, which is most of the stage's saving.

Hashing is deterministic (a fixed multiplicative hash, not Python's salted
``hash``), so the ids computed at training time by
``scripts/train_framing.py`` are the ids computed here.  The weights are
stored in the tagger's ``.npz`` (the tagger's decoding settings are tuned
together with the gate's threshold, so they must travel together).  The feature value
is TF-IDF (see :func:`gate_matrix`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from frontline.framing.tokens import Tokens

#: log2 of the hashed feature space (2^18 weights = 0.5 MB as float16).
HASH_BITS = 18
N_FEATURES = 1 << HASH_BITS
#: Character n-gram lengths a gate may use (a model stores the ones it was trained with).
CHAR_NGRAMS = (2, 3, 4, 5)
_M1 = np.uint64(0x9E3779B97F4A7C15)
_P = np.uint64(1_000_003)
_SHIFT = np.uint64(64 - HASH_BITS)


def _hash(x: np.ndarray, seed: int) -> np.ndarray:
    """Multiplicative (Fibonacci) hashing of uint64 keys → ids in ``[0, N_FEATURES)``.

    Two array operations; the seed keeps the feature kinds (words, word
    pairs, each n-gram length) apart.
    """
    with np.errstate(over="ignore"):
        return (((x + np.uint64(seed)) * _M1) >> _SHIFT).astype(np.int64)


def sentence_spans(tokens: Tokens) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First token, one-past-last token and sentence id of every sentence present."""
    n = len(tokens)
    if not n:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    change = np.flatnonzero(tokens.sent[1:] != tokens.sent[:-1]) + 1
    first = np.concatenate([[0], change])
    last = np.concatenate([change, [n]])
    return first, last, tokens.sent[first]


def gate_hashes(low: str, tokens: Tokens, wids: np.ndarray, char_ngrams: tuple[int, ...] = CHAR_NGRAMS
                ) -> tuple[np.ndarray, np.ndarray]:
    """``(sentence_row, feature_id)`` of every feature occurrence (repeats kept: they are counts).

    ``low`` is the :func:`~frontline.framing.lexicon.normalise`-d text the
    token offsets point into; ``wids`` the tagger-vocabulary word ids of the
    tokens.  Rows number the sentences present in ``tokens`` in order.
    Features: the word, the word pair, and the character n-grams of the
    lengths in ``char_ngrams`` inside the sentence's character range.
    """
    first, last, _ids = sentence_spans(tokens)
    n_sent = len(first)
    if not n_sent:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    row_of_tok = np.repeat(np.arange(n_sent), last - first)
    w = wids.astype(np.uint64)
    same = row_of_tok[1:] == row_of_tok[:-1]
    rows = [row_of_tok, row_of_tok[1:][same]]
    with np.errstate(over="ignore"):
        feats = [_hash(w, 1), _hash((w[:-1] * _P + w[1:])[same], 2)]
    if not char_ngrams:
        return np.concatenate(rows), np.concatenate(feats)
    lo, hi = int(tokens.starts[first[0]]), int(tokens.ends[last[-1] - 1])
    codes = np.frombuffer(low[lo:hi].encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    # sentence row of each character, -1 between sentences (marks + cumsum, no search)
    begins = np.zeros(hi - lo + 1, dtype=np.int64)
    begins[tokens.starts[first] - lo] = 1
    ends = np.zeros(hi - lo + 1, dtype=np.int64)
    ends[tokens.ends[last - 1] - lo] = 1
    row = np.cumsum(begins[:-1])
    lab = np.where(row > np.cumsum(ends[:-1]), row - 1, -1)
    # characters left in the sentence from each position (0 between sentences):
    # an n-gram stays inside its sentence iff room >= n
    room = np.where(lab >= 0, (tokens.ends[last - 1] - lo)[lab] - np.arange(hi - lo), 0)
    grams, grows = [], []
    h = codes
    for n in range(2, max(char_ngrams) + 1):  # h: rolling hash of the n-gram starting at each position
        m = len(codes) - n + 1
        if m <= 0:
            break
        with np.errstate(over="ignore"):
            h = h[:m] * _P + codes[n - 1 :]
        if n not in char_ngrams:
            continue
        ok = room[:m] >= n
        grams.append(h[ok] + np.uint64(n))
        grows.append(lab[:m][ok])
    if grams:
        rows += grows
        feats.append(_hash(np.concatenate(grams), 10))
    return np.concatenate(rows), np.concatenate(feats)


def gate_matrix(low: str, tokens: Tokens, wids: np.ndarray, idf: np.ndarray | None = None,
                char_ngrams: tuple[int, ...] = CHAR_NGRAMS) -> sparse.csr_matrix:
    """The sentences × hashed-features TF-IDF matrix (training input).

    A feature's value is its count times its ``idf``, divided by the root of
    the sentence's summed squared idf over its occurrences — an L2-like norm
    that needs no ``unique`` and equals :meth:`SentenceGate.probs`' shortcut.
    Without ``idf`` every idf is 1.
    """
    r, f = gate_hashes(low, tokens, wids, char_ngrams)
    n_sent = len(sentence_spans(tokens)[0])
    v = np.ones(len(f)) if idf is None else idf[f]
    norm = np.sqrt(np.bincount(r, weights=v * v, minlength=n_sent))
    return sparse.csr_matrix((v / np.maximum(norm, 1e-9)[r], (r, f)), shape=(n_sent, N_FEATURES))


@dataclass(slots=True)
class SentenceGate:
    """Logistic weights over the hashed features, and the threshold below which a sentence is skipped."""

    w: np.ndarray  # (N_FEATURES,)
    idf: np.ndarray  # (N_FEATURES,)
    b: float
    threshold: float
    char_ngrams: tuple[int, ...] = CHAR_NGRAMS
    _packed: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # w·idf and idf² side by side (real, imaginary): one gather fetches both
        self._packed = self.w * self.idf + 1j * (self.idf * self.idf)

    def probs(self, low: str, tokens: Tokens, wids: np.ndarray) -> np.ndarray:
        """P(sentence holds propaganda) for each sentence present in ``tokens``, in order.

        ``Σ w·idf / sqrt(Σ idf²)`` per sentence: :func:`gate_matrix` times
        ``w`` without building the matrix (two gathers, two bincounts).
        """
        r, f = gate_hashes(low, tokens, wids, self.char_ngrams)
        n_sent = len(sentence_spans(tokens)[0])
        if not n_sent:
            return np.zeros(0)
        g = self._packed.take(f)
        num = np.bincount(r, weights=g.real, minlength=n_sent)
        den = np.sqrt(np.bincount(r, weights=g.imag, minlength=n_sent))
        z = num / np.maximum(den, 1e-9) + self.b
        return 1.0 / (1.0 + np.exp(-z))
