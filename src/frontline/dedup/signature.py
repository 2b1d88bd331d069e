"""A document's dedup signature: MinHash values plus the exact shingle set.

The MinHash (``num_perm`` 32-bit values) feeds the LSH index that proposes
candidate pairs cheaply; the sorted shingle set lets every candidate be
*verified* exactly (Jaccard and containment), so an LSH false positive never
merges two articles.  Both are stored in the ``dedup_signatures`` table, so the
index can be rebuilt from the store without re-reading any text.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from frontline.dedup.shingles import shingle_set
from frontline.model import Document

#: Default number of MinHash permutations (datasketch's default too).
NUM_PERM = 128
#: Default shingle length in words.
SHINGLE_K = 3
#: Seed of the permutation parameters; part of the stored format (version 1).
_PERM_SEED = 20261123
_MAGIC = b"FLS1"
_HEADER = struct.Struct("<4sHHI")  # magic, num_perm, k, number of shingles


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """Odd multipliers and offsets of ``num_perm`` affine maps on 32-bit ints.

    With an odd multiplier, ``a*h + b mod 2**32`` is a bijection, so the
    permutation step adds no collisions (the ``affine32`` scheme of datasketch).
    """
    rng = np.random.default_rng(_PERM_SEED)
    a = (rng.integers(0, 2**32, size=num_perm, dtype=np.uint64) | np.uint64(1)).astype(np.uint32)
    b = rng.integers(0, 2**32, size=num_perm, dtype=np.uint64).astype(np.uint32)
    return a, b


def minhash_values(shingles: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash of a set of 32-bit shingle hashes (all-ones for the empty set)."""
    if len(shingles) == 0:
        return np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    a, b = _permutations(num_perm)
    values = np.empty(num_perm, dtype=np.uint32)
    h = shingles.astype(np.uint32)
    # Chunk the permutations so a long text never allocates n×num_perm at once.
    step = 32
    with np.errstate(over="ignore"):
        for i in range(0, num_perm, step):
            values[i : i + step] = (np.multiply.outer(h, a[i : i + step]) + b[i : i + step]).min(axis=0)
    return values


def dedup_text(doc: Document) -> str:
    """The text a document is fingerprinted on: its body, else the whole text.

    Boilerplate and reader comments are excluded because two unrelated
    articles of one republisher share them (donation notes, disclaimers).
    """
    return doc.body_text if doc.body_spans else doc.text


@dataclass(frozen=True, slots=True, eq=False)
class Signature:
    """MinHash values and sorted unique shingle hashes of one text."""

    hashvalues: np.ndarray  # uint32[num_perm]
    shingles: np.ndarray  # sorted unique uint32
    k: int = SHINGLE_K

    @property
    def num_perm(self) -> int:
        return len(self.hashvalues)

    def __len__(self) -> int:
        return len(self.shingles)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Signature)
            and self.k == other.k
            and np.array_equal(self.hashvalues, other.hashvalues)
            and np.array_equal(self.shingles, other.shingles)
        )

    __hash__ = None  # type: ignore[assignment]  # mutable numpy contents

    # -- construction --------------------------------------------------------
    @classmethod
    def from_text(cls, text: str, num_perm: int = NUM_PERM, k: int = SHINGLE_K) -> Signature:
        shingles = shingle_set(text, k)
        return cls(minhash_values(shingles, num_perm), shingles, k)

    @classmethod
    def from_document(cls, doc: Document, num_perm: int = NUM_PERM, k: int = SHINGLE_K) -> Signature:
        return cls.from_text(dedup_text(doc), num_perm, k)

    # -- exact overlap ---------------------------------------------------------
    def intersection(self, other: Signature) -> int:
        return len(np.intersect1d(self.shingles, other.shingles, assume_unique=True))

    def jaccard(self, other: Signature) -> float:
        inter = self.intersection(other)
        union = len(self) + len(other) - inter
        return inter / union if union else 0.0

    def containment(self, other: Signature) -> float:
        """Share of *this* signature's shingles found in ``other``."""
        return self.intersection(other) / len(self) if len(self) else 0.0

    def estimated_jaccard(self, other: Signature) -> float:
        """The MinHash estimate (what plain LSH decides on)."""
        return float(np.mean(self.hashvalues == other.hashvalues))

    # -- storage ---------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """Header + hash values + shingles, little-endian (see ``from_bytes``)."""
        header = _HEADER.pack(_MAGIC, self.num_perm, self.k, len(self.shingles))
        return header + self.hashvalues.astype("<u4").tobytes() + self.shingles.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        magic, num_perm, k, n = _HEADER.unpack_from(data, 0)
        if magic != _MAGIC:
            raise ValueError("not a frontline dedup signature (bad magic)")
        off = _HEADER.size
        expected = off + 4 * (num_perm + n)
        if len(data) != expected:
            raise ValueError(f"signature is {len(data)} bytes, expected {expected}")
        hv = np.frombuffer(data, dtype="<u4", count=num_perm, offset=off).astype(np.uint32)
        sh = np.frombuffer(data, dtype="<u4", count=n, offset=off + 4 * num_perm).astype(np.uint32)
        return cls(hv, sh, k)

    def hashvalues_bytes(self) -> bytes:
        """The MinHash part alone (the store's ``hashvalues`` column)."""
        return self.hashvalues.astype("<u4").tobytes()

    def shingles_bytes(self) -> bytes:
        """The shingle part alone (the store's ``shingles`` column)."""
        return self.shingles.astype("<u4").tobytes()

    @classmethod
    def from_columns(cls, num_perm: int, hashvalues: bytes, shingles: bytes, k: int = SHINGLE_K) -> Signature:
        """Rebuild from the store's ``dedup_signatures`` columns."""
        hv = np.frombuffer(hashvalues, dtype="<u4").astype(np.uint32)
        if len(hv) != num_perm:
            raise ValueError(f"{len(hv)} hash values stored, num_perm says {num_perm}")
        return cls(hv, np.frombuffer(shingles, dtype="<u4").astype(np.uint32), k)
