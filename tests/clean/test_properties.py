"""Property tests: any text → parts cover it exactly once; every span slices it; no crash."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.clean import clean_document
from frontline.model import PART_KINDS, Document

_LINES = st.sampled_from(
    [
        "By Jane Roe",
        "March 3, 2021",
        "Example Times, 4 May 2020",
        "lol!!",
        "I love this 👍",
        "Support us on Patreon",
        "© 2020 Example",
        "https://example.org/x.mp4",
        "*",
        "[Link](#)",
        "The army entered the town on Monday, the ministry said.",
        '"We stay," he said.',
        "",
        "   ",
    ]
)
_STRUCTURED = st.lists(st.one_of(_LINES, st.text(max_size=80)), max_size=25).map("\n".join)
# Markup, quotes, separators and odd whitespace, densely mixed.
_PUNCTUATED = st.text(alphabet=st.sampled_from(list('\n \t*-[]()#"“”!?.,:;@aAbB1©\u00a0\u2028')), max_size=200)


def _check(text: str) -> None:
    doc = clean_document(Document(id="p", content_hash="p", source_path="p", text=text))
    assert doc.text == text
    if not text:
        assert doc.parts == []
        return
    assert doc.parts[0].start == 0 and doc.parts[-1].end == len(text)
    for a, b in zip(doc.parts, doc.parts[1:], strict=False):
        assert a.end == b.start
    for p in doc.parts:
        assert p.kind in PART_KINDS and p.start < p.end
    reading = [p for p in doc.parts if p.kind in ("body", "comment")]
    for s in [*doc.sentences, *doc.paragraphs]:
        assert 0 <= s.start < s.end <= len(text)
        assert any(p.start <= s.start and s.end <= p.end for p in reading)
    for name, span in doc.field_spans.items():
        assert 0 <= span.start < span.end <= len(text), name
        assert text[span.start : span.end].strip()
    assert pickle.loads(pickle.dumps(doc)) == doc


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_unicode(text: str) -> None:
    _check(text)


@settings(max_examples=150, deadline=None)
@given(_STRUCTURED)
def test_report_like_text(text: str) -> None:
    _check(text)


@settings(max_examples=150, deadline=None)
@given(_PUNCTUATED)
def test_markup_heavy_text(text: str) -> None:
    _check(text)


@settings(max_examples=30, deadline=None)
@given(_STRUCTURED)
def test_deterministic(text: str) -> None:
    a = clean_document(Document(id="p", content_hash="p", source_path="p", text=text))
    b = clean_document(Document(id="p", content_hash="p", source_path="p", text=text))
    assert a.parts == b.parts and a.sentences == b.sentences and a.field_spans == b.field_spans
