"""Shared passages between two documents, as offsets into each raw text.

Signatures hold only hashes, so the index can say *that* two reports share
text but not *where*.  When the texts are at hand, this module finds the
shared runs of words (``difflib`` on normalised words of the fingerprinted
parts) and maps them back to raw offsets, so a ``quotes`` link can show the
quoted paragraph and ``frontline clusters`` can show what a republisher changed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

import numpy as np

from frontline.dedup.shingles import WORD, normalise_word, words_with_offsets
from frontline.model import Document


@dataclass(frozen=True, slots=True)
class SharedSpan:
    """One run of words present in both documents: ``[a_start, a_end)`` / ``[b_start, b_end)``."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int


def region_words(doc: Document) -> list[tuple[str, int, int]]:
    """Normalised words of the fingerprinted region, with offsets into ``doc.text``."""
    bodies = doc.body_spans
    if not bodies:
        return words_with_offsets(doc.text)
    out: list[tuple[str, int, int]] = []
    for part in bodies:
        out.extend(
            (w, s + part.start, e + part.start)
            for w, s, e in words_with_offsets(doc.text[part.start : part.end])
        )
    return out


def common_runs(xa: list[str], xb: list[str], k: int) -> list[tuple[int, int, int]]:
    """Maximal runs ``(i, j, size)`` of ≥ ``k`` equal items, in ``xa``'s order.

    From each position of ``xa`` (skipping those inside a run already found)
    whose ``k`` items also occur in ``xb``, the run starts at their first
    occurrence in ``xb`` and extends while the items agree.
    """
    vocab: dict[str, int] = {}
    ia = [vocab.setdefault(w, len(vocab)) for w in xa]
    ib = [vocab.setdefault(w, len(vocab)) for w in xb]
    return runs_of_ids(ia, ib, k, window_hashes(np.asarray(ia, dtype=np.uint64), k), window_hashes(np.asarray(ib, dtype=np.uint64), k))


_PRIME = np.uint64(0x100000001B3)


