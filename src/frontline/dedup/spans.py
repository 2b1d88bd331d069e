"""Shared passages between two documents, as offsets into each raw text.

Signatures hold only hashes, so the index can say *that* two reports share
text but not *where*.  When the texts are at hand, this module finds the
shared runs of words (``difflib`` on normalised words of the fingerprinted
parts) and maps them back to raw offsets, so a ``quotes`` link can show the
quoted paragraph and ``frontline clusters`` can show what a republisher changed.
"""

from __future__ import annotations

import difflib
from array import array
from dataclasses import dataclass

from frontline.dedup.shingles import words_with_offsets
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

    Anchored on ``k``-grams, so it is linear in the two lengths —
    ``difflib``'s quadratic longest-match search dominated whole corpus runs
    when many same-topic reports were compared.  Words become small integers
    and a k-gram key is a slice of their packed bytes: one cheap slice per
    position instead of a tuple of strings.
    """
    if k <= 0 or len(xa) < k or len(xb) < k:
        return []
    ids: dict[str, int] = {}
    ia = array("I", [ids.setdefault(w, len(ids)) for w in xa])
    ib = array("I", [ids.setdefault(w, len(ids)) for w in xb])
    ba, bb, width = ia.tobytes(), ib.tobytes(), 4 * k
    first: dict[bytes, int] = {}
    for j in range(len(xb) - k + 1):
        first.setdefault(bb[4 * j : 4 * j + width], j)
    runs: list[tuple[int, int, int]] = []
    i = 0
    last = len(xa) - k
    while i <= last:
        j = first.get(ba[4 * i : 4 * i + width])
        if j is None:
            i += 1
            continue
        size = k
        while i + size < len(ia) and j + size < len(ib) and ia[i + size] == ib[j + size]:
            size += 1
        runs.append((i, j, size))
        i += size
    return runs


def shared_spans(
    a: Document, b: Document, min_words: int = 8, cache: dict[str, list[tuple[str, int, int]]] | None = None
) -> list[SharedSpan]:
    """Runs of at least ``min_words`` identical normalised words, in ``a``'s order.

    ``cache`` (document id → region words) saves re-normalising a document
    that takes part in several links.
    """
    if cache is None:
        wa, wb = region_words(a), region_words(b)
    else:
        wa = cache.get(a.id) or cache.setdefault(a.id, region_words(a))
        wb = cache.get(b.id) or cache.setdefault(b.id, region_words(b))
    spans: list[SharedSpan] = []
    for i, j, size in common_runs([w for w, _, _ in wa], [w for w, _, _ in wb], min_words):
        first_a, last_a = wa[i], wa[i + size - 1]
        first_b, last_b = wb[j], wb[j + size - 1]
        spans.append(SharedSpan(first_a[1], last_a[2], first_b[1], last_b[2], size))
    return spans


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
