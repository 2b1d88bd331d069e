import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.dedup.signature import Signature, dedup_text, minhash_values
from frontline.model import Document, Part

from .texts import ARTICLE, BOILERPLATE


def test_bytes_round_trip() -> None:
    sig = Signature.from_text(ARTICLE)
    assert Signature.from_bytes(sig.to_bytes()) == sig
    again = Signature.from_columns(sig.num_perm, sig.hashvalues_bytes(), sig.shingles_bytes(), k=sig.k)
    assert again == sig


def test_corrupt_bytes_are_refused() -> None:
    data = Signature.from_text(ARTICLE).to_bytes()
    with pytest.raises(ValueError):
        Signature.from_bytes(b"XXXX" + data[4:])
    with pytest.raises(ValueError):
        Signature.from_bytes(data[:-4])
    with pytest.raises(ValueError):
        Signature.from_columns(64, Signature.from_text(ARTICLE).hashvalues_bytes(), b"")


def test_body_only_when_parts_exist() -> None:
    text = "Title line\n\n" + ARTICLE + "\n\n" + BOILERPLATE
    body_start = text.index(ARTICLE)
    doc = Document(id="d", content_hash="h", source_path="p", text=text)
    assert dedup_text(doc) == text  # no parts: the whole text
    doc.parts = [
        Part("title", 0, 10),
        Part("body", body_start, body_start + len(ARTICLE)),
        Part("boilerplate", body_start + len(ARTICLE) + 2, len(text)),
    ]
    assert dedup_text(doc) == ARTICLE
    assert Signature.from_document(doc) == Signature.from_text(ARTICLE)


@settings(max_examples=30, deadline=None)
@given(
    st.sets(st.integers(0, 2**32 - 1), min_size=50, max_size=400),
    st.sets(st.integers(0, 2**32 - 1), min_size=50, max_size=400),
    st.floats(0.0, 1.0),
)
def test_minhash_estimates_jaccard(a: set[int], b: set[int], share: float) -> None:
    """The MinHash agreement rate estimates the exact Jaccard (the LSH premise)."""
    shared = set(list(a)[: int(len(a) * share)])
    b = b | shared
    sa = Signature(
        minhash_values(np.array(sorted(a), dtype=np.uint32), 256), np.array(sorted(a), dtype=np.uint32)
    )
    sb = Signature(
        minhash_values(np.array(sorted(b), dtype=np.uint32), 256), np.array(sorted(b), dtype=np.uint32)
    )
    assert abs(sa.estimated_jaccard(sb) - sa.jaccard(sb)) < 0.15
