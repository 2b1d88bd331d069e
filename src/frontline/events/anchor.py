"""An estimated publication date for a report that states none.

Relative and year-less dates ("On February 6 evening", "during the last few
days") need the day the report was written.  Republications supply it when
the cluster has a dated member (``frontline.dedup.propagate``); a report
standing alone gets it from its own words instead: it was written no earlier
than the latest calendar date it describes.  A missing year comes from a
dated expression of the same report, else from the store's stated dates when
they lie in a narrow window (``data/events/anchor.yaml``).

The estimate is marked everywhere: ``date_source = "inferred-from-text"``,
``inherited["publication_date"]`` names the report itself (so it never
counts as a stated date, never travels to other members and is derived again
on every resolution), and ``field_spans["publication_date"]`` points at the
date expression it came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from frontline.events._data import load_yaml
from frontline.events.dates import parse_dates
from frontline.model import Document, Span

#: ``Document.date_source`` of an estimated publication date.
INFERRED_FROM_TEXT = "inferred-from-text"


@lru_cache(maxsize=1)
def _cfg() -> dict[str, Any]:
    return load_yaml("anchor.yaml")


@dataclass(frozen=True, slots=True)
class Anchor:
    """The estimated publication date and the words it rests on (offsets into the document)."""

    date: dt.date
    start: int
    end: int
    text: str
    #: Where the year came from: "text" (a dated expression of the report) or "corpus".
    year_from: str


def corpus_window(dates: Iterable[dt.date]) -> tuple[dt.date, dt.date] | None:
    """The span of a store's stated publication dates (quantiles), or None when it is too wide or empty."""
    ordered = sorted(dates)
    if not ordered:
        return None
    lo_q, hi_q = _cfg()["window_quantiles"]
    last = len(ordered) - 1
    lo, hi = ordered[round(lo_q * last)], ordered[round(hi_q * last)]
    if (hi - lo).days > int(_cfg()["max_window_days"]):
        return None
    return lo, hi


def _latest(doc: Document, anchor: dt.date | None) -> tuple[dt.date, int, int, str] | None:
    """The latest end of a calendar date expression in the report's own parts."""
    kinds = set(_cfg()["kinds"])
    wanted = set(_cfg()["parts"])
    regions = [(p.start, p.end) for p in doc.parts if p.kind in wanted] or [(0, len(doc.text))]
    best: tuple[dt.date, int, int, str] | None = None
    for start, end in regions:
        for e in parse_dates(doc.text[start:end], anchor):
            if e.kind in kinds and e.range is not None and (best is None or e.range[1] > best[0]):
                best = (e.range[1], start + e.start, start + e.end, e.text)
    return best


def estimate_publication_date(doc: Document, window: tuple[dt.date, dt.date] | None) -> Anchor | None:
    """The report's estimated publication date, or None when its words do not support one.

    Year-less dates take their year from the store's window when there is
    one (a report that recalls "March 15, 2011" in passing is still read in
    the window's year), else from the latest date the report writes with a
    year.
    """
    dated = _latest(doc, None)  # only expressions that carry their own year resolve without an anchor
    provisional = window[1] if window is not None else (dated[0] if dated is not None else None)
    if provisional is None:
        return None
    found = _latest(doc, provisional)
    if found is None:
        return None
    year_from = "text" if window is None or (dated is not None and dated[1:3] == found[1:3]) else "corpus"
    return Anchor(found[0], found[1], found[2], found[3], year_from)


def apply_estimate(doc: Document, window: tuple[dt.date, dt.date] | None) -> bool:
    """Give an undated document its estimated publication date (in place); True if it got one."""
    if doc.publication_date is not None:
        return False
    est = estimate_publication_date(doc, window)
    if est is None:
        return False
    doc.publication_date = est.date
    doc.date_source = INFERRED_FROM_TEXT
    doc.inherited["publication_date"] = doc.id
    doc.field_spans = {**doc.field_spans, "publication_date": Span(est.start, est.end, "publication_date")}
    return True
