"""The bundled example reports (a sample, not the test set): the demo's promises from issue 3."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from frontline.clean import clean_document
from frontline.model import Document


def _load(examples: Path, prefix: str) -> Document:
    path = next(examples.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return clean_document(Document(id=prefix, content_hash=prefix, source_path=str(path), text=text))


def test_republished_article_metadata(examples: Path) -> None:
    doc = _load(examples, "001")
    assert doc.publication_date == dt.date(2020, 1, 30) and doc.date_source == "stated"
    assert doc.title and doc.title.startswith("Video:")
    assert doc.outlet == "Global Research"
    assert doc.original_source == "South Front"
    assert doc.byline == "South Front"


@pytest.mark.parametrize("prefix", ["001", "003", "004"])
def test_no_boilerplate_in_body(examples: Path, prefix: str) -> None:
    doc = _load(examples, prefix)
    body = doc.body_text.lower()
    for cue in ("paypal", "disclaimer", "note to readers", "copyright", "http", "articles by"):
        assert cue not in body
    assert doc.parts[-1].kind == "boilerplate"


@pytest.mark.parametrize(("prefix", "n_comments"), [("000", 3), ("002", 16)])
def test_comments_split_off_and_counted(examples: Path, prefix: str, n_comments: int) -> None:
    doc = _load(examples, prefix)
    comments = doc.parts_of("comment")
    assert len(comments) == n_comments
    # The article's last paragraph is body; the comment thread follows it directly.
    last_body = doc.body_spans[-1]
    assert comments[0].start == last_body.end
    assert all("\n" not in doc.text[c.start : c.end].strip() for c in comments)
