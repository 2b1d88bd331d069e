"""Cleaning: split a raw report into title, byline, dateline, body, boilerplate, comments.

``clean_document`` is the pipeline stage (registered as ``clean`` in
:mod:`frontline.pipeline`).  It never changes ``doc.text``; it adds

* ``doc.parts`` — every character of the text in exactly one part, parts
  sorted and contiguous (whitespace between blocks belongs to the part before
  it; leading whitespace to the first part);
* the stated metadata (title, byline, outlet, original source, publication
  date) with ``doc.field_spans`` pointing at the supporting words;
* ``doc.paragraphs`` and ``doc.sentences`` for body and comment parts.

How parts are found is explained in :mod:`frontline.clean.segment`; the cue
lexicons are in ``src/frontline/data/clean/``.
"""

from __future__ import annotations

import itertools

from frontline.clean.dates import find_date
from frontline.clean.lexicon import Cues, load_cues
from frontline.clean.metadata import fill_metadata
from frontline.clean.segment import Labelled, segment_text
from frontline.clean.sentences import split_sentences
from frontline.model import Document, Part, Span

__all__ = ["build_parts", "clean_document", "load_cues"]

#: A date that opens the body ("Wed 05 Apr 2017 Syria …") must start within this many
#: characters, unless only a date prefix such as "Published" precedes it.
LEAD_DATE_WINDOW = 0


def _split_lead_date(doc: Document, items: list[Labelled], cues: Cues) -> None:
    """Split a date that opens the first body paragraph off as a dateline part."""
    if doc.publication_date is not None and "publication_date" in doc.field_spans:
        return
    idx = next((k for k, it in enumerate(items) if it.kind == "body"), None)
    if idx is None or any(it.kind == "dateline" for it in items):
        return
    it = items[idx]
    head = doc.text[it.start : min(it.end, it.start + 60)]
    fd = find_date(head, cues)
    if fd is None:
        return
    prefix = head[: fd.start].strip(" \t:-–—|").lower()
    if fd.start > LEAD_DATE_WINDOW and prefix not in cues.date_prefixes:
        return  # only a date that opens the paragraph ("Published: …" allowed) is a dateline
    d_end = it.start + fd.end
    rest = d_end
    while rest < it.end and doc.text[rest] in " \t,.-–—:|":
        rest += 1
    if rest >= it.end:
        return
    items[idx : idx + 1] = [Labelled("dateline", it.start, d_end, {"lead": True}), Labelled("body", rest, it.end, {})]
    if doc.publication_date is None:
        doc.publication_date = fd.date
        doc.date_source = "stated"
        doc.field_spans["publication_date"] = Span(it.start + fd.start, d_end, "publication_date")


def build_parts(text: str, items: list[Labelled]) -> list[Part]:
    """Parts from labelled stretches: merge runs, then hand out the whitespace between them.

    Consecutive body stretches form one body part and consecutive boilerplate
    stretches one boilerplate part; each comment is its own part.
    """
    if not text:
        return []
    if not items:
        return [Part("boilerplate", 0, len(text), {"signals": ["whitespace"]})]
    parts: list[Part] = []
    for it in items:
        prev = parts[-1] if parts else None
        if prev is not None and prev.kind == it.kind and it.kind in ("body", "boilerplate"):
            prev.end = it.end
            sig = it.info.get("signals")
            if sig:
                prev.info.setdefault("signals", [])
                prev.info["signals"] = sorted(set(prev.info["signals"]) | set(sig))
            continue
        parts.append(Part(it.kind, it.start, it.end, dict(it.info)))
    parts[0].start = 0
    for a, b in itertools.pairwise(parts):
        a.end = b.start
    parts[-1].end = len(text)
    return parts


def clean_document(doc: Document) -> Document:
    """The ``clean`` stage: parts, stated metadata, paragraphs and sentences (see module doc)."""
    cues = load_cues()
    text = doc.text
    seg = segment_text(text, cues, known_title=doc.title)
    items = seg.items
    fill_metadata(doc, items, seg.dateline_date, cues)
    _split_lead_date(doc, items, cues)
    doc.parts = build_parts(text, items)
    paragraphs: list[Span] = []
    sentences: list[Span] = []
    for it in items:
        if it.kind in ("body", "comment"):
            paragraphs.append(Span(it.start, it.end, it.kind))
            done = seg.sentences.get((it.start, it.end))  # split while segmenting
            sentences.extend(done if done is not None else split_sentences(text, it.start, it.end, cues.abbreviations))
    doc.paragraphs = paragraphs
    doc.sentences = sentences
    return doc
