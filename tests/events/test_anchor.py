"""Estimated publication dates for reports that state none (texts written for these tests)."""

from __future__ import annotations

import datetime as dt

from frontline.events.anchor import (
    INFERRED_FROM_TEXT,
    apply_estimate,
    corpus_window,
    estimate_publication_date,
)
from frontline.model import Document, Part

D = dt.date


def _doc(body: str, comment: str = "") -> Document:
    text = body + ("\n\n" + comment if comment else "")
    doc = Document(id="r1", content_hash="h" * 64, source_path="r1.txt", text=text)
    doc.parts = [Part("body", 0, len(body))]
    if comment:
        doc.parts.append(Part("comment", len(body) + 2, len(text)))
    return doc


def test_the_latest_calendar_date_with_a_year_written_in_the_report() -> None:
    doc = _doc("Fighting began on March 3, 2021 near the dam. On March 5 troops entered the old quarter.")
    est = estimate_publication_date(doc, None)
    assert est is not None and est.date == D(2021, 3, 5) and est.year_from == "text"
    assert doc.text[est.start : est.end] == est.text == "March 5"


def test_a_missing_year_comes_from_a_narrow_window_of_the_store() -> None:
    doc = _doc("On March 5 troops entered the old quarter, after shelling on March 2.")
    est = estimate_publication_date(doc, (D(2021, 2, 20), D(2021, 3, 1)))
    assert est is not None and est.date == D(2021, 3, 5) and est.year_from == "corpus"
    late = _doc("The siege began on December 30 and is not over.")
    assert estimate_publication_date(late, (D(2021, 1, 5), D(2021, 1, 20))).date == D(2020, 12, 30)


def test_a_window_year_beats_a_date_recalled_from_long_ago() -> None:
    doc = _doc("The protests of April 2, 2011 are remembered. On May 4 the bridge was blown up.")
    assert estimate_publication_date(doc, (D(2023, 4, 1), D(2023, 5, 1))).date == D(2023, 5, 4)


def test_no_estimate_without_support() -> None:
    assert estimate_publication_date(_doc("On May 4 the bridge was blown up."), None) is None  # no year anywhere
    assert estimate_publication_date(_doc("Yesterday the bridge was blown up."), (D(2023, 4, 1), D(2023, 5, 1))) is None
    in_comment = _doc("The bridge was blown up.", comment="Posted by a reader on June 9, 2023")
    assert estimate_publication_date(in_comment, None) is None  # readers write later


def test_corpus_window_is_the_bulk_of_the_dates_and_only_when_narrow() -> None:
    narrow = [D(2022, 6, 1) + dt.timedelta(days=i) for i in range(40)] + [D(2009, 1, 1)]  # one outlier
    lo, hi = corpus_window(narrow)
    assert D(2022, 6, 1) <= lo < hi <= D(2022, 7, 10)
    assert corpus_window([D(2015, 1, 1) + dt.timedelta(days=60 * i) for i in range(30)]) is None
    assert corpus_window([]) is None


def test_apply_marks_the_estimate_and_never_overrides_a_date() -> None:
    doc = _doc("On March 5 troops entered the old quarter.")
    assert apply_estimate(doc, (D(2021, 2, 20), D(2021, 3, 1)))
    assert (doc.publication_date, doc.date_source, doc.inherited["publication_date"]) == (D(2021, 3, 5), INFERRED_FROM_TEXT, "r1")
    span = doc.field_spans["publication_date"]
    assert doc.text[span.start : span.end] == "March 5"
    dated = _doc("On March 5 troops entered the old quarter.")
    dated.publication_date = D(2021, 3, 9)
    assert not apply_estimate(dated, (D(2021, 2, 20), D(2021, 3, 1)))
    assert dated.publication_date == D(2021, 3, 9)