def window_hashes(ids: np.ndarray, k: int) -> np.ndarray:
    """A 64-bit hash of every window of ``k`` consecutive word ids (vectorised, k passes).

    Linear in the text and done once per document, so comparing a document
    with several others costs a hash intersection each, not a Python loop
    over every position — the loop was most of a corpus run's quote checks.
    """
    n = len(ids)
    if k <= 0 or n < k:
        return np.zeros(0, dtype=np.uint64)
    m = n - k + 1
    h = np.zeros(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for t in range(k):
            h = h * _PRIME + ids[t : t + m] + np.uint64(1)
    return h


def runs_of_ids(
    ia: list[int], ib: list[int], k: int, ha: np.ndarray, hb: np.ndarray
) -> list[tuple[int, int, int]]:
    """:func:`common_runs` on word ids, given each side's :func:`window_hashes`.

    Only positions whose window hash occurs on the other side are visited;
    the items are compared exactly, so a hash collision can never invent a
    run (it falls back to a scan for the first exact occurrence).
    """
    if k <= 0 or len(ia) < k or len(ib) < k:
        return []
    common, _, j_first = np.intersect1d(ha, hb, return_indices=True)
    if not len(common):
        return []
    first = dict(zip(common.tolist(), j_first.tolist(), strict=True))
    cand = np.nonzero(np.isin(ha, common))[0]
    runs: list[tuple[int, int, int]] = []
    next_i = 0
    na, nb = len(ia), len(ib)
    for i, h in zip(cand.tolist(), ha[cand].tolist(), strict=True):
        if i < next_i:
            continue
        j: int | None = first[h]
        if ia[i : i + k] != ib[j : j + k]:
            j = _first_exact(ia, ib, i, k)
            if j is None:
                continue
        size = k
        while i + size < na and j + size < nb and ia[i + size] == ib[j + size]:
            size += 1
        runs.append((i, j, size))
        next_i = i + size
    return runs


def _first_exact(ia: list[int], ib: list[int], i: int, k: int) -> int | None:
    """First position of ``ia[i:i+k]`` in ``ib`` (only after a 64-bit hash collision)."""
    want = ia[i : i + k]
    return next((j for j in range(len(ib) - k + 1) if ib[j : j + k] == want), None)


class _Prepared:
    """One document's normalised region words, word ids and window hashes, shared by all its links.

    Word offsets are found only when a run is (most checked pairs share none).
    """

    __slots__ = ("_offsets", "doc", "hashes", "ids")

    def __init__(self, doc: Document, vocab: dict[str, int], k: int) -> None:
        self.doc = doc
        self._offsets: list[tuple[int, int]] | None = None
        ids: list[int] = []
        for start, end in _regions(doc):
            ids.extend(vocab.setdefault(w, len(vocab)) for w in map(normalise_word, WORD.findall(doc.text, start, end)))
        self.ids = ids
        self.hashes = window_hashes(np.asarray(ids, dtype=np.uint64), k)

    def offsets(self) -> list[tuple[int, int]]:
        if self._offsets is None:
            text = self.doc.text
            self._offsets = [m.span() for start, end in _regions(self.doc) for m in WORD.finditer(text, start, end)]
        return self._offsets


def _regions(doc: Document) -> list[tuple[int, int]]:
    """The fingerprinted parts (the body, else the whole text), as :func:`region_words` reads them."""
    return [(p.start, p.end) for p in doc.body_spans] or [(0, len(doc.text))]


_VOCAB = "\x00vocab"


def shared_spans(a: Document, b: Document, min_words: int = 8, cache: dict[str, Any] | None = None) -> list[SharedSpan]:
    """Runs of at least ``min_words`` identical normalised words, in ``a``'s order.

    ``cache`` (kept by the caller across links) holds each document's words,
    ids and window hashes, so a document taking part in several links is
    prepared once.
    """
    cache = {} if cache is None else cache
    vocab = cache.setdefault(_VOCAB, {})
    pa, pb = (_prepared(d, vocab, min_words, cache) for d in (a, b))
    spans: list[SharedSpan] = []
    for i, j, size in runs_of_ids(pa.ids, pb.ids, min_words, pa.hashes, pb.hashes):
        oa, ob = pa.offsets(), pb.offsets()
        spans.append(SharedSpan(oa[i][0], oa[i + size - 1][1], ob[j][0], ob[j + size - 1][1], size))
    return spans


def _cache_key(doc_id: str, k: int) -> str:
    return f"{doc_id}\x00{k}"


def forget(cache: dict[str, Any], doc_id: str, min_words: int = 8) -> None:
    """Drop one document's prepared words from a :func:`shared_spans` cache (it will not be read again)."""
    cache.pop(_cache_key(doc_id, min_words), None)


def _prepared(doc: Document, vocab: dict[str, int], k: int, cache: dict[str, Any]) -> _Prepared:
    key = _cache_key(doc.id, k)
    hit = cache.get(key)
    if hit is None:
        hit = cache[key] = _Prepared(doc, vocab, k)
    return hit


@dataclass(frozen=True, slots=True)
class WordChange:
    """One difference between an original and a republication."""

    op: str  # "replace" | "delete" | "insert"
    original: str  # raw surface in the original ("" for inserts)
    copy: str  # raw surface in the copy ("" for deletes)


def word_changes(original: Document, copy: Document, limit: int = 20) -> tuple[list[WordChange], int]:
    """The first ``limit`` word-level changes from ``original`` to ``copy`` and their total count."""
    wa, wb = region_words(original), region_words(copy)
    matcher = difflib.SequenceMatcher(None, [w for w, _, _ in wa], [w for w, _, _ in wb], autojunk=False)
    changes: list[WordChange] = []
    total = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        total += 1
        if len(changes) < limit:
            src = original.text[wa[i1][1] : wa[i2 - 1][2]] if i2 > i1 else ""
            dst = copy.text[wb[j1][1] : wb[j2 - 1][2]] if j2 > j1 else ""
            changes.append(WordChange(op, src, dst))
    return changes, total
