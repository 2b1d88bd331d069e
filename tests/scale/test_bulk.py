"""Bulk batch writes store exactly what Store.save_batch stores, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from frontline import pipeline
from frontline.ingest import read_inputs, to_document
from frontline.model import PlaceMention, RawDocument
from frontline.runner import analyse
from frontline.scale.bulk import bulk_save_batch
from frontline.scale.snapshot import store_snapshot
from frontline.store import open_store


def _items(examples: Path) -> list[tuple[RawDocument, object]]:
    chain = pipeline.select(["clean", "framing"])
    items = []
    for raw in read_inputs([examples]):
        if isinstance(raw, RawDocument):
            doc, _ = analyse(to_document(raw), chain)
            # A mention with JSON candidates and tabs/newlines in its text exercises COPY's escaping.
            doc.place_mentions.append(PlaceMention(0, 3, doc.text[0:3] + "\t\n", None, 3, 0.5, candidates=[("gn:1", 0.5)]))
            items.append((raw, doc))
    return items


def _compare(url_a: str, url_b: str, examples: Path) -> None:
    items = _items(examples)
    open_store(url_a).save_batch(items)
    bulk_save_batch(open_store(url_b), items)
    a, b = store_snapshot(url_a), store_snapshot(url_b)
    assert a == b
    assert a["raw_inputs"] == 5 and all(d["parts"] and d["framing_spans"] for d in a["documents"])


def test_bulk_equals_save_batch_on_sqlite(tmp_path: Path, examples: Path) -> None:
    _compare(f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}", examples)


@pytest.mark.postgres
def test_bulk_copy_equals_save_batch_on_postgresql(tmp_path: Path, examples: Path, pg_url: str) -> None:
    _compare(f"sqlite:///{tmp_path / 'a.db'}", pg_url, examples)


def test_bulk_batch_is_one_transaction(tmp_path: Path, examples: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    items = _items(examples)
    bad = [*items[:2], items[0]]  # a duplicate content hash violates the unique constraint
    with pytest.raises(IntegrityError):
        bulk_save_batch(open_store(url), bad)
    assert open_store(url).counts()["documents"] == 0
