"""Property-based fuzzing: the cleaner, date and number parsers and the geoparser never raise on
arbitrary Unicode, and every offset they return is valid (``text[start:end]`` is the surface string).

Two kinds of input: any Unicode at all (control characters, combining marks,
right-to-left scripts, lone surrogates, NUL), and "report-like" text assembled
from tokens that drive the parsers down their interesting paths (numbers,
month names, vague counts, casualty words, capitalised names, line breaks).
The tokens are written here for the fuzzer; none comes from the example reports.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontline.model import Document

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=400)

TOKENS = [
    "killed", "wounded", "injured", "dead", "dozens", "tens", "hundreds", "at least", "up to", "more than",
    "some", "around", "civilians", "fighters", "soldiers", "0", "1", "7", "12", "99", "1,200", "3.5", "-4",
    "one", "twenty-two", "a hundred", "January", "Feb.", "March", "Sept", "31", "29", "2019", "2020", "1900",
    "9999", "yesterday", "on Monday", "last week", "since", "between", "and", "during the last few days",
    "evening", "night", "of", "the", "in", "near", "north of", "village", "town", "al-", "Tell", "Tal", "Kafr",
    "Jabal", "Aleppo", "Damascus", "Nowhere", "Zzyzx", "\n", "\n\n", "\r\n", "\t", ".", ",", ";", "—", "–", "(",
    ")", "\"", "'", "«", "»", "…", "!!", "?", "http://example.org/x", "#", "*", "By", "Comments", "Reply",
    "مدينة", "حلب", "Алеппо", "é", "e\u0301", "\u200f", "\u200b", "\ufeff", "\x00", "😀", "\ud800",
]
report_text = st.lists(st.sampled_from(TOKENS), max_size=120).map(lambda ts: " ".join(ts))
texts = st.one_of(any_text, report_text)
anchors = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))


def _in_bounds(text: str, start: int, end: int) -> bool:
    return 0 <= start <= end <= len(text)


@FUZZ
@given(texts)
def test_cleaner_never_raises_and_parts_tile_the_text(text: str) -> None:
    from frontline.clean import clean_document

    doc = clean_document(Document(id="f", content_hash="f", source_path="fuzz", text=text))
    assert doc.text == text  # the raw text is never rewritten
    pos = 0
    for part in sorted(doc.parts, key=lambda p: p.start):
        assert _in_bounds(text, part.start, part.end) and part.start < part.end
        assert part.start == pos, "parts overlap or leave a gap"
        pos = part.end
    assert pos == len(text), "every character belongs to exactly one part (model.PART_KINDS)"
    for span in [*doc.sentences, *doc.paragraphs, *doc.field_spans.values()]:
        assert _in_bounds(text, span.start, span.end)


@FUZZ
@given(texts, anchors)
def test_date_parser_never_raises_and_offsets_are_valid(sentence: str, anchor: dt.date | None) -> None:
    from frontline.events.dates import PRECISIONS, best_date, parse_dates

    exprs = parse_dates(sentence, anchor)
    for e in exprs:
        assert _in_bounds(sentence, e.start, e.end)
        assert sentence[e.start : e.end] == e.text
        assert e.precision in PRECISIONS
        if e.range is not None:
            assert e.range[0] <= e.range[1]
    best = best_date(exprs)
    assert best is None or best in exprs


@FUZZ
@given(texts)
def test_fatality_parser_never_raises_and_bounds_are_ordered(sentence: str) -> None:
    from frontline.events.fatalities import find_figures, parse_fatalities

    result = parse_fatalities(sentence)
    assert result.fatalities >= 0
    if result.start is not None or result.end is not None:
        assert result.start is not None and result.end is not None
        assert _in_bounds(sentence, result.start, result.end)
    if result.fatalities_min is not None and result.fatalities_max is not None:
        assert result.fatalities_min <= result.fatalities_max
    for fig in find_figures(sentence):
        assert _in_bounds(sentence, fig.start, fig.end)
        assert 0 <= fig.cue_start <= len(sentence)
        assert fig.value >= 0


@FUZZ
@given(texts)
def test_geoparser_never_raises_and_mentions_are_surface_strings(text: str) -> None:
    from frontline.geo import geoparse_text

    for m in geoparse_text(text):
        assert _in_bounds(text, m.start, m.end) and m.start < m.end
        assert text[m.start : m.end] == m.text
        assert m.geo_precision in (1, 2, 3)
        if m.place is not None:
            assert -90 <= m.place.lat <= 90 and -180 <= m.place.lon <= 180


def _clean(text: str) -> None:
    from frontline.clean import clean_document

    clean_document(Document(id="e", content_hash="e", source_path="edge", text=text))


def _dates(text: str) -> None:
    from frontline.events.dates import parse_dates

    parse_dates(text, dt.date(2020, 2, 1))


def _fatalities(text: str) -> None:
    from frontline.events.fatalities import parse_fatalities

    parse_fatalities(text)


def _geo(text: str) -> None:
    from frontline.geo import geoparse_text

    geoparse_text(text)


EDGE_CASES = ["", "\x00", "\ud800", "\n" * 500, "killed " * 300, "1" * 5000 + " killed", "مدينة حلب", "a\u0301" * 100]
PARSERS = {"clean": _clean, "dates": _dates, "fatalities": _fatalities, "geo": _geo}
#: Bugs the fuzzer found that the owning module has not fixed yet (strict: the mark must go when fixed).
KNOWN: dict[tuple[str, int], str] = {}


@pytest.mark.parametrize(
    ("parser", "case"),
    [
        pytest.param(p, i, marks=[pytest.mark.xfail(strict=True, raises=ValueError, reason=KNOWN[(p, i)])])
        if (p, i) in KNOWN
        else (p, i)
        for p in PARSERS
        for i in range(len(EDGE_CASES))
    ],
)
def test_edge_cases_pass_every_parser(parser: str, case: int) -> None:
    """Fixed edge cases, so a regression shows up even when hypothesis's search misses it."""
    PARSERS[parser](EDGE_CASES[case])
