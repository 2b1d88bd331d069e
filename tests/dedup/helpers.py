"""Building test documents with parts and stated metadata."""

from __future__ import annotations

import datetime as dt

from frontline.model import Document, Part, Span


def make_doc(
    doc_id: str,
    body: str,
    *,
    outlet: str | None = None,
    byline: str | None = None,
    title: str | None = None,
    date: dt.date | None = None,
    original_source: str | None = None,
    footer: str = "",
) -> Document:
    """A document laid out as title, body, footer, with the footer's statement span recorded."""
    text = (title + "\n\n" if title else "") + body
    parts = []
    if title:
        parts.append(Part("title", 0, len(title)))
    parts.append(Part("body", len(text) - len(body), len(text)))
    field_spans = {}
    if original_source:
        footer = footer or f"The original source of this article is {original_source}."
    if footer:
        text += "\n\n"
        parts.append(Part("boilerplate", len(text), len(text) + len(footer)))
        if original_source:
            start = len(text) + footer.index(original_source)
            field_spans["original_source"] = Span(start, start + len(original_source), "original_source")
        text += footer
    return Document(
        id=doc_id,
        content_hash=doc_id,
        source_path=f"test:{doc_id}",
        text=text,
        title=title,
        byline=byline,
        outlet=outlet,
        original_source=original_source,
        publication_date=date,
        date_source="stated" if date else None,
        field_spans=field_spans,
        parts=parts,
    )
