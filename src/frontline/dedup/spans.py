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


def shared_spans(a: Document, b: Document, min_words: int = 8) -> list[SharedSpan]:
    """Runs of at least ``min_words`` identical normalised words, in ``a``'s order."""
    wa, wb = region_words(a), region_words(b)
    matcher = difflib.SequenceMatcher(None, [w for w, _, _ in wa], [w for w, _, _ in wb], autojunk=False)
    spans: list[SharedSpan] = []
    for block in matcher.get_matching_blocks():
        if block.size < min_words:
            continue
        first_a, last_a = wa[block.a], wa[block.a + block.size - 1]
        first_b, last_b = wb[block.b], wb[block.b + block.size - 1]
        spans.append(SharedSpan(first_a[1], last_a[2], first_b[1], last_b[2], block.size))
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
