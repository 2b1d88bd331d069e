"""Fill the document's stated metadata from the labelled header and footer.

Every value set here comes with ``doc.field_spans[name]``: the words that
support it.  Values already present (from container metadata such as HTML
``<meta>`` or JSONL fields) are kept — the container is a more reliable
witness than a pasted header — but their supporting span is still recorded
when the text states the same thing.
"""

from __future__ import annotations

import re

from frontline.clean.dates import FoundDate
from frontline.clean.fields import clean_name, plausible_name
from frontline.clean.lexicon import Cues
from frontline.clean.prefilter import has_case_traps, may_match
from frontline.clean.segment import Labelled
from frontline.clean.signals import strip_links
from frontline.model import Document, Span

_MD_LINK_START = re.compile(r"\W*\[")
_BY = re.compile(r"\bby\s+(?P<name>.+?)\s*$", re.IGNORECASE)


def _set(doc: Document, name: str, value: str, span: Span) -> None:
    """Set a field (unless the container already did) and its evidence span."""
    if getattr(doc, name) is None:
        setattr(doc, name, value)
        doc.field_spans[name] = Span(span.start, span.end, name)
    elif name not in doc.field_spans and str(getattr(doc, name)).lower() == value.lower():
        doc.field_spans[name] = Span(span.start, span.end, name)


def _set_byline(doc: Document, value: str, span: Span) -> None:
    """"By Jane Doe, The Outlet": the name before the comma is the author, the rest the outlet."""
    text = doc.text
    seg = text[span.start : span.end]
    cut = seg.find(", ")
    if cut > 0 and not _MD_LINK_START.match(seg):
        rest = clean_name(text, span.start + cut + 2, span.end, cut_detail=False)
        head = clean_name(text, span.start, span.start + cut, cut_detail=False)
        if head and rest and plausible_name(rest[0], max_words=6) and rest[0][:1].isupper():
            _set(doc, "byline", head[0], head[1])
            _set(doc, "outlet", rest[0], rest[1])
            return
    _set(doc, "byline", value, span)


def _name_from(doc: Document, patterns: tuple[re.Pattern[str], ...], it: Labelled) -> tuple[str, Span] | None:
    """The named group of the first pattern matching the item."""
    return _first_name(doc, patterns, [it])


def _first_name(
    doc: Document, patterns: tuple[re.Pattern[str], ...], items: list[Labelled], cues: Cues | None = None
) -> tuple[str, Span] | None:
    """Patterns in priority order, each tried on every item in text order.

    With ``cues``, a footer pattern is searched in an item only if the item
    holds the substrings every match needs (``cues.footer_needles``): these
    patterns end in a lazy ``.+?`` before ``$``, so a failing search over a
    long paragraph backtracks from every position and is costly.
    """
    text = doc.text
    needles = cues.footer_needles if cues is not None and cues.footer_needles else {}
    lowered: dict[int, str | None] = {}
    for pat in patterns:
        need = needles.get(pat.pattern)
        for k, it in enumerate(items):
            if need:
                if k not in lowered:
                    seg = text[it.start : it.end]
                    lowered[k] = None if has_case_traps(seg) else seg.lower()
                low = lowered[k]
                if low is not None and not may_match(need, low):
                    continue
            m = pat.search(text, it.start, it.end)
            if m:
                got = clean_name(text, m.start("name"), m.end("name"))
                if got and plausible_name(got[0]):
                    return got
    return None


def _outlet_before_date(doc: Document, it: Labelled, fd: FoundDate, cues: Cues) -> tuple[str, Span] | None:
    """"Outlet, January 30, 2020" → the outlet; prefixes like "Published:" are not names."""
    start, end = it.start, fd.start
    seg = doc.text[start:end]
    low = seg.lower()
    stripped = low.lstrip(" \t*_#>")
    offset = len(low) - len(stripped)
    for pref in cues.date_prefixes:
        if stripped.startswith(pref) and (len(stripped) == len(pref) or not stripped[len(pref)].isalnum()):
            return None
    words = [w.strip(",.:") for w in stripped.split()]
    if words and all(w in cues.weekdays for w in words if w):
        return None
    got = clean_name(doc.text, start + offset, end, cut_detail=False)
    if got and plausible_name(got[0], max_words=6) and got[0].lower() not in cues.weekdays:
        return got
    return None


def fill_metadata(doc: Document, items: list[Labelled], dateline_date: FoundDate | None, cues: Cues) -> None:
    """Set title, byline, outlet, original source and publication date from the items."""
    text = doc.text
    for it in items:
        if it.kind == "title":
            value = " ".join(strip_links(text[it.start : it.end]).strip(" #*_").split())
            if value:
                _set(doc, "title", value, Span(it.start, it.end))
            break
    for it in items:
        if it.kind == "byline":
            got = _name_from(doc, cues.byline, it)
            if got:
                _set_byline(doc, got[0], got[1])
            break
    if dateline_date is not None:
        if doc.publication_date is None:
            doc.publication_date = dateline_date.date
            doc.date_source = "stated"
            doc.field_spans["publication_date"] = Span(dateline_date.start, dateline_date.end, "publication_date")
        elif doc.publication_date == dateline_date.date:
            doc.field_spans.setdefault(
                "publication_date", Span(dateline_date.start, dateline_date.end, "publication_date")
            )
        line = next((it for it in items if it.start <= dateline_date.start < it.end), None)
        if line is not None:
            got = _outlet_before_date(doc, line, dateline_date, cues)
            if got:
                _set(doc, "outlet", got[0], got[1])
            tail = text[dateline_date.end : line.end]
            m = _BY.search(tail)
            if m and doc.byline is None:
                s = dateline_date.end + m.start("name")
                named = clean_name(text, s, dateline_date.end + m.end("name"))
                if named and plausible_name(named[0]):
                    _set(doc, "byline", named[0], named[1])
    boiler = [it for it in items if it.kind == "boilerplate"]
    got = _first_name(doc, cues.original_source, boiler, cues)
    if got:
        _set(doc, "original_source", got[0], got[1])
    if doc.byline is None:
        got = _first_name(doc, cues.author_footer, boiler, cues)
        if got:
            _set(doc, "byline", got[0], got[1])
    if doc.outlet is None:
        got = _first_name(doc, cues.outlet_footer, boiler, cues)
        if got:
            value = got[0][4:] if got[0].lower().startswith("www.") else got[0]
            _set(doc, "outlet", value, got[1])
