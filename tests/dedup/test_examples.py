"""The bundled examples: one republication pair, nothing else merged.

Runs the real ingest and clean stages, so it checks the general rules on
text none of them was written from a dedup point of view.
"""

import datetime as dt
from pathlib import Path

import pytest

from frontline.dedup import dedup_corpus
from frontline.model import Document


def _load(examples: Path) -> dict[str, Document]:
    from frontline.clean import clean_document
    from frontline.ingest import read_inputs, to_document

    docs = {}
    for raw in read_inputs([examples]):
        doc = clean_document(to_document(raw))
        docs[Path(doc.source_path).name[:3]] = doc
    return docs


@pytest.fixture(scope="module")
def result(examples: Path):
    docs = _load(examples)
    order = ["004", "003", "002", "001", "000"]  # arrival order must not matter
    res = dedup_corpus([docs[k] for k in order])
    by_name = {k: next(d for d in res.documents if d.id == docs[k].id) for k in docs}
    return res, by_name


def test_exactly_one_cluster_of_two(result) -> None:
    res, by = result
    assert by["000"].cluster_id == by["001"].cluster_id
    others = [by[k].cluster_id for k in ("002", "003", "004")]
    assert len({*others, by["000"].cluster_id}) == 4
    assert [x.kind for x in res.similarity if x.kind == "republishes"] == ["republishes"]
    assert [x for x in res.links if x.kind == "quotes"] == []  # related reports, no shared passage


def test_the_undated_original_is_canonical_and_inherits_the_date(result) -> None:
    res, by = result
    orig, copy = by["000"], by["001"]
    assert orig.canonical_id == copy.canonical_id == orig.id
    assert orig.publication_date == dt.date(2020, 1, 30)
    assert orig.date_source == "inferred-from-republication"
    assert orig.inherited["publication_date"] == copy.id
    assert copy.date_source == "stated" and copy.inherited == {}
    (edge,) = res.provenance
    assert (edge.src_id, edge.dst_id) == (copy.id, orig.id)
    s, e = edge.evidence["field_span"]
    assert copy.original_source and copy.original_source in copy.text[s:e]


def test_shared_boilerplate_does_not_make_duplicates(examples: Path) -> None:
    """Even with no cleaning at all (whole texts), 003/004 only share boilerplate."""
    docs = _load(examples)
    bare = [
        Document(id=d.id, content_hash=d.content_hash, source_path=d.source_path, text=d.text)
        for d in docs.values()
    ]
    res = dedup_corpus(bare)
    clusters = {d.cluster_id for d in res.documents}
    assert len(clusters) == 4
