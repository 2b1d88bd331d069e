"""Acceptance on the bundled examples (a sample, not the test set).

These check what the issues promise a user sees after ``make demo``; every
value is computed by the pipeline from the text, nothing here feeds it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from frontline.runner import run_paths
from frontline.store import open_store


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, examples: Path):
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    report = run_paths(store, [examples])
    assert report.count("error") == 0, [r.reason for r in report.results]
    assert "dedup_error" not in report.corpus and "merge_error" not in report.corpus, report.corpus
    return store


def _by_prefix(docs, prefix: str):
    return next(d for d in docs if Path(d.source_path).name.startswith(prefix))


def test_every_character_belongs_to_one_part(demo_store) -> None:
    for doc in demo_store.load_documents():
        pos = 0
        for part in doc.parts:
            assert part.start == pos
            pos = part.end
        assert pos == len(doc.text)


def test_republication_cluster_and_inherited_date(demo_store) -> None:
    docs = demo_store.load_documents()
    clusters: dict[str, list] = {}
    for d in docs:
        clusters.setdefault(d.cluster_id or d.id, []).append(d)
    multi = [members for members in clusters.values() if len(members) > 1]
    assert len(multi) == 1 and len(multi[0]) == 2
    original, copy = _by_prefix(docs, "000"), _by_prefix(docs, "001")
    assert {original.id, copy.id} == {d.id for d in multi[0]}
    assert copy.publication_date == dt.date(2020, 1, 30) and copy.date_source == "stated"
    assert original.publication_date == dt.date(2020, 1, 30)
    assert original.date_source == "inferred-from-republication"
    assert original.canonical_id == original.id == copy.canonical_id


def test_republished_copy_has_metadata_and_clean_body(demo_store) -> None:
    copy = _by_prefix(demo_store.load_documents(), "001")
    assert copy.title and copy.title.startswith("Video:")
    assert copy.original_source and "South Front" in copy.original_source
    assert copy.outlet
    body = copy.body_text
    for boiler in ("PayPal", "Disclaimer", "fair use", "Note to readers", "publications@"):
        assert boiler not in body


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_comment_threads_are_split_off(demo_store, prefix: str) -> None:
    doc = _by_prefix(demo_store.load_documents(), prefix)
    comments = doc.parts_of("comment")
    assert len(comments) >= 3
    assert "Viva Syria" not in doc.body_text and "good resumer" not in doc.body_text
    assert doc.body_text.rstrip().endswith(("trenches.", "al-Qaeda."))
