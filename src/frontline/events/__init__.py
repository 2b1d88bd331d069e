"""ACLED-style event extraction: typology, triggers, classifier, dates, figures, claims.

The stage function is :func:`extract_events`; the pieces it uses are public
so that tests, the CLI and other stages can call them directly.
"""

from __future__ import annotations

from frontline.events.dates import DateExpr, parse_dates
from frontline.events.extract import extract_events
from frontline.events.fatalities import Fatalities, parse_fatalities
from frontline.events.typology import event_type_of, event_types, load_typology, sub_event_types

__all__ = [
    "DateExpr",
    "Fatalities",
    "event_type_of",
    "event_types",
    "extract_events",
    "load_typology",
    "parse_dates",
    "parse_fatalities",
    "sub_event_types",
]
